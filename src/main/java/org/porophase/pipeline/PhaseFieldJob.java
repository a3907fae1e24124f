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
import org.porophase.phasefield.Resolution;
import org.porophase.binary.LocalThickness;
import org.porophase.core.MemoryCheck;

import ij.ImagePlus;

/**
 * The phase-field use case, once for every front end: "a segmented mask or the ideal scaffold →
 * geometry → run". Every value comes from the {@code phasefield} command of a
 * {@link PluginConfig} (the bundled plugin.yml, a user's copy and the front end's values on top):
 * the model parameters ({@link PhaseFieldParameters#fromConfig}, including the protocol: {@code cycles},
 * {@code capacity_mAh_cm2}, {@code strip_first}, {@code equilibration_s}), the geometry ({@code ideal},
 * {@code flat}, {@code ideal_3d}, {@code pore_size_um}, {@code porosity}, {@code ideal_width_um},
 * {@code ideal_height_um}, {@code ideal_lattice}, {@code li_side}, {@code pixel_size_um}) and the run
 * ({@code snapshots}, {@code threads}, {@code checkpoint_every_s}, {@code force}).
 * <p>
 * First the resolution rule ({@link Resolution}: narrowest pore → interface width and scale → dx) is
 * applied to the parameters; an under-resolved geometry is refused (a {@link PoroPhaseException}, exit code
 * 2 on the command line) unless {@code force}. Then, before the scaffold is rastered or a grid allocated,
 * {@link PhaseFieldEstimate} works out the grid,
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
    /** The resolution rule's choice (null for a resumed run: its grid and interface come from the checkpoint). */
    private Resolution resolution;
    private boolean forced;

    private PhaseFieldJob(PhaseFieldRun run, String mode, PhaseFieldEstimate estimate) {
        this.run = run;
        this.mode = mode;
        this.estimate = estimate;
    }

    /**
     * A new run: on {@code mask} (an opened binary mask, 255 = pore) or, when the configuration says
     * {@code ideal: true}, on the ideal scaffold, or with {@code flat: true} on the flat-interface reference
     * (then {@code mask} must be null).
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
        boolean flat = c.param("flat").asBoolean();
        boolean force = c.param("force").asBoolean();
        if (ideal && flat) {
            throw new PoroPhaseException("give either ideal or flat, not both (flat is the flat-interface reference of the ideal scaffold's pore_size_um)");
        }
        Geometry g;
        PhaseFieldEstimate estimate;
        Resolution res;
        if (ideal || flat) {
            if (mask != null) {
                throw new PoroPhaseException("give either a mask or " + (flat ? "flat" : "ideal") + ", not both");
            }
            boolean three = c.param("ideal_3d").asBoolean();
            if (flat && three) {
                throw new PoroPhaseException("the flat-interface reference is 2D: drop --3d (ideal_3d)");
            }
            double pore = c.param("pore_size_um").asDouble();
            double por = c.param("porosity").asDouble();
            double w = c.param("ideal_width_um").asDouble();
            double h = c.param("ideal_height_um").asDouble();
            String lattice = c.param("ideal_lattice").asString();
            boolean hex = "hex".equalsIgnoreCase(lattice);
            String what = flat ? "phasefield --flat" : "phasefield --ideal" + (three ? " --3d" : "");
            if (three) {
                // the 3D default: a coarser interface that still keeps the rule (ideal_3d_interface_pore_fraction)
                p.interfacePoreFraction = c.param("ideal_3d_interface_pore_fraction").asDouble();
            }
            // the resolution rule first: it sets the interface scale and the automatic dx
            res = (three ? Resolution.forCylinders(pore, por, hex, p) : Resolution.forIdeal(pore, por, p)).require(force, what);
            res.apply(p);
            IdealScaffold sc;
            if (flat) {
                // the same strip as the ideal scaffold of pore_size_um (the scaffold it is the reference for)
                double width = w > 0 ? w : IdealScaffold.channels2DForGrid(pore, por, 0, h, p.dxUm).widthUm;
                double height = h > 0 ? h : IdealScaffold.AUTO_HEIGHT_2D_UM;
                sc = IdealScaffold.flat(width, height, p.dxUm, p.flatContactFraction, 4 * res.interfaceWidthUm(), res.interfaceWidthUm());
                estimate = PhaseFieldEstimate.scaffold(sc, p, o.snapshots, o.threads, null).within(res, force)
                        .requireFits(what, "a smaller --ideal-width/--ideal-height");
                g = sc.toGeometry(p);
                o.mode = String.format(Locale.ROOT, "flat reference, contact fraction %.4g, gaps %.4g um wide and %.4g um deep, width %.4g um",
                        sc.contactFraction, sc.poreUm, sc.gapDepthUm, sc.widthUm);
            } else {
                // memory and time before the raster or the grid is allocated
                estimate = PhaseFieldEstimate.ideal(three, pore, por, hex, w, h, p, o.snapshots, o.threads).within(res, force)
                        .requireFits(what, "a smaller --ideal-width/--ideal-height");
                sc = three
                        ? IdealScaffold.cylinders3DForGrid(pore, por, hex, w, h, p.dxUm)
                        : IdealScaffold.channels2DForGrid(pore, por, w, h, p.dxUm);
                g = sc.toGeometry(p);
                o.mode = String.format(Locale.ROOT, "ideal %s, pore %.4g um, porosity %.3g, width %.4g um",
                        three ? "3D cylinders (" + lattice + ")" : "2D channels", pore, sc.porosity, sc.widthUm);
            }
        } else {
            if (mask == null) {
                throw new PoroPhaseException("no mask given: pass a binary pore mask (255 = pore, 0 = solid) or set ideal");
            }
            Double px = c.param("pixel_size_um").isNull() ? null : c.param("pixel_size_um").asDouble();
            double pixel = Geometry.maskPixelUm(mask, px == null ? Double.NaN : px);
            Geometry.Side side = Geometry.Side.parse(c.param("li_side").asString());
            int[] dims = new int[3];
            if (mask.getStackSize() > 1) {
                MemoryCheck.require(LocalThickness.memoryNeeded(mask.getWidth(), mask.getHeight(), mask.getStackSize()) + (long) mask.getWidth()
                        * mask.getHeight() * mask.getStackSize(), "the pore local thickness of the resolution rule (mask " + maskName + ")");
            }
            boolean[] canonical = mask.getStackSize() > 1 ? Geometry.canonical3D(mask.getStack(), side, dims) : Geometry.canonical2D(mask.getProcessor(), side, dims);
            String what = "phasefield " + maskName;
            res = Resolution.forMask(canonical, dims[0], dims[1], dims[2], pixel, p).require(force, what);
            res.apply(p);
            estimate = PhaseFieldEstimate.mask(mask, pixel, side, p, o.snapshots, o.threads).within(res, force)
                    .requireFits(what, "a crop of the mask");
            g = Geometry.fromCanonicalMask(canonical, dims[0], dims[1], dims[2], pixel, side, p);
            o.mode = "mask " + maskName;
        }
        PhaseFieldJob job = new PhaseFieldJob(new PhaseFieldRun(g, p, o), o.mode, estimate);
        job.resolution = res;
        job.forced = force && res.underResolved();
        job.stem = input != null ? OutputNames.stem(input)
                : flat ? "flat-2d"
                : ideal ? OutputNames.phaseFieldStem(null, c.param("ideal_3d").asBoolean())
                : OutputNames.stem(maskName == null ? "mask" : maskName);
        if (input != null) {
            job.inputs.add(input);
        }
        if (checkpoint != null) {
            job.inputs.add(checkpoint);
        }
        return job;
    }

    /** A new run on a mask file (ideal and flat must be off). */
    public static PhaseFieldJob create(PluginConfig cfg, Path maskFile, Path checkpoint) {
        if (maskFile == null) {
            return create(cfg, (ImagePlus) null, null, checkpoint);
        }
        for (String k : new String[] {"ideal", "flat"}) {
            if (cfg.command(COMMAND).param(k).asBoolean()) {
                throw new PoroPhaseException("give either a mask (" + maskFile + ") or " + k + ", not both");
            }
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

    /**
     * What the resolution rule chose for this run (narrowest pore, interface width, scale, dx, whether it is
     * under-resolved, the one-line message; {@link Resolution#toMap()} for result.json), or null for a
     * resumed run. An under-resolved run exists only when forced ({@link #forcedUnderResolved()}); its
     * {@link Resolution#message()} is then the warning the outputs must carry.
     */
    public Resolution resolution() {
        return resolution;
    }

    /** The run is under-resolved and was started only because {@code force} is set. */
    public boolean forcedUnderResolved() {
        return forced;
    }

    /** The grid spacing of this run, µm (automatic dx resolved). */
    public double dxUm() {
        return run.geometry().dxUm;
    }

    /** What is simulated, in words ("ideal 2D channels, …", "mask x.tif"). */
    public String mode() {
        return mode;
    }
}
