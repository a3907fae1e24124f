package org.porophase.phasefield;

/**
 * The preconditioned conjugate-gradient method (Saad, <i>Iterative Methods for Sparse Linear
 * Systems</i>, 2nd ed., Algorithm 9.1) for A x = b with A and M symmetric positive definite:
 * <pre>
 *   r = b − A x;  z = M⁻¹ r;  p = z
 *   repeat:  q = A p;  α = (r·z)/(p·q);  x += α p;  r −= α q        (stop when ‖r‖ ≤ target)
 *            z = M⁻¹ r;  β = (r·z)ₙₑ𝓌/(r·z);  p = z + β p
 * </pre>
 * stopping at ‖r‖₂ ≤ max(tol·‖b‖₂, absTol) or after maxIter iterations, or when p·q ≤ 0 (breakdown:
 * A or M not positive definite, or the residual at round-off).
 *
 * <p>Cost per iteration: one operator application, one preconditioner application, and three
 * fused vector passes — q = A p with p·q ({@link LinearOperator#applyDot}); x += αp, r −= αq with
 * r·r (and, for {@link JacobiPreconditioner}, z = r/d with r·z: no separate preconditioner pass);
 * p = z + βp ({@link FrontCoarseSpace}: Jacobi fused as above, Pᵀr summed in the x/r pass and the coarse
 * correction added in the p pass). Memory traffic per unknown and iteration, without operator and preconditioner: 9
 * doubles ({@link #VECTOR_DOUBLES_PER_ITERATION}; Jacobi: 11 with d, z). Work vectors are allocated once.
 *
 * <p>Threads: the positions are cut into fixed chunks ({@link SlabExecutor#partition}, at least
 * {@link #MIN_PER_CHUNK} positions per chunk so small systems run inline); every pass runs the
 * chunks on the {@link SlabExecutor} team and the reductions are added in chunk order, so a solve is
 * reproducible for a given thread count and agrees with another thread count to round-off.
 */
final class ConjugateGradient {
    /**
     * Fewest positions per chunk (≈ 20–40 µs of work per pass at 3–5 ns per cell, against a hand-off of
     * 1–5 µs to a spinning helper): a smaller loop is not split. System property
     * {@code porophase.solver.minChunk}.
     */
    static final int MIN_PER_CHUNK = Integer.getInteger("porophase.solver.minChunk", 8192);

    /** Doubles read or written per unknown and iteration by the vector passes (x, p, r, q; z, p). */
    static final int VECTOR_DOUBLES_PER_ITERATION = 9;

    private final SlabExecutor team;
    private final double[] r;
    private final double[] z;
    private final double[] p;
    private final double[] q;
    private int[] cells;
    private int positions = -1;
    private int align = -1;
    private int[] bounds;
    private double[] partA;
    private double[] partB;
    private double[] partC;
    /** Iterations of the last solve. */
    int lastIterations;
    /** ‖r‖/‖b‖ of the last solve (‖r‖ when b = 0). */
    double lastResidual;
    /** ‖r‖₂ of the last solve (the recursive residual at exit). */
    double lastResidualNorm;

    // the solve in progress, read by the chunk tasks
    private LinearOperator op;
    private double[] diag;
    /** The two-level preconditioner of the solve in progress (its coarse part fused into the passes), or null. */
    private FrontCoarseSpace coarse;
    private int[] coarseTile;
    private double[] coarseG;
    private double[] coarseY;
    /** Pᵀ r by chunk (summed in chunk order). */
    private double[][] coarsePart = new double[0][];
    private double[] rhs;
    private double[] sol;
    private double alpha;
    private double beta;
    private final SlabExecutor.Task initTask = this::initChunk;
    private final SlabExecutor.Task matvecTask = this::matvecChunk;
    private final SlabExecutor.Task updateTask = this::updateChunk;
    private final SlabExecutor.Task directionTask = this::directionChunk;

    /**
     * @param team the threads
     * @param length length of the vector arrays (the largest cell index + 1)
     */
    ConjugateGradient(SlabExecutor team, int length) {
        this.team = team;
        r = new double[length];
        z = new double[length];
        p = new double[length];
        q = new double[length];
    }

    /**
     * Solves A x = b; x holds the initial guess on entry and the solution on exit. Only the cells of
     * the positions are written (all of [0, length) when {@code cells == null}); the operator may read
     * x at other cells (fixed values: a Dirichlet boundary of the positions), where the search
     * direction is kept zero, so the positions may change from one solve to the next.
     *
     * @return the iterations used (also {@link #lastIterations})
     */
    int solve(LinearOperator a, Preconditioner m, int[] cells, double[] b, double[] x, double tol, double absTol, int maxIter) {
        layout(cells, a.alignment());
        final int n = positions;
        if (n == 0) {
            lastIterations = 0;
            lastResidual = 0;
            lastResidualNorm = 0;
            return 0;
        }
        op = a;
        rhs = b;
        sol = x;
        diag = m instanceof JacobiPreconditioner j ? j.diagonal() : null;
        coarse = m instanceof FrontCoarseSpace f ? f : null;
        if (coarse != null) {
            diag = coarse.diagonal();
            coarseTile = coarse.tileOfPosition();
            coarseG = coarse.weightOfPosition();
            coarseY = coarse.coarseY();
            int chunks = bounds.length - 1;
            int nc = coarse.size();
            if (coarsePart.length < chunks) {
                coarsePart = java.util.Arrays.copyOf(coarsePart, chunks);
            }
            for (int c = 0; c < chunks; c++) {
                if (coarsePart[c] == null || coarsePart[c].length < nc) {
                    coarsePart[c] = new double[nc];
                } else {
                    java.util.Arrays.fill(coarsePart[c], 0, nc, 0);
                }
            }
        }
        try {
            // r = b − A x, ‖b‖², ‖r‖² (Jacobi: z = p = r/d, r·z; two-level: also Pᵀr)
            team.run(bounds, initTask);
            double bb = sum(partA);
            double rr = sum(partB);
            double rz = diag != null ? sum(partC) : 0;
            if (coarse != null) {
                rz += coarseSolve();
                beta = 0;
                team.run(bounds, directionTask); // p = z + P C⁻¹ Pᵀ r
            }
            double bnorm = Math.sqrt(bb);
            double target = Math.max(tol * bnorm, absTol);
            int it = 0;
            if (Math.sqrt(rr) > target && maxIter > 0) {
                if (diag == null) {
                    rz = m.apply(r, z);
                    beta = 0;
                    team.run(bounds, directionTask); // p = z
                }
                while (it < maxIter) {
                    team.run(bounds, matvecTask); // q = A p, p·q
                    double pq = sum(partA);
                    if (!(pq > 0)) {
                        break;
                    }
                    alpha = rz / pq;
                    team.run(bounds, updateTask); // x += αp, r −= αq, r·r (Jacobi: z = r/d, r·z)
                    rr = sum(partA);
                    it++;
                    if (Math.sqrt(rr) <= target) {
                        break;
                    }
                    double rzNew = diag != null ? sum(partB) : m.apply(r, z);
                    if (coarse != null) {
                        rzNew += coarseSolve();
                    }
                    beta = rzNew / rz;
                    rz = rzNew;
                    team.run(bounds, directionTask); // p = z + βp
                }
            }
            lastIterations = it;
            lastResidual = bnorm > 0 ? Math.sqrt(rr) / bnorm : Math.sqrt(rr);
            lastResidualNorm = Math.sqrt(rr);
            return it;
        } finally {
            if (cells != null) {
                // p must be zero off the positions at the next solve: the operator reads p at the
                // neighbours of a position, which another solve's positions may not include
                final double[] pv = p;
                for (int i : cells) {
                    pv[i] = 0;
                }
            }
            op = null;
            rhs = null;
            sol = null;
            diag = null;
            coarse = null;
            coarseTile = null;
            coarseG = null;
            coarseY = null;
        }
    }

    /** Sums Pᵀr over the chunks (in order, zeroing the parts), y = C⁻¹ Pᵀr; returns (Pᵀr)·y. */
    private double coarseSolve() {
        final int nc = coarse.size();
        final double[] w = coarse.coarseW();
        final int chunks = bounds.length - 1;
        for (int t = 0; t < nc; t++) {
            double s = 0;
            for (int c = 0; c < chunks; c++) {
                s += coarsePart[c][t];
                coarsePart[c][t] = 0;
            }
            w[t] = s;
        }
        return coarse.solveCoarse(w, coarseY);
    }

    /** The chunk bounds of the current layout (for tests and benchmarks). */
    int[] chunks() {
        return bounds;
    }

    private void layout(int[] c, int alignment) {
        int n = c == null ? r.length : c.length;
        if (c != cells || n != positions || alignment != align) {
            cells = c;
            positions = n;
            align = alignment;
            bounds = SlabExecutor.partition(n, team.threads(), alignment, MIN_PER_CHUNK);
            int k = bounds.length - 1;
            partA = new double[k];
            partB = new double[k];
            partC = new double[k];
        }
    }

    private static double sum(double[] part) {
        double s = 0;
        for (double v : part) {
            s += v;
        }
        return s;
    }

    private void initChunk(int chunk, int lo, int hi) {
        final double[] b = rhs;
        final double[] d = diag;
        final int[] idx = cells;
        op.apply(sol, q, idx, lo, hi);
        double bb = 0;
        double rr = 0;
        double rz = 0;
        for (int k = lo; k < hi; k++) {
            int i = idx == null ? k : idx[k];
            double ri = b[i] - q[i];
            r[i] = ri;
            bb += b[i] * b[i];
            rr += ri * ri;
            if (d != null) {
                double zi = ri / d[i];
                z[i] = zi;
                p[i] = zi;
                rz += ri * zi;
            }
        }
        if (coarse != null) {
            accumulateCoarse(chunk, lo, hi);
        }
        partA[chunk] = bb;
        partB[chunk] = rr;
        partC[chunk] = rz;
    }

    private void matvecChunk(int chunk, int lo, int hi) {
        partA[chunk] = op.applyDot(p, q, cells, lo, hi);
    }

    private void updateChunk(int chunk, int lo, int hi) {
        final double al = alpha;
        final double[] x = sol;
        final double[] d = diag;
        final int[] idx = cells;
        double rr = 0;
        double rz = 0;
        if (coarse != null && idx != null) {
            // Jacobi part and Pᵀr in the same pass
            final double[] w = coarsePart[chunk];
            final int[] tp = coarseTile;
            final double[] g = coarseG;
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                x[i] += al * p[i];
                double ri = r[i] - al * q[i];
                r[i] = ri;
                double zi = ri / d[i];
                z[i] = zi;
                rr += ri * ri;
                rz += ri * zi;
                w[tp[k]] += g[k] * ri;
            }
            partA[chunk] = rr;
            partB[chunk] = rz;
            return;
        }
        if (idx == null) {
            if (d == null) {
                for (int i = lo; i < hi; i++) {
                    x[i] += al * p[i];
                    double ri = r[i] - al * q[i];
                    r[i] = ri;
                    rr += ri * ri;
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    x[i] += al * p[i];
                    double ri = r[i] - al * q[i];
                    r[i] = ri;
                    double zi = ri / d[i];
                    z[i] = zi;
                    rr += ri * ri;
                    rz += ri * zi;
                }
            }
        } else {
            if (d == null) {
                for (int k = lo; k < hi; k++) {
                    int i = idx[k];
                    x[i] += al * p[i];
                    double ri = r[i] - al * q[i];
                    r[i] = ri;
                    rr += ri * ri;
                }
            } else {
                for (int k = lo; k < hi; k++) {
                    int i = idx[k];
                    x[i] += al * p[i];
                    double ri = r[i] - al * q[i];
                    r[i] = ri;
                    double zi = ri / d[i];
                    z[i] = zi;
                    rr += ri * ri;
                    rz += ri * zi;
                }
            }
        }
        if (coarse != null) {
            accumulateCoarse(chunk, lo, hi);
        }
        partA[chunk] = rr;
        partB[chunk] = rz;
    }

    /** Pᵀr of the positions [lo, hi) into this chunk's part (the two-level preconditioner). */
    private void accumulateCoarse(int chunk, int lo, int hi) {
        final double[] w = coarsePart[chunk];
        final int[] tp = coarseTile;
        final double[] g = coarseG;
        final int[] idx = cells;
        for (int k = lo; k < hi; k++) {
            double gk = g[k];
            if (gk != 0) {
                w[tp[k]] += gk * r[idx == null ? k : idx[k]];
            }
        }
    }

    private void directionChunk(int chunk, int lo, int hi) {
        final double be = beta;
        final int[] idx = cells;
        if (coarse != null) {
            // p = z + P C⁻¹ Pᵀ r + βp
            final int[] tp = coarseTile;
            final double[] g = coarseG;
            final double[] y = coarseY;
            for (int k = lo; k < hi; k++) {
                int i = idx == null ? k : idx[k];
                p[i] = z[i] + g[k] * y[tp[k]] + be * p[i];
            }
            return;
        }
        if (be == 0) {
            if (idx == null) {
                System.arraycopy(z, lo, p, lo, hi - lo);
            } else {
                for (int k = lo; k < hi; k++) {
                    int i = idx[k];
                    p[i] = z[i];
                }
            }
        } else if (idx == null) {
            for (int i = lo; i < hi; i++) {
                p[i] = z[i] + be * p[i];
            }
        } else {
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                p[i] = z[i] + be * p[i];
            }
        }
    }
}
