package org.porophase.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The plugin descriptor and defaults, read from {@code plugin.yml}.
 * <p>
 * The bundled copy (at the jar root) describes every command: its menu path, description and
 * default parameters with units and sources. Fiji commands and the CLI take their defaults from
 * here. A user may pass an edited copy ({@code --config FILE}); values it sets override the bundled
 * ones, parameters it leaves out keep their bundled defaults.
 */
public final class PluginConfig {

    private static volatile PluginConfig bundled;

    private final String name;
    private final String version;
    private final String description;
    private final Map<String, CommandSpec> commands;
    private final List<String> warnings;

    private PluginConfig(String name, String version, String description, Map<String, CommandSpec> commands, List<String> warnings) {
        this.name = name;
        this.version = version;
        this.description = description;
        this.commands = Collections.unmodifiableMap(commands);
        this.warnings = Collections.unmodifiableList(warnings);
    }

    /** The bundled descriptor ({@code /plugin.yml} on the class path). */
    public static PluginConfig defaults() {
        PluginConfig c = bundled;
        if (c == null) {
            synchronized (PluginConfig.class) {
                if (bundled == null) {
                    try (InputStream in = PluginConfig.class.getResourceAsStream("/plugin.yml")) {
                        if (in == null) {
                            throw new PoroPhaseException("plugin.yml is missing from the class path: the jar is incomplete, rebuild it with 'mvn -B package'");
                        }
                        bundled = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled plugin.yml", null);
                    } catch (IOException e) {
                        throw new PoroPhaseException("cannot read the bundled plugin.yml: " + e.getMessage(), e);
                    }
                }
                c = bundled;
            }
        }
        return c;
    }

    /**
     * Loads a user's edited copy of plugin.yml, layered over the bundled defaults.
     *
     * @param file the YAML file; {@code null} returns the bundled defaults
     */
    public static PluginConfig load(Path file) {
        if (file == null) {
            return defaults();
        }
        if (Files.isDirectory(file)) {
            throw new PoroPhaseException("config " + file + " is a folder: pass an edited copy of plugin.yml (a YAML file)");
        }
        if (!Files.isRegularFile(file)) {
            throw new PoroPhaseException("config file not found: " + file + " (pass an edited copy of plugin.yml)");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return parse(sb.toString(), file.toString(), defaults());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PoroPhaseException("config " + file + " is not a text file (not UTF-8): pass an edited copy of plugin.yml", e);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static PluginConfig parse(String text, String origin, PluginConfig base) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new PoroPhaseException("config " + origin + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new PoroPhaseException("config " + origin + " must be a YAML mapping with 'name', 'version' and 'commands'");
        }
        Map<String, Object> m = (Map<String, Object>) root;
        for (String k : m.keySet()) {
            if (!List.of("name", "version", "description", "commands").contains(k)) {
                throw new PoroPhaseException("config " + origin + ": unknown top-level key '" + k
                        + "'; a copy of plugin.yml has name, version, description and commands");
            }
        }
        List<String> warnings = new ArrayList<>();
        String name = str(m.get("name"), base == null ? "PoroPhase" : base.name);
        String version = str(m.get("version"), base == null ? "unknown" : base.version);
        String description = str(m.get("description"), base == null ? "" : base.description);
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        if (base != null) {
            commands.putAll(base.commands);
        }
        Object cmds = m.get("commands");
        if (cmds != null) {
            if (!(cmds instanceof Map)) {
                throw new PoroPhaseException("config " + origin + ": 'commands' must be a mapping of command id to its description");
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) cmds).entrySet()) {
                if (!(e.getValue() instanceof Map)) {
                    throw new PoroPhaseException("config " + origin + ": command '" + e.getKey() + "' must be a mapping");
                }
                CommandSpec prev = commands.get(e.getKey());
                if (base != null && prev == null) {
                    throw new PoroPhaseException("config " + origin + ": unknown command '" + e.getKey() + "'; known: "
                            + String.join(", ", base.commands.keySet()));
                }
                commands.put(e.getKey(), CommandSpec.parse(e.getKey(), (Map<String, Object>) e.getValue(), prev, origin, warnings));
            }
        }
        return new PluginConfig(name, version, description, commands, warnings);
    }

    /**
     * This configuration with some parameters of one command set by a front end (CLI flags, macro
     * options, SciJava options). Keys are parameter names (or former names), values strings,
     * numbers, booleans or null; each is checked against its {@link ParamSpec}. An unknown key is
     * an error that names it and lists the known ones.
     */
    public PluginConfig with(String commandId, Map<String, ?> values, String origin) {
        return with(commandId, values, n -> origin + " " + n);
    }

    /** As {@link #with(String, Map, String)}, each value named in messages by {@code describe} (e.g. its CLI flag). */
    public PluginConfig with(String commandId, Map<String, ?> values, java.util.function.Function<String, String> describe) {
        if (values.isEmpty()) {
            return this;
        }
        Map<String, CommandSpec> next = new LinkedHashMap<>(commands);
        List<String> w = new ArrayList<>(warnings);
        next.put(commandId, command(commandId).with(values, describe, w));
        return new PluginConfig(name, version, description, next, w);
    }

    /** Warnings collected while reading and binding (former parameter names, …). */
    public List<String> warnings() {
        return warnings;
    }

    static String str(Object o, String fallback) {
        return o == null ? fallback : String.valueOf(o);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    /** All commands in descriptor order. */
    public List<CommandSpec> commands() {
        return new ArrayList<>(commands.values());
    }

    /** The command with this id; a clear error names the known ones. */
    public CommandSpec command(String id) {
        CommandSpec c = commands.get(id);
        if (c == null) {
            throw new PoroPhaseException("unknown command '" + id + "' in plugin.yml; known: " + commands.keySet());
        }
        return c;
    }

    /** Shorthand for {@code command(cmd).param(p).asDouble()}. */
    public double getDouble(String cmd, String param) {
        return command(cmd).param(param).asDouble();
    }

    public int getInt(String cmd, String param) {
        return command(cmd).param(param).asInt();
    }

    public boolean getBoolean(String cmd, String param) {
        return command(cmd).param(param).asBoolean();
    }

    public String getString(String cmd, String param) {
        return command(cmd).param(param).asString();
    }
}
