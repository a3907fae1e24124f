package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.Parallel;

/** ConjugateGradient, its preconditioners and their thread decomposition. */
class LinearSolversTest {
    /** SPD tridiagonal A (d_i = 2 + i/n, off −1) applied on contiguous positions. */
    private static LinearOperator tridiagonal(int n) {
        return (x, y, cells, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double s = (2 + (double) i / n) * x[i];
                if (i > 0) s -= x[i - 1];
                if (i < n - 1) s -= x[i + 1];
                y[i] = s;
            }
        };
    }

    @Test
    void conjugateGradientSolvesSmallSpdSystem() {
        int n = 50;
        LinearOperator a = tridiagonal(n);
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            exact[i] = Math.sin(0.3 * i) + 0.01 * i;
        }
        double[] b = new double[n];
        a.apply(exact, b, null, 0, n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 2 + (double) i / n;
        }
        for (Preconditioner m : new Preconditioner[] {new JacobiPreconditioner(d, null), (r, z) -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                z[i] = r[i];
                s += r[i] * r[i];
            }
            return s;
        }}) {
            ConjugateGradient cg = new ConjugateGradient(SlabExecutor.of(1), n);
            double[] x = new double[n];
            int it = cg.solve(a, m, null, b, x, 1e-14, 0, 200);
            assertTrue(it > 0 && it <= n, "iterations " + it);
            for (int i = 0; i < n; i++) {
                assertEquals(exact[i], x[i], 1e-10, "x[" + i + "]");
            }
            assertTrue(cg.lastResidual <= 1e-14);
        }
    }

    @Test
    void conjugateGradientOnAnIndexList() {
        // unknowns are the even cells of a larger array; the odd cells must stay untouched
        int n = 40;
        int[] cells = new int[n];
        for (int k = 0; k < n; k++) {
            cells[k] = 2 * k;
        }
        LinearOperator a = (x, y, idx, lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                double s = 3 * x[i];
                if (k > 0) s -= x[i - 2];
                if (k < n - 1) s -= x[i + 2];
                y[i] = s;
            }
        };
        double[] exact = new double[2 * n];
        double[] b = new double[2 * n];
        double[] x = new double[2 * n];
        double[] d = new double[2 * n];
        for (int k = 0; k < n; k++) {
            exact[2 * k] = Math.cos(k);
            d[2 * k] = 3;
            x[2 * k + 1] = 7; // not an unknown
        }
        a.apply(exact, b, cells, 0, n);
        Pcg pcg = new Pcg(Parallel.of(1), 2 * n);
        pcg.solve(a::apply, d, cells, b, x, 1e-14, 0, 100);
        for (int k = 0; k < n; k++) {
            assertEquals(exact[2 * k], x[2 * k], 1e-10);
            assertEquals(7, x[2 * k + 1]);
        }
    }

    /** 2D Poisson −∇·(h∇u) = f on 96 × 96 with a 10³ conductivity contrast (blocks) and a few holes. */
    private static IonicProblems.Problem contrastProblem(int nx, int nz) {
        double[] h = new double[nx * nz];
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                boolean hi = ((x / 12) + (z / 12)) % 2 == 0;
                boolean hole = (x % 24 == 17 && z % 24 > 4 && z % 24 < 20);
                h[x + nx * z] = hole ? 0 : hi ? 1 : 1e-3;
            }
        }
        return IonicProblems.assemble(nx, 1, nz, 0.25, h);
    }

    @Test
    void multigridNeedsFewerIterationsThanJacobi() {
        IonicProblems.Problem pr = contrastProblem(96, 96);
        int m = pr.size();
        double[] b = new double[m];
        for (int q = 0; q < m; q++) {
            b[q] = pr.cz[q] < 8 ? 1 : 0;
        }
        IonicSolver s = pr.solver(Parallel.of(1));
        assertTrue(s.levels() >= 4, "levels " + s.levels());
        double[] xm = new double[m];
        int itMg = s.solve(b, xm, 1e-10, 0, 1000);
        // Jacobi-PCG on the same (compact CSR) operator
        CsrMatrix a = s.multigrid().matrix(0);
        ConjugateGradient cg = new ConjugateGradient(SlabExecutor.of(1), m);
        double[] xj = new double[m];
        int itJ = cg.solve(a, new JacobiPreconditioner(a.diag, null), null, b, xj, 1e-10, 0, 20000);
        assertTrue(itMg * 10 < itJ, "MG-PCG " + itMg + " vs Jacobi-PCG " + itJ + " iterations");
        assertTrue(itMg <= 150, "MG-PCG iterations " + itMg); // 104–110 (checkerboard of 12-cell blocks, 10³ contrast)
        double max = 0;
        for (double v : xj) {
            max = Math.max(max, Math.abs(v));
        }
        for (int q = 0; q < m; q++) {
            assertEquals(xj[q], xm[q], 1e-6 * max);
        }
    }

    @Test
    void oneAndTwoThreadsAgreeToRoundOff() {
        // 256 × 192 = 49152 cells: the CG vectors and the finest level are split into two slabs
        IonicProblems.Problem pr = contrastProblem(256, 192);
        assertTrue(SlabExecutor.partition(256 * 192, 2, 2 * 256, ConjugateGradient.MIN_PER_CHUNK).length >= 3);
        int m = pr.size();
        double[][] bs = IonicProblems.frontSource(pr, 10, 50);
        double[][] x = new double[2][m];
        int[] it = new int[2];
        for (int t = 0; t < 2; t++) {
            IonicSolver s = pr.solver(Parallel.of(t + 1));
            s.setShift(bs[1]);
            it[t] = s.solve(bs[0], x[t], 1e-10, 0, 1000);
            // a second solve from the first one's answer (warm start, the engine's usage) must converge at once
            double[] again = x[t].clone();
            assertTrue(s.solve(bs[0], again, 1e-10, 0, 1000) <= 1);
        }
        assertEquals(it[0], it[1], 1, "iterations 1 vs 2 threads");
        double max = 0;
        for (double v : x[0]) {
            max = Math.max(max, Math.abs(v));
        }
        for (int q = 0; q < m; q++) {
            assertEquals(x[0][q], x[1][q], 1e-9 * max, "cell " + q);
        }
        // Jacobi CG on an index list, split over two threads: same answer as one thread
        int n = 100_000;
        int[] cells = new int[n];
        double[] d = new double[2 * n];
        double[] b = new double[2 * n];
        for (int k = 0; k < n; k++) {
            cells[k] = 2 * k + 1;
            d[2 * k + 1] = 2.5;
            b[2 * k + 1] = Math.sin(k);
        }
        LinearOperator a = (u, y, idx, lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                double s = 2.5 * u[i];
                if (k > 0) s -= u[i - 2];
                if (k < n - 1) s -= u[i + 2];
                y[i] = s;
            }
        };
        double[][] xs = new double[2][2 * n];
        for (int t = 0; t < 2; t++) {
            new Pcg(Parallel.of(t + 1), 2 * n).solve(a::apply, d, cells, b, xs[t], 1e-12, 0, 1000);
        }
        for (int k = 0; k < n; k++) {
            assertEquals(xs[0][2 * k + 1], xs[1][2 * k + 1], 1e-10);
        }
    }

    /** A 3D variant of {@link #contrastProblem}: 10³ contrast in 6-cell blocks, a hole column per 12 cells. */
    private static IonicProblems.Problem contrastProblem3d(int n, int nz) {
        double[] h = new double[n * n * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean hi = ((x / 6) + (y / 6) + (z / 6)) % 2 == 0;
                    boolean hole = x % 12 == 7 && y % 12 == 3 && z % 12 > 2;
                    h[x + n * (y + n * z)] = hole ? 0 : hi ? 1 : 1e-3;
                }
            }
        }
        return IonicProblems.assemble(n, n, nz, 0.25, h);
    }

    /**
     * The single-precision finest level ({@link StencilSmoother}: float faces and 1/d, two fused passes over
     * the domain runs) against the double four-pass reference on 10³-contrast problems in 2D and 3D, split
     * into several chunks (the chunk-edge planes are finished after all chunks): one application agrees to
     * the float rounding (≤ 10⁻⁶ relative, measured ~8·10⁻⁸), the cycle is symmetric to double round-off
     * (u·M⁻¹v = v·M⁻¹u to 10⁻¹⁰), and a solve to 10⁻⁶ takes the same iterations (±1) and the same solution
     * (max |x_f − x_d| ≤ 10⁻⁶ max |x|).
     */
    @Test
    void singlePrecisionPreconditionerMatchesDouble() {
        IonicProblems.Problem[] problems = {contrastProblem(256, 192), contrastProblem3d(24, 48)};
        for (IonicProblems.Problem pr : problems) {
            int n = pr.nx * pr.ny * pr.nz;
            assertTrue(SlabExecutor.partition(n, 2, 2 * pr.nx * pr.ny, ConjugateGradient.MIN_PER_CHUNK).length >= 4, "chunks");
            int m = pr.size();
            double[][] bs = IonicProblems.frontSource(pr, 10, 50);
            for (int threads = 1; threads <= 2; threads++) {
                IonicSolver[] s = {pr.solver(Parallel.of(threads), false), pr.solver(Parallel.of(threads), true)};
                assertTrue(!s[0].multigrid().singlePrecisionFinest() && s[1].multigrid().singlePrecisionFinest());
                double[] u = new double[n];
                double[] v = new double[n];
                for (int q = 0; q < m; q++) {
                    u[pr.cells[q]] = Math.sin(0.11 * q) + 0.3;
                    v[pr.cells[q]] = Math.cos(0.07 * q);
                }
                double[][] mu = new double[2][n];
                double[][] mv = new double[2][n];
                for (int k = 0; k < 2; k++) {
                    s[k].setShift(bs[1]);
                    AggregationMultigrid mg = s[k].multigrid();
                    double uMu = mg.apply(u, mu[k]);
                    mg.apply(v, mv[k]);
                    assertTrue(uMu > 0, "u·M⁻¹u " + uMu);
                    double uMv = 0;
                    double vMu = 0;
                    double nu = 0;
                    double nmv = 0;
                    for (int i = 0; i < n; i++) {
                        uMv += u[i] * mv[k][i];
                        vMu += v[i] * mu[k][i];
                        nu += u[i] * u[i];
                        nmv += mv[k][i] * mv[k][i];
                    }
                    assertEquals(uMv, vMu, 1e-10 * Math.sqrt(nu * nmv), "symmetry, single=" + (k == 1));
                }
                double max = 0;
                double diff = 0;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, Math.abs(mu[0][i]));
                    diff = Math.max(diff, Math.abs(mu[1][i] - mu[0][i]));
                }
                assertTrue(diff <= 1e-6 * max, "one application: " + diff / max);
                assertTrue(diff > 0, "the two precisions are different code paths");
                double[][] x = new double[2][m];
                int[] it = new int[2];
                for (int k = 0; k < 2; k++) {
                    it[k] = s[k].solve(bs[0], x[k], 1e-6, 0, 1000);
                }
                assertEquals(it[0], it[1], 1, "iterations double vs single, " + threads + " thread(s)");
                max = 0;
                diff = 0;
                for (int q = 0; q < m; q++) {
                    max = Math.max(max, Math.abs(x[0][q]));
                    diff = Math.max(diff, Math.abs(x[1][q] - x[0][q]));
                }
                assertTrue(diff <= 1e-6 * max, "solution: " + diff / max + " (" + it[0] + " iterations)");
            }
        }
    }
}
