package org.porophase.ui.scijava;

import java.util.List;

import org.porophase.config.PluginConfig;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.pipeline.PhaseFieldJob;
import org.porophase.core.Json;
import org.porophase.ui.MacroOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for the phase-field Li plating model (Zhang et al. 2024, eqs. 8–12), the same
 * run as the CLI's {@code phasefield} ({@link PhaseFieldJob}): on the binary pore mask given as
 * {@code input} (255 = pore) or, with {@code options "ideal"}, on the ideal scaffold:
 * <pre>
 * #@ CommandService cs
 * r = cs.run(org.porophase.ui.scijava.PhaseFieldCommand, false, "input", new File("mask.tif"), "options", "time_s=200").get()
 * println r.getOutput("wall_creep_index")
 * </pre>
 * No menu path (the menu entry is the ImageJ 1.x Plugins › PoroPhase › Phase-Field Li Plating).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Phase-Field Li Plating")
public class PhaseFieldCommand extends SpecCommand {

    @Parameter(type = ItemIO.OUTPUT)
    private String status;

    @Parameter(type = ItemIO.OUTPUT)
    private double fill_fraction;

    @Parameter(type = ItemIO.OUTPUT)
    private double wall_creep_index;

    /** Deprecated alias of the bulk LLZO max/mean current density (not a hot-spot measure: see hot_spot_ratio). */
    @Parameter(type = ItemIO.OUTPUT)
    private double max_over_mean_current_density;

    @Parameter(type = ItemIO.OUTPUT)
    private double kinetic_overpotential_V;

    @Parameter(type = ItemIO.OUTPUT)
    private double contact_area_ratio;

    @Parameter(type = ItemIO.OUTPUT)
    private double hot_spot_ratio;

    @Parameter(type = ItemIO.OUTPUT)
    private String result_json;

    @Override
    List<String> blocks() {
        return List.of(PhaseFieldJob.COMMAND);
    }

    @Override
    public void run() {
        MacroOptions m = bind("Phase-Field");
        PluginConfig cfg = m.config(PhaseFieldJob.COMMAND);
        boolean ideal = cfg.getBoolean(PhaseFieldJob.COMMAND, "ideal") || cfg.getBoolean(PhaseFieldJob.COMMAND, "flat");
        PhaseFieldJob job = PhaseFieldJob.create(cfg, ideal || input == null ? null : input.toPath(), null);
        PhaseFieldResult r = job.run(null, output_folder == null ? null : output_folder.toPath(), "output_folder");
        status = r.status();
        fill_fraction = r.finalMetrics().get("fill_fraction");
        wall_creep_index = r.finalMetrics().get("wall_creep_index");
        max_over_mean_current_density = r.finalMetrics().get("max_over_mean_current_density");
        kinetic_overpotential_V = r.finalMetrics().get("kinetic_overpotential_V");
        contact_area_ratio = r.finalMetrics().get("contact_area_ratio");
        hot_spot_ratio = r.finalMetrics().get("hot_spot_ratio");
        result_json = Json.write(r.toJson());
    }
}
