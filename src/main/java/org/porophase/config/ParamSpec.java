package org.porophase.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.porophase.core.PoroPhaseException;

/**
 * One parameter of a command, declared once in {@code plugin.yml}: name, type, default value,
 * unit, allowed range or choices, description, source, CLI flag and former names.
 * <p>
 * Everything a front end needs is derived from here: the CLI option ({@link #flag()}, help text
 * with default and unit), the ImageJ dialog field and its macro key (the {@link #name()}), the
 * SciJava option key (the name again), and the value check with its message ({@link #convert},
 * {@link #check}). Former names ({@link #aliases()}) are accepted in config files, macro options
 * and as CLI flags, with a warning, for one release.
 */
public final class ParamSpec {

    /** Value types. {@code LIST} is a comma-separated list of numbers (e.g. a voxel size x,y,z). */
    public enum Type { NUMBER, INTEGER, BOOLEAN, STRING, LIST }

    /** Unit suffixes dropped from a name to form its default CLI flag ({@code time_s → --time}). */
    private static final List<String> UNIT_SUFFIXES = List.of("_mA_cm2", "_S_cm", "_um2", "_um", "_px", "_s", "_deg", "_K", "_voxels");
    private static final Set<String> KEYS = Set.of("default", "type", "unit", "description", "source", "choices", "min", "max",
            "above", "below", "flag", "aliases", "optional");

    private final String command;
    private final String name;
    private final Type type;
    private final Object value;
    private final String unit;
    private final String description;
    private final String source;
    private final List<String> choices;
    private final Double min;
    private final Double max;
    private final boolean minExclusive;
    private final boolean maxExclusive;
    private final String flag;
    private final List<String> aliases;
    private final boolean optional;

    private ParamSpec(String command, String name, Type type, Object value, String unit, String description, String source,
            List<String> choices, Double min, boolean minExclusive, Double max, boolean maxExclusive, String flag,
            List<String> aliases, boolean optional) {
        this.command = command;
        this.name = name;
        this.type = type;
        this.value = value;
        this.unit = unit;
        this.description = description;
        this.source = source;
        this.choices = Collections.unmodifiableList(choices);
        this.min = min;
        this.minExclusive = minExclusive;
        this.max = max;
        this.maxExclusive = maxExclusive;
        this.flag = flag;
        this.aliases = Collections.unmodifiableList(aliases);
        this.optional = optional;
    }

    /**
     * Parses a parameter entry: the full form (a mapping with {@code default}, {@code type}, …) in
     * the bundled descriptor; in a user's copy ({@code base} non-null) either the full form or the
     * shorthand {@code name: value}, which overrides only the default. A user's copy may change the
     * default and the texts, never the type, range or choices.
     */
    @SuppressWarnings("unchecked")
    static ParamSpec parse(String command, String name, Object raw, ParamSpec base, String origin) {
        String where = "config " + origin + ": " + command + "." + name;
        if (base != null) {
            Object v = raw;
            String unit = base.unit;
            String description = base.description;
            String source = base.source;
            if (raw instanceof Map) {
                Map<String, Object> m = (Map<String, Object>) raw;
                for (String k : m.keySet()) {
                    if (!Set.of("default", "unit", "description", "source").contains(k)) {
                        throw new PoroPhaseException(where + ": '" + k + "' cannot be changed in a copy of plugin.yml"
                                + " (only default, description and source); remove it");
                    }
                }
                v = m.containsKey("default") ? m.get("default") : base.value;
                description = PluginConfig.str(m.get("description"), description);
                source = PluginConfig.str(m.get("source"), source);
            }
            ParamSpec p = base.withDefault(v == null ? null : base.convert(v, where));
            return new ParamSpec(command, name, p.type, p.value, unit, description, source, p.choices, p.min, p.minExclusive,
                    p.max, p.maxExclusive, p.flag, p.aliases, p.optional);
        }
        if (!(raw instanceof Map)) {
            throw new PoroPhaseException(where + ": the bundled descriptor must declare each parameter as a mapping");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new PoroPhaseException(where + ": unknown field '" + k + "'; known: " + KEYS);
            }
        }
        Object value = m.get("default");
        List<String> choices = new ArrayList<>();
        if (m.get("choices") instanceof List) {
            for (Object o : (List<Object>) m.get("choices")) {
                choices.add(String.valueOf(o));
            }
        }
        Type type;
        if (m.get("type") != null) {
            try {
                type = Type.valueOf(String.valueOf(m.get("type")).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PoroPhaseException(where + ": unknown type '" + m.get("type") + "'; use number, integer, boolean, string or list");
            }
        } else if (value instanceof Boolean) {
            type = Type.BOOLEAN;
        } else if (value instanceof Integer || value instanceof Long) {
            type = Type.INTEGER;
        } else if (value instanceof Number) {
            type = Type.NUMBER;
        } else if (value instanceof String || !choices.isEmpty()) {
            type = Type.STRING;
        } else {
            throw new PoroPhaseException(where + ": default is empty, so the descriptor must give its type");
        }
        Double min = null;
        Double max = null;
        boolean minEx = false;
        boolean maxEx = false;
        if (m.get("min") != null) {
            min = number(m.get("min"), where + ".min");
        }
        if (m.get("above") != null) {
            min = number(m.get("above"), where + ".above");
            minEx = true;
        }
        if (m.get("max") != null) {
            max = number(m.get("max"), where + ".max");
        }
        if (m.get("below") != null) {
            max = number(m.get("below"), where + ".below");
            maxEx = true;
        }
        List<String> aliases = new ArrayList<>();
        if (m.get("aliases") instanceof List) {
            for (Object o : (List<Object>) m.get("aliases")) {
                aliases.add(String.valueOf(o));
            }
        }
        String flag = m.get("flag") != null ? String.valueOf(m.get("flag")) : defaultFlag(name);
        boolean optional = value == null || Boolean.TRUE.equals(m.get("optional"));
        ParamSpec p = new ParamSpec(command, name, type, null, PluginConfig.str(m.get("unit"), ""),
                PluginConfig.str(m.get("description"), ""), PluginConfig.str(m.get("source"), ""), choices, min, minEx, max,
                maxEx, flag, aliases, optional);
        return p.withDefault(value == null ? null : p.convert(value, where));
    }

    private ParamSpec withDefault(Object v) {
        return new ParamSpec(command, name, type, v, unit, description, source, choices, min, minExclusive, max, maxExclusive,
                flag, aliases, optional);
    }

    private static double number(Object o, String where) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new PoroPhaseException(where + " must be a number, got '" + o + "'");
        }
    }

    /** The CLI flag a name gets when the descriptor names none: the name without its unit suffix, '_' → '-'. */
    static String defaultFlag(String name) {
        String n = name;
        for (String s : UNIT_SUFFIXES) {
            if (n.endsWith(s) && n.length() > s.length()) {
                n = n.substring(0, n.length() - s.length());
                break;
            }
        }
        return "--" + n.replace('_', '-');
    }

    /**
     * Converts a value given by a user (a string from the CLI or a macro, or a YAML scalar) to this
     * parameter's type and checks it; {@code null} or an empty string means "not set" and is
     * allowed only for optional parameters.
     *
     * @param where names the value in the message (e.g. {@code "--pixel-size"} or {@code "macro option pixel_size_um"})
     * @return Double, Integer, Boolean, String, double[] (LIST) or null
     */
    public Object convert(Object raw, String where) {
        if (raw == null || (raw instanceof String && ((String) raw).isBlank())) {
            if (!optional) {
                throw new PoroPhaseException(where + " needs a value: " + describeAllowed());
            }
            return null;
        }
        String s = String.valueOf(raw).trim();
        Object v;
        switch (type) {
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    v = raw;
                } else if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1")) {
                    v = Boolean.TRUE;
                } else if (s.equalsIgnoreCase("false") || s.equalsIgnoreCase("no") || s.equals("0")) {
                    v = Boolean.FALSE;
                } else {
                    throw new PoroPhaseException(where + " = '" + s + "': must be true or false");
                }
                break;
            case NUMBER:
            case INTEGER: {
                double d;
                if (raw instanceof Number) {
                    d = ((Number) raw).doubleValue();
                } else {
                    try {
                        d = Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new PoroPhaseException(where + " = '" + s + "': must be a number" + unitText() + "; " + describeAllowed());
                    }
                }
                if (type == Type.INTEGER) {
                    if (d == Math.rint(d) && Math.abs(d) > Integer.MAX_VALUE) {
                        throw new PoroPhaseException(where + " = " + s + unitText() + " is out of range: " + describeAllowed());
                    }
                    if (d != Math.rint(d)) {
                        throw new PoroPhaseException(where + " = '" + s + "': must be a whole number; " + describeAllowed());
                    }
                    v = (int) d;
                } else {
                    v = d;
                }
                checkRange(d, s, where);
                break;
            }
            case LIST: {
                String[] parts = s.split("[,x×\\s]+");
                double[] a = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        a[i] = Double.parseDouble(parts[i]);
                    } catch (NumberFormatException e) {
                        throw new PoroPhaseException(where + " = '" + s + "': must be numbers separated by commas" + unitText());
                    }
                    checkRange(a[i], s, where);
                }
                v = s;
                break;
            }
            default:
                if (!choices.isEmpty()) {
                    String match = null;
                    for (String c : choices) {
                        if (c.equalsIgnoreCase(s)) {
                            match = c;
                        }
                    }
                    if (match == null) {
                        throw new PoroPhaseException(where + " = '" + s + "' is not one of " + String.join(", ", choices));
                    }
                    v = match;
                } else {
                    v = s;
                }
        }
        return v;
    }

    private void checkRange(double d, String s, String where) {
        boolean ok = Double.isFinite(d)
                && (min == null || (minExclusive ? d > min : d >= min))
                && (max == null || (maxExclusive ? d < max : d <= max));
        if (!ok) {
            throw new PoroPhaseException(where + " = " + s + unitText() + " is out of range: " + describeAllowed());
        }
    }

    private String unitText() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    /** The allowed values in words, e.g. "a number > 0 µm" or "one of dark, bright". */
    public String describeAllowed() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        switch (type) {
            case BOOLEAN: return "true or false";
            case STRING: return "text";
            default:
        }
        StringBuilder sb = new StringBuilder(type == Type.INTEGER ? "a whole number" : type == Type.LIST ? "numbers" : "a number");
        if (min != null && max != null) {
            sb.append(minExclusive ? " > " : " ≥ ").append(fmt(min)).append(" and").append(maxExclusive ? " < " : " ≤ ").append(fmt(max));
        } else if (min != null) {
            sb.append(minExclusive ? " > " : " ≥ ").append(fmt(min));
        } else if (max != null) {
            sb.append(maxExclusive ? " < " : " ≤ ").append(fmt(max));
        }
        sb.append(min == null && max == null && !unit.isEmpty() ? " (" + unit + ")" : unitText());
        if (optional) {
            sb.append(", or empty");
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    public String command() {
        return command;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The default (Double, Integer, Boolean, String or null). */
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

    /** The CLI flag, e.g. {@code --pixel-size} for {@code pixel_size_um}. */
    public String flag() {
        return flag;
    }

    /** Former names: config keys / macro keys ({@code pores}) or CLI flags ({@code --pores}). */
    public List<String> aliases() {
        return aliases;
    }

    /** True when the parameter may be left empty (its default is empty or it is declared optional). */
    public boolean optional() {
        return optional;
    }

    public boolean isNull() {
        return value == null;
    }

    /** The default, for help texts and dialogs: "5 µm", "Otsu", "empty". */
    public String defaultText() {
        return value == null ? "empty" : value + unitText();
    }

    public double asDouble() {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        throw new PoroPhaseException(command + "." + name + " is " + (value == null ? "empty" : "'" + value + "'") + ", not a number");
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
        throw new PoroPhaseException(command + "." + name + " must be true or false, got '" + value + "'");
    }

    public String asString() {
        return value == null ? null : String.valueOf(value);
    }

    /** The same parameter with another (checked) default; used to apply a front end's values. */
    ParamSpec withValue(Object raw, String where) {
        return withDefault(convert(raw, where));
    }
}
