package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.config.ParamSpec;
import org.porophase.config.PluginConfig;
import org.porophase.core.PoroPhaseException;
import org.porophase.ui.MacroOptions;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

/**
 * The ImageJ dialog of a command, generated from plugin.yml: one field per parameter of the
 * command's own block, labelled by the parameter's name so that the macro key <em>is</em> the name
 * ({@code pixel_size_um=0.05}), with the unit beside it; plus the command's own fields (input,
 * output folder) and a {@code config} file. The parameters of the other blocks the command uses
 * (e.g. {@code analyze-volume} for a stack given to Analyze Cross-Section, or every analysis block
 * for Compare) are not shown but are accepted as macro keys and from the config file; a name shared
 * by several blocks sets it in each.
 * <p>
 * With macro options (a macro's {@code run(…)}, batch mode, headless) no window opens and the
 * options are bound by {@link MacroOptions}: unknown keys are errors that list the known ones,
 * former names are mapped and logged, values are checked by their {@link ParamSpec}, a checkbox is
 * on when named, off with {@code key=false}, and keeps its default when not named. On the desktop
 * the dialog records every field; an unticked box whose default is on is recorded as
 * {@code key=false}, so a recorded macro replays what was chosen.
 */
final class SpecDialog {
    private final String title;
    private final List<String> blocks;
    private final List<MacroOptions.Field> fields = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    /** Field key → true for a folder field (directory browser), false for a file field. */
    private final Map<String, Boolean> folders = new LinkedHashMap<>();
    private MacroOptions bound;

    /** A dialog for the parameters of {@code blocks} of plugin.yml (the command's own block first; only it is shown). */
    SpecDialog(String title, String... blocks) {
        this.title = title;
        this.blocks = List.of(blocks);
    }

    /** A path field of the command (file, or folder with {@code folder}), with former macro keys. */
    SpecDialog addPath(String key, String label, String def, boolean folder, String... aliases) {
        fields.add(new MacroOptions.Field(key, def == null ? "" : def, List.of(aliases)));
        folders.put(key, folder);
        return this;
    }

    /** Keys that old macros may pass and that are ignored now (e.g. a former source selector). */
    SpecDialog ignore(String... keys) {
        ignored.addAll(List.of(keys));
        return this;
    }

    /** True when no window can be shown. */
    static boolean isHeadless() {
        return GraphicsEnvironment.isHeadless();
    }

    /**
     * Shows the dialog, or binds the macro options.
     *
     * @return false when the user cancelled
     */
    boolean show() {
        String options = Macro.getOptions();
        if (options != null || isHeadless()) {
            bound = MacroOptions.bind(options, blocks, fields, ignored, title);
            return true;
        }
        PluginConfig base = PluginConfig.defaults();
        Map<String, ParamSpec> shown = new LinkedHashMap<>(base.command(blocks.get(0)).params());
        GenericDialog gd = new GenericDialog(title);
        for (MacroOptions.Field f : fields) {
            if (folders.get(f.key())) {
                gd.addDirectoryField(f.key(), f.def());
            } else {
                gd.addFileField(f.key(), f.def());
            }
        }
        gd.addFileField("config", "");
        for (ParamSpec p : shown.values()) {
            String unit = p.unit();
            if (p.type() == ParamSpec.Type.BOOLEAN) {
                gd.addCheckbox(p.name(), p.value() != null && p.asBoolean());
            } else if (!p.choices().isEmpty()) {
                gd.addChoice(p.name(), p.choices().toArray(new String[0]), p.asString());
            } else if (numeric(p)) {
                gd.addNumericField(p.name(), p.asDouble(), p.type() == ParamSpec.Type.INTEGER ? 0 : digits(p.asDouble()), 10, unit);
            } else {
                gd.addStringField(p.name(), p.value() == null ? "" : p.asString(), 12);
                if (!unit.isEmpty() || p.optional()) {
                    gd.addToSameRow();
                    gd.addMessage(unit + (p.optional() ? " (empty = not set)" : ""));
                }
            }
        }
        gd.addHelp(helpHtml(shown));
        gd.showDialog();
        if (gd.wasCanceled()) {
            return false;
        }
        Map<String, String> fieldValues = new LinkedHashMap<>();
        for (MacroOptions.Field f : fields) {
            fieldValues.put(f.key(), gd.getNextString().trim());
        }
        String config = gd.getNextString().trim();
        if (!config.isEmpty()) {
            base = PluginConfig.load(Path.of(config));
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (ParamSpec p : shown.values()) {
            if (p.type() == ParamSpec.Type.BOOLEAN) {
                boolean b = gd.getNextBoolean();
                chosen.put(p.name(), b);
                if (!b && p.value() != null && p.asBoolean() && Recorder.record) {
                    Recorder.recordOption(p.name(), "false");
                }
            } else if (!p.choices().isEmpty()) {
                chosen.put(p.name(), gd.getNextChoice());
            } else if (numeric(p)) {
                double d = gd.getNextNumber();
                if (Double.isNaN(d)) {
                    throw new PoroPhaseException(p.name() + ": not a number; " + p.describeAllowed());
                }
                chosen.put(p.name(), p.type() == ParamSpec.Type.INTEGER ? String.valueOf((long) d) : String.valueOf(d));
            } else {
                chosen.put(p.name(), gd.getNextString());
            }
        }
        bound = MacroOptions.of(base, chosen, fieldValues);
        return true;
    }

    private static boolean numeric(ParamSpec p) {
        return (p.type() == ParamSpec.Type.NUMBER || p.type() == ParamSpec.Type.INTEGER) && !p.optional();
    }

    private static int digits(double d) {
        if (d == Math.rint(d)) {
            return Math.abs(d) < 1e6 ? 1 : 3;
        }
        double a = Math.abs(d);
        return a >= 1 ? 3 : Math.min(9, (int) Math.ceil(-Math.log10(a)) + 3);
    }

    private String helpHtml(Map<String, ParamSpec> shown) {
        StringBuilder sb = new StringBuilder("<html><b>").append(title).append("</b><br>Parameters (plugin.yml):<ul>");
        for (ParamSpec p : shown.values()) {
            sb.append("<li><b>").append(p.name()).append("</b>: ").append(p.description()).append(" <i>(")
                    .append(p.describeAllowed()).append("; default ").append(p.defaultText()).append(")</i></li>");
        }
        return sb.append("</ul></html>").toString();
    }

    /** The value of a command field (trimmed; the default when not given). */
    String fixed(String key) {
        return bound.field(key);
    }

    /** The configuration to run with, for these blocks. */
    PluginConfig config(String... forBlocks) {
        return bound.config(forBlocks);
    }

    /** Writes the warnings (former names) to the Log. */
    void logWarnings(String command) {
        for (String w : bound.warnings()) {
            IJ.log("PoroPhase " + command + " warning: " + w);
        }
    }
}
