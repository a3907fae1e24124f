package org.porophase.analysis;

import org.porophase.segment.SurfaceDetector;
import org.porophase.core.MaskSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.BinaryVolume;
import org.porophase.core.Parallel;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.porophase.core.Calibration;
import org.porophase.core.InvalidValueException;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.OutputNames;
import org.porophase.io.VolumeReaders;
import org.porophase.binary.ComponentLabeler;
import org.porophase.measure.IntrinsicVolumes;
import org.porophase.binary.LocalThickness;
import org.porophase.segment.CropBox;
import org.porophase.segment.CroppedSource;
import org.porophase.segment.Cylinder;
import org.porophase.filter.Denoise3D;
import org.porophase.segment.StackHistogram;
import org.porophase.segment.ThresholdCheck;
import org.porophase.segment.ThresholdRule;
import org.porophase.segment.ThresholdedMask;

/**
 * Entry point of the XCT volume analysis: read → segment → measure → (optionally) write outputs.
 * <p>
 * Pipeline: open the volume ({@link VolumeReaders}); crop box; cylinder field of view; optional 3D
 * denoising; global auto threshold on the stack histogram (or a manual threshold, or a label value);
 * optional surface detection along the axis (the analysis is then restricted to the slab between the
 * surfaces); streaming 3D labelling (open/closed/percolating pores, small-object removal); streaming
 * porosity/profile/Crofton surface area/Euler characteristic; local thickness (in memory).
 * <p>
 * Memory: when local thickness is on, or the mask (1 byte/voxel) takes less than a quarter of the
 * free heap, the mask is held in memory once; otherwise every pass streams from the file (denoising
 * and thresholding recomputed per pass) and only O(slices) memory is used (labelling adds 13 bytes per
 * 2D pore component).
 */
public final class VolumeAnalyzer {
    private VolumeAnalyzer() {
    }

    /** True for inputs the volume analysis handles (see {@link VolumeReaders#isVolume}). */
    public static boolean isVolume(Path p) {
        return VolumeReaders.isVolume(p);
    }

    /** Reads, segments and measures a volume file or slice folder (writes nothing; see pipeline.AnalyzeJob); input and its SHA-256 recorded. */
    public static VolumeAnalysis analyze(Path input, VolumeOptions opt) {
        if (opt.blockwise) {
            return BlockwiseAnalyzer.analyze(input, opt);
        }
        try (VolumeSource src = VolumeReaders.open(input, opt.dataset, opt.sliceSpacingUm, opt.threads)) {
            List<String> notes = new ArrayList<>();
            VolumeSource scan = SectionScan.withoutDataBar(src, input, notes);
            return analyze(scan, opt, notes).withInput(input.toString(), Provenance.sha256OrNull(input));
        }
    }

    /** File stem of an input: its name without the last extension (see {@link OutputNames#stem}). */
    static String baseName(Path p) {
        return OutputNames.stem(p);
    }

    private static double secs(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
    }

    /** Analyzes an opened volume (outputs other than the result object are not written). */
    public static VolumeAnalysis analyze(VolumeSource src, VolumeOptions o) {
        if (o.blockwise) {
            return BlockwiseAnalyzer.analyze(src, o);
        }
        return analyze(src, o, List.of());
    }

    private static VolumeAnalysis analyze(VolumeSource src, VolumeOptions o, List<String> notes) {
        o.checkVolumeOutputs();
        if (o.tauRev) {
            throw new PoroPhaseException("tau_rev is the block-wise tortuosity statistic: add --blockwise, or use --conduction (the solid) or the "
                    + "transport command (any phase) for the tortuosity of the whole volume");
        }
        int threads = Parallel.threads(o.threads);
        VolumeAnalysis.Builder a = VolumeAnalysis.builder();
        notes.forEach(a::warning);
        a.source(src.description()).dimensions(src.width(), src.height(), src.depth()).axis(o.axis).parameters(o.toMap());
        VoxelSize vs = resolveVoxelSize(src, o, a);
        CropBox box = CropBox.parse(o.crop, src.width(), src.height(), src.depth());
        if (o.localThickness && !o.streaming) {
            // fail fast, before any pass over the data
            MemoryCheck.require(LocalThickness.memoryNeeded(box.w(), box.h(), box.d()), "local thickness of the " + box.w() + "×" + box.h()
                    + "×" + box.d() + " analysed box (6 bytes per voxel; switch it off with --no-local-thickness to stream the rest)");
        }
        Cylinder cyl = null;
        String cy = o.cylinder == null ? "none" : o.cylinder.trim().toLowerCase(Locale.ROOT);
        long t0 = System.nanoTime();
        if (cy.equals("auto")) {
            cyl = Cylinder.detect(src);
        } else if (!cy.isEmpty() && !cy.equals("none")) {
            cyl = Cylinder.parse(cy);
        }
        String cylName = cyl == null ? "none" : cyl.toString();
        a.cylinder(cylName);
        Denoise3D.Mode mode = switch (o.denoise == null ? "none" : o.denoise.trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> Denoise3D.Mode.NONE;
            case "median" -> Denoise3D.Mode.MEDIAN;
            case "gaussian" -> Denoise3D.Mode.GAUSSIAN;
            default -> throw new PoroPhaseException("denoise must be none, median or gaussian, got '" + o.denoise + "'");
        };
        double sigmaUm = o.gaussianSigmaVoxels * vs.min();
        VolumeSource gray = filtered(src, box, mode, sigmaUm, vs);
        boolean[] fov = ThresholdedMask.checkedFieldOfView(cyl, box, String.valueOf(cylName));
        o.report("threshold", 0.0);
        ThresholdRule rule = o.givenRule();
        if (rule == null) {
            rule = StackHistogram.compute(gray, fov, threads).autoThreshold(o.thresholdMethod, o.darkPores);
        }
        a.threshold(rule);
        a.timing("threshold", secs(t0));
        MaskSource mask = new ThresholdedMask(gray, rule, vs, fov);
        int origin = box.x0() * (o.axis == 0 ? 1 : 0) + box.y0() * (o.axis == 1 ? 1 : 0) + box.z0() * (o.axis == 2 ? 1 : 0);
        if (o.detectSurfaces) {
            t0 = System.nanoTime();
            o.report("surfaces", 0.1);
            IntrinsicVolumes pre = IntrinsicVolumes.measure(mask, o.axis, threads);
            int[] s = SurfaceDetector.detect(pre.profile(), o.surfaceFraction);
            box = box.restrict(o.axis, s[0], s[1]);
            origin += s[0];
            a.surfaces(new int[] {origin, origin + s[1] - s[0]});
            gray = filtered(src, box, mode, sigmaUm, vs);
            fov = ThresholdedMask.fieldOfView(cyl, box);
            mask = new ThresholdedMask(gray, rule, vs, fov);
            a.timing("surfaces", secs(t0));
        }
        a.profileOrigin(origin).analysedBox(box.toString());
        long maskBytes = box.voxels();
        if (o.streaming && o.localThickness) {
            throw new PoroPhaseException("local thickness needs the mask in memory (6 bytes per voxel): switch local thickness off "
                    + "(--no-local-thickness) for a streaming analysis, or switch streaming off");
        }
        boolean inMemory = !o.streaming && (o.localThickness || maskBytes < MemoryCheck.available() / 4);
        BinaryVolume bv = null;
        if (inMemory) {
            t0 = System.nanoTime();
            o.report("segment", 0.2);
            bv = BinaryVolume.copyOf(mask, threads);
            mask = bv;
            // the gray volume is in memory as the mask now: the reader's cache (a Zarr's decoded chunks, up to a third
            // of the heap) would otherwise stay taken through labelling and local thickness and fail their memory checks
            gray.releaseCache();
            a.timing("segment_to_memory", secs(t0));
        }
        a.memory(inMemory, inMemory ? maskBytes : 0);
        ComponentLabeler lab = null;
        if (o.saveLabels) {
            // fail fast, before labelling: the label volume is held in memory (4 bytes per voxel)
            MemoryCheck.require(ComponentLabeler.labelVolumeMemory(box.w(), box.h(), box.d()), "the label volume (save_labels) of the "
                    + box.w() + "×" + box.h() + "×" + box.d() + " analysed box (4 bytes per voxel; leave --save-labels out, or crop)");
        }
        if (o.connectivity || o.minPoreVoxels > 0 || o.saveLabels) {
            t0 = System.nanoTime();
            o.report("labelling", 0.3);
            lab = ComponentLabeler.label(mask, threads);
            a.labellingMemoryBytes(lab.memoryBytes());
            if (o.saveLabels) {
                // numbered like the summary's components: before small-object removal, removed components 0
                a.labels(lab.labelVolume(mask, o.minPoreVoxels, threads));
            }
            if (o.minPoreVoxels > 0) {
                MaskSource cleaned = lab.cleaned(mask, o.minPoreVoxels);
                if (bv != null) {
                    BinaryVolume target = bv;
                    Parallel.of(threads).forRange(bv.depth(), (long) bv.width() * bv.height() * bv.depth(), (z0, z1) -> {
                        for (int z = z0; z < z1; z++) {
                            byte[] c = cleaned.slice(z);
                            System.arraycopy(c, 0, target.slice(z), 0, c.length);
                        }
                    });
                } else {
                    mask = cleaned;
                }
            }
            if (o.connectivity) {
                a.components(lab.stats(ComponentLabeler.faceMask(o.openFaces, o.axis), o.axis, o.minPoreVoxels), o.openFaces);
            }
            a.timing("labelling", secs(t0));
        }
        t0 = System.nanoTime();
        o.report("measure", 0.5);
        IntrinsicVolumes measures = IntrinsicVolumes.measure(mask, o.axis, threads);
        checkRuleSelects(rule, o, measures, gray, fov, threads);
        if (bv != null) {
            gray.releaseCache(); // the rule check may have read the gray volume again
        }
        a.measures(measures);
        a.timing("porosity_surface_euler", secs(t0));
        long expected = box.voxels();
        if (fov != null) {
            long in = 0;
            for (boolean b : fov) {
                in += b ? 1 : 0;
            }
            expected = in * box.d();
        }
        long nanVoxels = expected - measures.roiVoxels;
        a.nanVoxels(nanVoxels);
        if (nanVoxels > 0) {
            a.warning(nanVoxels + " NaN voxels (no data) were excluded from every measure, like voxels outside the ROI");
        }
        if (measures.roiVoxels == 0) {
            throw new PoroPhaseException("no voxel left to analyse in " + src.description() + ": the ROI is empty or all voxels are NaN");
        }
        if (o.localThickness) {
            t0 = System.nanoTime();
            o.report("local thickness", 0.6);
            a.localThickness(LocalThickness.compute(bv, o.localThicknessStepVoxels, threads, o.saveThickness));
            a.timing("local_thickness", secs(t0));
        }
        if (o.conduction) {
            t0 = System.nanoTime();
            o.report("conduction", 0.8);
            org.porophase.transport.PhaseGrid solid = org.porophase.transport.PhaseGrid.ofMask(mask, MaskSource.SOLID, "solid (LLZO)", threads);
            a.conduction(ConductivityComparison.of(solid, org.porophase.transport.Axis.values()[o.axis], o.measuredConductivitySCm,
                    org.porophase.transport.TransportOptions.defaults().withThreads(threads).withSides(o.sideBoundary),
                    "the segmented volume (analysed box)"));
            a.timing("conduction", secs(t0));
        }
        if (o.writeMask) {
            if (bv != null) {
                a.mask(bv);
            } else {
                a.warning("mask TIFF not written: the mask was streamed (does not fit in memory)");
            }
        }
        o.report("done", 1.0);
        return a.build();
    }


    /**
     * The voxel size of the analysis (given, else the source's; an error naming the fix when neither), checked
     * for plausibility, with the warnings (unusual calibration, anisotropic voxels) added to {@code a}; shared
     * by the in-memory/streaming and the block-wise paths.
     */
    static VoxelSize resolveVoxelSize(VolumeSource src, VolumeOptions o, VolumeAnalysis.Builder a) {
        VoxelSize vs;
        if (o.voxelSize != null) {
            vs = o.voxelSize;
            a.voxelSize(vs, "given (--voxel-size)");
        } else if (src.voxelSize() != null) {
            vs = src.voxelSize();
            a.voxelSize(vs, src.voxelSizeSource());
        } else {
            throw new PoroPhaseException(src.description() + " has no voxel size in its metadata (" + src.voxelSizeSource()
                    + "); pass it with --voxel-size X,Y,Z in µm (Fiji: the 'voxel size' field)");
        }
        for (double c : new double[] {vs.x(), vs.y(), vs.z()}) {
            if (!Calibration.plausible(c)) {
                String msg = String.format(Locale.ROOT, "%s voxel size %s,%s,%s µm is not a plausible voxel spacing: --voxel-size is in µm and each "
                        + "spacing must lie between 1e-6 (1 pm) and 1000 (1 mm), e.g. --voxel-size 0.85 or 0.85,0.85,1.7",
                        o.voxelSize != null ? "the given" : src.description() + ": its", ThresholdCheck.fmt(vs.x()), ThresholdCheck.fmt(vs.y()), ThresholdCheck.fmt(vs.z()));
                throw o.voxelSize != null ? new InvalidValueException(msg) : new PoroPhaseException(msg + " (pass the right one with --voxel-size)");
            }
        }
        String unusual = o.voxelSize != null ? null : Calibration.volumeWarning(vs, src.voxelSizeSource());
        if (unusual != null) {
            a.warning(unusual);
        }
        if ((Math.abs(vs.y() / vs.x() - 1) > 1e-4 || Math.abs(vs.z() / vs.x() - 1) > 1e-4) && src.depth() > 1) {
            a.warning("anisotropic voxels " + vs + " µm: all measures use the three spacings");
        }
        return vs;
    }

    /**
     * A manual threshold or a pore label that selects no voxel (or every voxel) is checked against
     * the data's gray values (one histogram pass, only in that case): outside them it is a wrong value
     * ({@link InvalidValueException} naming the value and the range), inside them a valid dense (or
     * fully porous) result.
     */
    private static void checkRuleSelects(ThresholdRule rule, VolumeOptions o, IntrinsicVolumes m, VolumeSource gray, boolean[] fov, int threads) {
        if (needsRuleCheck(rule, o, m)) {
            checkRuleSelects(rule, o, m, StackHistogram.compute(gray, fov, threads));
        }
    }

    /** True when the rule selected no voxel or every voxel and the gray-value histogram must say whether that is valid. */
    static boolean needsRuleCheck(ThresholdRule rule, VolumeOptions o, IntrinsicVolumes m) {
        boolean none = m.poreVoxels == 0;
        boolean all = m.roiVoxels > 0 && m.poreVoxels == m.roiVoxels;
        if (!(none || all) || m.roiVoxels == 0) {
            return false;
        }
        return (rule.labelMode() && none && o.minPoreVoxels <= 0) || (!rule.labelMode() && "manual".equals(rule.method()));
    }

    /** The check of {@link #needsRuleCheck} on the histogram of the analysed gray values. */
    static void checkRuleSelects(ThresholdRule rule, VolumeOptions o, IntrinsicVolumes m, StackHistogram h) {
        boolean none = m.poreVoxels == 0;
        String note = (o.denoise != null && !o.denoise.isBlank() && !"none".equalsIgnoreCase(o.denoise.trim()))
                ? " (after " + o.denoise.trim().toLowerCase(Locale.ROOT) + " denoising)" : "";
        if (rule.labelMode() && none && o.minPoreVoxels <= 0) {
            throw new InvalidValueException(String.format(Locale.ROOT,
                    "pore value %s does not occur in the analysed volume%s (its values span %s … %s): no voxel is pore; give the label "
                            + "value of the pores (--pore-value), or leave it out and threshold the gray values (--threshold, --threshold-method)",
                    ThresholdCheck.fmt(rule.poreValue()), note, ThresholdCheck.fmt(dataMin(h)), ThresholdCheck.fmt(h.max)));
        }
        if (!rule.labelMode() && "manual".equals(rule.method())) {
            ThresholdCheck.requireSplits(rule.threshold(), dataMin(h), h.max, !o.darkPores, "the volume", note);
        }
    }

    /** The smallest value present (an 8-bit histogram starts at 0 whether or not 0 occurs). */
    private static double dataMin(StackHistogram h) {
        for (int k = 0; k < h.counts.length; k++) {
            if (h.counts[k] > 0) {
                return h.min + k * h.binWidth;
            }
        }
        return h.min;
    }

    private static VolumeSource filtered(VolumeSource src, CropBox box, Denoise3D.Mode mode, double sigmaUm, VoxelSize vs) {
        VolumeSource c = new CroppedSource(src, box);
        return mode == Denoise3D.Mode.NONE ? c : new Denoise3D(c, mode, sigmaUm, vs);
    }
}
