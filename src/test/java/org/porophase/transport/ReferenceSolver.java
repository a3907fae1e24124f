package org.porophase.transport;

/**
 * An independent reference for the tests: the same finite-volume problem (z axis, Dirichlet faces half a
 * voxel out, no-flux or periodic sides, isotropic voxels) on the whole phase, solved in double precision by
 * plain successive over-relaxation in lexicographic order to a tight tolerance; non-percolating islands
 * simply keep zero flux. Periodic sides by explicit index wrapping (no colouring involved).
 */
final class ReferenceSolver {
    private ReferenceSolver() {
    }

    static double relativeDiffusivity(PhaseGrid g) {
        return relativeDiffusivity(g, false);
    }

    static double relativeDiffusivity(PhaseGrid g, boolean periodic) {
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
                        int xm = x > 0 ? i - 1 : periodic && w > 1 ? i + w - 1 : -1;
                        int xp = x < w - 1 ? i + 1 : periodic && w > 1 ? i - w + 1 : -1;
                        int ym = y > 0 ? i - w : periodic && h > 1 ? i + (h - 1) * w : -1;
                        int yp = y < h - 1 ? i + w : periodic && h > 1 ? i - (h - 1) * w : -1;
                        for (int j : new int[] {xm, xp, ym, yp}) {
                            if (j >= 0 && in[j]) { s += u[j]; dg++; }
                        }
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
