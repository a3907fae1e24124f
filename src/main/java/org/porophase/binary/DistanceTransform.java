package org.porophase.binary;

import org.porophase.core.Parallel;
import org.porophase.core.VoxelSize;

/**
 * The one Euclidean distance transform of PoroPhase: exact squared EDT with anisotropic spacing
 * (Felzenszwalb &amp; Huttenlocher 2012, "Distance transforms of sampled functions", Theory of
 * Computing 8:415–428; equivalent to Saito &amp; Toriwaki 1994): separable 1D lower-envelope passes
 * along x, y and z, each with the physical spacing of its axis (on the binary input the x pass
 * reduces to two linear sweeps).
 * <ul>
 * <li>3D, in place: {@link #transform(float[][], int, int, VoxelSize, int)} on {@code float[z][y*w+x]}
 * holding 0 at sites and {@link #INF} elsewhere; on return the squared distance in µm² to the
 * nearest site (INF when there is no site at all). Multi-threaded over slices (x, y) and rows (z).</li>
 * <li>2D, in place: {@link #transform2D} on one {@code float[y*w+x]} slice, unit spacing (squared
 * distance in pixels²).</li>
 * <li>Boolean grids indexed x + nx(y + ny z) (phase field), unit spacing:
 * {@link #distanceTo} (distance in cells) and {@link #signedDistance}. Squared distances of integer
 * offsets are integers, exact in float below 2²⁴ cells², so these equal the double-precision
 * transform.</li>
 * </ul>
 */
public final class DistanceTransform {
    /** "No site" marker. */
    public static final float INF = Float.POSITIVE_INFINITY;
    /** Distance returned by {@link #distanceTo} where the grid has no target cell at all. */
    public static final double NO_SITE = 1e10;
    private static final VoxelSize UNIT = new VoxelSize(1, 1, 1);

    private DistanceTransform() {
    }

    /** 2D squared EDT of one slice {@code f[y*w+x]} (0 at sites, {@link #INF} elsewhere), unit spacing, in place. */
    public static void transform2D(float[] f, int w, int h) {
        transform(new float[][] {f}, w, h, UNIT, 1);
    }

    /**
     * Distance (in cells) from every cell of an (nx, ny, nz) grid, index x + nx(y + ny z), to the
     * nearest cell where {@code target} is true; {@link #NO_SITE} (1e10) if there is none.
     */
    public static double[] distanceTo(boolean[] target, int nx, int ny, int nz) {
        int plane = nx * ny;
        float[][] f = new float[nz][plane];
        for (int z = 0; z < nz; z++) {
            float[] s = f[z];
            int o = z * plane;
            for (int i = 0; i < plane; i++) {
                s[i] = target[o + i] ? 0 : INF;
            }
        }
        transform(f, nx, ny, UNIT, 1);
        double[] d = new double[plane * nz];
        for (int z = 0; z < nz; z++) {
            float[] s = f[z];
            int o = z * plane;
            for (int i = 0; i < plane; i++) {
                d[o + i] = s[i] == INF ? NO_SITE : Math.sqrt(s[i]);
            }
        }
        return d;
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

    /**
     * 3D squared EDT in place on {@code f[z][y*w+x]} (0 at sites, {@link #INF} elsewhere) with the
     * spacing {@code vs} in µm; result in µm².
     */
    public static void transform(float[][] f, int w, int h, VoxelSize vs, int threads) {
        int d = f.length;
        double sx = vs.x();
        double sy2 = vs.y() * vs.y();
        double sz2 = vs.z() * vs.z();
        Parallel par = Parallel.of(threads);
        long work = (long) w * h * d;
        par.forRange(d, work, (z0, z1) -> {
            Work wk = new Work(Math.max(w, h));
            for (int z = z0; z < z1; z++) {
                float[] s = f[z];
                // x pass: the input is binary (0 or INF), so the 1D transform is the squared distance to
                // the nearest site of the row: two linear sweeps instead of the lower envelope
                for (int y = 0; y < h; y++) {
                    int o = y * w;
                    int last = -1;
                    for (int x = 0; x < w; x++) {
                        if (s[o + x] == 0) {
                            last = x;
                        } else if (last >= 0) {
                            double dd = (x - last) * sx;
                            s[o + x] = (float) (dd * dd);
                        }
                    }
                    int next = -1;
                    for (int x = w - 1; x >= 0; x--) {
                        float v = s[o + x];
                        if (v == 0) {
                            next = x;
                        } else if (next >= 0) {
                            double dd = (next - x) * sx;
                            float q = (float) (dd * dd);
                            if (q < v) {
                                s[o + x] = q;
                            }
                        }
                    }
                }
                for (int x = 0; x < w; x++) {
                    for (int y = 0; y < h; y++) {
                        wk.in[y] = s[y * w + x];
                    }
                    if (wk.run(h, sy2)) {
                        for (int y = 0; y < h; y++) {
                            s[y * w + x] = (float) wk.out[y];
                        }
                    }
                }
            }
        });
        if (d > 1) {
            par.forRange(h, work, (y0, y1) -> {
                Work wk = new Work(d);
                for (int y = y0; y < y1; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        for (int z = 0; z < d; z++) {
                            wk.in[z] = f[z][i];
                        }
                        if (wk.run(d, sz2)) {
                            for (int z = 0; z < d; z++) {
                                f[z][i] = (float) wk.out[z];
                            }
                        }
                    }
                }
            });
        }
    }

    /** Work arrays of the 1D transform. */
    private static final class Work {
        final double[] in;
        final double[] out;
        final int[] v;
        final double[] zz;

        Work(int n) {
            in = new double[n];
            out = new double[n];
            v = new int[n];
            zz = new double[n + 1];
        }

        /** 1D squared-distance transform of in[0..n) with spacing² s2; false if in has no finite value. */
        boolean run(int n, double s2) {
            int k = -1;
            for (int q = 0; q < n; q++) {
                double fq = in[q];
                if (fq == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double s = 0;
                while (k >= 0) {
                    int p = v[k];
                    s = ((fq + s2 * q * q) - (in[p] + s2 * (double) p * p)) / (2 * s2 * (q - p));
                    if (s <= zz[k]) {
                        k--;
                    } else {
                        break;
                    }
                }
                k++;
                v[k] = q;
                zz[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
                zz[k + 1] = Double.POSITIVE_INFINITY;
            }
            if (k < 0) {
                return false;
            }
            int j = 0;
            for (int q = 0; q < n; q++) {
                while (zz[j + 1] < q) {
                    j++;
                }
                double dq = q - v[j];
                out[q] = s2 * dq * dq + in[v[j]];
            }
            return true;
        }
    }
}
