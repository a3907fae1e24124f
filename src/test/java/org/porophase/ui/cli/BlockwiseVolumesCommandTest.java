package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeReaders;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SyntheticVolumes;

/**
 * analyze-volume --blockwise --save-mask --save-thickness --save-labels --volume-format zarr (issue 14): the volumes
 * written block by block by the passes equal the in-memory ones voxel for voxel — mask after small-object removal,
 * local-thickness map, and labels with the same numbers (first voxel in z, y, x order; not only the same partition) —
 * on an anisotropic 70×53×61 volume with blocks of 16 (chunks of 16, many block faces) and of 64 (the in-memory
 * writer's 64³ chunks: the chunk files are then byte for byte the same); the TIFF format is refused by name.
 */
class BlockwiseVolumesCommandTest {
    @TempDir
    Path tmp;

    static final int W = 70;
    static final int H = 53;
    static final int D = 61;
    static final VoxelSize VS = new VoxelSize(0.5, 0.5, 0.8);
    static final List<String> VOLUMES = List.of("mask", "thickness", "labels");

    /** Boolean spheres, a tube along z (percolates), a ball across blocks, one-voxel specks removed by --min-pore-voxels 3; 8-bit gray. */
    private Path input() {
        BinaryVolume m = SyntheticVolumes.booleanSpheres(W, H, D, VS, 2.0, 0.18, 11).volume();
        for (int z = 0; z < D; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double tx = (x - 20) * VS.x();
                    double ty = (y - 30) * VS.y();
                    double bx = (x - 45) * VS.x();
                    double by = (y - 20) * VS.y();
                    double bz = (z - 30) * VS.z();
                    if (tx * tx + ty * ty < 2.2 * 2.2 || bx * bx + by * by + bz * bz < 8.5 * 8.5) {
                        m.set(x, y, z, MaskSource.PORE);
                    }
                }
            }
        }
        for (int[] t : new int[][] {{8, 8, 8}, {15, 16, 31}, {63, 47, 55}, {0, 52, 60}}) {
            for (int dz = -1; dz <= 1; dz++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = t[0] + dx;
                        int y = t[1] + dy;
                        int z = t[2] + dz;
                        if (x >= 0 && y >= 0 && z >= 0 && x < W && y < H && z < D) {
                            m.set(x, y, z, MaskSource.SOLID);
                        }
                    }
                }
            }
            m.set(t[0], t[1], t[2], MaskSource.PORE);
        }
        SplittableRandom r = new SplittableRandom(3);
        Object[] s = new Object[D];
        for (int z = 0; z < D; z++) {
            byte[] g = new byte[W * H];
            byte[] ms = m.slice(z);
            for (int i = 0; i < g.length; i++) {
                g[i] = (byte) ((ms[i] == MaskSource.PORE ? 60 : 170) + r.nextInt(-25, 26));
            }
            s[z] = g;
        }
        Path p = tmp.resolve("vol.tif");
        VolumeWriters.writeTiff(p, VolumeWriters.toImagePlus("vol", W, H, s, VS));
        return p;
    }

    private static AnalyzeCommandTest.Run analyze(Path in, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("analyze-volume", in.toString(), "--json", "-q", "--threads", "2", "--min-pore-voxels", "3",
                "--save-mask", "--save-thickness", "--save-labels", "--volume-format", "zarr", "--out", out.toString()));
        a.addAll(List.of(more));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void blockwiseVolumesEqualTheInMemoryOnesVoxelForVoxel() throws Exception {
        Path in = input();
        Path mem = tmp.resolve("mem");
        analyze(in, mem);
        for (int block : new int[] {16, 64}) {
            Path blk = tmp.resolve("blk" + block);
            AnalyzeCommandTest.Run r = analyze(in, blk, "--blockwise", "--block-size", String.valueOf(block));
            assertTrue(r.out().contains("\"blockwise\""), r.out());
            try (Stream<Path> s = Files.list(blk)) {
                assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".porophase-staging")), "no staging folder left");
            }
            for (String v : VOLUMES) {
                Path a = mem.resolve("vol." + v + ".ome.zarr");
                Path b = blk.resolve("vol." + v + ".ome.zarr");
                try (VolumeSource ma = VolumeReaders.open(a, null); VolumeSource mb = VolumeReaders.open(b, null)) {
                    assertEquals(ma.voxelSize(), mb.voxelSize(), v);
                    assertEquals(VS, mb.voxelSize(), v);
                    assertEquals(ma.bitDepth(), mb.bitDepth(), v);
                    assertArrayEquals(new int[] {W, H, D}, new int[] {mb.width(), mb.height(), mb.depth()}, v);
                    for (int z = 0; z < D; z++) {
                        Object sa = ma.slice(z);
                        Object sb = mb.slice(z);
                        if (sa instanceof byte[] x) {
                            assertArrayEquals(x, (byte[]) sb, v + " slice " + z + ", blocks of " + block);
                        } else {
                            assertArrayEquals((float[]) sa, (float[]) sb, 0f, v + " slice " + z + ", blocks of " + block);
                        }
                    }
                }
                if (block == 64) {
                    // the in-memory writer's chunks (64³, clipped to the volume): the same files, byte for byte
                    assertSameTree(a, b);
                }
            }
        }
        // the numbers are the pores of the summary, each one 6-connected component; the mask's pores are the labelled voxels
        checkLabels(tmp.resolve("blk16"));
    }

    /**
     * --zarr-levels 2: the block-wise run adds the downsampled levels on the driver from its written images, the in-memory
     * run while writing; the pyramids (mask and labels by the mode, the thickness map by the mean) are the same files,
     * byte for byte, with levels 0, 1, 2 in multiscales.
     */
    @Test
    void zarrLevelsGiveTheSamePyramidInMemoryAndBlockwise() throws Exception {
        Path in = input();
        Path mem = tmp.resolve("mem-levels");
        analyze(in, mem, "--zarr-levels", "2");
        Path blk = tmp.resolve("blk-levels");
        analyze(in, blk, "--zarr-levels", "2", "--blockwise", "--block-size", "64");
        for (String v : VOLUMES) {
            Path a = mem.resolve("vol." + v + ".ome.zarr");
            Path b = blk.resolve("vol." + v + ".ome.zarr");
            assertTrue(Files.isRegularFile(a.resolve("2/.zarray")) && Files.readString(a.resolve(".zattrs")).contains("\"path\":\"2\""), v);
            assertSameTree(a, b);
            try (VolumeSource l2 = VolumeReaders.open(b, "2")) {
                assertArrayEquals(new int[] {(W + 3) / 4, (H + 3) / 4, (D + 3) / 4}, new int[] {l2.width(), l2.height(), l2.depth()}, v);
            }
        }
        try (Stream<Path> s = Files.walk(blk)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".porophase-") || p.getFileName().toString().endsWith(".tmp")),
                    "no staging folder or temporary file left");
        }
    }

    private static void checkLabels(Path out) throws Exception {
        String json = Files.readString(out.resolve("vol.summary.json"));
        long pores = count(json, "open_pore_count") + count(json, "closed_pore_count");
        int[][] lab = new int[D][];
        byte[][] mask = new byte[D][];
        try (VolumeSource l = VolumeReaders.open(out.resolve("vol.labels.ome.zarr"), null);
                VolumeSource m = VolumeReaders.open(out.resolve("vol.mask.ome.zarr"), null)) {
            for (int z = 0; z < D; z++) {
                float[] f = (float[]) l.slice(z);
                lab[z] = new int[f.length];
                for (int i = 0; i < f.length; i++) {
                    lab[z][i] = (int) f[i];
                }
                mask[z] = (byte[]) m.slice(z);
            }
        }
        Set<Integer> seen = new HashSet<>();
        int next = 1;
        for (int z = 0; z < D; z++) {
            for (int i = 0; i < W * H; i++) {
                int v = lab[z][i];
                assertEquals(v != 0, mask[z][i] == (byte) 255, "labelled voxels are the mask's pores, voxel " + i + " of slice " + z);
                if (v != 0 && seen.add(v)) {
                    assertEquals(next++, v, "numbered in the order of the first voxel (z, y, x)");
                    assertEquals(0, flood(lab, i % W, i / W, z, v), "label " + v + " is one 6-connected component");
                }
            }
        }
        assertEquals(pores, seen.size(), "labels = the summary's pore count (" + json.length() + " chars of JSON)");
        assertTrue(pores > 20, "many pores: " + pores);
    }

    /** Flood-fills label v from a voxel (6-connected); returns how many voxels of v it did not reach. */
    private static long flood(int[][] lab, int x0, int y0, int z0, int v) {
        long total = 0;
        for (int[] s : lab) {
            for (int l : s) {
                total += l == v ? 1 : 0;
            }
        }
        boolean[][] done = new boolean[D][W * H];
        ArrayDeque<int[]> q = new ArrayDeque<>();
        q.add(new int[] {x0, y0, z0});
        done[z0][y0 * W + x0] = true;
        long reached = 0;
        int[][] nb = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        while (!q.isEmpty()) {
            int[] p = q.poll();
            reached++;
            for (int[] n : nb) {
                int x = p[0] + n[0];
                int y = p[1] + n[1];
                int z = p[2] + n[2];
                if (x >= 0 && y >= 0 && z >= 0 && x < W && y < H && z < D && !done[z][y * W + x] && lab[z][y * W + x] == v) {
                    done[z][y * W + x] = true;
                    q.add(new int[] {x, y, z});
                }
            }
        }
        return total - reached;
    }

    private static long count(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\": ?([0-9]+)").matcher(json);
        assertTrue(m.find(), key);
        return Long.parseLong(m.group(1));
    }

    private static void assertSameTree(Path a, Path b) throws Exception {
        List<String> fa;
        List<String> fb;
        try (Stream<Path> s = Files.walk(a)) {
            fa = s.filter(Files::isRegularFile).map(p -> a.relativize(p).toString()).sorted().toList();
        }
        try (Stream<Path> s = Files.walk(b)) {
            fb = s.filter(Files::isRegularFile).map(p -> b.relativize(p).toString()).sorted().toList();
        }
        assertEquals(fa, fb, "the same chunk files in " + a.getFileName());
        assertTrue(fa.size() > 3, "chunks written: " + fa);
        for (String f : fa) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " of " + a.getFileName());
        }
    }

    @Test
    void anOpenStackAnalysedBlockwiseWritesTheSameVolumes() throws Exception {
        // the Fiji path (pipeline.AnalyzeJob on an ImagePlus): the run goes inside the output set's commit as for a file
        Path in = input();
        Path mem = tmp.resolve("mem");
        analyze(in, mem);
        ij.ImagePlus imp = ij.IJ.openImage(in.toString());
        java.util.Map<String, Object> set = new java.util.LinkedHashMap<>();
        set.put("blockwise", true);
        set.put("block_size", 32);
        set.put("min_pore_voxels", 3);
        set.put("threads", 2);
        set.put("save_mask", true);
        set.put("save_thickness", true);
        set.put("save_labels", true);
        set.put("volume_format", "zarr");
        Path out = tmp.resolve("stack");
        org.porophase.pipeline.AnalyzeJob.Outcome o = new org.porophase.pipeline.AnalyzeJob(
                org.porophase.config.PluginConfig.defaults().with("analyze-volume", set, "test"), out).analyze(imp, null);
        assertTrue(o.volume().blockwise() != null && !o.volume().blockwise().isEmpty(), "block-wise");
        for (String v : VOLUMES) {
            Path b = out.resolve(imp.getShortTitle() + "." + v + ".ome.zarr");
            assertTrue(o.files().contains(b), o.files() + " lists " + b);
            try (VolumeSource ma = VolumeReaders.open(mem.resolve("vol." + v + ".ome.zarr"), null); VolumeSource mb = VolumeReaders.open(b, null)) {
                for (int z = 0; z < D; z++) {
                    Object sa = ma.slice(z);
                    Object sb = mb.slice(z);
                    if (sa instanceof byte[] x) {
                        assertArrayEquals(x, (byte[]) sb, v + " slice " + z);
                    } else {
                        assertArrayEquals((float[]) sa, (float[]) sb, 0f, v + " slice " + z);
                    }
                }
            }
        }
    }

    @Test
    void blockwiseVolumesAsTiffAreRefusedByNameAndNothingIsWritten() throws Exception {
        Path in = input();
        for (String opt : List.of("--save-mask", "--save-thickness", "--save-labels")) {
            Path out = tmp.resolve("out" + opt);
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze-volume", in.toString(), "-q", "--blockwise", opt, "--out", out.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(opt) && r.err().contains("--volume-format zarr"), r.err());
            assertFalse(Files.exists(out.resolve("vol.summary.json")), "nothing written");
        }
    }
}
