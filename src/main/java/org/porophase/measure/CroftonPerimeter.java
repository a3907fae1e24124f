package org.porophase.measure;

import java.util.stream.IntStream;

import ij.process.ByteProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * Perimeter of a binary 2D set by the discrete Crofton formula with 8 directions.
 * <p>
 * <b>Estimator.</b> Crofton's formula writes the perimeter of a planar set X as
 * {@code P(X) = 1/2 ∫₀^π ∫ N(p, θ) dp dθ}, where N(p, θ) is the number of intersections of the line
 * at angle θ and signed distance p with the boundary of X. On the pixel grid, lines are sampled
 * through pixel centres in 8 directions given by the primitive lattice steps
 * {@code (1,0), (0,1), (1,1), (−1,1)} (rows, columns, diagonals) and the four knight steps
 * {@code (2,1), (1,2), (−1,2), (−2,1)} (26.6°, 63.4°, 116.6°, 153.4° for square pixels). Along such a
 * line, each pair of consecutive samples (pixels one step apart) of different phase is one boundary
 * intersection; {@code n_k} is the number of such pairs. Neighbouring parallel lines of direction k
 * are {@code a/s_k} apart ({@code a = dx·dy} the pixel area, {@code s_k} the physical step length, the
 * step being a primitive lattice vector). A knight step jumps over the two pixels whose shared edge
 * holds its midpoint; when its two ends are of the same phase but both of those pixels are of the other
 * phase, the line crosses a one-pixel feature (a thin ligament or gap) and two intersections are
 * counted (a single differing middle pixel is not counted: next to a straight edge that happens
 * without any crossing). The discretised formula is
 * <pre>
 *   P = (π/2) · Σ_k  w_k · n_k · a / s_k
 * </pre>
 * with direction weights {@code w_k} = the fraction of the half circle [0, π) of directions that is
 * closer to direction k than to any other (Voronoi sectors of the physical angles, so anisotropic
 * pixels are honoured; for square pixels 0.1476 for 0°/90°, 0.1024 for the diagonals and 0.125 for
 * the knight directions). This is the estimator of Legland, Kiêu and Devaux, "Computation of
 * Minkowski measures on 2D and 3D binary images", Image Anal. Stereol. 26 (2007) 83–92, with the
 * direction set extended from 4 to 8 as in Lehmann and Legland, "Efficient N-dimensional surface
 * estimation using Crofton formula and run-length encoding", Insight Journal (2012); written here as a
 * pair count.
 * <p>
 * <b>Image frame.</b> Only pairs of pixels both inside the image are counted: the image frame is
 * <em>not</em> pore wall (MorphoLibJ's "estimate/density" variant, not its default that pads with
 * background). A pore cut by the frame contributes only its walls inside the image.
 * <p>
 * <b>Region.</b> With a region (a specimen band or a user ROI: one byte per pixel, non-zero = inside), only
 * pairs with both pixels inside the region are counted, and a knight step's one-pixel-feature rule needs
 * its two midpoint pixels inside too: the region's own edge is not pore wall, exactly as the image frame
 * is not ({@link #intersectionCounts(byte[], int, int, byte[])}, {@link #perimeters(int[], int, int, int, double, double, byte[])}).
 * <p>
 * <b>Bias.</b> For a long straight edge at angle α the estimate / truth ratio is
 * {@code (π/2) Σ_k w_k |sin(α − θ_k)|}: −1.4 % at 0°, 45°, 90°, … , −1.4 % at 26.6°, +1.3 % at 13.3°,
 * 0.0 % at 22.5° (4 directions: −5.2 % … +2.6 %); the average over all orientations is exactly 1, so
 * for isotropic shapes (disks, Boolean models, random sections) the estimator is unbiased on average.
 * On digitised disks the worst error over random placements is 2.1 % at D = 20 px, 1.5 % at 22 px,
 * 1.1 % at 30 px (95th percentile 1.0 % at 20 px; 4 directions: 3.5 %, 2.4 %, 2.2 %); see
 * CroftonPerimeterTest. Pixel-edge counting, by comparison, is +27 % (4/π) on average and up to
 * +41 %. Resolution: features thinner than one sampling step (solid wedges and gaps where pores
 * meet, where only one pixel of a knight step's midpoint is crossed) are missed; on Boolean models
 * of disks of radius 16 px this costs at most −1.8 % against the exact union perimeter (4 directions:
 * −1.4 %; PoreMeasurerTest). Units: µm when dx, dy are in µm.
 */
public final class CroftonPerimeter {

    /** Number of directions. */
    public static final int DIRECTIONS = 8;
    /** The lattice steps {ox, oy} of the 8 directions (oy ≥ 0, so each pair is visited once from its upper pixel). */
    static final int[][] STEPS = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}, {2, 1}, {1, 2}, {-1, 2}, {-2, 1}};
    private static final int[] OX = {1, 0, 1, -1, 2, 1, -1, -2};
    private static final int[] OY = {0, 1, 1, 1, 1, 2, 2, 1};
    /** Knight steps: the two pixels whose shared edge holds the step's midpoint, {m1x, m1y, m2x, m2y}. */
    private static final int[][] MID = {null, null, null, null, {1, 0, 1, 1}, {0, 1, 1, 1}, {0, 1, -1, 1}, {-1, 0, -1, 1}};
    private static final boolean REFINE = true;

    private CroftonPerimeter() {
    }

    /**
     * One direction on an image of width w: pixel i pairs with i + off; xa ≤ x &lt; xb keeps both in
     * the row range; knight steps also look at the midpoint pixels i + o1 and i + o2.
     */
    private record Step(int k, int oy, int off, int xa, int xb, boolean knight, int o1, int o2) {
    }

    private static Step[] steps(int w) {
        Step[] st = new Step[DIRECTIONS];
        for (int k = 0; k < DIRECTIONS; k++) {
            int ox = OX[k];
            boolean knight = REFINE && MID[k] != null;
            st[k] = new Step(k, OY[k], OY[k] * w + ox, Math.max(0, -ox), Math.min(w, w - ox), knight,
                    knight ? MID[k][1] * w + MID[k][0] : 0, knight ? MID[k][3] * w + MID[k][2] : 0);
        }
        return st;
    }

    /** Physical angle of direction k in [0, π) for a dx × dy pixel. */
    static double angle(int k, double dx, double dy) {
        double t = Math.atan2(OY[k] * dy, OX[k] * dx);
        return t < 0 ? t + Math.PI : t;
    }

    /**
     * Direction weights w_k (sum 1; order of {@link #STEPS}) for a pixel of size dx × dy: the Voronoi
     * sectors of the physical direction angles on the half circle.
     */
    public static double[] directionWeights(double dx, double dy) {
        checkPixel(dx, dy);
        double[] th = new double[DIRECTIONS];
        Integer[] order = new Integer[DIRECTIONS];
        for (int k = 0; k < DIRECTIONS; k++) {
            th[k] = angle(k, dx, dy);
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(th[a], th[b]));
        double[] w = new double[DIRECTIONS];
        for (int j = 0; j < DIRECTIONS; j++) {
            int k = order[j];
            double prev = j == 0 ? th[order[DIRECTIONS - 1]] - Math.PI : th[order[j - 1]];
            double next = j == DIRECTIONS - 1 ? th[order[0]] + Math.PI : th[order[j + 1]];
            w[k] = (next - prev) / (2 * Math.PI);
        }
        return w;
    }

    /**
     * Length (µm) contributed by one boundary intersection counted in each direction:
     * {@code c_k = (π/2) w_k a / s_k}. Perimeter = Σ_k c_k n_k.
     */
    public static double[] intersectionWeights(double dx, double dy) {
        double[] w = directionWeights(dx, dy);
        double a = dx * dy;
        double[] c = new double[DIRECTIONS];
        for (int k = 0; k < DIRECTIONS; k++) {
            c[k] = Math.PI / 2 * w[k] * a / Math.hypot(OX[k] * dx, OY[k] * dy);
        }
        return c;
    }

    /** Estimate / truth for a long straight edge at angle α (radians) with dx × dy pixels (the directional bias). */
    public static double straightEdgeRatio(double alpha, double dx, double dy) {
        double[] w = directionWeights(dx, dy);
        double r = 0;
        for (int k = 0; k < DIRECTIONS; k++) {
            r += w[k] * Math.abs(Math.sin(alpha - angle(k, dx, dy)));
        }
        return Math.PI / 2 * r;
    }

    /**
     * Total perimeter (µm) of the nonzero phase of a binary mask, boundaries inside the image only.
     */
    public static double perimeter(ByteProcessor mask, double dx, double dy) {
        long[] n = intersectionCounts((byte[]) mask.getPixels(), mask.getWidth(), mask.getHeight());
        return perimeterFromCounts(n, dx, dy);
    }

    /** Σ_k c_k n_k for the counts of {@link #intersectionCounts}. */
    public static double perimeterFromCounts(long[] n, double dx, double dy) {
        double[] c = intersectionWeights(dx, dy);
        double p = 0;
        for (int k = 0; k < DIRECTIONS; k++) {
            p += c[k] * n[k];
        }
        return p;
    }

    /**
     * Numbers of phase changes (nonzero vs zero) between pixels one step apart in each of the 8
     * directions of {@link #STEPS}; pairs with both pixels inside the image only. Multi-threaded by
     * rows.
     */
    public static long[] intersectionCounts(byte[] px, int w, int h) {
        return intersectionCounts(px, w, h, null);
    }

    /**
     * {@link #intersectionCounts(byte[], int, int)} inside a region: pairs (and knight midpoints) with a pixel
     * outside the region are not counted. {@code region} null = the whole image.
     */
    public static long[] intersectionCounts(byte[] px, int w, int h, byte[] region) {
        if (region != null && region.length != px.length) {
            throw new IllegalArgumentException("region length " + region.length + " != " + w + "x" + h);
        }
        if ((long) w * h != px.length) {
            throw new IllegalArgumentException("pixel array length " + px.length + " != " + w + "x" + h);
        }
        int nThreads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), h / 64));
        int band = (h + nThreads - 1) / nThreads;
        long[][] part = new long[nThreads][];
        Step[] steps = steps(w);
        IntStream.range(0, nThreads).parallel().forEach(t -> {
            long[] n = new long[DIRECTIONS];
            int y0 = t * band;
            int y1 = Math.min(h, y0 + band);
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                for (Step st : steps) {
                    if (y + st.oy() >= h) {
                        continue;
                    }
                    int off = st.off();
                    long c = 0;
                    if (st.knight()) {
                        int o1 = st.o1();
                        int o2 = st.o2();
                        for (int i = row + st.xa(), e = row + st.xb(); i < e; i++) {
                            if (region != null && (region[i] == 0 || region[i + off] == 0)) {
                                continue;
                            }
                            boolean a = px[i] == 0;
                            if (a != (px[i + off] == 0)) {
                                c++;
                            } else if (a != (px[i + o1] == 0) && a != (px[i + o2] == 0)
                                    && (region == null || (region[i + o1] != 0 && region[i + o2] != 0))) {
                                c += 2;
                            }
                        }
                    } else {
                        for (int i = row + st.xa(), e = row + st.xb(); i < e; i++) {
                            if (region != null && (region[i] == 0 || region[i + off] == 0)) {
                                continue;
                            }
                            if ((px[i] == 0) != (px[i + off] == 0)) {
                                c++;
                            }
                        }
                    }
                    n[st.k()] += c;
                }
            }
            part[t] = n;
        });
        long[] n = new long[DIRECTIONS];
        for (long[] p : part) {
            for (int k = 0; k < DIRECTIONS; k++) {
                n[k] += p[k];
            }
        }
        return n;
    }

    /**
     * Per-label perimeters (µm) in one pass over a label image: every pair of pixels one step apart
     * with different labels adds its intersection weight to each of the two labels that is nonzero.
     *
     * @return array of length {@code count + 1}; index 0 is unused (0)
     */
    public static double[] perimeters(int[] labels, int w, int h, int count, double dx, double dy) {
        return perimeters(labels, w, h, count, dx, dy, null);
    }

    /** {@link #perimeters(int[], int, int, int, double, double)} without the region's edge (null = whole image). */
    public static double[] perimeters(int[] labels, int w, int h, int count, double dx, double dy, byte[] region) {
        long[] n = labelIntersectionCounts(labels, w, h, count, region);
        double[] c = intersectionWeights(dx, dy);
        double[] p = new double[count + 1];
        for (int l = 1; l <= count; l++) {
            int b = DIRECTIONS * l;
            double s = 0;
            for (int k = 0; k < DIRECTIONS; k++) {
                s += c[k] * n[b + k];
            }
            p[l] = s;
        }
        return p;
    }

    /**
     * Per-label intersection counts: {@code result[8*l + k]} = number of boundary intersections of
     * label l in direction k (order of {@link #STEPS}).
     */
    public static long[] labelIntersectionCounts(int[] labels, int w, int h, int count) {
        return labelIntersectionCounts(labels, w, h, count, null);
    }

    /** {@link #labelIntersectionCounts(int[], int, int, int)} inside a region (see the class comment; null = whole image). */
    public static long[] labelIntersectionCounts(int[] labels, int w, int h, int count, byte[] region) {
        if (region != null && region.length != labels.length) {
            throw new IllegalArgumentException("region length " + region.length + " != " + w + "x" + h);
        }
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), h / 64));
        // per-thread int tables over bands of rows (a label's count in one direction is below the pixel count)
        int[][] part = new int[threads][];
        Step[] steps = steps(w);
        IntStream.range(0, threads).parallel().forEach(t -> {
            int[] n = new int[DIRECTIONS * (count + 1)];
            int ya = (int) ((long) h * t / threads);
            int yb = (int) ((long) h * (t + 1) / threads);
            for (int y = ya; y < yb; y++) {
                int row = y * w;
                for (Step st : steps) {
                    if (y + st.oy() >= h) {
                        continue;
                    }
                    int k = st.k();
                    int off = st.off();
                    boolean knight = st.knight();
                    int o1 = st.o1();
                    int o2 = st.o2();
                    for (int i = row + st.xa(), e = row + st.xb(); i < e; i++) {
                        if (region != null && (region[i] == 0 || region[i + off] == 0)) {
                            continue;
                        }
                        int v = labels[i];
                        int u = labels[i + off];
                        if (u != v) {
                            n[DIRECTIONS * v + k]++;
                            n[DIRECTIONS * u + k]++;
                        } else if (knight) {
                            int m1 = labels[i + o1];
                            int m2 = labels[i + o2];
                            if (m1 != v && m2 != v && (region == null || (region[i + o1] != 0 && region[i + o2] != 0))) {
                                n[DIRECTIONS * v + k] += 2;
                                n[DIRECTIONS * m1 + k]++;
                                n[DIRECTIONS * m2 + k]++;
                            }
                        }
                    }
                }
            }
            part[t] = n;
        });
        long[] n = new long[DIRECTIONS * (count + 1)];
        for (int[] p : part) {
            for (int i = DIRECTIONS; i < n.length; i++) {
                n[i] += p[i];
            }
        }
        // label 0 (background) counts are meaningless: left at 0
        return n;
    }

    static void checkPixel(double dx, double dy) {
        if (!(dx > 0) || !(dy > 0) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
            throw new PoroPhaseException("pixel size must be positive and finite, got " + dx + " x " + dy
                    + " µm: pass --pixel-size or calibrate the image");
        }
    }
}
