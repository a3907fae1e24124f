package org.porophase.ui.scijava;

import java.io.File;

import org.porophase.pipeline.VolumeAnalysis;
import org.porophase.pipeline.VolumeAnalyzer;
import org.porophase.pipeline.VolumeOptions;
import org.porophase.core.VoxelSize;
import org.porophase.report.Json;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for XCT volumes (Fiji scripting and headless runs): porosity, porosity profile
 * along the thickness axis, 3D surface area (Crofton), open/closed porosity and local-thickness pore
 * size, with the plugin.yml {@code analyze-volume} defaults:
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.AnalyzeVolumeCommand, false, "input", new File("xct.tif"), "axis", "z").get()
 * println r.getOutput("openPorosity")
 * </pre>
 * No menu path (the menu entry is the ImageJ 1.x Plugins › PoroPhase › Analyze Volume).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Analyze Volume")
public class AnalyzeVolumeCommand implements Command {

    @Parameter(label = "Volume (multi-page TIFF, folder of slices, .mhd/.nrrd, .h5)")
    private File input;

    @Parameter(label = "Voxel size (µm, cubic; 0 = from file)", required = false)
    private double voxelSizeUm;

    @Parameter(label = "Thickness axis", choices = {"x", "y", "z"}, required = false)
    private String axis = VolumeOptions.axisName(VolumeOptions.defaults().axis);

    @Parameter(label = "Threshold method", required = false)
    private String thresholdMethod = VolumeOptions.defaults().thresholdMethod;

    @Parameter(label = "Pores", choices = {"dark", "bright"}, required = false)
    private String pores = VolumeOptions.defaults().darkPores ? "dark" : "bright";

    @Parameter(label = "Local thickness (pore size distribution)", required = false)
    private boolean localThickness = VolumeOptions.defaults().localThickness;

    @Parameter(label = "Output folder (optional)", required = false, style = "directory")
    private File outputFolder;

    @Parameter(type = ItemIO.OUTPUT)
    private double porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double specificSurfaceAreaPerUm;

    @Parameter(type = ItemIO.OUTPUT)
    private double openPorosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double closedPorosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double meanPoreDiameterUm;

    @Parameter(type = ItemIO.OUTPUT)
    private String summaryJson;

    @Override
    public void run() {
        VolumeOptions o = VolumeOptions.defaults();
        if (voxelSizeUm > 0) {
            o.voxelSize = VoxelSize.iso(voxelSizeUm);
        }
        o.axis = VolumeOptions.parseAxis(axis);
        if (thresholdMethod != null && !thresholdMethod.isBlank()) {
            o.thresholdMethod = thresholdMethod;
        }
        o.darkPores = !"bright".equalsIgnoreCase(pores);
        o.localThickness = localThickness;
        if (outputFolder != null) {
            o.outDir = outputFolder.toPath();
        }
        VolumeAnalysis a = VolumeAnalyzer.analyze(input.toPath(), o); // writes its outputs to o.outDir when set
        porosity = a.porosity();
        specificSurfaceAreaPerUm = a.specificSurfaceArea();
        openPorosity = a.openPorosity() == null ? Double.NaN : a.openPorosity();
        closedPorosity = a.closedPorosity() == null ? Double.NaN : a.closedPorosity();
        meanPoreDiameterUm = a.meanPoreDiameter() == null ? Double.NaN : a.meanPoreDiameter();
        summaryJson = Json.write(a.toJson());
    }
}
