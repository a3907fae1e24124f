package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.binary.LocalThickness;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeReaders;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SyntheticVolumes;

/**
 * analyze-volume --save-thickness and --save-labels (issue 14): the local-thickness map and the 6-connected pore
 * labels written as TIFF and as OME-Zarr, read back and checked against the in-memory results; the refusals.
 */
class VolumeMapsCommandTest {
    @TempDir
    Path tmp;

    private static final int W = 40;
    private static final int H = 36;
    private static final int D = 20;
    /** Anisotropic, so a voxel size written as x, y, z in the wrong order or as isotropic is caught. */
    private static final VoxelSize VS = new VoxelSize(1.5, 1.5, 3);

    /** Two balls of different radii, and two boxes that touch along an edge only (two 6-connected pores). */
    private static boolean pore(int x, int y, int z) {
        double px = (x + 0.5) * VS.x();
        double py = (y + 0.5) * VS.y();
        double pz = (z + 0.5) * VS.z();
        boolean a = sq(px - 16) + sq(py - 16) + sq(pz - 22) <= sq(10);
        boolean b = sq(px - 44) + sq(py - 38) + sq(pz - 40) <= sq(7);
        boolean c1 = x >= 28 && x < 32 && y >= 2 && y < 6 && z >= 1 && z < 4;
        boolean c2 = x >= 32 && x < 36 && y >= 6 && y < 10 && z >= 1 && z < 4;
        return a || b || c1 || c2;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** The truth mask, and the input: its gray image plus a one-voxel speck that --min-pore-voxels 2 removes. */
    private static BinaryVolume truth() {
        return SyntheticVolumes.fromShape(W, H, D, VS, (x, y, z) -> pore((int) (x / VS.x()), (int) (y / VS.y()), (int) (z / VS.z())));
    }

    private Path input(BinaryVolume t) {
        Object[] sl = new Object[D];
        for (int z = 0; z < D; z++) {
            byte[] s = t.slice(z);
            byte[] g = new byte[s.length];
            for (int i = 0; i < s.length; i++) {
                g[i] = (byte) (s[i] == MaskSource.PORE ? 40 : 200);
            }
            sl[z] = g;
        }
        ((byte[]) sl[15])[30 * W + 4] = 40; // the speck, isolated (its neighbours are solid)
        Path p = tmp.resolve("pores.tif");
        VolumeWriters.writeTiff(p, VolumeWriters.toImagePlus("pores", W, H, sl, VS));
        return p;
    }

    private static long count(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ?([0-9]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }

    private static double value(Object slice, int i) {
        if (slice instanceof byte[] b) {
            return b[i] & 0xff;
        }
        if (slice instanceof short[] s) {
            return s[i] & 0xffff;
        }
        return ((float[]) slice)[i];
    }

    @Test
    void thicknessMapAndLabelsReadBackAsComputedInBothFormats() throws Exception {
        BinaryVolume t = truth();
        Path in = input(t);
        LocalThickness lt = LocalThickness.compute(t, 0.5, 2, true);
        assertTrue(lt.max > 2 * 8, "the larger ball reads about its diameter 20 µm: " + lt.max);
        for (String format : new String[] {"tiff", "zarr"}) {
            Path out = tmp.resolve("out-" + format);
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--json", "--threads", "2", "--min-pore-voxels", "2",
                    "--save-thickness", "--save-labels", "--volume-format", format, "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            boolean zarr = format.equals("zarr");
            Path thick = out.resolve(zarr ? "pores.thickness.ome.zarr" : "pores.thickness.tif");
            Path labels = out.resolve(zarr ? "pores.labels.ome.zarr" : "pores.labels.tif");
            assertTrue(Files.exists(thick) && Files.exists(labels), format + ": " + thick + ", " + labels);
            assertFalse(Files.exists(out.resolve("pores.mask.tif")) || Files.exists(out.resolve("pores.mask.ome.zarr")), "no mask without --save-mask");

            // the thickness map: float32, the in-memory map's diameters voxel for voxel, 0 at solid voxels
            long poreVoxels = 0;
            try (VolumeSource m = VolumeReaders.open(thick, null)) {
                assertEquals(VS, m.voxelSize(), format);
                assertEquals(32, m.bitDepth(), format);
                assertEquals(D, m.depth());
                for (int z = 0; z < D; z++) {
                    float[] got = (float[]) m.slice(z);
                    for (int i = 0; i < got.length; i++) {
                        double want = lt.diameterAt(i % W, i / W, z, W); // the in-memory map (NaN off the pores)
                        assertEquals(Double.isNaN(want) ? 0f : (float) want, got[i], 0f, format + " voxel " + i + " of slice " + z);
                        poreVoxels += got[i] > 0 ? 1 : 0;
                    }
                }
            }
            assertEquals(lt.poreVoxels, poreVoxels, "every pore voxel has its diameter, no other voxel");
            try (VolumeSource m = VolumeReaders.open(thick, null)) {
                // analytic check: the centre of ball A (radius 10 µm at 16, 16, 22 µm) reads its diameter 20 µm within
                // two voxels of the smallest spacing (digitization, LocalThickness: up to about one voxel less)
                float centre = ((float[]) m.slice((int) (22 / VS.z())))[(int) (16 / VS.y()) * W + (int) (16 / VS.x())];
                assertEquals(20, centre, 2 * VS.min(), "ball A's diameter at its centre");
            }

            // the labels: N distinct = the summary's pore count, each one 6-connected component, the speck removed (0)
            long pores = count(r.out(), "open_pore_count") + count(r.out(), "closed_pore_count");
            assertEquals(5 - 1, pores, "two balls and two edge-touching boxes; the speck removed: " + r.out());
            int[][] lab = new int[D][];
            try (VolumeSource m = VolumeReaders.open(labels, null)) {
                assertEquals(VS, m.voxelSize(), format);
                if (!zarr) {
                    assertEquals(16, m.bitDepth(), "up to 65535 labels: a 16-bit TIFF");
                }
                for (int z = 0; z < D; z++) {
                    Object s = m.slice(z);
                    lab[z] = new int[W * H];
                    for (int i = 0; i < W * H; i++) {
                        lab[z][i] = (int) value(s, i);
                    }
                }
            }
            assertEquals(0, lab[15][30 * W + 4], "the removed speck is no label");
            checkLabels(lab, t, pores);
        }
    }

    /** Labels 1 … n, each on pore voxels of {@code t} only, each one 6-connected component, no two labels 6-adjacent. */
    private static void checkLabels(int[][] lab, BinaryVolume t, long n) {
        Map<Integer, Long> voxels = new HashMap<>();
        Map<Integer, int[]> first = new HashMap<>();
        for (int z = 0; z < D; z++) {
            for (int i = 0; i < W * H; i++) {
                int l = lab[z][i];
                assertEquals(l != 0, t.slice(z)[i] == MaskSource.PORE, "labels exactly on the pore voxels, slice " + z + " voxel " + i);
                if (l != 0) {
                    voxels.merge(l, 1L, Long::sum);
                    first.putIfAbsent(l, new int[] {i % W, i / W, z});
                }
            }
        }
        assertEquals(n, voxels.size(), "distinct non-zero labels = the summary's pore count");
        for (int k = 1; k <= n; k++) {
            assertTrue(voxels.containsKey(k), "labels numbered 1 … n, " + k + " missing");
        }
        int[][] nb = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (Map.Entry<Integer, int[]> e : first.entrySet()) {
            int l = e.getKey();
            boolean[][] seen = new boolean[D][W * H];
            ArrayDeque<int[]> q = new ArrayDeque<>();
            q.add(e.getValue());
            seen[e.getValue()[2]][e.getValue()[1] * W + e.getValue()[0]] = true;
            long reached = 0;
            while (!q.isEmpty()) {
                int[] p = q.poll();
                reached++;
                for (int[] o : nb) {
                    int x = p[0] + o[0];
                    int y = p[1] + o[1];
                    int z = p[2] + o[2];
                    if (x < 0 || y < 0 || z < 0 || x >= W || y >= H || z >= D) {
                        continue;
                    }
                    int v = lab[z][y * W + x];
                    assertTrue(v == 0 || v == l, "labels " + l + " and " + v + " are 6-adjacent: one component split in two");
                    if (v == l && !seen[z][y * W + x]) {
                        seen[z][y * W + x] = true;
                        q.add(new int[] {x, y, z});
                    }
                }
            }
            assertEquals(voxels.get(l), reached, "label " + l + " is one 6-connected component");
        }
    }

    /** More than 65535 labels: the TIFF is 32-bit float, the Zarr uint32, both exact; numbered in raster order of the first voxel. */
    @Test
    void manyLabelsGoToA32BitTiffAndUint32Zarr() throws Exception {
        int w = 520;
        int h = 520;
        BinaryVolume v = new BinaryVolume(w, h, 2, VoxelSize.iso(0.5)); // two slices: a one-slice TIFF has no z spacing
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                v.slice(0)[y * w + x] = MaskSource.PORE; // isolated single voxels: 260² = 67600 pores
            }
        }
        org.porophase.binary.ComponentLabeler lab = org.porophase.binary.ComponentLabeler.label(v, 2);
        org.porophase.binary.ComponentLabeler.LabelVolume lv = lab.labelVolume(v, 0, 2);
        assertEquals(67600, lv.count());
        assertEquals(67600, lab.stats(0, 2, 0).components());
        Path tif = tmp.resolve("many.labels.tif");
        Path zarr = tmp.resolve("many.labels.ome.zarr");
        org.porophase.report.VolumeOutputs.writeLabels(lv, tif);
        org.porophase.report.VolumeOutputs.writeLabelsZarr(lv, zarr, 0);
        assertTrue(Files.readString(zarr.resolve("0/.zarray")).contains("<u4"), "uint32 labels");
        for (Path p : new Path[] {tif, zarr}) {
            try (VolumeSource m = VolumeReaders.open(p, null)) {
                assertEquals(32, m.bitDepth(), p.toString());
                assertEquals(VoxelSize.iso(0.5), m.voxelSize(), p.toString());
                Object s = m.slice(0);
                int expected = 0;
                for (int i = 0; i < w * h; i++) {
                    boolean pore = (i % w) % 2 == 0 && (i / w) % 2 == 0;
                    assertEquals(pore ? ++expected : 0, (int) value(s, i), p + " voxel " + i);
                }
                assertEquals(67600, expected);
            }
        }
    }

    @Test
    void refusalsExitTwoAndWriteNothing() throws Exception {
        Path in = input(truth());
        String[][] cases = {
            {"--save-thickness", "--no-local-thickness"},
            {"--save-thickness", "--blockwise", "--block-size", "16"},
            {"--save-labels", "--blockwise", "--block-size", "16"},
        };
        String[] named = {"--local-thickness", "--save-thickness", "--save-labels"};
        for (int c = 0; c < cases.length; c++) {
            Path out = tmp.resolve("refused-" + c);
            String[] args = new String[cases[c].length + 4];
            args[0] = "analyze-volume";
            args[1] = in.toString();
            args[2] = "--out";
            args[3] = out.toString();
            System.arraycopy(cases[c], 0, args, 4, cases[c].length);
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(args);
            assertEquals(2, r.code(), String.join(" ", cases[c]) + ": " + r.err());
            assertTrue(r.err().contains(named[c]) && r.err().contains(c == 0 ? "--save-thickness" : "--blockwise"),
                    "names the options: " + r.err());
            boolean empty = !Files.exists(out);
            if (!empty) {
                try (var s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
            }
            assertTrue(empty, "nothing written for " + String.join(" ", cases[c]));
        }
    }
}
