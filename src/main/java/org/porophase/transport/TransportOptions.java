package org.porophase.transport;

/**
 * Settings of a transport solve (defaults in plugin.yml, section {@code transport}).
 *
 * @param fluxTolerance convergence: the fluxes through every cross-section perpendicular to the axis
 *        (inlet face, every interior plane of faces, outlet face) agree to this relative spread
 *        (max − min)/mean (e.g. 1e-4)
 * @param residualTolerance and the CG residual ‖b − Au‖₂ ≤ this × ‖b‖₂ (a guard against a lucky flux balance)
 * @param maxIterations CG iterations at most; a solve that stops there is reported as not converged
 * @param threads worker threads (≤ 0: all processors)
 * @param sides the side-face condition ({@link SideBoundary#NO_FLUX} = mirror, or {@link SideBoundary#PERIODIC})
 */
public record TransportOptions(double fluxTolerance, double residualTolerance, int maxIterations, int threads, SideBoundary sides) {
    /** No-flux (= mirror) sides. */
    public TransportOptions(double fluxTolerance, double residualTolerance, int maxIterations, int threads) {
        this(fluxTolerance, residualTolerance, maxIterations, threads, SideBoundary.NO_FLUX);
    }

    public TransportOptions {
        if (sides == null) {
            throw new IllegalArgumentException("side boundary must be given");
        }
        if (!(fluxTolerance > 0 && fluxTolerance < 1)) {
            throw new IllegalArgumentException("flux tolerance must be in (0, 1), got " + fluxTolerance);
        }
        if (!(residualTolerance > 0 && residualTolerance < 1)) {
            throw new IllegalArgumentException("residual tolerance must be in (0, 1), got " + residualTolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be ≥ 1, got " + maxIterations);
        }
    }

    /** 1e-4 flux spread, 1e-5 residual, 1000 iterations, all processors, no-flux sides. */
    public static TransportOptions defaults() {
        return new TransportOptions(1e-4, 1e-5, 1000, 0);
    }

    public TransportOptions withThreads(int t) {
        return new TransportOptions(fluxTolerance, residualTolerance, maxIterations, t, sides);
    }

    public TransportOptions withSides(SideBoundary s) {
        return new TransportOptions(fluxTolerance, residualTolerance, maxIterations, threads, s);
    }
}
