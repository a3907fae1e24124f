package org.porophase.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.PoroPhaseException;
import org.porophase.analysis.SemAnalysisResult;
import org.porophase.volume.BinaryVolume;
import org.porophase.volume.MaskSource;
import org.porophase.volume.VolumeAnalysis;
import org.porophase.volume.VoxelSize;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/**
 * The measured (real) side of a comparison, from a 2D SEM analysis or a 3D volume analysis: the
 * numbers the ideal twin is built from and the 2D pore mask the phase-field runs on.
 */
public final class RealSample {
    /** File stem. */
    public final String title;
    /** "sem-2d" or "volume-3d". */
    public final String kind;
    /** The analysis keys ({@code analyze --json} or {@code analyze-volume --json}). */
    public final Map<String, Object> summary;
    /** Porosity φ. */
    public final double porosity;
    /** Mean pore diameter δ, µm (SEM: mean equivalent-circle diameter of the counted pores; volume: volume-weighted local thickness). */
    public final double poreDiameterUm;
    /** Measured S_c, µm⁻¹ (SEM: P_p/A_t, eq. 3; volume: S_v = surface area / volume, Crofton 13 directions). */
    public final double scPerUm;
    /** 2D pore mask for the phase-field (255 = pore), Li side at the top, calibrated in µm (square pixels). */
    public final ImagePlus phaseFieldMask;
    /** Pixel size of {@link #phaseFieldMask}, µm. */
    public final double maskPixelUm;
    /** QC image (SEM: pore outlines on the analysed image; volume: the central section of the mask). */
    public final ImagePlus qc;
    /** Pore size histogram: diameter (µm, bin centre) and pore-space fraction; null when not computed. */
    public final double[][] psd;
    /** Mean of the pore size distribution (µm), NaN when none. */
    public final double psdMeanUm;
    /** Where the phase-field plane comes from. */
    public final String plane;
    public final List<String> warnings;

    private RealSample(String title, String kind, Map<String, Object> summary, double porosity, double poreDiameterUm, double scPerUm,
            ImagePlus phaseFieldMask, double maskPixelUm, ImagePlus qc, double[][] psd, double psdMeanUm, String plane, List<String> warnings) {
        this.title = title;
        this.kind = kind;
        this.summary = summary;
        this.porosity = porosity;
        this.poreDiameterUm = poreDiameterUm;
        this.scPerUm = scPerUm;
        this.phaseFieldMask = phaseFieldMask;
        this.maskPixelUm = maskPixelUm;
        this.qc = qc;
        this.psd = psd;
        this.psdMeanUm = psdMeanUm;
        this.plane = plane;
        this.warnings = warnings;
    }

    /** From a 2D SEM analysis (must be calibrated). */
    public static RealSample of(SemAnalysisResult r) {
        if (!r.image().calibration().isCalibrated()) {
            throw new PoroPhaseException("image " + r.baseTitle() + " has no pixel size: compare needs µm (pass --pixel-size UM)");
        }
        Map<String, Object> s = new LinkedHashMap<>(r.summary());
        s.remove("parameters");
        double[][] psd = null;
        double mean = Double.NaN;
        if (r.thickness() != null && !r.thickness().histogramRows().isEmpty()) {
            List<List<Object>> rows = r.thickness().histogramRows();
            psd = new double[2][rows.size()];
            for (int k = 0; k < rows.size(); k++) {
                psd[0][k] = ((Number) rows.get(k).get(0)).doubleValue();
                psd[1][k] = ((Number) rows.get(k).get(2)).doubleValue();
            }
            mean = r.thickness().meanUm();
        }
        double px = r.image().calibration().pixelWidthUm();
        ImagePlus mask = r.maskImage();
        double py = r.image().calibration().pixelHeightUm();
        if (Math.abs(py - px) > 1e-6 * px) {
            mask = square(mask.getProcessor(), px, py, r.baseTitle());
            px = Math.min(px, py);
        }
        return new RealSample(r.baseTitle(), "sem-2d", s, r.pores().porosity(), r.poreDiameterUm(), r.pores().specificSurfaceAreaPerUm(),
                mask, px, r.overlayImage(), psd, mean, "the SEM image plane, Li from the top edge of the analysed area", new ArrayList<>(r.warnings()));
    }

    /**
     * From a 3D volume analysis (needs its in-memory mask and local thickness): the phase-field plane is
     * the central section containing the thickness axis ({@code a.axis}), Li from the axis' first slice.
     */
    public static RealSample of(VolumeAnalysis a, String title) {
        BinaryVolume bv = a.mask;
        if (bv == null) {
            throw new PoroPhaseException("volume " + title + ": the segmented mask is not in memory (streamed); compare needs a volume that fits in memory (crop it with analyze-volume --crop)");
        }
        Double delta = a.meanPoreDiameter();
        if (delta == null) {
            throw new PoroPhaseException("volume " + title + ": no local-thickness pore size (needed for the ideal twin); do not disable local thickness");
        }
        int t = a.axis;
        int l = t == 0 ? 1 : 0; // lateral axis of the section
        int f = 3 - t - l; // fixed axis, at its middle
        int[] n = {bv.width(), bv.height(), bv.depth()};
        VoxelSize vs = bv.voxelSize();
        double[] v = vs.toArray();
        int fm = n[f] / 2;
        ByteProcessor bp = new ByteProcessor(n[l], n[t]);
        int[] c = new int[3];
        c[f] = fm;
        for (int row = 0; row < n[t]; row++) {
            c[t] = row;
            for (int col = 0; col < n[l]; col++) {
                c[l] = col;
                bp.set(col, row, bv.get(c[0], c[1], c[2]) == MaskSource.PORE ? 255 : 0);
            }
        }
        String[] names = {"x", "y", "z"};
        ImagePlus mask;
        double px = v[l];
        if (Math.abs(v[l] - v[t]) > 1e-6 * v[l]) {
            mask = square(bp, v[l], v[t], title);
            px = Math.min(v[l], v[t]);
        } else {
            mask = new ImagePlus(title + "-section", bp);
            mask.getCalibration().pixelWidth = px;
            mask.getCalibration().pixelHeight = px;
            mask.getCalibration().setUnit("micron");
        }
        ImagePlus qc = new ImagePlus(title + "-section-qc", bp.duplicate());
        double[][] psd = null;
        if (a.localThickness.diameters.length > 0) {
            psd = new double[2][a.localThickness.diameters.length];
            for (int k = 0; k < psd[0].length; k++) {
                psd[0][k] = a.localThickness.diameters[k];
                psd[1][k] = a.localThickness.poreVoxels > 0 ? a.localThickness.counts[k] / (double) a.localThickness.poreVoxels : 0;
            }
        }
        Map<String, Object> s = new LinkedHashMap<>(a.toJson());
        s.remove("parameters");
        String plane = String.format(Locale.ROOT, "central %s%s section (%s = %d of %d) of the volume, thickness axis %s, Li from %s = 0",
                names[l], names[t], names[f], fm, n[f], names[t], names[t]);
        return new RealSample(title, "volume-3d", s, a.porosity(), delta, a.specificSurfaceArea(), mask, px, qc, psd, delta, plane,
                new ArrayList<>(a.warnings));
    }

    /** Resamples a mask of pixel pw × ph to square pixels of min(pw, ph) (nearest neighbour). */
    private static ImagePlus square(ImageProcessor ip, double pw, double ph, String title) {
        double p = Math.min(pw, ph);
        int w = Math.max(1, (int) Math.round(ip.getWidth() * pw / p));
        int h = Math.max(1, (int) Math.round(ip.getHeight() * ph / p));
        ip.setInterpolationMethod(ImageProcessor.NONE);
        ImagePlus imp = new ImagePlus(title + "-section", ip.resize(w, h));
        imp.getCalibration().pixelWidth = p;
        imp.getCalibration().pixelHeight = p;
        imp.getCalibration().setUnit("micron");
        return imp;
    }

    /** Width of the phase-field mask, µm. */
    public double widthUm() {
        return phaseFieldMask.getWidth() * maskPixelUm;
    }

    /** Height (thickness) of the phase-field mask, µm. */
    public double heightUm() {
        return phaseFieldMask.getHeight() * maskPixelUm;
    }
}
