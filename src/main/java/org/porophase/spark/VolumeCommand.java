package org.porophase.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.porophase.analysis.Block;
import org.porophase.analysis.BlockPlan;
import org.porophase.analysis.BlockStage;
import org.porophase.analysis.BlockwiseRun;
import org.porophase.analysis.Provenance;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeOptions;
import org.porophase.config.PluginConfig;
import org.porophase.core.BlockSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.StagedBatch;
import org.porophase.report.VolumeOutputs;

/**
 * {@code volume INPUT}: one volume too large for one machine (Zarr, N5, OME-Zarr, or any volume
 * PoroPhase reads) analysed by the exact block-wise pipeline ({@link BlockPlan}, {@link BlockwiseRun}) with
 * every pass distributed: one Spark task per block, the executor opening the input itself from its path and
 * reading only its block and halo ({@link BlockPlan#open}); the driver folds the blocks' partial results
 * ({@link BlockStage#combine}) and hands them to the run, which decides the next pass (range, histogram,
 * measure, distance — again on the blocks it could not certify —, local thickness, tortuosity). The result is
 * the in-memory analysis's (same threshold, porosity and profile, S_V, Euler characteristic, components,
 * open/closed/percolating porosity, local thickness) with the key {@code blockwise}; it is written as the
 * normal output set of {@code analyze-volume} ({@code STEM.summary.json}, profile, psd) through the output
 * folder (checked, locked, staged, moved in whole). With {@code --save-mask}, {@code --save-thickness},
 * {@code --save-labels} ({@code --volume-format zarr}) the tasks write those OME-Zarr volumes block by block into
 * the set's staging folder ({@link BlockwiseRun#writeVolumes}; a folder every executor sees), so the run happens
 * inside the commit and a failed run leaves nothing. Memory per task is stated before the run.
 */
final class VolumeCommand {
    private VolumeCommand() {
    }

    static int run(SparkSession spark, SparkArgs a, PrintStream err) {
        if (a.inputs.size() != 1) {
            throw new PoroPhaseException("volume needs one INPUT: a volume file or folder (Zarr, N5, OME-Zarr, TIFF stack, …); for many volumes use analyze-volume");
        }
        Path in = Path.of(a.inputs.get(0));
        Path out = a.out();
        PluginConfig cfg = a.config(List.of("analyze-volume"), 0);
        BatchCommand.warnings(err, cfg);
        VolumeOptions o = VolumeOptions.fromConfig(cfg);
        o.blockwise = true;
        // the executors open the volume from the plan's path: absolute, as their working directory is not the driver's
        BlockPlan plan = BlockPlan.plan(in.toAbsolutePath(), o);
        int[] g = plan.gridShape();
        err.printf(Locale.ROOT, "volume: %s: %d blocks (%d × %d × %d) of %d³ voxels; memory per task ≈ %s (executor heap per core must exceed it)%n",
                in, plan.blocks().size(), g[0], g[1], g[2], o.blockSize, MemoryCheck.human(plan.memoryPerWorkerBytes()));
        String stem = OutputNames.stem(in);
        StagedBatch.check(StagedBatch.Kind.ANALYZE_VOLUME, out, "--out", List.of(in), List.of(stem), List.of());
        VolumeAnalysis[] result = new VolumeAnalysis[1];
        try (OutputFolder folder = OutputFolder.open(out, "--out", List.of(in))) {
            // the passes write the volumes (save_mask, save_labels, save_thickness: OME-Zarr) into the set's staging folder,
            // which the executors see (a shared file system on a cluster); the set is moved in whole once the run is complete
            folder.commitFiles(stem, d -> {
                boolean volumes = o.writeMask || o.saveThickness || o.saveLabels;
                result[0] = run(spark, plan, a.partitions, null, err, a.quiet, volumes ? d.toAbsolutePath() : null, stem)
                        .withInput(in.toString(), Provenance.sha256OrNull(in));
                VolumeOutputs.write(result[0], d, stem, o.volumeFormat, 0, o.zarrLevels);
            });
        }
        err.println(result[0].summary());
        err.printf("outputs of %s in %s%n", in, out.toAbsolutePath());
        err.flush();
        return PoroPhaseSpark.OK;
    }

    /**
     * Runs every pass of {@code plan} on the executors (one task per block unless {@code partitions}) and
     * returns the merged analysis; {@code onStage} sees each pass before it runs (null: nobody).
     */
    static VolumeAnalysis run(SparkSession spark, BlockPlan plan, int partitions, Consumer<BlockStage> onStage, PrintStream err, boolean quiet) {
        return run(spark, plan, partitions, onStage, err, quiet, null, null);
    }

    /** As above, writing the volumes the options ask for into {@code volumesDir} as {@code STEM.*.ome.zarr} (null: none). */
    static VolumeAnalysis run(SparkSession spark, BlockPlan plan, int partitions, Consumer<BlockStage> onStage, PrintStream err, boolean quiet,
            Path volumesDir, String stem) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BlockwiseRun run = plan.start();
        if (volumesDir != null) {
            run.writeVolumes(volumesDir, stem);
        }
        Map<String, Object> passes = new LinkedHashMap<>();
        for (BlockStage stage; (stage = run.next()) != null; ) {
            if (onStage != null) {
                onStage.accept(stage);
            }
            List<Block> blocks = stage.blocks();
            int slices = partitions > 0 ? Math.min(partitions, blocks.size()) : blocks.size();
            long t0 = System.nanoTime();
            List<Serializable> partials = jsc.parallelize(new ArrayList<>(blocks), slices).mapPartitions(new Pass(stage)).collect();
            Serializable total = null;
            for (Serializable p : partials) {
                total = total == null ? p : stage.combine(total, p);
            }
            run.accept(total);
            double s = (System.nanoTime() - t0) / 1e9;
            if (!quiet && err != null) {
                err.printf(Locale.ROOT, "volume: %s pass: %d block(s), %d task(s), %.2f s%n", stage.name(), blocks.size(), slices, s);
                err.flush();
            }
        }
        VolumeAnalysis a = run.result();
        Map<String, Object> b = new LinkedHashMap<>(a.blockwise());
        b.put("engine", "spark " + spark.version() + ", master " + spark.sparkContext().master());
        if (plan.options().tauRev) {
            b.put("tau_global", null);
            b.put("tau_global_note", "the whole-volume solve is not run by the Spark runner (block-wise statistic only); run transport on the volume if it fits one machine");
        }
        return a.toBuilder().blockwise(b).build();
    }

    /** One task: its blocks of one pass, the source opened on the executor from the plan's path, partials folded. */
    static final class Pass implements FlatMapFunction<Iterator<Block>, Serializable> {
        private static final long serialVersionUID = 1L;
        private final BlockStage stage;

        Pass(BlockStage stage) {
            this.stage = stage;
        }

        @Override
        public Iterator<Serializable> call(Iterator<Block> blocks) {
            Serializable acc = null;
            try (BlockSource src = stage.plan().open()) {
                while (blocks.hasNext()) {
                    Serializable p = stage.run(src, blocks.next());
                    acc = acc == null ? p : stage.combine(acc, p);
                }
            }
            List<Serializable> one = new ArrayList<>();
            if (acc != null) {
                one.add(acc);
            }
            return one.iterator();
        }
    }
}
