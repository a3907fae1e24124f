package org.porophase.binary;

import org.porophase.core.Parallel;
import org.porophase.core.VoxelSize;

/**
 * The sphere-covering step of local thickness, for any radius field: every voxel x receives the
 * largest level of a ball that contains it, max{ level(c) : x ∈ B(c, r(c)) }. Used by
 * {@link LocalThickness} (r = the distance to the nearest solid) and by the drainage simulation of
 * {@code transport.Drainage} (r = the invasion radius of a centre).
 *
 * <p>Ball: B(c, r) = { voxel centres x : |x − c|² &lt; r²(1 − {@link #MARGIN}) } in units of the
 * smallest voxel spacing (anisotropic spacings honoured), the comparison made row by row in double
 * precision ({@link #halfWidth}); the relative margin of 10⁻⁶ puts voxels at exactly the distance r
 * (ties, common on the grid) outside. A centre's level is the largest k with t_k(1 − 10⁻⁶) ≤ r(c),
 * t ascending; level 0 is the start value and is never painted.
 *
 * <p>Only balls not contained in a 26-neighbour's ball (the ridge) can be maximal, so only those are
 * painted. Each ridge ball p has a <em>dominator</em>, the neighbour q later in the strict order
 * (r, linear index) that leaves the smallest cap B(p) \ B(q), and p paints only that cap, row by row,
 * visiting only the rows of the cap's bounding ball. This is exact: every voxel of B(p) ∩ B(q)
 * receives a level ≥ level(q) ≥ level(p) from q's chain (q is painted, or lies inside a later ball),
 * so the result equals painting every ball whole. Threads own z-slabs of the output and paint the
 * part of every ball in their slab (no shared writes).
 */
public final class BallCover {
    /** Relative margin on the squared radius of every ball. */
    public static final double MARGIN = 1e-6;

    private BallCover() {
    }

    /**
     * Paints the balls in place.
     *
     * @param radius2 squared ball radius per voxel, in units of the smallest spacing (0 where no ball); read only
     * @param level  per voxel: −1 = never painted and no centre (outside the phase), else the start value
     *               (0); on return the largest level of a ball containing the voxel. Levels are unsigned
     *               bytes 1…254
     * @param t      level radii, ascending, in units of the smallest spacing ({@code t.length} ≤ 255)
     * @param unit   the voxel spacings divided by the smallest
     * @param maxR   an upper bound on every ball radius (units of the smallest spacing)
     * @param strict decide "B(p) ⊂ B(q)" with a safety margin (for arbitrary radii); false: the
     *               tolerance of local thickness, exact where r² are sums of squared grid offsets
     */
    public static void paint(float[][] radius2, byte[][] level, double[] t, int w, int h, VoxelSize unit, double maxR, boolean strict, int threads) {
        int d = radius2.length;
        int n = w * h;
        int nl = t.length;
        float[][] dt = radius2;
        double vx = unit.x();
        double vy = unit.y();
        double vz = unit.z();
        double[] stepLen = new double[27];
        for (int c = 0; c < 27; c++) {
            int ex = c % 3 - 1;
            int ey = c / 3 % 3 - 1;
            int ez = c / 9 - 1;
            stepLen[c] = Math.sqrt(ex * ex * vx * vx + ey * ey * vy * vy + ez * ez * vz * vz);
        }
        // paint each ridge ball {x : |x − p| < r(p)} with the level of r(p), keeping the maximum. A ball with a
        // dominator q paints only B(p) \ B(q) row by row: B(p) ∩ B(q) gets a level ≥ level(p) from q's chain (q is
        // later in the strict order (r, index) and either painted or inside a later ball), so the result is the
        // same as painting every ridge ball whole, at a cost per ball of its rows instead of its voxels. Threads
        // own z-slabs of the output and paint the part of every ball in their slab (no shared writes).
        int reachZ = (int) Math.ceil(maxR / vz);
        float[] tf = new float[nl];
        for (int k = 0; k < nl; k++) {
            tf[k] = (float) (t[k] * (1 - MARGIN));
        }
        // interior centres: every face neighbour inside the box is a centre with r² ≥ r²(p). Such a ball needs no painting
        // (only its own voxel): a voxel x ≠ p of B(p) lies closer to the face neighbour q towards it (|x − q|² ≤ |x − p|² − 1),
        // so x ∈ B(q); taking, for the largest radius ρ covering x, the nearest centre c of radius ρ whose ball holds x, c is
        // not interior unless c = x (q would be nearer). Interior centres are never dominators, so the chain of caps from c
        // stays among painted balls and ends (the order is strict): the result is unchanged.
        long[][] interior = interior(dt, level, tf, w, h, threads);
        Parallel.of(threads).forRange(d, (long) n * d, (z0, z1) -> paintRange(dt, level, interior, tf, w, h, unit, stepLen, strict,
                new int[] {0, w, 0, h, Math.max(0, z0 - reachZ), Math.min(d, z1 + reachZ)}, new int[] {0, w, 0, h, z0, z1}));
    }

    /**
     * Paints, single-threaded, the balls centred in the box {@code centres} = {x0, x1, y0, y1, z0, z1} (half-open)
     * of a box of w×h planes, each only inside the output box {@code window}: the block-wise form of
     * {@link #paint(float[][], byte[][], double[], int, int, VoxelSize, double, boolean, int)}. Inside the window
     * the result equals the whole-volume painting when every ball reaching the window is centred in
     * {@code centres} and the radii in {@code centres} grown by two voxels are those of the whole volume.
     */
    public static void paint(float[][] radius2, byte[][] level, double[] t, int w, int h, VoxelSize unit, boolean strict, int[] centres, int[] window) {
        int d = radius2.length;
        int n = w * h;
        float[] tf = new float[t.length];
        for (int k = 0; k < t.length; k++) {
            tf[k] = (float) (t[k] * (1 - MARGIN));
        }
        long[][] interior = interior(radius2, level, tf, w, h, 1);
        paintRange(radius2, level, interior, tf, w, h, unit, stepLengths(unit), strict, centres, window);
    }

    /** The interior-centre flags (see {@link #paint}): every face neighbour inside the box is a centre with r² ≥ r²(p). */
    private static long[][] interior(float[][] dt, byte[][] level, float[] tf, int w, int h, int threads) {
        int d = dt.length;
        int n = w * h;
        long[][] interior = new long[d][(n + 63) >>> 6];
        Parallel.of(threads).forRange(d, (long) n * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                float[] f = dt[z];
                byte[] l = level[z];
                for (int i = 0; i < n; i++) {
                    float v = f[i];
                    if (l[i] == -1 || levelOf(tf, (float) Math.sqrt(v)) == 0) {
                        continue;
                    }
                    int x = i % w;
                    int y = i / w;
                    boolean in = (x == 0 || (l[i - 1] != -1 && f[i - 1] >= v)) && (x == w - 1 || (l[i + 1] != -1 && f[i + 1] >= v))
                            && (y == 0 || (l[i - w] != -1 && f[i - w] >= v)) && (y == h - 1 || (l[i + w] != -1 && f[i + w] >= v))
                            && (z == 0 || (level[z - 1][i] != -1 && dt[z - 1][i] >= v)) && (z == d - 1 || (level[z + 1][i] != -1 && dt[z + 1][i] >= v));
                    if (in) {
                        interior[z][i >>> 6] |= 1L << i;
                    }
                }
            }
        });
        return interior;
    }

    private static double[] stepLengths(VoxelSize unit) {
        double[] stepLen = new double[27];
        for (int c = 0; c < 27; c++) {
            int ex = c % 3 - 1;
            int ey = c / 3 % 3 - 1;
            int ez = c / 9 - 1;
            stepLen[c] = Math.sqrt(ex * ex * unit.x() * unit.x() + ey * ey * unit.y() * unit.y() + ez * ez * unit.z() * unit.z());
        }
        return stepLen;
    }

    private static void paintRange(float[][] dt, byte[][] level, long[][] interior, float[] tf, int w, int h, VoxelSize unit, double[] stepLen,
            boolean strict, int[] centres, int[] window) {
        int d = dt.length;
        double vx = unit.x();
        double vy = unit.y();
        double vz = unit.z();
        int z0 = window[4];
        int z1 = window[5];
        int wx0 = window[0];
        int wx1 = window[1];
        int wy0 = window[2];
        int wy1 = window[3];
            java.util.HashMap<Integer, Rows> cache = new java.util.HashMap<>();
            for (int zc = centres[4]; zc < centres[5]; zc++) {
                float[] fc = dt[zc];
                byte[] lc = level[zc];
                for (int yi = centres[2]; yi < centres[3]; yi++) {
                for (int i = yi * w + centres[0], ie = yi * w + centres[1]; i < ie; i++) {
                    if (lc[i] == -1) {
                        continue;
                    }
                    float rp2 = fc[i]; // squared distance (exact EDT value)
                    float rp = (float) Math.sqrt(rp2);
                    int k = levelOf(tf, rp);
                    if (k == 0) {
                        continue; // level 0 is every pore voxel's start value
                    }
                    if ((interior[zc][i >>> 6] & (1L << i)) != 0) {
                        if (zc >= z0 && zc < z1 && yi >= wy0 && yi < wy1 && i % w >= wx0 && i % w < wx1 && (lc[i] & 0xff) < k) {
                            lc[i] = (byte) k;
                        }
                        continue;
                    }
                    int xc = i % w;
                    int yc = i / w;
                    // ridge test and dominator, recomputed by each slab that the ball reaches (no per-voxel lists);
                    // reads only the pore/non-pore state of the level map, which painting never changes
                    int code = dominator(dt, level, interior, w, h, d, xc, yc, zc, rp2, stepLen, strict);
                    if (code < 0) {
                        continue; // inside a neighbour's ball: not on the ridge
                    }
                    byte kb = (byte) k;
                    boolean hasQ = code != 13;
                    int qx = xc + code % 3 - 1;
                    int qy = yc + code / 3 % 3 - 1;
                    int qz = zc + code / 9 - 1;
                    // inclusion |x − p|² < r² is decided on the squared EDT values with a relative margin of 1e-6, so
                    // voxels at exactly the nearest-solid distance (ties, common on the grid) are outside, as they must be
                    float rq2f = hasQ ? dt[qz][qy * w + qx] : 0;
                    double rq2 = rq2f * (1 - MARGIN);
                    double r2 = rp2 * (1 - MARGIN);
                    Rows pr = cache.computeIfAbsent(Float.floatToRawIntBits(rp2), b -> new Rows(rp2, vx, vy, vz));
                    Rows qr = hasQ ? cache.computeIfAbsent(Float.floatToRawIntBits(rq2f), b -> new Rows(rq2f, vx, vy, vz)) : null;
                    // B(p) \ B(q) lies in the cap (x − p)·ê < c, c = (r_p² + s² − r_q²)/(2s), inside the ball of radius
                    // ρ = √(r_p² − c²) around p + c·ê (c < 0); rows outside that ball's box are skipped
                    double cyP = yc * vy;
                    double czP = zc * vz;
                    double rpm = Math.sqrt(r2);
                    double rho = rpm;
                    if (hasQ) {
                        double sx = (qx - xc) * vx;
                        double sy = (qy - yc) * vy;
                        double sz = (qz - zc) * vz;
                        double sl = Math.sqrt(sx * sx + sy * sy + sz * sz);
                        double c = (r2 + sl * sl - rq2) / (2 * sl);
                        if (c <= -rpm) {
                            continue; // B(p) inside B(q)
                        }
                        if (c < 0) {
                            rho = Math.sqrt(r2 - c * c);
                            cyP += c * sy / sl;
                            czP += c * sz / sl;
                        }
                    }
                    int za = Math.max(Math.max(z0, zc - pr.nz), (int) Math.floor((czP - rho) / vz) - 1);
                    int zb = Math.min(Math.min(z1 - 1, zc + pr.nz), (int) Math.ceil((czP + rho) / vz) + 1);
                    int yLo = (int) Math.floor((cyP - rho) / vy) - 1;
                    int yHi = (int) Math.ceil((cyP + rho) / vy) + 1;
                    for (int zz = za; zz <= zb; zz++) {
                        int dz = Math.abs(zz - zc);
                        int ry = pr.ry[dz];
                        if (ry < 0) {
                            continue;
                        }
                        int dzq = hasQ ? Math.abs(zz - qz) : 0;
                        boolean qRows = hasQ && dzq <= qr.nz && qr.ry[dzq] >= 0;
                        byte[] lz = level[zz];
                        int ya = Math.max(Math.max(wy0, yc - ry), yLo);
                        int yb = Math.min(Math.min(wy1 - 1, yc + ry), yHi);
                        int base = dz * (pr.ny + 1);
                        for (int yy = ya; yy <= yb; yy++) {
                            int half = pr.hw[base + Math.abs(yy - yc)];
                            if (half < 0) {
                                continue;
                            }
                            int xa = Math.max(wx0, xc - half);
                            int xb = Math.min(wx1 - 1, xc + half);
                            int row = yy * w;
                            int qa = 1;
                            int qb = 0; // empty
                            if (qRows) {
                                int dyq = Math.abs(yy - qy);
                                int hq = dyq <= qr.ny ? qr.hw[dzq * (qr.ny + 1) + dyq] : -1;
                                if (hq >= 0) {
                                    qa = qx - hq;
                                    qb = qx + hq;
                                }
                            }
                            if (qa > qb || qb < xa || qa > xb) {
                                paint(lz, row, xa, xb, k, kb);
                            } else {
                                paint(lz, row, xa, Math.min(xb, qa - 1), k, kb);
                                paint(lz, row, Math.max(xa, qb + 1), xb, k, kb);
                            }
                        }
                    }
                }
            }
                }
    }

    /**
     * The rows of one ball B(c, r): for offsets |dz| ≤ nz, |dy| ≤ ny the half width along x of the
     * row ({@link #halfWidth} of (r²(1 − margin) − (dz·v_z)²) − (dy·v_y)², −1 = no voxel), and per
     * |dz| the largest |dy| of a non-empty row (−1: none).
     */
    private static final class Rows {
        final int nz;
        final int ny;
        final int[] hw;
        final int[] ry;

        Rows(float radius2, double vx, double vy, double vz) {
            double r2 = radius2 * (1 - MARGIN);
            double r = Math.sqrt(Math.max(0, r2));
            nz = (int) Math.ceil(r / vz) + 1;
            ny = (int) Math.ceil(r / vy) + 1;
            hw = new int[(nz + 1) * (ny + 1)];
            ry = new int[nz + 1];
            for (int dz = 0; dz <= nz; dz++) {
                double ez = dz * vz;
                double remZ = r2 - ez * ez;
                ry[dz] = -1;
                for (int dy = 0; dy <= ny; dy++) {
                    double ey = dy * vy;
                    int half = remZ <= 0 ? -1 : halfWidth(remZ - ey * ey, vx);
                    hw[dz * (ny + 1) + dy] = half;
                    if (half >= 0) {
                        ry[dz] = dy;
                    }
                }
            }
        }
    }

    /** Largest level k with t_k ≤ r (t ascending, t_0 the smallest pore distance). */
    static int levelOf(float[] t, float r) {
        int lo = 0;
        int hi = t.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (t[mid] <= r) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * −1 when the ball at (x, y, z) lies inside a pore neighbour's ball (not a ridge voxel); otherwise the
     * code {@code (ex+1) + 3(ey+1) + 9(ez+1)} of the pore neighbour after it in the order (r, linear index)
     * that leaves the smallest cap B(p) \ B(q), or 13 when there is none.
     */
    private static int dominator(float[][] r2, byte[][] level, long[][] interior, int w, int h, int d, int x, int y, int z, float rp2, double[] stepLen, boolean strict) {
        double rp = Math.sqrt(rp2);
        long self = (long) z * w * h + (long) y * w + x;
        int best = 13;
        double bestReach = Double.NEGATIVE_INFINITY;
        for (int dz = -1; dz <= 1; dz++) {
            int zz = z + dz;
            if (zz < 0 || zz >= d) {
                continue;
            }
            float[] rz = r2[zz];
            byte[] lz = level[zz];
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= h) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    if ((dx | dy | dz) == 0 || xx < 0 || xx >= w) {
                        continue;
                    }
                    int j = yy * w + xx;
                    if (lz[j] == -1) {
                        continue;
                    }
                    int code = (dx + 1) + 3 * (dy + 1) + 9 * (dz + 1);
                    double step = stepLen[code];
                    float rq2 = rz[j];
                    double rq = Math.sqrt(rq2);
                    if (strict ? Math.sqrt(rq2 * (1 - MARGIN)) >= Math.sqrt(rp2 * (1 - MARGIN)) + step + 1e-9 * (step + rp)
                            : rq >= rp + step - 2.5e-7 * Math.min(step, rp)) {
                        return -1; // B(p) ⊂ B(q) (local thickness: tolerance below the inclusion margin of the painting)
                    }
                    long other = (long) zz * w * h + j;
                    if ((rq2 > rp2 || (rq2 == rp2 && other > self)) && (interior[zz][j >>> 6] & (1L << j)) == 0) {
                        // smallest cap B(p) \ B(q): smallest c = (r_p² + s² − r_q²)/(2s)
                        double reach = -((double) rp2 + step * step - (double) rq2) / (2 * step);
                        if (reach > bestReach) {
                            bestReach = reach;
                            best = code;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** Largest i ≥ 0 with (i·v)² &lt; rem, or −1 when rem ≤ 0: the half width of a ball's row. */
    public static int halfWidth(double rem, double v) {
        if (rem <= 0) {
            return -1;
        }
        int half = (int) Math.floor(Math.sqrt(rem) / v);
        while (half > 0 && (half * v) * (half * v) >= rem) {
            half--;
        }
        while (((half + 1) * v) * ((half + 1) * v) < rem) {
            half++;
        }
        return half;
    }

    private static void paint(byte[] lz, int row, int xa, int xb, int k, byte kb) {
        for (int j = row + xa, e = row + xb; j <= e; j++) {
            byte l = lz[j];
            if (l != -1 && (l & 0xff) < k) {
                lz[j] = kb;
            }
        }
    }

}
