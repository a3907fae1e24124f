package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.Batch;
import org.porophase.pipeline.AnalyzeJob;
import org.porophase.config.PluginConfig;
import org.porophase.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyze INPUT…}: SEM cross-section (or, for 3D files, volume) analysis of files, folders
 * or globs. Only binds the plugin.yml parameters to flags and calls {@link AnalyzeJob}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Segment pores and measure porosity, pore sizes and specific surface area of SEM cross-sections.",
                "INPUT: image files, folders (every image in it) or globs ('sem/*.tif').",
                "3D files (multi-page TIFF, .mhd, .nrrd, .h5) are analysed as volumes (the [analyze-volume] options apply).",
                "Every option below INPUT comes from plugin.yml (default, unit, range); --set NAME=VALUE sets any parameter.",
                "Exit code: 0 all inputs analysed, 1 some failed (listed), 2 bad usage or input."})
public final class AnalyzeCommand implements Callable<Integer>, SpecOptions.Bound {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image file(s), folder(s) or glob(s).")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", description = "Write per-image CSV/JSON/mask/QC overlay and the combined summary.csv here.")
    Path out;

    private SpecOptions options;

    @Override
    public List<String> specIds() {
        return List.of("analyze", "analyze-volume");
    }

    @Override
    public void bind(SpecOptions o) {
        this.options = o;
    }

    /** The job for {@code cfg} (plugin.yml defaults, bundled or --config, then the flags given here). */
    AnalyzeJob job(PluginConfig cfg) {
        return new AnalyzeJob(cfg, () -> options.config(common.config, "analyze-volume"), out).outLabel("--out");
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        PluginConfig cfg = options.config(common.config, "analyze");
        Cli.warnings(stderr, cfg);
        AnalyzeJob job = job(cfg);
        Batch.Inputs expanded = Batch.expandInputs(inputs);
        List<Path> files = expanded.files();
        Cli.report(stderr, expanded);
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files found in " + inputs + " (looked for ."
                    + String.join(", .", Batch.IMAGE_EXTENSIONS) + ")");
        }
        boolean single = files.size() == 1 && inputs.size() == 1 && !java.nio.file.Files.isDirectory(inputs.get(0));
        int threads = cfg.getInt("analyze", "threads");
        Batch.Result result = job.batch(files, threads, common.quiet ? null : (done, total, f, err) -> {
            synchronized (stderr) {
                stderr.printf("[%d/%d] %s: %s%n", done, total, f, err == null ? "ok" : "FAILED: " + err);
                stderr.flush();
            }
        }, !single);
        if (single && result.failed() == 1) {
            // one file given and it could not be read: bad input (exit 2), one "error: …" line as for every command
            Map.Entry<Path, String> e = result.errors().entrySet().iterator().next();
            String msg = e.getValue();
            String name = e.getKey().getFileName() == null ? e.getKey().toString() : e.getKey().getFileName().toString();
            throw new PoroPhaseException(msg != null && msg.contains(name) ? msg : e.getKey() + ": " + msg);
        }
        if (common.json) {
            if (single && result.failed() == 0) {
                stdout.println(Json.write(result.summaries().get(0)));
            } else {
                stdout.println(Json.write(batchJson(result)));
            }
        } else {
            for (int i = 0; i < files.size(); i++) {
                Map<String, Object> s = result.summaries().get(i);
                if (s != null) {
                    stdout.println("volume".equals(s.get("kind")) ? volumeSummary(s) : humanSummary(s));
                }
            }
        }
        Cli.warnings(stderr, result);
        for (Map.Entry<Path, String> e : result.errors().entrySet()) {
            stderr.println("error: " + e.getKey() + ": " + e.getValue());
        }
        if (files.size() > 1 || result.failed() > 0) {
            stderr.printf("%d of %d file(s) analysed, %d failed%n", files.size() - result.failed(), files.size(), result.failed());
        }
        stdout.flush();
        stderr.flush();
        if (result.allFailedForBadValues()) {
            return PoroPhaseCli.BAD_INPUT; // a value the inputs cannot honour (threshold outside their gray values, …): bad usage
        }
        return result.failed() == 0 ? PoroPhaseCli.OK : PoroPhaseCli.SOME_FAILED;
    }

    static Map<String, Object> batchJson(Batch.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", r.files().size());
        m.put("failed", r.failed());
        List<Object> results = new ArrayList<>();
        for (Map<String, Object> s : r.summaries()) {
            if (s != null) {
                results.add(s);
            }
        }
        m.put("results", results);
        List<Object> errors = new ArrayList<>();
        for (Map.Entry<Path, String> e : r.errors().entrySet()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("file", e.getKey().toString());
            em.put("error", e.getValue());
            errors.add(em);
        }
        m.put("errors", errors);
        return m;
    }

    static String humanSummary(Map<String, Object> s) {
        boolean um = "um".equals(s.get("length_unit"));
        String u = um ? "µm" : "px";
        // in pixel units (--units px) the length keys end in _px: read the summary by the names it has
        java.util.function.Function<String, Object> k = name -> s.get(um ? name : org.porophase.core.Calibration.pixelUnitKey(name));
        String rj = um ? String.format(Locale.ROOT, "%.1f %% (ideal %.1f %%)", 100 * num(s.get("current_density_reduction")),
                100 * num(s.get("ideal_current_density_reduction"))) : "not computed (pixel units; eq. 2 needs µm)";
        return String.format(Locale.ROOT,
                "%s%n  calibration: %s (%s %s/px), rows analysed %s%n  porosity %.4f, pores %s, mean pore diameter %.4g %s%n"
                        + "  specific surface S_c = P_p/A_t = %.4g %s⁻¹ (eq. 3); ideal cylinders 4φ/δ = %.4g %s⁻¹ (eq. 1)%n"
                        + "  current-density reduction R_J at d = %s µm: %s",
                s.get("input"), s.get("calibration_source"), um ? s.get("pixel_size_um") : 1, u, s.get("rows_analyzed"),
                num(s.get("porosity")), s.get("pore_count"), num(k.apply("mean_pore_diameter_um")), u,
                num(k.apply("specific_surface_area_per_um")), u, num(k.apply("ideal_cylinder_specific_surface_per_um")), u,
                s.get("impregnation_depth_um"), rj);
    }

    static String volumeSummary(Map<String, Object> s) {
        return String.format(Locale.ROOT, "%s (volume)%n  porosity %.4f, specific surface S_v %.4g µm⁻¹, open %.4f, closed %.4f, mean pore diameter %.4g µm",
                s.get("input"), num(s.get("porosity")), num(s.get("specific_surface_area_per_um")), num(s.get("open_porosity")),
                num(s.get("closed_porosity")), num(s.get("mean_pore_diameter_um")));
    }

    private static double num(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
    }
}
