package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.pipeline.PhaseFieldJob;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.phasefield.RunMetrics;
import org.porophase.phasefield.Snapshot;
import org.porophase.core.Json;
import org.porophase.report.PhaseFieldOutputs;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.process.FloatProcessor;

/**
 * Fiji command "Plugins › PoroPhase › Phase-Field Li Plating": runs the phase-field model
 * ({@link PhaseFieldJob}) on a binary pore mask (255 = pore: the file given as {@code mask}, else
 * the current image) or, with {@code ideal}, on the ideal scaffold, or, with {@code flat}, on the flat-interface
 * reference. The dialog is generated from plugin.yml ({@link SpecDialog}); the macro keys are the parameter
 * names, e.g. {@code run("Phase-Field Li Plating", "ideal time_s=200 output_folder=[/tmp/pf]");} (dx_um = 0:
 * the resolution rule chooses the interface and the grid; an explicit dx_um that breaks it needs {@code force}).
 * Shows a progress bar, the ξ snapshots as a growing stack while the run goes (Esc cancels), then
 * the snapshot hyperstack and the time-series table. Headless: no windows, results go to the
 * output folder if one is given.
 */
public final class PhaseFieldPlugin implements PlugIn {

    @Override
    public void run(String arg) {
        try {
            execute();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Phase-Field", e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            Display.error("PoroPhase Phase-Field", Display.describe(e));
        }
    }

    private void execute() {
        ImagePlus cur = WindowManager.getCurrentImage();
        SpecDialog gd = new SpecDialog("Phase-Field Li Plating", PhaseFieldJob.COMMAND)
                .addPath("mask", "mask file (empty = current image; ignored with ideal)", "", false)
                .addPath("output_folder", "output folder (optional)", "", true, "output");
        if (!gd.show()) {
            return;
        }
        gd.logWarnings("Phase-Field");
        PluginConfig cfg = gd.config(PhaseFieldJob.COMMAND);
        String maskPath = gd.fixed("mask");
        String outDir = gd.fixed("output_folder");
        PhaseFieldJob job;
        if (cfg.getBoolean(PhaseFieldJob.COMMAND, "ideal") || cfg.getBoolean(PhaseFieldJob.COMMAND, "flat")) {
            job = PhaseFieldJob.create(cfg, (ImagePlus) null, null, null);
        } else if (!maskPath.isEmpty()) {
            job = PhaseFieldJob.create(cfg, Path.of(maskPath), null);
        } else {
            if (cur == null) {
                throw new PoroPhaseException("no image open: open a binary pore mask (255 = pore), give mask=PATH, or choose ideal");
            }
            if (cur.getBitDepth() != 8) {
                throw new PoroPhaseException("'" + cur.getTitle() + "' is not an 8-bit binary mask (255 = pore, 0 = solid): segment it first");
            }
            job = PhaseFieldJob.create(cfg, cur, cur.getTitle(), null);
        }
        final double dxUm = job.dxUm(); // dx_um = 0 is resolved by the resolution rule
        if (job.forcedUnderResolved()) {
            IJ.log("Phase-field warning (forced): " + job.resolution().message());
        }
        final boolean show = !GraphicsEnvironment.isHeadless();
        final ImagePlus[] live = new ImagePlus[1];
        PhaseFieldRun.Listener l = new PhaseFieldRun.Listener() {
            @Override
            public void progress(double f, Map<String, Double> m) {
                IJ.showProgress(f);
                IJ.showStatus(String.format(Locale.ROOT, "Phase-field: t = %.4g s, fill = %.3f, WCI = %.3f (Esc cancels)", m.get("time_s"),
                        m.get("fill_fraction"), m.get("wall_creep_index")));
            }

            @Override
            public void snapshot(Snapshot s) {
                if (!show) {
                    return;
                }
                FloatProcessor fp = new FloatProcessor(s.width, s.height, s.channels[0].clone());
                String label = String.format(Locale.ROOT, "xi t=%.4gs", s.timeS);
                if (live[0] == null) {
                    ImageStack st = new ImageStack(s.width, s.height);
                    st.addSlice(label, fp);
                    live[0] = new ImagePlus("Phase-field xi (live)", st);
                    live[0].getCalibration().pixelWidth = dxUm;
                    live[0].getCalibration().pixelHeight = dxUm;
                    live[0].getCalibration().setUnit("µm");
                    live[0].setDisplayRange(0, 1);
                    live[0].show();
                } else {
                    ImageStack st = live[0].getStack();
                    st.addSlice(label, fp);
                    live[0].setStack(st);
                    live[0].setSlice(st.getSize());
                    live[0].setDisplayRange(0, 1);
                }
            }

            @Override
            public boolean cancelled() {
                return IJ.escapePressed();
            }
        };
        IJ.resetEscape();
        PhaseFieldResult r = job.run(l, outDir.isEmpty() ? null : Path.of(outDir), "output_folder");
        IJ.showProgress(1.0);
        if (show) {
            ImagePlus hs = PhaseFieldOutputs.snapshotsImage(r);
            if (hs != null) {
                hs.show();
            }
            ResultsTable rt = new ResultsTable();
            for (List<Object> row : r.series()) {
                rt.incrementCounter();
                for (int k = 0; k < RunMetrics.COLUMNS.size(); k++) {
                    Object v = row.get(k);
                    rt.addValue(RunMetrics.COLUMNS.get(k), v == null ? Double.NaN : ((Number) v).doubleValue());
                }
            }
            rt.show("Phase-field time series");
        }
        IJ.log("PoroPhase phase-field: " + Json.write(r.toJson()));
        if (!"completed".equals(r.status())) {
            IJ.error("PoroPhase Phase-Field", r.message());
        }
    }
}
