package org.porophase.ui.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.Batch;
import org.porophase.pipeline.AnalyzeJob;
import org.porophase.analysis.SemAnalysisResult;
import org.porophase.config.PluginConfig;

/**
 * Plugins › PoroPhase › Analyze Cross-Section: the analysis on the current image, or on the file or
 * folder named by {@code input=}. A stack (or a 3D file) is analysed as a volume, as the CLI does
 * ({@link AnalyzeJob}). The dialog is generated from plugin.yml ({@link SpecDialog}); the macro keys
 * are the parameter names, e.g.
 * <pre>run("Analyze Cross-Section", "input=[/data/sem] pixel_size_um=0.05 threshold_method=Otsu watershed output_folder=[/tmp/out]");</pre>
 * Shows a per-pore table ("PoroPhase Pores"), appends to "PoroPhase Summary", and shows the mask
 * and the QC overlay. Works in batch mode and headless (no dialog; macro options are read).
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
        } catch (RuntimeException | OutOfMemoryError e) {
            Display.error("PoroPhase", Display.describe(e));
        } finally {
            IJ.showProgress(1.0);
        }
    }

    private void runChecked() {
        SpecDialog gd = new SpecDialog("PoroPhase: Analyze Cross-Section", "analyze", "analyze-volume")
                .addPath("input", "input (file or folder; empty = current image)", "", false, "open")
                .addPath("output_folder", "output folder (empty = none)", "", true);
        ImagePlus current = WindowManager.getCurrentImage();
        if (!gd.show()) {
            return;
        }
        gd.logWarnings("Analyze Cross-Section");
        String input = gd.fixed("input");
        String outDir = gd.fixed("output_folder");
        Path out = outDir.isEmpty() ? null : Path.of(outDir);
        PluginConfig cfg = gd.config("analyze");
        AnalyzeJob job = new AnalyzeJob(cfg, () -> gd.config("analyze-volume"), out).outLabel("output_folder");
        boolean showMask = cfg.getBoolean("analyze", "save_mask");
        boolean showOverlay = cfg.getBoolean("analyze", "save_overlay");
        if (!input.isEmpty() && Files.isDirectory(Path.of(input))) {
            runFolder(job, Path.of(input), out, cfg.getInt("analyze", "threads"));
            return;
        }
        if (input.isEmpty() && current == null) {
            throw new PoroPhaseException("no image: open one first, or give input=PATH (a file or a folder)");
        }
        IJ.showStatus("PoroPhase: analysing " + (input.isEmpty() ? current.getTitle() : input));
        IJ.showProgress(0.1);
        AnalyzeJob.Outcome r = input.isEmpty()
                ? job.analyze(current, (step, f) -> {
                    IJ.showStatus("PoroPhase: " + step);
                    IJ.showProgress(f);
                })
                : job.analyze(Path.of(input));
        IJ.showProgress(0.9);
        if (r.isVolume()) {
            AnalyzeVolumePlugin.show(r.volume());
            return;
        }
        SemAnalysisResult sr = r.section();
        showPoreTable(sr);
        addSummaryRow(r.summary(), null, null);
        if (showMask) {
            Display.show(sr.maskImage());
        }
        if (showOverlay) {
            Display.show(org.porophase.report.Figures.semQc(sr));
        }
        for (String w : sr.warnings()) {
            IJ.log("PoroPhase warning (" + sr.baseTitle() + "): " + w);
        }
        IJ.showStatus(String.format("PoroPhase: porosity %.3f, S_c %.3g /µm, %d pores",
                sr.pores().porosity(), sr.pores().specificSurfaceAreaPerUm(), sr.pores().poreCount()));
    }

    /**
     * A folder: every image in it (both cores), one summary row per image, failures listed with
     * their reason and the batch going on; with an output folder, per-image files and summary.csv.
     */
    private static void runFolder(AnalyzeJob job, Path folder, Path out, int threads) {
        Batch.Inputs expanded = Batch.expandInputs(List.of(folder));
        List<Path> files = expanded.files();
        for (Path f : expanded.skipped()) {
            IJ.log("PoroPhase: skipped " + f + " (" + Batch.skipReason(f) + ")");
        }
        if (!expanded.ownOutputs().isEmpty()) {
            IJ.log("PoroPhase: skipped " + expanded.ownOutputs().size() + " PoroPhase output file(s) in " + folder + " (outputs are not analysed again)");
        }
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files in " + folder);
        }
        Batch.Result r = job.batch(files, threads, (done, total, f, err) -> {
            IJ.showProgress(done, total);
            IJ.showStatus("PoroPhase: " + done + "/" + total + " " + f.getFileName());
        }, true);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            addSummaryRow(r.summaries().get(i), f, r.errors().get(f));
            Display.logWarnings("PoroPhase", f, r.summaries().get(i));
        }
        for (Map.Entry<Path, String> e : r.errors().entrySet()) {
            IJ.log("PoroPhase error: " + e.getKey() + ": " + e.getValue());
        }
        IJ.showStatus("PoroPhase: " + (files.size() - r.failed()) + " of " + files.size() + " images analysed, " + r.failed() + " failed");
    }

    /** Per-pore table (replaced on each analysis). */
    static void showPoreTable(SemAnalysisResult r) {
        ResultsTable pores = new ResultsTable();
        for (List<Object> row : r.poreRows()) {
            pores.incrementCounter();
            for (int c = 0; c < r.poreColumns().size(); c++) {
                pores.addValue(r.poreColumns().get(c), ((Number) row.get(c)).doubleValue());
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
