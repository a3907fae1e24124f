package org.porophase.phasefield;

import org.porophase.core.Parallel;

/**
 * Solver for the variable-coefficient elliptic problems of the ion conductor:
 * (A + diag(s)) x = b, A = −∇·(h∇·) with conservative face coefficients (harmonic means) on a
 * compact list of cells, Dirichlet terms on the counter-electrode face, s ≥ 0 a per-cell shift.
 *
 * <p>A facade over the solver infrastructure: {@link ConjugateGradient} preconditioned by one
 * {@link AggregationMultigrid} V-cycle (2×2(×2) aggregates, Galerkin coarse operators, red–black
 * Gauss–Seidel, coarse correction ×1.8). After {@link #enableStructured} the finest level and the CG
 * vectors live on the full grid and A is applied matrix-free ({@link FaceStencil}, double), the
 * preconditioner's finest level in single precision ({@link StencilSmoother}); otherwise
 * (tiny systems) everything is compact CSR ({@link CsrMatrix}). Threads: the CG passes and the
 * multigrid levels with at least 2 × {@link ConjugateGradient#MIN_PER_CHUNK} unknowns are split
 * into slabs ({@link SlabExecutor}, the thread count of the {@link Parallel} given); results agree
 * between thread counts to round-off.
 */
final class IonicSolver {
    private final Parallel par;
    private final SlabExecutor team;
    private final AggregationMultigrid mg;
    private final CsrMatrix a0;
    private ConjugateGradient cg;
    int lastIterations;
    double lastResidual;
    /** ‖b − (A + S)x‖₂ at the end of the last {@link #solve} (the CG's recursive residual). */
    double lastResidualNorm;
    // structured (full-grid) finest level
    private FaceStencil stencil;
    private int[] c2f;
    private double[] fb;
    private double[] fx;

    /**
     * @param rowPtr0 CSR of the level-0 operator without shift (diagonal included)
     * @param cx cell coordinates of the compact unknowns
     */
    IonicSolver(Parallel par, int[] rowPtr0, int[] col0, double[] val0, int[] cx, int[] cy, int[] cz) {
        this.par = par;
        this.team = SlabExecutor.of(par.threads());
        mg = new AggregationMultigrid(team, rowPtr0, col0, val0, cx, cy, cz);
        a0 = mg.matrix(0);
    }

    int size() {
        return a0.rows;
    }

    int levels() {
        return mg.levels();
    }

    /** The preconditioner (for tests and benchmarks). */
    AggregationMultigrid multigrid() {
        return mg;
    }

    /**
     * Modelled memory traffic of one CG iteration (bytes): operator with dot, the vector passes and
     * one V-cycle (see {@link AggregationMultigrid#modelledBytes}); vectors are full-grid when structured.
     */
    double modelledBytesPerIteration() {
        if (stencil != null) {
            int dims = (stencil.nx > 1 ? 1 : 0) + (stencil.ny > 1 ? 1 : 0) + (stencil.nz > 1 ? 1 : 0);
            return 8.0 * stencil.size() * (3 + dims + ConjugateGradient.VECTOR_DOUBLES_PER_ITERATION) + mg.modelledBytes();
        }
        return 28.0 * a0.rows + 12.0 * a0.offCol.length + 8.0 * a0.rows * ConjugateGradient.VECTOR_DOUBLES_PER_ITERATION + mg.modelledBytes();
    }

    /** Unknowns the CG iterates over (the full grid when structured, else the compact cells). */
    int vectorLength() {
        return stencil != null ? stencil.size() : a0.rows;
    }

    /**
     * Sets the shift s (level-0 compact indexing), zero off {@code rows[0..count)}; the previous shift
     * must have been set by this method or be zero off its rows ({@link AggregationMultigrid#setShiftSparse}).
     */
    void setShiftSparse(double[] s, int[] rows, int count) {
        mg.setShiftSparse(s, rows, count);
    }

    /** ‖b − (A + S)x‖₂ on level 0 (compact vectors), chunked like {@link #applyBase}. */
    double residualNorm(double[] b, double[] x) {
        int m = a0.rows;
        double rr = par.sum(m, m, (lo, hi) -> {
            double acc = 0;
            for (int q = lo; q < hi; q++) {
                double r = a0.row(x, b, q) - a0.diag[q] * x[q];
                acc += r * r;
            }
            return acc;
        });
        return Math.sqrt(rr);
    }

    /** Sets the diagonal shift s (level-0 compact indexing; null = none). */
    void setShift(double[] s) {
        mg.setShift(s);
    }

    /**
     * Switches level 0 to a matrix-free structured stencil on the full grid (forward face coefficients
     * to x+1, y+1, z+1; cells outside the domain are inactive): no column indices to read, ~2× less
     * memory traffic than CSR for the smoother and the matvec. The Dirichlet term {@code cb} is already
     * part of the CSR diagonal (it is only checked for presence). No effect on a one-level hierarchy.
     */
    void enableStructured(int nx, int ny, int nz, double[] cx, double[] cy, double[] cz, double[] cb, int[] compactToFull) {
        enableStructured(nx, ny, nz, cx, cy, cz, cb, compactToFull, AggregationMultigrid.SINGLE_PRECISION);
    }

    /** {@link #enableStructured} with the precision of the preconditioner's finest level chosen (see {@link AggregationMultigrid#SINGLE_PRECISION}). */
    void enableStructured(int nx, int ny, int nz, double[] cx, double[] cy, double[] cz, double[] cb, int[] compactToFull, boolean singlePrecision) {
        if (mg.levels() < 2) {
            return;
        }
        if (cb == null) {
            throw new IllegalArgumentException();
        }
        int gn = nx * ny * nz;
        stencil = new FaceStencil(nx, ny, nz, cx, cy, cz, new double[gn]);
        mg.useStructuredFinest(stencil, compactToFull, singlePrecision);
        c2f = compactToFull;
        fb = new double[gn];
        fx = new double[gn];
        cg = new ConjugateGradient(team, gn);
    }

    /** Solves (A + S) x = b (compact vectors, x = initial guess) to ‖r‖ ≤ max(tol‖b‖, absTol). */
    int solve(double[] b, double[] x, double tol, double absTol, int maxIter) {
        int it;
        if (stencil != null) {
            // full-grid vectors: zero outside the domain (A is the identity there, b = 0, and the V-cycle
            // leaves z = 0 where r = 0: the CG never writes a non-zero there, so only the domain is copied)
            for (int q = 0; q < c2f.length; q++) {
                fb[c2f[q]] = b[q];
                fx[c2f[q]] = x[q];
            }
            it = cg.solve(stencil, mg, null, fb, fx, tol, absTol, maxIter);
            if (it > 0) { // no iteration leaves the guess as it is (about half the potential solves of a 2D run)
                for (int q = 0; q < c2f.length; q++) {
                    x[q] = fx[c2f[q]];
                }
            }
        } else {
            if (cg == null) {
                cg = new ConjugateGradient(team, a0.rows);
            }
            it = cg.solve(a0, mg, null, b, x, tol, absTol, maxIter);
        }
        lastIterations = it;
        lastResidual = cg.lastResidual;
        lastResidualNorm = cg.lastResidualNorm;
        return it;
    }

    /** y = A x on level 0 (compact), without the shift. */
    void applyBase(double[] x, double[] y) {
        int m = a0.rows;
        par.forRange(m, m, (lo, hi) -> a0.applyBase(x, y, lo, hi));
    }

    /** y = (A + S) x on level 0 (compact). */
    void apply(double[] x, double[] y) {
        int m = a0.rows;
        par.forRange(m, m, (lo, hi) -> a0.apply(x, y, null, lo, hi));
    }
}
