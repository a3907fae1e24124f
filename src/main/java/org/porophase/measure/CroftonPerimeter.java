package org.porophase.measure;

import java.util.stream.IntStream;

import ij.process.ByteProcessor;
import org.porophase.PoroPhaseException;

/**
 * Perimeter of a binary 2D set by the discrete Crofton formula with 4 directions.
 * <p>
 * <b>Estimator.</b> Crofton's formula writes the perimeter of a planar set X as
 * {@code P(X) = 1/2 ∫₀^π ∫ N(p, θ) dp dθ}, where N(p, θ) is the number of intersections of the line
 * at angle θ and signed distance p with the boundary of X. On the pixel grid, lines are sampled
 * through pixel centres in four directions k: 0° (rows, step dx), 90° (columns, step dy) and the
 * two diagonals (step √(dx²+dy²)). Along such a line, each pair of consecutive pixels of different
 * phase is one boundary intersection; {@code n_k} is the number of such pairs. Neighbouring parallel
 * lines of direction k are {@code a/s_k} apart ({@code a = dx·dy} the pixel area, {@code s_k} the
 * step), so the discretised formula is
 * <pre>
 *   P = (π/2) · Σ_k  w_k · n_k · a / s_k
 * </pre>
 * with direction weights {@code w_k} = the fraction of the half circle [0, π) of directions that is
 * closer to direction k than to any other (Voronoi sectors in angle): for the diagonal angle
 * {@code θ = atan2(dy, dx)}: {@code w_0 = θ/π}, {@code w_90 = (π/2 − θ)/π}, {@code w_45 = w_135 = 1/4}
 * (all 1/4 for square pixels). This is the 2×2-configuration estimator of Legland, Kiêu and Devaux,
 * "Computation of Minkowski measures on 2D and 3D binary images", Image Anal. Stereol. 26 (2007) 83–92,
 * as implemented in MorphoLibJ ({@code inra.ijpb.measure.region2d.IntrinsicVolumes2D}); written
 * here independently as a pair count, which is the same sum regrouped by direction.
 * <p>
 * <b>Image frame.</b> Only pairs of pixels both inside the image are counted: the image frame is
 * <em>not</em> pore wall (MorphoLibJ's "estimate/density" variant, not its default that pads with
 * background). A pore cut by the frame contributes only its walls inside the image.
 * <p>
 * <b>Bias.</b> For a long straight edge at angle α the estimate / truth ratio is
 * {@code (π/8) Σ_k |sin(α − θ_k)|}: 0.948 (−5.2 %) at 0°, 45°, 90°, 135° and 1.026 (+2.6 %) at
 * 22.5°, 67.5°, …; the average over all orientations is exactly 1, so for isotropic shapes (disks,
 * Boolean models, random sections) the estimator is unbiased on average (measured on digitised disks
 * of diameter 20–200 px: see CroftonPerimeterTest). Pixel-edge counting, by comparison, is +27 %
 * (4/π) on average and up to +41 %. Resolution: features thinner than one sampling step (solid
 * wedges and gaps where pores meet) are missed; on Boolean models of disks of radius r px this costs
 * about −0.22/r (−1.8 % at r = 12 px, −0.8 % at r = 30 px; PoreMeasurerTest). Units: µm when dx, dy
 * are in µm.
 */
public final class CroftonPerimeter {

    /** Direction indices into the count arrays. */
    public static final int DIR_0 = 0, DIR_90 = 1, DIR_45 = 2, DIR_135 = 3;

    private CroftonPerimeter() {
    }

    /**
     * Direction weights {w_0, w_90, w_45, w_135} (sum 1) for a pixel of size dx × dy.
     */
    public static double[] directionWeights(double dx, double dy) {
        checkPixel(dx, dy);
        double theta = Math.atan2(dy, dx);
        return new double[] {theta / Math.PI, (Math.PI / 2 - theta) / Math.PI, 0.25, 0.25};
    }

    /**
     * Length (µm) contributed by one boundary intersection counted in each direction:
     * {@code c_k = (π/2) w_k a / s_k}. Perimeter = Σ_k c_k n_k.
     */
    public static double[] intersectionWeights(double dx, double dy) {
        double[] w = directionWeights(dx, dy);
        double a = dx * dy;
        double d = Math.hypot(dx, dy);
        return new double[] {
            Math.PI / 2 * w[0] * a / dx,
            Math.PI / 2 * w[1] * a / dy,
            Math.PI / 2 * w[2] * a / d,
            Math.PI / 2 * w[3] * a / d};
    }

    /**
     * Total perimeter (µm) of the nonzero phase of a binary mask, boundaries inside the image only.
     */
    public static double perimeter(ByteProcessor mask, double dx, double dy) {
        long[] n = intersectionCounts((byte[]) mask.getPixels(), mask.getWidth(), mask.getHeight());
        return perimeterFromCounts(n, dx, dy);
    }

    /** Σ_k c_k n_k for counts {n_0, n_90, n_45, n_135}. */
    public static double perimeterFromCounts(long[] n, double dx, double dy) {
        double[] c = intersectionWeights(dx, dy);
        return c[0] * n[0] + c[1] * n[1] + c[2] * n[2] + c[3] * n[3];
    }

    /**
     * Numbers of phase changes between neighbouring pixels (nonzero vs zero) in the 4 directions
     * {0°, 90°, 45°, 135°}; pairs with both pixels inside the image only. Multi-threaded by rows.
     */
    public static long[] intersectionCounts(byte[] px, int w, int h) {
        if ((long) w * h != px.length) {
            throw new IllegalArgumentException("pixel array length " + px.length + " != " + w + "x" + h);
        }
        int nThreads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), h / 64));
        int band = (h + nThreads - 1) / nThreads;
        long[][] part = new long[nThreads][];
        IntStream.range(0, nThreads).parallel().forEach(t -> {
            long n0 = 0, n90 = 0, n45 = 0, n135 = 0;
            int y0 = t * band, y1 = Math.min(h, y0 + band);
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                boolean hasNext = y + 1 < h;
                int below = row + w;
                boolean prev = px[row] != 0;
                for (int x = 0; x < w; x++) {
                    boolean v = px[row + x] != 0;
                    if (x > 0 && v != prev) {
                        n0++;
                    }
                    prev = v;
                    if (hasNext) {
                        if (v != (px[below + x] != 0)) {
                            n90++;
                        }
                        if (x + 1 < w && v != (px[below + x + 1] != 0)) {
                            n45++;
                        }
                        if (x > 0 && v != (px[below + x - 1] != 0)) {
                            n135++;
                        }
                    }
                }
            }
            part[t] = new long[] {n0, n90, n45, n135};
        });
        long[] n = new long[4];
        for (long[] p : part) {
            for (int k = 0; k < 4; k++) {
                n[k] += p[k];
            }
        }
        return n;
    }

    /**
     * Per-label perimeters (µm) in one pass over a label image: every pair of neighbouring pixels
     * with different labels adds its intersection weight to each of the two labels that is nonzero.
     *
     * @return array of length {@code count + 1}; index 0 is unused (0)
     */
    public static double[] perimeters(int[] labels, int w, int h, int count, double dx, double dy) {
        long[] n = labelIntersectionCounts(labels, w, h, count);
        double[] c = intersectionWeights(dx, dy);
        double[] p = new double[count + 1];
        for (int l = 1; l <= count; l++) {
            int b = 4 * l;
            p[l] = c[0] * n[b] + c[1] * n[b + 1] + c[2] * n[b + 2] + c[3] * n[b + 3];
        }
        return p;
    }

    /**
     * Per-label intersection counts: {@code result[4*l + k]} = number of boundary intersections of
     * label l in direction k (k = DIR_0, DIR_90, DIR_45, DIR_135).
     */
    public static long[] labelIntersectionCounts(int[] labels, int w, int h, int count) {
        long[] n = new long[4 * (count + 1)];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            boolean hasNext = y + 1 < h;
            int below = row + w;
            for (int x = 0; x < w; x++) {
                int v = labels[row + x];
                if (x + 1 < w) {
                    int u = labels[row + x + 1];
                    if (u != v) {
                        n[4 * v]++;
                        n[4 * u]++;
                    }
                }
                if (hasNext) {
                    int u = labels[below + x];
                    if (u != v) {
                        n[4 * v + 1]++;
                        n[4 * u + 1]++;
                    }
                    if (x + 1 < w && (u = labels[below + x + 1]) != v) {
                        n[4 * v + 2]++;
                        n[4 * u + 2]++;
                    }
                    if (x > 0 && (u = labels[below + x - 1]) != v) {
                        n[4 * v + 3]++;
                        n[4 * u + 3]++;
                    }
                }
            }
        }
        // label 0 (background) counts are meaningless: clear them
        n[0] = n[1] = n[2] = n[3] = 0;
        return n;
    }

    static void checkPixel(double dx, double dy) {
        if (!(dx > 0) || !(dy > 0) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
            throw new PoroPhaseException("pixel size must be positive and finite, got " + dx + " x " + dy
                    + " µm: pass --pixel-size or calibrate the image");
        }
    }
}
