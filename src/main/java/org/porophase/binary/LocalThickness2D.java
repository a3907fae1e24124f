package org.porophase.binary;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ij.process.ByteProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * Pore size distribution of a 2D pore mask by local thickness: at each pore pixel, the diameter of
 * the largest disk that lies inside the pore and covers the pixel (Hildebrand &amp; Rüegsegger,
 * J. Microsc. 185 (1997) 67–75, in 2D).
 * <p>
 * Estimator: exact Euclidean distance map r(p) from each pore pixel centre to the nearest solid
 * pixel centre (the project's separable transform); the candidate disks are centred on the
 * distance ridge, the pixels p whose disk is not inside a neighbour's (r(q) &lt; r(p) + |p − q| for
 * all 8 neighbours q) — every maximal inscribed disk is centred there, as in ImageJ's Local Thickness
 * plugin (Dougherty &amp; Kunzelmann 2007); each ridge disk {x : |x − p| &lt; r(p)} is painted with
 * diameter 2r(p) keeping the maximum. Cost ≈ N·r̄ instead of one distance transform per level.
 * Convention: diameter 2·d(centre, nearest solid centre), so a digitized disk of diameter D reads
 * about D − 1 px (up to 1.5 px low); units µm (square pixels).
 */
public final class LocalThickness2D {

    /** Diameters (µm) per histogram bin of half a pixel: bin k holds [k, k+1)·pixel/2. */
    private final long[] counts;
    private final double binUm;
    private final long porePixels;
    private final double mean;
    private final double p10;
    private final double p50;
    private final double p90;
    private final double max;

    private LocalThickness2D(long[] counts, double binUm, long porePixels, double mean, double max, float[] sortedPx, double pixelUm) {
        this.counts = counts;
        this.binUm = binUm;
        this.porePixels = porePixels;
        this.mean = mean;
        this.max = max;
        this.p10 = percentile(sortedPx, 0.10, pixelUm);
        this.p50 = percentile(sortedPx, 0.50, pixelUm);
        this.p90 = percentile(sortedPx, 0.90, pixelUm);
    }

    /** Local thickness of the pore phase (non-zero pixels) of {@code mask}, pixel size in µm. */
    public static LocalThickness2D of(ByteProcessor mask, double pixelUm) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        int n = w * h;
        byte[] m = (byte[]) mask.getPixels();
        float[] dt = new float[n];
        boolean anySolid = false;
        long pore = 0;
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                anySolid = true;
            } else {
                dt[i] = DistanceTransform.INF;
                pore++;
            }
        }
        if (pore == 0) {
            return new LocalThickness2D(new long[0], pixelUm / 2, 0, Double.NaN, Double.NaN, new float[0], pixelUm);
        }
        if (!anySolid) {
            throw new PoroPhaseException("local thickness (pore size distribution) needs solid pixels, but every analysed pixel is pore: "
                    + "check the threshold (--threshold, --threshold-method) and --pore-phase dark|bright, or switch it off with --no-local-thickness");
        }
        DistanceTransform.transform2D(dt, w, h);
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = (float) Math.sqrt(dt[i]);
        }
        // paint ridge disks, rows split between two halves with their own maxima
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        float[][] parts = new float[threads][];
        IntStream.range(0, threads).parallel().forEach(t -> {
            float[] out = new float[n];
            int y0 = (int) ((long) h * t / threads);
            int y1 = (int) ((long) h * (t + 1) / threads);
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float rp = r[i];
                    if (rp == 0 || !isRidge(r, w, h, x, y, rp)) {
                        continue;
                    }
                    float d = 2 * rp;
                    // |x − p|² < r² on the exact squared distance, with a relative margin of 1e-6 so that pixels at
                    // exactly the nearest-solid distance (ties on the grid) stay outside the open disk
                    double r2 = dt[i] * (1 - 1e-6);
                    int rr = (int) Math.ceil(rp);
                    int ya = Math.max(0, y - rr);
                    int yb = Math.min(h - 1, y + rr);
                    for (int yy = ya; yy <= yb; yy++) {
                        int dy = yy - y;
                        double rem = r2 - dy * dy;
                        if (rem <= 0) {
                            continue;
                        }
                        int half = (int) Math.ceil(Math.sqrt(rem)) - 1;
                        if ((double) (half + 1) * (half + 1) < rem) {
                            half++;
                        }
                        int xa = Math.max(0, x - half);
                        int xb = Math.min(w - 1, x + half);
                        int row = yy * w;
                        for (int xx = xa; xx <= xb; xx++) {
                            if (out[row + xx] < d) {
                                out[row + xx] = d;
                            }
                        }
                    }
                }
            }
            parts[t] = out;
        });
        double binUm = pixelUm / 2;
        int nb = 1;
        double sum = 0;
        double max = 0;
        long[] counts = new long[16];
        float[] values = new float[(int) pore];
        int nv = 0;
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                continue;
            }
            float d = 0;
            for (float[] p : parts) {
                d = Math.max(d, p[i]);
            }
            values[nv++] = d;
            double um = d * pixelUm;
            sum += um;
            max = Math.max(max, um);
            int b = (int) (d * 2);
            if (b >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(b + 1, 2 * counts.length));
            }
            counts[b]++;
            nb = Math.max(nb, b + 1);
        }
        Arrays.parallelSort(values);
        return new LocalThickness2D(Arrays.copyOf(counts, nb), binUm, pore, sum / pore, max, values, pixelUm);
    }

    /** The disk at (x, y) is not contained in a neighbour's disk. */
    private static boolean isRidge(float[] r, int w, int h, int x, int y, float rp) {
        for (int dy = -1; dy <= 1; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= h) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                if ((dx == 0 && dy == 0) || xx < 0 || xx >= w) {
                    continue;
                }
                double step = (dx != 0 && dy != 0) ? Math.sqrt(2) : 1;
                if (r[yy * w + xx] >= rp + step - 2.5e-7 * Math.min(step, rp)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Nearest-rank percentile of the per-pixel diameters (exact values, not bin centres, so p10 ≤ p50 ≤ p90 ≤ max):
     * the smallest diameter d with at least ⌈q·N⌉ of the N pore pixels at or below d.
     */
    private static double percentile(float[] sortedPx, double q, double pixelUm) {
        if (sortedPx.length == 0) {
            return Double.NaN;
        }
        int k = (int) Math.max(0, Math.min(sortedPx.length - 1, Math.ceil(q * sortedPx.length) - 1));
        return sortedPx[k] * pixelUm;
    }

    /** Area-weighted mean diameter (µm): the mean over pore pixels. */
    public double meanUm() {
        return mean;
    }

    /** Summary for JSON: mean, percentiles (nearest rank, exact), maximum, in µm; {@code bin_um} is the histogram's bin. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_area_weighted_um", mean);
        m.put("p10_um", p10);
        m.put("p50_um", p50);
        m.put("p90_um", p90);
        m.put("max_um", max);
        m.put("bin_um", binUm);
        return m;
    }

    /** Histogram rows: diameter_um (bin centre), pixels, area_fraction, cumulative_fraction. */
    public List<List<Object>> histogramRows() {
        double[] centres = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            centres[k] = (k + 0.5) * binUm;
        }
        return LocalThickness.cumulativeRows(centres, counts, porePixels);
    }
}
