package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * {@link OmeZarrWriter#create} + {@link OmeZarrWriter#writeBox} (block-wise outputs, issue 14): boxes of whole chunks
 * written in any order (one twice, as a retried task) give the files {@link OmeZarrWriter#write} gives for the same
 * volume, byte for byte; a box that cuts a chunk is refused; no temporary file is left.
 */
class OmeZarrBoxesTest {
    static final int W = 20;
    static final int H = 12;
    static final int D = 9;
    static final VoxelSize VS = new VoxelSize(0.5, 0.5, 2);

    static float value(int x, int y, int z) {
        return x < 8 && y < 8 && z < 8 ? 0f : x * 0.25f + y * 10 + z * 100; // the first chunk (8³ from the origin) stays 0: not written
    }

    @Test
    void boxesOfWholeChunksGiveTheFilesOfTheStreamingWriter(@TempDir Path tmp) throws Exception {
        Object[] sl = new Object[D];
        for (int z = 0; z < D; z++) {
            float[] s = new float[W * H];
            for (int i = 0; i < s.length; i++) {
                s[i] = value(i % W, i / W, z);
            }
            sl[z] = s;
        }
        VolumeSource src = VolumeWriters.arraySource(W, H, sl, VS);
        Path whole = tmp.resolve("a").resolve("v.ome.zarr");
        OmeZarrWriter.write(whole, src, VS, OmeZarrWriter.DataType.FLOAT32, OmeZarrWriter.Compression.GZIP, 8);
        Path boxes = Files.createDirectories(tmp.resolve("b")).resolve("v.ome.zarr");
        OmeZarrWriter.Boxes t = OmeZarrWriter.create(boxes, W, H, D, VS, OmeZarrWriter.DataType.FLOAT32, OmeZarrWriter.Compression.GZIP, 8);
        // blocks of 16 (2 chunks of 8) in reverse order, edge blocks clipped to the volume; one written twice
        int[][] order = {{16, 8, 8}, {0, 8, 8}, {16, 0, 0}, {0, 0, 0}, {16, 8, 0}, {0, 8, 0}, {16, 0, 8}, {0, 0, 8}, {0, 0, 0}};
        for (int[] o : order) {
            int bw = Math.min(16, W - o[0]);
            int bh = Math.min(16, H - o[1]);
            int bd = Math.min(8, D - o[2]);
            float[] box = new float[bw * bh * bd];
            for (int z = 0; z < bd; z++) {
                for (int y = 0; y < bh; y++) {
                    for (int x = 0; x < bw; x++) {
                        box[(z * bh + y) * bw + x] = value(o[0] + x, o[1] + y, o[2] + z);
                    }
                }
            }
            OmeZarrWriter.writeBox(t, o[0], o[1], o[2], bw, bh, bd, box);
        }
        List<String> fa = files(whole);
        assertEquals(fa, files(boxes));
        assertFalse(fa.contains("0/0/0/0"), "the chunk of zeros is not written: " + fa);
        assertTrue(fa.contains("0/1/1/2"), "the corner chunk (clipped to 4 × 4 × 1 voxels) is: " + fa);
        for (String f : fa) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(boxes.resolve(f)), f);
        }
        try (VolumeSource v = VolumeReaders.open(boxes, null)) {
            assertEquals(VS, v.voxelSize());
            assertEquals(value(19, 11, 8), ((float[]) v.slice(8))[11 * W + 19], 0f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OmeZarrWriter.writeBox(t, 4, 0, 0, 8, 8, 8, new float[512]));
        assertTrue(e.getMessage().contains("whole"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OmeZarrWriter.writeBox(t, 0, 0, 0, 8, 8, 7, new float[448]));
    }

    /**
     * A worker that does not see the image (a cluster without a shared --out, or a staging folder already removed)
     * fails naming the image, instead of re-creating it privately (the committed image would read as all zeros).
     */
    @Test
    void aBoxForAnImageThisWorkerCannotSeeIsRefused(@TempDir Path tmp) throws Exception {
        Path img = tmp.resolve("gone.ome.zarr");
        OmeZarrWriter.Boxes t = OmeZarrWriter.create(img, 8, 8, 8, VS, OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 8);
        try (Stream<Path> s = Files.walk(img)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        byte[] box = new byte[512];
        java.util.Arrays.fill(box, (byte) 1);
        org.porophase.core.PoroPhaseException e = assertThrows(org.porophase.core.PoroPhaseException.class,
                () -> OmeZarrWriter.writeBox(t, 0, 0, 0, 8, 8, 8, box));
        assertTrue(e.getMessage().contains("not visible from this worker") && e.getMessage().contains("gone.ome.zarr"), e.getMessage());
        assertFalse(Files.exists(img), "the image folder is not re-created");
    }

    /**
     * A task killed between writing a chunk's temporary file and moving it into place (kill -9 of a Spark executor)
     * must leave nothing inside the image, which the driver commits as it is: every directory of the image is watched
     * while the boxes are written, and no temporary file may ever appear in one (the old writer put {@code .chunk-*.tmp}
     * beside the chunk); the killed writer's leftover in the scratch folder goes with {@link OmeZarrWriter#finish},
     * after which a writer still running elsewhere is refused instead of adding files.
     */
    @Test
    void noTemporaryChunkFileEverAppearsInsideTheImage(@TempDir Path tmp) throws Exception {
        Path img = Files.createDirectories(tmp.resolve("set")).resolve("v.mask.ome.zarr");
        OmeZarrWriter.Boxes t = OmeZarrWriter.create(img, 16, 16, 16, VS, OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 8);
        Path scratch = Path.of(t.scratch());
        assertTrue(Files.isDirectory(scratch) && !scratch.startsWith(img), "the scratch folder is beside the image: " + scratch);
        assertFalse(org.porophase.core.OutputNames.isFolderOutput(scratch.getFileName().toString()), "never taken for an output: " + scratch);
        java.util.List<String> created = new java.util.ArrayList<>();
        try (java.nio.file.WatchService ws = img.getFileSystem().newWatchService()) {
            // the chunk folders 0/z/y exist before the boxes are written (writeBox keeps existing ones), each watched
            for (Path d : List.of(img, img.resolve("0"), img.resolve("0/0"), img.resolve("0/1"), img.resolve("0/0/0"), img.resolve("0/0/1"),
                    img.resolve("0/1/0"), img.resolve("0/1/1"))) {
                Files.createDirectories(d);
                d.register(ws, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            }
            byte[] box = new byte[16 * 16 * 8];
            java.util.Arrays.fill(box, (byte) 255);
            OmeZarrWriter.writeBox(t, 0, 0, 0, 16, 16, 8, box);
            OmeZarrWriter.writeBox(t, 0, 0, 8, 16, 16, 8, box);
            OmeZarrWriter.writeBox(t, 0, 0, 8, 16, 16, 8, box); // a retried task writes its box again
            for (java.nio.file.WatchKey k; (k = ws.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null; k.reset()) {
                for (java.nio.file.WatchEvent<?> e : k.pollEvents()) {
                    created.add(String.valueOf(e.context()));
                }
            }
        }
        assertTrue(created.contains("0") && created.contains("1"), "the chunk files were seen arriving: " + created);
        assertTrue(created.stream().allMatch(n -> n.matches("\\d+")), "only chunk files entered the image (moved in complete): " + created);
        // what a writer killed half-way leaves: a partial temporary chunk, in the scratch folder
        Files.write(scratch.resolve(".chunk-4711.tmp"), new byte[] {31, (byte) 139, 8});
        OmeZarrWriter.finish(t);
        assertFalse(Files.exists(scratch), "finish removes the scratch folder with the killed writer's temporary file");
        try (Stream<Path> s = Files.list(img.getParent())) {
            assertEquals(List.of("v.mask.ome.zarr"), s.map(p -> p.getFileName().toString()).toList(), "the set holds the image only");
        }
        assertEquals(List.of(".zattrs", ".zgroup", "0/.zarray", "0/0/0/0", "0/0/0/1", "0/0/1/0", "0/0/1/1", "0/1/0/0", "0/1/0/1", "0/1/1/0", "0/1/1/1"),
                files(img));
        try (VolumeSource v = VolumeReaders.open(img, null)) {
            assertEquals((byte) 255, ((byte[]) v.slice(15))[255]);
        }
        org.porophase.core.PoroPhaseException e = assertThrows(org.porophase.core.PoroPhaseException.class,
                () -> OmeZarrWriter.writeBox(t, 0, 0, 0, 16, 16, 8, new byte[16 * 16 * 8]));
        assertTrue(e.getMessage().contains("not visible from this worker"), e.getMessage());
        // the metadata in a fixed key order: the same bytes from every JVM (Map.of's order changes from one JVM start to the next)
        assertTrue(Files.readString(img.resolve("0/.zarray")).contains("\"compressor\": {\n    \"id\": \"gzip\",\n    \"level\": 1\n  }"),
                Files.readString(img.resolve("0/.zarray")));
        assertTrue(Files.readString(img.resolve(".zattrs")).contains("{\"name\":\"z\",\"type\":\"space\",\"unit\":\"micrometer\"}"), Files.readString(img.resolve(".zattrs")));
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
