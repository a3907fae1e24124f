package org.porophase.transport;

import java.util.SplittableRandom;

import org.porophase.core.VoxelSize;

/** Small generated geometries with known transport (for the validation tests and the bench). */
final class TransportShapes {
    private TransportShapes() {
    }

    interface Inside {
        boolean at(int x, int y, int z);
    }

    static PhaseGrid grid(int w, int h, int d, VoxelSize vs, Inside in) {
        byte[][] s = new byte[d][w * h];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (in.at(x, y, z)) {
                        s[z][y * w + x] = 1;
                    }
                }
            }
        }
        return new PhaseGrid(w, h, d, vs, s, "test phase");
    }

    /** Square channels of side a on a pitch p along z. */
    static PhaseGrid channels(int w, int h, int d, int a, int p) {
        return grid(w, h, d, VoxelSize.iso(1), (x, y, z) -> x % p < a && y % p < a);
    }

    /** Random overlapping spheres of radius r (solid), the rest phase; seed fixed. */
    static PhaseGrid spheresSolid(int n, int count, double r, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] c = new double[count][3];
        for (double[] ci : c) {
            ci[0] = rnd.nextDouble() * n;
            ci[1] = rnd.nextDouble() * n;
            ci[2] = rnd.nextDouble() * n;
        }
        return grid(n, n, n, VoxelSize.iso(1), (x, y, z) -> {
            for (double[] ci : c) {
                double dx = x + 0.5 - ci[0];
                double dy = y + 0.5 - ci[1];
                double dz = z + 0.5 - ci[2];
                if (dx * dx + dy * dy + dz * dz <= r * r) {
                    return false;
                }
            }
            return true;
        });
    }
}
