package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.porophase.binary.ComponentLabeler;
import org.porophase.binary.LocalThickness;
import org.porophase.core.BinaryVolume;
import org.porophase.core.BlockSource;
import org.porophase.core.MaskSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.segment.ThresholdRule;
import org.porophase.segment.ThresholdedMask;
import org.porophase.synth.SyntheticVolumes;

/**
 * The block-wise pipeline equals the in-memory analysis exactly: the same threshold, porosity and profile,
 * Crofton counts (S_V), Euler characteristic, component statistics, small-object removal and local
 * thickness (voxel for voxel), on an anisotropic 70×53×61 volume whose pores cross block faces and corners,
 * with a tube percolating along z, a ball spanning many blocks and isolated one- and two-voxel pores; block
 * sizes that do not divide the dimensions, block size 8 and one block.
 */
class BlockwiseAnalyzerTest {
    static final int W = 70;
    static final int H = 53;
    static final int D = 61;
    static final VoxelSize VS = new VoxelSize(0.5, 0.5, 0.8);
    /** Keys whose values describe how the analysis ran, not what it measured. */
    static final Set<String> RUN_KEYS = Set.of("timings_s", "in_memory_mask", "mask_memory_bytes", "labelling_memory_bytes", "blockwise",
            "parameters", "memory_bytes");

    /** The test volume as a mask (pore = 1). */
    static BinaryVolume mask() {
        SyntheticVolumes.Boolean b = SyntheticVolumes.booleanSpheres(W, H, D, VS, 2.0, 0.18, 11);
        BinaryVolume m = b.volume();
        for (int z = 0; z < D; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double tx = (x - 20) * VS.x();
                    double ty = (y - 30) * VS.y();
                    boolean tube = tx * tx + ty * ty < 2.2 * 2.2; // along z through every block layer: percolates
                    double bx = (x - 45) * VS.x();
                    double by = (y - 20) * VS.y();
                    double bz = (z - 30) * VS.z();
                    boolean ball = bx * bx + by * by + bz * bz < 8.5 * 8.5; // spans many blocks of 8 and 16
                    if (tube || ball) {
                        m.set(x, y, z, MaskSource.PORE);
                    }
                }
            }
        }
        // isolated one- and two-voxel pores (removed by min_pore_voxels 3), some on block faces and corners
        int[][] tiny = {{8, 8, 8}, {15, 16, 31}, {63, 47, 55}, {31, 7, 47}, {0, 52, 60}};
        for (int[] t : tiny) {
            for (int dz = -2; dz <= 2; dz++) {
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
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
        m.set(9, 8, 8, MaskSource.PORE);
        return m;
    }

    /** 8-bit gray: pores dark (60 ± 25), solid bright (170 ± 25). */
    static VolumeSource gray8() {
        BinaryVolume m = mask();
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
        return VolumeWriters.arraySource(W, H, s, VS);
    }

    /** 32-bit gray with NaN voxels (no data). */
    static VolumeSource gray32() {
        BinaryVolume m = mask();
        SplittableRandom r = new SplittableRandom(4);
        Object[] s = new Object[D];
        for (int z = 0; z < D; z++) {
            float[] g = new float[W * H];
            byte[] ms = m.slice(z);
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) ((ms[i] == MaskSource.PORE ? 0.2 : 0.7) + 0.1 * r.nextGaussian());
                if (r.nextInt(500) == 0) {
                    g[i] = Float.NaN;
                }
            }
            s[z] = g;
        }
        return VolumeWriters.arraySource(W, H, s, VS);
    }

    static VolumeOptions opts() {
        VolumeOptions o = VolumeOptions.defaults();
        o.threads = 2;
        return o;
    }

    /** Every measured key of the in-memory summary equals the block-wise one (run facts left out). */
    static void assertSameResult(VolumeAnalysis mem, VolumeAnalysis blk) {
        Map<String, Object> a = mem.toJson();
        Map<String, Object> b = blk.toJson();
        assertSameMap(a, b, "");
        assertNotNull(b.get("blockwise"));
        if (mem.localThickness() != null) {
            assertEquals(mem.localThickness().histogramRows(), blk.localThickness().histogramRows());
        }
    }

    @SuppressWarnings("unchecked")
    static void assertSameMap(Map<String, Object> a, Map<String, Object> b, String path) {
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (RUN_KEYS.contains(e.getKey())) {
                continue;
            }
            String k = path + e.getKey();
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            if (x instanceof Map<?, ?> mx) {
                assertSameMap((Map<String, Object>) mx, (Map<String, Object>) y, k + ".");
            } else if (x != null && x.getClass().isArray()) {
                assertTrue(Arrays.deepEquals(new Object[] {x}, new Object[] {y}), k + ": " + Arrays.deepToString(new Object[] {x})
                        + " vs " + Arrays.deepToString(new Object[] {y}));
            } else {
                assertEquals(x, y, k);
            }
        }
    }

    @Test
    void blocksOf16EqualTheInMemoryAnalysis() {
        VolumeSource src = gray8();
        VolumeAnalysis mem = VolumeAnalyzer.analyze(src, opts());
        VolumeOptions o = opts();
        o.blockwise = true;
        o.blockSize = 16;
        VolumeAnalysis blk = BlockwiseAnalyzer.analyze(src, o);
        System.out.printf("blockwise 16: phi %.5f Sv %.5f chi %d open %d closed %d perc %.4f LT mean %.4f%n", blk.porosity(),
                blk.specificSurfaceArea(), blk.measures().euler(), blk.components().openCount(), blk.components().closedCount(),
                blk.percolatingPorosity(), blk.localThickness().meanVolumeWeighted);
        assertTrue(mem.components().closedCount() > 3 && mem.percolatingPorosity() > 0, "the volume has closed and percolating pores");
        assertSameResult(mem, blk);
        @SuppressWarnings("unchecked")
        Map<String, Object> bw = (Map<String, Object>) blk.toJson().get("blockwise");
        assertEquals(5 * 4 * 4, bw.get("blocks"));
        assertTrue((Long) bw.get("memory_per_worker_bytes") > 16L * 16 * 16);
    }

    @Test
    void blocksOf8WithSmallObjectRemovalEqualTheInMemoryAnalysis() {
        VolumeSource src = gray8();
        VolumeOptions m = opts();
        m.minPoreVoxels = 3;
        m.localThickness = false; // block-wise local thickness: blocksOf16… and localThicknessEqualsTheInMemoryOneVoxelForVoxel
        VolumeAnalysis mem = VolumeAnalyzer.analyze(src, m);
        assertTrue(mem.components().removedCount() >= 5, "the tiny pores are removed: " + mem.components().removedCount());
        VolumeOptions o = opts();
        o.minPoreVoxels = 3;
        o.localThickness = false;
        o.blockwise = true;
        o.blockSize = 8;
        assertSameResult(mem, BlockwiseAnalyzer.analyze(src, o));
    }

    @Test
    void oneBlockLargerThanTheVolumeEqualsTheInMemoryAnalysis() {
        VolumeSource src = gray8();
        VolumeAnalysis mem = VolumeAnalyzer.analyze(src, opts());
        VolumeOptions o = opts();
        o.blockwise = true;
        o.blockSize = 128;
        VolumeAnalysis blk = BlockwiseAnalyzer.analyze(src, o);
        assertSameResult(mem, blk);
        assertEquals(1, blk.blockwise().get("blocks"));
    }

    @Test
    void sixteenBitDataWithAManualThresholdEqualTheInMemoryAnalysis() {
        VolumeSource g8 = gray8();
        Object[] s = new Object[D];
        for (int z = 0; z < D; z++) {
            byte[] b = (byte[]) g8.slice(z);
            short[] v = new short[b.length];
            for (int i = 0; i < b.length; i++) {
                v[i] = (short) (1000 + 157 * (b[i] & 0xff));
            }
            s[z] = v;
        }
        VolumeSource src = VolumeWriters.arraySource(W, H, s, VS);
        for (Double thr : new Double[] {null, 1000 + 157 * 115.0}) {
            VolumeOptions m = opts();
            m.threshold = thr;
            m.localThickness = false;
            VolumeAnalysis mem = VolumeAnalyzer.analyze(src, m);
            VolumeOptions o = opts();
            o.threshold = thr;
            o.localThickness = false;
            o.blockwise = true;
            o.blockSize = 20;
            assertSameResult(mem, VolumeAnalyzer.analyze(src, o)); // VolumeAnalyzer dispatches on blockwise
        }
    }

    @Test
    void medianAndGaussianDenoisingWithAHaloEqualTheInMemoryAnalysis() {
        VolumeSource src = gray8();
        for (String mode : List.of("median", "gaussian")) {
            VolumeOptions m = opts();
            m.denoise = mode;
            m.gaussianSigmaVoxels = 1.2; // kernel radius 4 voxels in x, y and 3 in z (0.8 µm)
            m.localThickness = false;
            m.crop = "2,0,3,66,53,55";
            VolumeAnalysis mem = VolumeAnalyzer.analyze(src, m);
            VolumeOptions o = opts();
            o.denoise = mode;
            o.gaussianSigmaVoxels = 1.2;
            o.localThickness = false;
            o.crop = m.crop;
            o.blockwise = true;
            o.blockSize = 16;
            assertSameResult(mem, BlockwiseAnalyzer.analyze(src, o));
        }
    }

    @Test
    void manualThresholdBelowTheDataIsRefusedAsInMemory() {
        VolumeSource src = gray8();
        VolumeOptions o = opts();
        o.threshold = -5.0;
        o.blockwise = true;
        o.blockSize = 32;
        PoroPhaseException mem = assertThrows(PoroPhaseException.class, () -> VolumeAnalyzer.analyze(src, opts2(-5.0)));
        PoroPhaseException blk = assertThrows(PoroPhaseException.class, () -> BlockwiseAnalyzer.analyze(src, o));
        assertEquals(mem.getMessage(), blk.getMessage());
    }

    private static VolumeOptions opts2(double thr) {
        VolumeOptions o = opts();
        o.threshold = thr;
        return o;
    }

    @Test
    void floatDataWithNaNCropCylinderAndAxisXEqualTheInMemoryAnalysis() {
        VolumeSource src = gray32();
        VolumeOptions m = opts();
        m.crop = "3,2,1,64,50,57";
        m.cylinder = "36,27,24";
        m.axis = 0;
        m.openFaces = "all";
        m.minPoreVoxels = 2;
        VolumeAnalysis mem = VolumeAnalyzer.analyze(src, m);
        assertTrue(mem.nanVoxels() > 0);
        VolumeOptions o = opts();
        o.crop = m.crop;
        o.cylinder = m.cylinder;
        o.axis = 0;
        o.openFaces = "all";
        o.minPoreVoxels = 2;
        o.blockwise = true;
        o.blockSize = 12;
        assertSameResult(mem, BlockwiseAnalyzer.analyze(src, o));
    }

    @Test
    void localThicknessEqualsTheInMemoryOneVoxelForVoxel() {
        VolumeSource src = gray8();
        VolumeOptions o = opts();
        o.minPoreVoxels = 3;
        o.blockwise = true;
        o.blockSize = 16;
        BlockPlan plan = BlockPlan.plan(src, o);
        BlockwiseRun run = plan.start();
        BlockSource bs = plan.open();
        BlockStage lt = null;
        int distancePasses = 0;
        for (BlockStage s; (s = run.next()) != null; ) {
            BlockStage stage = roundTrip(s); // what an executor receives
            Serializable acc = null;
            for (Block b : stage.blocks()) {
                Serializable p = roundTrip(stage.run(bs, b));
                acc = acc == null ? p : stage.combine(acc, p);
            }
            if (s.kind() == BlockStage.Kind.LOCAL_THICKNESS) {
                lt = stage;
            }
            if (s.kind() == BlockStage.Kind.DISTANCE) {
                distancePasses++;
            }
            run.accept(acc);
        }
        assertTrue(distancePasses >= 2, "the first halo (8) cannot certify the ball of radius 8.5 µm: passes " + distancePasses);
        assertNotNull(lt);
        // in memory: the same rule, the same cleaned mask, LocalThickness with its map
        VolumeAnalysis a = run.result();
        ThresholdRule rule = new ThresholdRule(a.threshold(), true, false, Double.NaN, "x");
        BinaryVolume raw = BinaryVolume.copyOf(new ThresholdedMask(src, rule, VS, null), 2);
        BinaryVolume clean = BinaryVolume.copyOf(ComponentLabeler.label(raw, 2).cleaned(raw, 3), 2);
        LocalThickness mem = LocalThickness.compute(clean, o.localThicknessStepVoxels, 2, true);
        assertArrayEquals(mem.diameters, lt.levelDiameters());
        assertArrayEquals(mem.counts, a.localThickness().counts);
        long compared = 0;
        for (Block b : lt.blocks()) {
            byte[] lv = lt.localThicknessLevels(bs, b);
            for (int z = 0; z < b.d(); z++) {
                for (int y = 0; y < b.h(); y++) {
                    for (int x = 0; x < b.w(); x++) {
                        byte l = lv[(z * b.h() + y) * b.w() + x];
                        double want = mem.diameterAt(b.x0() + x, b.y0() + y, b.z0() + z, W);
                        double got = l == -1 ? Double.NaN : mem.diameters[l & 0xff];
                        assertEquals(want, got, 0.0, "voxel " + (b.x0() + x) + "," + (b.y0() + y) + "," + (b.z0() + z));
                        compared += l == -1 ? 0 : 1;
                    }
                }
            }
        }
        assertEquals(mem.poreVoxels, compared);
    }

    @Test
    void blockTortuosityOfStraightChannelsIsOneAndBlocksWithoutPoresAreCounted() {
        // 32×32×24, straight 2×2 channels along z in the half x < 16 only: blocks of 16 → 2×2×2 blocks; the four with
        // channels have τ = 1 exactly (D_eff/D0 = ε for a straight channel), the four without pores are skipped;
        // the whole volume has τ = 1 too
        int n = 32;
        Object[] s = new Object[24];
        for (int z = 0; z < 24; z++) {
            byte[] g = new byte[n * n];
            for (int i = 0; i < g.length; i++) {
                int x = i % n;
                int y = i / n;
                boolean ch = x < 16 && (x % 8 == 3 || x % 8 == 4) && (y % 8 == 3 || y % 8 == 4);
                g[i] = (byte) (ch ? 30 : 200);
            }
            s[z] = g;
        }
        VolumeOptions o = opts();
        o.blockwise = true;
        o.blockSize = 16;
        o.tauRev = true;
        o.localThickness = false;
        Map<String, Object> b = BlockwiseAnalyzer.analyze(VolumeWriters.arraySource(n, n, s, VoxelSize.iso(0.7)), o).blockwise();
        assertEquals(4, b.get("tau_rev_blocks"), b.toString());
        assertEquals(4, b.get("tau_rev_blocks_not_percolating"));
        assertEquals(1.0, (Double) b.get("tau_rev_mean"), 1e-3);
        assertEquals(0.0, (Double) b.get("tau_rev_std"), 1e-3);
        assertEquals(1.0, (Double) b.get("tau_rev_p90"), 1e-3);
        assertEquals(1.0, (Double) b.get("tau_global"), 1e-3);
    }

    @Test
    void optionsThatNeedTheWholeVolumeAreRefusedByName() {
        VolumeSource src = gray8();
        for (String opt : List.of("detect_surfaces", "cylinder auto", "conduction", "save_mask")) {
            VolumeOptions o = opts();
            o.blockwise = true;
            switch (opt) {
                case "detect_surfaces" -> o.detectSurfaces = true;
                case "cylinder auto" -> o.cylinder = "auto";
                case "conduction" -> o.conduction = true;
                default -> o.writeMask = true;
            }
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> BlockwiseAnalyzer.analyze(src, o));
            assertTrue(e.getMessage().contains(opt.split(" ")[0]), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T o) {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bo)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bo.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (Exception e) {
            throw new AssertionError("not serializable: " + e, e);
        }
    }
}
