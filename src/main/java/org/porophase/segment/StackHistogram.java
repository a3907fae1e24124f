package org.porophase.segment;

import java.util.Locale;

import ij.process.AutoThresholder;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.Parallel;
import org.porophase.core.VolumeSource;

/**
 * Gray-level histogram of a whole volume (inside an optional 2D field-of-view mask), accumulated by
 * streaming the slices in parallel, and global auto thresholds on it with ImageJ's
 * {@link AutoThresholder} (the same methods as Image&gt;Adjust&gt;Threshold with "Stack histogram").
 * <p>
 * Binning: 8-bit data uses its 256 values; 16-bit data is counted exactly (65536 bins, one pass)
 * and then rebinned into 256 bins over [min, max] as ImageJ does; 32-bit data is read twice (min/max,
 * then 256 bins). NaN voxels are not counted (reported as {@link #nanCount}).
 */
public final class StackHistogram {
    /** 256 bin counts. */
    public final long[] counts;
    /** Lower edge of bin 0 and bin width, in gray units. */
    public final double min;
    public final double binWidth;
    /** Largest value seen. */
    public final double max;
    /** True for 8/16-bit (integer) data. */
    public final boolean integer;
    /** Number of NaN voxels (32-bit data). */
    public final long nanCount;

    private StackHistogram(long[] counts, double min, double max, double binWidth, boolean integer, long nanCount) {
        this.counts = counts;
        this.min = min;
        this.max = max;
        this.binWidth = binWidth;
        this.integer = integer;
        this.nanCount = nanCount;
    }

    /**
     * Computes the histogram.
     *
     * @param src     the volume
     * @param inside  optional field-of-view mask (w·h, true = counted), or null for all pixels
     * @param threads worker threads (0 = all cores)
     */
    public static StackHistogram compute(VolumeSource src, boolean[] inside, int threads) {
        int n = src.width() * src.height();
        int bits = src.bitDepth();
        if (bits == 8 || bits == 16) {
            int nb = bits == 8 ? 256 : 65536;
            long[] full = new long[nb];
            Parallel.of(threads).forRange(src.depth(), (long) n * src.depth(), (z0, z1) -> {
                long[] loc = new long[nb];
                for (int z = z0; z < z1; z++) {
                    Object s = src.slice(z);
                    if (s instanceof byte[] b) {
                        for (int i = 0; i < n; i++) {
                            if (inside == null || inside[i]) {
                                loc[b[i] & 0xff]++;
                            }
                        }
                    } else {
                        short[] sh = (short[]) s;
                        for (int i = 0; i < n; i++) {
                            if (inside == null || inside[i]) {
                                loc[sh[i] & 0xffff]++;
                            }
                        }
                    }
                }
                synchronized (full) {
                    for (int i = 0; i < nb; i++) {
                        full[i] += loc[i];
                    }
                }
            });
            return ofIntegerCounts(full, bits);
        }
        double[] mm = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        long[] nan = {0};
        Parallel.of(threads).forRange(src.depth(), (long) n * src.depth(), (z0, z1) -> {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            long nn = 0;
            for (int z = z0; z < z1; z++) {
                float[] f = (float[]) src.slice(z);
                for (int i = 0; i < n; i++) {
                    if (inside == null || inside[i]) {
                        float v = f[i];
                        if (v != v) {
                            nn++;
                        } else {
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                    }
                }
            }
            synchronized (mm) {
                mm[0] = Math.min(mm[0], lo);
                mm[1] = Math.max(mm[1], hi);
                nan[0] += nn;
            }
        });
        checkFloatRange(mm[0], mm[1], src.description());
        double lo = mm[0];
        double bw = floatBinWidth(mm[0], mm[1]);
        long[] c = new long[256];
        Parallel.of(threads).forRange(src.depth(), (long) n * src.depth(), (z0, z1) -> {
            long[] loc = new long[256];
            for (int z = z0; z < z1; z++) {
                float[] f = (float[]) src.slice(z);
                for (int i = 0; i < n; i++) {
                    if ((inside == null || inside[i]) && f[i] == f[i]) {
                        loc[floatBin(f[i], lo, bw)]++;
                    }
                }
            }
            synchronized (c) {
                for (int i = 0; i < 256; i++) {
                    c[i] += loc[i];
                }
            }
        });
        return new StackHistogram(c, lo, mm[1], bw, false, nan[0]);
    }

    /**
     * The histogram of 8/16-bit data from its exact value counts (256 or 65536 entries), as {@link #compute}
     * builds it: 8-bit as is, 16-bit rebinned into 256 bins over [min, max]. The block-wise pipeline sums
     * the exact counts of its blocks and calls this once, so the threshold equals the whole-volume one.
     */
    public static StackHistogram ofIntegerCounts(long[] full, int bits) {
        if (bits == 8) {
            int mx = 255;
            while (mx > 0 && full[mx] == 0) {
                mx--;
            }
            return new StackHistogram(full, 0, mx, 1, true, 0);
        }
        int lo = 0;
        while (lo < 65535 && full[lo] == 0) {
            lo++;
        }
        int hi = 65535;
        while (hi > lo && full[hi] == 0) {
            hi--;
        }
        double bw = (hi - lo + 1) / 256.0;
        long[] c = new long[256];
        for (int v = lo; v <= hi; v++) {
            c[Math.min(255, (int) ((v - lo) / bw))] += full[v];
        }
        return new StackHistogram(c, lo, hi, bw, true, 0);
    }

    /** Bin width of 32-bit data over its finite range [lo, hi] (256 bins; 1 when the data are constant). */
    public static double floatBinWidth(double lo, double hi) {
        return hi > lo ? (hi - lo) / 256.0 : 1;
    }

    /** Bin of a finite 32-bit value for the range starting at lo with bin width bw. */
    public static int floatBin(float v, double lo, double bw) {
        return Math.min(255, (int) ((v - lo) / bw));
    }

    /**
     * The histogram of 32-bit data from 256 bin counts over [lo, hi] (bins of {@link #floatBinWidth}) and the
     * NaN count, as {@link #compute} builds it; throws as compute does when no value is finite or one is infinite.
     */
    public static StackHistogram ofFloatBins(long[] bins, double lo, double hi, long nanCount, String description) {
        checkFloatRange(lo, hi, description);
        return new StackHistogram(bins, lo, hi, floatBinWidth(lo, hi), false, nanCount);
    }

    /** The checks of a 32-bit value range [lo, hi] (all NaN / infinite values), naming the volume. */
    public static void checkFloatRange(double lo, double hi, String description) {
        if (!(lo <= hi)) {
            throw new PoroPhaseException(description + " has no finite voxel values (all NaN or empty): nothing to segment");
        }
        if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new PoroPhaseException(description + " contains infinite voxel values; clean the volume (replace ±Inf) before analysis");
        }
    }

    /**
     * Adds the exact value counts of an 8/16-bit box ({@code byte[]} or {@code short[]}, x fastest, planes of
     * w·h) to {@code into} (256 or 65536 entries), leaving out voxels whose (x, y) is false in {@code insideXY}
     * (w·h, or null) — the per-block part of {@link #compute}.
     */
    public static void countValues(Object box, int w, int h, boolean[] insideXY, long[] into) {
        int n = w * h;
        if (box instanceof byte[] b) {
            for (int i = 0; i < b.length; i++) {
                if (insideXY == null || insideXY[i % n]) {
                    into[b[i] & 0xff]++;
                }
            }
        } else {
            short[] sh = (short[]) box;
            for (int i = 0; i < sh.length; i++) {
                if (insideXY == null || insideXY[i % n]) {
                    into[sh[i] & 0xffff]++;
                }
            }
        }
    }

    /** {min, max, NaN count} of the voxels of a 32-bit box inside {@code insideXY} (w·h, or null); min &gt; max when none is finite. */
    public static double[] floatRange(float[] box, int w, int h, boolean[] insideXY) {
        int n = w * h;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        long nn = 0;
        for (int i = 0; i < box.length; i++) {
            if (insideXY == null || insideXY[i % n]) {
                float v = box[i];
                if (v != v) {
                    nn++;
                } else {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi, nn};
    }

    /** Adds the 256-bin counts of a 32-bit box (range start lo, bin width bw) to {@code into}, as {@link #compute}. */
    public static void countFloatBins(float[] box, int w, int h, boolean[] insideXY, double lo, double bw, long[] into) {
        int n = w * h;
        for (int i = 0; i < box.length; i++) {
            if ((insideXY == null || insideXY[i % n]) && box[i] == box[i]) {
                into[floatBin(box[i], lo, bw)]++;
            }
        }
    }

    /** Bin counts as int (scaled down if a count exceeds the int range, which keeps the thresholds). */
    public int[] intCounts() {
        long mx = 0;
        for (long v : counts) {
            mx = Math.max(mx, v);
        }
        double f = mx > Integer.MAX_VALUE ? (double) Integer.MAX_VALUE / mx : 1;
        int[] out = new int[counts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(counts[i] * f);
        }
        return out;
    }

    /**
     * Auto threshold with an ImageJ method (Default, Huang, Intermodes, IsoData, Li, MaxEntropy,
     * Mean, MinError, Minimum, Moments, Otsu, Percentile, RenyiEntropy, Shanbhag, Triangle, Yen).
     *
     * @return the rule: values in bins ≤ the method's bin are the dark class
     */
    public ThresholdRule autoThreshold(String method, boolean darkPores) {
        AutoThresholder.Method m = ThresholdMethods.resolveAuto(method);
        int[] h = intCounts();
        int t = new AutoThresholder().getThreshold(m, h);
        double upper = min + (t + 1) * binWidth;
        double thr = integer ? Math.ceil(upper - 1e-9) - 1 : Math.nextDown(upper);
        return new ThresholdRule(thr, darkPores, false, Double.NaN,
                String.format(Locale.ROOT, "%s (auto, stack histogram, bin %d of 256)", m.name(), t));
    }
}
