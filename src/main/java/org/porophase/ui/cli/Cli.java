package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.porophase.pipeline.Batch;

/** What every CLI command reports the same way: warnings on standard error. */
final class Cli {
    private Cli() {
    }

    /** Each warning of each result as {@code warning: FILE: text}. */
    static void warnings(PrintWriter err, Batch.Result r) {
        List<Path> files = r.files();
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> s = r.summaries().get(i);
            if (s != null) {
                warnings(err, files.get(i).toString(), s.get("warnings"));
            }
        }
    }

    /** Each entry of a {@code warnings} list as {@code warning: WHAT: text}. */
    static void warnings(PrintWriter err, String what, Object warnings) {
        if (warnings instanceof Collection<?> c) {
            for (Object w : c) {
                err.println("warning: " + what + ": " + w);
            }
        }
    }

    /**
     * What the expansion of the inputs left out or warns about: {@code skipped FILE: not an image file},
     * one line for PoroPhase's own outputs found in folders (never taken as inputs), and the warnings.
     */
    static void report(PrintWriter err, Batch.Inputs in) {
        in.reportLines().forEach(err::println);
    }

    /** Warnings of the configuration itself (former parameter names, …). */
    static void warnings(PrintWriter err, org.porophase.config.PluginConfig cfg) {
        for (String w : cfg.warnings()) {
            err.println("warning: " + w);
        }
    }
}
