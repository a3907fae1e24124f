package org.porophase.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.porophase.core.PoroPhaseException;

/** One parameter: its default value, unit, description, source and (optionally) allowed choices. */
public final class ParamSpec {
    private final String command;
    private final String name;
    private final Object value;
    private final String unit;
    private final String description;
    private final String source;
    private final List<String> choices;

    ParamSpec(String command, String name, Object value, String unit, String description, String source, List<String> choices) {
        this.command = command;
        this.name = name;
        this.value = value;
        this.unit = unit;
        this.description = description;
        this.source = source;
        this.choices = Collections.unmodifiableList(choices);
    }

    @SuppressWarnings("unchecked")
    static ParamSpec parse(String command, String name, Object raw, ParamSpec base, String origin) {
        if (raw instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) raw;
            Object value = m.containsKey("default") ? m.get("default") : (base == null ? null : base.value);
            List<String> choices = new ArrayList<>();
            Object ch = m.get("choices");
            if (ch instanceof List) {
                for (Object o : (List<Object>) ch) {
                    choices.add(String.valueOf(o));
                }
            } else if (base != null) {
                choices.addAll(base.choices);
            }
            ParamSpec p = new ParamSpec(command, name, value,
                    PluginConfig.str(m.get("unit"), base == null ? "" : base.unit),
                    PluginConfig.str(m.get("description"), base == null ? "" : base.description),
                    PluginConfig.str(m.get("source"), base == null ? "" : base.source), choices);
            p.checkChoice(origin);
            return p;
        }
        // shorthand "name: value" overrides only the default
        ParamSpec p = base == null
                ? new ParamSpec(command, name, raw, "", "", "", new ArrayList<>())
                : new ParamSpec(command, name, raw, base.unit, base.description, base.source, new ArrayList<>(base.choices));
        p.checkChoice(origin);
        return p;
    }

    private void checkChoice(String origin) {
        if (!choices.isEmpty() && value != null && !choices.contains(String.valueOf(value))) {
            throw new PoroPhaseException("config " + origin + ": " + command + "." + name + " = '" + value
                    + "' is not one of " + choices);
        }
    }

    public String name() {
        return name;
    }

    /** The raw default (String, Number, Boolean or null). */
    public Object value() {
        return value;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public String source() {
        return source;
    }

    public List<String> choices() {
        return choices;
    }

    public boolean isNull() {
        return value == null;
    }

    public double asDouble() {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new PoroPhaseException(command + "." + name + " must be a number, got '" + value + "'");
        }
    }

    public int asInt() {
        double d = asDouble();
        if (d != Math.rint(d)) {
            throw new PoroPhaseException(command + "." + name + " must be an integer, got '" + value + "'");
        }
        return (int) d;
    }

    public boolean asBoolean() {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String s = String.valueOf(value).trim().toLowerCase();
        if (s.equals("true") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("no")) {
            return false;
        }
        throw new PoroPhaseException(command + "." + name + " must be true or false, got '" + value + "'");
    }

    public String asString() {
        return value == null ? null : String.valueOf(value);
    }
}
