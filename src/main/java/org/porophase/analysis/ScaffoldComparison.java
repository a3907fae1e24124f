package org.porophase.analysis;

import org.porophase.core.OutputNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.binary.LocalThickness;
import org.porophase.core.MemoryCheck;
import org.porophase.core.PoroPhaseException;
import org.porophase.measure.ScaffoldMetrics;
import org.porophase.phasefield.Geometry;
import org.porophase.phasefield.IdealScaffold;
import org.porophase.phasefield.PhaseFieldEstimate;
import org.porophase.phasefield.PhaseFieldParameters;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.phasefield.Resolution;

import ij.ImagePlus;

/**
 * Real scaffold vs its ideal parallel-channel twin (Zhang et al., ACS AMI 2024, issue "real vs
 * ideal scaffolds").
 * <ol>
 * <li>The SEM cross-section is segmented and measured by {@link SemAnalyzer}: porosity φ, mean pore
 * diameter δ (µm), S_c = P_p/A_t (eq. 3, Crofton perimeter, µm⁻¹).</li>
 * <li>Its ideal twin has the same φ and δ: S_c = 4φ/δ (eq. 1, parallel cylinders); both give
 * R_J = 1 − 1/(d·S_c) (eq. 2) for the impregnation depth d (µm).</li>
 * <li>The phase-field model (eqs. 8–12) runs with the same parameters on the real mask (Li from the
 * top) and on 2D parallel channels of width δ at porosity φ ({@link IdealScaffold#channels2D}) filling
 * the same domain (width rounded to whole channel periods, same thickness).</li>
 * <li>The third reference (issue 11): a flat Li|LLZO interface ({@link IdealScaffold#flat}) of the same
 * width, thickness, current and protocol, unless {@code flat_reference} is off (2D runs only).</li>
 * </ol>
 * All runs share one grid and one interface, chosen once by the resolution rule ({@link Resolution}, issue 11
 * §6; {@link #rule}): the narrowest pore is the smaller of the real mask's (5th percentile of the pore local
 * thickness, at least {@value Resolution#MASK_MIN_PIXELS} pixels) and the twin's δ; interface width =
 * min(physical, interface_pore_fraction × it), dx = width / cells_per_interface (automatic: rounded down so the
 * twin's channels are whole cells). An under-resolved comparison (an explicit dx above that, a fraction above
 * 0.295) is refused unless {@code force}; a grid the heap cannot hold is refused by {@link PhaseFieldEstimate}
 * with the numbers and the fixes; the choice and each run's memory and time go to {@link CompareOptions#log}
 * and into every run's result and the summary ("resolution").
 * <p>
 * Every run follows the {@link PhaseFieldRun} protocol (capillary equilibration, then plating, stripping
 * or cycling as the phasefield block says), and the comparison reports the plating metrics side by side.
 * 3D volumes ({@link VolumeAnalyzer#isVolume}) are measured by {@link VolumeAnalyzer} (φ, S_v by
 * Crofton, δ = volume-weighted local thickness) and the phase-field runs in 2D on the central section
 * through the thickness axis (see {@link RealSample#of(org.porophase.analysis.VolumeAnalysis, String)}).
 */
public final class ScaffoldComparison {
    private ScaffoldComparison() {
    }

    /** Runs the whole comparison on one image file. */
    public static CompareResult run(Path input, CompareOptions o) {
        if (input == null || !Files.exists(input)) {
            throw new PoroPhaseException("input file not found: " + input + " (give an existing 2D SEM image or 3D volume file)");
        }
        boolean chunked = org.porophase.io.VolumeReaders.isChunked(input); // a Zarr / N5 folder: one volume, no file hash
        if (!chunked) {
            org.porophase.io.InputFiles.requireRegularFile(input, "input file"); // a pipe or device: refused by name before the SHA-256 reads it
        }
        o.validate();
        String sha = chunked ? null : sha256(input);
        RealSample real;
        if (VolumeAnalyzer.isVolume(input)) {
            real = RealSample.of(VolumeAnalyzer.analyze(input, o.volume), OutputNames.stem(input), o.runPhaseField && o.phaseField3d);
        } else {
            SemAnalysisResult sem = new SemAnalyzer(o.analysis).analyze(input);
            real = RealSample.of(sem, o.section);
        }
        return run(real, input, sha, o);
    }

    /** Runs the comparison on an already measured sample ({@code input}/{@code sha256} for provenance, may be null). */
    public static CompareResult run(RealSample real, Path input, String sha256, CompareOptions o) {
        double phi = real.porosity();
        double delta = real.poreDiameterUm();
        if (!(phi > 0 && phi < 1) || !(delta > 0)) {
            throw new PoroPhaseException(String.format(Locale.ROOT,
                    "image %s: porosity %.4g / mean pore diameter %.4g um do not define an ideal scaffold (no pores found?): check the segmentation (analyze --out, QC overlay)",
                    real.title(), phi, delta));
        }
        double d = o.analysis.impregnationDepthUm;
        double scReal = real.scPerUm();
        double scIdeal = ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(phi, delta);
        ConductivityComparison conduction = conduction(real, o);
        double px = real.maskPixelUm();
        double widthUm = real.widthUm();
        double heightUm = real.heightUm();
        PhaseFieldResult pfReal = null;
        PhaseFieldResult pfIdeal = null;
        PhaseFieldResult pfFlat = null;
        String flatSkipped = null;
        boolean threeD = o.runPhaseField && o.phaseField3d && real.poreVolume() != null;
        String pfSkipped = null;
        PhaseFieldParameters p = o.phaseField.copy();
        p.stripFirst = o.stripFirst;
        boolean hex = phi > Math.PI / 4 - 1e-9; // square packing holds cylinders up to φ = π/4, hexagonal up to 0.907
        String name = "compare " + real.title();
        // the resolution rule once for the whole comparison (issue 11 §6): the narrowest pore of the real mask and
        // of the twin sets one interface and one grid for the real, ideal and flat runs
        Resolution res = null;
        Rule rule = null;
        boolean[] canonical = null;
        int[] dims = new int[3];
        if (o.runPhaseField) {
            if (threeD) {
                ImagePlus v = real.poreVolume();
                MemoryCheck.require(LocalThickness.memoryNeeded(v.getWidth(), v.getHeight(), v.getStackSize())
                        + (long) v.getWidth() * v.getHeight() * v.getStackSize(), "the pore local thickness of the resolution rule (" + name + ")");
                canonical = Geometry.canonical3D(v.getStack(), real.volumeLiSide(), dims);
            } else {
                canonical = Geometry.canonical2D(real.phaseFieldMask().getProcessor(), Geometry.Side.TOP, dims);
            }
            try {
                rule = rule(canonical, dims, threeD ? real.volumeVoxelUm() : px, delta, phi, threeD, hex, p);
                res = rule.resolution();
            } catch (PoroPhaseException e) {
                // a mask with no pore or no solid pixel in the phase-field plane: the morphology comparison still stands
                pfSkipped = e.getMessage();
            }
            if (res != null) {
                res.require(o.force, name + " (resolution rule, one grid for the real, ideal and flat runs)");
                res.apply(p);
                note(o, "resolution: " + (res.underResolved() ? "forced, " : "") + res.message());
            }
        }
        IdealScaffold twin = null;
        if (threeD && pfSkipped == null) {
            ImagePlus v = real.poreVolume();
            double lateral = (real.volumeLiSide() == Geometry.Side.LEFT ? v.getHeight() : v.getWidth()) * real.volumeVoxelUm();
            try {
                twin = IdealScaffold.cylinders3D(delta, phi, hex, lateral, thicknessUm(real), p.dxUm / IdealScaffold.RASTER_PER_CELL_3D);
            } catch (PoroPhaseException e) {
                pfSkipped = "no 3D ideal twin: " + e.getMessage();
                threeD = false;
            }
        }
        if (twin == null) {
            twin = res != null ? IdealScaffold.channels2DForGrid(delta, phi, widthUm, heightUm, p.dxUm)
                    // morphology only (no grid chosen): the twin's raster for its porosity and width
                    : IdealScaffold.channels2D(delta, phi, widthUm, heightUm, (p.dxUm > 0 ? p.dxUm : MORPHOLOGY_DX_UM) / IdealScaffold.RASTER_PER_CELL_2D);
        }
        boolean runFlat = o.flatReference && !threeD;
        int nRuns = runFlat ? 3 : 2;
        List<String> warnings = new ArrayList<>();
        if (res != null && res.underResolved()) {
            warnings.add("forced: " + res.message());
        }
        Map<String, Object> resMap = rule == null ? null : rule.toMap();
        if (o.runPhaseField && pfSkipped == null) {
            // memory and time of every run before any geometry is built (the twin's raster is not expanded until
            // then): a run the heap cannot hold is refused with the numbers and the fixes
            String hint = "--no-phasefield (the morphology comparison needs no grid), a crop of the input, a larger --interface-pore-fraction (now "
                    + String.format(Locale.ROOT, "%.4g", p.interfacePoreFraction) + "; up to 0.25 keeps W_phi under half the narrowest pore) or --force with a coarser --dx";
            PhaseFieldEstimate eReal = PhaseFieldEstimate.mask(dims[0], dims[1], dims[2], threeD ? real.volumeVoxelUm() : px, p, o.snapshots, o.threads)
                    .within(res, o.force).requireFits(name + ": phase-field on the real sample", hint);
            PhaseFieldEstimate eIdeal = PhaseFieldEstimate.mask(twin.mx, twin.my, twin.mz, twin.pixelUm, p, o.snapshots, o.threads)
                    .within(res, o.force).requireFits(name + ": phase-field on the ideal twin", hint);
            IdealScaffold flat = null;
            PhaseFieldEstimate eFlat = null;
            if (runFlat) {
                flat = IdealScaffold.flat(twin.widthUm, twin.heightUm, p.dxUm, p.flatContactFraction, 4 * res.interfaceWidthUm(), res.interfaceWidthUm());
                eFlat = PhaseFieldEstimate.mask(flat.mx, flat.my, flat.mz, flat.pixelUm, p, o.snapshots, o.threads)
                        .within(res, o.force).requireFits(name + ": phase-field on the flat reference", "--no-flat-reference, " + hint);
            }
            note(o, "real: " + eReal.describe() + equilibrationNote(eReal, p));
            note(o, "ideal: " + eIdeal.describe() + equilibrationNote(eIdeal, p));
            if (eFlat != null) {
                note(o, "flat: " + eFlat.describe() + equilibrationNote(eFlat, p));
            }
            try {
                twin.requireResolved(p.dxUm);
                PhaseFieldParameters pr = p.copy();
                Geometry gReal = Geometry.fromCanonicalMask(canonical, dims[0], dims[1], dims[2], threeD ? real.volumeVoxelUm() : px,
                        threeD ? real.volumeLiSide() : Geometry.Side.TOP, pr);
                canonical = null; // the geometry holds what the run needs
                pfReal = new PhaseFieldRun(gReal, pr, runOptions(o, "real " + real.title() + (threeD ? " (3D)" : ""), resMap, warnings))
                        .run(listener(o, "real", 0, nRuns));
            } catch (PoroPhaseException e) {
                // the geometry cannot carry the reaction (no ionic path, no Li/LLZO contact): the morphology
                // comparison still stands; both runs are skipped and the reason goes into the notes
                pfSkipped = e.getMessage();
            }
            if (pfReal != null) {
                PhaseFieldParameters pi = p.copy();
                Geometry gIdeal = twin.toGeometry(pi);
                pfIdeal = new PhaseFieldRun(gIdeal, pi, runOptions(o, String.format(Locale.ROOT,
                        threeD ? "ideal 3D cylinders (%s), pore %.4g um, porosity %.3g, width %.4g um" : "ideal 2D channels%s, pore %.4g um, porosity %.3g, width %.4g um",
                        threeD ? (twin.hex ? "hex" : "square") : "", delta, phi, twin.widthUm), resMap, warnings)).run(listener(o, "ideal", 1, nRuns));
                if (runFlat) {
                    PhaseFieldParameters pf = p.copy();
                    try {
                        pfFlat = new PhaseFieldRun(flat.toGeometry(pf), pf, runOptions(o, String.format(Locale.ROOT,
                                "flat Li|LLZO interface, contact fraction %.3g, width %.4g um", pf.flatContactFraction, flat.widthUm), resMap, warnings))
                                .run(listener(o, "flat", 2, nRuns));
                    } catch (PoroPhaseException e) {
                        flatSkipped = e.getMessage();
                    }
                }
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("software", Provenance.software());
        prov.put("input", input != null ? input.toAbsolutePath().normalize().toString() : real.title());
        prov.put("input_kind", real.kind());
        prov.put("input_sha256", sha256);
        prov.put("created_utc", java.time.Instant.now().toString());
        prov.put("java", System.getProperty("java.version"));
        prov.put("phasefield_dimension", threeD ? "3D" : "2D");
        if (threeD) {
            prov.put("phasefield_grid_um", p.dxUm);
        }
        prov.put("phasefield_plane", real.plane());
        prov.put("section", real.section());
        prov.put("ideal_twin", threeD ? "parallel cylinders of diameter delta at porosity phi (IdealScaffold.cylinders3D), same thickness, lateral size rounded to whole cells"
                : "parallel channels of width delta at porosity phi (IdealScaffold.channels2D), same thickness, width rounded to whole periods");
        if (pfReal != null && !runFlat) {
            flatSkipped = threeD ? "the flat reference runs in 2D only (3D comparison)" : "flat_reference is off";
        }
        prov.put("flat_reference", runFlat ? "flat Li|LLZO interface (IdealScaffold.flat), same width, thickness, current and protocol" : flatSkipped);
        return new CompareResult(real, twin, d, scReal, scIdeal, ScaffoldMetrics.currentDensityReduction(d, scReal),
                ScaffoldMetrics.currentDensityReduction(d, scIdeal), widthUm, heightUm, pfReal, pfIdeal, pfFlat, pfSkipped, flatSkipped, o, prov,
                pfReal != null ? resMap : null, conduction);
    }

    /**
     * Real vs ideal vs eq. 7 for the solid (LLZO): the conduction solve through the segmented solid along the thickness
     * axis — a volume along its analysis axis, a 2D section along the thickness from the top edge (Li side, rows) — next to
     * 1 − f and 1 − 3f/2 ({@link ConductivityComparison}). A plan view has no through-thickness geometry: its extrusion is
     * the ideal twin itself, so the real value is reported as not computed.
     */
    static ConductivityComparison conduction(RealSample real, CompareOptions o) {
        Double sigma = o.analysis.measuredConductivitySCm;
        org.porophase.transport.TransportOptions topt = org.porophase.transport.TransportOptions.defaults().withThreads(o.threads)
                .withSides(o.sideBoundary());
        if (RealSample.VOLUME_3D.equals(real.kind())) {
            org.porophase.core.BinaryVolume m = real.volume().mask();
            if (m == null) {
                return ConductivityComparison.skipped(real.porosity(), "the volume's mask was not kept in memory", sigma);
            }
            org.porophase.transport.PhaseGrid g = org.porophase.transport.PhaseGrid.ofMask(m, org.porophase.core.MaskSource.SOLID,
                    "solid (LLZO)", o.threads);
            return ConductivityComparison.of(g, org.porophase.transport.Axis.values()[real.volume().axis()], sigma, topt,
                    "the segmented 3D volume");
        }
        if (RealSample.PLAN.equals(real.section())) {
            return ConductivityComparison.skipped(real.porosity(), "a plan view: extruded through the thickness it is the ideal twin "
                    + "(1 - f); the real through-thickness value needs a section along the thickness (--section thickness) or a volume", sigma);
        }
        ij.process.ImageProcessor ip = real.phaseFieldMask().getProcessor();
        int w = ip.getWidth();
        int h = ip.getHeight();
        byte[] s = new byte[w * h];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (ip.get(i) == 0 ? 1 : 0);
        }
        double px = real.maskPixelUm();
        org.porophase.transport.PhaseGrid g = new org.porophase.transport.PhaseGrid(w, h, 1, org.porophase.core.VoxelSize.iso(px),
                new byte[][] {s}, "solid (LLZO)");
        return ConductivityComparison.of(g, org.porophase.transport.Axis.Y, sigma, topt,
                "the 2D section along the thickness (in-plane conduction from the top edge down; a 2D section percolates less than the 3D solid)");
    }

    /** Forwards run k's progress (of n) to {@link CompareOptions#progress} as the part [k/n, (k+1)/n] of the comparison. */
    private static PhaseFieldRun.Listener listener(CompareOptions o, String which, int k, int n) {
        if (o.progress == null) {
            return null;
        }
        return new PhaseFieldRun.Listener() {
            @Override
            public void progress(double f, Map<String, Double> m) {
                o.progress.accept(String.format(Locale.ROOT, "phase-field %s: t = %.4g s", which, m.getOrDefault("time_s", Double.NaN)),
                        (k + Math.max(0, Math.min(1, f))) / n);
            }
        };
    }

    /** Extent of the isotropic pore volume along the thickness axis (the Li side's normal), µm. */
    private static double thicknessUm(RealSample real) {
        ImagePlus v = real.poreVolume();
        int n = real.volumeLiSide() == Geometry.Side.FRONT ? v.getStackSize() : real.volumeLiSide() == Geometry.Side.TOP ? v.getHeight() : v.getWidth();
        return n * real.volumeVoxelUm();
    }

    private static PhaseFieldRun.Options runOptions(CompareOptions o, String mode, Map<String, Object> resolution, List<String> warnings) {
        PhaseFieldRun.Options ro = new PhaseFieldRun.Options();
        ro.snapshots = o.snapshots;
        ro.threads = o.threads;
        ro.mode = mode;
        ro.resolution = resolution;
        ro.warnings.addAll(warnings);
        return ro;
    }

    /** "; before it the capillary equilibration, up to 2000 steps ≈ 40 s" for an estimate of the plating steps. */
    private static String equilibrationNote(PhaseFieldEstimate e, PhaseFieldParameters p) {
        boolean auto = !(p.equilibrationS > 0);
        double eqS = auto ? PhaseFieldRun.EQUILIBRATION_MAX_S : p.equilibrationS;
        long steps = (long) Math.ceil(eqS / p.timeStep(e.ny > 1) - 1e-9);
        double sec = e.steps > 0 ? e.seconds() * steps / e.steps : Double.NaN;
        return String.format(Locale.ROOT, "; before it the capillary equilibration, %s%d steps ≈ %.0f s", auto ? "until the front stops, at most " : "",
                steps, sec);
    }

    /** A line for the front end's log ({@link CompareOptions#log}), if it listens. */
    private static void note(CompareOptions o, String line) {
        if (o.log != null) {
            o.log.accept(line);
        }
    }

    /**
     * The twin's raster when the phase-field is off (no grid is chosen): {@value} µm / 4 pixels, for the twin's
     * raster porosity and width in the morphology comparison (the pre-rule default grid of 0.25 µm).
     */
    static final double MORPHOLOGY_DX_UM = 0.25;

    /**
     * The resolution rule of a comparison: its {@link Resolution} and the two narrowest pores it was chosen from.
     *
     * @param realPoreUm the real mask's narrowest pore ({@link Resolution#forMask}), µm
     * @param idealPoreUm the twin's channel width (2D) or cylinder diameter (3D) δ, µm
     */
    record Rule(Resolution resolution, double realPoreUm, double idealPoreUm) {
        /** result.json / summary.json "resolution": {@link Resolution#toMap()} and which pore set it. */
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(resolution.toMap());
            m.put("narrowest_pore_real_um", realPoreUm);
            m.put("narrowest_pore_ideal_um", idealPoreUm);
            m.put("set_by", realPoreUm <= idealPoreUm ? "real" : "ideal");
            m.put("applies_to", "real, ideal and flat runs (one grid and one interface)");
            return m;
        }
    }

    /**
     * The resolution rule once for the comparison (issue 11 §6): w_min = the smaller of the real mask's narrowest pore
     * ({@link Resolution#forMask}, 5th percentile of the local thickness, ≥ {@value Resolution#MASK_MIN_PIXELS} pixels) and
     * the twin's δ ({@link Resolution#forIdeal} / {@link Resolution#forCylinders}); interface width and scale from it.
     * An automatic dx is the twin's whole-cell dx under dx_max of that interface (so every channel of the twin has the same
     * number of cells), an explicit dx is checked against dx_max. Not yet checked for under-resolution ({@link Resolution#require}).
     */
    static Rule rule(boolean[] canonical, int[] dims, double pixelUm, double delta, double phi, boolean threeD, boolean hex,
            PhaseFieldParameters p) {
        Resolution rReal = Resolution.forMask(canonical, dims[0], dims[1], dims[2], pixelUm, p);
        Resolution rTwin = threeD ? Resolution.forCylinders(delta, phi, hex, p) : Resolution.forIdeal(delta, phi, p);
        Resolution res;
        if (rTwin.narrowestPoreUm() < rReal.narrowestPoreUm() || p.dxUm > 0) {
            // the twin sets the interface (its dx is already whole cells per channel), or an explicit dx: checked against
            // the narrower pore's dx_max
            res = rTwin.narrowestPoreUm() < rReal.narrowestPoreUm() ? rTwin : rReal;
        } else {
            // the real mask sets the interface: the twin's whole-cell dx for that interface width
            PhaseFieldParameters q = p.copy();
            q.interfacePoreFraction = rReal.interfaceWidthUm() / delta;
            Resolution aligned = threeD ? Resolution.forCylinders(delta, phi, hex, q) : Resolution.forIdeal(delta, phi, q);
            double dx = Math.min(aligned.dxUm(), rReal.maxDxUm());
            String m = rReal.message();
            int cut = m.lastIndexOf("; dx ");
            String head = cut > 0 && !rReal.underResolved() ? m.substring(0, cut) : m;
            String grid = String.format(Locale.ROOT, "%.3g cells across the interface, %.3g across the narrowest pore; %s of the ideal twin",
                    rReal.interfaceWidthUm() / dx, rReal.narrowestPoreUm() / dx, twinGrid(aligned));
            res = new Resolution(rReal.narrowestPoreUm(), rReal.source(), rReal.interfaceWidthUm(), rReal.scale(), rReal.phiSupportUm(),
                    rReal.maxDxUm(), dx, true, rReal.underResolved(), rReal.underResolved() ? m
                            : String.format(Locale.ROOT, "%s; dx %.4g µm automatic (%s)", head, dx, grid));
        }
        return new Rule(res, rReal.narrowestPoreUm(), delta);
    }

    /** "32 cells per channel, 80 cells per period" from an ideal {@link Resolution#message()}, or "" when it has none. */
    private static String twinGrid(Resolution r) {
        String m = r.message();
        int i = m.lastIndexOf("; ");
        int j = m.lastIndexOf(')');
        return i > 0 && j > i ? m.substring(i + 2, j) : "grid";
    }

    /**
     * One flat row of a comparison for a batch's combined table: porosity, δ, S_c and R_J real/ideal,
     * phase-field metrics real/ideal/flat ({@link CompareResult#PF_ROW_METRICS}).
     */
    public static Map<String, Object> row(CompareResult r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("porosity", r.porosity());
        row.put("pore_diameter_um", r.poreDiameterUm());
        row.put("specific_surface_real_per_um", r.scRealPerUm);
        row.put("specific_surface_ideal_per_um", r.scIdealPerUm);
        row.put("current_density_reduction_real", r.rjReal);
        row.put("current_density_reduction_ideal", r.rjIdeal);
        if (r.pfReal != null) {
            for (String k : CompareResult.PF_ROW_METRICS) {
                row.put(k + "_real", CompareResult.metric(r.pfReal, k));
                row.put(k + "_ideal", CompareResult.metric(r.pfIdeal, k));
                if (r.pfFlat != null) {
                    row.put(k + "_flat", CompareResult.metric(r.pfFlat, k));
                }
            }
        }
        row.put(r.real.poreDiameterKey(), r.poreDiameterUm()); // the explicit meaning of pore_diameter_um
        return row;
    }


    /** SHA-256 of a file, lower-case hex ({@link Provenance#sha256}). */
    public static String sha256(Path f) {
        return Provenance.sha256(f);
    }
}
