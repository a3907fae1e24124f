package org.porophase.filter;

import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;

/**
 * Non-local means denoising of a float image (A. Buades, B. Coll, J.-M. Morel, "A non-local algorithm for image
 * denoising", CVPR 2005), computed per search offset with box sums of the squared differences (J. Darbon et al.,
 * "Fast nonlocal filtering applied to electron cryomicroscopy", ISBI 2008), multi-threaded over bands of rows with
 * {@link Parallel} (each band recomputes its patch halo, so bands share no writes).
 * <p>
 * Each pixel becomes the weighted mean of the pixels in a (2S+1)² search window; the weight of pixel q for pixel
 * p is exp(−max(d² − 2σ², 0)/h²), d² the mean squared difference of the (2P+1)² patches around p and q and σ
 * the noise standard deviation (the 2σ² subtracted is the expectation of d² between two noisy copies of the same
 * patch, the "unbiased" variant of Buades, Coll and Morel 2011, IPOL); the centre pixel gets the largest weight
 * of the other pixels (weight 1, i.e. the pixel is kept, where no other patch has a weight: an outlier). Patches on the same side of an edge and parallel to it look alike, so edges, thin walls
 * and corners are kept while flat regions are averaged over up to (2S+1)² pixels. Pixels outside the image
 * take the value of the nearest edge pixel.
 * <p>
 * Defaults: P = 1 (3×3 patches), S = {@value #SEARCH_RADIUS} ({@code denoise: auto} uses S = 2, a 5×5 window),
 * h = {@value #DEFAULT_H_FACTOR}·σ (tuned on SegmentationBench: h = 0.6σ keeps more of the Boolean model's wedges but
 * leaves boundary roughness, +2.5 % on the Crofton perimeter of cylinders at SNR 5; 1.3σ −8 % on Boolean disks of
 * r = 10 px). Cost: (2S+1)² − 1 offsets × about 12 operations per pixel; exp() from a table.
 */
public final class NonLocalMeans {
    /** Patch radius P (3×3 patches). */
    public static final int PATCH_RADIUS = 1;
    /** Search radius S (9×9 window). */
    public static final int SEARCH_RADIUS = 4;
    /** Filtering parameter h in units of the noise σ. */
    public static final double DEFAULT_H_FACTOR = 0.8;

    /** exp(−z) tabulated at z = (i + 0.5)/{@value #LUT_SCALE}, i < {@value #LUT_SIZE} (z up to 8: weights below 3·10⁻⁴ are 0). */
    private static final int LUT_SCALE = 256;
    private static final int LUT_SIZE = 8 * LUT_SCALE;
    private static final float[] EXP = new float[LUT_SIZE];

    static {
        for (int i = 0; i < LUT_SIZE; i++) {
            EXP[i] = (float) Math.exp(-(i + 0.5) / LUT_SCALE);
        }
    }

    private NonLocalMeans() {
    }

    /** Filters {@code f} (w × h, row-major) in place; {@code sigma} is the noise σ in grey units (≤ 0: no change). */
    public static void filter(float[] f, int w, int h, double sigma) {
        filter(f, w, h, sigma, DEFAULT_H_FACTOR * sigma, PATCH_RADIUS, SEARCH_RADIUS, 0);
    }

    /**
     * Filters {@code f} in place.
     *
     * @param sigma   noise σ (grey units)
     * @param hParam  filtering parameter h (grey units)
     * @param patch   patch radius P ≥ 0
     * @param search  search radius S ≥ 1
     * @param threads thread setting of {@link Parallel#of} (0 = all processors)
     */
    public static void filter(float[] f, int w, int h, double sigma, double hParam, int patch, int search, int threads) {
        if ((long) w * h != f.length) {
            throw new IllegalArgumentException("pixel array length " + f.length + " != " + w + "x" + h);
        }
        if (!(sigma > 0) || !(hParam > 0)) {
            return;
        }
        if (patch < 0 || search < 1 || !Double.isFinite(sigma) || !Double.isFinite(hParam)) {
            throw new PoroPhaseException("non-local means: patch radius ≥ 0, search radius ≥ 1 and a finite noise σ needed");
        }
        final float[] src = f.clone();
        final float off = (float) (2 * sigma * sigma);
        final float invH2 = (float) (1 / (hParam * hParam));
        final int np = (2 * patch + 1) * (2 * patch + 1);
        final float invNp = 1f / np;
        Parallel par = Parallel.of(threads);
        int bands = Math.max(1, Math.min(h, par.threads() * 4));
        long work = (long) w * h * ((2L * search + 1) * (2L * search + 1)) * 12;
        par.forRange(bands, work, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                int y0 = (int) ((long) h * b / bands);
                int y1 = (int) ((long) h * (b + 1) / bands);
                band(src, f, w, h, y0, y1, patch, search, off, invH2, invNp);
            }
        });
    }

    private static void band(float[] src, float[] dst, int w, int h, int y0, int y1, int patch, int search,
            float off, float invH2, float invNp) {
        int rows = y1 - y0;
        int hr = rows + 2 * patch; // rows with halo
        float[] diff = new float[w];
        float[] hsum = new float[hr * w]; // horizontal patch sums of the squared differences, rows y0−P .. y1+P−1
        float[] num = new float[rows * w];
        float[] den = new float[rows * w];
        float[] wmax = new float[rows * w];
        for (int oy = -search; oy <= search; oy++) {
            for (int ox = -search; ox <= search; ox++) {
                if (ox == 0 && oy == 0) {
                    continue;
                }
                // columns whose partner x + ox lies inside the image: no clamping there
                final int xa = Math.max(0, -ox);
                final int xb = Math.min(w, w - ox);
                for (int r = 0; r < hr; r++) {
                    int y = clamp(y0 - patch + r, h);
                    int yq = clamp(y + oy, h);
                    int ry = y * w;
                    int rq = yq * w;
                    for (int x = 0; x < xa; x++) {
                        float d = src[ry + x] - src[rq + clamp(x + ox, w)];
                        diff[x] = d * d;
                    }
                    for (int x = xa, q = rq + xa + ox; x < xb; x++, q++) {
                        float d = src[ry + x] - src[q];
                        diff[x] = d * d;
                    }
                    for (int x = Math.max(xa, xb); x < w; x++) {
                        float d = src[ry + x] - src[rq + clamp(x + ox, w)];
                        diff[x] = d * d;
                    }
                    // running box sum over [x − P, x + P], edges replicated
                    int o = r * w;
                    float s = 0;
                    for (int k = -patch; k <= patch; k++) {
                        s += diff[clamp(k, w)];
                    }
                    hsum[o] = s;
                    for (int x = 1; x < w; x++) {
                        s += diff[clamp(x + patch, w)] - diff[clamp(x - patch - 1, w)];
                        hsum[o + x] = s;
                    }
                }
                for (int r = 0; r < rows; r++) {
                    int y = y0 + r;
                    int yq = clamp(y + oy, h);
                    int rq = yq * w;
                    int o = r * w;
                    final float scale = invNp * invH2 * LUT_SCALE;
                    final float shift = off * invH2 * LUT_SCALE;
                    for (int x = 0; x < w; x++) {
                        float d2 = 0;
                        for (int k = 0, hk = r * w + x; k <= 2 * patch; k++, hk += w) {
                            d2 += hsum[hk];
                        }
                        float z = d2 * scale - shift;
                        if (z >= LUT_SIZE) {
                            continue; // weight below 3·10⁻⁴: none
                        }
                        float wt = z <= 0 ? 1f : EXP[(int) z];
                        int xq = x + ox;
                        num[o + x] += wt * src[rq + (xq < 0 ? 0 : xq >= w ? w - 1 : xq)];
                        den[o + x] += wt;
                        if (wt > wmax[o + x]) {
                            wmax[o + x] = wt;
                        }
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            int o = r * w;
            int ry = (y0 + r) * w;
            for (int x = 0; x < w; x++) {
                float wc = wmax[o + x] > 0 ? wmax[o + x] : 1f; // no similar patch at all (an outlier): the pixel is kept
                dst[ry + x] = (num[o + x] + wc * src[ry + x]) / (den[o + x] + wc);
            }
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }
}
