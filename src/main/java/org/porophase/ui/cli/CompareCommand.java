package org.porophase.ui.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.analysis.CompareOptions;
import org.porophase.pipeline.Batch;
import org.porophase.pipeline.CompareJob;
import org.porophase.analysis.CompareResult;
import org.porophase.analysis.ScaffoldComparison;
import org.porophase.config.PluginConfig;
import org.porophase.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare INPUT}: a 2D SEM cross-section against its ideal parallel-cylinder twin (see
 * {@link ScaffoldComparison}); writes {@code DIR/STEM/} (summary.json, comparison.csv, PNG figures,
 * report.html); several inputs (files, folders, globs) give one folder each and {@code DIR/summary.csv}.
 * Exit code 0 = done, 1 = some input of a batch failed (listed; the others are done), 2 = bad input or
 * usage (nothing written).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a real SEM cross-section with its ideal parallel-cylinder twin (same porosity and mean pore diameter):",
                "S_c measured (eq. 3) vs 4*phi/delta (eq. 1), R_J (eq. 2), and phase-field Li plating (2D) on both.",
                "Writes DIR/STEM/: summary.json, comparison.csv, PNG figures and report.html.",
                "3D volumes: measured in 3D, phase-field on the central section through the thickness axis (or in 3D with --phasefield-3d).",
                "2D SEM: --section says whether the image is along the thickness or a plan view (auto by default).",
                "Several inputs (files, folders, globs): one report each, files in parallel, DIR/summary.csv.",
                "Options: the compare block of plugin.yml, then [analyze], [analyze-volume] and [phasefield] parameters (a name shared by blocks sets it in each).",
                "Exit code: 0 done, 1 some input failed (batch; the others are done), 2 bad input or usage."})
public final class CompareCommand implements Callable<Integer>, SpecOptions.Bound {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "2D SEM image file (TIFF with vendor metadata, PNG, …) or a 3D volume (multi-page TIFF, .mhd, .nrrd, .h5: analyze-volume defaults; phase-field on its central section through the thickness axis); several files, folders or globs give one report each, files in parallel, and DIR/summary.csv.")
    List<Path> inputs;
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder; the report goes to DIR/STEM/ (default ./compare-out).")
    Path out = Path.of("compare-out");

    private SpecOptions options;

    /** Its own block first; the analysis and phase-field blocks give the rest (a shared name sets it in each). */
    @Override
    public List<String> specIds() {
        return List.of("compare", "analyze", "analyze-volume", "phasefield");
    }

    @Override
    public void bind(SpecOptions o) {
        this.options = o;
    }

    @Override
    public Integer call() {
        boolean chunked = inputs.size() == 1 && org.porophase.io.VolumeReaders.isChunked(inputs.get(0)); // a Zarr / N5 folder is one volume
        if (!chunked && (inputs.size() > 1 || Files.isDirectory(inputs.get(0)) || inputs.get(0).getFileName().toString().matches(".*[*?].*"))) {
            return batch();
        }
        input = inputs.get(0);
        if (input == null || !Files.exists(input)) {
            throw new PoroPhaseException("input file not found: " + input + " (give an existing 2D SEM image or 3D volume file)");
        }
        if (!chunked) {
            org.porophase.io.InputFiles.requireRegularFile(input, "input file"); // a pipe or device: refused by name, not read
        }
        CompareOptions o = options();
        if (!common.quiet) {
            // the resolution rule's choice and each run's grid, memory and time, before the runs (as phasefield prints them)
            o.log = line -> {
                System.err.println("compare: " + line);
                System.err.flush();
            };
            int[] last = {-1};
            o.progress = (what, f) -> {
                int tenth = (int) Math.floor(10 * f);
                if (tenth > last[0]) {
                    last[0] = tenth;
                    System.err.printf(Locale.ROOT, "compare: %3d%%  %s%n", 10 * tenth, what);
                }
            };
        }
        long t0 = System.nanoTime();
        CompareJob.Report rep = CompareJob.run(input, o, out, "--out");
        CompareResult r = rep.result();
        Path dir = rep.folder();
        List<Path> files = rep.files();
        double s = (System.nanoTime() - t0) / 1e9;
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>(r.summary());
            m.put("files", files.stream().map(Path::toString).toList());
            spec.commandLine().getOut().println(Json.write(m));
            spec.commandLine().getOut().flush();
        }
        if (!common.quiet) {
            System.err.printf(Locale.ROOT, "compare: %s: S_c real %.4g vs ideal %.4g per um, R_J %.4g vs %.4g%s; %d files in %s (%.1f s)%n",
                    input.getFileName(), r.scRealPerUm, r.scIdealPerUm, r.rjReal, r.rjIdeal,
                    r.pfReal != null ? String.format(Locale.ROOT, ", wall creep %.3g vs %.3g, fill %.3g vs %.3g",
                            r.pfReal.finalMetrics().get("wall_creep_index"), r.pfIdeal.finalMetrics().get("wall_creep_index"),
                            r.pfReal.finalMetrics().get("fill_fraction"), r.pfIdeal.finalMetrics().get("fill_fraction")) : "",
                    files.size(), dir.toAbsolutePath(), s);
            for (String n : r.notes().subList(1, r.notes().size())) {
                System.err.println("compare: note: " + n);
            }
        }
        return 0;
    }

    /** plugin.yml defaults (bundled or --config), then the flags given, for each block. */
    CompareOptions options() {
        PluginConfig cfg = options.config(common.config, specIds().toArray(new String[0]));
        Cli.warnings(spec.commandLine().getErr(), cfg);
        return CompareOptions.fromConfig(cfg).validate();
    }

    /** Several inputs: one report folder each, files in parallel, DIR/summary.csv; exit 1 if any failed. */
    private int batch() {
        CompareOptions o = options();
        java.io.PrintWriter err = spec.commandLine().getErr();
        Batch.Inputs expanded = Batch.expandInputs(inputs);
        List<Path> files = expanded.files();
        Cli.report(err, expanded);
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files found in " + inputs);
        }
        Batch.Result r = CompareJob.batch(files, o, out, "--out", 0, common.quiet ? null : (done, total, f, e) -> {
            synchronized (err) {
                err.printf("[%d/%d] %s: %s%n", done, total, f, e == null ? "ok" : "FAILED: " + e);
                err.flush();
            }
        }, true);
        if (common.json) {
            spec.commandLine().getOut().println(Json.write(AnalyzeCommand.batchJson(r)));
            spec.commandLine().getOut().flush();
        }
        for (Map.Entry<Path, String> e : r.errors().entrySet()) {
            err.println("error: " + e.getKey() + ": " + e.getValue());
        }
        err.printf("%d of %d compared, %d failed; reports and summary.csv in %s%n", files.size() - r.failed(), files.size(),
                r.failed(), out.toAbsolutePath());
        err.flush();
        return r.failed() == 0 ? 0 : 1;
    }
}
