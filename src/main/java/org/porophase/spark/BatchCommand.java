package org.porophase.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.porophase.analysis.CompareOptions;
import org.porophase.config.PluginConfig;
import org.porophase.config.SweepSpec;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.AnalyzeJob;
import org.porophase.pipeline.Batch;
import org.porophase.pipeline.StagedBatch;

/**
 * {@code analyze}, {@code analyze-volume} and {@code compare} over files, folders and globs: one item per
 * input file, run on the executors, each item's normal output set committed into {@code --out} as the CLI
 * writes it ({@code STEM.*} files, or the report folder {@code STEM/} for compare), and one summary table,
 * {@code summary.csv} (the CLI's, row for row) and {@code summary.parquet}. Failed items are listed with
 * their reason (in the table and on stderr); the others complete. Exit code as the CLI's: 0 all done, 1 some
 * failed, 2 bad usage or input (nothing run).
 */
final class BatchCommand {
    private BatchCommand() {
    }

    static int run(SparkSession spark, SparkArgs a, PrintStream err) {
        StagedBatch.Kind kind = switch (a.command) {
            case "analyze" -> StagedBatch.Kind.ANALYZE;
            case "analyze-volume" -> StagedBatch.Kind.ANALYZE_VOLUME;
            default -> StagedBatch.Kind.COMPARE;
        };
        if (a.inputs.isEmpty()) {
            throw new PoroPhaseException(a.command + " needs at least one INPUT: image files, folders or globs ('sem/*.tif')");
        }
        Path out = a.out();
        // the parameters, checked here once (bad values: exit 2 before anything runs)
        if (kind == StagedBatch.Kind.ANALYZE) {
            PluginConfig cfg = a.config(List.of("analyze"), 0);
            warnings(err, cfg);
            new AnalyzeJob(cfg, out); // binds and validates the 2D options; the 3D ones bind per volume, as on the CLI
        } else if (kind == StagedBatch.Kind.ANALYZE_VOLUME) {
            PluginConfig cfg = a.config(List.of("analyze-volume"), 0);
            warnings(err, cfg);
            org.porophase.analysis.VolumeOptions.fromConfig(cfg);
        } else {
            PluginConfig cfg = a.config(SweepSpec.blocks("compare"), 0);
            warnings(err, cfg);
            CompareOptions.fromConfig(cfg).validate();
        }
        List<Path> files = inputs(a, kind == StagedBatch.Kind.ANALYZE_VOLUME, err);
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files found in " + a.inputs + " (looked for ." + String.join(", .", Batch.IMAGE_EXTENSIONS) + ")");
        }
        List<String> stems = StagedBatch.stems(files);
        List<String> tables = a.parquet ? List.of(OutputNames.SUMMARY_CSV, "summary.parquet") : List.of(OutputNames.SUMMARY_CSV);
        StagedBatch.check(kind, out, "--out", files, stems, tables);
        List<Distributed.Item> items = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            items.add(new Distributed.Item(i, files.get(i).toString(), stems.get(i), null));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            rows.add(null);
        }
        Map<Path, String> errors = new LinkedHashMap<>();
        int[] bad = {0};
        int[] done = {0};
        Batch.Result result;
        Distributed.Stats stats;
        try (OutputFolder folder = OutputFolder.open(out, "--out", files); Distributed d = new Distributed(spark, folder)) {
            Distributed.Work work = kind == StagedBatch.Kind.COMPARE ? new CompareWork(a, out.toAbsolutePath().toString()) : new AnalyzeWork(a, kind);
            stats = d.run(items, work, a.partitions, o -> {
                Path f = files.get(o.index());
                String error = o.error();
                if (error == null) {
                    try {
                        StagedBatch.commit(kind, folder, stems.get(o.index()), Path.of(o.staged()));
                        rows.set(o.index(), o.row());
                    } catch (PoroPhaseException e) {
                        error = e.getMessage();
                    }
                } else if (o.badValue()) {
                    bad[0]++;
                }
                if (error != null) {
                    errors.put(f, error);
                }
                progress(err, a, ++done[0], files.size(), f, error);
            });
            for (Map.Entry<Integer, String> e : stats.lost().entrySet()) {
                errors.put(files.get(e.getKey()), e.getValue());
                progress(err, a, ++done[0], files.size(), files.get(e.getKey()), e.getValue());
            }
            result = StagedBatch.result(files, stems, rows, errors, bad[0]);
            SparkTables.write(spark, folder, "summary", result.columns(), result.rows(), a.parquet);
        }
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> s = rows.get(i);
            if (s != null && s.get("warnings") instanceof Collection<?> w) {
                for (Object x : w) {
                    err.println("warning: " + files.get(i) + ": " + x);
                }
            }
        }
        for (Map.Entry<Path, String> e : result.errors().entrySet()) {
            err.println("error: " + e.getKey() + ": " + e.getValue());
        }
        err.printf("%d of %d file(s) %s, %d failed; outputs, summary.csv%s in %s (%s)%n", files.size() - result.failed(), files.size(),
                kind == StagedBatch.Kind.COMPARE ? "compared" : "analysed", result.failed(), a.parquet ? " and summary.parquet" : "",
                out.toAbsolutePath(), stats.describe());
        err.flush();
        if (result.allFailedForBadValues()) {
            return PoroPhaseSpark.BAD_INPUT;
        }
        return result.failed() == 0 ? PoroPhaseSpark.OK : PoroPhaseSpark.SOME_FAILED;
    }

    static void progress(PrintStream err, SparkArgs a, int done, int total, Object what, String error) {
        if (!a.quiet) {
            synchronized (err) {
                err.printf("[%d/%d] %s: %s%n", done, total, what, error == null ? "ok" : "FAILED: " + error);
                err.flush();
            }
        }
    }

    static void warnings(PrintStream err, PluginConfig cfg) {
        for (String w : cfg.warnings()) {
            err.println("warning: " + w);
        }
    }

    /**
     * The input files, expanded as the CLI does ({@link Batch#expandInputs}). For {@code analyze-volume}, a
     * folder holding no 3D file but 2D images is one volume (a slice folder); in a folder with 3D files,
     * the 2D images are skipped with a note.
     */
    static List<Path> inputs(SparkArgs a, boolean volumes, PrintStream err) {
        List<Path> given = a.inputs.stream().map(Path::of).toList();
        if (!volumes) {
            Batch.Inputs in = Batch.expandInputs(given);
            report(err, in);
            return in.files();
        }
        List<Path> files = new ArrayList<>();
        for (Path g : given) {
            Batch.Inputs in = Batch.expandInputs(List.of(g));
            report(err, in);
            if (Files.isDirectory(g)) {
                List<Path> vols = in.files().stream().filter(AnalyzeJob::isVolume).toList();
                if (vols.isEmpty() && !in.files().isEmpty()) {
                    files.add(g); // a folder of slices: one volume
                    continue;
                }
                for (Path f : in.files()) {
                    if (!vols.contains(f)) {
                        err.println("skipped " + f + ": a 2D image (analyze-volume takes volumes; a folder of only slices is one volume)");
                    }
                }
                files.addAll(vols);
            } else {
                files.addAll(in.files());
            }
        }
        return files;
    }

    private static void report(PrintStream err, Batch.Inputs in) {
        in.reportLines().forEach(err::println);
    }

    /** {@code analyze} / {@code analyze-volume} of one file on an executor. */
    static final class AnalyzeWork implements Distributed.Work {
        private static final long serialVersionUID = 1L;
        private final SparkArgs args;
        private final StagedBatch.Kind kind;

        AnalyzeWork(SparkArgs args, StagedBatch.Kind kind) {
            this.args = args;
            this.kind = kind;
        }

        @Override
        public StagedBatch.Outcome run(Distributed.Item item, Path staging, int cpus) {
            Path f = Path.of(item.input());
            AnalyzeJob job;
            try {
                PluginConfig section = kind == StagedBatch.Kind.ANALYZE ? args.config(List.of("analyze"), cpus) : PluginConfig.defaults();
                job = new AnalyzeJob(section, () -> args.config(List.of("analyze-volume"), cpus), null);
            } catch (PoroPhaseException e) {
                return new StagedBatch.Outcome(item.index(), null, e.getMessage(), true, null);
            }
            return kind == StagedBatch.Kind.ANALYZE ? StagedBatch.analyze(job, item.index(), f, item.stem(), staging)
                    : StagedBatch.analyzeVolume(job, item.index(), f, item.stem(), staging);
        }
    }

    /** {@code compare} of one file on an executor. */
    static final class CompareWork implements Distributed.Work {
        private static final long serialVersionUID = 1L;
        private final SparkArgs args;
        private final String out;

        CompareWork(SparkArgs args, String out) {
            this.args = args;
            this.out = out;
        }

        @Override
        public StagedBatch.Outcome run(Distributed.Item item, Path staging, int cpus) {
            CompareOptions o;
            try {
                o = CompareOptions.fromConfig(args.config(SweepSpec.blocks("compare"), cpus)).validate();
            } catch (PoroPhaseException e) {
                return new StagedBatch.Outcome(item.index(), null, e.getMessage(), true, null);
            }
            return StagedBatch.compare(o, item.index(), Path.of(item.input()), item.stem(), staging, Path.of(out));
        }
    }
}
