package org.porophase.measure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.porophase.core.VoxelSize;

/**
 * Direction weights of the discrete Crofton formula with the 13 directions of the cubic grid
 * (Legland, Kiêu &amp; Devaux 2007, "Computation of Minkowski measures on 2D and 3D binary images",
 * Image Anal Stereol 26:83–92; the same weights as MorphoLibJ's IntrinsicVolumes3D): the weight of
 * a direction is the fraction of the unit sphere in the Voronoi cells of ±direction, directions taken
 * in physical (µm) space so anisotropic voxels get their own weights. The 13 weights sum to 1.
 * <p>
 * Cubic voxels use the published values (axes 2×0.04577789120476, face diagonals
 * 2×0.03698062787608, body diagonals 2×0.03519563978232); other voxel shapes are integrated
 * numerically on a 1200×2400 equal-area (cos θ, φ) grid of the sphere (error ≈ 1e-5, see the test).
 * <p>
 * Direction order: 0 (1,0,0), 1 (0,1,0), 2 (0,0,1), 3 (1,1,0), 4 (1,−1,0), 5 (1,0,1), 6 (−1,0,1),
 * 7 (0,1,1), 8 (0,−1,1), 9 (1,1,1), 10 (−1,1,1), 11 (1,−1,1), 12 (−1,−1,1).
 */
public final class CroftonWeights {
    /** The 13 directions in voxel steps (dx, dy, dz). */
    public static final int[][] DIRS = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {1, -1, 0}, {1, 0, 1}, {-1, 0, 1},
        {0, 1, 1}, {0, -1, 1}, {1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {-1, -1, 1}};

    private static final Map<VoxelSize, double[]> CACHE = new ConcurrentHashMap<>();

    private CroftonWeights() {
    }

    /** The 13 weights for a voxel size (cached). */
    public static double[] weights(VoxelSize vs) {
        return CACHE.computeIfAbsent(vs, CroftonWeights::compute).clone();
    }

    /** Physical length of direction i in µm. */
    public static double length(int i, VoxelSize vs) {
        double x = DIRS[i][0] * vs.x();
        double y = DIRS[i][1] * vs.y();
        double z = DIRS[i][2] * vs.z();
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static double[] compute(VoxelSize vs) {
        if (vs.x() == vs.y() && vs.y() == vs.z()) {
            double a = 2 * 0.04577789120476;
            double f = 2 * 0.03698062787608;
            double b = 2 * 0.03519563978232;
            return new double[] {a, a, a, f, f, f, f, f, f, b, b, b, b};
        }
        return integrate(vs, 1200);
    }

    /** Numerical Voronoi areas on a (cos θ, φ) midpoint grid of {@code n} × {@code 2n} cells. */
    static double[] integrate(VoxelSize vs, int n) {
        double[][] u = new double[13][3];
        for (int i = 0; i < 13; i++) {
            double l = length(i, vs);
            u[i][0] = DIRS[i][0] * vs.x() / l;
            u[i][1] = DIRS[i][1] * vs.y() / l;
            u[i][2] = DIRS[i][2] * vs.z() / l;
        }
        long[] count = new long[13];
        int m = 2 * n;
        double[] cosPhi = new double[m];
        double[] sinPhi = new double[m];
        for (int j = 0; j < m; j++) {
            double phi = (j + 0.5) * 2 * Math.PI / m;
            cosPhi[j] = Math.cos(phi);
            sinPhi[j] = Math.sin(phi);
        }
        for (int i = 0; i < n; i++) {
            double cz = -1 + (i + 0.5) * 2.0 / n;
            double sz = Math.sqrt(1 - cz * cz);
            for (int j = 0; j < m; j++) {
                double px = sz * cosPhi[j];
                double py = sz * sinPhi[j];
                int best = 0;
                double bd = -1;
                for (int k = 0; k < 13; k++) {
                    double d = Math.abs(px * u[k][0] + py * u[k][1] + cz * u[k][2]);
                    if (d > bd) {
                        bd = d;
                        best = k;
                    }
                }
                count[best]++;
            }
        }
        double[] w = new double[13];
        double tot = (double) n * m;
        for (int k = 0; k < 13; k++) {
            w[k] = count[k] / tot;
        }
        return w;
    }
}
