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
import org.porophase.pipeline.SemAnalysisOptions;
import org.porophase.pipeline.SemAnalysisResult;
import org.porophase.pipeline.SemAnalyzer;
import org.porophase.report.SemOutputs;
import org.porophase.config.PluginConfig;
import org.porophase.report.Json;
import org.porophase.pipeline.VolumeAnalyzer;
import org.porophase.pipeline.VolumeOptions;
import org.porophase.core.VoxelSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyze INPUT…}: SEM cross-section analysis of files, folders or globs. Only parses
 * options and calls {@link SemAnalyzer}; defaults come from plugin.yml.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Segment pores and measure porosity, pore sizes and specific surface area of SEM cross-sections.",
                "INPUT: image files, folders (every image in it) or globs ('sem/*.tif').",
                "3D files (multi-page TIFF, .mhd, .nrrd, .h5) are analysed as volumes (see analyze-volume).",
                "Exit code: 0 all inputs analysed, 1 some failed (listed), 2 bad usage."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image file(s), folder(s) or glob(s).")
    List<Path> inputs;

    @Option(names = "--pixel-size", paramLabel = "UM", description = "Pixel size in µm (overrides the file's calibration).")
    Double pixelSize;
    @Option(names = "--config", paramLabel = "FILE", description = "Edited copy of plugin.yml with other defaults.")
    Path config;
    @Option(names = "--out", paramLabel = "DIR", description = "Write per-image CSV/JSON/mask/QC overlay and the combined summary.csv here.")
    Path out;
    @Option(names = "--json", description = "Print the results as JSON on standard output.")
    boolean json;

    @Option(names = "--voxel-size", paramLabel = "X,Y,Z", description = "3D input: voxel size in µm (one value = cubic); overrides the file.")
    String voxelSize;
    @Option(names = "--dataset", paramLabel = "PATH", description = "3D input: HDF5 dataset path.")
    String dataset;
    @Option(names = "--axis", paramLabel = "x|y|z", description = "3D input: porosity-profile (thickness) axis, default z.")
    String axis;

    @Option(names = "--crop-bottom", paramLabel = "N", description = "Remove N rows at the bottom (info bar) instead of detecting it.")
    Integer cropBottom;
    @Option(names = "--no-autocrop", description = "Do not detect and exclude the info bar.")
    boolean noAutocrop;
    @Option(names = "--threshold-method", paramLabel = "METHOD", description = "ImageJ auto-threshold method (Otsu, Default, Huang, Li, Triangle, …) or Manual.")
    String method;
    @Option(names = "--threshold", paramLabel = "VALUE", description = "Manual threshold in gray units (implies --threshold-method Manual).")
    Double threshold;
    @Option(names = "--pores", paramLabel = "dark|bright", description = "Pore contrast (default: dark).")
    String pores;
    @Option(names = "--denoise", paramLabel = "auto|none|median|gaussian", description = "Denoising before thresholding (default auto: the least Gaussian blur that keeps boundary roughness from inflating the perimeter).")
    String denoise;
    @Option(names = "--denoise-radius", paramLabel = "PX", description = "Median radius or Gaussian sigma in pixels.")
    Double denoiseRadius;
    @Option(names = "--shading", description = "Correct a brightness gradient (rolling-ball background).")
    boolean shading;
    @Option(names = "--shading-radius", paramLabel = "PX", description = "Background radius in pixels.")
    Double shadingRadius;
    @Option(names = "--min-pore-area", paramLabel = "PX", description = "Remove pore specks smaller than this (pixels).")
    Double minPoreArea;
    @Option(names = "--no-fill-holes", description = "Keep small solid specks inside pores.")
    boolean noFillHoles;
    @Option(names = "--watershed", description = "Separate touching pores (distance-map watershed).")
    boolean watershed;
    @Option(names = "--border-pores", paramLabel = "POLICY", description = "include | exclude-from-shape | guard-frame.")
    String borderPores;
    @Option(names = "--impregnation", paramLabel = "UM", description = "Li impregnation depth d for eq. 2, µm (default 5).")
    Double impregnation;
    @Option(names = "--conductivity", paramLabel = "S_CM", description = "Measured conductivity σ_m (S/cm) for the Bruggeman correction (eq. 7).")
    Double conductivity;
    @Option(names = "--no-local-thickness", description = "Skip the local-thickness pore size distribution.")
    boolean noLocalThickness;
    @Option(names = "--no-mask", description = "Do not write the mask TIFF.")
    boolean noMask;
    @Option(names = "--no-overlay", description = "Do not write the QC overlay PNG.")
    boolean noOverlay;
    @Option(names = "--threads", paramLabel = "N", description = "Files analysed in parallel (default: one per core).")
    int threads;
    @Option(names = "--quiet", description = "No progress lines on standard error.")
    boolean quiet;

    /** The options: plugin.yml defaults (bundled or --config), then the flags given here. */
    SemAnalysisOptions options() {
        SemAnalysisOptions o = SemAnalysisOptions.fromConfig(PluginConfig.load(config));
        if (pixelSize != null) {
            o.pixelSizeUm = pixelSize;
        }
        if (cropBottom != null) {
            o.cropBottomPx = cropBottom;
        }
        if (noAutocrop) {
            o.autocrop = false;
        }
        if (method != null) {
            o.thresholdMethod = method;
        }
        if (threshold != null) {
            o.manualThreshold = threshold;
            if (method == null) {
                o.thresholdMethod = "Manual";
            }
        }
        if (pores != null) {
            String p = pores.trim().toLowerCase(Locale.ROOT);
            if (!p.equals("dark") && !p.equals("bright")) {
                throw new PoroPhaseException("--pores must be dark or bright, got '" + pores + "'");
            }
            o.poresDark = p.equals("dark");
        }
        if (denoise != null) {
            o.denoise = denoise;
        }
        if (denoiseRadius != null) {
            o.denoiseRadiusPx = denoiseRadius;
        }
        if (shading) {
            o.shadingCorrection = true;
        }
        if (shadingRadius != null) {
            o.shadingRadiusPx = shadingRadius;
        }
        if (minPoreArea != null) {
            o.minPoreAreaPx = minPoreArea;
        }
        if (noFillHoles) {
            o.fillHoles = false;
        }
        if (watershed) {
            o.watershed = true;
        }
        if (borderPores != null) {
            o.borderPores = borderPores;
        }
        if (impregnation != null) {
            o.impregnationDepthUm = impregnation;
        }
        if (conductivity != null) {
            o.measuredConductivitySCm = conductivity;
        }
        if (noLocalThickness) {
            o.localThickness = false;
        }
        if (noMask) {
            o.saveMask = false;
        }
        if (noOverlay) {
            o.saveOverlay = false;
        }
        return o.validate();
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SemAnalyzer analyzer = new SemAnalyzer(options());
        List<Path> skipped = new ArrayList<>();
        List<Path> files = Batch.expand(inputs, skipped);
        for (Path s : skipped) {
            stderr.println("skipped " + s + ": not an image file");
        }
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files found in " + inputs + " (looked for ."
                    + String.join(", .", Batch.IMAGE_EXTENSIONS) + ")");
        }
        boolean single = files.size() == 1 && inputs.size() == 1 && !java.nio.file.Files.isDirectory(inputs.get(0));
        Batch.Result result = Batch.run(files, f -> {
            if (VolumeAnalyzer.isVolume(f)) {
                return analyzeVolume(f);
            }
            SemAnalysisResult r = analyzer.analyze(f);
            if (out != null) {
                SemOutputs.write(r, out);
            }
            return r.summary();
        }, threads, quiet ? null : (done, total, f, err) -> {
            synchronized (stderr) {
                stderr.printf("[%d/%d] %s: %s%n", done, total, f, err == null ? "ok" : "FAILED: " + err);
                stderr.flush();
            }
        });
        if (out != null && !single) {
            Batch.writeCsv(result, out.resolve("summary.csv"));
        }
        if (json) {
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
        for (Map.Entry<Path, String> e : result.errors().entrySet()) {
            stderr.println("error: " + e.getKey() + ": " + e.getValue());
        }
        if (files.size() > 1 || result.failed() > 0) {
            stderr.printf("%d of %d file(s) analysed, %d failed%n", files.size() - result.failed(), files.size(), result.failed());
        }
        stdout.flush();
        stderr.flush();
        return result.failed() == 0 ? 0 : 1;
    }

    /**
     * A 3D input (multi-page TIFF, .mhd, .nrrd, .h5) goes to the volume analysis with the
     * analyze-volume defaults of the same plugin.yml and the flags that apply to it.
     */
    Map<String, Object> analyzeVolume(Path f) {
        VolumeOptions o = VolumeOptions.fromConfig(PluginConfig.load(config));
        if (voxelSize != null) {
            o.voxelSize = VoxelSize.parse(voxelSize);
        } else if (pixelSize != null) {
            o.voxelSize = VoxelSize.parse(String.valueOf(pixelSize));
        }
        if (dataset != null) {
            o.dataset = dataset;
        }
        if (axis != null) {
            o.axis = VolumeOptions.parseAxis(axis);
        }
        if (method != null) {
            o.thresholdMethod = method;
        }
        if (threshold != null) {
            o.threshold = threshold;
        }
        if (pores != null) {
            o.darkPores = !"bright".equalsIgnoreCase(pores.trim());
        }
        o.outDir = out;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", f.toString());
        m.put("kind", "volume");
        m.putAll(VolumeAnalyzer.analyze(f, o).toJson());
        return m;
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
        String u = "um".equals(s.get("length_unit")) ? "µm" : "px";
        return String.format(Locale.ROOT,
                "%s%n  calibration: %s (%s %s/px), rows analysed %s%n  porosity %.4f, pores %s, mean pore diameter %.4g %s%n"
                        + "  specific surface S_c = P_p/A_t = %.4g %s⁻¹ (eq. 3); ideal cylinders 4φ/δ = %.4g %s⁻¹ (eq. 1)%n"
                        + "  current-density reduction R_J at d = %s µm: %.1f %% (ideal %.1f %%)",
                s.get("input"), s.get("calibration_source"), s.get("pixel_size_um"), u, s.get("rows_analyzed"),
                num(s.get("porosity")), s.get("pore_count"), num(s.get("mean_pore_diameter_um")), u,
                num(s.get("specific_surface_area_per_um")), u, num(s.get("ideal_cylinder_specific_surface_per_um")), u,
                s.get("impregnation_depth_um"), 100 * num(s.get("current_density_reduction")),
                100 * num(s.get("ideal_current_density_reduction")));
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
