package org.porophase.transport;

import java.util.ArrayDeque;

import org.porophase.binary.BallCover;
import org.porophase.binary.DistanceTransform;
import org.porophase.core.VoxelSize;

/**
 * The per-radius full-morphology drainage (test reference for {@link Drainage}): for each radius r_k, a
 * breadth-first flood of the centres with distance ≥ r_k from the inlet plane, then every phase voxel
 * within r_k of a kept centre is invaded. Two sphere tests:
 * <ul>
 * <li>{@link #bruteForce}: every ball painted voxel by voxel with the predicate of {@link BallCover}
 * (units of the smallest spacing, |x − c|² &lt; r²(1 − 10⁻⁶), rows in double), the same radii as
 * {@link Drainage}: must agree voxel for voxel;</li>
 * <li>{@link #previous}: the implementation before the one-pass algorithm (one distance transform of the
 * kept centres per radius, in µm², single precision, |x − c|² &lt; r² without margin, radii in µm).</li>
 * </ul>
 * Returns the size index (0 = not invaded, k + 1 = first invaded at r_k) per voxel.
 */
final class PerRadiusDrainage {
    private PerRadiusDrainage() {
    }

    static byte[][] bruteForce(PhaseGrid g, Axis axis, double step) {
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        int n = w * h;
        VoxelSize vs = g.voxel();
        double s = vs.min();
        double vx = vs.x() / s;
        double vy = vs.y() / s;
        double vz = vs.z() / s;
        float[][] dt = distances(g, new VoxelSize(vx, vy, vz));
        double rmax = 0;
        for (float[] f : dt) {
            for (float v : f) {
                rmax = Math.max(rmax, Math.sqrt(v));
            }
        }
        int levels = Math.max(1, (int) Math.floor((rmax - 0.5) / step) + 1);
        byte[][] index = new byte[d][n];
        for (int k = 0; k < levels; k++) {
            double r = rmax - k * step;
            boolean[][] centre = centres(g, axis, dt, (c) -> Math.sqrt(c) >= r);
            double r2 = (float) (r * r) * (1 - BallCover.MARGIN);
            int rx = (int) Math.ceil(r / vx);
            int ry = (int) Math.ceil(r / vy);
            int rz = (int) Math.ceil(r / vz);
            for (int zc = 0; zc < d; zc++) {
                for (int ic = 0; ic < n; ic++) {
                    if (!centre[zc][ic]) {
                        continue;
                    }
                    int xc = ic % w;
                    int yc = ic / w;
                    for (int z = Math.max(0, zc - rz); z <= Math.min(d - 1, zc + rz); z++) {
                        double ez = (z - zc) * vz;
                        double remZ = r2 - ez * ez;
                        for (int y = Math.max(0, yc - ry); y <= Math.min(h - 1, yc + ry); y++) {
                            double ey = (y - yc) * vy;
                            double rem = remZ - ey * ey;
                            for (int x = Math.max(0, xc - rx); x <= Math.min(w - 1, xc + rx); x++) {
                                double ex = Math.abs(x - xc) * vx;
                                int i = x + w * y;
                                if (ex * ex < rem && g.slices()[z][i] != 0 && index[z][i] == 0) {
                                    index[z][i] = (byte) (k + 1);
                                }
                            }
                        }
                    }
                }
            }
        }
        return index;
    }

    static byte[][] previous(PhaseGrid g, Axis axis, double stepVoxels) {
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        int n = w * h;
        VoxelSize vs = g.voxel();
        float[][] edt = distances(g, vs);
        double rmax = 0;
        for (float[] f : edt) {
            for (int i = 0; i < n; i++) {
                f[i] = (float) Math.sqrt(f[i]);
                rmax = Math.max(rmax, f[i]);
            }
        }
        double step = stepVoxels * vs.min();
        int levels = Math.max(1, (int) Math.floor((rmax - vs.min() * 0.5) / step) + 1);
        byte[][] index = new byte[d][n];
        for (int k = 0; k < levels; k++) {
            float r = (float) (rmax - k * step);
            boolean[][] centre = centres(g, axis, edt, (e) -> e >= r);
            float[][] work = new float[d][n];
            for (int z = 0; z < d; z++) {
                for (int i = 0; i < n; i++) {
                    work[z][i] = centre[z][i] ? 0 : DistanceTransform.INF;
                }
            }
            DistanceTransform.transform(work, w, h, vs, 1);
            float r2 = r * r;
            for (int z = 0; z < d; z++) {
                for (int i = 0; i < n; i++) {
                    if (g.slices()[z][i] != 0 && work[z][i] < r2 && index[z][i] == 0) {
                        index[z][i] = (byte) (k + 1);
                    }
                }
            }
        }
        return index;
    }

    private interface Holds {
        boolean at(float value);
    }

    /** Squared distance to the nearest non-phase voxel (box sides not walls). */
    private static float[][] distances(PhaseGrid g, VoxelSize spacing) {
        int n = g.width() * g.height();
        float[][] dt = new float[g.depth()][n];
        for (int z = 0; z < g.depth(); z++) {
            for (int i = 0; i < n; i++) {
                dt[z][i] = g.slices()[z][i] != 0 ? DistanceTransform.INF : 0;
            }
        }
        DistanceTransform.transform(dt, g.width(), g.height(), spacing, 1);
        return dt;
    }

    /** Voxels where {@code holds}, face-connected to the inlet plane through such voxels. */
    private static boolean[][] centres(PhaseGrid g, Axis axis, float[][] value, Holds holds) {
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        int n = w * h;
        boolean[][] c = new boolean[d][n];
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int along = axis == Axis.X ? x : axis == Axis.Y ? y : z;
                    if (along == 0 && g.slices()[z][x + w * y] != 0 && holds.at(value[z][x + w * y])) {
                        c[z][x + w * y] = true;
                        queue.add(new int[] {x, y, z});
                    }
                }
            }
        }
        int[][] nb = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        while (!queue.isEmpty()) {
            int[] p = queue.poll();
            for (int[] e : nb) {
                int x = p[0] + e[0];
                int y = p[1] + e[1];
                int z = p[2] + e[2];
                if (x < 0 || y < 0 || z < 0 || x >= w || y >= h || z >= d) {
                    continue;
                }
                int i = x + w * y;
                if (!c[z][i] && g.slices()[z][i] != 0 && holds.at(value[z][i])) {
                    c[z][i] = true;
                    queue.add(new int[] {x, y, z});
                }
            }
        }
        return c;
    }
}
