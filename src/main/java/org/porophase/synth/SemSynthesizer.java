package org.porophase.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.porophase.core.PoroPhaseException;
import org.porophase.config.Version;
import org.porophase.io.TiffTags;
import org.porophase.io.TiffWriter;
import org.porophase.core.AtomicFiles;
import org.porophase.core.Json;

import ij.plugin.filter.GaussianBlur;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * Synthetic SEM cross-sections of porous solids with exact or analytic ground truth, for testing
 * segmentation and measurement.
 * <p>
 * <b>Models</b> (all lengths in µm; the analysed area is {@code width × height} pixels of size
 * {@code pixelSizeUm}, A = width·height·pixelSize²):
 * <ul>
 * <li>{@link Model#CYLINDERS}: cross-section of parallel cylinders of one diameter δ — N non-overlapping
 * disks placed by random sequential addition (RSA) with centre distance ≥ δ + gap (gap ≥ 3 px, so pores
 * never touch) and at least {@code gap} pixels from the edges (all pores fully inside, so the count is
 * exact). Truth: φ = N·πδ²/4 / A (exact), S_c = 4φ/δ (Zhang et al. 2024, eq. 1; equal to P/A = NπΔ/A of
 * eq. 3 for this geometry), pore count N, mean diameter δ, total perimeter N·π·δ.</li>
 * <li>{@link Model#BOOLEAN}: Boolean model of disks of radius r with Poisson germ intensity λ (µm⁻²);
 * germs are drawn in the window dilated by r, so the window sees a stationary realization without edge
 * effects. Expected truth: φ = 1 − exp(−λπr²), perimeter density L_A = 2πrλ·exp(−λπr²) µm⁻¹ (the S_c of
 * eq. 3; Miles' formulae, e.g. Chiu, Stoyan, Kendall &amp; Mecke, Stochastic Geometry, ch. 3). The
 * realization's own area fraction (8×8 supersampled coverage) and exact boundary length (arcs of each
 * circle not inside another disk, clipped to the window: {@link #unionPerimeterPx}) are also recorded.</li>
 * </ul>
 * Cylinder options: {@code minGapPx} ≥ 2 (the smallest gap that keeps two digitised pores apart in
 * 8-connectivity, since 2 &gt; √2); {@code touchFraction} &gt; 0 places that share of the attempts tangent to an
 * earlier pore (touching pores; truth adds {@code touching_pairs} and {@code pore_clusters}, the perimeter stays
 * N·π·δ). Noise can be given as {@code snr} = |solid − pore| / σ (σ at mid-gray); the truth records the σ used.
 * Artefacts: shading LINEAR (tilt) or RADIAL (vignetting) and charging streaks ({@link #streaks}).
 * <p>
 * <b>Rendering ("SEM look")</b>, in this order: exact coverage per pixel (8×8 supersampling on edge pixels,
 * exact 0/1 elsewhere) → gray = solid·(1−c) + pore·c, with an optional smooth grain texture on the solid
 * (white noise blurred with σ = 6 px, ±12 gray levels) → Gaussian blur σ = {@code blurPx} (point-spread
 * function) → shading: multiplication by 1 + s·(2t − 1), t = (x/W + y/H)/2 (or the radial profile of
 * {@link Shading#RADIAL}) → charging streaks (if any) → noise: Gaussian with variance
 * noise²·(0.5 + 0.5·v/128) (half additive, half signal-proportional Poisson-like) → rounding to 8 bit.
 * Then an info bar of {@code infoBarPx} rows is appended below the analysed area: black band, 2-px white
 * separator line on top, white text (HV, WD, magnification, detector) and a scale bar with its label,
 * drawn with a built-in 5×7 bitmap font so that images are identical on every machine.
 * <p>
 * The pore mask truth is 255 where the pixel centre lies inside a pore (for the analysed area only).
 */
public final class SemSynthesizer {
    private SemSynthesizer() {
    }

    /** Geometry model. */
    public enum Model {
        CYLINDERS, BOOLEAN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Shading profile: LINEAR = 1 + s·(2t − 1), t = (x/W + y/H)/2 (a tilt); RADIAL = 1 + s·(1 − 2ρ²), ρ the
     * distance from the image centre over the half-diagonal (vignetting: bright centre, dark corners).
     */
    public enum Shading {
        LINEAR, RADIAL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the calibration is written into the TIFF. */
    public enum Vendor {
        NONE, IMAGEJ, FEI, ZEISS, TESCAN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Supersampling factor per axis for edge pixels. */
    public static final int SUPERSAMPLE = 8;
    static final double GRAIN_SIGMA_PX = 6.0;
    static final double GRAIN_AMPLITUDE = 12.0;

    /**
     * Generator parameters. Use {@link #builder()}.
     *
     * @param poreCount       cylinders: number of pores; 0 → derived from {@code porosity}
     * @param intensityPerUm2 boolean: germ intensity λ; 0 → derived from {@code porosity}
     * @param porosity        target porosity used when the count/intensity is 0 (NaN → 0.35)
     * @param noise           noise standard deviation in gray levels at mid-gray
     * @param shading         relative brightness gradient amplitude s (0 = none)
     */
    public record Params(Model model, int width, int height, double pixelSizeUm, double poreDiameterUm, int poreCount,
            double radiusUm, double intensityPerUm2, double porosity, double noise, double blurPx, double shading,
            int infoBarPx, Vendor vendor, long seed, int minGapPx, boolean grain, int solidGray, int poreGray,
            double snr, double touchFraction, int streaks, double streakAmplitude, Shading shadingProfile) {

        public static Builder builder() {
            return new Builder();
        }
    }

    /** Builder with defaults: cylinders, 512×384 px, 0.1 µm pixels, δ = 3 µm, φ = 0.35, noise 12, blur 1 px. */
    public static final class Builder {
        private Model model = Model.CYLINDERS;
        private int width = 512;
        private int height = 384;
        private double pixelSizeUm = 0.1;
        private double poreDiameterUm = 3.0;
        private int poreCount = 0;
        private double radiusUm = 1.5;
        private double intensityPerUm2 = 0;
        private double porosity = Double.NaN;
        private double noise = 12;
        private double blurPx = 1.0;
        private double shading = 0;
        private int infoBarPx = 0;
        private Vendor vendor = Vendor.NONE;
        private long seed = 1;
        private int minGapPx = 3;
        private boolean grain = true;
        private int solidGray = 175;
        private int poreGray = 45;
        private double snr = Double.NaN;
        private double touchFraction = 0;
        private int streaks = 0;
        private double streakAmplitude = 40;
        private Shading shadingProfile = Shading.LINEAR;

        public Builder model(Model v) { model = v; return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder height(int v) { height = v; return this; }
        public Builder pixelSizeUm(double v) { pixelSizeUm = v; return this; }
        public Builder poreDiameterUm(double v) { poreDiameterUm = v; return this; }
        public Builder poreCount(int v) { poreCount = v; return this; }
        public Builder radiusUm(double v) { radiusUm = v; return this; }
        public Builder intensityPerUm2(double v) { intensityPerUm2 = v; return this; }
        public Builder porosity(double v) { porosity = v; return this; }
        public Builder noise(double v) { noise = v; return this; }
        public Builder blurPx(double v) { blurPx = v; return this; }
        public Builder shading(double v) { shading = v; return this; }
        public Builder infoBarPx(int v) { infoBarPx = v; return this; }
        public Builder vendor(Vendor v) { vendor = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder minGapPx(int v) { minGapPx = v; return this; }
        public Builder grain(boolean v) { grain = v; return this; }
        public Builder solidGray(int v) { solidGray = v; return this; }
        public Builder poreGray(int v) { poreGray = v; return this; }
        /** Signal-to-noise ratio |solid − pore| / σ_noise; when set (not NaN) it replaces {@code noise}. */
        public Builder snr(double v) { snr = v; return this; }
        /** Cylinders: fraction of pores placed tangent to an earlier pore (touching pairs and chains). */
        public Builder touchFraction(double v) { touchFraction = v; return this; }
        /** Number of bright horizontal charging streaks. */
        public Builder streaks(int v) { streaks = v; return this; }
        /** Peak brightness of a charging streak, gray levels. */
        public Builder streakAmplitude(double v) { streakAmplitude = v; return this; }
        public Builder shadingProfile(Shading v) { shadingProfile = v; return this; }

        public Params build() {
            return new Params(model, width, height, pixelSizeUm, poreDiameterUm, poreCount, radiusUm, intensityPerUm2,
                    porosity, noise, blurPx, shading, infoBarPx, vendor, seed, minGapPx, grain, solidGray, poreGray,
                    snr, touchFraction, streaks, streakAmplitude, shadingProfile);
        }
    }

    /**
     * A generated image with its truth.
     *
     * @param image        8-bit SEM-like image: analysed area on top, info bar (if any) below
     * @param poreMask     truth for the analysed area (width × height): 255 = pore (pixel centre in a pore)
     * @param truth        ground truth and generation parameters, for JSON
     * @param analysedRows rows of the analysed area (= height); the info bar starts below
     * @param diskX        disk centres x in pixel units (pixel (i,j) spans [i, i+1) × [j, j+1))
     * @param diskY        disk centres y in pixel units
     * @param diskR        disk radii in pixel units
     */
    public record Synthetic(ByteProcessor image, ByteProcessor poreMask, Map<String, Object> truth, int analysedRows,
            double[] diskX, double[] diskY, double[] diskR, Params params) {
    }

    /** Generates an image; deterministic for a given {@link Params} (including the seed). */
    public static Synthetic generate(Params p) {
        validate(p);
        int w = p.width();
        int h = p.height();
        double pw = p.pixelSizeUm();
        double areaUm2 = (double) w * h * pw * pw;
        SplittableRandom rng = new SplittableRandom(p.seed());
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("generator", "PoroPhase SemSynthesizer " + Version.get());
        truth.put("model", p.model().key());
        truth.put("seed", p.seed());
        truth.put("width_px", w);
        truth.put("height_px", h);
        truth.put("info_bar_rows", p.infoBarPx());
        truth.put("image_height_px", h + p.infoBarPx());
        truth.put("pixel_size_um", pw);
        truth.put("analysed_area_um2", areaUm2);

        double[] xs;
        double[] ys;
        double[] rs;
        if (p.model() == Model.CYLINDERS) {
            double dPx = p.poreDiameterUm() / pw;
            double rPx = dPx / 2;
            double poreArea = Math.PI * p.poreDiameterUm() * p.poreDiameterUm() / 4;
            int n = p.poreCount() > 0 ? p.poreCount()
                    : (int) Math.round((Double.isNaN(p.porosity()) ? 0.35 : p.porosity()) * areaUm2 / poreArea);
            if (n < 1) {
                throw new PoroPhaseException("the image is too small for one pore of diameter " + p.poreDiameterUm()
                        + " µm at this porosity: enlarge --width/--height or raise --porosity");
            }
            long fit = maxRsaCount(rPx, p.minGapPx(), w, h);
            if (n > fit) {
                throw new PoroPhaseException(String.format(Locale.ROOT,
                        "%s %d non-touching pores of %s µm (%.1f px, gap %d px) do not fit in %d × %d px: random sequential packing holds "
                                + "at most about %d (%.1f %% of the area covered by the pores' exclusion disks); lower %s, use smaller pores "
                                + "(--pore-diameter) or a larger image (--width/--height)",
                        p.poreCount() > 0 ? "--count" : "the porosity asks for", n, fmtUm(p.poreDiameterUm()), dPx, p.minGapPx(), w, h, fit,
                        100 * RSA_JAMMING_2D, p.poreCount() > 0 ? "--count" : "--porosity"));
            }
            double[][] c = placeRsa(n, rPx, p.minGapPx(), w, h, rng, p.touchFraction());
            xs = c[0];
            ys = c[1];
            rs = new double[n];
            java.util.Arrays.fill(rs, rPx);
            double phi = n * poreArea / areaUm2;
            truth.put("pore_diameter_um", p.poreDiameterUm());
            truth.put("min_gap_px", p.minGapPx());
            truth.put("pore_count", n);
            truth.put("porosity", phi);
            truth.put("specific_surface_per_um", 4 * phi / p.poreDiameterUm());
            truth.put("total_perimeter_um", n * Math.PI * p.poreDiameterUm());
            truth.put("perimeter_density_per_um", n * Math.PI * p.poreDiameterUm() / areaUm2);
            truth.put("mean_pore_diameter_um", p.poreDiameterUm());
            truth.put("mean_pore_area_um2", poreArea);
            truth.put("truth_note", "exact: non-overlapping disks fully inside the analysed area; S_c = 4 phi / delta (eq. 1) = P/A (eq. 3)");
            if (p.touchFraction() > 0) {
                int pairs = (int) c[2][0];
                truth.put("touch_fraction", p.touchFraction());
                truth.put("touching_pairs", pairs);
                truth.put("pore_clusters", (int) c[2][1]);
                truth.put("truth_note", "exact: non-overlapping disks fully inside the analysed area, " + pairs + " pairs tangent"
                        + " (pore_clusters = groups of tangent disks); S_c = 4 phi / delta (eq. 1) = P/A (eq. 3)");
            }
        } else {
            double r = p.radiusUm();
            double lambda = p.intensityPerUm2() > 0 ? p.intensityPerUm2()
                    : -Math.log(1 - (Double.isNaN(p.porosity()) ? 0.35 : p.porosity())) / (Math.PI * r * r);
            double wd = w * pw + 2 * r;
            double hd = h * pw + 2 * r;
            double mean = lambda * wd * hd;
            if (!(mean <= MAX_GERMS)) {
                throw new PoroPhaseException(String.format(Locale.ROOT,
                        "the Boolean model would place %.3g disks of radius %s µm (intensity %.4g per µm² over %.4g × %.4g µm), more than %d: "
                                + "lower --intensity or --porosity, use larger disks (--radius) or a smaller image",
                        mean, fmtUm(r), lambda, wd, hd, MAX_GERMS));
            }
            int n = mean <= 0 ? 0 : new PoissonDistribution(new Well19937c(p.seed()), mean,
                    PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
            xs = new double[n];
            ys = new double[n];
            rs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = (-r + rng.nextDouble() * wd) / pw;
                ys[i] = (-r + rng.nextDouble() * hd) / pw;
                rs[i] = r / pw;
            }
            double q = Math.exp(-lambda * Math.PI * r * r);
            truth.put("radius_um", r);
            truth.put("intensity_per_um2", lambda);
            truth.put("germ_count", n);
            truth.put("porosity_expected", 1 - q);
            truth.put("perimeter_density_per_um_expected", 2 * Math.PI * r * lambda * q);
            truth.put("specific_surface_per_um_expected", 2 * Math.PI * r * lambda * q);
            truth.put("truth_note", "Boolean model, germs in the window dilated by r: E[phi] = 1 - exp(-lambda pi r^2),"
                    + " E[L_A] = 2 pi r lambda exp(-lambda pi r^2) = S_c of eq. 3; *_realization = this image's exact values");
        }

        // coverage and mask
        float[] cov = new float[w * h];
        byte[] mask = new byte[w * h];
        render(xs, ys, rs, w, h, cov, mask);
        double covSum = 0;
        long maskCount = 0;
        for (int i = 0; i < cov.length; i++) {
            covSum += cov[i];
            if (mask[i] != 0) {
                maskCount++;
            }
        }
        truth.put("mask_porosity", maskCount / (double) (w * h));
        if (p.model() == Model.BOOLEAN) {
            double perimPx = unionPerimeterPx(xs, ys, rs, w, h);
            truth.put("porosity_realization", covSum / (w * h));
            truth.put("perimeter_density_per_um_realization", perimPx * pw / areaUm2);
            truth.put("specific_surface_per_um_realization", perimPx * pw / areaUm2);
        }

        // gray levels
        float[] g = new float[w * h];
        float[] grain = null;
        if (p.grain()) {
            grain = new float[w * h];
            SplittableRandom gr = rng.split();
            for (int i = 0; i < grain.length; i++) {
                grain[i] = (float) gaussian(gr);
            }
            FloatProcessor gp = new FloatProcessor(w, h, grain);
            new GaussianBlur().blurGaussian(gp, GRAIN_SIGMA_PX, GRAIN_SIGMA_PX, 0.002);
            double ss = 0;
            for (float v : grain) {
                ss += v * v;
            }
            double sd = Math.sqrt(ss / grain.length);
            double k = sd > 0 ? GRAIN_AMPLITUDE / (2 * sd) : 0; // ±2 sd ≈ ±amplitude
            for (int i = 0; i < grain.length; i++) {
                grain[i] *= k;
            }
        }
        for (int i = 0; i < g.length; i++) {
            double solid = p.solidGray() + (grain == null ? 0 : grain[i]);
            g[i] = (float) (solid * (1 - cov[i]) + p.poreGray() * cov[i]);
        }
        FloatProcessor fp = new FloatProcessor(w, h, g);
        if (p.blurPx() > 0) {
            new GaussianBlur().blurGaussian(fp, p.blurPx(), p.blurPx(), 0.002);
        }
        byte[] out = new byte[w * (h + p.infoBarPx())];
        SplittableRandom nr = rng.split();
        float[] streak = p.streaks() > 0 ? streaks(p, w, h, rng.split(), truth) : null;
        final double noise = noiseSigma(p);
        final double halfDiag2 = 0.25 * ((double) w * w + (double) h * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double v = g[i];
                if (p.shading() != 0) {
                    if (p.shadingProfile() == Shading.RADIAL) {
                        double dx = x + 0.5 - 0.5 * w;
                        double dy = y + 0.5 - 0.5 * h;
                        v *= 1 + p.shading() * (1 - 2 * (dx * dx + dy * dy) / halfDiag2);
                    } else {
                        double t = 0.5 * ((x + 0.5) / w + (y + 0.5) / h);
                        v *= 1 + p.shading() * (2 * t - 1);
                    }
                }
                if (streak != null) {
                    v += streak[i];
                }
                if (noise > 0) {
                    double var = noise * noise * (0.5 + 0.5 * Math.max(v, 0) / 128.0);
                    v += Math.sqrt(var) * gaussian(nr);
                }
                int q = (int) Math.round(v);
                out[i] = (byte) (q < 0 ? 0 : (q > 255 ? 255 : q));
            }
        }
        ByteProcessor image = new ByteProcessor(w, h + p.infoBarPx(), out);
        if (p.infoBarPx() > 0) {
            drawInfoBar(image, h, p);
        }
        truth.put("noise", noise);
        if (!Double.isNaN(p.snr())) {
            truth.put("snr", p.snr());
        }
        truth.put("blur_px", p.blurPx());
        truth.put("shading", p.shading());
        if (p.shadingProfile() != Shading.LINEAR) {
            truth.put("shading_profile", p.shadingProfile().key());
        }
        truth.put("grain", p.grain());
        truth.put("solid_gray", p.solidGray());
        truth.put("pore_gray", p.poreGray());
        truth.put("vendor", p.vendor().key());
        truth.put("calibration_source_expected", p.vendor() == Vendor.NONE ? "none" : p.vendor().key());
        return new Synthetic(image, new ByteProcessor(w, h, mask), truth, h, xs, ys, rs, p);
    }

    /** Noise σ at mid-gray: |solid − pore| / snr when the SNR is given, else {@code noise}. */
    static double noiseSigma(Params p) {
        return Double.isNaN(p.snr()) ? p.noise() : Math.abs(p.solidGray() - p.poreGray()) / p.snr();
    }

    /**
     * Charging streaks (SEM scan lines brightened by surface charge, which then leaks away along the scan):
     * each streak covers 1–3 consecutive rows from a random start x to the right edge, with brightness
     * A·u·exp(−(x − x₀)/L), u uniform in [0.5, 1], L uniform in [W/8, W/2]. Added after shading, before noise;
     * the geometry (and so the truth) is unchanged. Records {@code streaks}, {@code streak_amplitude} and
     * {@code streak_rows} (rows touched) in the truth.
     */
    static float[] streaks(Params p, int w, int h, SplittableRandom r, Map<String, Object> truth) {
        float[] s = new float[w * h];
        java.util.BitSet rows = new java.util.BitSet(h);
        for (int k = 0; k < p.streaks(); k++) {
            int thick = 1 + r.nextInt(3);
            int y0 = r.nextInt(Math.max(1, h - thick + 1));
            int x0 = r.nextInt(w);
            double a = p.streakAmplitude() * (0.5 + 0.5 * r.nextDouble());
            double len = w * (0.125 + 0.375 * r.nextDouble());
            for (int y = y0; y < Math.min(h, y0 + thick); y++) {
                rows.set(y);
                for (int x = x0; x < w; x++) {
                    s[y * w + x] += (float) (a * Math.exp(-(x - x0) / len));
                }
            }
        }
        truth.put("streaks", p.streaks());
        truth.put("streak_amplitude", p.streakAmplitude());
        truth.put("streak_rows", rows.cardinality());
        return s;
    }

    private static void validate(Params p) {
        if (p.model() == null) {
            throw new PoroPhaseException("--model must be cylinders or boolean");
        }
        if (p.width() < 16 || p.height() < 16 || (long) p.width() * (p.height() + p.infoBarPx()) > 100_000_000L) {
            throw new PoroPhaseException("--width and --height must be between 16 and 10000 pixels (got " + p.width() + "×" + p.height() + ")");
        }
        if (!(p.pixelSizeUm() > 0) || !Double.isFinite(p.pixelSizeUm())) {
            throw new PoroPhaseException("--pixel-size must be a positive number in µm (got " + p.pixelSizeUm() + ")");
        }
        if (p.model() == Model.CYLINDERS && (!(p.poreDiameterUm() / p.pixelSizeUm() >= 4) || !Double.isFinite(p.poreDiameterUm()))) {
            throw new PoroPhaseException("--pore-diameter must be at least 4 pixels (" + 4 * p.pixelSizeUm() + " µm) (got " + p.poreDiameterUm() + " µm)");
        }
        if (p.model() == Model.BOOLEAN && (!(p.radiusUm() / p.pixelSizeUm() >= 2) || !Double.isFinite(p.radiusUm()))) {
            throw new PoroPhaseException("--radius must be at least 2 pixels (" + 2 * p.pixelSizeUm() + " µm) (got " + p.radiusUm() + " µm)");
        }
        if (!Double.isNaN(p.porosity()) && !(p.porosity() > 0 && p.porosity() < 1)) {
            throw new PoroPhaseException("--porosity must be between 0 and 1 (got " + p.porosity() + ")");
        }
        if (p.intensityPerUm2() < 0 || p.poreCount() < 0 || p.noise() < 0 || p.blurPx() < 0 || p.infoBarPx() < 0
                || !(Math.abs(p.shading()) < 1)) {
            throw new PoroPhaseException("--intensity, --noise, --blur-px and --info-bar-px must be ≥ 0 and |--shading| < 1");
        }
        if (p.minGapPx() < 2) {
            throw new PoroPhaseException("--min-gap-px: the gap between cylinder pores must be at least 2 px, so that the digitised pores"
                    + " stay apart (got " + p.minGapPx() + "); for touching pores use --touch-fraction");
        }
        if (!Double.isNaN(p.snr()) && !(p.snr() > 0 && Double.isFinite(p.snr()))) {
            throw new PoroPhaseException("--snr must be a positive ratio (contrast over noise σ), got " + p.snr());
        }
        if (!(p.touchFraction() >= 0 && p.touchFraction() < 1)) {
            throw new PoroPhaseException("--touch-fraction must be in [0, 1), got " + p.touchFraction());
        }
        if (p.streaks() < 0 || p.streaks() > 10_000 || !(p.streakAmplitude() >= 0 && p.streakAmplitude() <= 255)) {
            throw new PoroPhaseException("--streaks must be 0…10000 and --streak-amplitude 0…255 gray levels (got "
                    + p.streaks() + ", " + p.streakAmplitude() + ")");
        }
        if (p.shadingProfile() == null) {
            throw new PoroPhaseException("--shading-profile must be linear or radial");
        }
        if (p.infoBarPx() > 0 && p.infoBarPx() < 12) {
            throw new PoroPhaseException("--info-bar-px must be 0 (no bar) or at least 12 rows (got " + p.infoBarPx() + ")");
        }
    }

    /** Box–Muller standard normal from a SplittableRandom (portable and deterministic across JDKs). */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Jamming coverage of random sequential addition of equal disks in the plane (Feder 1980; Hinrichsen et al. 1986: 0.5472). */
    static final double RSA_JAMMING_2D = 0.547;
    /** Most germs of a Boolean model (each costs a disk rendering; 10⁷ take about a minute). */
    static final long MAX_GERMS = 10_000_000L;

    /**
     * Upper bound of the number of non-touching disks {@link #placeRsa} can place: centres lie in a
     * (w − 2lo) × (h − 2lo) region, lo = r + gap, and keep a distance D = 2r + gap, so at jamming the
     * exclusion disks of diameter D (centres dilated by D/2) cover {@link #RSA_JAMMING_2D} of the
     * region dilated by D/2: n ≤ 0.547 · (w − 2lo + D)(h − 2lo + D) / (π D²/4), with 5 % to spare for
     * the fluctuations of a finite window. Requests above it would only exhaust the attempts (minutes
     * for 10⁸) and are refused up front.
     */
    static long maxRsaCount(double rPx, int gap, int w, int h) {
        double lo = rPx + gap;
        double dd = 2 * rPx + gap;
        double ax = Math.max(0, w - 2 * lo) + dd;
        double ay = Math.max(0, h - 2 * lo) + dd;
        return (long) Math.ceil(1.05 * RSA_JAMMING_2D * ax * ay / (Math.PI * dd * dd / 4));
    }

    private static String fmtUm(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Random sequential addition of n disks of radius rPx, centre distance ≥ 2 rPx + gap, gap from the edges. */
    static double[][] placeRsa(int n, double rPx, int gap, int w, int h, SplittableRandom rng) {
        return placeRsa(n, rPx, gap, w, h, rng, 0);
    }

    /**
     * As {@link #placeRsa(int, double, int, int, int, SplittableRandom)}, but with probability {@code touch} an
     * attempt places the disk tangent to a random earlier disk (centre distance exactly 2 rPx, at a random angle),
     * keeping the gap to every other disk. Returns {xs, ys, {tangent pairs, clusters of tangent disks}}.
     */
    static double[][] placeRsa(int n, double rPx, int gap, int w, int h, SplittableRandom rng, double touch) {
        double lo = rPx + gap;
        double spanX = w - 2 * lo;
        double spanY = h - 2 * lo;
        if (spanX <= 0 || spanY <= 0) {
            throw new PoroPhaseException("pores of diameter " + 2 * rPx + " px do not fit in " + w + "×" + h + " px: enlarge the image");
        }
        double minD = 2 * rPx + gap;
        double minD2 = minD * minD;
        int gw = Math.max(1, (int) Math.ceil(w / minD));
        int gh = Math.max(1, (int) Math.ceil(h / minD));
        List<List<Integer>> grid = new ArrayList<>(gw * gh);
        for (int i = 0; i < gw * gh; i++) {
            grid.add(new ArrayList<>(2));
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int[] parent = new int[n];
        int pairs = 0;
        int placed = 0;
        long maxAttempts = 2000L * n + 200_000L;
        for (long a = 0; a < maxAttempts && placed < n; a++) {
            double x;
            double y;
            int partner = -1;
            if (touch > 0 && placed > 0 && rng.nextDouble() < touch) {
                partner = rng.nextInt(placed);
                double ang = 2 * Math.PI * rng.nextDouble();
                x = xs[partner] + 2 * rPx * Math.cos(ang);
                y = ys[partner] + 2 * rPx * Math.sin(ang);
                if (x < lo || x > w - lo || y < lo || y > h - lo) {
                    continue;
                }
            } else {
                x = lo + rng.nextDouble() * spanX;
                y = lo + rng.nextDouble() * spanY;
            }
            int cx = Math.min(gw - 1, (int) (x / minD));
            int cy = Math.min(gh - 1, (int) (y / minD));
            boolean ok = true;
            for (int gy = Math.max(0, cy - 1); gy <= Math.min(gh - 1, cy + 1) && ok; gy++) {
                for (int gx = Math.max(0, cx - 1); gx <= Math.min(gw - 1, cx + 1) && ok; gx++) {
                    for (int k : grid.get(gy * gw + gx)) {
                        if (k == partner) {
                            continue;
                        }
                        double dx = xs[k] - x;
                        double dy = ys[k] - y;
                        if (dx * dx + dy * dy < minD2) {
                            ok = false;
                            break;
                        }
                    }
                }
            }
            if (ok) {
                xs[placed] = x;
                ys[placed] = y;
                parent[placed] = placed;
                if (partner >= 0) {
                    parent[placed] = root(parent, partner);
                    pairs++;
                }
                grid.get(cy * gw + cx).add(placed);
                placed++;
            }
        }
        if (placed < n) {
            throw new PoroPhaseException(String.format(Locale.ROOT, "could only place %d of %d non-touching pores (diameter %.1f px,"
                    + " gap %d px) in %d×%d px: the porosity is too close to the random-packing limit; lower --porosity,"
                    + " use smaller pores or a larger image", placed, n, 2 * rPx, gap, w, h));
        }
        int clusters = 0;
        for (int i = 0; i < n; i++) {
            if (root(parent, i) == i) {
                clusters++;
            }
        }
        return new double[][] {xs, ys, {pairs, clusters}};
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Spatial index: for each cell of size cs, the disks whose (radius + 1)-box touches it. */
    private static int[][] index(double[] xs, double[] ys, double[] rs, int gw, int gh, double cs) {
        int[] counts = new int[gw * gh];
        for (int pass = 0; pass < 2; pass++) {
            int[][] lists = pass == 1 ? new int[gw * gh][] : null;
            if (pass == 1) {
                for (int i = 0; i < lists.length; i++) {
                    lists[i] = new int[counts[i]];
                }
                java.util.Arrays.fill(counts, 0);
            }
            for (int k = 0; k < xs.length; k++) {
                int x0 = Math.max(0, (int) Math.floor((xs[k] - rs[k] - 1) / cs));
                int x1 = Math.min(gw - 1, (int) Math.floor((xs[k] + rs[k] + 1) / cs));
                int y0 = Math.max(0, (int) Math.floor((ys[k] - rs[k] - 1) / cs));
                int y1 = Math.min(gh - 1, (int) Math.floor((ys[k] + rs[k] + 1) / cs));
                for (int gy = y0; gy <= y1; gy++) {
                    for (int gx = x0; gx <= x1; gx++) {
                        if (pass == 1) {
                            lists[gy * gw + gx][counts[gy * gw + gx]] = k;
                        }
                        counts[gy * gw + gx]++;
                    }
                }
            }
            if (pass == 1) {
                return lists;
            }
        }
        throw new IllegalStateException();
    }

    /** Coverage (fraction of the pixel inside the union of disks, 8×8 supersampled at edges) and centre mask. */
    static void render(double[] xs, double[] ys, double[] rs, int w, int h, float[] cov, byte[] mask) {
        double rmax = 1;
        for (double r : rs) {
            rmax = Math.max(rmax, r);
        }
        double cs = Math.max(8, Math.ceil(rmax));
        int gw = (int) Math.ceil(w / cs) + 1;
        int gh = (int) Math.ceil(h / cs) + 1;
        int[][] lists = index(xs, ys, rs, gw, gh, cs);
        final double half = Math.sqrt(0.5);
        final int ss = SUPERSAMPLE;
        IntStream.range(0, h).parallel().forEach(y -> {
            double py = y + 0.5;
            int gy = (int) (py / cs);
            for (int x = 0; x < w; x++) {
                double px = x + 0.5;
                int[] cand = lists[gy * gw + (int) (px / cs)];
                boolean inside = false;
                boolean full = false;
                boolean edge = false;
                for (int k : cand) {
                    double dx = px - xs[k];
                    double dy = py - ys[k];
                    double d = Math.sqrt(dx * dx + dy * dy);
                    if (d <= rs[k]) {
                        inside = true;
                    }
                    if (d <= rs[k] - half) {
                        full = true;
                        break;
                    }
                    if (d < rs[k] + half) {
                        edge = true;
                    }
                }
                int i = y * w + x;
                mask[i] = inside ? (byte) 255 : 0;
                if (full) {
                    cov[i] = 1f;
                } else if (edge) {
                    int count = 0;
                    for (int sy = 0; sy < ss; sy++) {
                        double qy = y + (sy + 0.5) / ss;
                        for (int sx = 0; sx < ss; sx++) {
                            double qx = x + (sx + 0.5) / ss;
                            for (int k : cand) {
                                double dx = qx - xs[k];
                                double dy = qy - ys[k];
                                if (dx * dx + dy * dy <= rs[k] * rs[k]) {
                                    count++;
                                    break;
                                }
                            }
                        }
                    }
                    cov[i] = count / (float) (ss * ss);
                } else {
                    cov[i] = 0f;
                }
            }
        });
    }

    /**
     * Exact length (px) of the boundary of the union of disks inside the window [0,w]×[0,h]: for each circle,
     * the angular intervals inside another disk (half-angle α, cos α = (d² + r² − r_j²)/(2dr), around the
     * direction to the other centre) and outside the window (half-angle acos(c) around the outward normal of
     * each window side, c the distance to that side over r) are merged on [0, 2π); the remaining arcs count,
     * r·(2π − covered). Exact up to rounding. Two identical disks count once.
     */
    static double unionPerimeterPx(double[] xs, double[] ys, double[] rs, int w, int h) {
        double rmax = 1;
        for (double r : rs) {
            rmax = Math.max(rmax, r);
        }
        double cs = Math.max(8, 2 * Math.ceil(rmax));
        int gw = (int) Math.ceil((w + 4 * rmax) / cs) + 1;
        int gh = (int) Math.ceil((h + 4 * rmax) / cs) + 1;
        double off = 2 * rmax;
        double[] sx = new double[xs.length];
        double[] sy = new double[ys.length];
        for (int k = 0; k < xs.length; k++) {
            sx[k] = xs[k] + off;
            sy[k] = ys[k] + off;
        }
        int[][] lists = index(sx, sy, rs, gw, gh, cs);
        return IntStream.range(0, xs.length).parallel().mapToDouble(k -> {
            double r = rs[k];
            if (xs[k] + r < 0 || xs[k] - r > w || ys[k] + r < 0 || ys[k] - r > h) {
                return 0;
            }
            ArcCover cover = new ArcCover();
            // the window: outward normals (−1,0), (1,0), (0,−1), (0,1) at distances x, w − x, y, h − y
            if (!cover.add(Math.PI, xs[k] / r) || !cover.add(0, (w - xs[k]) / r)
                    || !cover.add(-0.5 * Math.PI, ys[k] / r) || !cover.add(0.5 * Math.PI, (h - ys[k]) / r)) {
                return 0;
            }
            int x0 = Math.max(0, (int) Math.floor((sx[k] - r - 1) / cs));
            int x1 = Math.min(gw - 1, (int) Math.floor((sx[k] + r + 1) / cs));
            int y0 = Math.max(0, (int) Math.floor((sy[k] - r - 1) / cs));
            int y1 = Math.min(gh - 1, (int) Math.floor((sy[k] + r + 1) / cs));
            java.util.BitSet seen = new java.util.BitSet();
            for (int gy = y0; gy <= y1; gy++) {
                for (int gx = x0; gx <= x1; gx++) {
                    for (int j : lists[gy * gw + gx]) {
                        if (j == k || seen.get(j)) {
                            continue;
                        }
                        seen.set(j);
                        double dx = xs[j] - xs[k];
                        double dy = ys[j] - ys[k];
                        double d = Math.sqrt(dx * dx + dy * dy);
                        double rj = rs[j];
                        if (d >= r + rj || d + rj <= r && !(d == 0 && rj == r)) {
                            continue; // apart, or disk j inside disk k
                        }
                        if (d + r <= rj) {
                            if (d == 0 && rj == r && j > k) {
                                continue; // identical disks: the first one keeps the boundary
                            }
                            return 0; // disk k inside disk j
                        }
                        cover.add(Math.atan2(dy, dx), (d * d + r * r - rj * rj) / (2 * d * r));
                    }
                }
            }
            return r * (2 * Math.PI - cover.covered());
        }).sum();
    }

    /** Union of arcs on [0, 2π): each arc given by its centre angle and the cosine c of its half-angle. */
    private static final class ArcCover {
        private double[] lo = new double[16];
        private double[] hi = new double[16];
        private int n;

        /** Adds {θ : cos(θ − centre) &gt; c}; false when that is the whole circle (c ≤ −1). */
        boolean add(double centre, double c) {
            if (c >= 1) {
                return true;
            }
            if (c <= -1) {
                return false;
            }
            double half = Math.acos(c);
            double a = centre - half;
            a -= 2 * Math.PI * Math.floor(a / (2 * Math.PI));
            double b = a + 2 * half;
            if (b > 2 * Math.PI) {
                put(a, 2 * Math.PI);
                put(0, b - 2 * Math.PI);
            } else {
                put(a, b);
            }
            return true;
        }

        private void put(double a, double b) {
            if (n == lo.length) {
                lo = java.util.Arrays.copyOf(lo, 2 * n);
                hi = java.util.Arrays.copyOf(hi, 2 * n);
            }
            lo[n] = a;
            hi[n] = b;
            n++;
        }

        double covered() {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (p, q) -> Double.compare(lo[p], lo[q]));
            double total = 0;
            double curLo = Double.NaN;
            double curHi = Double.NaN;
            for (int t = 0; t < n; t++) {
                int i = idx[t];
                if (Double.isNaN(curLo) || lo[i] > curHi) {
                    if (!Double.isNaN(curLo)) {
                        total += curHi - curLo;
                    }
                    curLo = lo[i];
                    curHi = hi[i];
                } else {
                    curHi = Math.max(curHi, hi[i]);
                }
            }
            if (!Double.isNaN(curLo)) {
                total += curHi - curLo;
            }
            return Math.min(2 * Math.PI, total);
        }
    }

    /** Draws the info bar into rows [top, height) of {@code ip}. */
    static void drawInfoBar(ImageProcessor ip, int top, Params p) {
        int w = ip.getWidth();
        int bar = ip.getHeight() - top;
        ip.setValue(0);
        ip.setRoi(0, top, w, bar);
        ip.fill();
        ip.resetRoi();
        ip.setValue(255);
        ip.setRoi(0, top, w, 2);
        ip.fill();
        ip.resetRoi();
        int avail = bar - 2;
        int scale = Math.max(1, Math.min(3, (avail - 6) / 20));
        int lineH = BitmapFont.GLYPH_H * scale;
        int gap = Math.max(2, scale * 2);
        boolean twoLines = avail >= 2 * lineH + 3 * gap;
        double fov = w * p.pixelSizeUm();
        double mag = 127_000.0 / fov; // Polaroid 127 mm reference width
        int textX = 4 * scale;
        // scale bar: the largest 1-2-5 length not longer than a quarter of the width
        double target = fov / 4;
        double len = 1e-3;
        for (double dec = 1e-3; dec <= 1e4; dec *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                if (m * dec <= target) {
                    len = m * dec;
                }
            }
        }
        int barPx = (int) Math.round(len / p.pixelSizeUm());
        int textRoom = w - barPx - 6 * scale - textX - 8 * scale;
        String line1 = fit(textRoom, scale, String.format(Locale.ROOT, "HV 15.00 KV  WD 5.0 MM  MAG %dX", Math.round(mag)),
                String.format(Locale.ROOT, "HV 15 KV  MAG %dX", Math.round(mag)), "HV 15 KV", "SEM");
        String line2 = fit(textRoom, scale, String.format(Locale.ROOT, "BSE  HFW %.1f UM  POROPHASE SYNTH", fov),
                String.format(Locale.ROOT, "HFW %.1f UM", fov), "BSE");
        int y1 = top + 2 + (twoLines ? gap : (avail - lineH) / 2);
        BitmapFont.draw(ip, line1, textX, y1, scale, 255);
        if (twoLines) {
            BitmapFont.draw(ip, line2, textX, y1 + lineH + gap, scale, 255);
        }
        String label = (len >= 1 ? String.format(Locale.ROOT, "%d UM", Math.round(len))
                : String.format(Locale.ROOT, "%d NM", Math.round(len * 1000)));
        int bx = w - barPx - 6 * scale;
        int labelW = BitmapFont.width(label, scale);
        int bh = Math.max(2, scale * 2);
        int lx = bx + (barPx - labelW) / 2;
        int ly = top + 2 + Math.max(1, (avail - lineH - gap - bh) / 2);
        if (lx > BitmapFont.width(line1, scale) + textX + 4 || !twoLines || line1.isEmpty()) {
            BitmapFont.draw(ip, label, Math.max(0, lx), ly, scale, 255);
            ip.setRoi(Math.max(0, bx), Math.min(ip.getHeight() - bh - 1, ly + lineH + gap), barPx, bh);
            ip.fill();
            ip.resetRoi();
        }
    }

    /** The first text that fits in {@code room} pixels at {@code scale}, or "" when none does. */
    private static String fit(int room, int scale, String... texts) {
        for (String t : texts) {
            if (BitmapFont.width(t, scale) <= room) {
                return t;
            }
        }
        return "";
    }

    /** Writes the image as TIFF with the vendor's calibration metadata, and {@code <name>.truth.json} next to it. */
    public static Path write(Synthetic s, Path tif) {
        Params p = s.params();
        double pw = p.pixelSizeUm();
        TiffWriter.Options o = new TiffWriter.Options();
        int w = s.image().getWidth();
        int ih = s.image().getHeight();
        switch (p.vendor()) {
            case IMAGEJ:
                o.calibrationUm(pw, pw);
                break;
            case FEI:
                o.tag(TiffTags.FEI_HELIOS, feiText(p, w, s.analysedRows(), ih));
                break;
            case ZEISS:
                o.tag(TiffTags.ZEISS_SEM, zeissText(p, w, ih));
                break;
            case TESCAN:
                o.tag(TiffTags.TESCAN, tescanText(p));
                break;
            default:
                break;
        }
        TiffWriter.write(tif, s.image(), o);
        String name = tif.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".tif") ? name.substring(0, name.length() - 4)
                : name.toLowerCase(Locale.ROOT).endsWith(".tiff") ? name.substring(0, name.length() - 5) : name;
        Path json = tif.resolveSibling(base + ".truth.json");
        Map<String, Object> t = new LinkedHashMap<>(s.truth());
        t.put("image_file", name);
        AtomicFiles.writeString(json, Json.pretty(t));
        return json;
    }

    /** FEI/Thermo Fisher xT INI text (tag 34682): [Scan] PixelWidth in m, [Image] ResolutionY = scan rows. */
    static String feiText(Params p, int w, int scanRows, int imageRows) {
        double m = p.pixelSizeUm() * 1e-6;
        String nl = "\r\n";
        return "[User]" + nl + "Date=11/23/2026" + nl + "Time=09:00:00 AM" + nl + "User=porophase" + nl + nl
                + "[System]" + nl + "SystemType=PoroPhase synthetic" + nl + nl
                + "[Beam]" + nl + "HV=15000" + nl + nl
                + "[EBeam]" + nl + "HV=15000" + nl + "WD=0.005" + nl + String.format(Locale.ROOT, "HFW=%s", w * m) + nl + nl
                + "[Scan]" + nl + "PixelWidth=" + m + nl + "PixelHeight=" + m + nl + nl
                + "[Image]" + nl + "ResolutionX=" + w + nl + "ResolutionY=" + scanRows + nl + nl
                + "[PrivateFei]" + nl + "DataBarSelected=" + (imageRows > scanRows ? 1 : 0) + nl
                + "DatabarHeight=" + (imageRows - scanRows) + nl;
    }

    /** Zeiss SmartSEM text (tag 34118): code line / "Name = value unit" pairs, pixel size in nm. */
    static String zeissText(Params p, int w, int imageRows) {
        String nl = "\r\n";
        double fov = w * p.pixelSizeUm();
        return "0" + nl + "0" + nl + "DP_DETECTOR_TYPE" + nl + "Detector = SE2" + nl
                + "DP_IMAGE_STORE" + nl + "Store resolution = " + w + " * " + imageRows + nl
                + "AP_PIXEL_SIZE" + nl + String.format(Locale.ROOT, "Image Pixel Size = %.3f nm", p.pixelSizeUm() * 1000) + nl
                + "AP_MAG" + nl + String.format(Locale.ROOT, "Mag = %.0f X", 127_000.0 / fov) + nl
                + "AP_WD" + nl + "WD = 5.0 mm" + nl
                + "AP_ACTUALKV" + nl + "EHT = 15.00 kV" + nl
                + "SV_SOFTWARE_VERSION" + nl + "Version = PoroPhase synthetic" + nl + "END" + nl;
    }

    /** TESCAN INI text (tag 50431): [MAIN] PixelSizeX/Y in m. */
    static String tescanText(Params p) {
        String nl = "\r\n";
        double m = p.pixelSizeUm() * 1e-6;
        return "[MAIN]" + nl + "Device=PoroPhase synthetic" + nl + "HV=15000" + nl + "WD=0.005" + nl
                + "PixelSizeX=" + m + nl + "PixelSizeY=" + m + nl + nl + "[SEM]" + nl + "Detector=SE" + nl;
    }
}
