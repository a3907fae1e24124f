package org.porophase.ui.scijava;

import java.util.List;

import org.porophase.pipeline.AnalyzeJob;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeOptions;
import org.porophase.core.Json;
import org.porophase.ui.MacroOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for XCT volumes (Fiji scripting and headless runs): porosity, porosity profile,
 * S_V, open/closed porosity and local thickness, the same analysis as the CLI's
 * {@code analyze-volume}; {@code options} takes the plugin.yml keys
 * ({@code "voxel_size_um=0.85 axis=z detect_surfaces"}). Writes its outputs to
 * {@code output_folder} when given. No menu path (the menu entry is the ImageJ 1.x command).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Analyze Volume")
public class AnalyzeVolumeCommand extends SpecCommand {

    @Parameter(type = ItemIO.OUTPUT)
    private double porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double specific_surface_area_per_um;

    @Parameter(type = ItemIO.OUTPUT)
    private double open_porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double closed_porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double mean_pore_diameter_um;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary_json;

    @Override
    List<String> blocks() {
        return List.of(VolumeOptions.COMMAND);
    }

    @Override
    public void run() {
        MacroOptions m = bind("Analyze Volume");
        AnalyzeJob job = new AnalyzeJob(m.config(VolumeOptions.COMMAND), output_folder == null ? null : output_folder.toPath()).outLabel("output_folder");
        VolumeAnalysis a = job.volume(input("a volume file or slice folder"));
        java.util.Map<String, Object> s = a.toJson();
        porosity = AnalyzeCrossSectionCommand.num(s.get("porosity"));
        specific_surface_area_per_um = AnalyzeCrossSectionCommand.num(s.get("specific_surface_area_per_um"));
        open_porosity = AnalyzeCrossSectionCommand.num(s.get("open_porosity"));
        closed_porosity = AnalyzeCrossSectionCommand.num(s.get("closed_porosity"));
        mean_pore_diameter_um = AnalyzeCrossSectionCommand.num(s.get("mean_pore_diameter_um"));
        summary_json = Json.write(s);
    }
}
