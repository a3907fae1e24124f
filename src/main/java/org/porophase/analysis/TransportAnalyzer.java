package org.porophase.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.porophase.core.Calibration;
import org.porophase.core.MaskSource;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.ImagePlusSource;
import org.porophase.io.VolumeReaders;
import org.porophase.segment.StackHistogram;
import org.porophase.segment.ThresholdRule;
import org.porophase.segment.ThresholdedMask;
import org.porophase.transport.Axis;
import org.porophase.transport.PhaseGrid;
import org.porophase.transport.TortuositySolver;
import org.porophase.transport.TransportResult;
import org.porophase.transport.TwoPhaseConduction;
import org.porophase.transport.TwoPhaseResult;

/**
 * Reads an input (a volume, or a 2D mask/image as a grid of depth 1), selects the conducting phase
 * (a label value, or pore/solid after the same segmentation as {@code analyze-volume}: pore label,
 * manual threshold or auto threshold on the stack histogram) and solves the transport along each
 * requested axis ({@link TortuositySolver}). Writes nothing (see pipeline.TransportJob).
 */
public final class TransportAnalyzer {
    private TransportAnalyzer() {
    }

    /** Opens and analyses a file or slice folder. */
    public static TransportAnalysis analyze(Path input, TransportSettings s) {
        try (VolumeSource src = open(input, s.dataset, s.threads)) {
            List<String> notes = new ArrayList<>();
            VolumeSource scan = SectionScan.withoutDataBar(src, input, notes);
            return analyze(scan, s, input.toString(), notes);
        }
    }

    /** A volume via {@link VolumeReaders}; a single 2D image that is not a TIFF through ImageJ. */
    static VolumeSource open(Path input, String dataset, int threads) {
        String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png") || name.endsWith(".gif") || name.endsWith(".bmp") || name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            if (!java.nio.file.Files.isRegularFile(input)) {
                throw new PoroPhaseException("input not found: " + input + " (give a volume file, a slice folder or a 2D mask image)");
            }
            ij.ImagePlus imp = ij.IJ.openImage(input.toString());
            if (imp == null) {
                throw new PoroPhaseException(input + ": cannot be read as an image");
            }
            return new ImagePlusSource(imp, "2D image " + input.getFileName());
        }
        return VolumeReaders.open(input, dataset, null, threads);
    }

    /** Analyses an opened source ({@code input} names it in the results). */
    public static TransportAnalysis analyze(VolumeSource src, TransportSettings s, String input) {
        return analyze(src, s, input, List.of());
    }

    private static TransportAnalysis analyze(VolumeSource src, TransportSettings s, String input, List<String> notes) {
        TwoPhaseConduction.checkRatio(s.otherPhaseConductivity);
        int threads = Parallel.threads(s.threads);
        List<String> warnings = new ArrayList<>(notes);
        VoxelSize vs;
        String vsSource;
        if (s.voxelSize != null) {
            vs = s.voxelSize;
            vsSource = "given (--voxel-size)";
        } else if (src.voxelSize() != null) {
            vs = src.voxelSize();
            vsSource = src.voxelSizeSource();
        } else {
            throw new PoroPhaseException(src.description() + " has no voxel size in its metadata (" + src.voxelSizeSource()
                    + "); pass it with --voxel-size X,Y,Z in µm");
        }
        for (double c : vs.toArray()) {
            if (!Calibration.plausible(c)) {
                throw new PoroPhaseException("voxel size " + vs + " µm is not a plausible voxel spacing (each between 1e-6 and 1000 µm); "
                        + "pass the right one with --voxel-size");
            }
        }
        List<Axis> axes = Axis.parseList(s.axis, src.depth());
        PhaseGrid g;
        String segmentation;
        if (s.phaseValue != null) {
            double v = s.phaseValue;
            g = PhaseGrid.ofRange(src, vs, v, v, "label " + fmt(v), threads);
            segmentation = "label value " + fmt(v);
        } else {
            if (!s.phase.equals("pore") && !s.phase.equals("solid")) {
                throw new PoroPhaseException("phase must be pore or solid, got '" + s.phase + "' (or give --phase-value for a label)");
            }
            ThresholdRule rule;
            if (s.poreValue != null) {
                rule = ThresholdRule.label(s.poreValue);
                segmentation = "pores = label " + fmt(s.poreValue);
            } else if (s.threshold != null) {
                rule = new ThresholdRule(s.threshold, s.darkPores, false, Double.NaN, "manual");
                segmentation = "pores " + (s.darkPores ? "<= " : "> ") + fmt(s.threshold) + " (manual threshold)";
            } else {
                rule = StackHistogram.compute(src, null, threads).autoThreshold(s.thresholdMethod, s.darkPores);
                segmentation = "pores " + (s.darkPores ? "<= " : "> ") + fmt(rule.threshold()) + " (" + rule.method() + ")";
            }
            MaskSource mask = new ThresholdedMask(src, rule, vs, null);
            boolean pore = s.phase.equals("pore");
            g = PhaseGrid.ofMask(mask, pore ? MaskSource.PORE : MaskSource.SOLID, s.phase, threads);
        }
        if (g.phaseVoxels() == 0) {
            throw new PoroPhaseException("the phase '" + g.name() + "' is absent from " + src.description() + " (" + segmentation
                    + "): check --phase-value / --phase / the threshold");
        }
        if (g.phaseVoxels() == g.voxels()) {
            // e.g. the pores of a volume with no solid: a valid but trivial result, most often a segmentation that missed the other phase
            warnings.add("the phase '" + g.name() + "' fills the whole box (no other phase, " + segmentation + "): D_eff/D0 = tau = 1 trivially and "
                    + "beta is undefined; check the segmentation (--threshold, --pore-phase, --pore-value) if the sample has two phases");
        }
        List<TransportAnalysis.AxisOutcome> out = new ArrayList<>();
        boolean two = s.otherPhaseConductivity > 0;
        if (two && (s.geometricTortuosity || s.drainage)) {
            warnings.add("two-phase solve (other_phase_conductivity " + s.otherPhaseConductivity + "): the geometric tortuosity and the drainage "
                    + "are one-phase measures of the phase's own paths and are not computed; run with --other-phase-conductivity 0 for them");
        }
        for (Axis a : axes) {
            try {
                if (two) {
                    TwoPhaseResult t = TwoPhaseConduction.solve(g, a, s.solver(), s.otherPhaseConductivity);
                    if (!t.converged()) {
                        warnings.add("axis " + a.letter() + ": not converged after " + t.iterations() + " iterations (flux spread "
                                + String.format(Locale.ROOT, "%.2g", t.fluxSpread()) + " > " + s.fluxTolerance + "); raise max_iterations");
                    }
                    out.add(new TransportAnalysis.AxisOutcome(a, null, null, null, null, t));
                    continue;
                }
                TransportResult r = TortuositySolver.solve(g, a, s.solver());
                if (!r.converged()) {
                    warnings.add("axis " + a.letter() + ": not converged after " + r.iterations() + " iterations (flux spread "
                            + String.format(Locale.ROOT, "%.2g", r.fluxSpread()) + " > " + s.fluxTolerance + "); raise max_iterations");
                }
                Double geo = s.geometricTortuosity ? org.porophase.transport.GeometricTortuosity.compute(g, a, s.sideBoundary) : null;
                org.porophase.transport.Drainage.Result dr = s.drainage ? org.porophase.transport.Drainage.compute(g, a, 0.5, threads, false, s.sideBoundary) : null;
                out.add(new TransportAnalysis.AxisOutcome(a, r, null, geo, dr));
            } catch (PoroPhaseException e) {
                if (axes.size() == 1) {
                    throw e;
                }
                out.add(new TransportAnalysis.AxisOutcome(a, null, e.getMessage(), null, null));
            }
        }
        if (out.stream().allMatch(o -> o.result() == null && o.twoPhase() == null)) {
            throw new PoroPhaseException(String.join("; ", out.stream().map(TransportAnalysis.AxisOutcome::error).toList()));
        }
        if (Math.abs(vs.y() / vs.x() - 1) > 1e-4 || (src.depth() > 1 && Math.abs(vs.z() / vs.x() - 1) > 1e-4)) {
            warnings.add("anisotropic voxels " + vs + " µm: the solve uses the three spacings");
        }
        return new TransportAnalysis(input, src.description(), new int[] {src.width(), src.height(), src.depth()}, vs, vsSource, g.name(),
                segmentation, out, s.toMap(), warnings);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
