package org.porophase.analysis;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.BlockSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.transport.Axis;
import org.porophase.transport.PhaseGrid;
import org.porophase.transport.TortuositySolver;
import org.porophase.transport.TransportOptions;
import org.porophase.transport.TransportResult;
import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.VolumeSource;

/**
 * The block-wise volume analysis on one machine: the passes of a {@link BlockPlan} run over its blocks
 * on {@link Parallel} threads (one block per task), each task holding one block and its halo; the
 * result equals {@link VolumeAnalyzer}'s (same threshold, porosity, profile, S_V, Euler characteristic,
 * components, local thickness voxel for voxel) with the key {@code blockwise} added. Memory per worker
 * is computed per pass before it runs and checked for all threads together ({@link MemoryCheck}).
 */
public final class BlockwiseAnalyzer {
    private BlockwiseAnalyzer() {
    }

    /** Plans and runs the analysis of a volume file or folder (the input is read once per pass, block by block). */
    public static VolumeAnalysis analyze(Path input, VolumeOptions o) {
        return analyze(input, o, null, null);
    }

    /**
     * As {@link #analyze(Path, VolumeOptions)}, writing the volumes the options ask for (save_mask, save_labels,
     * save_thickness; OME-Zarr) into {@code volumesDir} as {@code STEM.*.ome.zarr} while the passes run
     * ({@link BlockwiseRun#writeVolumes}); {@code volumesDir} null: none written.
     */
    public static VolumeAnalysis analyze(Path input, VolumeOptions o, Path volumesDir, String stem) {
        BlockPlan plan = BlockPlan.plan(input, o);
        try (BlockSource opened = plan.open()) {
            BlockSource src = opened;
            long cacheBytes = 0;
            if (opened.chunkShape()[2] == 1) {
                // slice-based file: keep the slices of about two layers of blocks with their halos, within a quarter of the free heap
                long plane = (long) opened.width() * opened.height() * plan.grayBytes();
                int cap = (int) Math.max(0, Math.min(2L * (plan.blockSize + 2 * 64 + 2), MemoryCheck.available() / 4 / Math.max(1, plane)));
                if (cap > 2) {
                    src = BlockSource.of(new SliceCache(opened, cap));
                    cacheBytes = cap * plane;
                }
            }
            VolumeAnalysis a = run(plan, src, o, volumesDir, stem);
            Map<String, Object> b = new LinkedHashMap<>(a.blockwise());
            b.put("slice_cache_bytes", cacheBytes);
            return a.toBuilder().blockwise(b).build().withInput(input.toString(), Provenance.sha256OrNull(input));
        }
    }

    /** Plans and runs the analysis of an open source (not closed here). */
    public static VolumeAnalysis analyze(VolumeSource src, VolumeOptions o) {
        return analyze(src, o, null, null);
    }

    /** As {@link #analyze(VolumeSource, VolumeOptions)}, writing the volumes the options ask for into {@code volumesDir} (see {@link #analyze(Path, VolumeOptions, Path, String)}). */
    public static VolumeAnalysis analyze(VolumeSource src, VolumeOptions o, Path volumesDir, String stem) {
        BlockPlan plan = BlockPlan.plan(src, o);
        return run(plan, plan.open(), o, volumesDir, stem);
    }

    private static VolumeAnalysis run(BlockPlan plan, BlockSource src, VolumeOptions o, Path volumesDir, String stem) {
        int threads = Parallel.threads(o.threads);
        BlockwiseRun run = plan.start();
        if (volumesDir != null) {
            run.writeVolumes(volumesDir, stem);
        }
        BlockStage tauStage = null;
        for (BlockStage s; (s = run.next()) != null; ) {
            if (s.kind() == BlockStage.Kind.TORTUOSITY) {
                tauStage = s;
            }
            List<Block> blocks = s.blocks();
            int t = Math.min(threads, blocks.size());
            MemoryCheck.require(s.memoryPerTaskBytes() * t, String.format(Locale.ROOT, "the block-wise %s pass (%d threads × %s per block of %d voxels)",
                    s.name(), t, MemoryCheck.human(s.memoryPerTaskBytes()), plan.blockSize)
                    + "; use a smaller --block-size or fewer --threads");
            int[] g = s.plan().gridShape(); // the plan of the pass: restricted to the slab after surface detection
            o.log(String.format(Locale.ROOT, "block-wise %s pass: %d of %d blocks (grid %d×%d×%d of %d³), %s per worker × %d threads",
                    s.name(), blocks.size(), g[0] * g[1] * g[2], g[0], g[1], g[2], plan.blockSize, MemoryCheck.human(s.memoryPerTaskBytes()), t));
            o.report(s.name(), 0.0);
            Serializable[] acc = new Serializable[t];
            BlockStage stage = s;
            // tasks take blocks from a shared counter, so a slow block does not hold up a thread's whole share
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            Parallel.of(t).forRange(t, Long.MAX_VALUE, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    Serializable mine = null;
                    for (int i; (i = next.getAndIncrement()) < blocks.size(); ) {
                        Serializable p;
                        try {
                            p = stage.run(src, blocks.get(i));
                        } catch (RuntimeException | Error e) {
                            next.set(blocks.size()); // the other threads take no further block of a failed pass
                            throw e;
                        }
                        mine = mine == null ? p : stage.combine(mine, p);
                    }
                    acc[c] = mine;
                }
            });
            Serializable total = null;
            for (Serializable p : acc) {
                if (p != null) {
                    total = total == null ? p : s.combine(total, p);
                }
            }
            run.accept(total);
        }
        o.report("done", 1.0);
        VolumeAnalysis a = run.result();
        java.util.Map<String, Object> b = new java.util.LinkedHashMap<>(a.blockwise());
        b.put("threads", threads);
        if (tauStage != null) {
            b.putAll(globalTau(tauStage.plan(), src, tauStage, threads));
        }
        return a.toBuilder().blockwise(b).build();
    }

    /**
     * τ of the whole analysed box (the pore phase after small-object removal, along the axis), next to the
     * block-wise statistic, when the solve fits in half the free heap (≈ 22 bytes per voxel); otherwise a note.
     */
    static Map<String, Object> globalTau(BlockPlan plan, BlockSource src, BlockStage stage, int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        int w = plan.box.w();
        int h = plan.box.h();
        int d = plan.box.d();
        long need = 22L * w * h * d;
        if (need > MemoryCheck.available() / 2) {
            m.put("tau_global", null);
            m.put("tau_global_note", "the whole-volume solve needs " + MemoryCheck.human(need) + "; not run (block-wise statistic only)");
            return m;
        }
        byte[][] grid = new byte[d][w * h];
        for (Block b : plan.blocks()) {
            byte[][] p = stage.porePhase(src, b);
            for (int z = 0; z < b.d(); z++) {
                for (int y = 0; y < b.h(); y++) {
                    System.arraycopy(p[z], y * b.w(), grid[b.z0() + z], (b.y0() + y) * w + b.x0(), b.w());
                }
            }
        }
        m.put("tau_global_side_boundary", plan.opt.sideBoundary.key());
        try {
            TransportResult r = TortuositySolver.solve(new PhaseGrid(w, h, d, plan.voxelSize, grid, "pore"), Axis.values()[plan.opt.axis],
                    TransportOptions.defaults().withThreads(threads).withSides(plan.opt.sideBoundary));
            m.put("tau_global", r.tauTotal());
            m.put("tau_global_converged", r.converged());
        } catch (PoroPhaseException e) {
            m.put("tau_global", null);
            m.put("tau_global_note", e.getMessage());
        }
        return m;
    }
}
