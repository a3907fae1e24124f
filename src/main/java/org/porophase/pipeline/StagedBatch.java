package org.porophase.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.porophase.analysis.CompareOptions;
import org.porophase.config.PluginConfig;
import org.porophase.core.InvalidValueException;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.core.PoroPhaseException;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.report.PhaseFieldOutputs;

/**
 * A batch whose items run elsewhere (the executors of a cluster: {@code org.porophase.spark}) and whose
 * outputs are committed here, exactly once. The same use cases as {@link AnalyzeJob#batch},
 * {@link CompareJob#batch} and {@link PhaseFieldJob}, split in three:
 * <ol>
 * <li><b>Plan</b> (driver): {@link #check} compares every name every item will write with every input, as
 * the local batches do ({@link OutputPlan}); the driver then holds the output folder
 * ({@link OutputFolder#open}: lock, leftovers of dead runs removed) for the whole run.</li>
 * <li><b>Items</b> (workers): {@link #analyze}, {@link #analyzeVolume}, {@link #compare}, {@link #phaseField}
 * run one item and write its whole normal output set (the files the CLI writes for it, named by its
 * stem) into a staging folder private to that attempt; they return an {@link Outcome}: the item's flat row
 * for the summary table, or its error (a failure of the item is an outcome, not an exception, so it is
 * listed with its reason and the batch goes on). Only a lost worker or an out-of-memory error escapes,
 * so that the engine may run the item again, into a fresh staging folder.</li>
 * <li><b>Commit</b> (driver): {@link #commit} moves the staged set of the one attempt whose outcome was
 * received into the output folder as a whole ({@link OutputFolder#commitFiles}, a compare report folder
 * by {@link OutputFolder#commitFolder}), replacing the earlier set of that stem; staging folders of other
 * attempts (a retried or speculative task) are never committed and are removed with the run's staging
 * area. {@link #result} builds the batch's {@code summary.csv} exactly as {@link Batch} does.</li>
 * </ol>
 * The staging area is a folder {@code OUT/.porophase-staging-…} ({@link OutputFolder#STAGING_PREFIX}), so
 * a run killed before its end leaves nothing the next run into OUT does not remove. The output folder must
 * be one file system that the driver and every worker see under the same path (a shared POSIX file
 * system on a cluster); the commit is a rename within it.
 */
public final class StagedBatch {
    private StagedBatch() {
    }

    /** The use case of an item. */
    public enum Kind {
        /** {@code analyze}: a section, or a volume for 3D inputs; flat files {@code OUT/STEM.*}. */
        ANALYZE,
        /** {@code analyze-volume}: every input as a volume; flat files {@code OUT/STEM.*}. */
        ANALYZE_VOLUME,
        /** {@code compare}: a report folder {@code OUT/STEM/}. */
        COMPARE,
        /** {@code phasefield}: flat files {@code OUT/STEM.*} of one run. */
        PHASEFIELD;

        /** True when an item's outputs are one folder {@code OUT/STEM/} rather than files {@code OUT/STEM.*}. */
        public boolean isFolder() {
            return this == COMPARE;
        }
    }

    /**
     * What a worker sends back for one item: its index, its row (scalar values and the warnings as a
     * list of strings: what {@code summary.csv} shows) or its error, and the staging folder holding its set.
     */
    public record Outcome(int index, LinkedHashMap<String, Object> row, String error, boolean badValue, String staged) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** True when the item completed (its set is staged). */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Refuses (as bad input, nothing written) a run whose planned outputs would overwrite an input, exactly
     * as the local batches do.
     *
     * @param inputs the input of each item (null for an item without one: an ideal phase-field run)
     * @param stems the stem of each item's outputs, in the order of {@code inputs}
     * @param folderFiles files of OUT itself ({@code summary.csv}, …)
     */
    public static void check(Kind kind, Path out, String label, List<Path> inputs, List<String> stems, List<String> folderFiles) {
        List<OutputPlan.Entry> plan = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path in = inputs.get(i);
            String stem = stems.get(i);
            plan.add(switch (kind) {
                case ANALYZE, ANALYZE_VOLUME -> OutputPlan.analyze(in, stem);
                case COMPARE -> OutputPlan.compare(in, stem);
                case PHASEFIELD -> OutputPlan.phaseField(in, stem);
            });
        }
        OutputPlan.check(out, label, plan, List.of(), folderFiles);
    }

    /** Worker: {@code analyze} of one file (a section, or a volume when the file is 3D) into {@code staging}. */
    public static Outcome analyze(AnalyzeJob job, int index, Path file, String stem, Path staging) {
        return run(index, staging, () -> job.analyzeTo(file, stem, into(staging)).summary());
    }

    /** Worker: {@code analyze-volume} of one file or slice folder into {@code staging}. */
    public static Outcome analyzeVolume(AnalyzeJob job, int index, Path file, String stem, Path staging) {
        return run(index, staging, () -> job.volumeInto(file, job.volumeOptions(), stem, into(staging)).summary());
    }

    /**
     * Worker: {@code compare} of one file into {@code staging} (the files of its report folder);
     * {@code outDir} is the output folder as the user named it (the row's {@code report_folder}).
     */
    public static Outcome compare(CompareOptions o, int index, Path file, String stem, Path staging, Path outDir) {
        return run(index, staging, () -> CompareJob.into(file, stem, o, outDir, into(staging)).row());
    }

    /**
     * Worker: one {@code phasefield} run with the configuration's {@code phasefield} block (on {@code mask}, or
     * the ideal scaffold or flat reference as the block says when {@code mask} is null), its outputs
     * ({@link PhaseFieldOutputs}) written under {@code stem} into {@code staging}. The row is every scalar of
     * its result.json (status, final metrics, steps, dx, …; deprecated aliases left out). A diverged run is a
     * completed item whose {@code status} says so (its outputs hold the last good state, as on the CLI).
     */
    public static Outcome phaseField(PluginConfig cfg, int index, Path mask, String stem, Path staging) {
        return run(index, staging, () -> {
            PhaseFieldJob job = PhaseFieldJob.create(cfg, mask, null);
            PhaseFieldResult r = job.run(null);
            into(staging).put(stem, d -> PhaseFieldOutputs.write(r, d, stem));
            Map<String, Object> json = r.toJson();
            Map<String, Object> row = new LinkedHashMap<>();
            Object deprecated = json.get("deprecated_keys");
            for (Map.Entry<String, Object> e : json.entrySet()) {
                if (!(deprecated instanceof Map<?, ?> d && d.containsKey(e.getKey()))) {
                    row.put(e.getKey(), e.getValue());
                }
            }
            return row;
        });
    }

    /** A sink that writes an item's set straight into its (empty, private) staging folder. */
    private static AnalyzeJob.Sink into(Path staging) {
        return (stem, w) -> {
            w.writeInto(staging);
            try {
                return listFiles(staging);
            } catch (IOException e) {
                throw new PoroPhaseException("cannot list the staged outputs of " + stem + " in " + staging + ": " + e.getMessage(), e);
            }
        };
    }

    /** The work of one item: its summary map. */
    @FunctionalInterface
    private interface Work {
        Map<String, Object> run() throws Exception;
    }

    private static Outcome run(int index, Path staging, Work work) {
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            return new Outcome(index, null, "cannot create the staging folder " + staging + ": " + e.getMessage()
                    + " (the output folder must be writable from every worker)", false, null);
        }
        try {
            Map<String, Object> summary = work.run();
            return new Outcome(index, flat(summary), null, false, staging.toString());
        } catch (Exception e) {
            deleteQuietly(staging); // nothing of a failed item is kept, nothing of it is committed
            return new Outcome(index, null, Batch.message(e), e instanceof InvalidValueException, null);
        }
    }

    /** The values of a summary that a table shows: scalars, and the warnings as a list of strings. */
    static LinkedHashMap<String, Object> flat(Map<String, Object> summary) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        if (summary == null) {
            return m;
        }
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            Object v = e.getValue();
            if (v == null || v instanceof Number || v instanceof Boolean) {
                m.put(e.getKey(), v);
            } else if (v instanceof CharSequence c) {
                m.put(e.getKey(), c.toString());
            } else if ("warnings".equals(e.getKey()) && v instanceof Collection<?> w) {
                m.put(e.getKey(), new ArrayList<>(w.stream().map(String::valueOf).toList()));
            }
        }
        return m;
    }

    /**
     * Driver: moves the staged set of one item into the held output folder as a whole, replacing the
     * earlier set of its stem (files {@code OUT/STEM.*}, or the report folder {@code OUT/STEM/}).
     *
     * @return the files as moved in
     * @throws PoroPhaseException when the set cannot be moved in (the earlier set is then as it was)
     */
    public static List<Path> commit(Kind kind, OutputFolder folder, String stem, Path staged) {
        OutputFolder.Writer move = d -> {
            try {
                for (Path p : listFiles(staged)) {
                    Files.move(p, d.resolve(p.getFileName().toString()));
                }
            } catch (IOException e) {
                throw new PoroPhaseException("cannot move the staged outputs of " + stem + " from " + staged + ": " + e.getMessage(), e);
            }
        };
        try {
            return kind.isFolder() ? folder.commitFolder(stem, move) : folder.commitFiles(stem, move);
        } finally {
            deleteQuietly(staged);
        }
    }

    /**
     * Driver: the batch's result from the items' rows, in input order, as {@link Batch#run} returns it
     * ({@link Batch.Result#toCsv()} is then the same {@code summary.csv}).
     *
     * @param rows the row of each file (null where it failed)
     * @param errors file → reason, for the failed ones
     * @param badValues how many failed because of a parameter value they cannot honour
     */
    public static Batch.Result result(List<Path> files, List<String> stems, List<? extends Map<String, Object>> rows, Map<Path, String> errors,
            int badValues) {
        Map<Path, String> ordered = new LinkedHashMap<>();
        for (Path f : files) {
            if (errors.containsKey(f)) {
                ordered.put(f, errors.get(f));
            }
        }
        List<Map<String, Object>> summaries = new ArrayList<>(rows);
        return new Batch.Result(new ArrayList<>(files), new ArrayList<>(stems), summaries, ordered, !files.isEmpty() && badValues == files.size());
    }

    /** The staged outputs: regular files and folder outputs ({@link OutputNames#isFolderOutput}: OME-Zarr images), by name. */
    private static List<Path> listFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && OutputNames.isFolderOutput(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** Removes a staging folder (and what is in it); a leftover is removed by the next run into OUT. */
    public static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | RuntimeException e) {
            // removed at the start of the next run into the output folder
        }
    }

    /** Unique stems of a batch's inputs ({@link OutputNames#uniqueStems}), in input order. */
    public static List<String> stems(List<Path> files) {
        Map<Path, String> m = OutputNames.uniqueStems(files);
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(m.get(f));
        }
        return out;
    }
}
