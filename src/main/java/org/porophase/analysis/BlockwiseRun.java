package org.porophase.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.binary.BlockLabels;
import org.porophase.binary.ComponentLabeler;
import org.porophase.binary.LocalThickness;
import org.porophase.core.OutputNames;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.OmeZarrWriter;
import org.porophase.measure.IntrinsicVolumes;
import org.porophase.segment.StackHistogram;
import org.porophase.segment.SurfaceDetector;
import org.porophase.segment.ThresholdRule;

/**
 * The driver's side of a block-wise analysis: a state machine that hands out the passes
 * ({@link #next()}), takes each pass's combined result ({@link #accept}) and builds the
 * {@link VolumeAnalysis} ({@link #result()}) with the keys and numbers of {@link VolumeAnalyzer}: the
 * threshold from the summed histogram (the rule of {@link StackHistogram#autoThreshold}), the summed
 * counts of {@link IntrinsicVolumes}, the components of {@link BlockLabels.Merge}, the local thickness
 * from the summed level counts, plus the key {@code blockwise}. Stays on the driver (not Serializable).
 * <p>
 * Order: [range] → [histogram] → [surfaces, then the plan is restricted to the slab] → measure → [histogram, when a manual threshold or label selects nothing
 * or everything] → [distance, repeated on the blocks it could not certify with a doubled halo] →
 * [local-thickness] → [tortuosity].
 */
public final class BlockwiseRun {
    /** First halo of the distance pass, voxels. */
    static final int FIRST_DISTANCE_HALO = 8;

    private BlockPlan plan;
    private boolean surfacesDone;
    private final VolumeOptions o;
    private final VolumeAnalysis.Builder a;
    private ThresholdRule rule;
    private double[] range;
    private StackHistogram histogram;
    private IntrinsicVolumes measures;
    private boolean measured;
    private boolean ruleChecked;
    private LocalThickness.DistanceStats distances;
    private List<Block> uncertain;
    private int distanceHalo;
    private int distancePasses;
    private LocalThickness localThickness;
    private BlockStage.TauPart tau;
    private BlockStage current;
    private long stageStart;
    private long memoryPerWorker;
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    private VolumeAnalysis result;
    /** Where the volumes (save_mask, save_labels, save_thickness) are written, or null: not written. */
    private java.nio.file.Path volumesDir;
    private String volumesStem;
    private BlockStage.Volumes volumes;
    private int[][] numbers;
    /** The largest label number written (the labels' pore count), for their downsampled levels. */
    private long labelCount;
    private boolean volumesDone;

    BlockwiseRun(BlockPlan plan) {
        if (plan.prototype == null) {
            throw new IllegalStateException("a block plan starts on the driver that made it (BlockPlan.plan), not on an executor");
        }
        this.plan = plan;
        this.o = plan.opt;
        this.a = plan.prototype;
        rule = o.givenRule();
    }

    /**
     * Writes the volumes the options ask for (save_mask, save_labels, save_thickness) into {@code dir} while the
     * passes run, as {@code STEM.mask.ome.zarr}, {@code STEM.labels.ome.zarr} and {@code STEM.thickness.ome.zarr}
     * ({@link org.porophase.core.OutputNames}): the in-memory outputs of {@code volume_format zarr}, voxel for voxel.
     * {@code dir} is the staging folder of the output set (the caller moves it in when the run is complete, or drops
     * it), seen by every task (a shared file system on a cluster). Call before the first {@link #next()}; without it
     * no volume is written.
     */
    public BlockwiseRun writeVolumes(java.nio.file.Path dir, String stem) {
        if (current != null || measured) {
            throw new IllegalStateException("writeVolumes must be called before the first pass");
        }
        volumesDir = dir;
        volumesStem = stem;
        return this;
    }

    private boolean labelsWritten() {
        return volumesDir != null && o.saveLabels;
    }

    /** The OME-Zarr images of the analysed box (final after surface detection), made on first use. */
    private BlockStage.Volumes volumes() {
        if (volumes == null) {
            int c = chunkEdge(plan.blockSize);
            int w = plan.box.w();
            int h = plan.box.h();
            int d = plan.box.d();
            OmeZarrWriter.Compression gz = OmeZarrWriter.Compression.GZIP;
            volumes = new BlockStage.Volumes(
                    o.writeMask ? OmeZarrWriter.create(OutputNames.path(volumesDir, volumesStem, OutputNames.MASK_ZARR), w, h, d, plan.voxelSize,
                            OmeZarrWriter.DataType.UINT8, gz, c) : null,
                    o.saveLabels ? OmeZarrWriter.create(OutputNames.path(volumesDir, volumesStem, OutputNames.LABELS_ZARR), w, h, d, plan.voxelSize,
                            OmeZarrWriter.DataType.UINT32, gz, c) : null,
                    o.saveThickness && o.localThickness ? OmeZarrWriter.create(OutputNames.path(volumesDir, volumesStem, OutputNames.THICKNESS_ZARR), w, h, d,
                            plan.voxelSize, OmeZarrWriter.DataType.FLOAT32, gz, c) : null);
        }
        return volumes;
    }

    /**
     * Chunk edge of the written volumes: the in-memory writer's {@link OmeZarrWriter#DEFAULT_CHUNK} when it divides the
     * block size (so the files are the same), else the largest divisor of the block size up to 64 when it is at least
     * 16, else the block size: every block is made of whole chunks.
     */
    static int chunkEdge(int blockSize) {
        for (int c = Math.min(OmeZarrWriter.DEFAULT_CHUNK, blockSize); c >= 16; c--) {
            if (blockSize % c == 0) {
                return c;
            }
        }
        return blockSize;
    }

    /** The next pass to run, or null when the analysis is complete ({@link #result()}). */
    public BlockStage next() {
        if (current != null) {
            throw new IllegalStateException("the " + current.name() + " pass has not been accepted yet");
        }
        if (result != null) {
            return null;
        }
        List<Block> all = plan.blocks();
        BlockStage s;
        if (rule == null && plan.bitDepth == 32 && range == null) {
            s = stage(BlockStage.Kind.RANGE, all);
        } else if (rule == null || (measured && !ruleChecked && histogram == null)) {
            double lo = range == null ? 0 : range[0];
            double bw = range == null ? 1 : StackHistogram.floatBinWidth(range[0], range[1]);
            if (plan.bitDepth == 32 && range == null) {
                s = stage(BlockStage.Kind.RANGE, all);
            } else {
                s = new BlockStage(plan, BlockStage.Kind.HISTOGRAM, all, rule, lo, bw, 0, 0, null);
            }
        } else if (o.detectSurfaces && !surfacesDone) {
            s = stage(BlockStage.Kind.SURFACES, all);
        } else if (!measured) {
            s = stage(BlockStage.Kind.MEASURE, all);
            s.labelsWritten = labelsWritten();
        } else if (volumesDir != null && (o.writeMask || o.saveLabels) && !volumesDone) {
            s = stage(BlockStage.Kind.VOLUMES, all);
            BlockStage.Volumes v = volumes();
            s.volumes = new BlockStage.Volumes(v.mask(), v.labels(), null);
            s.numbers = numbers;
        } else if (o.localThickness && localThickness == null && (distances == null || !uncertain.isEmpty())) {
            List<Block> todo = distances == null ? all : uncertain;
            distanceHalo = distances == null ? Math.min(FIRST_DISTANCE_HALO, plan.blockSize) : 2 * distanceHalo;
            s = new BlockStage(plan, BlockStage.Kind.DISTANCE, todo, rule, 0, 0, distanceHalo, 0, null);
        } else if (o.localThickness && localThickness == null) {
            double[] levels = LocalThickness.levels(distances.minR());
            s = new BlockStage(plan, BlockStage.Kind.LOCAL_THICKNESS, all, rule, 0, 0, 0, distances.maxR2(), levels);
            if (volumesDir != null && o.saveThickness) {
                s.volumes = new BlockStage.Volumes(null, null, volumes().thickness());
            }
        } else if (o.tauRev && tau == null) {
            s = stage(BlockStage.Kind.TORTUOSITY, all);
        } else {
            finishVolumes();
            result = build();
            return null;
        }
        memoryPerWorker = Math.max(memoryPerWorker, s.memoryPerTaskBytes());
        current = s;
        stageStart = System.nanoTime();
        return s;
    }

    /**
     * Every pass has run: the written images are complete, their scratch folders (with the temporary chunk files of
     * tasks killed half-way, a lost executor's) are removed before the caller commits the folder holding them.
     */
    private void finishVolumes() {
        if (volumes != null) {
            for (OmeZarrWriter.Boxes b : new OmeZarrWriter.Boxes[] {volumes.mask(), volumes.labels(), volumes.thickness()}) {
                if (b != null) {
                    OmeZarrWriter.finish(b);
                }
            }
            // zarr_levels: the downsampled levels, here (on the driver), streaming from each complete image
            if (volumes.mask() != null) {
                OmeZarrWriter.addLevels(volumes.mask(), plan.voxelSize, o.zarrLevels, OmeZarrWriter.Reduction.MODE, o.threads, 255);
            }
            if (volumes.labels() != null) {
                OmeZarrWriter.addLevels(volumes.labels(), plan.voxelSize, o.zarrLevels, OmeZarrWriter.Reduction.MODE, o.threads, labelCount);
            }
            if (volumes.thickness() != null) {
                OmeZarrWriter.addLevels(volumes.thickness(), plan.voxelSize, o.zarrLevels, OmeZarrWriter.Reduction.MEAN, o.threads, Double.NaN);
            }
        }
    }

    private BlockStage stage(BlockStage.Kind k, List<Block> blocks) {
        return new BlockStage(plan, k, blocks, rule, 0, 0, 0, 0, null);
    }

    /** Takes the combined result of the pass {@link #next()} returned (its blocks' partials folded with {@link BlockStage#combine}). */
    public void accept(Serializable combined) {
        BlockStage s = current;
        if (s == null) {
            throw new IllegalStateException("no pass is running");
        }
        current = null;
        stageSeconds.merge(s.name(), (System.nanoTime() - stageStart) / 1e9, Double::sum);
        switch (s.kind) {
            case RANGE -> {
                range = (double[]) combined;
                StackHistogram.checkFloatRange(range[0], range[1], plan.description);
            }
            case HISTOGRAM -> {
                long[] c = (long[]) combined;
                histogram = plan.bitDepth == 32 ? StackHistogram.ofFloatBins(c, range[0], range[1], (long) range[2], plan.description)
                        : StackHistogram.ofIntegerCounts(c, plan.bitDepth);
                if (rule == null) {
                    rule = histogram.autoThreshold(o.thresholdMethod, o.darkPores);
                    a.threshold(rule);
                } else {
                    ruleChecked = true;
                    VolumeAnalyzer.checkRuleSelects(rule, o, measures, histogram);
                    afterChecks();
                }
            }
            case SURFACES -> {
                // as the in-memory path: the surfaces from the profile of the thresholded mask, then the slab only
                IntrinsicVolumes pre = ((BlockStage.MeasurePart) combined).measures;
                int[] sf = SurfaceDetector.detect(pre.profile(), o.surfaceFraction);
                int origin = plan.box.x0() * (o.axis == 0 ? 1 : 0) + plan.box.y0() * (o.axis == 1 ? 1 : 0) + plan.box.z0() * (o.axis == 2 ? 1 : 0) + sf[0];
                a.surfaces(new int[] {origin, origin + sf[1] - sf[0]});
                plan = plan.restricted(o.axis, sf[0], sf[1]);
                surfacesDone = true;
            }
            case MEASURE -> {
                BlockStage.MeasurePart p = (BlockStage.MeasurePart) combined;
                measures = p.measures;
                measured = true;
                if (rule.labelMode() || "manual".equals(rule.method())) {
                    a.threshold(rule);
                }
                if (o.connectivity || labelsWritten()) {
                    int[] g = plan.gridShape();
                    BlockLabels[] blocks = new BlockLabels[g[0] * g[1] * g[2]];
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = p.labels.get(i);
                        if (blocks[i] == null) {
                            throw new PoroPhaseException("the measure pass returned no labels for block " + i + " of " + blocks.length
                                    + ": every block of the plan must be run");
                        }
                    }
                    BlockLabels.Merge merge = new BlockLabels.Merge(blocks, g[0], g[1], g[2]);
                    a.labellingMemoryBytes(merge.memoryBytes());
                    if (o.connectivity) {
                        a.components(merge.stats(ComponentLabeler.faceMask(o.openFaces, o.axis), o.axis, o.minPoreVoxels), o.openFaces);
                    }
                    if (labelsWritten()) {
                        int[][] box = new int[blocks.length][];
                        for (int i = 0; i < blocks.length; i++) {
                            Block b = plan.block(i);
                            box[i] = new int[] {b.x0(), b.y0(), b.z0(), b.w(), b.h()};
                        }
                        numbers = merge.numbers(blocks, box, plan.box.w(), plan.box.h(), o.minPoreVoxels);
                        labelCount = 0;
                        for (int[] n : numbers) {
                            for (int v : n) {
                                labelCount = Math.max(labelCount, v);
                            }
                        }
                    }
                }
                if (VolumeAnalyzer.needsRuleCheck(rule, o, measures)) {
                    if (histogram != null) {
                        ruleChecked = true;
                        VolumeAnalyzer.checkRuleSelects(rule, o, measures, histogram);
                    } else {
                        return; // next(): the histogram (after the range of 32-bit data)
                    }
                }
                ruleChecked = true;
                afterChecks();
            }
            case DISTANCE -> {
                BlockStage.DistancePart p = (BlockStage.DistancePart) combined;
                distancePasses++;
                distances = distances == null ? p.stats : distances.merge(p.stats);
                uncertain = new ArrayList<>();
                for (int i : p.uncertain) {
                    uncertain.add(plan.block(i));
                }
            }
            case LOCAL_THICKNESS -> localThickness = LocalThickness.of(s.levels, (long[]) combined, plan.voxelSize, s.memoryPerTaskBytes());
            case TORTUOSITY -> tau = (BlockStage.TauPart) combined;
            case VOLUMES -> {
                volumesDone = true;
                numbers = null;
            }
        }
    }

    /** The checks of the in-memory path after the measures: NaN voxels, empty ROI, solid for local thickness. */
    private void afterChecks() {
        long expected = plan.box.voxels();
        boolean[] fov = org.porophase.segment.ThresholdedMask.fieldOfView(plan.cylinder, plan.box);
        if (fov != null) {
            long in = 0;
            for (boolean b : fov) {
                in += b ? 1 : 0;
            }
            expected = in * plan.box.d();
        }
        long nanVoxels = expected - measures.roiVoxels;
        a.nanVoxels(nanVoxels);
        if (nanVoxels > 0) {
            a.warning(nanVoxels + " NaN voxels (no data) were excluded from every measure, like voxels outside the ROI");
        }
        if (measures.roiVoxels == 0) {
            throw new PoroPhaseException("no voxel left to analyse in " + plan.description + ": the ROI is empty or all voxels are NaN");
        }
        if (o.localThickness && measures.roiVoxels == measures.poreVoxels) {
            throw LocalThickness.noSolid();
        }
    }

    /** The analysis, once {@link #next()} has returned null. */
    public VolumeAnalysis result() {
        if (result == null) {
            throw new IllegalStateException("the block-wise analysis is not complete: call next() until it returns null");
        }
        return result;
    }

    private VolumeAnalysis build() {
        int origin = plan.box.x0() * (o.axis == 0 ? 1 : 0) + plan.box.y0() * (o.axis == 1 ? 1 : 0) + plan.box.z0() * (o.axis == 2 ? 1 : 0);
        a.profileOrigin(origin).analysedBox(plan.box.toString());
        a.memory(false, 0);
        a.measures(measures);
        if (localThickness != null) {
            a.localThickness(localThickness);
        }
        for (Map.Entry<String, Double> e : stageSeconds.entrySet()) {
            a.timing(e.getKey().replace('-', '_'), Math.round(e.getValue() * 1e3) / 1e3);
        }
        Map<String, Object> b = new LinkedHashMap<>();
        int[] g = plan.gridShape();
        b.put("block_size", plan.blockSize);
        b.put("blocks", g[0] * g[1] * g[2]);
        b.put("grid", g);
        b.put("memory_per_worker_bytes", memoryPerWorker);
        b.put("cleaning_halo_voxels", plan.cleaningMargin());
        if (localThickness != null) {
            b.put("distance_passes", distancePasses);
            b.put("local_thickness_halo_voxels", LocalThickness.blockHalo(distances.maxR2(), plan.voxelSize));
        }
        if (tau != null) {
            b.putAll(tauStats(tau));
            b.put("tau_rev_side_boundary", o.sideBoundary.key()); // no-flux: BlockPlan refuses periodic sides for blocks
        }
        b.put("passes", new ArrayList<>(stageSeconds.keySet()));
        a.blockwise(b);
        return a.build();
    }

    /** The τ REV statistic: mean, standard deviation and quantiles of the blocks' τ, and the blocks left out. */
    static Map<String, Object> tauStats(BlockStage.TauPart t) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] v = t.taus.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        m.put("tau_rev_blocks", v.length);
        m.put("tau_rev_blocks_not_percolating", t.skipped);
        m.put("tau_rev_blocks_not_converged", t.notConverged);
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        m.put("tau_rev_mean", mean);
        m.put("tau_rev_std", v.length > 1 ? Math.sqrt(var / (v.length - 1)) : Double.NaN);
        m.put("tau_rev_p10", quantile(v, 0.10));
        m.put("tau_rev_p50", quantile(v, 0.50));
        m.put("tau_rev_p90", quantile(v, 0.90));
        m.put("tau_rev_estimator", "tau = eps/(D_eff/D0) of the pore phase along the axis in each block (TortuositySolver, TauFactor convention); "
                + "blocks whose pores do not connect the block's two faces are counted and left out");
        return m;
    }

    /** Linear-interpolation quantile of sorted values (NaN when empty). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
