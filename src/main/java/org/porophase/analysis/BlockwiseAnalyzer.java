package org.porophase.analysis;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.porophase.core.BlockSource;
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
        BlockPlan plan = BlockPlan.plan(input, o);
        try (BlockSource src = plan.open()) {
            return run(plan, src, o).withInput(input.toString(), Provenance.sha256OrNull(input));
        }
    }

    /** Plans and runs the analysis of an open source (not closed here). */
    public static VolumeAnalysis analyze(VolumeSource src, VolumeOptions o) {
        BlockPlan plan = BlockPlan.plan(src, o);
        return run(plan, plan.open(), o);
    }

    private static VolumeAnalysis run(BlockPlan plan, BlockSource src, VolumeOptions o) {
        int threads = Parallel.threads(o.threads);
        BlockwiseRun run = plan.start();
        for (BlockStage s; (s = run.next()) != null; ) {
            List<Block> blocks = s.blocks();
            int t = Math.min(threads, blocks.size());
            MemoryCheck.require(s.memoryPerTaskBytes() * t, String.format(Locale.ROOT, "the block-wise %s pass (%d threads × %s per block of %d voxels)",
                    s.name(), t, MemoryCheck.human(s.memoryPerTaskBytes()), plan.blockSize)
                    + "; use a smaller --block-size or fewer --threads");
            o.report(s.name(), 0.0);
            Serializable[] acc = new Serializable[t];
            BlockStage stage = s;
            // tasks take blocks from a shared counter, so a slow block does not hold up a thread's whole share
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            Parallel.of(t).forRange(t, Long.MAX_VALUE, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    Serializable mine = null;
                    for (int i; (i = next.getAndIncrement()) < blocks.size(); ) {
                        Serializable p = stage.run(src, blocks.get(i));
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
        return a.toBuilder().blockwise(b).build();
    }
}
