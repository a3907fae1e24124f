package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.phasefield.Geometry;
import org.porophase.phasefield.IdealScaffold;
import org.porophase.phasefield.PhaseFieldParameters;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.phasefield.RunMetrics;
import org.porophase.phasefield.Snapshot;
import org.porophase.report.Json;
import org.porophase.report.PhaseFieldOutputs;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.process.FloatProcessor;

/**
 * Fiji command "Plugins › PoroPhase › Phase-Field Li Plating": runs the phase-field model on the
 * current image (a binary pore mask, 255 = pore) or on the ideal scaffold. Dialog defaults come from
 * plugin.yml; the dialog is macro-recordable. Shows a progress bar, the ξ snapshots as a growing
 * stack while the run goes (Esc cancels), then the snapshot hyperstack and the time-series table.
 * Headless: no windows, results go to the output folder if one is given. Macro keys: geometry, li,
 * pixel, pore, porosity, width, height, time, current, impregnation, dx, dt, contact, snapshots, output.
 */
public final class PhaseFieldPlugin implements PlugIn {
    private static final String[] SOURCES = {"current image", "ideal 2D channels", "ideal 3D cylinders"};

    @Override
    public void run(String arg) {
        try {
            execute();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Phase-Field", e.getMessage());
        }
    }

    private void execute() {
        PluginConfig cfg = PluginConfig.defaults();
        PhaseFieldParameters p = PhaseFieldParameters.fromConfig(cfg);
        ImagePlus cur = WindowManager.getCurrentImage();
        ParameterDialog gd = new ParameterDialog("Phase-Field Li Plating");
        gd.addChoice("Geometry", SOURCES, cur != null ? SOURCES[0] : SOURCES[1]);
        gd.addChoice("Li side", new String[] {"top", "bottom", "left", "right", "front", "back"}, cfg.getString("phasefield", "li_side"));
        gd.addNumericField("Pixel size (µm; 0 = calibration)", 0, 4);
        gd.addNumericField("Pore size (ideal, µm)", cfg.getDouble("phasefield", "pore_size_um"), 3);
        gd.addNumericField("Porosity (ideal)", cfg.getDouble("phasefield", "porosity"), 3);
        gd.addNumericField("Width (ideal, µm)", cfg.getDouble("phasefield", "ideal_width_um"), 2);
        gd.addNumericField("Height (ideal, µm)", cfg.getDouble("phasefield", "ideal_height_um"), 2);
        gd.addNumericField("Time (s)", p.timeS, 1);
        gd.addNumericField("Current density (mA/cm²)", p.currentDensityMaCm2, 3);
        gd.addNumericField("Impregnation depth (µm)", p.impregnationUm, 2);
        gd.addNumericField("dx (grid spacing, µm)", p.dxUm, 3);
        gd.addNumericField("dt (time step, s)", p.dtS, 3);
        gd.addNumericField("Contact angle Li/LLZO (°)", p.contactAngleDeg, 1);
        gd.addNumericField("Snapshots", cfg.getInt("phasefield", "snapshots"), 0);
        gd.addDirectoryField("Output folder (optional)", "");
        if (!gd.show()) {
            return;
        }
        String src = gd.getNextChoice();
        String side = gd.getNextChoice();
        double px = gd.getNextNumber();
        double pore = gd.getNextNumber();
        double por = gd.getNextNumber();
        double w = gd.getNextNumber();
        double h = gd.getNextNumber();
        p.timeS = gd.getNextNumber();
        p.currentDensityMaCm2 = gd.getNextNumber();
        p.impregnationUm = gd.getNextNumber();
        p.dxUm = gd.getNextNumber();
        p.dtS = gd.getNextNumber();
        p.contactAngleDeg = gd.getNextNumber();
        int nSnap = (int) gd.getNextNumber();
        String outDir = gd.getNextString().trim();
        p.validate();
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = Math.max(1, nSnap);
        Geometry g;
        if (src.equals(SOURCES[0])) {
            if (cur == null) {
                throw new PoroPhaseException("no image open: open a binary pore mask (255 = pore) or choose an ideal geometry");
            }
            if (cur.getBitDepth() != 8) {
                throw new PoroPhaseException("'" + cur.getTitle() + "' is not an 8-bit binary mask (255 = pore, 0 = solid): segment it first");
            }
            g = Geometry.fromImage(cur, px > 0 ? px : Double.NaN, Geometry.Side.parse(side), p);
            o.mode = "mask " + cur.getTitle();
        } else {
            boolean three = src.equals(SOURCES[2]);
            IdealScaffold sc = three ? IdealScaffold.cylinders3D(pore, por, false, w, h, p.dxUm / 2)
                    : IdealScaffold.channels2D(pore, por, w, h, p.dxUm / 4);
            g = sc.toGeometry(p);
            o.mode = String.format(Locale.ROOT, "ideal %s, pore %.4g um, porosity %.3g", three ? "3D cylinders" : "2D channels", pore, por);
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
                    live[0].getCalibration().pixelWidth = s.width > 0 ? p.dxUm : 1;
                    live[0].getCalibration().pixelHeight = p.dxUm;
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
        PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(l);
        IJ.showProgress(1.0);
        if (!outDir.isEmpty()) {
            PhaseFieldOutputs.write(r, Path.of(outDir));
        }
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
