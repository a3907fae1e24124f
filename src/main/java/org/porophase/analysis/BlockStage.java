package org.porophase.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.porophase.binary.BlockLabels;
import org.porophase.binary.LocalThickness;
import org.porophase.core.BlockSource;
import org.porophase.core.MaskSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.OmeZarrWriter;
import org.porophase.measure.IntrinsicVolumes;
import org.porophase.segment.StackHistogram;
import org.porophase.segment.ThresholdRule;
import org.porophase.transport.Axis;
import org.porophase.transport.PhaseGrid;
import org.porophase.transport.TortuositySolver;
import org.porophase.transport.TransportOptions;
import org.porophase.transport.TransportResult;

/**
 * One pass of the block-wise analysis over a set of blocks: {@link #run} on each block (on any machine:
 * it reads only the block and its halo through {@link BlockSource#readBox}) and {@link #combine} of the
 * partial results in any order; the driver hands the combined result to {@link BlockwiseRun#accept}.
 * Serializable, with everything the task needs (the plan, the threshold rule, the local-thickness
 * levels).
 * <p>
 * Kinds, halos and partial results:
 * <ul>
 * <li>{@code range} (32-bit data, auto threshold): the block; {min, max, NaN count}.</li>
 * <li>{@code histogram}: the block; exact value counts (8/16 bit) or 256 bins (32 bit), summed.</li>
 * <li>{@code surfaces} (surface detection): as measure, counts of the thresholded mask only; the plan is then
 * restricted to the slab between the surfaces.</li>
 * <li>{@code measure}: block + 1 voxel in x and y and one plane after it (the 2×2×2 configurations
 * anchored in the block, {@link IntrinsicVolumes#measureBox}), grown by min_pore_voxels − 1 for the small-object
 * removal ({@link BlockLabels#removeSmall}); the block's counts and its 6-connected labels with their face
 * runs ({@link BlockLabels}).</li>
 * <li>{@code distance}: block + a halo h; the pore distance statistics, or "uncertain" (rerun with 2h).</li>
 * <li>{@code local-thickness}: block + {@link LocalThickness#blockHalo}; pore voxels per level.</li>
 * <li>{@code tortuosity}: the block; its τ along the axis, or "does not percolate".</li>
 * <li>{@code volumes} (save_mask, save_labels with an output folder): block + min_pore_voxels − 1; writes the block's
 * chunks of the mask (after small-object removal) and of the labels (the block's labels through the volume-wide
 * numbers of {@link BlockLabels.Merge#numbers}); the number of voxels written. The local-thickness map (save_thickness)
 * is written by the {@code local-thickness} pass from the levels it computes.</li>
 * </ul>
 * Written volumes are OME-Zarr images made by the driver ({@link OmeZarrWriter#create}); each task writes its block's
 * whole chunks ({@link OmeZarrWriter#writeBox}), so the block size is a multiple of the chunk edge.
 */
public final class BlockStage implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The passes. */
    public enum Kind {
        RANGE("range"), HISTOGRAM("histogram"), SURFACES("surfaces"), MEASURE("measure"), VOLUMES("volumes"), DISTANCE("distance"),
        LOCAL_THICKNESS("local-thickness"), TORTUOSITY("tortuosity");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    final BlockPlan plan;
    final Kind kind;
    private final List<Block> blocks;
    final ThresholdRule rule;
    /** 32-bit histogram: range start and bin width. */
    final double lo;
    final double binWidth;
    /** Distance pass: halo in voxels. */
    final int halo;
    /** Local thickness: largest squared pore distance and the levels (units of the smallest spacing). */
    final double maxR2;
    final double[] levels;
    /** Volumes written by this pass (null members: not written); null: none. */
    Volumes volumes;
    /** Measure pass: label the blocks also without connectivity, for the label volume. */
    boolean labelsWritten;
    /** Volumes pass with labels: volume-wide number of every block component (by block index, label − 1). */
    int[][] numbers;

    /**
     * The OME-Zarr images a block-wise run writes (each null when not asked for): the mask (uint8: 255 pore, 0 solid,
     * 128 outside the ROI), the labels (uint32) and the local-thickness map (float32 µm), as the in-memory outputs.
     */
    public record Volumes(OmeZarrWriter.Boxes mask, OmeZarrWriter.Boxes labels, OmeZarrWriter.Boxes thickness) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    BlockStage(BlockPlan plan, Kind kind, List<Block> blocks, ThresholdRule rule, double lo, double binWidth, int halo, double maxR2, double[] levels) {
        this.plan = plan;
        this.kind = kind;
        this.blocks = List.copyOf(blocks);
        this.rule = rule;
        this.lo = lo;
        this.binWidth = binWidth;
        this.halo = halo;
        this.maxR2 = maxR2;
        this.levels = levels;
    }

    /** range, histogram, measure, distance, local-thickness or tortuosity. */
    public String name() {
        return kind.label;
    }

    /** The kind of pass. */
    public Kind kind() {
        return kind;
    }

    /** The plan (to open the source on an executor: {@code stage.plan().open()}). */
    public BlockPlan plan() {
        return plan;
    }

    /** The blocks to run (all of the grid, or those a previous distance pass could not certify). */
    public List<Block> blocks() {
        return blocks;
    }

    /** Heap one task of this pass needs, in bytes. */
    public long memoryPerTaskBytes() {
        long b = plan.blockSize;
        return switch (kind) {
            case RANGE, HISTOGRAM -> plan.taskBytes(b * b * b, 0) + 65536L * 8;
            case MEASURE, SURFACES -> plan.measureTaskBytes();
            case DISTANCE -> {
                long e = b + 2L * (halo + plan.cleaningMargin());
                yield plan.taskBytes(e * e * e, 4 + (plan.cleaningMargin() > 0 ? 4 : 0));
            }
            case LOCAL_THICKNESS -> plan.localThicknessTaskBytes(maxR2) + (volumes != null && volumes.thickness() != null ? 8L * b * b * b : 0);
            case VOLUMES -> {
                long e = b + 2L * plan.cleaningMargin();
                long table = 0; // the label number table travels with the stage (4 bytes per block component)
                if (numbers != null) {
                    for (int[] n : numbers) {
                        table += 4L * n.length;
                    }
                }
                yield plan.taskBytes(e * e * e, 0) + 9L * b * b * b + table;
            }
            case TORTUOSITY -> {
                long e = b + 2L * plan.cleaningMargin();
                yield plan.taskBytes(e * e * e, plan.cleaningMargin() > 0 ? 4 : 0) + 22L * b * b * b;
            }
        };
    }

    /** Runs this pass on one block, reading it (and its halo) from {@code src}; a small Serializable result. */
    public Serializable run(BlockSource src, Block b) {
        return switch (kind) {
            case RANGE -> range(src, b);
            case HISTOGRAM -> histogram(src, b);
            case MEASURE -> measure(src, b, true);
            case SURFACES -> measure(src, b, false);
            case DISTANCE -> distance(src, b);
            case LOCAL_THICKNESS -> localThicknessCounts(src, b);
            case TORTUOSITY -> tortuosity(src, b);
            case VOLUMES -> writeVolumes(src, b);
        };
    }

    /** Combines two partial results of this pass (associative and commutative); may modify and return {@code a}, never {@code b}. */
    public Serializable combine(Serializable a, Serializable b) {
        return switch (kind) {
            case RANGE -> {
                double[] x = (double[]) a;
                double[] y = (double[]) b;
                x[0] = Math.min(x[0], y[0]);
                x[1] = Math.max(x[1], y[1]);
                x[2] += y[2];
                yield x;
            }
            case HISTOGRAM, LOCAL_THICKNESS, VOLUMES -> {
                long[] x = (long[]) a;
                long[] y = (long[]) b;
                for (int i = 0; i < x.length; i++) {
                    x[i] += y[i];
                }
                yield x;
            }
            case MEASURE, SURFACES -> ((MeasurePart) a).merge((MeasurePart) b);
            case DISTANCE -> ((DistancePart) a).merge((DistancePart) b);
            case TORTUOSITY -> ((TauPart) a).merge((TauPart) b);
        };
    }

    private BlockPlan.Region own(Block b) {
        return plan.region(b, new int[3], new int[3]);
    }

    private double[] range(BlockSource src, Block b) {
        BlockPlan.Region r = own(b);
        return StackHistogram.floatRange((float[]) plan.readGray(src, r), r.w(), r.h(), plan.fieldOfView(r));
    }

    private long[] histogram(BlockSource src, Block b) {
        BlockPlan.Region r = own(b);
        Object g = plan.readGray(src, r);
        boolean[] fov = plan.fieldOfView(r);
        if (g instanceof float[] f) {
            long[] c = new long[256];
            StackHistogram.countFloatBins(f, r.w(), r.h(), fov, lo, binWidth, c);
            return c;
        }
        long[] c = new long[g instanceof byte[] ? 256 : 65536];
        StackHistogram.countValues(g, r.w(), r.h(), fov, c);
        return c;
    }

    /** Codes of the block grown by lo/hi and by the cleaning margin, with small objects removed where exact. */
    private byte[][] cleanedCodes(BlockSource src, BlockPlan.Region r, long minVoxels) {
        byte[][] codes = plan.readCodes(src, r, rule);
        if (plan.cleaningMargin() > 0) {
            BlockLabels.removeSmall(codes, r.w(), r.h(), minVoxels, r.openSides(plan.box.w(), plan.box.h(), plan.box.d()));
        }
        return codes;
    }

    private static int[] plus(int[] a, int m) {
        return new int[] {a[0] + m, a[1] + m, a[2] + m};
    }

    /** The measure pass; {@code full} false: the counts of the thresholded mask only (no labels, no small-object removal: the surface pass). */
    private MeasurePart measure(BlockSource src, Block b, boolean full) {
        VolumeOptions o = plan.opt;
        int m = full ? plan.cleaningMargin() : 0;
        BlockPlan.Region r = plan.region(b, plus(new int[] {1, 1, 0}, m), plus(new int[] {1, 1, 1}, m));
        byte[][] codes = plan.readCodes(src, r, rule);
        int[] win = r.window(b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d());
        BlockLabels lab = full && (o.connectivity || labelsWritten) ? BlockLabels.label(codes, r.w(), win[0], win[1], win[2], win[3], win[4], win[5], plan.volumeFaces(b)) : null;
        if (m > 0) {
            BlockLabels.removeSmall(codes, r.w(), r.h(), o.minPoreVoxels, r.openSides(plan.box.w(), plan.box.h(), plan.box.d()));
        }
        IntrinsicVolumes part = IntrinsicVolumes.measureBox(Arrays.copyOfRange(codes, win[4], codes.length), r.w(), r.h(),
                win[0], win[1], win[2], win[3], b.d(), o.axis, plan.voxelSize);
        int len = o.axis == 0 ? plan.box.w() : o.axis == 1 ? plan.box.h() : plan.box.d();
        IntrinsicVolumes all = IntrinsicVolumes.empty(o.axis, plan.voxelSize, len);
        all.addAt(part, o.axis == 0 ? b.x0() : o.axis == 1 ? b.y0() : b.z0());
        TreeMap<Integer, BlockLabels> labels = new TreeMap<>();
        if (lab != null) {
            labels.put(b.index(), lab);
        }
        return new MeasurePart(all, labels);
    }

    private DistancePart distance(BlockSource src, Block b) {
        int m = plan.cleaningMargin();
        int[] h = {halo, halo, halo};
        BlockPlan.Region exact = plan.region(b, h, h);
        BlockPlan.Region r = plan.region(b, plus(h, m), plus(h, m));
        byte[][] codes = cleanedCodes(src, r, plan.opt.minPoreVoxels);
        int[] win = r.window(b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d());
        int[] ex = r.window(exact.x0(), exact.y0(), exact.z0(), exact.w(), exact.h(), exact.d());
        LocalThickness.DistanceStats st = LocalThickness.blockDistances(codes, r.w(), r.h(), plan.voxelSize, win, ex,
                exact.openSides(plan.box.w(), plan.box.h(), plan.box.d()), plan.opt.localThicknessStepVoxels);
        TreeSet<Integer> uncertain = new TreeSet<>();
        if (!st.certain()) {
            uncertain.add(b.index());
            st = LocalThickness.DistanceStats.none();
        }
        return new DistancePart(st, uncertain);
    }

    /**
     * Local-thickness level of every voxel of the block (index into the levels; −1 = not pore), x fastest:
     * equal voxel for voxel to the whole-volume local thickness. For this pass only.
     */
    public byte[] localThicknessLevels(BlockSource src, Block b) {
        if (kind != Kind.LOCAL_THICKNESS) {
            throw new IllegalStateException("local-thickness levels come from the local-thickness pass, not " + name());
        }
        int[] h = LocalThickness.blockHalo(maxR2, plan.voxelSize);
        int m = plan.cleaningMargin();
        BlockPlan.Region r = plan.region(b, plus(h, m), plus(h, m));
        byte[][] codes = cleanedCodes(src, r, plan.opt.minPoreVoxels);
        return LocalThickness.blockLevels(codes, r.w(), r.h(), plan.voxelSize, levels, maxR2, r.window(b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d()));
    }

    /** Diameters (µm) of the levels of {@link #localThicknessLevels}. */
    public double[] levelDiameters() {
        double[] d = new double[levels.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = 2 * levels[k] * plan.voxelSize.min();
        }
        return d;
    }

    private long[] localThicknessCounts(BlockSource src, Block b) {
        long[] c = new long[levels.length];
        byte[] lv = localThicknessLevels(src, b);
        for (byte v : lv) {
            if (v != -1) {
                c[v & 0xff]++;
            }
        }
        if (volumes != null && volumes.thickness() != null) {
            // the map of the in-memory path (LocalThickness.diameterSlice): the level's diameter in µm, 0 elsewhere
            double[] dm = levelDiameters();
            float[] f = new float[lv.length];
            for (int i = 0; i < lv.length; i++) {
                f[i] = lv[i] == -1 ? 0f : (float) dm[lv[i] & 0xff];
            }
            OmeZarrWriter.writeBox(volumes.thickness(), b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d(), f);
        }
        return c;
    }

    /**
     * The volumes pass on one block: the mask after small-object removal (as the in-memory mask output) and the labels
     * (before removal, numbered volume-wide; removed components 0), each written as the block's chunks; {voxels}.
     */
    private long[] writeVolumes(BlockSource src, Block b) {
        int m = plan.cleaningMargin();
        int[] h = {m, m, m};
        BlockPlan.Region r = plan.region(b, h, h);
        byte[][] codes = plan.readCodes(src, r, rule);
        int[] win = r.window(b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d());
        if (volumes.labels() != null) {
            int[] lab = BlockLabels.labels(codes, r.w(), win[0], win[1], win[2], win[3], win[4], win[5]);
            int[] num = numbers[b.index()];
            for (int i = 0; i < lab.length; i++) {
                if (lab[i] != 0) {
                    lab[i] = num[lab[i] - 1];
                }
            }
            OmeZarrWriter.writeBox(volumes.labels(), b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d(), lab);
        }
        if (volumes.mask() != null) {
            if (m > 0) {
                BlockLabels.removeSmall(codes, r.w(), r.h(), plan.opt.minPoreVoxels, r.openSides(plan.box.w(), plan.box.h(), plan.box.d()));
            }
            byte[] mask = new byte[b.w() * b.h() * b.d()];
            for (int z = 0; z < b.d(); z++) {
                byte[] s = codes[win[4] + z];
                for (int y = 0; y < b.h(); y++) {
                    for (int x = 0; x < b.w(); x++) {
                        byte c = s[(win[2] + y) * r.w() + win[0] + x];
                        mask[(z * b.h() + y) * b.w() + x] = c == MaskSource.PORE ? (byte) 255 : c == MaskSource.OUTSIDE ? (byte) 128 : 0;
                    }
                }
            }
            OmeZarrWriter.writeBox(volumes.mask(), b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d(), mask);
        }
        return new long[] {(long) b.w() * b.h() * b.d()};
    }

    /** The pore indicator (1 = pore) of a block after small-object removal, one array per plane (x fastest). */
    byte[][] porePhase(BlockSource src, Block b) {
        int m = plan.cleaningMargin();
        int[] h = {m, m, m};
        BlockPlan.Region r = plan.region(b, h, h);
        byte[][] codes = cleanedCodes(src, r, plan.opt.minPoreVoxels);
        int[] win = r.window(b.x0(), b.y0(), b.z0(), b.w(), b.h(), b.d());
        byte[][] pore = new byte[b.d()][b.w() * b.h()];
        for (int z = 0; z < b.d(); z++) {
            byte[] s = codes[win[4] + z];
            for (int y = 0; y < b.h(); y++) {
                for (int x = 0; x < b.w(); x++) {
                    pore[z][y * b.w() + x] = (byte) (s[(win[2] + y) * r.w() + win[0] + x] == org.porophase.core.MaskSource.PORE ? 1 : 0);
                }
            }
        }
        return pore;
    }

    private TauPart tortuosity(BlockSource src, Block b) {
        byte[][] pore = porePhase(src, b);
        TauPart t = new TauPart();
        try {
            TransportResult res = TortuositySolver.solve(new PhaseGrid(b.w(), b.h(), b.d(), plan.voxelSize, pore, "pore"),
                    Axis.values()[plan.opt.axis], TransportOptions.defaults().withThreads(1).withSides(plan.opt.sideBoundary));
            if (res.converged()) {
                t.taus.add(res.tauTotal());
            } else {
                t.notConverged++;
            }
        } catch (PoroPhaseException e) {
            t.skipped++; // the block's pores do not connect its two faces along the axis (or it is one voxel thick)
        }
        return t;
    }

    /** Partial result of the measure pass: counts of the blocks (whole-length profile) and their labels by block index. */
    static final class MeasurePart implements Serializable {
        private static final long serialVersionUID = 1L;
        final IntrinsicVolumes measures;
        final TreeMap<Integer, BlockLabels> labels;

        MeasurePart(IntrinsicVolumes measures, TreeMap<Integer, BlockLabels> labels) {
            this.measures = measures;
            this.labels = labels;
        }

        MeasurePart merge(MeasurePart o) {
            measures.addAt(o.measures, 0);
            labels.putAll(o.labels);
            return this;
        }
    }

    /** Partial result of the distance pass: statistics of the certain blocks, indices of the others. */
    static final class DistancePart implements Serializable {
        private static final long serialVersionUID = 1L;
        LocalThickness.DistanceStats stats;
        final TreeSet<Integer> uncertain;

        DistancePart(LocalThickness.DistanceStats stats, TreeSet<Integer> uncertain) {
            this.stats = stats;
            this.uncertain = uncertain;
        }

        DistancePart merge(DistancePart o) {
            stats = stats.merge(o.stats);
            uncertain.addAll(o.uncertain);
            return this;
        }
    }

    /** Partial result of the tortuosity pass: τ of the blocks that percolate, counts of the others. */
    static final class TauPart implements Serializable {
        private static final long serialVersionUID = 1L;
        final ArrayList<Double> taus = new ArrayList<>();
        int skipped;
        int notConverged;

        TauPart merge(TauPart o) {
            taus.addAll(o.taus);
            skipped += o.skipped;
            notConverged += o.notConverged;
            return this;
        }
    }
}
