package org.porophase.ui.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.Macro;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.Batch;
import org.porophase.analysis.CompareOptions;
import org.porophase.analysis.ScaffoldComparison;
import org.porophase.config.PluginConfig;

/**
 * Plugins › PoroPhase › Compare Real vs Ideal: for an image/volume file or every one in a folder,
 * measures the real scaffold, builds its ideal parallel-cylinder twin, runs the phase-field on both
 * and writes a report folder per input (STEM.summary.json, STEM.comparison.csv, PNG figures, report.html)
 * plus summary.csv for a folder. Macro-recordable, batch-mode and headless safe:
 * <pre>run("Compare Real vs Ideal", "input=[/data/sem] output_folder=[/data/compare] time_s=1000 dx_um=0 impregnation_depth_um=5 section=auto");</pre>
 * The dialog shows the compare block of plugin.yml; every analyze, analyze-volume and phasefield
 * parameter is accepted as a macro key too ({@link SpecDialog}).
 * A failing file is listed with its reason and the others go on.
 */
public class ComparePlugin implements PlugIn {

    public static final String TABLE = "PoroPhase Compare";

    @Override
    public void run(String arg) {
        try {
            runChecked();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Compare", e.getMessage());
        } finally {
            IJ.showProgress(1.0);
        }
    }

    private void runChecked() {
        SpecDialog gd = new SpecDialog("PoroPhase: Compare Real vs Ideal", "compare", "analyze", "analyze-volume", "phasefield")
                .addPath("input", "input (image, volume or folder)", "", false)
                .addPath("output_folder", "output folder (a report folder per input)", "", true);
        if (!gd.show()) {
            return;
        }
        gd.logWarnings("Compare");
        CompareOptions o = CompareOptions.fromConfig(gd.config("compare", "analyze", "analyze-volume", "phasefield")).validate();
        String input = gd.fixed("input");
        String outDir = gd.fixed("output_folder");
        if (input.isEmpty()) {
            throw new PoroPhaseException("no input: give an image, a volume or a folder (input=…)");
        }
        if (outDir.isEmpty()) {
            throw new PoroPhaseException("no output folder: the comparison writes a report folder per input (output_folder=…)");
        }
        Path in = Path.of(input);
        Path out = Path.of(outDir);
        List<Path> skipped = new ArrayList<>();
        List<Path> files = Files.isDirectory(in) ? Batch.expand(List.of(in), skipped) : List.of(in);
        for (Path f : skipped) {
            IJ.log("PoroPhase Compare: skipped " + f + " (" + Batch.skipReason(f) + ")");
        }
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files in " + in);
        }
        int[] finished = {0};
        int total = files.size();
        // progress within a file (its two phase-field runs), files one after the other
        o.progress = (what, frac) -> {
            IJ.showProgress((finished[0] + frac) / total);
            IJ.showStatus("PoroPhase Compare " + (finished[0] + 1) + "/" + total + ": " + what);
        };
        o.log = line -> IJ.log("PoroPhase Compare: " + line);
        Batch.Result r = org.porophase.pipeline.CompareJob.batch(files, o, out, "output_folder", 1, (done, n, f, err) -> {
            finished[0] = done;
            IJ.showProgress(done, n);
            IJ.showStatus("PoroPhase Compare: " + done + "/" + n + " " + f.getFileName());
        }, files.size() > 1 || Files.isDirectory(in));
        ResultsTable t = Display.table(TABLE);
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> s = r.summaries().get(i);
            t.incrementCounter();
            t.addValue("input", files.get(i).toString());
            t.addValue("status", s == null ? "failed" : "ok");
            if (s == null) {
                t.addValue("error", r.errors().get(files.get(i)));
                continue;
            }
            for (Map.Entry<String, Object> e : s.entrySet()) {
                if (e.getValue() instanceof Number) {
                    t.addValue(e.getKey(), ((Number) e.getValue()).doubleValue());
                }
            }
        }
        t.show(TABLE);
        for (Map.Entry<Path, String> e : r.errors().entrySet()) {
            IJ.log("PoroPhase Compare error: " + e.getKey() + ": " + e.getValue());
        }
        IJ.showStatus("PoroPhase Compare: " + (files.size() - r.failed()) + " of " + files.size() + " compared, reports in " + out);
    }
}
