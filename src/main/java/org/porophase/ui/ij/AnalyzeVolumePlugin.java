package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.process.AutoThresholder;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.pipeline.AnalyzeJob;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeAnalyzer;
import org.porophase.analysis.VolumeOptions;
import org.porophase.report.Figures;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.ImagePlusSource;
import org.porophase.io.VolumeReaders;

/**
 * Plugins&gt;PoroPhase&gt;Analyze Volume: the Fiji front end of the volume analysis. Works on the
 * current stack or on a file/folder given as {@code input} (read slice by slice; any Bio-Formats
 * format inside Fiji). The dialog is generated from plugin.yml ({@link SpecDialog}); the macro keys
 * are the parameter names, e.g. {@code run("Analyze Volume", "input=/data/scan.tif voxel_size_um=0.85
 * axis=z");} (a checkbox keeps its default unless named, {@code key=false} turns it off). Shows a
 * results table, the porosity profile table and plot, and the local-thickness histogram; writes the
 * files to the output folder when one is given.
 */
public class AnalyzeVolumePlugin implements PlugIn {

    @Override
    public void run(String arg) {
        try {
            runChecked();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Analyze Volume", e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            Display.error("PoroPhase Analyze Volume", Display.describe(e));
        }
    }

    private void runChecked() {
        ImagePlus current = WindowManager.getCurrentImage();
        SpecDialog gd = new SpecDialog("PoroPhase Analyze Volume", VolumeOptions.COMMAND)
                .addPath("input", "input (volume file or slice folder; empty = current stack)", "", false)
                .addPath("output_folder", "output folder (empty = none)", "", true)
                .ignore("source");
        if (!gd.show()) {
            return;
        }
        gd.logWarnings("Analyze Volume");
        String input = gd.fixed("input");
        String outDir = gd.fixed("output_folder");
        PluginConfig cfg = gd.config(VolumeOptions.COMMAND);
        AnalyzeJob job = new AnalyzeJob(cfg, outDir.isEmpty() ? null : Path.of(outDir)).outLabel("output_folder");
        java.util.function.BiConsumer<String, Double> progress = (step, f) -> {
            IJ.showStatus("Analyze Volume: " + step);
            IJ.showProgress(f);
        };
        VolumeAnalysis a;
        if (input.isEmpty()) {
            if (current == null || current.getStackSize() < 2) {
                throw new PoroPhaseException("no stack is open: open a volume, or give input=PATH (a volume file or slice folder)");
            }
            a = job.analyze(current, progress).volume();
        } else {
            Path in = Path.of(input);
            if (!VolumeReaders.isVolume(in) && !VolumeReaders.hasBioFormats()) {
                throw new PoroPhaseException(in + " is not a volume PoroPhase can read (multi-page TIFF, slice folder, .mhd, .nrrd, .h5)");
            }
            a = job.volume(in);
        }
        IJ.showProgress(1.0);
        show(a);
        for (String w : a.warnings()) {
            IJ.log("PoroPhase Analyze Volume warning: " + w);
        }
    }

    /** Results table, profile table and plot, local thickness histogram. */
    static void show(VolumeAnalysis a) {
        ResultsTable rt = Display.table("PoroPhase Volume");
        rt.incrementCounter();
        rt.addValue("Input", a.input() == null ? "" : a.input());
        rt.addValue("Porosity", a.porosity());
        rt.addValue("Surface area (µm²)", a.surfaceArea());
        rt.addValue("S_V (1/µm)", a.specificSurfaceArea());
        rt.addValue("Euler (6-conn)", a.measures().euler());
        if (a.components() != null) {
            rt.addValue("Open porosity", a.openPorosity());
            rt.addValue("Closed porosity", a.closedPorosity());
            rt.addValue("Percolating porosity", a.percolatingPorosity());
            rt.addValue("Open pores", a.components().openCount());
            rt.addValue("Closed pores", a.components().closedCount());
        }
        if (a.localThickness() != null) {
            rt.addValue("Mean pore diameter (µm, vol-weighted LT)", a.localThickness().meanVolumeWeighted);
            rt.addValue("Mean pore diameter (µm, number-weighted)", a.localThickness().meanNumberWeighted);
            rt.addValue("LT p10 (µm)", a.localThickness().p10);
            rt.addValue("LT p50 (µm)", a.localThickness().p50);
            rt.addValue("LT p90 (µm)", a.localThickness().p90);
        }
        rt.addValue("Threshold", a.threshold());
        rt.addValue("Voxel size (µm)", a.voxelSize().toString());
        ResultsTable prof = new ResultsTable();
        for (List<Object> row : a.profileRows()) {
            prof.incrementCounter();
            prof.addValue("plane", ((Number) row.get(0)).doubleValue());
            prof.addValue("position (µm)", ((Number) row.get(1)).doubleValue());
            prof.addValue("porosity", ((Number) row.get(2)).doubleValue());
        }
        if (GraphicsEnvironment.isHeadless()) {
            IJ.log(a.summary());
            return;
        }
        rt.show("PoroPhase Volume");
        prof.show("Porosity profile");
        Figures.volumeProfilePlot(a).show();
        if (a.localThickness() != null) {
            ResultsTable h = new ResultsTable();
            for (List<Object> row : a.localThickness().histogramRows()) {
                h.incrementCounter();
                h.addValue("diameter (µm)", ((Number) row.get(0)).doubleValue());
                h.addValue("voxels", ((Number) row.get(1)).doubleValue());
                h.addValue("volume fraction", ((Number) row.get(2)).doubleValue());
                h.addValue("cumulative", ((Number) row.get(3)).doubleValue());
            }
            h.show("Local thickness histogram");
        }
    }
}
