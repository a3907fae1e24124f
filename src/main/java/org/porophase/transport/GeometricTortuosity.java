package org.porophase.transport;

import org.porophase.core.MemoryCheck;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Geometric tortuosity of a phase along an axis: the mean length of the shortest in-phase path from the
 * inlet face to each voxel of the outlet plane, divided by the sample thickness L (Holzer et al.,
 * J. Mater. Sci. 48 (2013) 2934–2952: "mean shortest path through the phase between the two faces over the
 * thickness"). Paths run through the voxels of the percolating part of the phase (the domain of
 * {@link TortuositySolver}) by steps to any of the 26 neighbours with their exact anisotropic lengths
 * (face h_a, edge √(h_a² + h_b²), vertex √(h_x² + h_y² + h_z²)), from the inlet face (half a voxel to the
 * first centre) to the outlet face (half a voxel past the last); the geodesic distance is the Dijkstra
 * distance on that voxel graph (an indexed binary heap). Exact for paths along the 13 lattice directions
 * (straight channels: 1; a 45° band: √2 per plane); in other directions the 26-neighbour metric
 * overestimates the Euclidean length by at most ≈ 8 %. With periodic sides ({@link SideBoundary#PERIODIC})
 * the steps wrap across the side faces (a path may leave one side and re-enter at the other); no-flux
 * sides are the same as mirror sides here (a path folded back at a mirror is an in-box path of the same
 * length). Memory: 13 bytes per voxel of the box.
 */
public final class GeometricTortuosity {
    private GeometricTortuosity() {
    }

    /** Bytes the computation needs for a grid (checked before allocating). */
    public static long memoryBytes(PhaseGrid g) {
        return 13L * g.voxels();
    }

    /** τ_geo with no-flux (= mirror) sides. */
    public static double compute(PhaseGrid g, Axis axis) {
        return compute(g, axis, SideBoundary.NO_FLUX);
    }

    /** τ_geo = mean over the outlet voxels of (shortest path from the inlet face to the outlet face)/L. */
    public static double compute(PhaseGrid g, Axis axis, SideBoundary sides) {
        int along = g.size(axis);
        if (along < 2) {
            throw new PoroPhaseException("geometric tortuosity along " + axis.letter() + ": the sample is " + along + " voxel thick along it");
        }
        MemoryCheck.require(memoryBytes(g), "the geometric tortuosity along " + axis.letter() + " (13 bytes per voxel)");
        int[] d = TortuositySolver.permutedDims(g, axis);
        final int nx = d[0];
        final int ny = d[1];
        final int nz = d[2];
        final int plane = nx * ny;
        byte[] m = TortuositySolver.permute(g, axis, nx, ny, nz);
        boolean periodic = sides == SideBoundary.PERIODIC;
        if (TortuositySolver.keepPercolating(m, nx, ny, nz, periodic) == 0) {
            throw new PoroPhaseException("geometric tortuosity: the phase '" + g.name() + "' does not percolate along " + axis.letter()
                    + " (" + sides.key() + " sides)");
        }
        final boolean px = periodic && nx > 1;
        final boolean py = periodic && ny > 1;
        double[] h = TortuositySolver.permutedSpacing(g.voxel(), axis);
        // the 26 neighbour offsets and step lengths
        int[] ox = new int[26];
        int[] oy = new int[26];
        int[] oz = new int[26];
        float[] len = new float[26];
        int k = 0;
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (dx == 0 && dy == 0 && dz == 0) {
                        continue;
                    }
                    ox[k] = dx;
                    oy[k] = dy;
                    oz[k] = dz;
                    len[k] = (float) Math.sqrt(dx * dx * h[0] * h[0] + dy * dy * h[1] * h[1] + dz * dz * h[2] * h[2]);
                    k++;
                }
            }
        }
        int n = plane * nz;
        float[] dist = new float[n];
        java.util.Arrays.fill(dist, Float.POSITIVE_INFINITY);
        int[] heap = new int[n];
        int[] pos = new int[n]; // 0: never queued, > 0: heap position + 1, −1: settled
        int size = 0;
        for (int i = 0; i < plane; i++) {
            if (m[i] != 0) {
                dist[i] = (float) (h[2] / 2);
                heap[size] = i; // equal keys: the seeds form a valid heap as they are
                pos[i] = size + 1;
                size++;
            }
        }
        while (size > 0) {
            int i = heap[0];
            pos[i] = -1;
            size--;
            if (size > 0) {
                heap[0] = heap[size];
                pos[heap[0]] = 1;
                siftDown(heap, pos, dist, 0, size);
            }
            int z = i / plane;
            int r = i - z * plane;
            int y = r / nx;
            int x = r - y * nx;
            float di = dist[i];
            for (int q = 0; q < 26; q++) {
                int xx = x + ox[q];
                int yy = y + oy[q];
                int zz = z + oz[q];
                if (px) {
                    xx = xx < 0 ? xx + nx : xx >= nx ? xx - nx : xx;
                }
                if (py) {
                    yy = yy < 0 ? yy + ny : yy >= ny ? yy - ny : yy;
                }
                if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) {
                    continue;
                }
                int j = xx + nx * (yy + ny * zz);
                if (m[j] == 0 || pos[j] < 0) {
                    continue;
                }
                float nd = di + len[q];
                if (nd < dist[j]) {
                    dist[j] = nd;
                    if (pos[j] == 0) {
                        heap[size] = j;
                        pos[j] = size + 1;
                        siftUp(heap, pos, dist, size);
                        size++;
                    } else {
                        siftUp(heap, pos, dist, pos[j] - 1);
                    }
                }
            }
        }
        double sum = 0;
        long count = 0;
        for (int i = (nz - 1) * plane; i < n; i++) {
            if (m[i] != 0) {
                sum += dist[i] + h[2] / 2;
                count++;
            }
        }
        return sum / count / (nz * h[2]);
    }

    /** Moves heap[at] up to its place; returns its final position. */
    private static int siftUp(int[] heap, int[] pos, float[] dist, int at) {
        int e = heap[at];
        float v = dist[e];
        while (at > 0) {
            int p = (at - 1) >> 1;
            int pe = heap[p];
            if (dist[pe] <= v) {
                break;
            }
            heap[at] = pe;
            pos[pe] = at + 1;
            at = p;
        }
        heap[at] = e;
        pos[e] = at + 1;
        return at;
    }

    private static void siftDown(int[] heap, int[] pos, float[] dist, int at, int size) {
        int e = heap[at];
        float v = dist[e];
        while (true) {
            int c = 2 * at + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && dist[heap[c + 1]] < dist[heap[c]]) {
                c++;
            }
            if (dist[heap[c]] >= v) {
                break;
            }
            heap[at] = heap[c];
            pos[heap[c]] = at + 1;
            at = c;
        }
        heap[at] = e;
        pos[e] = at + 1;
    }

    /** For the anisotropic check in tests: the voxel spacing in the permuted frame of an axis. */
    static double[] spacing(VoxelSize v, Axis a) {
        return TortuositySolver.permutedSpacing(v, a);
    }
}
