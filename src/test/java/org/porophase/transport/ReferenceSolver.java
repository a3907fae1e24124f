package org.porophase.transport;

/**
 * An independent reference for the tests: the same finite-volume problem (z axis, Dirichlet faces half a
 * voxel out, no-flux sides, isotropic voxels) on the whole phase, solved in double precision by plain
 * successive over-relaxation to a tight tolerance; non-percolating islands simply keep zero flux.
 */
final class ReferenceSolver {
    private ReferenceSolver() {
    }

    static double relativeDiffusivity(PhaseGrid g) {
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        double[] u = new double[w * h * d];
        boolean[] in = new boolean[u.length];
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < w * h; i++) {
                in[i + w * h * z] = g.slices()[z][i] != 0;
            }
        }
        int plane = w * h;
        for (int sweep = 0; sweep < 20000; sweep++) {
            double change = 0;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = x + w * (y + h * z);
                        if (!in[i]) {
                            continue;
                        }
                        double s = 0;
                        double dg = 0;
                        if (x > 0 && in[i - 1]) { s += u[i - 1]; dg++; }
                        if (x < w - 1 && in[i + 1]) { s += u[i + 1]; dg++; }
                        if (y > 0 && in[i - w]) { s += u[i - w]; dg++; }
                        if (y < h - 1 && in[i + w]) { s += u[i + w]; dg++; }
                        if (z > 0 && in[i - plane]) { s += u[i - plane]; dg++; }
                        if (z < d - 1 && in[i + plane]) { s += u[i + plane]; dg++; }
                        if (z == 0) { s += 2; dg += 2; }
                        if (z == d - 1) { dg += 2; }
                        if (dg == 0) {
                            continue;
                        }
                        double nu = u[i] + 1.7 * (s / dg - u[i]);
                        change = Math.max(change, Math.abs(nu - u[i]));
                        u[i] = nu;
                    }
                }
            }
            if (change < 1e-13) {
                break;
            }
        }
        double in0 = 0;
        for (int i = 0; i < plane; i++) {
            if (in[i]) {
                in0 += 2 * (1 - u[i]);
            }
        }
        return in0 * d / (double) plane;
    }
}
