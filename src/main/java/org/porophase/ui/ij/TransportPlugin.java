package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

import org.porophase.analysis.TransportAnalysis;
import org.porophase.analysis.TransportSettings;
import org.porophase.config.PluginConfig;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.ImagePlusSource;
import org.porophase.pipeline.TransportJob;
import org.porophase.report.TransportOutputs;
import org.porophase.transport.Drainage;
import org.porophase.transport.MFactor;
import org.porophase.transport.TransportResult;

/**
 * Plugins&gt;PoroPhase&gt;Transport (Tortuosity): the Fiji front end of the {@code transport} command,
 * on the current image or stack or on a file/folder given as {@code input}. The dialog is generated
 * from plugin.yml ({@link SpecDialog}); macro keys are the parameter names, e.g.
 * {@code run("Transport (Tortuosity)", "input=/data/electrode.tif pore_value=0 voxel_size_um=0.39 axis=all");}.
 * Shows one results row per axis and the potential of the central section; writes the files to the
 * output folder when one is given.
 */
public class TransportPlugin implements PlugIn {

    @Override
    public void run(String arg) {
        try {
            runChecked();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Transport", e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            Display.error("PoroPhase Transport", Display.describe(e));
        }
    }

    private void runChecked() {
        ImagePlus current = WindowManager.getCurrentImage();
        SpecDialog gd = new SpecDialog("PoroPhase Transport", TransportSettings.COMMAND)
                .addPath("input", "input (volume, slice folder or 2D mask; empty = current image)", "", false)
                .addPath("output_folder", "output folder (empty = none)", "", true);
        if (!gd.show()) {
            return;
        }
        gd.logWarnings("Transport");
        String input = gd.fixed("input");
        String outDir = gd.fixed("output_folder");
        PluginConfig cfg = gd.config(TransportSettings.COMMAND);
        TransportSettings s = TransportSettings.fromConfig(cfg);
        TransportJob job = new TransportJob(outDir.isEmpty() ? null : Path.of(outDir), "output_folder");
        IJ.showStatus("Transport: solving…");
        TransportAnalysis a;
        if (input.isEmpty()) {
            if (current == null) {
                throw new PoroPhaseException("no image is open: open a mask or volume, or give input=PATH");
            }
            a = job.run(new ImagePlusSource(current, "image " + current.getTitle()), current.getTitle(), s);
        } else {
            a = job.run(Path.of(input), s);
        }
        IJ.showStatus("");
        show(a);
        for (String w : a.warnings()) {
            IJ.log("PoroPhase Transport warning: " + w);
        }
        for (String e : a.errors()) {
            IJ.log("PoroPhase Transport: " + e);
        }
    }

    /**
     * One results row per solved axis (with the geometric tortuosity, drainage descriptors and M-factor
     * predictions when computed); the τ(z) profile and the drainage curves as tables with the CSV's
     * numbers ("PoroPhase tau(z)", "PoroPhase Drainage") and as plots; the potential images.
     */
    static void show(TransportAnalysis a) {
        ResultsTable rt = Display.table("PoroPhase Transport");
        ResultsTable prof = Display.table("PoroPhase tau(z)");
        ResultsTable drain = Display.table("PoroPhase Drainage");
        for (TransportAnalysis.AxisOutcome o : a.axes()) {
            org.porophase.transport.TwoPhaseResult t = o.twoPhase();
            if (t != null) {
                rt.incrementCounter();
                rt.addValue("Input", a.input() == null ? "" : a.input());
                rt.addValue("Phase", a.phase());
                rt.addValue("Axis", t.axis().letter());
                rt.addValue("Side boundary", t.sides().key());
                rt.addValue("Phase fraction", t.phaseFraction());
                rt.addValue("sigma_other/sigma_phase", t.conductivityRatio());
                rt.addValue("sigma_eff/sigma_phase", t.relativeConductivity());
                rt.addValue("Formation factor", t.formationFactor());
                rt.addValue("Series bound", t.seriesBound());
                rt.addValue("Parallel bound", t.parallelBound());
                rt.addValue("Iterations", t.iterations());
                rt.addValue("Flux spread", t.fluxSpread());
                continue;
            }
            TransportResult r = o.result();
            if (r == null) {
                continue;
            }
            rt.incrementCounter();
            rt.addValue("Input", a.input() == null ? "" : a.input());
            rt.addValue("Phase", a.phase());
            rt.addValue("Axis", r.axis().letter());
            rt.addValue("Side boundary", r.sides().key());
            rt.addValue("Phase fraction", r.phaseFraction());
            rt.addValue("Percolation factor", r.percolationFactor());
            rt.addValue("D_eff/D0", r.relativeDiffusivity());
            rt.addValue("Tortuosity factor (TauFactor)", r.tauTotal());
            rt.addValue("Tortuosity factor (PoreSpy)", r.tauPercolating());
            rt.addValue("MacMullin number", r.macMullin());
            rt.addValue("Bruggeman exponent", r.bruggemanExponent());
            org.porophase.analysis.ConductivityComparison rie = new org.porophase.analysis.ConductivityComparison(1 - r.phaseFraction(), null, r,
                    null, null, r.sides());
            rt.addValue("Ideal twin D/D0 (eps)", rie.ideal());
            rt.addValue("Eq. 7 D/D0 (1 - 3f/2)", rie.bruggeman());
            rt.addValue("Iterations", r.iterations());
            rt.addValue("Flux spread", r.fluxSpread());
            if (o.geometricTortuosity() != null) {
                rt.addValue("Geometric tortuosity", o.geometricTortuosity());
            }
            Drainage.Result d = o.drainage();
            if (d != null) {
                rt.addValue("Breakthrough radius (um)", d.breakthroughRadiusUm());
                rt.addValue("Drainage r50 (um)", d.r50Um());
                rt.addValue("Local thickness r50 (um)", d.localThicknessR50Um());
                rt.addValue("Constriction factor", d.constrictionFactor());
                if (o.geometricTortuosity() != null && d.constrictionFactor() > 0) {
                    rt.addValue("M Stenzel 2016", MFactor.stenzel2016(r.phaseFraction(), d.constrictionFactor(), o.geometricTortuosity()));
                    rt.addValue("M Stenzel 2016 simplified", MFactor.stenzel2016Simplified(r.phaseFraction(), d.constrictionFactor(),
                            o.geometricTortuosity()));
                }
                for (List<Object> row : d.rows()) {
                    drain.incrementCounter();
                    drain.addValue("Input", a.input() == null ? "" : a.input());
                    drain.addValue("Axis", r.axis().letter());
                    drain.addValue("Radius (um)", (Double) row.get(0));
                    drain.addValue("Invaded fraction", (Double) row.get(1));
                }
            }
            List<String> cols = TransportOutputs.PROFILE_COLUMNS;
            for (List<Object> row : TransportOutputs.profileRows(r)) {
                prof.incrementCounter();
                prof.addValue("Input", a.input() == null ? "" : a.input());
                prof.addValue("Axis", r.axis().letter());
                for (int c = 0; c < cols.size(); c++) {
                    Object v = row.get(c);
                    prof.addValue(cols.get(c), v instanceof Number num ? num.doubleValue() : Double.NaN);
                }
            }
        }
        if (GraphicsEnvironment.isHeadless()) {
            IJ.log(a.summary());
            return;
        }
        rt.show("PoroPhase Transport");
        prof.show("PoroPhase tau(z)");
        if (drain.size() > 0) {
            drain.show("PoroPhase Drainage");
        }
        for (TransportAnalysis.AxisOutcome o : a.axes()) {
            if (o.result() == null) {
                continue;
            }
            TransportOutputs.potentialImage(o.result()).show();
            Display.show(TransportOutputs.tauProfilePlot(o.result()).getImagePlus());
            if (o.drainage() != null) {
                Display.show(TransportOutputs.drainagePlot(o.drainage(), a.phase()).getImagePlus());
            }
        }
    }
}
