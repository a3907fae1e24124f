package org.porophase.segment;

import java.util.Arrays;
import java.util.Locale;

import ij.process.ImageProcessor;

/**
 * Finds the specimen band of a cross-section: the rows holding the porous membrane, between the smooth
 * mount, resin, substrate or vacuum above and below it (the cut runs horizontally, the membrane thickness
 * is vertical).
 * <p>
 * <b>Criterion: texture per row.</b> Each row is smoothed with a 5-pixel horizontal mean (pixel noise σ →
 * σ/√5; horizontal only, so that no texture leaks into the rows above and below a surface); t(y) = standard
 * deviation of the smoothed gray values along row y (inside the user region when one is given). A porous row
 * mixes pore and solid levels, t ≈ C·√(φ(1−φ)) for a contrast C; a mount / resin / vacuum row only has
 * smoothed noise and slow shading, t ≈ σ/√5. The rows are split into
 * textured and smooth by Otsu's threshold on log t(y) (the geometric mean of the two levels, so that a
 * sparsely porous row near a surface, t far below the bulk's but well above the mount's, is textured); runs of smooth rows shorter than
 * {@code max(3, H/50)} are bridged; the band [top, bottom) spans from the first to the last run of at least
 * that many textured rows (shorter runs are specks in the mount; smooth rows between, a solid ligament of the
 * membrane, belong to the band).
 * <p>
 * <b>Pore-free rows at a surface</b> (a dense skin) have no texture; the band then grows, row by row from each
 * edge, over rows whose mean gray is closer to the membrane's solid level (the median of the band's row
 * medians, the solid for φ &lt; ½) than to the mount's level on that side (the median row mean there), when
 * the two levels differ by more than {@value #LEVEL_SEPARATION} × the median texture of the smooth rows; a
 * mount of the solid's gray level cannot be told from a dense skin, and the band then stops at the last
 * porous row.
 * <p>
 * <b>Confidence</b> = Otsu's separability η = σ²_between / σ²_total of the log t(y) values (0 = one class, 1 =
 * two perfectly separated levels), reported with the median t inside and outside. A band is accepted
 * (detected) when at least max(3, 2 % of the rows) smooth rows lie outside it, η ≥ {@value #MIN_CONFIDENCE}
 * and the median t inside is at least {@value #MIN_RATIO} × the median t outside; otherwise the whole image
 * is the specimen (a plain micrograph with no mount in view), with the reason.
 * <p>
 * Accuracy (SpecimenRegionTest; 80 generated cross-sections: Boolean pores φ 0.3, noise σ 12, blur 1 px, 200–320 px
 * wide, membranes of 120–170 rows between smooth resin and mount of other gray levels, with a horizontal
 * shading gradient, or reaching the image's top or bottom): 79 of 80 band edges exact (0 rows); the one miss
 * is a 13-row pore-free strip of the membrane at the image's bottom edge, with no mount below to compare its
 * level with, which no texture or level criterion can tell from a mount of the solid's gray.
 */
public final class SpecimenRegion {

    static final double MIN_CONFIDENCE = 0.5;
    static final double MIN_RATIO = 2.0;
    /** The band grows over pore-free rows only when solid and mount levels differ by this many smooth-row textures. */
    static final double LEVEL_SEPARATION = 2.0;

    /**
     * The band.
     *
     * @param top        first row of the specimen (inclusive)
     * @param bottom     last row + 1 (exclusive)
     * @param detected   true when a smooth region was found outside the band (else the band is every row)
     * @param confidence Otsu separability η in [0, 1] (NaN when the rows are all alike)
     * @param textureIn  median row texture t inside the band (gray units)
     * @param textureOut median row texture t outside (NaN when there is no outside row)
     * @param method     how, in words
     */
    public record Band(int top, int bottom, boolean detected, double confidence, double textureIn, double textureOut, String method) {
        /** Rows in the band. */
        public int rows() {
            return bottom - top;
        }

        /** The band as a region of a {@code width × height} image (rows [top, bottom)). */
        public byte[] region(int width, int height) {
            byte[] r = new byte[width * height];
            Arrays.fill(r, Math.max(0, top) * width, Math.min(height, bottom) * width, (byte) 1);
            return r;
        }
    }

    private SpecimenRegion() {
    }

    /** Row texture t(y) (see the class comment); NaN for a row with fewer than 2 region pixels. */
    public static double[] rowTexture(ImageProcessor gray, byte[] within) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        float[] g = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g[y * w + x] = gray.getf(x, y);
            }
        }
        double[] t = new double[h];
        for (int y = 0; y < h; y++) {
            double s = 0;
            double s2 = 0;
            int n = 0;
            for (int x = 0; x < w; x++) {
                if (within != null && within[y * w + x] == 0) {
                    continue;
                }
                double m = 0;
                int c = 0;
                for (int xx = Math.max(0, x - 2); xx <= Math.min(w - 1, x + 2); xx++) {
                    m += g[y * w + xx];
                    c++;
                }
                m /= c;
                s += m;
                s2 += m * m;
                n++;
            }
            t[y] = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (s2 - s * s / n) / (n - 1)));
        }
        return t;
    }

    /** Detects the band of {@code gray} (the analysed image, info bar removed), inside {@code within} (null = all). */
    public static Band detect(ImageProcessor gray, byte[] within) {
        int h = gray.getHeight();
        double[] t = rowTexture(gray, within);
        double tmax = Arrays.stream(t).filter(v -> !Double.isNaN(v)).max().orElse(0);
        double floor = Math.max(1e-9, 1e-6 * tmax);
        // Otsu on log t: the split is at the geometric mean of the two levels, so a sparsely porous row
        // (a few pores: t well above the smooth rows' but far below the bulk's) still counts as textured
        double[] valid = Arrays.stream(t).filter(v -> !Double.isNaN(v)).map(v -> Math.log(Math.max(v, floor))).sorted().toArray();
        if (valid.length < 4) {
            return whole(h, Double.NaN, "too few rows to find a specimen band");
        }
        // Otsu on the sorted row textures: the split maximising the between-class variance
        int n = valid.length;
        double total = 0;
        for (double v : valid) {
            total += v;
        }
        double mean = total / n;
        double var = 0;
        for (double v : valid) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        if (!(var > 0)) {
            return whole(h, Double.NaN, "every row has the same texture: no mount or background band");
        }
        double best = -1;
        double thr = valid[0];
        double cum = 0;
        for (int k = 1; k < n; k++) {
            cum += valid[k - 1];
            if (valid[k] == valid[k - 1]) {
                continue;
            }
            double w0 = k / (double) n;
            double m0 = cum / k;
            double m1 = (total - cum) / (n - k);
            double sb = w0 * (1 - w0) * (m0 - m1) * (m0 - m1);
            if (sb > best) {
                best = sb;
                thr = (valid[k - 1] + valid[k]) / 2;
            }
        }
        double eta = best / var;
        boolean[] tex = new boolean[h];
        thr = Math.exp(thr);
        for (int y = 0; y < h; y++) {
            tex[y] = !Double.isNaN(t[y]) && t[y] > thr;
        }
        int gap = Math.max(3, h / 50);
        // bridge short smooth runs between textured rows
        int last = -1;
        for (int y = 0; y < h; y++) {
            if (tex[y]) {
                if (last >= 0 && y - last - 1 <= gap) {
                    for (int k = last + 1; k < y; k++) {
                        tex[k] = true;
                    }
                }
                last = y;
            }
        }
        // the band spans from the first to the last textured run of at least `gap` rows (shorter runs are
        // specks in the mount); smooth runs inside it (solid ligaments of the membrane) belong to it
        int top = -1;
        int bottom = -1;
        int longestA = 0;
        int longestB = 0;
        for (int y = 0; y < h;) {
            if (!tex[y]) {
                y++;
                continue;
            }
            int a = y;
            while (y < h && tex[y]) {
                y++;
            }
            if (y - a > longestB - longestA) {
                longestA = a;
                longestB = y;
            }
            if (y - a >= gap) {
                if (top < 0) {
                    top = a;
                }
                bottom = y;
            }
        }
        if (top < 0) {
            top = longestA;
            bottom = longestB;
        }
        // grow over pore-free membrane rows (a dense skin): rows next to the band whose mean gray is closer to the
        // membrane's solid level than to the mount's on that side, when the two levels are clearly apart
        double[][] lv = rowLevels(gray, within);
        double solid = medianOf(lv[1], top, bottom);
        double tOut = medianOfOutside(t, top, bottom);
        if (top > 0) {
            double mount = medianOf(lv[0], 0, top);
            if (Math.abs(solid - mount) > LEVEL_SEPARATION * tOut) {
                while (top > 0 && !Double.isNaN(lv[0][top - 1]) && Math.abs(lv[0][top - 1] - solid) < Math.abs(lv[0][top - 1] - mount)) {
                    top--;
                }
            }
        }
        if (bottom < h) {
            double mount = medianOf(lv[0], bottom, h);
            if (Math.abs(solid - mount) > LEVEL_SEPARATION * tOut) {
                while (bottom < h && !Double.isNaN(lv[0][bottom]) && Math.abs(lv[0][bottom] - solid) < Math.abs(lv[0][bottom] - mount)) {
                    bottom++;
                }
            }
        }
        double[] in = new double[bottom - top];
        double[] out = new double[h - (bottom - top)];
        int ni = 0;
        int no = 0;
        for (int y = 0; y < h; y++) {
            if (Double.isNaN(t[y])) {
                continue;
            }
            if (y >= top && y < bottom) {
                in[ni++] = t[y];
            } else {
                out[no++] = t[y];
            }
        }
        double medIn = median(in, ni);
        double medOut = median(out, no);
        int minOutside = Math.max(3, h / 50);
        if (no < minOutside) {
            return whole(h, eta, String.format(Locale.ROOT,
                    "no smooth mount or background band (%d smooth row(s) outside the textured rows, need %d): the whole image is the specimen", no, minOutside));
        }
        if (eta < MIN_CONFIDENCE || !(medIn >= MIN_RATIO * medOut)) {
            return whole(h, eta, String.format(Locale.ROOT,
                    "rows not clearly textured vs smooth (confidence %.2f, median row texture %.3g inside vs %.3g outside): the whole image is the specimen",
                    eta, medIn, medOut));
        }
        return new Band(top, bottom, true, eta, medIn, medOut, String.format(Locale.ROOT,
                "rows %d–%d textured (median row texture %.3g vs %.3g in the %d smooth row(s) outside; Otsu threshold %.3g, confidence %.2f)",
                top, bottom - 1, medIn, medOut, no, thr, eta));
    }

    /** {row mean, row median} of the gray values (inside {@code within}); NaN for an empty row. */
    static double[][] rowLevels(ImageProcessor gray, byte[] within) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        double[] mean = new double[h];
        double[] med = new double[h];
        float[] row = new float[w];
        for (int y = 0; y < h; y++) {
            int n = 0;
            double s = 0;
            for (int x = 0; x < w; x++) {
                if (within == null || within[y * w + x] != 0) {
                    row[n++] = gray.getf(x, y);
                    s += row[n - 1];
                }
            }
            if (n == 0) {
                mean[y] = Double.NaN;
                med[y] = Double.NaN;
                continue;
            }
            mean[y] = s / n;
            float[] c = Arrays.copyOf(row, n);
            Arrays.sort(c);
            med[y] = n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2.0;
        }
        return new double[][] {mean, med};
    }

    private static double medianOf(double[] v, int a, int b) {
        double[] c = Arrays.stream(Arrays.copyOfRange(v, a, b)).filter(x -> !Double.isNaN(x)).toArray();
        return median(c, c.length);
    }

    private static double medianOfOutside(double[] v, int a, int b) {
        double[] c = new double[v.length];
        int n = 0;
        for (int y = 0; y < v.length; y++) {
            if ((y < a || y >= b) && !Double.isNaN(v[y])) {
                c[n++] = v[y];
            }
        }
        return median(c, n);
    }

    private static Band whole(int h, double eta, String why) {
        return new Band(0, h, false, eta, Double.NaN, Double.NaN, why);
    }

    private static double median(double[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOf(a, n);
        Arrays.sort(c);
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }
}
