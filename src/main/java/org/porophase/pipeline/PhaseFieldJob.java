package org.porophase.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.porophase.config.CommandSpec;
import org.porophase.config.PluginConfig;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.core.PoroPhaseException;
import org.porophase.report.PhaseFieldOutputs;
import org.porophase.phasefield.Geometry;
import org.porophase.phasefield.IdealScaffold;
import org.porophase.phasefield.PhaseFieldEstimate;
import org.porophase.phasefield.PhaseFieldParameters;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;

import ij.ImagePlus;

/**
 * The phase-field use case, once for every front end: "a segmented mask or the ideal scaffold →
 * geometry → run". Every value comes from the {@code phasefield} command of a
 * {@link PluginConfig} (the bundled plugin.yml, a user's copy and the front end's values on top):
 * the model parameters ({@link PhaseFieldParameters#fromConfig}), the geometry ({@code ideal},
 * {@code ideal_3d}, {@code pore_size_um}, {@code porosity}, {@code ideal_width_um},
 * {@code ideal_height_um}, {@code ideal_lattice}, {@code li_side}, {@code pixel_size_um}) and the run
 * ({@code snapshots}, {@code threads}, {@code checkpoint_every_s}).
 * <p>
 * Before the scaffold is rastered or a grid allocated, {@link PhaseFieldEstimate} works out the grid,
 * the memory and the time from these parameters and refuses a run the heap cannot hold (a
 * {@link PoroPhaseException} with the numbers and the fix: a coarser dx, a smaller domain, more heap).
 */
public final class PhaseFieldJob {
    public static final String COMMAND = "phasefield";

    private final PhaseFieldRun run;
    private final String mode;
    /** The files this run reads (mask, checkpoint resumed from) and the checkpoint it writes: never overwritten by its outputs. */
    private final List<Path> inputs = new ArrayList<>();
    /** The stem of the outputs when known before the run (mask file, ideal geometry); null when resumed. */
    private String stem;
    private final PhaseFieldEstimate estimate;

    private PhaseFieldJob(PhaseFieldRun run, String mode, PhaseFieldEstimate estimate) {
        this.run = run;
        this.mode = mode;
        this.estimate = estimate;
    }

    /**
     * A new run: on {@code mask} (an opened binary mask, 255 = pore) or, when the configuration says
     * {@code ideal: true}, on the ideal scaffold (then {@code mask} must be null).
     *
     * @param maskName the mask's name for the result's {@code mode} (file name or image title)
     * @param checkpoint checkpoint file to write during the run, or null
     */
    public static PhaseFieldJob create(PluginConfig cfg, ImagePlus mask, String maskName, Path checkpoint) {
        return create(cfg, mask, maskName, checkpoint, null);
    }

    private static PhaseFieldJob create(PluginConfig cfg, ImagePlus mask, String maskName, Path checkpoint, Path input) {
        CommandSpec c = cfg.command(COMMAND);
        PhaseFieldParameters p = PhaseFieldParameters.fromConfig(cfg);
        p.validate();
        PhaseFieldRun.Options o = runOptions(c, checkpoint);
        o.input = input;
        boolean ideal = c.param("ideal").asBoolean();
        Geometry g;
        PhaseFieldEstimate estimate;
        if (ideal) {
            if (mask != null) {
                throw new PoroPhaseException("give either a mask or ideal, not both");
            }
            boolean three = c.param("ideal_3d").asBoolean();
            double pore = c.param("pore_size_um").asDouble();
            double por = c.param("porosity").asDouble();
            double w = c.param("ideal_width_um").asDouble();
            double h = c.param("ideal_height_um").asDouble();
            String lattice = c.param("ideal_lattice").asString();
            boolean hex = "hex".equalsIgnoreCase(lattice);
            // memory and time before the raster or the grid is allocated
            estimate = PhaseFieldEstimate.ideal(three, pore, por, hex, w, h, p, o.snapshots, o.threads)
                    .requireFits("phasefield --ideal" + (three ? " --3d" : ""), "a smaller --ideal-width/--ideal-height");
            IdealScaffold sc = three
                    ? IdealScaffold.cylinders3DForGrid(pore, por, hex, w, h, p.dxUm)
                    : IdealScaffold.channels2DForGrid(pore, por, w, h, p.dxUm);
            g = sc.toGeometry(p);
            o.mode = String.format(Locale.ROOT, "ideal %s, pore %.4g um, porosity %.3g, width %.4g um",
                    three ? "3D cylinders (" + lattice + ")" : "2D channels", pore, por, sc.widthUm);
        } else {
            if (mask == null) {
                throw new PoroPhaseException("no mask given: pass a binary pore mask (255 = pore, 0 = solid) or set ideal");
            }
            Double px = c.param("pixel_size_um").isNull() ? null : c.param("pixel_size_um").asDouble();
            double pixel = px == null ? Double.NaN : px;
            Geometry.Side side = Geometry.Side.parse(c.param("li_side").asString());
            estimate = PhaseFieldEstimate.mask(mask, pixel, side, p, o.snapshots, o.threads)
                    .requireFits("phasefield " + maskName, "a crop of the mask");
            g = Geometry.fromImage(mask, pixel, side, p);
            o.mode = "mask " + maskName;
        }
        PhaseFieldJob job = new PhaseFieldJob(new PhaseFieldRun(g, p, o), o.mode, estimate);
        job.stem = input != null ? OutputNames.stem(input) : ideal ? OutputNames.phaseFieldStem(null, c.param("ideal_3d").asBoolean())
                : OutputNames.stem(maskName == null ? "mask" : maskName);
        if (input != null) {
            job.inputs.add(input);
        }
        if (checkpoint != null) {
            job.inputs.add(checkpoint);
        }
        return job;
    }

    /** A new run on a mask file (ideal must be off). */
    public static PhaseFieldJob create(PluginConfig cfg, Path maskFile, Path checkpoint) {
        if (maskFile == null) {
            return create(cfg, (ImagePlus) null, null, checkpoint);
        }
        if (cfg.command(COMMAND).param("ideal").asBoolean()) {
            throw new PoroPhaseException("give either a mask (" + maskFile + ") or ideal, not both");
        }
        return create(cfg, Geometry.openMask(maskFile), maskFile.getFileName().toString(), checkpoint, maskFile);
    }

    /**
     * Continues a run from its checkpoint (geometry and model parameters from the file).
     *
     * @param timeS new end time, s, or a negative value to keep the checkpoint's
     * @param checkpoint where to keep writing checkpoints (null = the file resumed from)
     */
    public static PhaseFieldJob resume(PluginConfig cfg, Path from, double timeS, Path checkpoint) {
        // the checkpoint resumed from is an input: it is never rewritten; checkpoints go only where --checkpoint says
        PhaseFieldRun.Options o = runOptions(cfg.command(COMMAND), checkpoint);
        PhaseFieldRun r = PhaseFieldRun.resume(from, timeS, o);
        if (timeS >= 0 && r.remainingSeconds() <= 0) {
            throw new PoroPhaseException(from + ": the checkpoint is already at t = " + (timeS - r.remainingSeconds())
                    + " s; --time " + timeS + " s must be later to continue the run");
        }
        Geometry g = r.geometry();
        PhaseFieldEstimate e = PhaseFieldEstimate.grid(g.nx, g.ny, g.nz, r.parameters(), o.snapshots, o.threads, r.remainingSeconds())
                .requireFits("phasefield --resume " + from.getFileName(), "more heap than the run that wrote it had");
        PhaseFieldJob job = new PhaseFieldJob(r, "resumed from " + from.getFileName(), e);
        job.inputs.add(from);
        if (checkpoint != null) {
            job.inputs.add(checkpoint);
        }
        return job;
    }

    private static PhaseFieldRun.Options runOptions(CommandSpec c, Path checkpoint) {
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = c.param("snapshots").asInt();
        o.threads = c.param("threads").asInt();
        o.checkpoint = checkpoint;
        o.checkpointEverySeconds = c.param("checkpoint_every_s").asDouble();
        return o;
    }

    /** Runs to the end time (or divergence, or cancellation), reporting to {@code listener}. */
    public PhaseFieldResult run(PhaseFieldRun.Listener listener) {
        return run.run(listener);
    }

    /**
     * Runs to the end time (or divergence, or cancellation) and writes the outputs into {@code out}
     * (when not null) as one whole set: before the run, the planned names are checked against the mask,
     * the checkpoint resumed from and the checkpoint written ({@link OutputPlan}); {@code out} is locked
     * for the run ({@link OutputFolder}); the set is written to a staging folder and moved in, replacing
     * the earlier run's set of the same stem (its ξ snapshot PNGs included, however many there were).
     * A diverged or cancelled run writes its last good state.
     *
     * @param outLabel how the user names the output folder, for messages ({@code "--out"}, {@code "output_folder"})
     */
    public PhaseFieldResult run(PhaseFieldRun.Listener listener, Path out, String outLabel) {
        if (out == null) {
            return run(listener);
        }
        if (stem != null) {
            OutputPlan.check(out, outLabel, List.of(OutputPlan.phaseField(null, stem)), inputs, List.of());
        }
        try (OutputFolder folder = OutputFolder.open(out, outLabel, inputs)) {
            PhaseFieldResult r = run(listener);
            String s = PhaseFieldOutputs.stem(r);
            if (!s.equals(stem)) {
                OutputPlan.check(out, outLabel, List.of(OutputPlan.phaseField(null, s)), inputs, List.of());
            }
            folder.commitFiles(s, d -> PhaseFieldOutputs.write(r, d, s));
            return r;
        }
    }

    /**
     * Memory and time of this run, estimated before anything was allocated
     * ({@link PhaseFieldEstimate}; {@code describe()} gives the line front ends print).
     */
    public PhaseFieldEstimate estimate() {
        return estimate;
    }

    /** What is simulated, in words ("ideal 2D channels, …", "mask x.tif"). */
    public String mode() {
        return mode;
    }
}
