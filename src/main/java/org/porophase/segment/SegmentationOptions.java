package org.porophase.segment;

import org.porophase.filter.Denoise;
import java.util.Arrays;
import java.util.Locale;


import ij.process.AutoThresholder;
import org.porophase.core.PoroPhaseException;

/**
 * Options of {@link Segmenter2D}. Mutable, with chaining setters; defaults:
 * <ul>
 * <li>{@code method = "Otsu"}: any {@link ThresholdMethods} name (case-insensitive:
 * Default, Huang, Intermodes, IsoData, IJ_IsoData, Li, MaxEntropy, Mean, MinError, Minimum, Moments,
 * Otsu, Percentile, RenyiEntropy, Shanbhag, Triangle, Yen) or {@code "Manual"}.</li>
 * <li>{@code manualThreshold = NaN}: used with "Manual", in the gray units of the filtered image;
 * pixels ≤ it form the dark phase.</li>
 * <li>{@code poresBright = false}: pores are the dark phase (SEM of ceramics: pores dark).</li>
 * <li>{@code denoise = MEDIAN}, {@code denoiseRadiusPx = 1.0} (median radius, Gaussian σ, or non-local-means search
 * radius); {@code noiseSigma = NaN} (non-local means: noise σ in grey units, NaN = estimated on the image). The SEM
 * analysis's {@code denoise: auto} sets non-local means or none per image (NoiseEstimator).</li>
 * <li>{@code shadingCorrection = false}, {@code shadingRadiusPx = 50}: rolling-ball background of
 * the solid phase, subtracted (see {@link Segmenter2D}); the radius must exceed the largest pore.</li>
 * <li>{@code minPoreAreaPx = 4}: pore components (8-connected) with fewer pixels are set to solid.</li>
 * <li>{@code fillHoles = true}: solid components (4-connected) that do not touch the image border and
 * have fewer than {@code minPoreAreaPx} pixels become pore (specks inside pores).</li>
 * <li>{@code watershed = false}: separate touching pores with ImageJ's EDM watershed.</li>
 * <li>{@code deconvolveSigmaPx = NaN} (none): after denoising and shading correction, Landweber deconvolution
 * with a Gaussian PSF of this σ ({@link org.porophase.filter.Deconvolution}, {@code deconvolveIterations =}
 * {@value org.porophase.filter.Deconvolution#DEFAULT_ITERATIONS}, then a Gaussian of {@code deconvolveSmoothingPx =}
 * {@value org.porophase.filter.Deconvolution#DEFAULT_SMOOTHING_PX} px); the SEM analysis's {@code deconvolve: auto} sets σ
 * to the edge blur NoiseEstimator measures.</li>
 * <li>{@code splitDynamics = 0} (off): after the clean-up, cut pore components along the grey image's watershed
 * between basins whose dynamic exceeds this many residual noise σ ({@link DynamicsSplit},
 * {@link org.porophase.filter.NoiseEstimator#residualSigma}; see {@link Segmenter2D}).</li>
 * <li>{@code nlmStrength = 1}: factor on the noise σ the non-local means uses (given or estimated), i.e. on both its
 * 2σ² offset and h; the SEM analysis's {@code nlm_strength} (plugin.yml) sets it.</li>
 * </ul>
 */
public final class SegmentationOptions {
    /** The method name for a user-given threshold ({@link ThresholdMethods#MANUAL}). */
    public static final String MANUAL = ThresholdMethods.MANUAL;
    /** The {@code splitDynamics} (residual noise σ) measured to separate merged pores from noise minima (Segmenter2D). */
    public static final double RECOMMENDED_SPLIT_DYNAMICS = 10;

    private String method = "Otsu";
    private double manualThreshold = Double.NaN;
    private boolean poresBright = false;
    private Denoise denoise = Denoise.MEDIAN;
    private double denoiseRadiusPx = 1.0;
    private boolean shadingCorrection = false;
    private double shadingRadiusPx = 50;
    private double minPoreAreaPx = 4;
    private boolean fillHoles = true;
    private boolean watershed = false;
    private double noiseSigma = Double.NaN;
    private double deconvolveSigmaPx = Double.NaN;
    private int deconvolveIterations = org.porophase.filter.Deconvolution.DEFAULT_ITERATIONS;
    private double deconvolveSmoothingPx = org.porophase.filter.Deconvolution.DEFAULT_SMOOTHING_PX;
    private double splitDynamics = 0;
    private double nlmStrength = 1.0;
    private double binaryDeconvolution = 0;
    private boolean binaryDeconvolutionPriorFlips = false;

    public SegmentationOptions() {
    }

    /** A copy. */
    public SegmentationOptions copy() {
        SegmentationOptions o = new SegmentationOptions();
        o.method = method;
        o.manualThreshold = manualThreshold;
        o.poresBright = poresBright;
        o.denoise = denoise;
        o.denoiseRadiusPx = denoiseRadiusPx;
        o.shadingCorrection = shadingCorrection;
        o.shadingRadiusPx = shadingRadiusPx;
        o.minPoreAreaPx = minPoreAreaPx;
        o.fillHoles = fillHoles;
        o.watershed = watershed;
        o.noiseSigma = noiseSigma;
        o.deconvolveSigmaPx = deconvolveSigmaPx;
        o.deconvolveIterations = deconvolveIterations;
        o.deconvolveSmoothingPx = deconvolveSmoothingPx;
        o.splitDynamics = splitDynamics;
        o.nlmStrength = nlmStrength;
        o.binaryDeconvolution = binaryDeconvolution;
        o.binaryDeconvolutionPriorFlips = binaryDeconvolutionPriorFlips;
        return o;
    }


    /** Checks all values; throws a PoroPhaseException naming the bad option. */
    public void validate() {
        AutoThresholder.Method m = ThresholdMethods.resolve(method);
        if (m == null && !Double.isFinite(manualThreshold)) {
            throw new PoroPhaseException("threshold method 'Manual' needs a manual threshold (a gray value), got "
                    + manualThreshold);
        }
        if (denoise == null) {
            throw new PoroPhaseException("denoise must be one of " + Arrays.toString(Denoise.values()));
        }
        if (denoise != Denoise.NONE && !(denoiseRadiusPx > 0 && denoiseRadiusPx < 1000)) {
            throw new PoroPhaseException("denoise radius must be > 0 and < 1000 px, got " + denoiseRadiusPx
                    + " (or set denoise to NONE)");
        }
        if (shadingCorrection && !(shadingRadiusPx >= 1 && Double.isFinite(shadingRadiusPx))) {
            throw new PoroPhaseException("shading radius must be ≥ 1 px (larger than the largest pore), got " + shadingRadiusPx);
        }
        if (!(minPoreAreaPx >= 0) || Double.isInfinite(minPoreAreaPx)) {
            throw new PoroPhaseException("minimum pore area must be ≥ 0 px, got " + minPoreAreaPx);
        }
        if (!Double.isNaN(deconvolveSigmaPx) && !(deconvolveSigmaPx > 0 && deconvolveSigmaPx < 50)) {
            throw new PoroPhaseException("deconvolution PSF σ must be > 0 and < 50 px (or NaN for none), got " + deconvolveSigmaPx);
        }
        if (!(deconvolveSmoothingPx >= 0 && deconvolveSmoothingPx < 50)) {
            throw new PoroPhaseException("deconvolution smoothing σ must be 0 … 50 px, got " + deconvolveSmoothingPx);
        }
        if (!(splitDynamics >= 0 && splitDynamics <= 1000)) {
            throw new PoroPhaseException("split dynamics must be 0 (off) … 1000 residual noise σ, got " + splitDynamics);
        }
        if (!(nlmStrength > 0 && nlmStrength <= 10)) {
            throw new PoroPhaseException("non-local-means strength must be > 0 and ≤ 10 (a factor on the noise σ), got " + nlmStrength);
        }
        if (!(binaryDeconvolution >= 0 && binaryDeconvolution <= 1000)) {
            throw new PoroPhaseException("binary deconvolution λ must be 0 (off) … 1000, got " + binaryDeconvolution);
        }
        if (deconvolveIterations < 0 || deconvolveIterations > 1000) {
            throw new PoroPhaseException("deconvolution iterations must be 0 … 1000, got " + deconvolveIterations);
        }
    }

    /** PSF σ (px) of the deconvolution ({@link org.porophase.filter.Deconvolution}); NaN = none. */
    public double getDeconvolveSigmaPx() {
        return deconvolveSigmaPx;
    }

    public SegmentationOptions setDeconvolveSigmaPx(double sigmaPx) {
        this.deconvolveSigmaPx = sigmaPx;
        return this;
    }

    public int getDeconvolveIterations() {
        return deconvolveIterations;
    }

    public SegmentationOptions setDeconvolveIterations(int iterations) {
        this.deconvolveIterations = iterations;
        return this;
    }

    /** σ (px) of the Gaussian after the deconvolution's iterations (0 = none). */
    public double getDeconvolveSmoothingPx() {
        return deconvolveSmoothingPx;
    }

    public SegmentationOptions setDeconvolveSmoothingPx(double sigmaPx) {
        this.deconvolveSmoothingPx = sigmaPx;
        return this;
    }

    /** True when a deconvolution is applied. */
    public boolean deconvolves() {
        return deconvolveSigmaPx > 0 && deconvolveIterations > 0;
    }

    public String getMethod() {
        return method;
    }

    public SegmentationOptions setMethod(String method) {
        this.method = method;
        return this;
    }

    public double getManualThreshold() {
        return manualThreshold;
    }

    /** Sets the threshold and the method to "Manual". */
    public SegmentationOptions setManualThreshold(double manualThreshold) {
        this.manualThreshold = manualThreshold;
        this.method = MANUAL;
        return this;
    }

    public boolean isPoresBright() {
        return poresBright;
    }

    public SegmentationOptions setPoresBright(boolean poresBright) {
        this.poresBright = poresBright;
        return this;
    }

    public Denoise getDenoise() {
        return denoise;
    }

    public SegmentationOptions setDenoise(Denoise denoise) {
        this.denoise = denoise;
        return this;
    }

    /** Parses NONE | MEDIAN | GAUSSIAN | NLM (case-insensitive). */
    public SegmentationOptions setDenoise(String denoise) {
        try {
            this.denoise = Denoise.valueOf(denoise.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new PoroPhaseException("denoise must be one of " + Arrays.toString(Denoise.values()) + ", got '" + denoise + "'");
        }
        return this;
    }

    public double getDenoiseRadiusPx() {
        return denoiseRadiusPx;
    }

    public SegmentationOptions setDenoiseRadiusPx(double denoiseRadiusPx) {
        this.denoiseRadiusPx = denoiseRadiusPx;
        return this;
    }

    public boolean isShadingCorrection() {
        return shadingCorrection;
    }

    public SegmentationOptions setShadingCorrection(boolean shadingCorrection) {
        this.shadingCorrection = shadingCorrection;
        return this;
    }

    public double getShadingRadiusPx() {
        return shadingRadiusPx;
    }

    public SegmentationOptions setShadingRadiusPx(double shadingRadiusPx) {
        this.shadingRadiusPx = shadingRadiusPx;
        return this;
    }

    public double getMinPoreAreaPx() {
        return minPoreAreaPx;
    }

    public SegmentationOptions setMinPoreAreaPx(double minPoreAreaPx) {
        this.minPoreAreaPx = minPoreAreaPx;
        return this;
    }

    public boolean isFillHoles() {
        return fillHoles;
    }

    public SegmentationOptions setFillHoles(boolean fillHoles) {
        this.fillHoles = fillHoles;
        return this;
    }

    /** Noise σ (grey units) for non-local means; NaN = estimated on the image ({@link org.porophase.filter.NoiseEstimator#noiseSigma}). */
    public double getNoiseSigma() {
        return noiseSigma;
    }

    public SegmentationOptions setNoiseSigma(double noiseSigma) {
        this.noiseSigma = noiseSigma;
        return this;
    }

    public boolean isWatershed() {
        return watershed;
    }

    /** Minimum dynamic of a split basin in residual noise σ ({@link DynamicsSplit}); 0 = no split. */
    /** Factor on the noise σ the non-local means uses (both its 2σ² offset and h = 0.8·σ; 1 = the σ as estimated or given). */
    public double getNlmStrength() {
        return nlmStrength;
    }

    public SegmentationOptions setNlmStrength(double factor) {
        this.nlmStrength = factor;
        return this;
    }

    public double getSplitDynamics() {
        return splitDynamics;
    }

    public SegmentationOptions setSplitDynamics(double k) {
        this.splitDynamics = k;
        return this;
    }

    /**
     * Weight λ of the perimeter prior of the binary (MAP) deconvolution refinement ({@link BinaryDeconvolution}); 0 = off.
     * It runs only with a deconvolution PSF ({@link #getDeconvolveSigmaPx()}).
     */
    public double getBinaryDeconvolution() {
        return binaryDeconvolution;
    }

    public SegmentationOptions setBinaryDeconvolution(double lambda) {
        this.binaryDeconvolution = lambda;
        return this;
    }

    /** Whether the binary deconvolution may flip a pixel for the prior alone (the smoothing variant of {@link BinaryDeconvolution}). */
    public boolean isBinaryDeconvolutionPriorFlips() {
        return binaryDeconvolutionPriorFlips;
    }

    public SegmentationOptions setBinaryDeconvolutionPriorFlips(boolean priorFlips) {
        this.binaryDeconvolutionPriorFlips = priorFlips;
        return this;
    }

    public SegmentationOptions setWatershed(boolean watershed) {
        this.watershed = watershed;
        return this;
    }

    @Override
    public String toString() {
        return "method=" + method + (MANUAL.equalsIgnoreCase(method) ? " threshold=" + manualThreshold : "")
                + " pores=" + (poresBright ? "bright" : "dark") + " denoise=" + denoise + "(" + denoiseRadiusPx + " px)"
                + " shading=" + (shadingCorrection ? shadingRadiusPx + " px" : "off") + " minPoreArea=" + minPoreAreaPx
                + " px fillHoles=" + fillHoles + " watershed=" + watershed + (splitDynamics > 0 ? " splitDynamics=" + splitDynamics : "")
                + (nlmStrength != 1 ? " nlmStrength=" + nlmStrength : "")
                + (binaryDeconvolution > 0 ? " binaryDeconvolution=" + binaryDeconvolution
                        + (binaryDeconvolutionPriorFlips ? " (prior flips)" : "") : "");
    }
}
