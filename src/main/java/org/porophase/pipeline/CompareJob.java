package org.porophase.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.analysis.CompareOptions;
import org.porophase.analysis.CompareResult;
import org.porophase.analysis.ScaffoldComparison;
import org.porophase.report.CompareReport;

/**
 * The compare use case: one input against its ideal twin ({@link ScaffoldComparison}), its report
 * folder {@code OUT/STEM/} written ({@link CompareReport#write}), and one flat row for a batch's
 * combined table. Every front end calls this; a folder goes through {@link Batch}.
 */
public final class CompareJob {
    private CompareJob() {
    }

    /**
     * Compares one input and writes its report folder {@code outDir/STEM/}; returns the row (input,
     * folder, porosity, δ, S_c and R_J real/ideal, phase-field metrics real/ideal).
     */
    public static Map<String, Object> report(Path input, CompareOptions o, Path outDir) {
        CompareResult r = ScaffoldComparison.run(input, o);
        Path dir = outDir.resolve(r.real.title());
        CompareReport.write(r, dir, input);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("input", input.toString());
        row.put("report_folder", dir.toString());
        row.putAll(ScaffoldComparison.row(r));
        return row;
    }
}
