package org.porophase.ui.scijava;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.pipeline.CompareOptions;
import org.porophase.report.CompareReport;
import org.porophase.pipeline.CompareResult;
import org.porophase.pipeline.ScaffoldComparison;
import org.porophase.report.Json;
import org.porophase.core.VoxelSize;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for the real-vs-ideal comparison of one SEM image or volume
 * ({@link ScaffoldComparison}), with the plugin.yml {@code compare} defaults; writes the report folder
 * {@code outputFolder/STEM/} when an output folder is given:
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.CompareCommand, false, "input", new File("sem.tif"), "outputFolder", new File("/tmp/cmp")).get()
 * println r.getOutput("specificSurfaceRealPerUm") + " vs " + r.getOutput("specificSurfaceIdealPerUm")
 * </pre>
 * No menu path (the menu entry is the ImageJ 1.x Plugins › PoroPhase › Compare Real vs Ideal).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Compare Real vs Ideal")
public class CompareCommand implements Command {
    private static final CompareOptions DEF = CompareOptions.defaults();

    @Parameter(label = "SEM image or volume")
    private File input;

    @Parameter(label = "Output folder (optional; report in FOLDER/STEM/)", required = false, style = "directory")
    private File outputFolder;

    @Parameter(label = "Pixel size (µm; 0 = from file)", required = false)
    private double pixelSizeUm;

    @Parameter(label = "Section (2D SEM)", choices = {"auto", "thickness", "plan"}, required = false)
    private String section = DEF.section;

    @Parameter(label = "Simulated time (s)", required = false)
    private double timeS = DEF.phaseField.timeS;

    @Parameter(label = "Grid spacing (µm)", required = false)
    private double dxUm = DEF.phaseField.dxUm;

    @Parameter(label = "Li impregnation depth (µm)", required = false)
    private double impregnationUm = DEF.phaseField.impregnationUm;

    @Parameter(label = "Current density (mA/cm²)", required = false)
    private double currentDensityMaCm2 = DEF.phaseField.currentDensityMaCm2;

    @Parameter(label = "Run the phase-field", required = false)
    private boolean phaseField = DEF.runPhaseField;

    @Parameter(label = "3D phase-field on volumes", required = false)
    private boolean phaseField3d = DEF.phaseField3d;

    @Parameter(type = ItemIO.OUTPUT)
    private double porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double poreDiameterUm;

    @Parameter(type = ItemIO.OUTPUT)
    private double specificSurfaceRealPerUm;

    @Parameter(type = ItemIO.OUTPUT)
    private double specificSurfaceIdealPerUm;

    @Parameter(type = ItemIO.OUTPUT)
    private double currentDensityReductionReal;

    @Parameter(type = ItemIO.OUTPUT)
    private double currentDensityReductionIdeal;

    @Parameter(type = ItemIO.OUTPUT)
    private double wallCreepIndexReal;

    @Parameter(type = ItemIO.OUTPUT)
    private double wallCreepIndexIdeal;

    @Parameter(type = ItemIO.OUTPUT)
    private String summaryJson;

    @Override
    public void run() {
        CompareOptions o = CompareOptions.defaults();
        if (pixelSizeUm > 0) {
            o.analysis.pixelSizeUm = pixelSizeUm;
            o.volume.voxelSize = VoxelSize.iso(pixelSizeUm);
        }
        o.section = section;
        o.phaseField.timeS = timeS;
        o.phaseField.dxUm = dxUm;
        o.impregnationUm(impregnationUm);
        o.phaseField.currentDensityMaCm2 = currentDensityMaCm2;
        o.runPhaseField = phaseField;
        o.phaseField3d = phaseField3d;
        o.validate();
        Path in = input.toPath();
        CompareResult r = ScaffoldComparison.run(in, o);
        if (outputFolder != null) {
            CompareReport.write(r, outputFolder.toPath().resolve(r.real.title()), in);
        }
        porosity = r.porosity();
        poreDiameterUm = r.poreDiameterUm();
        specificSurfaceRealPerUm = r.scRealPerUm;
        specificSurfaceIdealPerUm = r.scIdealPerUm;
        currentDensityReductionReal = r.rjReal;
        currentDensityReductionIdeal = r.rjIdeal;
        wallCreepIndexReal = r.pfReal == null ? Double.NaN : r.pfReal.finalMetrics().get("wall_creep_index");
        wallCreepIndexIdeal = r.pfIdeal == null ? Double.NaN : r.pfIdeal.finalMetrics().get("wall_creep_index");
        Map<String, Object> s = new LinkedHashMap<>(r.summary());
        summaryJson = Json.write(s);
    }
}
