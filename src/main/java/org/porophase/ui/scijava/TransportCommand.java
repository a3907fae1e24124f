package org.porophase.ui.scijava;

import java.util.List;

import org.porophase.analysis.TransportAnalysis;
import org.porophase.analysis.TransportSettings;
import org.porophase.core.Json;
import org.porophase.pipeline.TransportJob;
import org.porophase.transport.TransportResult;
import org.porophase.ui.MacroOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for the transport solve (Fiji scripting and headless runs), the same analysis as the
 * CLI's {@code transport}; {@code options} takes the plugin.yml keys ({@code "pore_value=0 axis=z"}).
 * Outputs of the first solved axis as numbers, every axis in {@code summary_json}. No menu path (the
 * menu entry is the ImageJ 1.x command).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Transport")
public class TransportCommand extends SpecCommand {

    @Parameter(type = ItemIO.OUTPUT)
    private double relative_diffusivity;

    @Parameter(type = ItemIO.OUTPUT)
    private double tortuosity_factor;

    @Parameter(type = ItemIO.OUTPUT)
    private double percolation_factor;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary_json;

    @Override
    List<String> blocks() {
        return List.of(TransportSettings.COMMAND);
    }

    @Override
    public void run() {
        MacroOptions m = bind("Transport");
        TransportJob job = new TransportJob(output_folder == null ? null : output_folder.toPath(), "output_folder");
        TransportAnalysis a = job.run(input("a volume, slice folder or 2D mask"), TransportSettings.fromConfig(m.config(TransportSettings.COMMAND)));
        if (a.results().isEmpty() && !a.twoPhaseResults().isEmpty()) {
            // two-phase solve: sigma_eff/sigma_phase; tau and the percolation factor are one-phase quantities (NaN)
            relative_diffusivity = a.twoPhaseResults().get(0).relativeConductivity();
            tortuosity_factor = Double.NaN;
            percolation_factor = Double.NaN;
        } else {
            TransportResult r = a.results().get(0);
            relative_diffusivity = r.relativeDiffusivity();
            tortuosity_factor = r.tauTotal();
            percolation_factor = r.percolationFactor();
        }
        summary_json = Json.write(a.toJson());
    }
}
