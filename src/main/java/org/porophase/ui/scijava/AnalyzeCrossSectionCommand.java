package org.porophase.ui.scijava;

import java.util.List;

import org.porophase.pipeline.AnalyzeJob;
import org.porophase.core.Json;
import org.porophase.ui.MacroOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for Fiji scripting (Groovy, Jython, …) and headless runs, the same analysis as
 * the CLI's {@code analyze} ({@link AnalyzeJob}: a 3D file is analysed as a volume):
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.AnalyzeCrossSectionCommand, false, "input", new File("sem.tif"),
 *            "options", "pixel_size_um=0.05 watershed").get()
 * println r.getOutput("porosity")
 * </pre>
 * Outputs are named as the JSON keys. No menu path: the menu entry is the ImageJ 1.x command
 * (Plugins › PoroPhase › Analyze Cross-Section), so each command appears once.
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Analyze Cross-Section")
public class AnalyzeCrossSectionCommand extends SpecCommand {

    @Parameter(type = ItemIO.OUTPUT)
    private double porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private int pore_count;

    @Parameter(type = ItemIO.OUTPUT)
    private double specific_surface_area_per_um;

    @Parameter(type = ItemIO.OUTPUT)
    private double ideal_cylinder_specific_surface_per_um;

    @Parameter(type = ItemIO.OUTPUT)
    private double mean_pore_diameter_um;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary_json;

    @Override
    List<String> blocks() {
        return List.of("analyze", "analyze-volume");
    }

    @Override
    public void run() {
        MacroOptions m = bind("Analyze Cross-Section");
        AnalyzeJob job = new AnalyzeJob(m.config("analyze"), () -> m.config("analyze-volume"),
                output_folder == null ? null : output_folder.toPath()).outLabel("output_folder");
        AnalyzeJob.Outcome r = job.analyze(input("an SEM image or volume file"));
        porosity = num(r.summary().get("porosity"));
        pore_count = (int) num(r.summary().getOrDefault("pore_count", -1));
        specific_surface_area_per_um = num(r.summary().get("specific_surface_area_per_um"));
        ideal_cylinder_specific_surface_per_um = num(r.summary().get("ideal_cylinder_specific_surface_per_um"));
        mean_pore_diameter_um = num(r.summary().get("mean_pore_diameter_um"));
        summary_json = Json.write(r.summary());
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
