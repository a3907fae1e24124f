package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.porophase.config.PluginConfig;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.pipeline.AnalyzeJob;
import org.porophase.analysis.VolumeOptions;
import org.porophase.core.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyze-volume}: XCT volume analysis from the command line. Options come from plugin.yml
 * (command {@code analyze-volume}); defaults from there or from {@code --config FILE}.
 * Exit codes: 0 done, 2 bad input (the message says what to do).
 */
@Command(name = "analyze-volume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Segment an XCT volume and measure porosity (+ profile), pore surface area and S_V (Crofton), "
                + "Euler characteristic, open/closed/percolating porosity and local thickness. Input: multi-page TIFF, "
                + "slice folder, .mhd/.mha, .nrrd/.nhdr, .h5/.hdf5.",
                "Every option below INPUT comes from plugin.yml (default, unit, range); --set NAME=VALUE sets any parameter.",
                "Exit code: 0 done, 2 bad usage or input."})
public class VolumeCommand implements Callable<Integer>, SpecOptions.Bound {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Volume file or folder of slice images.")
    Path input;


    @Option(names = "--out", paramLabel = "DIR", description = "Write JSON, profile CSV/PNG and local-thickness histogram CSV here.")
    Path out;


    private SpecOptions options;

    @Override
    public List<String> specIds() {
        return List.of(VolumeOptions.COMMAND);
    }

    @Override
    public void bind(SpecOptions o) {
        this.options = o;
    }

    /** The options: plugin.yml (or --config) defaults overridden by the given flags. */
    public VolumeOptions options() {
        PluginConfig cfg = options.config(common.config, VolumeOptions.COMMAND);
        Cli.warnings(spec.commandLine().getErr(), cfg);
        return VolumeOptions.fromConfig(cfg);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        VolumeOptions o = options();
        if (!common.quiet) {
            // the block-wise plan (blocks, memory per worker) before each pass
            o.log = line -> {
                err.println("analyze-volume: " + line);
                err.flush();
            };
        }
        VolumeAnalysis a = new AnalyzeJob(PluginConfig.defaults(), out).outLabel("--out").volume(input, o);
        if (common.json) {
            outw.print(Json.pretty(a.toJson()));
        } else {
            outw.println(a.summary());
        }
        outw.flush();
        Cli.warnings(err, input.toString(), a.toJson().get("warnings"));
        err.flush();
        return PoroPhaseCli.OK;
    }
}
