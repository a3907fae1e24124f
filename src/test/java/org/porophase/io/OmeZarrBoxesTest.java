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

    /**
     * zarr_levels: a 2-level pyramid on an odd-sized anisotropic volume, checked against OME-NGFF 0.4 (multiscales:
     * version, axes z, y, x of type space with a unit, datasets ordered from the full resolution with paths 0, 1, 2, each
     * with exactly one scale and then one translation, the type of downscaling) and against values computed by hand:
     * level 1's voxel (x, y, z) is the most frequent of level 0's 2 × 2 × 2 block (ties to the larger) or its mean, a
     * block clipped at the odd edge counts only its voxels; shapes ⌈n/2⌉, ⌈n/4⌉. The same levels added to an image
     * written box by box ({@link OmeZarrWriter#addLevels}) give the same files.
     */
    @Test
    @SuppressWarnings("unchecked")
    void downsampledLevelsFollowOmeNgff04AndReduceEveryBlock(@TempDir Path tmp) throws Exception {
        int w = 11;
        int h = 6;
        int d = 5;
        VoxelSize vs = new VoxelSize(0.5, 0.5, 2);
        Object[] bytes = new Object[d];
        Object[] floats = new Object[d];
        for (int z = 0; z < d; z++) {
            byte[] b = new byte[w * h];
            float[] f = new float[w * h];
            for (int i = 0; i < b.length; i++) {
                int x = i % w;
                int y = i / w;
                b[i] = (byte) ((x + 2 * y + 3 * z) % 3 == 0 ? 255 : (x * y + z) % 4 == 0 ? 128 : 0);
                f[i] = x + 10 * y + 100 * z;
            }
            bytes[z] = b;
            floats[z] = f;
        }
        Path mask = tmp.resolve("a").resolve("m.ome.zarr");
        Path lt = tmp.resolve("a").resolve("t.ome.zarr");
        OmeZarrWriter.write(mask, VolumeWriters.arraySource(w, h, bytes, vs), vs, OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 4, 1, 2,
                OmeZarrWriter.Reduction.MODE);
        OmeZarrWriter.write(lt, VolumeWriters.arraySource(w, h, floats, vs), vs, OmeZarrWriter.DataType.FLOAT32, OmeZarrWriter.Compression.GZIP, 4, 1, 2,
                OmeZarrWriter.Reduction.MEAN);

        java.util.Map<String, Object> attrs = new org.yaml.snakeyaml.Yaml().load(Files.readString(mask.resolve(".zattrs")));
        java.util.Map<String, Object> ms = ((List<java.util.Map<String, Object>>) attrs.get("multiscales")).get(0);
        assertEquals("0.4", ms.get("version"));
        assertEquals("mode", ms.get("type"));
        List<java.util.Map<String, Object>> axes = (List<java.util.Map<String, Object>>) ms.get("axes");
        assertEquals(List.of("z", "y", "x"), axes.stream().map(a -> a.get("name")).toList());
        assertTrue(axes.stream().allMatch(a -> "space".equals(a.get("type")) && "micrometer".equals(a.get("unit"))), axes.toString());
        List<java.util.Map<String, Object>> ds = (List<java.util.Map<String, Object>>) ms.get("datasets");
        assertEquals(List.of("0", "1", "2"), ds.stream().map(x -> x.get("path")).toList());
        for (int k = 0; k < 3; k++) {
            List<java.util.Map<String, Object>> tr = (List<java.util.Map<String, Object>>) ds.get(k).get("coordinateTransformations");
            assertEquals(k == 0 ? List.of("scale") : List.of("scale", "translation"), tr.stream().map(x -> x.get("type")).toList(), "level " + k);
            double f = 1 << k;
            assertEquals(List.of(2 * f, 0.5 * f, 0.5 * f), ((List<Number>) tr.get(0).get("scale")).stream().map(Number::doubleValue).toList());
            if (k > 0) {
                double o = (f - 1) / 2;
                assertEquals(List.of(2 * o, 0.5 * o, 0.5 * o), ((List<Number>) tr.get(1).get("translation")).stream().map(Number::doubleValue).toList());
            }
        }
        assertEquals("mean", ((List<java.util.Map<String, Object>>) new org.yaml.snakeyaml.Yaml().<java.util.Map<String, Object>>load(
                Files.readString(lt.resolve(".zattrs"))).get("multiscales")).get(0).get("type"));

        // the values of level 1 and 2, recomputed here from level 0
        try (VolumeSource m0 = VolumeReaders.open(mask, "0"); VolumeSource m1 = VolumeReaders.open(mask, "1"); VolumeSource m2 = VolumeReaders.open(mask, "2");
                VolumeSource t1 = VolumeReaders.open(lt, "1")) {
            assertEquals(List.of(6, 3, 3), List.of(m1.width(), m1.height(), m1.depth()));
            assertEquals(List.of(3, 2, 2), List.of(m2.width(), m2.height(), m2.depth()));
            int checked = 0;
            for (int z = 0; z < 3; z++) {
                byte[] got = (byte[]) m1.slice(z);
                float[] gotT = (float[]) t1.slice(z);
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 6; x++) {
                        int[] count = new int[256];
                        double sum = 0;
                        int n = 0;
                        for (int zz = 2 * z; zz < Math.min(d, 2 * z + 2); zz++) {
                            for (int yy = 2 * y; yy < Math.min(h, 2 * y + 2); yy++) {
                                for (int xx = 2 * x; xx < Math.min(w, 2 * x + 2); xx++) {
                                    count[((byte[]) bytes[zz])[yy * w + xx] & 0xff]++;
                                    sum += ((float[]) floats[zz])[yy * w + xx];
                                    n++;
                                }
                            }
                        }
                        int mode = 0;
                        for (int v = 0; v < 256; v++) {
                            if (count[v] >= count[mode]) {
                                mode = v;
                            }
                        }
                        assertEquals(mode, got[y * 6 + x] & 0xff, "mode at " + x + "," + y + "," + z);
                        assertEquals(sum / n, gotT[y * 6 + x], 1e-4, "mean at " + x + "," + y + "," + z);
                        checked++;
                    }
                }
            }
            assertEquals(54, checked);
            // level 2 from level 1 (the last z block holds one slice of level 1, the last x block two voxels)
            byte[] l1 = (byte[]) m1.slice(2);
            byte[] l2 = (byte[]) m2.slice(1);
            int[] c = new int[256];
            for (int xx = 4; xx < 6; xx++) {
                for (int yy = 2; yy < 3; yy++) {
                    c[l1[yy * 6 + xx] & 0xff]++;
                }
            }
            int mode = 0;
            for (int v = 0; v < 256; v++) {
                if (c[v] >= c[mode]) {
                    mode = v;
                }
            }
            assertEquals(mode, l2[1 * 3 + 2] & 0xff, "the corner voxel of level 2");
        }

        // the same levels added to the image written box by box (on the driver, after the passes)
        Path boxes = Files.createDirectories(tmp.resolve("b")).resolve("m.ome.zarr");
        OmeZarrWriter.Boxes t = OmeZarrWriter.create(boxes, w, h, d, vs, OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 4);
        for (int z0 = 0; z0 < d; z0 += 4) {
            for (int y0 = 0; y0 < h; y0 += 4) {
                for (int x0 = 0; x0 < w; x0 += 4) {
                    int bw = Math.min(4, w - x0);
                    int bh = Math.min(4, h - y0);
                    int bd = Math.min(4, d - z0);
                    byte[] box = new byte[bw * bh * bd];
                    for (int z = 0; z < bd; z++) {
                        for (int y = 0; y < bh; y++) {
                            System.arraycopy((byte[]) bytes[z0 + z], (y0 + y) * w + x0, box, (z * bh + y) * bw, bw);
                        }
                    }
                    OmeZarrWriter.writeBox(t, x0, y0, z0, bw, bh, bd, box);
                }
            }
        }
        OmeZarrWriter.finish(t);
        OmeZarrWriter.addLevels(t, vs, 2, OmeZarrWriter.Reduction.MODE, 1, 255);
        assertEquals(files(mask), files(boxes));
        for (String f : files(mask)) {
            assertArrayEquals(Files.readAllBytes(mask.resolve(f)), Files.readAllBytes(boxes.resolve(f)), f);
        }
        org.porophase.core.InvalidValueException bad = assertThrows(org.porophase.core.InvalidValueException.class,
                () -> OmeZarrWriter.write(tmp.resolve("x.ome.zarr"), VolumeWriters.arraySource(w, h, bytes, vs), vs, OmeZarrWriter.DataType.UINT8,
                        OmeZarrWriter.Compression.GZIP, 4, 1, 7, OmeZarrWriter.Reduction.MODE));
        assertTrue(bad.getMessage().contains("zarr_levels"), bad.getMessage());
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
