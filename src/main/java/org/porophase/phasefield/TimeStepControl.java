package org.porophase.phasefield;

/**
 * The time step of each step of a run. A given {@code dt_s} is used for every step. The automatic step
 * ({@code dt_s = 0}, the default) follows the ξ scheme the steps run on:
 * <ul>
 * <li>{@link PhaseFieldParameters#autoTimeStepLinearized()} (≤ 2 s) while the linearized ξ step holds — it relaxes
 * capillarity at its physical rate, so its Δt is set by the measured Δt-convergence of the metrics;</li>
 * <li>{@link PhaseFieldParameters#stabilizedTimeStep()} (1 s) for a step the solver runs on the stabilized
 * scheme directly (its back-off, {@link AllenCahnStep}) and for the next {@value #HOLD} steps after any step that
 * fell back to it — the stabilized step slows capillarity by 1 + SΔt, so its steps stay as short as they were
 * before the automatic rule (the flat reference under stripping falls back on ~¾ of its steps: its contact area
 * moves 1.6 % between Δt = 0.5 and 1 s and 3 % more at 2 s on the stabilized scheme).</li>
 * </ul>
 * Only the linearized attempt that fails is taken at the longer step. Its state goes into checkpoints (with the
 * solver's back-off, {@link AllenCahnStep#schemeState()}), so a resumed run takes the same steps.
 */
final class TimeStepControl {
    /** Linearized steps that must hold, after a step on the stabilized scheme, before the longer step is used again. */
    static final int HOLD = 8;

    private final double dtLinearized;
    private final double dtStabilized;
    private int sinceStabilized = HOLD;

    TimeStepControl(PhaseFieldParameters p) {
        dtLinearized = p.linearizedTimeStep();
        dtStabilized = p.stabilizedTimeStep();
    }

    /** Key of {@link #sinceStabilized} among a checkpoint's run scalars. */
    static final String STATE_KEY = "dt_steps_since_stabilized";

    /** Adds this control's state to a checkpoint's run scalars. */
    void saveTo(java.util.Map<String, Double> runScalars) {
        runScalars.put(STATE_KEY, (double) sinceStabilized);
    }

    /** Restores the state {@link #saveTo} wrote (absent in an older checkpoint: the start state). */
    void restoreFrom(java.util.Map<String, Double> runScalars) {
        Double v = runScalars.get(STATE_KEY);
        if (v != null && v >= 0) {
            sinceStabilized = (int) Math.min(HOLD, Math.round(v));
        }
    }

    /** The nominal (longest) step. */
    double nominal() {
        return dtLinearized;
    }

    /** The step after a fallback to the stabilized scheme. */
    double stabilized() {
        return dtStabilized;
    }

    /** The step to take next with solver s. */
    double next(PhaseFieldSolver s) {
        return next(s.allenCahn.nextStepStabilized());
    }

    /** The step to take next when the solver will (true) or may (false) run it on the stabilized scheme directly. */
    double next(boolean runsStabilized) {
        if (dtLinearized == dtStabilized) {
            return dtLinearized;
        }
        return runsStabilized || sinceStabilized < HOLD ? dtStabilized : dtLinearized;
    }

    /** Records the step solver s has just committed. */
    void committed(PhaseFieldSolver s) {
        committed(s.allenCahn.lastStepStabilized());
    }

    /** Records a committed step that ran on the stabilized scheme (true) or on the linearized one. */
    void committed(boolean ranStabilized) {
        if (ranStabilized) {
            sinceStabilized = 0;
        } else if (sinceStabilized < HOLD) {
            sinceStabilized++;
        }
    }
}
