package org.porophase.ui.scijava;

import java.nio.file.Path;
import java.util.List;

import org.porophase.analysis.CompareOptions;
import org.porophase.analysis.CompareResult;
import org.porophase.analysis.ScaffoldComparison;
import org.porophase.core.Json;
import org.porophase.ui.MacroOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for the real-vs-ideal comparison of one SEM image or volume
 * ({@link ScaffoldComparison}), the same as the CLI's {@code compare}; {@code options} takes the
 * keys of the compare, analyze, analyze-volume and phasefield blocks of plugin.yml
 * ({@code "time_s=200 section=plan"}); writes the report folder {@code output_folder/STEM/} when an
 * output folder is given:
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.CompareCommand, false, "input", new File("sem.tif"), "output_folder", new File("/tmp/cmp")).get()
 * println r.getOutput("specific_surface_real_per_um") + " vs " + r.getOutput("specific_surface_ideal_per_um")
 * </pre>
 * No menu path (the menu entry is the ImageJ 1.x Plugins › PoroPhase › Compare Real vs Ideal).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Compare Real vs Ideal")
public class CompareCommand extends SpecCommand {

    @Parameter(type = ItemIO.OUTPUT)
    private double porosity;

    @Parameter(type = ItemIO.OUTPUT)
    private double pore_diameter_um;

    @Parameter(type = ItemIO.OUTPUT)
    private double specific_surface_real_per_um;

    @Parameter(type = ItemIO.OUTPUT)
    private double specific_surface_ideal_per_um;

    @Parameter(type = ItemIO.OUTPUT)
    private double current_density_reduction_real;

    @Parameter(type = ItemIO.OUTPUT)
    private double current_density_reduction_ideal;

    @Parameter(type = ItemIO.OUTPUT)
    private double wall_creep_index_real;

    @Parameter(type = ItemIO.OUTPUT)
    private double wall_creep_index_ideal;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary_json;

    @Override
    List<String> blocks() {
        return List.of("compare", "analyze", "analyze-volume", "phasefield");
    }

    @Override
    public void run() {
        MacroOptions m = bind("Compare");
        CompareOptions o = CompareOptions.fromConfig(m.config("compare", "analyze", "analyze-volume", "phasefield")).validate();
        Path in = input("an SEM image or volume file");
        CompareResult r = output_folder == null ? ScaffoldComparison.run(in, o)
                : org.porophase.pipeline.CompareJob.run(in, o, output_folder.toPath(), "output_folder").result();
        porosity = r.porosity();
        pore_diameter_um = r.poreDiameterUm();
        specific_surface_real_per_um = r.scRealPerUm;
        specific_surface_ideal_per_um = r.scIdealPerUm;
        current_density_reduction_real = r.rjReal;
        current_density_reduction_ideal = r.rjIdeal;
        wall_creep_index_real = r.pfReal == null ? Double.NaN : r.pfReal.finalMetrics().get("wall_creep_index");
        wall_creep_index_ideal = r.pfIdeal == null ? Double.NaN : r.pfIdeal.finalMetrics().get("wall_creep_index");
        summary_json = Json.write(r.summary());
    }
}
