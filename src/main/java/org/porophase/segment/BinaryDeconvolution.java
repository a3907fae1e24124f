package org.porophase.segment;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.porophase.core.PoroPhaseException;

/**
 * Binary (MAP) deconvolution refinement of a pore mask: the mask B is changed pixel by pixel so that its blurred
 * rendering matches the grey image, under a perimeter prior and with the topology of the mask kept. An option of the
 * segmentation ({@link SegmentationOptions#setBinaryDeconvolution}), off by default: see "Measured" below.
 * <p>
 * <b>Estimator.</b> B (1 = pore) minimises
 * E(B) = Σ_q ((a_q + c_q·S_q(B) − I_q) / c̄)² / 2 + λ_eff·P(B), λ_eff = λ + {@value #NOISE_WEIGHT}·σ²/c̄², with
 * <ul>
 * <li>I the grey image before the Landweber step (denoised, shading-corrected), S(B) = K ∗ B, K the Gaussian
 * point-spread function of σ_K px truncated at ⌈3σ_K⌉ px and renormalised at the image border
 * (S_q = Σ_p K(q − p)·B_p / Σ_p K(q − p) over the pixels p of the image); the segmentation passes
 * σ_K = {@value #PSF_FACTOR} × the edge blur it deconvolves with (see "Measured");</li>
 * <li>a_q, c_q the solid grey and the pore − solid contrast, each a quadratic polynomial in x, y (slow shading), fitted
 * by least squares of I on S(B) for the initial mask and fitted again after the first pass; c̄ the mean of c;</li>
 * <li>σ the residual noise σ of I ({@link org.porophase.filter.NoiseEstimator#residualSigma}, given by the caller);</li>
 * <li>P(B) the Crofton length of the mask's 8-neighbour transitions, π/8 per differing 4-neighbour pair and π/(8√2)
 * per differing diagonal pair (the four-direction Cauchy–Crofton formula with pair transitions as intersections).</li>
 * </ul>
 * It is the maximum a posteriori mask under Gaussian noise of variance c̄²·λ_eff (noise plus the model error of a
 * binary mask for a fractional pixel coverage) and a Gibbs (Ising-type) boundary-length prior (S. Geman and D. Geman,
 * "Stochastic relaxation, Gibbs distributions, and the Bayesian restoration of images", IEEE PAMI 6 (1984) 721–741),
 * restricted to binary images as in discrete tomography, minimised by iterated conditional modes (J. Besag, "On the
 * statistical analysis of dirty pictures", J. R. Statist. Soc. B 48 (1986) 259–302): raster sweeps over the pixels
 * within {@value #BAND_PX} px (Chebyshev) of the initial boundary that lie on the current boundary; a pixel flips when
 * that lowers both E and its data term (the prior only vetoes: flips that the prior alone asks for would round the
 * cusps off again; measured, SMALL grid, 1 seed: Boolean mean |error| 3.42 % with them, 2.74 % without), computed exactly from the residual R = a + c·S − I over the PSF footprint,
 * ΔE = Σ_q [2 R_q c_q ΔS_q + (c_q ΔS_q)²]/(2c̄²) + λ_eff·ΔP with ΔS_q = ±K(q − p)/Z_q; the residual is updated after
 * each flip. Sweeps stop when none flips (at most {@value #MAX_SWEEPS} per pass, two passes).
 * <p>
 * <b>Constraints.</b> Only <em>simple</em> pixels flip (8-connected pores, 4-connected solid: the flip changes no
 * component count of either phase), so pores the grey-level split separated stay separate, no pore appears or vanishes
 * and no hole opens or closes; pixels outside the region (invalid) never flip and carry no data. What it restores is
 * where the threshold of a linear filter loses: cusps of overlapping disks (solid wedges under a pixel or two).
 * <p>
 * <b>Measured</b> (session 8, ThinWallGrid {@code BDECONV=λ}, 384² renderings; docs/grey-split.md "Session 8: binary
 * deconvolution"). A binary mask on the pixel grid can only match the blur of a sub-pixel edge by <em>dithering</em>
 * it: with λ_eff → 0 the fit improves while the perimeter grows (noise-free renderings, σ_K = the estimate, flips by
 * the prior allowed: Boolean r = 10 px, blur 1.5 px Crofton S_c −7.6 % → +4.7 % at λ = 0.003; cylinders +2.3 … +4.9 %
 * at λ = 0.01). A PSF narrower than
 * the image's makes it much worse (NoiseEstimator reads 1.26 … 1.43 px on 2-px-gap cylinders at a true 1.5 px; × 0.85:
 * +20 %), a wider one suppresses the dithering (noise-free cylinders at σ_K = 1.5 × the estimate: +0.6 … +0.8 %), so
 * σ_K = {@value #PSF_FACTOR} × the estimate. With λ = 0.01 (SMALL grid: 12 Boolean cases, 2 seeds; the split-on default
 * → refined) the Boolean mean |error| is 3.76 → 2.80 % (worst −6.63 → −4.61 %; mean at r = 10 / 15 / 25 px
 * −5.36 / −4.38 / −1.54 → −4.06 / −3.25 / −1.07 %), on the full 54-case grid (1 seed) 3.52 → 2.41 % (worst −7.16 →
 * −5.07 %); cylinders (δ = 20 / 30 px) at SNR 5 +1.92 … +2.91 → +1.72 … +1.99 %, at SNR 12 +0.16 … +0.39 → +0.75 …
 * +1.63 %; 2-px-gap counts exact before and after. λ = 0.02: Boolean 3.17 %, cylinders at SNR 12 ≤ +1.00 %. Bundled
 * images (λ 0.01 / 0.02): sem_boolean_zeiss S_c −4.97 → −3.40 / −3.89 %, sem_cylinders_fei +0.22 → +1.40 / +0.98 %,
 * sem_cylinders_tescan +0.44 → +0.98 / +0.69 %, counts unchanged (33, 152, 47). The ±3 % at r = 10 px is not
 * reached (−3.3 … −4.6 % at blur 1–1.5 px): the perimeter prior that stops the dithering also keeps the cusp tips
 * that the data cannot see under the blur; and the SNR-12 cylinders leave the 1 % band at λ = 0.01, so it is an
 * option, off by default.
 * <p>
 * <b>Variant: flips by the prior</b> ({@code priorFlips}, {@link SegmentationOptions#setBinaryDeconvolutionPriorFlips}):
 * the same E, but a pixel may also flip when only the prior lowers E. It smooths the noise roughness of the boundary
 * and rounds the cusps again: at λ = 0.02 (full grid, 1 seed) the cylinders' S_c is +0.09 … +1.13 % in all 18 cases
 * (default +0.00 … +2.97 %; SNR 5 +0.7 … +1.0 % instead of +0.9 … +3.0 %; 2-px-gap counts exact), the Boolean mean
 * |error| 3.52 → 3.37 % (worst −7.16 → −6.29 %).
 * <p>
 * Cost: per visited pixel 2 × (2⌈3σ_K⌉ + 1)² multiply-adds, a few sweeps over the boundary band, one thread: +1.65 CPU s
 * per 1024² image (the default segmentation 1.0 → 2.7 CPU s, medians of 5; docs/grey-split.md).
 */
public final class BinaryDeconvolution {
    /** Largest Chebyshev distance (px) a pixel may have from the initial boundary to be flipped. */
    public static final int BAND_PX = 2;
    /** Factor on the estimated edge blur for σ_K (measured: a narrower PSF dithers the boundary, see above). */
    public static final double PSF_FACTOR = 1.5;
    /** Weight of the residual noise σ²/c̄² in λ_eff (measured on ThinWallGrid: 35 roughens SNR-5 cylinders more, see above). */
    public static final double NOISE_WEIGHT = 70;
    /** λ measured best on the Boolean renderings (class comment). */
    public static final double RECOMMENDED_LAMBDA = 0.01;
    /** Most raster sweeps per pass. */
    public static final int MAX_SWEEPS = 12;

    private static final double W4 = Math.PI / 8;
    private static final double WD = Math.PI / (8 * Math.sqrt(2));
    private static final boolean[] SIMPLE = simpleTable();

    private BinaryDeconvolution() {
    }

    /** What the refinement did. */
    public record Result(int flipsToPore, int flipsToSolid, int sweeps, double contrast) {
    }

    /**
     * Refines {@code mask} in place.
     *
     * @param mask     w × h, non-zero = pore (255 is written)
     * @param g        grey image the mask was thresholded from, before any deconvolution (denoised, shading-corrected)
     * @param invalid  null or pixels that stay as they are and carry no data
     * @param poresBright whether pores are the bright phase (only for the sign check of the fitted contrast)
     * @param psfSigma σ_K of the Gaussian PSF (px, &gt; 0)
     * @param noiseSigma residual noise σ of g (grey units, &gt; 0)
     * @param lambda   weight λ of the perimeter prior (per px of Crofton length, in units of the contrast-normalised data
     *                 term; ≥ 0; the noise term is added to it)
     */
    public static Result refine(byte[] mask, float[] g, int w, int h, boolean[] invalid, boolean poresBright,
            double psfSigma, double noiseSigma, double lambda) {
        return refine(mask, g, w, h, invalid, poresBright, psfSigma, noiseSigma, lambda, false);
    }

    /**
     * Refines {@code mask} in place; with {@code priorFlips} a pixel also flips when only the prior asks for it (ΔE &lt; 0
     * with no data gain): the boundary-smoothing variant (class comment, "Variant").
     */
    public static Result refine(byte[] mask, float[] g, int w, int h, boolean[] invalid, boolean poresBright,
            double psfSigma, double noiseSigma, double lambda, boolean priorFlips) {
        int n = w * h;
        if (mask.length != n || g.length != n || (invalid != null && invalid.length != n)) {
            throw new IllegalArgumentException("mask / image / invalid sizes differ from " + w + "x" + h);
        }
        if (!(psfSigma > 0) || !(noiseSigma > 0) || !(lambda >= 0) || Double.isInfinite(psfSigma + noiseSigma + lambda)) {
            throw new PoroPhaseException("binary deconvolution: PSF σ and noise σ must be > 0 and λ ≥ 0, got " + psfSigma
                    + " px, " + noiseSigma + ", " + lambda);
        }
        final int rad = (int) Math.ceil(3 * psfSigma);
        final int kw = 2 * rad + 1;
        double[] k1 = new double[kw];
        double ks = 0;
        for (int i = -rad; i <= rad; i++) {
            k1[i + rad] = Math.exp(-0.5 * i * i / (psfSigma * psfSigma));
            ks += k1[i + rad];
        }
        for (int i = 0; i < kw; i++) {
            k1[i] /= ks;
        }
        double[] k2 = new double[kw * kw];
        for (int j = 0; j < kw; j++) {
            for (int i = 0; i < kw; i++) {
                k2[j * kw + i] = k1[j] * k1[i];
            }
        }
        double[] zx = border(k1, rad, w), zy = border(k1, rad, h);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = mask[i] != 0 ? (byte) 1 : 0;
        }
        double[] s = blur(b, w, h, k1, rad, zx, zy);
        byte[] band = band(b, w, h, invalid);
        double inv2s2;
        int toPore = 0, toSolid = 0, sweeps = 0;
        double contrast = Double.NaN;
        for (int pass = 0; pass < 2; pass++) {
            double[][] ac = fit(g, s, w, h, invalid);
            if (ac == null) {
                break;
            }
            double[] a = ac[0], c = ac[1];
            double cm = 0;
            for (int i = 0; i < n; i++) {
                cm += c[i];
            }
            cm /= n;
            contrast = cm;
            double lc = lambda + NOISE_WEIGHT * noiseSigma * noiseSigma / (cm * cm);
            inv2s2 = 1 / (2 * cm * cm * lc);
            if (poresBright ? !(cm > 0) : !(cm < 0)) {
                break; // the fitted pores are not of the expected sign: no model to refine against
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = invalid != null && invalid[i] ? 0 : a[i] + c[i] * s[i] - g[i];
            }
            for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                int flips = 0;
                sweeps++;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int p = y * w + x;
                        if (band[p] == 0 || !onBoundary(b, w, h, x, y)) {
                            continue;
                        }
                        int code = neighbourCode(b, w, h, x, y);
                        if (!SIMPLE[code]) {
                            continue;
                        }
                        int d = b[p] == 0 ? 1 : -1;
                        double dp = perimeterChange(code, b[p] != 0);
                        double de = dp;
                        int y0 = Math.max(0, y - rad), y1 = Math.min(h - 1, y + rad);
                        int x0 = Math.max(0, x - rad), x1 = Math.min(w - 1, x + rad);
                        double data = 0;
                        for (int yy = y0; yy <= y1; yy++) {
                            double ky = d / zy[yy];
                            int kr = (yy - y + rad) * kw - x + rad;
                            for (int xx = x0, q = yy * w + x0; xx <= x1; xx++, q++) {
                                if (invalid != null && invalid[q]) {
                                    continue;
                                }
                                double dm = c[q] * k2[kr + xx] * ky / zx[xx];
                                data += dm * (2 * r[q] + dm);
                            }
                        }
                        de += data * inv2s2;
                        if (de < 0 && (data < 0 || priorFlips)) { // by default the prior only vetoes
                            b[p] = (byte) (d > 0 ? 1 : 0);
                            flips++;
                            if (d > 0) {
                                toPore++;
                            } else {
                                toSolid++;
                            }
                            for (int yy = y0; yy <= y1; yy++) {
                                double ky = d / zy[yy];
                                int kr = (yy - y + rad) * kw - x + rad;
                                for (int xx = x0, q = yy * w + x0; xx <= x1; xx++, q++) {
                                    double ds = k2[kr + xx] * ky / zx[xx];
                                    s[q] += ds;
                                    if (invalid == null || !invalid[q]) {
                                        r[q] += c[q] * ds;
                                    }
                                }
                            }
                        }
                    }
                }
                if (flips == 0) {
                    break;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            mask[i] = b[i] != 0 ? (byte) 255 : 0;
        }
        return new Result(toPore, toSolid, sweeps, contrast);
    }

    /** Z along one axis: the kernel's weight inside the image at each position. */
    private static double[] border(double[] k1, int rad, int len) {
        double[] z = new double[len];
        for (int x = 0; x < len; x++) {
            double t = 0;
            for (int i = -rad; i <= rad; i++) {
                if (x + i >= 0 && x + i < len) {
                    t += k1[i + rad];
                }
            }
            z[x] = t;
        }
        return z;
    }

    /** S = K ∗ B renormalised at the border (separable). */
    private static double[] blur(byte[] b, int w, int h, double[] k1, int rad, double[] zx, double[] zy) {
        double[] t = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int i = Math.max(-rad, -x), e = Math.min(rad, w - 1 - x); i <= e; i++) {
                    v += k1[i + rad] * b[y * w + x + i];
                }
                t[y * w + x] = v / zx[x];
            }
        }
        double[] s = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int i = Math.max(-rad, -y), e = Math.min(rad, h - 1 - y); i <= e; i++) {
                    v += k1[i + rad] * t[(y + i) * w + x];
                }
                s[y * w + x] = v / zy[y];
            }
        }
        return s;
    }

    /** Pixels (not invalid) within BAND_PX (Chebyshev) of a pixel whose 4-neighbour has the other label. */
    private static byte[] band(byte[] b, int w, int h, boolean[] invalid) {
        byte[] edge = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if ((x + 1 < w && b[p + 1] != b[p]) || (y + 1 < h && b[p + w] != b[p])) {
                    edge[p] = 1;
                    if (x + 1 < w && b[p + 1] != b[p]) {
                        edge[p + 1] = 1;
                    }
                    if (y + 1 < h && b[p + w] != b[p]) {
                        edge[p + w] = 1;
                    }
                }
            }
        }
        byte[] band = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (edge[y * w + x] == 0) {
                    continue;
                }
                for (int yy = Math.max(0, y - BAND_PX); yy <= Math.min(h - 1, y + BAND_PX); yy++) {
                    for (int xx = Math.max(0, x - BAND_PX); xx <= Math.min(w - 1, x + BAND_PX); xx++) {
                        band[yy * w + xx] = 1;
                    }
                }
            }
        }
        if (invalid != null) {
            for (int i = 0; i < w * h; i++) {
                if (invalid[i]) {
                    band[i] = 0;
                }
            }
        }
        return band;
    }

    private static boolean onBoundary(byte[] b, int w, int h, int x, int y) {
        int p = y * w + x;
        byte v = b[p];
        for (int dy = -1; dy <= 1; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= h) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                if (xx >= 0 && xx < w && b[yy * w + xx] != v) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The 8 neighbours as bits (pore = 1), outside the image = the pixel's own label (so the border adds no length and
     * does not count as a connection): bit 0 E, 1 NE, 2 N, 3 NW, 4 W, 5 SW, 6 S, 7 SE.
     */
    static int neighbourCode(byte[] b, int w, int h, int x, int y) {
        int own = b[y * w + x];
        int code = 0;
        for (int k = 0; k < 8; k++) {
            int xx = x + DX[k], yy = y + DY[k];
            int v = xx >= 0 && xx < w && yy >= 0 && yy < h ? b[yy * w + xx] : own;
            if (v != 0) {
                code |= 1 << k;
            }
        }
        return code;
    }

    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] DY = {0, -1, -1, -1, 0, 1, 1, 1};

    /** Change of the Crofton pair length when the pixel (now pore if {@code pore}) flips. */
    private static double perimeterChange(int code, boolean pore) {
        double dp = 0;
        for (int k = 0; k < 8; k++) {
            boolean nb = (code >> k & 1) != 0;
            double wk = (k & 1) == 0 ? W4 : WD;
            dp += nb == pore ? wk : -wk; // equal now → differs after the flip
        }
        return dp;
    }

    /**
     * Simple-pixel table for 8-connected pores and 4-connected solid: the number of 8-components of pore neighbours
     * 8-adjacent to the pixel and of 4-components of solid neighbours 4-adjacent to it are both 1.
     */
    private static boolean[] simpleTable() {
        boolean[] t = new boolean[256];
        for (int code = 0; code < 256; code++) {
            t[code] = components(code, true) == 1 && components(code, false) == 1;
        }
        return t;
    }

    /** Components among the 8 neighbours: pores 8-connected (all count), solid 4-connected (only 4-adjacent seeds count). */
    private static int components(int code, boolean pore) {
        boolean[] in = new boolean[8];
        for (int k = 0; k < 8; k++) {
            in[k] = ((code >> k & 1) != 0) == pore;
        }
        int[] lab = new int[8];
        int count = 0;
        for (int k = 0; k < 8; k++) {
            if (!in[k] || lab[k] != 0 || (!pore && (k & 1) != 0)) {
                continue;
            }
            count++;
            java.util.ArrayDeque<Integer> st = new java.util.ArrayDeque<>();
            st.push(k);
            lab[k] = count;
            while (!st.isEmpty()) {
                int u = st.pop();
                // ring neighbours u±1 are 4-adjacent to each other; for 8-connected pores two 4-neighbours of the
                // centre at a right angle (u, u±2, u even) are also adjacent (diagonally)
                for (int dk : new int[] {-1, 1}) {
                    int v = (u + dk + 8) % 8;
                    if (!in[v] || lab[v] != 0) {
                        continue;
                    }
                    lab[v] = count;
                    st.push(v);
                }
                if (pore && (u & 1) == 0) {
                    for (int dk : new int[] {-2, 2}) {
                        int v = (u + dk + 8) % 8;
                        if (in[v] && lab[v] == 0) {
                            lab[v] = count;
                            st.push(v);
                        }
                    }
                }
            }
        }
        return count; // solid: only components holding a 4-neighbour of the centre were seeded
    }

    /** Least squares of g on (1, S) with both coefficients quadratic in x, y; null if singular. */
    private static double[][] fit(float[] g, double[] s, int w, int h, boolean[] invalid) {
        final int m = 12;
        double[] ata = new double[m * m];
        double[] atb = new double[m];
        double[] row = new double[m];
        int step = Math.max(1, (int) Math.sqrt((double) w * h / 250_000));
        for (int y = 0; y < h; y += step) {
            double v = 2.0 * y / Math.max(1, h - 1) - 1;
            for (int x = 0; x < w; x += step) {
                int i = y * w + x;
                if (invalid != null && invalid[i]) {
                    continue;
                }
                double u = 2.0 * x / Math.max(1, w - 1) - 1;
                basis(u, v, s[i], row);
                for (int a = 0; a < m; a++) {
                    atb[a] += row[a] * g[i];
                    for (int bb = a; bb < m; bb++) {
                        ata[a * m + bb] += row[a] * row[bb];
                    }
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int bb = 0; bb < a; bb++) {
                ata[a * m + bb] = ata[bb * m + a];
            }
        }
        double[] coef = solve(ata, atb, m);
        if (coef == null) {
            return null;
        }
        double[] av = new double[w * h], cv = new double[w * h];
        for (int y = 0; y < h; y++) {
            double v = 2.0 * y / Math.max(1, h - 1) - 1;
            for (int x = 0; x < w; x++) {
                double u = 2.0 * x / Math.max(1, w - 1) - 1;
                double[] q = {1, u, v, u * u, u * v, v * v};
                double A = 0, C = 0;
                for (int k = 0; k < 6; k++) {
                    A += coef[k] * q[k];
                    C += coef[6 + k] * q[k];
                }
                av[y * w + x] = A;
                cv[y * w + x] = C;
            }
        }
        return new double[][] {av, cv};
    }

    private static void basis(double u, double v, double s, double[] row) {
        double[] q = {1, u, v, u * u, u * v, v * v};
        for (int k = 0; k < 6; k++) {
            row[k] = q[k];
            row[6 + k] = q[k] * s;
        }
    }

    /**
     * The m × m normal equations a·x = b by commons-math3's LU decomposition (partial pivoting); null when a pivot is
     * below 10⁻¹² of max(1, a₀₀) (a₀₀ = the number of samples): singular.
     */
    private static double[] solve(double[] a, double[] b, int m) {
        double[][] rows = new double[m][];
        for (int r = 0; r < m; r++) {
            rows[r] = Arrays.copyOfRange(a, r * m, (r + 1) * m);
        }
        DecompositionSolver lu = new LUDecomposition(new Array2DRowRealMatrix(rows, false), 1e-12 * Math.max(1, Math.abs(a[0]))).getSolver();
        if (!lu.isNonSingular()) {
            return null;
        }
        return lu.solve(new ArrayRealVector(b, true)).toArray();
    }
}
