package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.porophase.analysis.TransportAnalysis;
import org.porophase.analysis.TransportSettings;
import org.porophase.config.PluginConfig;
import org.porophase.core.Json;
import org.porophase.pipeline.TransportJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code transport}: tortuosity factor and effective conductivity of one phase of a volume or 2D
 * mask along each chosen axis. Options from plugin.yml (command {@code transport}). Exit codes: 0 done;
 * 1 some axes have no result (e.g. the phase does not percolate along them; the others are complete);
 * 2 bad usage or input, a single requested axis that cannot be solved.
 */
@Command(name = "transport", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Steady conduction through one phase (pore, solid or a label) of a volume or 2D mask along each axis: "
                + "D_eff/D0, tortuosity factor (TauFactor and PoreSpy conventions), MacMullin number, Bruggeman exponent, "
                + "percolation factor, tau(z) profile. See docs/transport.md.",
                "Every option below INPUT comes from plugin.yml (default, unit, range); --set NAME=VALUE sets any parameter.",
                "Exit code: 0 done, 1 some axes have no result (named on stderr), 2 bad usage or input."})
public class TransportCommand implements Callable<Integer>, SpecOptions.Bound {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Volume file, folder of slice images, or a 2D mask image.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Write STEM.transport.json, STEM.tau-profile-AXIS.csv and STEM.potential-AXIS.png here.")
    Path out;

    private SpecOptions options;

    @Override
    public List<String> specIds() {
        return List.of(TransportSettings.COMMAND);
    }

    @Override
    public void bind(SpecOptions o) {
        this.options = o;
    }

    /** The settings: plugin.yml (or --config) defaults overridden by the given flags. */
    public TransportSettings settings() {
        PluginConfig cfg = options.config(common.config, TransportSettings.COMMAND);
        Cli.warnings(spec.commandLine().getErr(), cfg);
        return TransportSettings.fromConfig(cfg);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        TransportAnalysis a = new TransportJob(out, "--out").run(input, settings());
        if (common.json) {
            outw.print(Json.pretty(a.toJson()));
        } else {
            outw.print(a.summary());
        }
        outw.flush();
        for (String w : a.warnings()) {
            err.println("warning: " + input + ": " + w);
        }
        for (String e : a.errors()) {
            err.println("error: " + input + ": " + e);
        }
        err.flush();
        return a.errors().isEmpty() ? PoroPhaseCli.OK : PoroPhaseCli.SOME_FAILED;
    }
}
