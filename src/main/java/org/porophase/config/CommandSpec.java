package org.porophase.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.core.PoroPhaseException;

/** One command of the plugin descriptor: id, menu path, description and its parameters. */
public final class CommandSpec {
    private final String id;
    private final String title;
    private final String menu;
    private final String description;
    private final Map<String, ParamSpec> params;

    CommandSpec(String id, String title, String menu, String description, Map<String, ParamSpec> params) {
        this.id = id;
        this.title = title;
        this.menu = menu;
        this.description = description;
        this.params = Collections.unmodifiableMap(params);
    }

    /**
     * Parses a command entry. In a user's copy ({@code base} non-null) every parameter must be one
     * the bundled descriptor declares (or one of its former names, which is mapped with a warning);
     * anything else is an error that names it and lists the known ones.
     */
    @SuppressWarnings("unchecked")
    static CommandSpec parse(String id, Map<String, Object> m, CommandSpec base, String origin, List<String> warnings) {
        for (String k : m.keySet()) {
            if (!List.of("title", "menu", "description", "parameters").contains(k)) {
                throw new PoroPhaseException("config " + origin + ": command '" + id + "' has an unknown field '" + k
                        + "'; known: title, menu, description, parameters");
            }
        }
        String title = PluginConfig.str(m.get("title"), base == null ? id : base.title);
        String menu = PluginConfig.str(m.get("menu"), base == null ? "" : base.menu);
        String description = PluginConfig.str(m.get("description"), base == null ? "" : base.description);
        Map<String, ParamSpec> params = new LinkedHashMap<>();
        if (base != null) {
            params.putAll(base.params);
        }
        Object p = m.get("parameters");
        if (p != null) {
            if (!(p instanceof Map)) {
                throw new PoroPhaseException("config " + origin + ": 'parameters' of command '" + id + "' must be a mapping");
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) p).entrySet()) {
                String name = e.getKey();
                if (base != null) {
                    String canonical = base.canonicalName(name);
                    if (canonical == null) {
                        throw new PoroPhaseException("config " + origin + ": command '" + id + "' has no parameter '" + name
                                + "'; known: " + String.join(", ", base.params.keySet()));
                    }
                    if (!canonical.equals(name)) {
                        warnings.add("config " + origin + ": " + id + "." + name + " is now called " + canonical
                                + " (the old name is accepted in this release)");
                        name = canonical;
                    }
                }
                params.put(name, ParamSpec.parse(id, name, e.getValue(), base == null ? null : base.params.get(name), origin));
            }
        }
        return new CommandSpec(id, title, menu, description, params);
    }

    /** The parameter called {@code key} or formerly called so (an alias); null when there is none. */
    public String canonicalName(String key) {
        if (params.containsKey(key)) {
            return key;
        }
        for (ParamSpec s : params.values()) {
            if (s.aliases().contains(key)) {
                return s.name();
            }
        }
        return null;
    }

    /**
     * This command with some parameters set by a front end (CLI flags, macro options, SciJava
     * options): every key must be a parameter (or a former name), every value is converted and
     * range-checked by its {@link ParamSpec}. Former names add a line to {@code warnings}.
     *
     * @param values name → value (String, Number, Boolean or null for "empty")
     * @param origin how the values were given, for messages (e.g. "macro option")
     */
    public CommandSpec with(Map<String, ?> values, String origin, List<String> warnings) {
        return with(values, name -> origin + " " + name, warnings);
    }

    /**
     * As {@link #with(Map, String, List)}, with each value named in messages by {@code describe}
     * (e.g. the CLI flag that set it).
     */
    public CommandSpec with(Map<String, ?> values, java.util.function.Function<String, String> describe, List<String> warnings) {
        String origin = describe.apply("").trim();
        Map<String, ParamSpec> next = new LinkedHashMap<>(params);
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String name = canonicalName(e.getKey());
            if (name == null) {
                unknown.add(e.getKey());
                continue;
            }
            if (!name.equals(e.getKey()) && warnings != null) {
                warnings.add(origin + " " + e.getKey() + " is now called " + name + " (the old name is accepted in this release)");
            }
            next.put(name, params.get(name).withValue(e.getValue(), describe.apply(e.getKey()).trim()));
        }
        if (!unknown.isEmpty()) {
            throw new PoroPhaseException(origin + (unknown.size() == 1 ? " '" + unknown.get(0) + "' is" : "s " + unknown + " are")
                    + " not a parameter of " + id + "; known: " + String.join(", ", params.keySet()));
        }
        return new CommandSpec(id, title, menu, description, next);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Menu path, e.g. {@code Plugins>PoroPhase>Analyze SEM Cross-Section}. */
    public String menu() {
        return menu;
    }

    public String description() {
        return description;
    }

    public Map<String, ParamSpec> params() {
        return params;
    }

    public ParamSpec param(String name) {
        ParamSpec p = params.get(name);
        if (p == null) {
            throw new PoroPhaseException("command '" + id + "' has no parameter '" + name + "' in plugin.yml; known: " + params.keySet());
        }
        return p;
    }
}
