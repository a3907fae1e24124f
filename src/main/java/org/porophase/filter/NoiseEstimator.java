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
 * <b>Region</b>: {@link #choose(ImageProcessor, byte[])} takes all three inside a specimen region or ROI (the SEM
 * analysis passes its region), so the mount, the resin and anything drawn on them do not set the edge blur.
 * Limits: the rule was calibrated on white noise; sharp concave corners (overlapping pores) lose
 * about 4–6 % of their perimeter once a blur of ≥ 0.75 px is needed, as they do under the microscope's
 * own blur.
 */
public final class NoiseEstimator {

    /**
     * What the estimator saw and chose: {@code gaussianSigmaPx} is the Gaussian of the rule above (0 = no
     * filtering needed); {@link #denoise()} / {@link #radiusPx()} is what {@code denoise: auto} applies: where the
     * rule asks for any smoothing, non-local means ({@link NonLocalMeans}, search radius
     * {@value #AUTO_NLM_SEARCH_PX} px, σ = s·σ̂_n and h = {@link NonLocalMeans#DEFAULT_H_FACTOR}·σ, s = the SEM analysis's
     * {@code nlm_strength}, 1 by default), which removes the noise
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
     * Estimates noise, contrast and edge sharpness on the whole image and picks the Gaussian σ (0 = no filtering).
     * Images larger than {@value #WINDOW}² are estimated on their central {@value #WINDOW}² window.
     */
    public static Choice choose(ImageProcessor image) {
        return choose(image, null);
    }

    /**
     * Margin (px) kept from the region's edge for the edge-gradient samples: the σ = 1 px pre-blur reaches 3 px, the
     * central difference 1 more, so no sample's gradient holds a pixel outside the region.
     */
    static final int GRADIENT_MARGIN_PX = 4;

    /**
     * As {@link #choose(ImageProcessor)}, inside a region only (the specimen band and/or a user ROI): the noise from
     * pixels whose 3 × 3 neighbourhood lies inside, the contrast and Otsu split from the region's histogram, the edge
     * gradient (hence the edge blur σ_b that {@code deconvolve: auto} deconvolves with) from pixels at least
     * {@value #GRADIENT_MARGIN_PX} px inside (Chebyshev distance), so that the mount, the resin, their edge with the
     * specimen and any text or scale bar outside the region do not enter (a sharp label outside would pull σ_b down, a
     * smooth mount edge up). Where the region is too thin for that margin, the gradient is taken on all its pixels.
     * Images larger than {@value #WINDOW}² are estimated on the central {@value #WINDOW}² window of the region's
     * bounding box.
     *
     * @param region null (the whole image) or one byte per pixel, row-major, non-zero = inside; not modified
     */
    public static Choice choose(ImageProcessor image, byte[] region) {
        int iw = image.getWidth();
        int ih = image.getHeight();
        if (region != null && region.length != iw * ih) {
            throw new org.porophase.core.PoroPhaseException("noise estimate: the region has " + region.length + " pixels, the image "
                    + iw * ih + " (" + iw + " × " + ih + ")");
        }
        int[] bb = org.porophase.core.PixelRegion.bounds(region, iw, ih);
        int bx0 = bb[0], by0 = bb[1], bx1 = bb[2], by1 = bb[3];
        if (bx1 <= bx0) {
            return new Choice(0, 0, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int cw = Math.min(WINDOW, bx1 - bx0);
        int ch = Math.min(WINDOW, by1 - by0);
        int x0 = bx0 + (bx1 - bx0 - cw) / 2;
        int y0 = by0 + (by1 - by0 - ch) / 2;
        ImageProcessor ip = image;
        byte[] in = region;
        if (cw != iw || ch != ih) {
            ij.process.FloatProcessor view = new ij.process.FloatProcessor(cw, ch);
            in = region == null ? null : new byte[cw * ch];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    view.setf(x, y, image.getf(x0 + x, y0 + y));
                    if (in != null) {
                        in[y * cw + x] = region[(y0 + y) * iw + x0 + x];
                    }
                }
            }
            ip = view;
        }
        double sigmaN = noiseSigma(ip, in);
        double[] ct = contrastAndThreshold(ip, in);
        double c = ct[0];
        if (!(c > 0) || ip.getWidth() < 5 || ip.getHeight() < 5) {
            return new Choice(sigmaN, c, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        ImageProcessor smooth = ip.convertToFloat().duplicate();
        Gaussian.blur((float[]) smooth.getPixels(), smooth.getWidth(), smooth.getHeight(), 1.0);
        byte[] core = null;
        if (in != null) {
            core = erode(in, ip.getWidth(), ip.getHeight(), GRADIENT_MARGIN_PX);
            if (!any(core)) {
                core = in;
            }
        }
        double g1 = edgeGradient(smooth, ct[1], c / 5, core);
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
        return noiseSigma(ip, null);
    }

    /**
     * Robust Immerkær noise σ in gray units from the pixels whose 3 × 3 neighbourhood lies inside the region (null: the
     * whole image); 0 when there is no such pixel.
     */
    public static double noiseSigma(ImageProcessor ip, byte[] region) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        if (w < 3 || h < 3) {
            return 0;
        }
        byte[] core = region == null ? null : erode(region, w, h, 1);
        int step = Math.max(1, (int) ((long) w * h / 1_000_000L));
        float[] resp = new float[((h - 2 + step - 1) / step) * (w - 2)];
        int n = 0;
        for (int y = 1; y < h - 1; y += step) {
            for (int x = 1; x < w - 1; x++) {
                if (core != null && core[y * w + x] == 0) {
                    continue;
                }
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

    /**
     * Noise σ left in an already filtered image, inside one phase: the robust standard deviation (1.4826 × the median
     * absolute deviation, × √(25/24) for the pixel's own share of the mean) of g − the 5 × 5 mean of g, over the
     * pixels whose 5 × 5 neighbourhood lies in the phase (so edges do not count). After non-local means the noise is
     * correlated over a few pixels, which the Immerkær filter (a 3 × 3 second difference) would under-read; the
     * deviation from the 5 × 5 mean sees the fluctuation on the scale of the phase's own spurious minima. A smooth
     * shading or an edge's linear slope cancels in the symmetric mean. NaN when fewer than {@value #MIN_RESIDUAL_PIXELS}
     * such pixels exist (sampled on at most about a million).
     *
     * @param g     filtered image, w × h, row-major, finite
     * @param phase non-zero = in the phase (e.g. the pore mask)
     */
    public static double residualSigma(float[] g, int w, int h, byte[] phase) {
        if (g.length != w * h || phase.length != w * h) {
            throw new IllegalArgumentException("image " + g.length + " / phase " + phase.length + " pixels, expected " + w + "x" + h);
        }
        if (w < 5 || h < 5) {
            return Double.NaN;
        }
        byte[] core = erode(phase, w, h, 2);
        int step = Math.max(1, (int) ((long) w * h / 1_000_000L));
        float[] d = new float[((h + step - 1) / step) * w];
        int n = 0;
        for (int y = 2; y < h - 2; y += step) {
            for (int x = 2; x < w - 2; x++) {
                int i = y * w + x;
                if (core[i] == 0) {
                    continue;
                }
                double s = 0;
                for (int yy = y - 2; yy <= y + 2; yy++) {
                    for (int j = yy * w + x - 2, e = j + 5; j < e; j++) {
                        s += g[j];
                    }
                }
                d[n++] = (float) (g[i] - s / 25);
            }
        }
        if (n < MIN_RESIDUAL_PIXELS) {
            return Double.NaN;
        }
        float[] dev = Arrays.copyOf(d, n);
        double med = median(dev, n);
        for (int j = 0; j < n; j++) {
            dev[j] = (float) Math.abs(dev[j] - med);
        }
        return 1.4826 * median(dev, n) * Math.sqrt(25.0 / 24.0);
    }

    /** Fewest interior pixels {@link #residualSigma} estimates from. */
    public static final int MIN_RESIDUAL_PIXELS = 50;

    /**
     * The region eroded by a (2k+1)² square (pixels at Chebyshev distance ≥ k + 1 from the outside; the image frame
     * counts as outside), by a row and a column pass of running counts.
     */
    static byte[] erode(byte[] region, int w, int h, int k) {
        byte[] rows = new byte[region.length];
        int[] left = new int[w];
        for (int y = 0; y < h; y++) {
            int run = 0;
            int base = y * w;
            // left[x] = length of the run of inside pixels ending at x; x survives if the run ending at x + k covers x − k
            for (int x = 0; x < w; x++) {
                run = region[base + x] != 0 ? run + 1 : 0;
                left[x] = run;
            }
            for (int x = 0; x < w; x++) {
                int xe = x + k;
                if (xe < w && left[xe] >= 2 * k + 1) {
                    rows[base + x] = 1;
                }
            }
        }
        byte[] out = new byte[region.length];
        int[] up = new int[h];
        for (int x = 0; x < w; x++) {
            int run = 0;
            for (int y = 0; y < h; y++) {
                run = rows[y * w + x] != 0 ? run + 1 : 0;
                up[y] = run;
            }
            for (int y = 0; y < h; y++) {
                int ye = y + k;
                if (ye < h && up[ye] >= 2 * k + 1) {
                    out[y * w + x] = 1;
                }
            }
        }
        return out;
    }

    private static boolean any(byte[] a) {
        for (byte b : a) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /** {contrast C, Otsu threshold in gray units}; C = 0 for a uniform image. */
    static double[] contrastAndThreshold(ImageProcessor ip) {
        return contrastAndThreshold(ip, null);
    }

    /** {contrast C, Otsu threshold} of the region's pixels (null: all). */
    static double[] contrastAndThreshold(ImageProcessor ip, byte[] region) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int size = ip.getPixelCount();
        for (int i = 0; i < size; i++) {
            float v = ip.getf(i);
            if (Float.isFinite(v) && (region == null || region[i] != 0)) {
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
            if (Float.isFinite(v) && (region == null || region[i] != 0)) {
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
        return edgeGradient(ip, threshold, band, null);
    }

    /** Median gradient magnitude over the region's pixels (null: all) within ±band of the threshold (0 if none). */
    static double edgeGradient(ImageProcessor ip, double threshold, double band, byte[] region) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        int step = Math.max(1, (int) ((long) w * h / 2_000_000L));
        float[] g = new float[1024];
        int n = 0;
        for (int y = 1; y < h - 1; y += step) {
            for (int x = 1; x < w - 1; x++) {
                if (region != null && region[y * w + x] == 0) {
                    continue;
                }
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
