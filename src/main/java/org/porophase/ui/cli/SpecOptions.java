package org.porophase.ui.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.config.CommandSpec;
import org.porophase.config.ParamSpec;
import org.porophase.config.PluginConfig;
import org.porophase.core.PoroPhaseException;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * CLI options generated from plugin.yml: one option per parameter of the command's blocks, named
 * by {@link ParamSpec#flag()} (and its former names), help text with the default, unit and allowed
 * values, value checked by the spec. A boolean gets {@code --x} and {@code --no-x}. A parameter name
 * shared by several blocks (e.g. {@code threshold_method} in {@code analyze} and
 * {@code analyze-volume}) is one option that sets it in each. {@code --set KEY=VALUE} sets any
 * parameter by its name ({@code name} or {@code block.name}).
 */
final class SpecOptions {

    /** A command whose options come from plugin.yml blocks (the first is its own). */
    interface Bound {
        /** plugin.yml command ids whose parameters become options, the command's own first. */
        List<String> specIds();

        /** Called once the options are attached. */
        void bind(SpecOptions options);
    }

    private final List<String> ids;
    private final Map<String, OptionSpec> positive = new LinkedHashMap<>();
    private final Map<String, OptionSpec> negative = new LinkedHashMap<>();
    private final Map<String, String> flagNames = new LinkedHashMap<>();
    private final OptionSpec set;
    private picocli.CommandLine.Model.CommandSpec cmd;

    private SpecOptions(picocli.CommandLine.Model.CommandSpec cmd, List<String> ids) {
        this.cmd = cmd;
        this.ids = ids;
        PluginConfig cfg = PluginConfig.defaults();
        for (String id : ids) {
            CommandSpec c = cfg.command(id);
            for (ParamSpec p : c.params().values()) {
                if (positive.containsKey(p.name())) {
                    continue;
                }
                String block = id.equals(ids.get(0)) ? "" : "[" + id + "] ";
                List<String> names = new ArrayList<>();
                names.add(p.flag());
                List<String> negNames = new ArrayList<>();
                for (String a : p.aliases()) {
                    if (a.startsWith("--")) {
                        names.add(a);
                    }
                }
                if (names.stream().anyMatch(n -> cmd.optionsMap().containsKey(n))) {
                    continue; // the command declares this flag itself
                }
                String allowed = p.describeAllowed();
                if (p.type() == ParamSpec.Type.BOOLEAN) {
                    for (String n : names) {
                        negNames.add("--no-" + n.substring(2));
                    }
                    positive.put(p.name(), cmd.addOption(OptionSpec.builder(names.toArray(new String[0])).arity("0").type(boolean.class)
                            .description(esc(block + p.description()) + " Default: " + (p.isNull() ? "off" : (p.asBoolean() ? "on" : "off")) + ".")
                            .build()).findOption(names.get(0)));
                    negative.put(p.name(), cmd.addOption(OptionSpec.builder(negNames.toArray(new String[0])).arity("0").type(boolean.class)
                            .description("Turn " + names.get(0) + " off.").build()).findOption(negNames.get(0)));
                } else {
                    String label = label(p);
                    String choices = p.choices().isEmpty() ? "" : " One of: " + String.join(", ", p.choices()) + ".";
                    positive.put(p.name(), cmd.addOption(OptionSpec.builder(names.toArray(new String[0])).arity("1").type(String.class)
                            .paramLabel(label).description(esc(block + p.description() + choices + " Default: " + p.defaultText()
                                    + (p.choices().isEmpty() && p.type() != ParamSpec.Type.STRING ? "; " + allowed : "") + "."))
                            .build()).findOption(names.get(0)));
                }
                flagNames.put(p.name(), names.get(0));
            }
        }
        if (cmd.optionsMap().containsKey("--set")) {
            set = cmd.findOption("--set");
        } else {
            set = OptionSpec.builder("--set", "--param").arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel("KEY=VALUE")
                    .description("Set any parameter of plugin.yml by its name (repeatable), e.g. --set " + firstName(cfg) + "=…")
                    .build();
            cmd.addOption(set);
        }
    }

    private String firstName(PluginConfig cfg) {
        return cfg.command(ids.get(0)).params().keySet().stream().findFirst().orElse("name");
    }

    /** The value's placeholder in the help: the choices when few, else the unit's first word or the type. */
    private static String label(ParamSpec p) {
        if (!p.choices().isEmpty()) {
            return p.choices().size() <= 4 ? String.join("|", p.choices()) : "NAME";
        }
        if (p.type() == ParamSpec.Type.LIST) {
            return "X,Y,Z";
        }
        if (!p.unit().isEmpty()) {
            String u = p.unit().split("[ (]")[0].replace("µ", "u").replace("²", "2").replace("^", "").replace("/", "_");
            return u.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "");
        }
        return p.type() == ParamSpec.Type.INTEGER ? "N" : p.type() == ParamSpec.Type.NUMBER ? "X" : "TEXT";
    }

    /** picocli formats descriptions with String.format: a literal % must be doubled. */
    private static String esc(String s) {
        return s.replace("%", "%%");
    }

    /** Adds the generated options of {@code b.specIds()} to the command. */
    static void attach(picocli.CommandLine.Model.CommandSpec cmd, Bound b) {
        b.bind(new SpecOptions(cmd, b.specIds()));
    }

    /** The flag of a parameter, for messages (e.g. {@code --pixel-size}). */
    String flag(String name) {
        return flagNames.getOrDefault(name, name);
    }

    /**
     * The values the user gave for the parameters of block {@code id}: name → string or boolean,
     * from the generated flags and from {@code --set}.
     */
    Map<String, Object> given(String id) {
        ParseResult pr = cmd.commandLine().getParseResult();
        CommandSpec c = PluginConfig.defaults().command(id);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : c.params().keySet()) {
            OptionSpec pos = positive.get(name);
            if (pos != null && pr.hasMatchedOption(pos)) {
                m.put(name, pos.type() == boolean.class ? (Object) Boolean.TRUE : (Object) pos.getValue());
            }
            OptionSpec neg = negative.get(name);
            if (neg != null && pr.hasMatchedOption(neg)) {
                if (Boolean.TRUE.equals(m.get(name))) {
                    throw new PoroPhaseException("both " + flag(name) + " and --no-" + flag(name).substring(2) + " given: choose one");
                }
                m.put(name, Boolean.FALSE);
            }
        }
        if (pr.hasMatchedOption(set)) {
            List<String> kvs = pr.matchedOption(set.longestName()).getValue();
            for (String kv : kvs) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new PoroPhaseException("--set " + kv + ": write KEY=VALUE, e.g. --set contact_angle_deg=90");
                }
                String key = kv.substring(0, eq).trim();
                String value = kv.substring(eq + 1).trim();
                String block = null;
                if (key.contains(".")) {
                    block = key.substring(0, key.indexOf('.'));
                    key = key.substring(key.indexOf('.') + 1);
                    if (!ids.contains(block)) {
                        throw new PoroPhaseException("--set " + kv + ": '" + block + "' is not a block of this command; blocks: " + ids);
                    }
                }
                if (block == null || block.equals(id)) {
                    String canonical = c.canonicalName(key);
                    if (canonical != null) {
                        m.put(key, value);
                    } else if (block != null || !knownSomewhere(key)) {
                        throw new PoroPhaseException("--set " + kv + ": '" + key + "' is not a parameter of "
                                + (block != null ? block : String.join(" / ", ids)) + " (see --help or plugin.yml)");
                    }
                }
            }
        }
        return m;
    }

    private boolean warned;

    /** A former flag (an alias in plugin.yml) still works; say once which flag replaces it. */
    private void warnFormerFlags() {
        if (warned) {
            return;
        }
        warned = true;
        PluginConfig cfg = PluginConfig.defaults();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String a : cmd.commandLine().getParseResult().originalArgs()) {
            used.add(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
        }
        for (String id : ids) {
            for (ParamSpec p : cfg.command(id).params().values()) {
                for (String alias : p.aliases()) {
                    if (!alias.startsWith("--")) {
                        continue;
                    }
                    String neg = "--no-" + alias.substring(2);
                    if (used.remove(alias)) {
                        cmd.commandLine().getErr().println("warning: " + alias + " is now " + p.flag() + " (" + p.name()
                                + "); the old flag is accepted in this release");
                    } else if (p.type() == ParamSpec.Type.BOOLEAN && used.remove(neg)) {
                        cmd.commandLine().getErr().println("warning: " + neg + " is now --no-" + p.flag().substring(2) + " (" + p.name()
                                + "); the old flag is accepted in this release");
                    }
                }
            }
        }
    }

    private boolean knownSomewhere(String key) {
        for (String id : ids) {
            if (PluginConfig.defaults().command(id).canonicalName(key) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The configuration to run with: plugin.yml (bundled, or {@code configFile} over it), with the
     * user's values for every block of this command applied. A value that a block does not accept
     * (e.g. {@code --denoise auto} for the volume block) fails only when that block is bound, so pass
     * only the blocks the input needs.
     */
    PluginConfig config(Path configFile, String... blocks) {
        warnFormerFlags();
        PluginConfig cfg = PluginConfig.load(configFile);
        for (String b : blocks) {
            cfg = cfg.with(b, given(b), n -> n.isEmpty() ? "option" : flag(n) + " (" + n + ")");
        }
        return cfg;
    }
}
