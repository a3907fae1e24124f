package org.porophase.phasefield;

/**
 * What a checkpoint holds of the solver, beyond the parameters and the geometry: the fields ξ, c̃ = c/c₀
 * and ψ = Fφ/RT per cell, the metal potential V (ψ units), the model time (s) and the step count, and
 * the operating point a run driver may change between steps (the signed applied current density,
 * mA cm⁻², and whether the reaction is on). A solver built from it continues the run
 * ({@link PhaseFieldSolver#PhaseFieldSolver(Geometry, PhaseFieldParameters, org.porophase.core.Parallel, SolverState)}).
 */
final class SolverState {
    final double[] xi;
    final double[] c;
    final double[] psi;
    final double v;
    final double time;
    final long steps;
    final double currentDensityMaCm2;
    final boolean reactionEnabled;

    SolverState(double[] xi, double[] c, double[] psi, double v, double time, long steps, double currentDensityMaCm2,
            boolean reactionEnabled) {
        this.xi = xi;
        this.c = c;
        this.psi = psi;
        this.v = v;
        this.time = time;
        this.steps = steps;
        this.currentDensityMaCm2 = currentDensityMaCm2;
        this.reactionEnabled = reactionEnabled;
    }
}
