package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.porophase.analysis.InputInfo;
import org.porophase.config.PluginConfig;
import org.porophase.core.Json;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.Batch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code info INPUT…}: what PoroPhase reads from each input without segmenting it ({@link InputInfo}): dimensions,
 * bit depth, vendor, calibration and the field it came from, data-bar rows, warnings. Text, or {@code --json}
 * (one object for one input, else {@code {files, failed, results[], errors[]}}). Exit codes as every command:
 * 0 all described, 1 some inputs could not be read (the others are described), 2 bad usage or a single bad input.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describe images and volumes without analysing them: dimensions, bit depth, vendor, pixel size and the "
                + "metadata field it came from, data-bar rows, warnings.",
                "INPUT: image files, volumes, folders (every file in it; --as-volume: the folder as one slice volume) or globs.",
                "Exit code: 0 all described, 1 some could not be read (listed), 2 bad usage or input."})
public final class InfoCommand implements Callable<Integer>, SpecOptions.Bound {
    public static final String COMMAND = "info";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image or volume file(s), folder(s) or glob(s).")
    List<Path> inputs;

    private SpecOptions options;

    @Override
    public List<String> specIds() {
        return List.of(COMMAND);
    }

    @Override
    public void bind(SpecOptions o) {
        this.options = o;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        PluginConfig cfg = options.config(common.config, COMMAND);
        Cli.warnings(stderr, cfg);
        Double spacing = cfg.command(COMMAND).param("slice_spacing_um").isNull() ? null : cfg.getDouble(COMMAND, "slice_spacing_um");
        boolean asVolume = cfg.getBoolean(COMMAND, "as_volume");
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (asVolume && Files.isDirectory(in)) {
                files.add(in);
            } else {
                Batch.Inputs expanded = Batch.expandInputs(List.of(in));
                Cli.report(stderr, expanded);
                files.addAll(expanded.files());
            }
        }
        if (files.isEmpty()) {
            throw new PoroPhaseException("no image files found in " + inputs + " (looked for ." + String.join(", .", Batch.IMAGE_EXTENSIONS)
                    + "; --as-volume describes a folder as one slice volume)");
        }
        boolean single = files.size() == 1 && inputs.size() == 1 && (!Files.isDirectory(inputs.get(0)) || asVolume);
        List<Map<String, Object>> results = new ArrayList<>();
        Map<Path, String> errors = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                Map<String, Object> m = Files.isDirectory(f) ? InputInfo.volume(f, spacing) : InputInfo.of(f, spacing);
                results.add(m);
                if (!common.json) {
                    stdout.print(InputInfo.text(m));
                }
                Cli.warnings(stderr, f.toString(), m.get("warnings"));
            } catch (PoroPhaseException e) {
                if (single) {
                    throw e;
                }
                errors.put(f, e.getMessage());
                stderr.println("error: " + f + ": " + e.getMessage());
            }
        }
        if (common.json) {
            if (single) {
                stdout.println(Json.write(results.get(0)));
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("files", files.size());
                m.put("failed", errors.size());
                m.put("results", results);
                List<Map<String, Object>> errs = new ArrayList<>();
                errors.forEach((k, v) -> errs.add(Map.of("file", k.toString(), "error", v)));
                m.put("errors", errs);
                stdout.println(Json.write(m));
            }
        }
        if (files.size() > 1) {
            stderr.printf("%d of %d input(s) described, %d could not be read%n", files.size() - errors.size(), files.size(), errors.size());
        }
        stdout.flush();
        stderr.flush();
        return errors.isEmpty() ? PoroPhaseCli.OK : PoroPhaseCli.SOME_FAILED;
    }
}
