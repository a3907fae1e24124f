package org.porophase.phasefield;

import org.porophase.core.Parallel;

/**
 * Ionic test and benchmark problems assembled the way the engine assembles them: conductivity h on an
 * nx × ny × nz grid (h = 0: not conducting), the domain = conducting cells face-connected to the
 * counter-electrode face z = nz − 1, harmonic-mean face coefficients h/dx², a Dirichlet term 2h/dx² on
 * that face, compact CSR plus the full-grid face arrays for the matrix-free finest level.
 */
final class IonicProblems {
    private IonicProblems() {
    }

    /** An assembled problem. */
    static final class Problem {
        final int nx;
        final int ny;
        final int nz;
        /** Compact index → grid cell. */
        final int[] cells;
        final int[] rowPtr;
        final int[] col;
        final double[] val;
        final int[] cx;
        final int[] cy;
        final int[] cz;
        final double[] fx;
        final double[] fy;
        final double[] fz;
        final double[] fb;

        Problem(int nx, int ny, int nz, int[] cells, int[] rowPtr, int[] col, double[] val, int[] cx, int[] cy, int[] cz,
                double[] fx, double[] fy, double[] fz, double[] fb) {
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            this.cells = cells;
            this.rowPtr = rowPtr;
            this.col = col;
            this.val = val;
            this.cx = cx;
            this.cy = cy;
            this.cz = cz;
            this.fx = fx;
            this.fy = fy;
            this.fz = fz;
            this.fb = fb;
        }

        int size() {
            return cells.length;
        }

        /** A solver as the engine builds it (structured finest level when it has ≥ 2 levels). */
        IonicSolver solver(Parallel par) {
            return solver(par, AggregationMultigrid.SINGLE_PRECISION);
        }

        /** The same with the precision of the multigrid's finest level chosen (true: single, the default). */
        IonicSolver solver(Parallel par, boolean singlePrecision) {
            IonicSolver s = new IonicSolver(par, rowPtr, col, val, cx, cy, cz);
            s.enableStructured(nx, ny, nz, fx, fy, fz, fb, cells, singlePrecision);
            return s;
        }
    }

    /** Assembles the problem for conductivity h (grid order x fastest) and spacing dx. */
    static Problem assemble(int nx, int ny, int nz, double dx, double[] h) {
        int plane = nx * ny;
        int n = plane * nz;
        boolean[] conn = new boolean[n];
        int[] queue = new int[n];
        int qh = 0;
        int qt = 0;
        for (int xy = 0; xy < plane; xy++) {
            int i = xy + plane * (nz - 1);
            if (h[i] > 0) {
                conn[i] = true;
                queue[qt++] = i;
            }
        }
        while (qh < qt) {
            int i = queue[qh++];
            int z = i / plane;
            int y = (i - z * plane) / nx;
            int x = i - z * plane - y * nx;
            int[] nb = {x > 0 ? i - 1 : -1, x < nx - 1 ? i + 1 : -1, y > 0 ? i - nx : -1, y < ny - 1 ? i + nx : -1,
                z > 0 ? i - plane : -1, z < nz - 1 ? i + plane : -1};
            for (int j : nb) {
                if (j >= 0 && !conn[j] && h[j] > 0) {
                    conn[j] = true;
                    queue[qt++] = j;
                }
            }
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (conn[i]) {
                m++;
            }
        }
        int[] cells = new int[m];
        int[] cidx = new int[n];
        java.util.Arrays.fill(cidx, -1);
        m = 0;
        for (int i = 0; i < n; i++) {
            if (conn[i]) {
                cidx[i] = m;
                cells[m++] = i;
            }
        }
        double idx2 = 1 / (dx * dx);
        double[] fx = new double[n];
        double[] fy = new double[n];
        double[] fz = new double[n];
        double[] fb = new double[n];
        for (int i : cells) {
            int z = i / plane;
            int y = (i - z * plane) / nx;
            int x = i - z * plane - y * nx;
            if (x < nx - 1 && conn[i + 1]) fx[i] = harm(h[i], h[i + 1]) * idx2;
            if (y < ny - 1 && conn[i + nx]) fy[i] = harm(h[i], h[i + nx]) * idx2;
            if (z < nz - 1 && conn[i + plane]) fz[i] = harm(h[i], h[i + plane]) * idx2;
            if (z == nz - 1) fb[i] = 2 * h[i] * idx2;
        }
        FaceStencil.Csr a = FaceStencil.csr(nx, ny, cells, cidx, fx, fy, fz, fb);
        return new Problem(nx, ny, nz, cells, a.rowPtr(), a.col(), a.val(), a.cx(), a.cy(), a.cz(), fx, fy, fz, fb);
    }

    /** h(ϕ) of the engine: ϕ³(6ϕ² − 15ϕ + 10), 0 below the ionic threshold. */
    static double[] conductivity(Geometry g, double threshold) {
        double[] h = new double[g.size()];
        for (int i = 0; i < h.length; i++) {
            double x = g.phi[i];
            double v = x * x * x * (x * (6 * x - 15) + 10);
            h[i] = v > threshold ? v : 0;
        }
        return h;
    }

    /**
     * A right-hand side and shift like the engine's potential step: a linearised reaction conductance
     * (shift) and source on the domain cells next to the lowest conducting layer… here simply on the
     * cells of the domain whose z is below {@code zFront} (the Li side), deterministic.
     */
    static double[][] frontSource(Problem pr, int zFront, double shiftValue) {
        int m = pr.size();
        double[] b = new double[m];
        double[] s = new double[m];
        for (int q = 0; q < m; q++) {
            if (pr.cz[q] < zFront) {
                s[q] = shiftValue;
                b[q] = shiftValue * (1 + 0.1 * Math.sin(0.37 * q));
            }
        }
        return new double[][] {b, s};
    }

    private static double harm(double a, double b) {
        return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0;
    }
}
