package org.porophase.transport;

/**
 * The flux-based convergence figures of a transport solve, from the fluxes through the n_z + 1 cross-sections
 * of the box (inlet face, the n_z − 1 internal planes, outlet face) — one definition for the one-phase
 * ({@link TortuositySolver}) and the two-phase ({@link TwoPhaseConduction}) solve. In a converged steady state
 * every cross-section carries the same flux.
 */
final class PlaneFluxes {
    private PlaneFluxes() {
    }

    /** Mean flux over the cross-sections. */
    static double mean(double[] flux) {
        double s = 0;
        for (double v : flux) {
            s += v;
        }
        return s / flux.length;
    }

    /** Relative spread (max − min) / mean of the cross-section fluxes. */
    static double spread(double[] flux) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : flux) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return (hi - lo) / mean(flux);
    }

    /** Relative disagreement |I_in − I_out| / ((I_in + I_out)/2) of the inlet and outlet face fluxes. */
    static double inOut(double[] flux) {
        int n = flux.length - 1;
        return Math.abs(flux[0] - flux[n]) / (0.5 * (flux[0] + flux[n]));
    }
}
