package org.porophase.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.analysis.CompareOptions;
import org.porophase.analysis.CompareResult;
import org.porophase.analysis.ScaffoldComparison;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.report.CompareReport;

/**
 * The compare use case: one input against its ideal twin ({@link ScaffoldComparison}), its report
 * folder {@code OUT/STEM/} written ({@link CompareReport#write}), and one flat row for a batch's
 * combined table. Every front end calls this; a folder goes through {@link #batch}.
 * <p>
 * The report folder is written whole or not at all: into a staging folder inside OUT, then swapped
 * in for the earlier folder of that stem in one step ({@link OutputFolder#commitFolder}); a killed or
 * failed comparison leaves the earlier report as it was. Before anything is written, the planned
 * folders are checked against the inputs ({@link OutputPlan}), and OUT is locked for the run.
 */
public final class CompareJob {
    private CompareJob() {
    }

    /** One input's report: the comparison, its folder and files (as moved in), and the batch row. */
    public record Report(CompareResult result, Path folder, List<Path> files, Map<String, Object> row) {
    }

    /**
     * Compares one input and writes its report folder {@code outDir/STEM/}; returns the row (input,
     * folder, porosity, δ, S_c and R_J real/ideal, phase-field metrics real/ideal).
     */
    public static Map<String, Object> report(Path input, CompareOptions o, Path outDir) {
        return run(input, o, outDir, null).row();
    }

    /**
     * Compares one input and writes its report folder {@code outDir/STEM/} (guarded, locked, swapped in whole).
     *
     * @param outLabel how the user names the output folder, for messages ({@code "--out"}, {@code "output_folder"})
     */
    public static Report run(Path input, CompareOptions o, Path outDir, String outLabel) {
        String stem = OutputNames.stem(input);
        OutputPlan.check(outDir, outLabel, List.of(OutputPlan.compare(input, stem)), List.of(), List.of());
        try (OutputFolder folder = OutputFolder.open(outDir, outLabel, List.of(input))) {
            return into(input, stem, o, folder);
        }
    }

    /**
     * Every file, {@code threads} at a time (≤ 0: one per core), past any that fails: one report
     * folder each (stems unique within the batch, {@link OutputNames#uniqueStems}) and, with
     * {@code summaryCsv}, {@code outDir/summary.csv}. The guards of {@link #run} hold for the batch as a whole.
     */
    public static Batch.Result batch(List<Path> files, CompareOptions o, Path outDir, String outLabel, int threads,
            Batch.Progress progress, boolean summaryCsv) {
        Map<Path, String> stems = OutputNames.uniqueStems(files);
        List<OutputPlan.Entry> plan = new ArrayList<>();
        for (Path f : files) {
            plan.add(OutputPlan.compare(f, stems.get(f)));
        }
        OutputPlan.check(outDir, outLabel, plan, List.of(), summaryCsv ? List.of(OutputNames.SUMMARY_CSV) : List.of());
        try (OutputFolder folder = OutputFolder.open(outDir, outLabel, files)) {
            Batch.Result r = Batch.run(files, stems, f -> into(f, stems.get(f), o, folder).row(), threads, progress);
            if (summaryCsv) {
                folder.writeFile(OutputNames.SUMMARY_CSV, r.toCsv());
            }
            return r;
        }
    }

    private static Report into(Path input, String stem, CompareOptions o, OutputFolder folder) {
        return into(input, stem, o, folder.dir(), folder::commitFolder);
    }

    /**
     * Compares one input; its report folder's files go to {@code sink} ({@link OutputFolder#commitFolder}
     * of {@code outDir}, or a private staging folder committed later: {@link StagedBatch}).
     */
    static Report into(Path input, String stem, CompareOptions o, Path outDir, AnalyzeJob.Sink sink) {
        CompareResult r = ScaffoldComparison.run(input, o);
        List<Path> files = sink.put(stem, staging -> CompareReport.write(r, staging, stem, input));
        Path dir = outDir.resolve(stem);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("input", input.toString());
        row.put("report_folder", dir.toString());
        row.putAll(ScaffoldComparison.row(r));
        return new Report(r, dir, files, row);
    }
}
