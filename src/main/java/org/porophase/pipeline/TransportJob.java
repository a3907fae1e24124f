package org.porophase.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.porophase.analysis.TransportAnalysis;
import org.porophase.analysis.TransportAnalyzer;
import org.porophase.analysis.TransportSettings;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.report.TransportOutputs;

/**
 * The {@code transport} use case: analyse one input and, with an output folder, write its files
 * ({@link TransportOutputs}) after the same guards as every command (no output may overwrite an
 * input; the files of one input are committed together or not at all).
 */
public final class TransportJob {
    private final Path out;
    private final String outLabel;

    /** @param out output folder or null (nothing written) */
    public TransportJob(Path out, String outLabel) {
        this.out = out;
        this.outLabel = outLabel;
    }

    /** The names the command may write for an input's stem. */
    static List<String> names(String stem) {
        return OutputNames.transportNames(stem);
    }

    /** An open image or stack (e.g. Fiji's current image), its outputs named after {@code title}. */
    public TransportAnalysis run(org.porophase.core.VolumeSource src, String title, TransportSettings s) {
        if (out == null) {
            return TransportAnalyzer.analyze(src, s, title);
        }
        String stem = OutputNames.stem(title);
        OutputPlan.check(out, outLabel, List.of(new OutputPlan.Entry(null, stem, names(stem), null)), List.of(), List.of());
        try (OutputFolder folder = OutputFolder.open(out, outLabel, List.of())) {
            TransportAnalysis a = TransportAnalyzer.analyze(src, s, title);
            folder.commitFiles(stem, d -> TransportOutputs.write(a, d, stem));
            return a;
        }
    }

    public TransportAnalysis run(Path input, TransportSettings s) {
        if (out == null) {
            return TransportAnalyzer.analyze(input, s);
        }
        String stem = OutputNames.stem(input);
        OutputPlan.check(out, outLabel, List.of(new OutputPlan.Entry(input, stem, names(stem), null)), List.of(), List.of());
        try (OutputFolder folder = OutputFolder.open(out, outLabel, List.of(input))) {
            TransportAnalysis a = TransportAnalyzer.analyze(input, s);
            folder.commitFiles(stem, d -> TransportOutputs.write(a, d, stem));
            return a;
        }
    }
}
