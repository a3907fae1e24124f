package org.porophase.phasefield;

import org.porophase.core.Parallel;

/**
 * Jacobi-preconditioned conjugate gradients on a subset of grid cells (an index list), for the
 * symmetric positive-definite operators of the solver. Vectors are full-grid arrays; only the listed
 * cells are touched.
 *
 * <p>A thin adapter kept for the engine's existing calls: the solve is
 * {@link ConjugateGradient#solve} with a {@link JacobiPreconditioner} (whose z = r/d and r·z the CG
 * fuses into its update pass), threads from the {@link Parallel} given. New code should use
 * {@link ConjugateGradient} directly.
 */
final class Pcg {
    /** y_i = (A x)_i for i in idx[lo, hi): a {@link LinearOperator} on an index list. */
    @FunctionalInterface
    interface Op extends LinearOperator {
    }

    private final ConjugateGradient cg;
    private final JacobiPreconditioner jacobi = new JacobiPreconditioner(null, null);
    /** Iterations of the last solve. */
    int lastIterations;
    /** Relative residual of the last solve. */
    double lastResidual;

    Pcg(Parallel par, int n) {
        cg = new ConjugateGradient(SlabExecutor.of(par.threads()), n);
    }

    /**
     * Solves A x = b on the cells {@code idx} (x holds the initial guess), to ‖r‖ ≤ tol·‖b‖ (or ≤ absTol).
     *
     * @return iterations used
     */
    int solve(Op op, double[] diag, int[] idx, double[] b, double[] x, double tol, double absTol, int maxIter) {
        jacobi.set(diag, idx);
        int it = cg.solve(op, jacobi, idx, b, x, tol, absTol, maxIter);
        lastIterations = it;
        lastResidual = cg.lastResidual;
        return it;
    }
}
