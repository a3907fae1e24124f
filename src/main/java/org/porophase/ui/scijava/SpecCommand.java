package org.porophase.ui.scijava;

import java.io.File;
import java.util.List;

import org.porophase.config.PluginConfig;
import org.porophase.ui.MacroOptions;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every PoroPhase SciJava command takes: an {@code input} file (or folder where the command
 * allows), an optional {@code output_folder}, and {@code options} — the plugin.yml parameters in
 * ImageJ macro syntax, the same keys as the ImageJ command's macro options
 * ({@code "pixel_size_um=0.05 threshold_method=Li watershed"}, {@code config=FILE} for a copy of
 * plugin.yml). Parameters are declared once, in plugin.yml, and bound by {@link MacroOptions}: an
 * unknown key or an out-of-range value is an error naming it. Warnings go to the SciJava log.
 */
abstract class SpecCommand implements Command {
    @Parameter(label = "Input", required = false, persist = false)
    protected File input;

    @Parameter(label = "Output folder (optional)", required = false, style = "directory", persist = false)
    protected File output_folder;

    @Parameter(label = "Options (plugin.yml keys, macro syntax)", required = false, persist = false)
    protected String options = "";

    @Parameter(required = false)
    protected LogService log;

    /** plugin.yml blocks whose parameters {@code options} may set (the command's own first). */
    abstract List<String> blocks();

    /** The input, which the command needs. */
    protected java.nio.file.Path input(String what) {
        if (input == null) {
            throw new org.porophase.core.PoroPhaseException("no input: give " + what + " as 'input'");
        }
        return input.toPath();
    }

    /** Binds {@link #options}; logs the warnings. */
    protected MacroOptions bind(String command) {
        MacroOptions m = MacroOptions.bind(options, blocks(), List.of(), List.of(), command);
        for (String w : m.warnings()) {
            if (log != null) {
                log.warn("PoroPhase " + command + ": " + w);
            }
        }
        return m;
    }

    /** The configuration for {@code blocks} with the options applied. */
    protected PluginConfig config(MacroOptions m, String... forBlocks) {
        return m.config(forBlocks);
    }
}
