package org.porophase.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.config.ParamSpec;
import org.porophase.config.PluginConfig;
import org.porophase.config.SweepSpec;
import org.porophase.core.PoroPhaseException;

/**
 * The command line of the Spark runner after the sub-command: the runner's own options ({@code --out},
 * {@code --config}, {@code --partitions}, {@code --no-parquet}, {@code --quiet}, {@code --debug}), the
 * parameters of plugin.yml under the same flags as the CLI's (generated from each {@link ParamSpec}: its
 * {@code flag}, former {@code --} names, {@code --no-x} for booleans, {@code --flag=value} too) and
 * {@code --set NAME=VALUE} / {@code --set block.NAME=VALUE}; everything else is an input.
 * <p>
 * Serializable: the executors rebuild the same {@link PluginConfig} from it ({@link #config}), the
 * {@code --config} file travelling as its text, so it need not exist on the executors' machines.
 */
final class SparkArgs implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The runner's own options, for the usage text. */
    static final String OWN_OPTIONS = "--out DIR (required), --config FILE (an edited copy of plugin.yml), --set NAME=VALUE (repeatable),"
            + " --partitions N (default: one task per item), --no-parquet (CSV only), --quiet, --debug";

    final String command;
    final List<String> inputs = new ArrayList<>();
    String out;
    String configName;
    String configText;
    int partitions;
    boolean parquet = true;
    boolean quiet;
    boolean debug;
    boolean help;
    /** Parameter name → value from the generated flags, in order; and the flag that set each (for messages). */
    final LinkedHashMap<String, Object> flags = new LinkedHashMap<>();
    final LinkedHashMap<String, String> flagOf = new LinkedHashMap<>();
    /** {@code --set} pairs in order (key as written: NAME or block.NAME). */
    final LinkedHashMap<String, Object> sets = new LinkedHashMap<>();
    /** Former flags used (the warning to print). */
    final List<String> warnings = new ArrayList<>();

    private SparkArgs(String command) {
        this.command = command;
    }

    /** The plugin.yml blocks whose flags a sub-command accepts (its own first). */
    static List<String> blocks(String command) {
        return switch (command) {
            case "analyze" -> List.of("analyze", "analyze-volume");
            case "analyze-volume", "volume" -> List.of("analyze-volume");
            case "compare", "sweep" -> SweepSpec.blocks("compare"); // a sweep takes the flags of either command
            default -> throw new PoroPhaseException("unknown command '" + command + "'");
        };
    }

    /** Parses {@code args} (after the sub-command) for {@code command}. */
    static SparkArgs parse(String command, String[] args) {
        SparkArgs a = new SparkArgs(command);
        PluginConfig defaults = PluginConfig.defaults();
        Map<String, ParamSpec> byFlag = new LinkedHashMap<>();
        Map<String, ParamSpec> negative = new LinkedHashMap<>();
        Map<String, String> former = new LinkedHashMap<>();
        for (String block : blocks(command)) {
            for (ParamSpec p : defaults.command(block).params().values()) {
                List<String> names = new ArrayList<>();
                names.add(p.flag());
                for (String al : p.aliases()) {
                    if (al.startsWith("--")) {
                        names.add(al);
                        former.put(al, p.flag());
                    }
                }
                for (String n : names) {
                    byFlag.putIfAbsent(n, p);
                    if (p.type() == ParamSpec.Type.BOOLEAN) {
                        negative.putIfAbsent("--no-" + n.substring(2), p);
                    }
                }
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            String name = arg;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            }
            switch (name) {
                case "--help", "-h" -> a.help = true;
                case "--quiet" -> a.quiet = true;
                case "--debug" -> a.debug = true;
                case "--no-parquet" -> a.parquet = false;
                case "--out" -> a.out = value != null ? value : next(args, ++i, name);
                case "--config" -> a.readConfig(value != null ? value : next(args, ++i, name));
                case "--partitions" -> a.partitions = positiveInt(value != null ? value : next(args, ++i, name), name);
                case "--set", "--param" -> {
                    String kv = value != null ? value : next(args, ++i, name);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new PoroPhaseException("--set " + kv + ": write KEY=VALUE, e.g. --set contact_angle_deg=90");
                    }
                    a.sets.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                default -> {
                    ParamSpec p = byFlag.get(name);
                    ParamSpec neg = negative.get(name);
                    if (p != null && p.type() == ParamSpec.Type.BOOLEAN) {
                        a.put(p, value == null ? Boolean.TRUE : value, name);
                    } else if (p != null) {
                        a.put(p, value != null ? value : next(args, ++i, name), name);
                    } else if (neg != null) {
                        if (Boolean.TRUE.equals(a.flags.get(neg.name()))) {
                            throw new PoroPhaseException("both " + neg.flag() + " and " + name + " given: choose one");
                        }
                        a.put(neg, Boolean.FALSE, name);
                    } else if (arg.startsWith("--")) {
                        throw new PoroPhaseException("unknown option " + name + " for " + command + ": the options are the CLI's (porophase "
                                + (command.equals("sweep") || command.equals("volume") ? "compare" : command) + " --help) and " + OWN_OPTIONS);
                    } else {
                        a.inputs.add(arg);
                    }
                    String f = former.get(name.startsWith("--no-") && neg != null ? "--" + name.substring(5) : name);
                    if (f != null && (p != null || neg != null)) {
                        a.warnings.add(name + " is now " + (p == null ? "--no-" + f.substring(2) : f) + " (" + (p != null ? p : neg).name()
                                + "); the old flag is accepted in this release");
                    }
                }
            }
        }
        return a;
    }

    private void put(ParamSpec p, Object value, String flag) {
        flags.put(p.name(), value);
        flagOf.put(p.name(), flag);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new PoroPhaseException(name + " needs a value");
        }
        return args[i];
    }

    private static int positiveInt(String s, String name) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new PoroPhaseException(name + " = " + s + ": give a whole number ≥ 1");
    }

    private void readConfig(String file) {
        Path p = Path.of(file);
        PluginConfig.load(p); // checked here, with the message naming the file
        try {
            configText = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        configName = p.getFileName().toString();
    }

    /** The output folder; an error naming the option when it is missing. */
    Path out() {
        if (out == null || out.isBlank()) {
            throw new PoroPhaseException(command + " needs --out DIR: the output folder (on a cluster, a path every executor can write)");
        }
        return Path.of(out);
    }

    /** plugin.yml (bundled, or the {@code --config} copy over it). */
    PluginConfig base() {
        if (configText == null) {
            return PluginConfig.defaults();
        }
        return PluginConfig.load(ConfigCopy.of(configName, configText));
    }

    /**
     * {@code cfg} with the values given on the command line for {@code blocks}: the flags (a name shared by
     * blocks sets it in each, as on the CLI), then {@code --set}. When {@code threads > 0} and the user gave
     * no {@code threads}, the blocks' {@code threads} (worker threads inside one item) is set to it: a
     * task uses the cores Spark gave it ({@code spark.task.cpus}), not every core of the executor's machine.
     */
    PluginConfig apply(PluginConfig cfg, List<String> blocks, int threads) {
        PluginConfig c = cfg;
        for (String block : blocks) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : flags.entrySet()) {
                if (c.command(block).canonicalName(e.getKey()) != null) {
                    m.put(e.getKey(), e.getValue());
                }
            }
            boolean userThreads = m.containsKey("threads") || sets.containsKey("threads") || sets.containsKey(block + ".threads");
            if (threads > 0 && !userThreads && c.command(block).canonicalName("threads") != null && !block.equals("analyze")) {
                m.put("threads", threads);
            }
            c = c.with(block, m, n -> n.isEmpty() ? "option" : flagOf.getOrDefault(n, "threads".equals(n) ? "spark.task.cpus" : n) + " (" + n + ")");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            String key = e.getKey();
            String block = key.contains(".") ? key.substring(0, key.indexOf('.')) : null;
            if (block != null && !blocks(command).contains(block)) {
                throw new PoroPhaseException("--set " + key + "=" + e.getValue() + ": '" + block + "' is not a block of " + command
                        + "; blocks: " + blocks(command));
            }
            if (block != null && !blocks.contains(block)) {
                continue; // a block the item at hand does not read (the other command of a sweep, the 3D block of a 2D input)
            }
            boolean known = block != null || blocks.stream().anyMatch(b -> cfg.command(b).canonicalName(key) != null);
            if (known) {
                s.put(key, e.getValue());
            } else if (blocks(command).stream().noneMatch(b -> cfg.command(b).canonicalName(key) != null)) {
                throw new PoroPhaseException("--set " + key + "=" + e.getValue() + ": '" + key + "' is not a parameter of "
                        + String.join(" / ", blocks(command)) + " (see plugin.yml)");
            }
        }
        return SweepSpec.apply(c, blocks, s, "--set");
    }

    /** {@link #base()} with the command line's values for {@code blocks} ({@link #apply}). */
    PluginConfig config(List<String> blocks, int threads) {
        return apply(base(), blocks, threads);
    }

    /** The user's {@code --config} text as a file on this machine (written once per JVM and text). */
    static final class ConfigCopy {
        private static final Map<String, Path> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

        private ConfigCopy() {
        }

        static Path of(String name, String text) {
            return COPIES.computeIfAbsent(name + "\u0000" + text, k -> {
                try {
                    Path dir = Files.createTempDirectory("porophase-config");
                    Path f = dir.resolve(name);
                    Files.writeString(f, text, StandardCharsets.UTF_8);
                    f.toFile().deleteOnExit();
                    dir.toFile().deleteOnExit();
                    return f;
                } catch (IOException e) {
                    throw new PoroPhaseException("cannot write a copy of the config file " + name + " on this executor: " + e.getMessage(), e);
                }
            });
        }
    }
}
