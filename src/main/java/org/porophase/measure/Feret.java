package org.porophase.measure;

import java.util.Arrays;

/**
 * Feret diameters of a pixel set from its per-row extents: convex hull of the pixel corners
 * (Andrew's monotone chain) and rotating calipers, in physical units (the hull of the scaled corners
 * is the scaled hull, so anisotropic pixels are exact).
 */
final class Feret {

    private Feret() {
    }

    /**
     * @param rowMin leftmost pixel x per row, {@code rowMin[off + r]} for row {@code y0 + r}
     * @param rowMax rightmost pixel x per row
     * @return {feretMax, feretMin, feretAngleDeg}
     */
    static double[] compute(int[] rowMin, int[] rowMax, int off, int rows, int y0, double dx, double dy) {
        long[] keys = new long[4 * rows];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int a = rowMin[off + r];
            int b = rowMax[off + r] + 1;
            long y = y0 + r;
            keys[n++] = (y << 32) | a;
            keys[n++] = (y << 32) | b;
            keys[n++] = ((y + 1) << 32) | a;
            keys[n++] = ((y + 1) << 32) | b;
        }
        Arrays.sort(keys, 0, n);
        // unique
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || keys[i] != keys[m - 1]) {
                keys[m++] = keys[i];
            }
        }
        double[] px = new double[m];
        double[] py = new double[m];
        for (int i = 0; i < m; i++) {
            px[i] = (int) (keys[i] & 0xffffffffL) * dx;
            py[i] = (keys[i] >>> 32) * dy;
        }
        // monotone chain on points sorted lexicographically by (y, x)
        int[] hull = new int[2 * m + 1];
        int k = 0;
        for (int i = 0; i < m; i++) {
            while (k >= 2 && cross(px, py, hull[k - 2], hull[k - 1], i) <= 0) {
                k--;
            }
            hull[k++] = i;
        }
        for (int i = m - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(px, py, hull[k - 2], hull[k - 1], i) <= 0) {
                k--;
            }
            hull[k++] = i;
        }
        int h = k - 1; // last point repeats the first
        double[] hx = new double[h];
        double[] hy = new double[h];
        for (int i = 0; i < h; i++) {
            hx[i] = px[hull[i]];
            hy[i] = py[hull[i]];
        }
        return calipers(hx, hy);
    }

    private static double cross(double[] x, double[] y, int o, int a, int b) {
        return (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
    }

    /** Rotating calipers on a convex polygon without collinear vertices (either orientation). */
    static double[] calipers(double[] x, double[] y) {
        int n = x.length;
        double best = -1, bx = 0, by = 0;
        double minW = Double.POSITIVE_INFINITY;
        int j = 1 % n;
        for (int i = 0; i < n; i++) {
            int i1 = (i + 1) % n;
            double ex = x[i1] - x[i], ey = y[i1] - y[i];
            double len = Math.hypot(ex, ey);
            int guard = 0;
            while (guard++ < n) {
                int jn = (j + 1) % n;
                if (Math.abs(ex * (y[jn] - y[i]) - ey * (x[jn] - x[i])) > Math.abs(ex * (y[j] - y[i]) - ey * (x[j] - x[i]))) {
                    j = jn;
                } else {
                    break;
                }
            }
            double w = Math.abs(ex * (y[j] - y[i]) - ey * (x[j] - x[i])) / len;
            if (w < minW) {
                minW = w;
            }
            int jn = (j + 1) % n;
            int[] cand = {i, j, i1, j, i, jn, i1, jn};
            for (int c = 0; c < cand.length; c += 2) {
                double ddx = x[cand[c + 1]] - x[cand[c]];
                double ddy = y[cand[c + 1]] - y[cand[c]];
                double d2 = ddx * ddx + ddy * ddy;
                if (d2 > best) {
                    best = d2;
                    bx = ddx;
                    by = ddy;
                }
            }
        }
        double angle = Math.toDegrees(Math.atan2(-by, bx));
        if (angle < 0) {
            angle += 180;
        }
        if (angle >= 180) {
            angle -= 180;
        }
        return new double[] {Math.sqrt(best), minW, angle};
    }
}
