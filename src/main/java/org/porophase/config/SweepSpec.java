package org.porophase.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A parameter sweep: one command ({@code phasefield} or {@code compare}) run once for every combination
 * of the values of a grid, described in a small YAML file:
 *
 * <pre>
 * command: phasefield            # or compare
 * base:                          # plugin.yml parameters set for every run (name: value)
 *   ideal: true
 *   time_s: 100
 * grid:                          # every combination, the first key varying slowest
 *   pore_size_um: [1.5, 5]
 *   current_density_mA_cm2: [0.1, 0.2]
 * inputs: [masks/]               # optional: masks (phasefield) or images (compare): files, folders, globs;
 *                                # every input is run at every grid point
 * </pre>
 *
 * Names are plugin.yml parameter names (or former names) of the command's blocks ({@link #blocks}); a bare
 * name sets the parameter in every block that has it (as a CLI flag does), {@code block.name} in that block
 * only. Every name and value is checked against its {@link ParamSpec} when the file is read, so a typo is
 * refused before anything runs.
 */
public final class SweepSpec {

    /** The commands a sweep runs. */
    public static final List<String> COMMANDS = List.of("phasefield", "compare");

    private final String command;
    private final Map<String, Object> base;
    private final Map<String, List<Object>> grid;
    private final List<String> inputs;

    private SweepSpec(String command, Map<String, Object> base, Map<String, List<Object>> grid, List<String> inputs) {
        this.command = command;
        this.base = base;
        this.grid = grid;
        this.inputs = inputs;
    }

    /** The plugin.yml blocks whose parameters a run of {@code command} takes, its own first (as the CLI's options). */
    public static List<String> blocks(String command) {
        return "compare".equals(command) ? List.of("compare", "analyze", "analyze-volume", "phasefield") : List.of(command);
    }

    /** Reads and checks a sweep file against the bundled plugin.yml (and {@code cfg}'s values). */
    public static SweepSpec load(Path file, PluginConfig cfg) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new PoroPhaseException("sweep file not found: " + file + " (a YAML file with command, base and grid; see README, sweep)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read the sweep file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), cfg);
    }

    /** Parses a sweep description; {@code origin} names it in messages. */
    @SuppressWarnings("unchecked")
    public static SweepSpec parse(String text, String origin, PluginConfig cfg) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new PoroPhaseException("sweep " + origin + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new PoroPhaseException("sweep " + origin + " must be a YAML mapping with command, base and grid");
        }
        Map<String, Object> m = (Map<String, Object>) root;
        for (String k : m.keySet()) {
            if (!List.of("command", "base", "grid", "inputs").contains(k)) {
                throw new PoroPhaseException("sweep " + origin + ": unknown key '" + k + "'; a sweep has command, base, grid and inputs");
            }
        }
        String command = String.valueOf(m.get("command"));
        if (!COMMANDS.contains(command)) {
            throw new PoroPhaseException("sweep " + origin + ": command: " + m.get("command") + " is not one a sweep runs; give one of " + COMMANDS);
        }
        Map<String, Object> base = new LinkedHashMap<>();
        Object b = m.get("base");
        if (b != null) {
            if (!(b instanceof Map)) {
                throw new PoroPhaseException("sweep " + origin + ": base must be a mapping of parameter names to values");
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) b).entrySet()) {
                base.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        Object g = m.get("grid");
        if (!(g instanceof Map) || ((Map<?, ?>) g).isEmpty()) {
            throw new PoroPhaseException("sweep " + origin + ": grid must map at least one parameter to its list of values, e.g. grid: {pore_size_um: [1.5, 5]}");
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) g).entrySet()) {
            Object v = e.getValue();
            List<Object> values = v instanceof List ? new ArrayList<>((List<Object>) v) : new ArrayList<>(List.of(v));
            if (values.isEmpty()) {
                throw new PoroPhaseException("sweep " + origin + ": grid." + e.getKey() + " has no values");
            }
            grid.put(String.valueOf(e.getKey()), values);
        }
        List<String> inputs = new ArrayList<>();
        Object in = m.get("inputs");
        if (in instanceof List) {
            for (Object o : (List<Object>) in) {
                inputs.add(String.valueOf(o));
            }
        } else if (in != null) {
            inputs.add(String.valueOf(in));
        }
        if ("compare".equals(command) && inputs.isEmpty()) {
            throw new PoroPhaseException("sweep " + origin + ": a compare sweep needs inputs: the images (files, folders or globs) to compare");
        }
        SweepSpec s = new SweepSpec(command, base, grid, inputs);
        // every name and value checked now: the base, and each value of the grid on its own
        PluginConfig c = s.apply(cfg, base, "sweep " + origin + " base");
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            for (Object v : e.getValue()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put(e.getKey(), v);
                s.apply(c, one, "sweep " + origin + " grid");
            }
        }
        return s;
    }

    /**
     * {@code cfg} with {@code values} (name → value) set in the sweep command's blocks: a bare name in every
     * block that has it, {@code block.name} in that block; a name no block has is an error naming it.
     */
    public PluginConfig apply(PluginConfig cfg, Map<String, Object> values, String origin) {
        return apply(cfg, blocks(command), values, origin);
    }

    /** As {@link #apply(PluginConfig, Map, String)} for the given blocks. */
    public static PluginConfig apply(PluginConfig cfg, List<String> blocks, Map<String, Object> values, String origin) {
        Map<String, Map<String, Object>> perBlock = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue() instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : e.getValue();
            if (key.contains(".")) {
                String block = key.substring(0, key.indexOf('.'));
                String name = key.substring(key.indexOf('.') + 1);
                if (!blocks.contains(block)) {
                    throw new PoroPhaseException(origin + ": '" + block + "' in " + key + " is not a block of this command; blocks: " + blocks);
                }
                perBlock.computeIfAbsent(block, k -> new LinkedHashMap<>()).put(name, value);
                continue;
            }
            boolean found = false;
            for (String block : blocks) {
                if (cfg.command(block).canonicalName(key) != null) {
                    perBlock.computeIfAbsent(block, k -> new LinkedHashMap<>()).put(key, value);
                    found = true;
                }
            }
            if (!found) {
                throw new PoroPhaseException(origin + ": '" + key + "' is not a parameter of " + String.join(" / ", blocks) + " (see plugin.yml)");
            }
        }
        PluginConfig c = cfg;
        for (Map.Entry<String, Map<String, Object>> e : perBlock.entrySet()) {
            c = c.with(e.getKey(), e.getValue(), origin);
        }
        return c;
    }

    /**
     * Every point of the grid, the first key varying slowest: name → value, in the grid's key order.
     */
    public List<LinkedHashMap<String, Object>> points() {
        List<LinkedHashMap<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            List<LinkedHashMap<String, Object>> next = new ArrayList<>();
            for (LinkedHashMap<String, Object> p : out) {
                for (Object v : e.getValue()) {
                    LinkedHashMap<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            out = next;
        }
        return out;
    }

    public String command() {
        return command;
    }

    /** The parameters set for every run, in file order. */
    public Map<String, Object> base() {
        return java.util.Collections.unmodifiableMap(base);
    }

    /** The grid: name → its values, in file order. */
    public Map<String, List<Object>> grid() {
        return java.util.Collections.unmodifiableMap(grid);
    }

    /** The inputs (masks for phasefield, images for compare) as written; empty for an ideal or flat phasefield sweep. */
    public List<String> inputs() {
        return List.copyOf(inputs);
    }
}
