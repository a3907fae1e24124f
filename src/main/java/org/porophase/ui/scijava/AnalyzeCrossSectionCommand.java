package org.porophase.ui.scijava;

import java.io.File;

import org.porophase.pipeline.SemAnalysisOptions;
import org.porophase.pipeline.SemAnalysisResult;
import org.porophase.pipeline.SemAnalyzer;
import org.porophase.report.SemOutputs;
import org.porophase.report.Json;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for Fiji scripting (Groovy, Jython, …) and headless runs:
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.AnalyzeCrossSectionCommand, false, "input", new File("sem.tif")).get()
 * println r.getOutput("porosity")
 * </pre>
 * No menu path: the menu entry is the ImageJ 1.x command (Plugins › PoroPhase › Analyze
 * Cross-Section), so each command appears once. Same core and defaults as the CLI.
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Analyze Cross-Section")
public class AnalyzeCrossSectionCommand implements Command {
    private static final SemAnalysisOptions DEF = SemAnalysisOptions.defaults();

    @Parameter(label = "SEM image file")
    private File input;

    @Parameter(label = "Pixel size (µm; 0 = from file)", required = false)
    private double pixelSizeUm;

    @Parameter(label = "Threshold method", required = false)
    private String thresholdMethod = DEF.thresholdMethod;

    @Parameter(label = "Pores", choices = {"dark", "bright"}, required = false)
    private String pores = DEF.poresDark ? "dark" : "bright";

    @Parameter(label = "Watershed (separate touching pores)", required = false)
    private boolean watershed = DEF.watershed;

    @Parameter(label = "Shading correction", required = false)
    private boolean shadingCorrection = DEF.shadingCorrection;

    @Parameter(label = "Li impregnation depth (µm)", required = false)
    private double impregnationDepthUm = DEF.impregnationDepthUm;

    @Parameter(label = "Output folder (optional)", required = false, style = "directory")
    private File outputFolder;

    @Parameter(type = ItemIO.OUTPUT)
    private double porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private int poreCount;

    @Parameter(type = ItemIO.OUTPUT)
    private double specificSurfaceAreaPerUm;

    @Parameter(type = ItemIO.OUTPUT)
    private double idealCylinderSpecificSurfacePerUm;

    @Parameter(type = ItemIO.OUTPUT)
    private double meanPoreDiameterUm;

    @Parameter(type = ItemIO.OUTPUT)
    private String summaryJson;

    @Override
    public void run() {
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.pixelSizeUm = pixelSizeUm > 0 ? pixelSizeUm : null;
        if (thresholdMethod != null && !thresholdMethod.isBlank()) {
            o.thresholdMethod = thresholdMethod;
        }
        o.poresDark = !"bright".equalsIgnoreCase(pores);
        o.watershed = watershed;
        o.shadingCorrection = shadingCorrection;
        o.impregnationDepthUm = impregnationDepthUm;
        SemAnalysisResult r = new SemAnalyzer(o).analyze(input.toPath());
        if (outputFolder != null) {
            SemOutputs.write(r, outputFolder.toPath());
        }
        porosity = r.pores().porosity();
        poreCount = r.pores().poreCount();
        specificSurfaceAreaPerUm = r.pores().specificSurfaceAreaPerUm();
        idealCylinderSpecificSurfacePerUm = r.idealCylinderSpecificSurfacePerUm();
        meanPoreDiameterUm = r.poreDiameterUm();
        summaryJson = Json.write(r.summary());
    }
}
