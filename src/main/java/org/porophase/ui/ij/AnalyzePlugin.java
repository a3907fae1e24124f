package org.porophase.ui.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.Batch;
import org.porophase.pipeline.SemAnalysisOptions;
import org.porophase.pipeline.SemAnalysisResult;
import org.porophase.pipeline.SemAnalyzer;
import org.porophase.report.Figures;
import org.porophase.report.SemOutputs;
import org.porophase.config.PluginConfig;

/**
 * Plugins › PoroPhase › Analyze Cross-Section: the SEM analysis on the current image (or the file
 * named by the {@code open=} macro option). Macro-recordable:
 * <pre>run("Analyze Cross-Section", "pixel_size=0 threshold_method=Otsu pores=dark denoise=median ... output_folder=/tmp/out");</pre>
 * Shows a per-pore table ("PoroPhase Pores"), appends to "PoroPhase Summary", and shows the mask
 * and the QC overlay. Works in batch mode and headless (no dialog; macro options are read).
 * <p>
 * Every checkbox is off by default, because a macro's options list only the boxes that are on:
 * a macro that names none of them gets the defaults (info bar removed, holes filled, images shown).
 */
public class AnalyzePlugin implements PlugIn {

    public static final String PORES_TABLE = "PoroPhase Pores";
    public static final String SUMMARY_TABLE = "PoroPhase Summary";

    @Override
    public void run(String arg) {
        try {
            runChecked();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase", e.getMessage());
        } finally {
            IJ.showProgress(1.0);
        }
    }

    private void runChecked() {
        String macroOptions = Macro.getOptions();
        String configPath = macroOptions == null ? null : Macro.getValue(macroOptions, "config", null);
        PluginConfig cfg = PluginConfig.load(configPath == null || configPath.isBlank() ? null : Path.of(configPath));
        SemAnalysisOptions o = SemAnalysisOptions.fromConfig(cfg);
        String openPath = macroOptions == null ? null : Macro.getValue(macroOptions, "open", null);
        ImagePlus imp = openPath == null ? WindowManager.getCurrentImage() : null;
        if (imp == null && openPath == null && ParameterDialog.isHeadless()) {
            throw new PoroPhaseException("no image: open one first, or pass open=PATH in the macro options");
        }

        ParameterDialog gd = new ParameterDialog("PoroPhase: Analyze Cross-Section");
        if (imp == null && openPath == null) {
            gd.addStringField("Open (image file)", "");
        }
        gd.addNumericField("Pixel_size (µm; 0 = from file)", o.pixelSizeUm == null ? 0 : o.pixelSizeUm, 5);
        gd.addChoice("Threshold_method", SemAnalysisOptions.thresholdMethods(), SemAnalysisOptions.canonicalMethod(o.thresholdMethod));
        gd.addNumericField("Manual_threshold (gray; Manual only)", o.manualThreshold == null ? 0 : o.manualThreshold, 2);
        gd.addChoice("Pores", new String[] {"dark", "bright"}, o.poresDark ? "dark" : "bright");
        gd.addChoice("Denoise", new String[] {"auto", "none", "median", "gaussian"}, o.denoise);
        gd.addNumericField("Denoise_radius (px)", o.denoiseRadiusPx, 1);
        gd.addCheckbox("Shading_correction", o.shadingCorrection);
        gd.addNumericField("Shading_radius (px)", o.shadingRadiusPx, 0);
        gd.addNumericField("Min_pore_area (px²)", o.minPoreAreaPx, 0);
        gd.addCheckbox("Keep_solid_specks (no hole filling)", !o.fillHoles);
        gd.addCheckbox("Watershed", o.watershed);
        gd.addChoice("Border_pores", new String[] {"include", "exclude-from-shape", "guard-frame"}, o.borderPores);
        gd.addCheckbox("Keep_info_bar (no autocrop)", !o.autocrop);
        gd.addNumericField("Crop_bottom (rows; -1 = auto)", o.cropBottomPx == null ? -1 : o.cropBottomPx, 0);
        gd.addNumericField("Impregnation_depth (µm)", o.impregnationDepthUm, 2);
        gd.addNumericField("Conductivity (S/cm; 0 = none)", o.measuredConductivitySCm == null ? 0 : o.measuredConductivitySCm, 6);
        gd.addCheckbox("No_mask_image", false);
        gd.addCheckbox("No_overlay_image", false);
        gd.addStringField("Output_folder (empty = none)", "");
        if (!gd.show()) {
            return;
        }
        if (imp == null && openPath == null) {
            openPath = gd.getNextString();
        }
        double px = gd.getNextNumber();
        o.pixelSizeUm = px > 0 ? px : null;
        o.thresholdMethod = gd.getNextChoice();
        double manual = gd.getNextNumber();
        o.manualThreshold = "Manual".equals(o.thresholdMethod) ? manual : null;
        o.poresDark = "dark".equals(gd.getNextChoice());
        o.denoise = gd.getNextChoice();
        o.denoiseRadiusPx = gd.getNextNumber();
        o.shadingCorrection = gd.getNextBoolean();
        o.shadingRadiusPx = gd.getNextNumber();
        o.minPoreAreaPx = gd.getNextNumber();
        o.fillHoles = !gd.getNextBoolean();
        o.watershed = gd.getNextBoolean();
        o.borderPores = gd.getNextChoice();
        o.autocrop = !gd.getNextBoolean();
        double crop = gd.getNextNumber();
        o.cropBottomPx = crop >= 0 ? (int) crop : null;
        o.impregnationDepthUm = gd.getNextNumber();
        double sigma = gd.getNextNumber();
        o.measuredConductivitySCm = sigma > 0 ? sigma : null;
        boolean showMask = !gd.getNextBoolean();
        boolean showOverlay = !gd.getNextBoolean();
        String outDir = gd.getNextString();

        SemAnalyzer analyzer = new SemAnalyzer(o);
        Path out = outDir == null || outDir.isBlank() ? null : Path.of(outDir.trim());
        if (imp == null && Files.isDirectory(Path.of(openPath.trim()))) {
            runFolder(analyzer, Path.of(openPath.trim()), out);
            return;
        }
        IJ.showStatus("PoroPhase: analysing " + (imp != null ? imp.getTitle() : openPath));
        IJ.showProgress(0.1);
        SemAnalysisResult r = imp != null ? analyzer.analyze(imp) : analyzer.analyze(Path.of(openPath.trim()));
        IJ.showProgress(0.8);
        if (out != null) {
            SemOutputs.write(r, out);
        }
        showPoreTable(r);
        addSummaryRow(r.summary(), null, null);
        if (showMask) {
            Display.show(r.maskImage());
        }
        if (showOverlay) {
            Display.show(Figures.semQc(r));
        }
        for (String w : r.warnings()) {
            IJ.log("PoroPhase warning (" + r.baseTitle() + "): " + w);
        }
        IJ.showStatus(String.format("PoroPhase: porosity %.3f, S_c %.3g /µm, %d pores",
                r.pores().porosity(), r.pores().specificSurfaceAreaPerUm(), r.pores().poreCount()));
    }

    /**
     * A folder: every image in it (both cores), one summary row per image, failures listed with
     * their reason and the batch going on; with an output folder, per-image files and summary.csv.
     */
    private static void runFolder(SemAnalyzer analyzer, Path folder, Path out) {
        List<Path> skipped = new ArrayList<>();
        List<Path> files = Batch.expand(List.of(folder), skipped);
        for (Path f : skipped) {
            IJ.log("PoroPhase: skipped " + f + " (not an image file)");
        }
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files in " + folder);
        }
        Batch.Result r = Batch.run(files, f -> {
            SemAnalysisResult res = analyzer.analyze(f);
            if (out != null) {
                SemOutputs.write(res, out);
            }
            return res.summary();
        }, 0, (done, total, f, err) -> {
            IJ.showProgress(done, total);
            IJ.showStatus("PoroPhase: " + done + "/" + total + " " + f.getFileName());
        });
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            addSummaryRow(r.summaries().get(i), f, r.errors().get(f));
        }
        for (Map.Entry<Path, String> e : r.errors().entrySet()) {
            IJ.log("PoroPhase error: " + e.getKey() + ": " + e.getValue());
        }
        if (out != null) {
            Batch.writeCsv(r, out.resolve("summary.csv"));
        }
        IJ.showStatus("PoroPhase: " + (files.size() - r.failed()) + " of " + files.size() + " images analysed, " + r.failed() + " failed");
    }

    /** Per-pore table (replaced on each analysis). */
    static void showPoreTable(SemAnalysisResult r) {
        ResultsTable pores = new ResultsTable();
        for (List<Object> row : r.poreRows()) {
            pores.incrementCounter();
            for (int c = 0; c < SemAnalysisResult.PORE_COLUMNS.size(); c++) {
                pores.addValue(SemAnalysisResult.PORE_COLUMNS.get(c), ((Number) row.get(c)).doubleValue());
            }
        }
        pores.show(PORES_TABLE);
    }

    /** Appends one row to the summary table: the summary's scalars, or the file and its error. */
    static void addSummaryRow(Map<String, Object> s, Path file, String error) {
        ResultsTable summary = Display.table(SUMMARY_TABLE);
        summary.incrementCounter();
        if (s == null) {
            summary.addValue("input", file.toString());
            summary.addValue("status", "failed");
            summary.addValue("error", error);
            summary.show(SUMMARY_TABLE);
            return;
        }
        summary.addValue("status", "ok");
        for (Map.Entry<String, Object> e : s.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number) {
                summary.addValue(e.getKey(), ((Number) v).doubleValue());
            } else if (v instanceof Boolean) {
                summary.addValue(e.getKey(), (Boolean) v ? 1 : 0);
            } else if (v instanceof CharSequence) {
                summary.addValue(e.getKey(), v.toString());
            }
        }
        summary.show(SUMMARY_TABLE);
    }
}
