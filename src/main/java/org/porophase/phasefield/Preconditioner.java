package org.porophase.phasefield;

/**
 * A symmetric positive-definite approximation M ≈ A for {@link ConjugateGradient}: z = M⁻¹ r on all
 * positions of the solver's vectors (same layout as the {@link LinearOperator}).
 * Implementations: {@link JacobiPreconditioner} (M = diag A), {@link FrontCoarseSpace} (Jacobi plus a
 * Galerkin coarse correction, the linearized ξ step) and {@link AggregationMultigrid} (one symmetric V-cycle).
 */
interface Preconditioner {
    /**
     * z = M⁻¹ r. Returns r·z, which the CG needs next; implementations fuse it into their last pass
     * where they can. The sum is formed chunk by chunk in a fixed order (reproducible for a given
     * thread count).
     */
    double apply(double[] r, double[] z);
}
