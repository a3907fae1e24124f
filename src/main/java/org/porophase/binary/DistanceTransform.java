package org.porophase.binary;

import org.porophase.core.Parallel;
import org.porophase.core.VoxelSize;

/**
 * Exact squared Euclidean distance transform with anisotropic voxels (Felzenszwalb &amp;
 * Huttenlocher 2012, "Distance transforms of sampled functions", Theory of Computing 8:415–428;
 * equivalent to Saito &amp; Toriwaki 1994): three separable 1D lower-envelope passes (x, y, z), each
 * with the physical spacing of its axis (on this binary input the x pass reduces to two linear
 * sweeps). In place on {@code float[z][y*w+x]}: enter 0 at sites and {@link #INF} elsewhere (only
 * these two values); on return each voxel holds its squared distance in µm² to the nearest site
 * (INF when there is no site at all). Multi-threaded over slices (x, y) and rows (z).
 */
public final class DistanceTransform {
    /** "No site" marker. */
    public static final float INF = Float.POSITIVE_INFINITY;

    private DistanceTransform() {
    }

    public static void transform(float[][] f, int w, int h, VoxelSize vs, int threads) {
        int d = f.length;
        double sx = vs.x();
        double sy2 = vs.y() * vs.y();
        double sz2 = vs.z() * vs.z();
        Parallel.forRange(0, d, threads, (z0, z1) -> {
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
            Parallel.forRange(0, h, threads, (y0, y1) -> {
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
