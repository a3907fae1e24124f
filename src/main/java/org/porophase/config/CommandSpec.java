package org.porophase.config;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    @SuppressWarnings("unchecked")
    static CommandSpec parse(String id, Map<String, Object> m, CommandSpec base, String origin) {
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
                params.put(e.getKey(), ParamSpec.parse(id, e.getKey(), e.getValue(), params.get(e.getKey()), origin));
            }
        }
        return new CommandSpec(id, title, menu, description, params);
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
