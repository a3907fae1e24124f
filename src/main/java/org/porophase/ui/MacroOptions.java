package org.porophase.ui;

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

/**
 * Options in ImageJ macro syntax ({@code key=value key=[value with spaces] checkbox}), bound to
 * plugin.yml the same way for the ImageJ commands (their macro options) and the SciJava commands
 * (their {@code options} input): every key must be one of the command's fields, a parameter of its
 * blocks or a former name of one (mapped, with a warning); values are checked by the
 * {@link ParamSpec}; a boolean is on when its key is named ({@code watershed} or
 * {@code watershed=true}), off with {@code key=false}, and keeps its default when not named.
 */
public final class MacroOptions {
    /** A field of the command itself (input, output folder, …) with its former keys. */
    public record Field(String key, String def, List<String> aliases) {
    }

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final PluginConfig base;

    private MacroOptions(PluginConfig base) {
        this.base = base;
    }

    /**
     * Binds macro-syntax options.
     *
     * @param options the text (null = none)
     * @param blocks plugin.yml blocks whose parameters are accepted (a shared name sets each)
     * @param fields the command's own fields
     * @param ignored former keys that are accepted and ignored
     * @param command the command's name for messages
     */
    public static MacroOptions bind(String options, List<String> blocks, List<Field> fields, List<String> ignored, String command) {
        Map<String, String> given = options == null ? new LinkedHashMap<>() : parse(options);
        String config = given.remove("config");
        MacroOptions m = new MacroOptions(PluginConfig.load(config == null || config.isBlank() ? null : Path.of(config.trim())));
        m.bindAll(given, blocks, fields, ignored, command);
        return m;
    }

    /** Values chosen in a dialog (name → value), over a configuration. */
    public static MacroOptions of(PluginConfig base, Map<String, ?> values, Map<String, String> fields) {
        MacroOptions m = new MacroOptions(base);
        m.values.putAll(values);
        m.fields.putAll(fields);
        return m;
    }

    private void bindAll(Map<String, String> given, List<String> blocks, List<Field> fieldList, List<String> ignored, String command) {
        Map<String, ParamSpec> params = params(base, blocks);
        for (Field f : fieldList) {
            String v = null;
            List<String> keys = new ArrayList<>();
            keys.add(f.key());
            keys.addAll(f.aliases());
            for (String k : keys) {
                if (given.containsKey(k)) {
                    v = given.remove(k);
                    if (!k.equals(f.key())) {
                        warnings.add("option " + k + " is now called " + f.key() + " (the old name is accepted in this release)");
                    }
                }
            }
            fields.put(f.key(), v == null ? f.def() : v.trim());
        }
        for (String k : ignored) {
            given.remove(k);
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String name = null;
            boolean invert = false;
            for (ParamSpec p : params.values()) {
                // ImageJ lower-cases macro keys (current_density_mA_cm2 is recorded as current_density_ma_cm2)
                if (p.name().equalsIgnoreCase(key) || containsIgnoreCase(p.aliases(), key)) {
                    name = p.name();
                } else if (containsIgnoreCase(p.aliases(), "!" + key)) {
                    name = p.name();
                    invert = true;
                }
            }
            if (name == null) {
                unknown.add(key);
                continue;
            }
            ParamSpec p = params.get(name);
            if (!name.equalsIgnoreCase(key)) {
                warnings.add("option " + key + " is now called " + (invert ? name + "=false" : name)
                        + " (the old name is accepted in this release)");
            }
            if (p.type() == ParamSpec.Type.BOOLEAN) {
                boolean b = value == null || (Boolean) p.convert(value, "option " + key);
                values.put(name, invert != b);
            } else {
                if (value == null) {
                    throw new PoroPhaseException("option " + key + " needs a value (" + key + "=…): " + p.describeAllowed());
                }
                values.put(name, value);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>();
            for (Field f : fieldList) {
                known.add(f.key());
            }
            known.add("config");
            known.addAll(params.keySet());
            throw new PoroPhaseException("option" + (unknown.size() == 1 ? " '" + unknown.get(0) + "' is" : "s " + unknown + " are")
                    + " not known to " + command + "; known: " + String.join(", ", known));
        }
    }

    private static boolean containsIgnoreCase(List<String> l, String key) {
        for (String s : l) {
            if (s.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    /** The parameters of {@code blocks}, each name once (the first block's spec wins). */
    public static Map<String, ParamSpec> params(PluginConfig cfg, List<String> blocks) {
        Map<String, ParamSpec> params = new LinkedHashMap<>();
        for (String b : blocks) {
            for (ParamSpec p : cfg.command(b).params().values()) {
                params.putIfAbsent(p.name(), p);
            }
        }
        return params;
    }

    /**
     * Splits macro options into key → value: {@code key=value}, {@code key=[value with spaces]} and
     * bare words (value null, i.e. a ticked checkbox). Keys are lower-cased as ImageJ does.
     */
    public static Map<String, String> parse(String options) {
        Map<String, String> m = new LinkedHashMap<>();
        String s = options.trim();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int k = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
                i++;
            }
            String key = s.substring(k, i).toLowerCase(Locale.ROOT);
            String value = null;
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                if (i < s.length() && s.charAt(i) == '[') {
                    int end = s.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new PoroPhaseException("option " + key + "=[… has no closing ]");
                    }
                    value = s.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int v = i;
                    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    value = s.substring(v, i);
                }
            }
            if (!key.isEmpty()) {
                m.put(key, value);
            }
        }
        return m;
    }

    /** A command field's value (trimmed; its default when not given). */
    public String field(String key) {
        return fields.getOrDefault(key, "");
    }

    /** The configuration to run with: plugin.yml (or the {@code config} file) and the values given, for these blocks. */
    public PluginConfig config(String... blocks) {
        PluginConfig cfg = base;
        for (String b : blocks) {
            CommandSpec c = cfg.command(b);
            Map<String, Object> mine = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (c.params().containsKey(e.getKey())) {
                    mine.put(e.getKey(), e.getValue());
                }
            }
            cfg = cfg.with(b, mine, "option");
        }
        return cfg;
    }

    /** Warnings about former names (of options and of the config file's keys). */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(base.warnings());
        return all;
    }
}
