package org.porophase.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.SparkSession;
import org.porophase.analysis.CompareOptions;
import org.porophase.config.PluginConfig;
import org.porophase.config.SweepSpec;
import org.porophase.core.OutputFolder;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.Batch;
import org.porophase.pipeline.StagedBatch;

/**
 * {@code sweep FILE.yml}: the grid of a {@link SweepSpec} ({@code phasefield} or {@code compare}), one run
 * per grid point (times each input, when the sweep has inputs), each run one Spark task. Run {@code k} is
 * written under the stem {@code run-000k}: a phase-field run's normal files {@code OUT/run-000k.*}, a
 * comparison's report folder {@code OUT/run-000k/}; {@code sweep.csv} and {@code sweep.parquet} have one
 * row per run: {@code run, stem, input, status, error}, the grid's parameters, then the run's metrics
 * (phasefield: every scalar of its result.json, its own status as {@code result_status}; compare: the
 * row of {@code summary.csv}). Values: plugin.yml, {@code --config}, the sweep's {@code base}, the command
 * line's flags and {@code --set}, then the grid point, each over the one before.
 */
final class SweepCommand {
    private SweepCommand() {
    }

    /** Columns every sweep row starts with. */
    static final List<String> FIXED = List.of("run", "stem", "input", "status", "error");

    static int run(SparkSession spark, SparkArgs a, PrintStream err) {
        if (a.inputs.size() != 1) {
            throw new PoroPhaseException("sweep needs one INPUT: the sweep's YAML file (command, base, grid; see README, sweep)");
        }
        Path out = a.out();
        SweepSpec spec = SweepSpec.load(Path.of(a.inputs.get(0)), a.base());
        List<String> blocks = SweepSpec.blocks(spec.command());
        StagedBatch.Kind kind = "compare".equals(spec.command()) ? StagedBatch.Kind.COMPARE : StagedBatch.Kind.PHASEFIELD;
        // every run's parameters, checked before anything runs
        PluginConfig base = spec.apply(a.base(), spec.base(), "sweep base");
        warnings(err, a.apply(base, blocks, 0));
        List<Path> inputs = new ArrayList<>();
        if (spec.inputs().isEmpty()) {
            inputs.add(null);
        } else {
            Batch.Inputs in = Batch.expandInputs(spec.inputs().stream().map(Path::of).toList());
            for (Path s : in.skipped()) {
                err.println("skipped " + s + ": " + Batch.skipReason(s));
            }
            inputs.addAll(in.files());
            if (inputs.isEmpty()) {
                throw new PoroPhaseException("sweep: no image files found in the inputs " + spec.inputs());
            }
        }
        List<LinkedHashMap<String, Object>> points = spec.points();
        int n = inputs.size() * points.size();
        String format = "run-%0" + Math.max(4, String.valueOf(n).length()) + "d";
        List<Distributed.Item> items = new ArrayList<>();
        List<Path> itemInputs = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        for (Path in : inputs) {
            for (LinkedHashMap<String, Object> p : points) {
                int k = items.size();
                String stem = String.format(Locale.ROOT, format, k + 1);
                PluginConfig c = spec.apply(a.apply(base, blocks, 0), p, "sweep grid");
                if (kind == StagedBatch.Kind.COMPARE) {
                    CompareOptions.fromConfig(c).validate();
                } else {
                    org.porophase.phasefield.PhaseFieldParameters.fromConfig(c).validate();
                }
                items.add(new Distributed.Item(k, in == null ? null : in.toString(), stem, p));
                itemInputs.add(in);
                stems.add(stem);
            }
        }
        List<String> tables = a.parquet ? List.of("sweep.csv", "sweep.parquet") : List.of("sweep.csv");
        StagedBatch.check(kind, out, "--out", itemInputs, stems, tables);
        List<Map<String, Object>> metrics = new ArrayList<>();
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            metrics.add(null);
        }
        int[] done = {0};
        Distributed.Stats stats;
        List<Path> protect = itemInputs.stream().filter(p -> p != null).toList();
        try (OutputFolder folder = OutputFolder.open(out, "--out", protect); Distributed d = new Distributed(spark, folder)) {
            Distributed.Work work = new RunWork(a, spec, kind, out.toAbsolutePath().toString());
            stats = d.run(items, work, a.partitions, o -> {
                String error = o.error();
                if (error == null) {
                    try {
                        StagedBatch.commit(kind, folder, stems.get(o.index()), Path.of(o.staged()));
                        metrics.set(o.index(), o.row());
                    } catch (PoroPhaseException e) {
                        error = e.getMessage();
                    }
                }
                errors[o.index()] = error;
                BatchCommand.progress(err, a, ++done[0], n, stems.get(o.index()) + " " + items.get(o.index()).point(), error);
            });
            for (Map.Entry<Integer, String> e : stats.lost().entrySet()) {
                errors[e.getKey()] = e.getValue();
                BatchCommand.progress(err, a, ++done[0], n, stems.get(e.getKey()), e.getValue());
            }
            List<String> columns = new ArrayList<>(FIXED);
            Set<String> gridKeys = new LinkedHashSet<>(spec.grid().keySet());
            columns.addAll(gridKeys);
            Set<String> metricKeys = new LinkedHashSet<>();
            for (Map<String, Object> m : metrics) {
                if (m != null) {
                    for (String k : m.keySet()) {
                        if (!"warnings".equals(k)) {
                            metricKeys.add(column(k, gridKeys));
                        }
                    }
                }
            }
            columns.addAll(metricKeys);
            columns.add("warnings");
            List<List<Object>> rows = new ArrayList<>();
            for (Distributed.Item it : items) {
                Map<String, Object> m = metrics.get(it.index());
                Map<String, Object> renamed = new LinkedHashMap<>();
                if (m != null) {
                    for (Map.Entry<String, Object> e : m.entrySet()) {
                        renamed.put(column(e.getKey(), gridKeys), e.getValue());
                    }
                }
                List<Object> row = new ArrayList<>();
                row.add(it.index() + 1);
                row.add(it.stem());
                row.add(it.input() == null ? "" : it.input());
                row.add(errors[it.index()] == null ? "ok" : "failed");
                row.add(errors[it.index()] == null ? "" : errors[it.index()]);
                for (String g : gridKeys) {
                    row.add(it.point().get(g));
                }
                for (String k : metricKeys) {
                    row.add(renamed.get(k));
                }
                Object w = renamed.get("warnings");
                row.add(w instanceof List<?> l ? String.join("; ", l.stream().map(String::valueOf).toList()) : "");
                rows.add(row);
            }
            SparkTables.write(spark, folder, "sweep", columns, rows, a.parquet);
        }
        int failed = 0;
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                failed++;
                err.println("error: " + stems.get(i) + " " + items.get(i).point() + ": " + errors[i]);
            }
        }
        err.printf("%d of %d run(s) done, %d failed; sweep.csv%s in %s (%s)%n", n - failed, n, failed, a.parquet ? " and sweep.parquet" : "",
                out.toAbsolutePath(), stats.describe());
        err.flush();
        return failed == 0 ? PoroPhaseSpark.OK : PoroPhaseSpark.SOME_FAILED;
    }

    /** A metric's column: its key, or {@code result_KEY} where the key is a fixed or grid column. */
    private static String column(String key, Set<String> gridKeys) {
        return "warnings".equals(key) ? key : FIXED.contains(key) || gridKeys.contains(key) ? "result_" + key : key;
    }

    private static void warnings(PrintStream err, PluginConfig cfg) {
        BatchCommand.warnings(err, cfg);
    }

    /** One run of the sweep on an executor. */
    static final class RunWork implements Distributed.Work {
        private static final long serialVersionUID = 1L;
        private final SparkArgs args;
        private final String command;
        private final LinkedHashMap<String, Object> base;
        private final StagedBatch.Kind kind;
        private final String out;

        RunWork(SparkArgs args, SweepSpec spec, StagedBatch.Kind kind, String out) {
            this.args = args;
            this.command = spec.command();
            this.base = new LinkedHashMap<>(spec.base());
            this.kind = kind;
            this.out = out;
        }

        @Override
        public StagedBatch.Outcome run(Distributed.Item item, Path staging, int cpus) {
            List<String> blocks = SweepSpec.blocks(command);
            PluginConfig c;
            try {
                c = SweepSpec.apply(args.base(), blocks, base, "sweep base");
                c = SweepSpec.apply(args.apply(c, blocks, cpus), blocks, item.point(), "sweep grid");
            } catch (PoroPhaseException e) {
                return new StagedBatch.Outcome(item.index(), null, e.getMessage(), true, null);
            }
            Path in = item.input() == null ? null : Path.of(item.input());
            if (kind == StagedBatch.Kind.COMPARE) {
                CompareOptions o;
                try {
                    o = CompareOptions.fromConfig(c).validate();
                } catch (PoroPhaseException e) {
                    return new StagedBatch.Outcome(item.index(), null, e.getMessage(), true, null);
                }
                return StagedBatch.compare(o, item.index(), in, item.stem(), staging, Path.of(out));
            }
            return StagedBatch.phaseField(c, item.index(), in, item.stem(), staging);
        }
    }
}
