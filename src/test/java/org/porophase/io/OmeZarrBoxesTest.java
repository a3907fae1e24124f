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

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
