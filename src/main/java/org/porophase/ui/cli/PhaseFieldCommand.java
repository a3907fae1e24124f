package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.pipeline.PhaseFieldJob;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.core.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code porophase phasefield}: phase-field Li plating on a segmented mask or on the ideal scaffold
 * ({@link PhaseFieldJob}). Writes result.json, timeseries.csv, fill_vs_depth.csv, snapshots.tif
 * (hyperstack), PNGs (and a checkpoint if asked) into --out, atomically. Exit code 0 = completed,
 * 1 = diverged or cancelled (outputs hold the last good state), 2 = bad input or usage.
 */
@Command(name = "phasefield", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Phase-field Li electrodeposition (Zhang et al. 2024, eqs. 8-12) on a segmented pore mask "
                + "(255 = pore, 0 = solid; 2D image or 3D stack) or on the ideal channel scaffold (--ideal).",
                "Every option below MASK comes from plugin.yml (default, unit, range); --set NAME=VALUE (or --param) sets any parameter.",
                "Exit code: 0 completed, 1 diverged or cancelled (outputs hold the last good state), 2 bad usage or input."})
public final class PhaseFieldCommand implements Callable<Integer>, SpecOptions.Bound {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MASK", description = "Binary mask (8-bit, 255 = pore, 0 = solid); omit with --ideal.")
    Path mask;


    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write a checkpoint here every --checkpoint-every seconds and at the end.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue a run from its checkpoint (geometry and parameters from the file; --time extends it).")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ./phasefield-out).")
    Path out = Path.of("phasefield-out");



    private SpecOptions options;

    @Override
    public List<String> specIds() {
        return List.of(PhaseFieldJob.COMMAND);
    }

    @Override
    public void bind(SpecOptions o) {
        this.options = o;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PluginConfig cfg = options.config(common.config, PhaseFieldJob.COMMAND);
        Cli.warnings(err, cfg);
        PhaseFieldJob job;
        if (resume != null) {
            Object t = options.given(PhaseFieldJob.COMMAND).get("time_s");
            job = PhaseFieldJob.resume(cfg, resume, t != null ? cfg.getDouble(PhaseFieldJob.COMMAND, "time_s") : -1, checkpoint);
        } else {
            if (mask != null && !Files.exists(mask)) {
                throw new PoroPhaseException("mask file not found: " + mask + " (give a binary pore mask, 255 = pore, or use --ideal)");
            }
            job = PhaseFieldJob.create(cfg, mask, checkpoint);
        }
        if (job.forcedUnderResolved()) {
            err.println("warning: forced: " + job.resolution().message());
            err.flush();
        } else if (!common.quiet && job.resolution() != null) {
            err.println("phasefield: resolution: " + job.resolution().message());
            err.flush();
        }
        if (!common.quiet && job.estimate() != null) {
            err.println("phasefield: " + job.estimate().describe());
            err.flush();
        }
        PhaseFieldRun.Listener l = new PhaseFieldRun.Listener() {
            int last = -10;

            @Override
            public void progress(double f, Map<String, Double> m) {
                int pct = (int) Math.round(100 * f);
                if (!common.quiet && pct >= last + 10) {
                    last = pct;
                    err.printf(Locale.ROOT, "phasefield: %3d%%  t=%.4g s  fill=%.4f  WCI=%.3f  V=%.4g V%n", pct, m.get("time_s"),
                            m.get("fill_fraction"), m.get("wall_creep_index"), m.get("applied_overpotential_V"));
                    err.flush();
                }
            }
        };
        PhaseFieldResult r = job.run(l, out, "--out");
        if (common.json) {
            spec.commandLine().getOut().println(Json.write(r.toJson()));
            spec.commandLine().getOut().flush();
        }
        if (!"completed".equals(r.status())) {
            err.println("phasefield: " + r.message());
            err.flush();
            return PoroPhaseCli.SOME_FAILED;
        }
        if (!common.quiet) {
            err.printf(Locale.ROOT, "phasefield: done, %d steps in %.2f s; outputs in %s%n", r.steps(), r.wallSeconds(), out.toAbsolutePath());
            err.flush();
        }
        return PoroPhaseCli.OK;
    }
}
