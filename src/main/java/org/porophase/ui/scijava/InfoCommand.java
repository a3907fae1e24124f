package org.porophase.ui.scijava;

import java.util.List;
import java.util.Map;

import org.porophase.analysis.InputInfo;
import org.porophase.config.PluginConfig;
import org.porophase.core.Json;
import org.porophase.ui.MacroOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * SciJava command for Fiji scripting and headless runs: what PoroPhase reads from an image or volume, without
 * segmenting ({@link InputInfo}, the CLI's {@code info}); {@code options} takes the plugin.yml keys of {@code info}
 * ({@code "slice_spacing_um=0.03"}). Outputs the pixel size, its source and the JSON description; warnings go to the
 * SciJava log. No menu path (the menu entry is the ImageJ 1.x command).
 */
@Plugin(type = Command.class, headless = true, label = "PoroPhase: Image Info")
public class InfoCommand extends SpecCommand {

    @Parameter(type = ItemIO.OUTPUT)
    private double pixel_size_um;

    @Parameter(type = ItemIO.OUTPUT)
    private String calibration_source;

    @Parameter(type = ItemIO.OUTPUT)
    private String info_json;

    @Override
    List<String> blocks() {
        return List.of("info");
    }

    @Override
    public void run() {
        MacroOptions m = bind("Image Info");
        PluginConfig cfg = m.config("info");
        Double spacing = cfg.command("info").param("slice_spacing_um").isNull() ? null : cfg.getDouble("info", "slice_spacing_um");
        java.nio.file.Path in = input("an image, a volume file or a slice folder");
        Map<String, Object> s = java.nio.file.Files.isDirectory(in) ? InputInfo.volume(in, spacing) : InputInfo.of(in, spacing);
        pixel_size_um = AnalyzeCrossSectionCommand.num(s.get("pixel_size_um"));
        calibration_source = String.valueOf(s.get("calibration_source"));
        info_json = Json.write(s);
        if (log != null && s.get("warnings") instanceof List<?> w) {
            for (Object x : w) {
                log.warn("PoroPhase Image Info (" + in.getFileName() + "): " + x);
            }
        }
    }
}
