package org.porophase.ui.scijava;

import java.io.File;
import java.util.Locale;

import org.porophase.config.PluginConfig;
import org.porophase.phasefield.Geometry;
import org.porophase.phasefield.IdealScaffold;
import org.porophase.phasefield.PhaseFieldParameters;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.report.Json;
import org.porophase.report.PhaseFieldOutputs;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for the phase-field Li plating model (Zhang et al. 2024, eqs. 8–12) on a binary pore
 * mask (255 = pore, Li from the top) or on ideal 2D parallel channels, with the plugin.yml
 * {@code phasefield} defaults:
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.PhaseFieldCommand, false, "mask", new File("mask.tif"), "timeS", 200d).get()
 * println r.getOutput("wallCreepIndex")
 * </pre>
 * No menu path (the menu entry is the ImageJ 1.x Plugins › PoroPhase › Phase-Field Li Plating).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Phase-Field Li Plating")
public class PhaseFieldCommand implements Command {
    private static final PluginConfig CFG = PluginConfig.defaults();
    private static final PhaseFieldParameters DEF = PhaseFieldParameters.fromConfig(CFG);

    @Parameter(label = "Pore mask (8-bit, 255 = pore); empty = ideal channels", required = false)
    private File mask;

    @Parameter(label = "Mask pixel size (µm; 0 = from file)", required = false)
    private double pixelSizeUm;

    @Parameter(label = "Ideal channel width (µm)", required = false)
    private double poreSizeUm = CFG.getDouble("phasefield", "pore_size_um");

    @Parameter(label = "Ideal porosity", required = false)
    private double porosity = CFG.getDouble("phasefield", "porosity");

    @Parameter(label = "Ideal width (µm)", required = false)
    private double widthUm = CFG.getDouble("phasefield", "ideal_width_um");

    @Parameter(label = "Ideal thickness (µm)", required = false)
    private double heightUm = CFG.getDouble("phasefield", "ideal_height_um");

    @Parameter(label = "Simulated time (s)", required = false)
    private double timeS = DEF.timeS;

    @Parameter(label = "Current density (mA/cm²)", required = false)
    private double currentDensityMaCm2 = DEF.currentDensityMaCm2;

    @Parameter(label = "Li impregnation depth (µm)", required = false)
    private double impregnationUm = DEF.impregnationUm;

    @Parameter(label = "Grid spacing (µm)", required = false)
    private double dxUm = DEF.dxUm;

    @Parameter(label = "Worker threads (0 = all)", required = false)
    private int threads;

    @Parameter(label = "Output folder (optional)", required = false, style = "directory")
    private File outputFolder;

    @Parameter(type = ItemIO.OUTPUT)
    private String status;

    @Parameter(type = ItemIO.OUTPUT)
    private double fillFraction;

    @Parameter(type = ItemIO.OUTPUT)
    private double wallCreepIndex;

    @Parameter(type = ItemIO.OUTPUT)
    private double maxOverMeanCurrentDensity;

    @Parameter(type = ItemIO.OUTPUT)
    private String resultJson;

    @Override
    public void run() {
        PhaseFieldParameters p = PhaseFieldParameters.fromConfig(CFG);
        p.timeS = timeS;
        p.currentDensityMaCm2 = currentDensityMaCm2;
        p.impregnationUm = impregnationUm;
        p.dxUm = dxUm;
        p.validate();
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = CFG.getInt("phasefield", "snapshots");
        o.threads = threads;
        Geometry g;
        if (mask != null) {
            g = Geometry.fromImage(Geometry.openMask(mask.toPath()), pixelSizeUm > 0 ? pixelSizeUm : Double.NaN,
                    Geometry.Side.parse(CFG.getString("phasefield", "li_side")), p);
            o.mode = "mask " + mask.getName();
            o.input = mask.toPath();
        } else {
            IdealScaffold sc = IdealScaffold.channels2D(poreSizeUm, porosity, widthUm, heightUm, p.dxUm / 4);
            g = sc.toGeometry(p);
            o.mode = String.format(Locale.ROOT, "ideal 2D channels, pore %.4g um, porosity %.3g, width %.4g um", poreSizeUm, porosity, sc.widthUm);
        }
        PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(null);
        if (outputFolder != null) {
            PhaseFieldOutputs.write(r, outputFolder.toPath());
        }
        status = r.status();
        fillFraction = r.finalMetrics().get("fill_fraction");
        wallCreepIndex = r.finalMetrics().get("wall_creep_index");
        maxOverMeanCurrentDensity = r.finalMetrics().get("max_over_mean_current_density");
        resultJson = Json.write(r.toJson());
    }
}
