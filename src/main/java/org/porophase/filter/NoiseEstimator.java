package org.porophase.filter;

import java.util.Arrays;

import ij.process.AutoThresholder;
import ij.process.ImageProcessor;

/**
 * Chooses the denoising of {@code denoise: auto}: whether the boundary roughness from noise would inflate the
 * Crofton perimeter (the Gaussian rule below), and then non-local means instead of that Gaussian (see
 * {@link Choice}: the Gaussian also rounds corners and closes 2-px walls; on the renderings of SegmentationBench
 * it merged 13–27 % of non-touching pores 2 px apart, non-local means 0.9–15 %, under 2 % at a PSF blur of 1 px).
 * <p>
 * Thresholding a noisy image gives a rough, over-long boundary. The driver is the boundary's
 * position noise q = σ_n / g in pixels (σ_n the noise, g the gray-level gradient across the
 * boundary). Measured on synthetic SEM cross-sections of parallel cylinders (δ = 30 px, PSF blur
 * σ_b = 1 and 1.5 px, noise 8…35 gray levels on a 130-level contrast, exact perimeter known), the
 * perimeter excess without filtering is +1.8 % at q ≈ 0.15, +14 % at q ≈ 0.38, +25 % at q ≈ 0.57;
 * with the Gaussian of this rule it is within ±0.7 % in all six cases:
 * q &lt; 0.08 → none; q &lt; 0.2 → σ = 0.75 px; q &lt; 0.3 → 1 px; otherwise 1.5 px.
 * <ul>
 * <li><b>Noise</b> σ̂_n = median|I ∗ N| / (0.6745·6), N = [[1,−2,1],[−2,4,−2],[1,−2,1]] (J. Immerkær,
 * "Fast noise variance estimation", CVIU 64 (1996) 300–302: the response to white noise has standard
 * deviation 6σ and is zero on planes); the median (Donoho's MAD) instead of the mean keeps edges, a
 * minority of pixels, from inflating it.</li>
 * <li><b>Contrast</b> C = difference of the two class means of Otsu's split. <b>Edge gradient</b>: on a
 * copy blurred with σ = 1 px (so that noise neither selects pixels nor adds gradient), the median
 * |∇I| over pixels within ±C/5 of the Otsu threshold gives g₁ = C/(√(2π)·√(σ_b²+1)) for a
 * Gaussian-blurred step, hence σ_b and g = C/(√(2π)·σ_b) of the unfiltered image.</li>
 * </ul>
 * Limits: the rule was calibrated on white noise; sharp concave corners (overlapping pores) lose
 * about 4–6 % of their perimeter once a blur of ≥ 0.75 px is needed, as they do under the microscope's
 * own blur.
 */
public final class NoiseEstimator {

    /**
     * What the estimator saw and chose: {@code gaussianSigmaPx} is the Gaussian of the rule above (0 = no
     * filtering needed); {@link #denoise()} / {@link #radiusPx()} is what {@code denoise: auto} applies: where the
     * rule asks for any smoothing, non-local means ({@link NonLocalMeans}, search radius
     * {@value #AUTO_NLM_SEARCH_PX} px, h = {@link NonLocalMeans#DEFAULT_H_FACTOR}·σ̂_n), which removes the noise
     * without the Gaussian's loss of thin walls, gaps and corners.
     */
    public record Choice(double noiseSigma, double contrast, double edgeGradient, double edgeBlurPx,
                         double positionNoisePx, double gaussianSigmaPx) {
        /** The filter {@code denoise: auto} applies. */
        public Denoise denoise() {
            return gaussianSigmaPx > 0 && noiseSigma > 0 ? Denoise.NLM : Denoise.NONE;
        }

        /** Its radius: the NLM search radius in px (0 when no filtering). */
        public double radiusPx() {
            return denoise() == Denoise.NLM ? AUTO_NLM_SEARCH_PX : 0;
        }
    }

    /**
     * Search radius (px) of the non-local means {@code denoise: auto} applies (5 × 5 window; SegmentationBench: the
     * 7 × 7 window gives the same accuracy within ±0.4 % in S_c and ±0.3 % in counts at twice the time).
     */
    public static final int AUTO_NLM_SEARCH_PX = 2;

    private NoiseEstimator() {
    }

    /** Gaussian σ (px) for a boundary position noise q (px); 0 = no filtering. */
    public static double sigmaFor(double q) {
        if (!(q >= 0.08)) {
            return 0;
        }
        if (q < 0.2) {
            return 0.75;
        }
        return q < 0.3 ? 1.0 : 1.5;
    }

    /** Side of the central window the estimates are made on (larger images: a 2048² centre crop). */
    static final int WINDOW = 2048;

    /**
     * Estimates noise, contrast and edge sharpness and picks the Gaussian σ (0 = no filtering).
     * Images larger than {@value #WINDOW}² are estimated on their central {@value #WINDOW}² window.
     */
    public static Choice choose(ImageProcessor image) {
        ImageProcessor ip = image;
        if (image.getWidth() > WINDOW || image.getHeight() > WINDOW) {
            int cw = Math.min(WINDOW, image.getWidth());
            int ch = Math.min(WINDOW, image.getHeight());
            int x0 = (image.getWidth() - cw) / 2;
            int y0 = (image.getHeight() - ch) / 2;
            ij.process.FloatProcessor view = new ij.process.FloatProcessor(cw, ch);
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    view.setf(x, y, image.getf(x0 + x, y0 + y));
                }
            }
            ip = view;
        }
        double sigmaN = noiseSigma(ip);
        double[] ct = contrastAndThreshold(ip);
        double c = ct[0];
        if (!(c > 0) || ip.getWidth() < 5 || ip.getHeight() < 5) {
            return new Choice(sigmaN, c, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        ImageProcessor smooth = ip.convertToFloat().duplicate();
        Gaussian.blur((float[]) smooth.getPixels(), smooth.getWidth(), smooth.getHeight(), 1.0);
        double g1 = edgeGradient(smooth, ct[1], c / 5);
        if (!(g1 > 0)) {
            return new Choice(sigmaN, c, g1, Double.NaN, Double.NaN, 0);
        }
        double total = c / (Math.sqrt(2 * Math.PI) * g1);
        double sigmaB = Math.sqrt(Math.max(0.25 * 0.25, total * total - 1));
        double g = c / (Math.sqrt(2 * Math.PI) * sigmaB);
        double q = sigmaN / g;
        return new Choice(sigmaN, c, g, sigmaB, q, sigmaFor(q));
    }

    /** Robust Immerkær noise σ in gray units (0 for images smaller than 3×3). */
    public static double noiseSigma(ImageProcessor ip) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        if (w < 3 || h < 3) {
            return 0;
        }
        int step = Math.max(1, (int) ((long) w * h / 1_000_000L));
        float[] resp = new float[((h - 2 + step - 1) / step) * (w - 2)];
        int n = 0;
        for (int y = 1; y < h - 1; y += step) {
            for (int x = 1; x < w - 1; x++) {
                double r = ip.getf(x - 1, y - 1) - 2 * ip.getf(x, y - 1) + ip.getf(x + 1, y - 1)
                        - 2 * ip.getf(x - 1, y) + 4 * ip.getf(x, y) - 2 * ip.getf(x + 1, y)
                        + ip.getf(x - 1, y + 1) - 2 * ip.getf(x, y + 1) + ip.getf(x + 1, y + 1);
                if (Double.isFinite(r)) {
                    resp[n++] = (float) Math.abs(r);
                }
            }
        }
        return n == 0 ? 0 : median(resp, n) / (0.6745 * 6);
    }

    /** {contrast C, Otsu threshold in gray units}; C = 0 for a uniform image. */
    static double[] contrastAndThreshold(ImageProcessor ip) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int size = ip.getPixelCount();
        for (int i = 0; i < size; i++) {
            float v = ip.getf(i);
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > min)) {
            return new double[] {0, Double.NaN};
        }
        int[] hist = new int[256];
        double scale = 255.999 / (max - min);
        for (int i = 0; i < size; i++) {
            float v = ip.getf(i);
            if (Float.isFinite(v)) {
                hist[(int) ((v - min) * scale)]++;
            }
        }
        int t = new AutoThresholder().getThreshold(AutoThresholder.Method.Otsu, hist);
        double s0 = 0;
        double n0 = 0;
        double s1 = 0;
        double n1 = 0;
        for (int b = 0; b < 256; b++) {
            if (b <= t) {
                s0 += b * (double) hist[b];
                n0 += hist[b];
            } else {
                s1 += b * (double) hist[b];
                n1 += hist[b];
            }
        }
        if (n0 == 0 || n1 == 0) {
            return new double[] {0, Double.NaN};
        }
        return new double[] {(s1 / n1 - s0 / n0) / scale, min + (t + 1) / scale};
    }

    /** Median gradient magnitude over pixels within ±band of the threshold (0 if none). */
    static double edgeGradient(ImageProcessor ip, double threshold, double band) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        int step = Math.max(1, (int) ((long) w * h / 2_000_000L));
        float[] g = new float[1024];
        int n = 0;
        for (int y = 1; y < h - 1; y += step) {
            for (int x = 1; x < w - 1; x++) {
                float v = ip.getf(x, y);
                if (Math.abs(v - threshold) <= band) {
                    double gx = 0.5 * (ip.getf(x + 1, y) - ip.getf(x - 1, y));
                    double gy = 0.5 * (ip.getf(x, y + 1) - ip.getf(x, y - 1));
                    double m = Math.sqrt(gx * gx + gy * gy);
                    if (Double.isFinite(m)) {
                        if (n == g.length) {
                            g = Arrays.copyOf(g, 2 * n);
                        }
                        g[n++] = (float) m;
                    }
                }
            }
        }
        return n == 0 ? 0 : median(g, n);
    }

    private static double median(float[] a, int n) {
        float[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        return (n % 2 == 1) ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
