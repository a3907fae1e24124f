package org.porophase.binary;

/**
 * Exact Euclidean distance transform (Felzenszwalb &amp; Huttenlocher 2012, separable lower
 * envelope of parabolas) on an (nx, ny, nz) grid with index x + nx(y + ny z), isotropic spacing.
 */
public final class Edt {
    private Edt() {
    }

    private static final double INF = 1e20;

    /**
     * Distance (in cells) from every cell to the nearest cell where {@code target} is true
     * ({@code Double.POSITIVE_INFINITY}-like large value 1e10 if there is none).
     */
    public static double[] distanceTo(boolean[] target, int nx, int ny, int nz) {
        int n = nx * ny * nz;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = target[i] ? 0 : INF;
        }
        int maxN = Math.max(nx, Math.max(ny, nz));
        double[] line = new double[maxN];
        double[] out = new double[maxN];
        double[] zb = new double[maxN + 1];
        int[] v = new int[maxN];
        // x
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int base = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    line[x] = f[base + x];
                }
                dt1(line, nx, out, v, zb);
                for (int x = 0; x < nx; x++) {
                    f[base + x] = out[x];
                }
            }
        }
        if (ny > 1) {
            for (int z = 0; z < nz; z++) {
                for (int x = 0; x < nx; x++) {
                    for (int y = 0; y < ny; y++) {
                        line[y] = f[x + nx * (y + ny * z)];
                    }
                    dt1(line, ny, out, v, zb);
                    for (int y = 0; y < ny; y++) {
                        f[x + nx * (y + ny * z)] = out[y];
                    }
                }
            }
        }
        if (nz > 1) {
            int s = nx * ny;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    for (int z = 0; z < nz; z++) {
                        line[z] = f[x + nx * y + s * z];
                    }
                    dt1(line, nz, out, v, zb);
                    for (int z = 0; z < nz; z++) {
                        f[x + nx * y + s * z] = out[z];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            f[i] = f[i] >= INF / 2 ? 1e10 : Math.sqrt(f[i]);
        }
        return f;
    }

    /** 1D squared-distance transform of sampled function f (length n). */
    private static void dt1(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = -INF;
        z[1] = INF;
        for (int q = 1; q < n; q++) {
            if (f[q] >= INF) {
                continue;
            }
            if (f[v[k]] >= INF) {
                v[k] = q;
                continue;
            }
            double s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
            while (s <= z[k]) {
                k--;
                s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = INF;
        }
        if (f[v[0]] >= INF) {
            for (int q = 0; q < n; q++) {
                d[q] = INF;
            }
            return;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }

    /**
     * Signed distance to the boundary of {@code inside}, in cells: negative inside, positive outside,
     * ±½ on the cells adjacent to the boundary (the boundary runs along cell faces).
     */
    public static double[] signedDistance(boolean[] inside, int nx, int ny, int nz) {
        int n = inside.length;
        boolean[] outside = new boolean[n];
        for (int i = 0; i < n; i++) {
            outside[i] = !inside[i];
        }
        double[] dIn = distanceTo(outside, nx, ny, nz); // for inside cells: distance to nearest outside cell
        double[] dOut = distanceTo(inside, nx, ny, nz);
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            sd[i] = inside[i] ? -(dIn[i] - 0.5) : (dOut[i] - 0.5);
        }
        return sd;
    }
}
