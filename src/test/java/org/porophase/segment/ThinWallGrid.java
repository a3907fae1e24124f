package org.porophase.segment;

import java.util.Arrays;
import java.util.Locale;

import ij.process.ImageProcessor;
import org.porophase.analysis.SemAnalysisOptions;
import org.porophase.filter.NoiseEstimator;
import org.porophase.measure.BorderPolicy;
import org.porophase.measure.IsolinePerimeter;
import org.porophase.measure.PoreAnalysis;
import org.porophase.measure.PoreMeasurer;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;
import org.porophase.synth.SemSynthesizer.Synthetic;

/**
 * Benchmark (not a unit test) of the default 2D segmentation on a grid of {@link SemSynthesizer} renderings with exact
 * truth: Boolean disks (r 10/15/25 px, blur 0.5/1/1.5 px, SNR 5/7/12, shading 0/0.15; mean S_c errors, Crofton and
 * isoline) and parallel cylinders (2-px gaps: pore count; 3-px gaps). Args: seeds, image size, a case-name filter (or
 * "cyl", or "touch" for the touching cylinders only). Environment: SMALL (blur 1/1.5, SNR 5/12, shading 0.15 only), CLEAN (no noise, grain or shading), METHOD
 * (threshold), BDECONV=λ (binary MAP deconvolution refinement, BinaryDeconvolution; 0 = off; BDPRIOR: its prior-flip variant), SPLITK (grey-level split: minimum dynamic in residual noise σ, Segmenter2D), NODECONV / RL (Landweber iterations) / POST (smoothing σ) for the deconvolution, TRUEBLUR=f (deconvolve with f × the
 * rendering's PSF σ instead of NoiseEstimator's), NLMR (non-local means search radius) / NLMS (factor on its noise σ, so on
 * h), DSCALE (factor on the estimated PSF σ), VERBOSE (threshold, σ estimates, porosity error), VARIANTS (also Crofton on
 * the grey image bilinearly upsampled UPK× [2] and thresholded at the same level; the mask is kept where a 2 × 2 cell
 * agrees, so clean-up is honoured); the session-9 extrapolations, each printed in the same "[up …]" column: RICH
 * (Richardson extrapolation in the pixel size, 2·S_c(h) − S_c(2h), S_c(2h) from the mask reduced 2 × 2: pore at ≥ 3 of
 * 4, a 2-of-4 tie by the block's mean filtered grey against the threshold, or by a checkerboard with RICHMAJ; with
 * RICHDEC the mean over the four 2 × 2 decimations instead), RICH2
 * (the same with S_c(2h) from the input reduced 2 × 2 by block means and segmented again by the same pipeline);
 * docs/grey-split.md "Session 9". The session-5 estimator comparison (the isoline smoothed along its traced chains by
 * Taubin λ|μ passes) is in the branch history (commit "Experiment (reverted next)"). Run:
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.porophase.segment.ThinWallGrid 1 384}
 */
public final class ThinWallGrid {
    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        String only = args.length > 2 ? args[2] : "";
        double sumAbsC = 0, sumAbsI = 0, worstI = 0, worstC = 0;
        double[] sumV = new double[3];
        int nc = 0;
        StringBuilder sb = new StringBuilder();
        if (!only.equals("cyl") && !only.equals("touch")) {
            boolean small = System.getenv("SMALL") != null;
            for (double r : new double[] {10, 15, 25}) {
                for (double blur : small ? new double[] {1.0, 1.5} : new double[] {0.5, 1.0, 1.5}) {
                    for (double snr : small ? new double[] {5, 12} : new double[] {5, 7, 12}) {
                        for (double sh : small ? new double[] {0.15} : new double[] {0, 0.15}) {
                            String name = String.format(Locale.ROOT, "bool r=%2.0f b=%.1f snr=%2.0f sh=%.2f", r, blur, snr, sh);
                            if (!name.contains(only)) {
                                continue;
                            }
                            double[] c = new double[seeds], is = new double[seeds], v0 = new double[seeds], v1 = new double[seeds], v2 = new double[seeds];
                            for (int s = 0; s < seeds; s++) {
                                double[] e = run(Params.builder().model(Model.BOOLEAN).width(size).height(size).pixelSizeUm(0.1)
                                        .radiusUm(r * 0.1).porosity(0.45).blurPx(blur).snr(snr).shading(sh).seed(2000 + s).build());
                                c[s] = e[0];
                                is[s] = e[1];
                                v0[s] = e[3];
                                v1[s] = e[4];
                                v2[s] = e[5];
                            }
                            sumV[0] += Math.abs(mean(v0));
                            sumV[1] += Math.abs(mean(v1));
                            sumV[2] += Math.abs(mean(v2));
                            double mc = mean(c), mi = mean(is);
                            sumAbsC += Math.abs(mc);
                            sumAbsI += Math.abs(mi);
                            worstC = Math.max(worstC, Math.abs(mc));
                            worstI = Math.max(worstI, Math.abs(mi));
                            nc++;
                            System.out.printf(Locale.ROOT, "%s  crofton %+6.2f %%  iso %+6.2f %%  [up %+6.2f]%n", name, 100 * mc, 100 * mi, 100 * mean(v2));
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "BOOLEAN mean|err| crofton %.2f %% iso %.2f %%, worst %.2f %% / %.2f %% (%d cases)%n",
                    100 * sumAbsC / nc, 100 * sumAbsI / nc, 100 * worstC, 100 * worstI, nc);
            System.out.printf(Locale.ROOT, "  Crofton on the UPK× upsample: mean|err| %.2f %%%n", 100 * sumV[2] / nc);
        }
        if (only.isEmpty() || only.equals("cyl")) {
            boolean small = System.getenv("SMALL") != null;
            for (double blur : small ? new double[] {1.0, 1.5} : new double[] {0.5, 1.0, 1.5}) {
                for (double snr : small ? new double[] {5, 12} : new double[] {5, 7, 12}) {
                    double[] c = new double[seeds], is = new double[seeds], cnt = new double[seeds];
                    double[] c3 = new double[seeds], i3 = new double[seeds], w = new double[6];
                    for (int s = 0; s < seeds; s++) {
                        double[] e = run(Params.builder().model(Model.CYLINDERS).width(size).height(size).pixelSizeUm(0.1).poreDiameterUm(2.0)
                                .porosity(0.42).minGapPx(2).blurPx(blur).snr(snr).seed(3000 + s).build());
                        c[s] = e[0];
                        is[s] = e[1];
                        cnt[s] = e[2];
                        double[] e3 = run(Params.builder().model(Model.CYLINDERS).width(size).height(size).pixelSizeUm(0.1).poreDiameterUm(3.0)
                                .porosity(0.35).minGapPx(3).blurPx(blur).snr(snr).seed(4000 + s).build());
                        c3[s] = e3[0];
                        i3[s] = e3[1];
                        for (int q = 0; q < 3; q++) {
                            w[q] += e[3 + q] / seeds;
                            w[3 + q] += e3[3 + q] / seeds;
                        }
                    }
                    System.out.printf(Locale.ROOT, "cyl b=%.1f snr=%2.0f  gap2 d20: count %+6.2f %% crofton %+6.2f %% iso %+6.2f %% | gap3 d30: crofton %+6.2f %% iso %+6.2f %%%n",
                            blur, snr, 100 * mean(cnt), 100 * mean(c), 100 * mean(is), 100 * mean(c3), 100 * mean(i3));
                    System.out.printf(Locale.ROOT, "    [up: d20 %+6.2f | d30 %+6.2f]%n", 100 * w[2], 100 * w[5]);
                }
            }
        }
        if (only.isEmpty() || only.equals("cyl") || only.equals("touch")) {
            // touching pores: 30 % of the cylinders placed tangent to an earlier one (δ = 20 px, φ = 0.35)
            for (double blur : new double[] {1.0, 1.5}) {
                for (double snr : new double[] {5, 12}) {
                    double[] c = new double[seeds], cnt = new double[seeds], cl = new double[seeds];
                    for (int s = 0; s < seeds; s++) {
                        double[] e = run(Params.builder().model(Model.CYLINDERS).width(size).height(size).pixelSizeUm(0.1).poreDiameterUm(2.0)
                                .porosity(0.35).minGapPx(2).touchFraction(0.3).blurPx(blur).snr(snr).seed(5000 + s).build());
                        c[s] = e[0];
                        cnt[s] = e[2];
                        cl[s] = e[6];
                    }
                    System.out.printf(Locale.ROOT, "touch b=%.1f snr=%2.0f  count vs pores %+6.2f %% vs clusters %+6.2f %% crofton %+6.2f %%%n",
                            blur, snr, 100 * mean(cnt), 100 * mean(cl), 100 * mean(c));
                }
            }
        }
        System.exit(0);
    }

    static double[] run(Params p0) {
        Params p = p0;
        if (System.getenv("CLEAN") != null) {
            p = new Params(p0.model(), p0.width(), p0.height(), p0.pixelSizeUm(), p0.poreDiameterUm(), p0.poreCount(), p0.radiusUm(),
                    p0.intensityPerUm2(), p0.porosity(), 0, p0.blurPx(), 0, p0.infoBarPx(), p0.vendor(), p0.seed(), p0.minGapPx(), false,
                    p0.solidGray(), p0.poreGray(), Double.NaN, p0.touchFraction(), p0.streaks(), p0.streakAmplitude(), p0.shadingProfile());
        }
        Synthetic syn = SemSynthesizer.generate(p);
        ImageProcessor img = syn.image();
        NoiseEstimator.Choice ch = NoiseEstimator.choose(img);
        SegmentationOptions o = options(ch, p.blurPx());
        SegmentationResult seg = Segmenter2D.segment(img, o);
        double pw = p.pixelSizeUm();
        PoreAnalysis pa = PoreMeasurer.measure(seg.mask(), pw, pw, BorderPolicy.INCLUDE);
        Object tSc = syn.truth().containsKey("perimeter_density_per_um_realization") ? syn.truth().get("perimeter_density_per_um_realization")
                : syn.truth().get("perimeter_density_per_um");
        double sc = ((Number) tSc).doubleValue();
        double iso = IsolinePerimeter.density(seg.filtered(), (byte[]) seg.mask().getPixels(), p.width(), p.height(), seg.threshold(), pw, pw, null);
        double cnt = syn.truth().containsKey("pore_count") ? pa.totalPoreComponents() / ((Number) syn.truth().get("pore_count")).doubleValue() - 1 : 0;
        if (System.getenv("VERBOSE") != null) {
            Object tp = syn.truth().containsKey("porosity_realization") ? syn.truth().get("porosity_realization") : syn.truth().get("porosity");
            System.out.printf(Locale.ROOT, "   porosity %+.2f %% ", 100 * (pa.porosity() / ((Number) tp).doubleValue() - 1));
            System.out.printf(Locale.ROOT, "   T=%.2f denoise=%s sigma=%.2f blur=%.2f%n", seg.threshold(), o.getDenoise(), ch.noiseSigma(), ch.edgeBlurPx());
        }
        double crof = pa.specificSurfaceAreaPerUm();
        double[] extra = new double[] {Double.NaN, Double.NaN, Double.NaN};
        if (System.getenv("VARIANTS") != null) {
            byte[] mk = (byte[]) seg.mask().getPixels();
            double base = org.porophase.measure.CroftonPerimeter.perimeter(seg.mask(), pw, pw);
            double up = croftonUp(seg.filtered(), mk, p.width(), p.height(), seg.threshold(), Integer.parseInt(System.getenv().getOrDefault("UPK", "2")), pw);
            extra[2] = crof * up / base / sc - 1;
        }
        if (System.getenv("RICH") != null) {
            double p1 = org.porophase.measure.CroftonPerimeter.perimeter(seg.mask(), pw, pw);
            double p2 = croftonHalf((byte[]) seg.mask().getPixels(), seg.filtered(), p.width(), p.height(), seg.threshold(), pw);
            extra[2] = crof * (2 * p1 - p2) / p1 / sc - 1;
        }
        if (System.getenv("RICH2") != null) {
            int w = p.width(), hh = p.height(), W = w / 2, H = hh / 2;
            ij.process.FloatProcessor half = new ij.process.FloatProcessor(W, H);
            for (int Y = 0; Y < H; Y++) {
                for (int X = 0; X < W; X++) {
                    half.setf(X, Y, (img.getf(2 * X, 2 * Y) + img.getf(2 * X + 1, 2 * Y) + img.getf(2 * X, 2 * Y + 1) + img.getf(2 * X + 1, 2 * Y + 1)) / 4f);
                }
            }
            NoiseEstimator.Choice ch2 = NoiseEstimator.choose(half);
            SegmentationResult seg2 = Segmenter2D.segment(half, options(ch2, p.blurPx() / 2));
            double c2 = PoreMeasurer.measure(seg2.mask(), 2 * pw, 2 * pw, BorderPolicy.INCLUDE).specificSurfaceAreaPerUm();
            extra[2] = (2 * crof - c2) / sc - 1;
        }
        double clusters = syn.truth().containsKey("pore_clusters")
                ? pa.totalPoreComponents() / ((Number) syn.truth().get("pore_clusters")).doubleValue() - 1 : Double.NaN;
        return new double[] {crof / sc - 1, iso / sc - 1, cnt, extra[0], extra[1], extra[2], clusters};
    }

    /** The default segmentation options for {@code ch} with the environment's overrides (class comment); TRUEBLUR scales
     * {@code trueBlurPx}, the rendering's PSF σ in this image's pixels. */
    static SegmentationOptions options(NoiseEstimator.Choice ch, double trueBlurPx) {
        SegmentationOptions o = SemAnalysisOptions.defaults().segmentation(ch);
        if (System.getenv("RL") != null) {
            o.setDeconvolveIterations(Integer.parseInt(System.getenv("RL")));
        }
        if (System.getenv("POST") != null) {
            o.setDeconvolveSmoothingPx(Double.parseDouble(System.getenv("POST")));
        }
        if (System.getenv("NLMR") != null) {
            o.setDenoiseRadiusPx(Double.parseDouble(System.getenv("NLMR")));
        }
        if (System.getenv("NLMS") != null) {
            o.setNlmStrength(Double.parseDouble(System.getenv("NLMS")));
        }
        if (System.getenv("DSCALE") != null && o.deconvolves()) {
            o.setDeconvolveSigmaPx(o.getDeconvolveSigmaPx() * Double.parseDouble(System.getenv("DSCALE")));
        }
        if (System.getenv("TRUEBLUR") != null) {
            o.setDeconvolveSigmaPx(trueBlurPx * Double.parseDouble(System.getenv("TRUEBLUR")));
        }
        if (System.getenv("NODECONV") != null) {
            o.setDeconvolveSigmaPx(Double.NaN);
        }
        if (System.getenv("SPLITK") != null) {
            o.setSplitDynamics(Double.parseDouble(System.getenv("SPLITK")));
        }
        if (System.getenv("BDECONV") != null) {
            o.setBinaryDeconvolution(Double.parseDouble(System.getenv("BDECONV")));
            o.setBinaryDeconvolutionPriorFlips(System.getenv("BDPRIOR") != null);
        }
        if (System.getenv("METHOD") != null) {
            o.setMethod(System.getenv("METHOD"));
        }
        return o;
    }

    /**
     * Crofton perimeter (µm) of the mask at twice the pixel size (RICH): each 2 × 2 block is pore at ≥ 3 of 4 pore pixels,
     * a 2-of-4 tie by the block's mean grey g against t (dark = pore) or, with RICHMAJ, by a checkerboard; with RICHDEC
     * the mean over the four 2 × 2 decimations instead.
     */
    static double croftonHalf(byte[] mk, float[] g, int w, int h, double t, double pw) {
        int W = w / 2, H = h / 2;
        if (System.getenv("RICHDEC") != null) {
            double p2 = 0;
            for (int oy = 0; oy < 2; oy++) {
                for (int ox = 0; ox < 2; ox++) {
                    byte[] d = new byte[W * H];
                    for (int Y = 0; Y < H; Y++) {
                        for (int X = 0; X < W; X++) {
                            d[Y * W + X] = mk[(2 * Y + oy) * w + 2 * X + ox];
                        }
                    }
                    p2 += org.porophase.measure.CroftonPerimeter.perimeter(new ij.process.ByteProcessor(W, H, d), 2 * pw, 2 * pw) / 4;
                }
            }
            return p2;
        }
        boolean tieGrey = System.getenv("RICHMAJ") == null;
        byte[] m2 = new byte[W * H];
        for (int Y = 0; Y < H; Y++) {
            for (int X = 0; X < W; X++) {
                int i = 2 * Y * w + 2 * X;
                int c = (mk[i] != 0 ? 1 : 0) + (mk[i + 1] != 0 ? 1 : 0) + (mk[i + w] != 0 ? 1 : 0) + (mk[i + w + 1] != 0 ? 1 : 0);
                boolean pore = c >= 3 || (c == 2 && (tieGrey ? (g[i] + g[i + 1] + g[i + w] + g[i + w + 1]) / 4 <= t : ((X + Y) & 1) == 0));
                m2[Y * W + X] = pore ? (byte) 255 : 0;
            }
        }
        return org.porophase.measure.CroftonPerimeter.perimeter(new ij.process.ByteProcessor(W, H, m2), 2 * pw, 2 * pw);
    }

    /** Crofton perimeter (µm) of the k× bilinear upsample thresholded at t (dark = pore), mask kept where 2×2 agree. */
    static double croftonUp(float[] g, byte[] mask, int w, int h, double t, int k, double pw) {
        int W = w * k, H = h * k;
        byte[] m = new byte[W * H];
        for (int Y = 0; Y < H; Y++) {
            double fy = Math.max(0, Math.min(h - 1.0001, (Y + 0.5) / k - 0.5));
            int y0 = (int) fy;
            double ay = fy - y0;
            for (int X = 0; X < W; X++) {
                double fx = Math.max(0, Math.min(w - 1.0001, (X + 0.5) / k - 0.5));
                int x0 = (int) fx;
                double ax = fx - x0;
                int i = y0 * w + x0;
                boolean a = mask[i] != 0, b = mask[i + 1] != 0, c = mask[i + w] != 0, d = mask[i + w + 1] != 0;
                boolean pore;
                if (a == b && b == c && c == d) {
                    pore = a;
                } else {
                    double v = (1 - ay) * ((1 - ax) * g[i] + ax * g[i + 1]) + ay * ((1 - ax) * g[i + w] + ax * g[i + w + 1]);
                    pore = v <= t;
                }
                m[Y * W + X] = pore ? (byte) 255 : 0;
            }
        }
        return org.porophase.measure.CroftonPerimeter.perimeter(new ij.process.ByteProcessor(W, H, m), pw / k, pw / k);
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }
}
