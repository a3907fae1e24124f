package org.porophase.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/** The two-phase conduction solve against the Wiener bounds, the one-phase limit and Maxwell's dilute sphere. */
class TwoPhaseConductionTest {
    private static final TransportOptions OPT = new TransportOptions(1e-5, 1e-6, 5000, 2);

    /** Layers normal to x, 3 of every 5 voxels the phase (ε = 0.6). */
    private static PhaseGrid laminate(VoxelSize vs) {
        return TransportShapes.grid(25, 12, 16, vs, (x, y, z) -> x % 5 < 3);
    }

    @Test
    void laminateIsTheParallelBoundAlongAndTheSeriesBoundAcross() {
        for (double rr : new double[] {0.1, 4.0}) {
            for (VoxelSize vs : new VoxelSize[] {VoxelSize.iso(0.5), new VoxelSize(0.3, 0.5, 1.1)}) {
                PhaseGrid g = laminate(vs);
                double par = 0.6 + 0.4 * rr;
                double ser = 1 / (0.6 + 0.4 / rr);
                for (Axis a : new Axis[] {Axis.Y, Axis.Z}) {
                    TwoPhaseResult r = TwoPhaseConduction.solve(g, a, OPT, rr);
                    assertTrue(r.converged(), a + " " + vs + " " + r.fluxSpread() + " " + r.relativeResidual() + " " + r.iterations());
                    assertEquals(par, r.relativeConductivity(), 1e-5 * par, "parallel, R = " + rr + " " + a.letter() + " " + vs);
                    assertEquals(par, r.parallelBound(), 1e-12);
                }
                TwoPhaseResult r = TwoPhaseConduction.solve(g, Axis.X, OPT, rr);
                assertTrue(r.converged());
                assertEquals(ser, r.relativeConductivity(), 1e-5 * ser, "series, R = " + rr + " " + vs);
                assertEquals(ser, r.seriesBound(), 1e-12);
                assertTrue(r.fluxSpread() <= 1e-5 && r.inOutAgreement() <= 1e-5, "flux agreement " + r.fluxSpread());
            }
        }
    }

    @Test
    void equalConductivitiesGiveOneOnAnyGeometry() {
        PhaseGrid g = TransportShapes.spheresSolid(20, 12, 3.5, 7);
        for (SideBoundary sb : SideBoundary.values()) {
            TwoPhaseResult r = TwoPhaseConduction.solve(g, Axis.Z, new TransportOptions(1e-5, 1e-6, 5000, 2, sb), 1.0);
            assertEquals(1.0, r.relativeConductivity(), 1e-6, sb.key());
            assertEquals(1.0, r.formationFactor(), 1e-6);
        }
    }

    @Test
    void nearlyInsulatingOtherPhaseApproachesTheOnePhaseSolve() {
        // random medium, ≈ 55 % phase: R = 1e-6 within 1e-4 (relative) of the one-phase D_eff; R = 1e-3 above it
        SplittableRandom rnd = new SplittableRandom(11);
        boolean[] on = new boolean[18 * 18 * 18];
        for (int i = 0; i < on.length; i++) {
            on[i] = rnd.nextDouble() < 0.55;
        }
        PhaseGrid g = TransportShapes.grid(18, 18, 18, VoxelSize.iso(1), (x, y, z) -> on[x + 18 * (y + 18 * z)]);
        TransportOptions one = TransportOptions.defaults().withThreads(2);
        double d = TortuositySolver.solve(g, Axis.Z, new TransportOptions(1e-7, 1e-8, 2000, 2)).relativeDiffusivity();
        TwoPhaseResult r = TwoPhaseConduction.solve(g, Axis.Z, new TransportOptions(1e-5, 1e-6, 5000, 2), 1e-6);
        assertTrue(r.converged(), "flux spread " + r.fluxSpread());
        assertEquals(d, r.relativeConductivity(), 1e-4 * d, "one-phase " + d + " vs two-phase " + r.relativeConductivity());
        TwoPhaseResult r3 = TwoPhaseConduction.solve(g, Axis.Z, OPT, 1e-3);
        assertTrue(r3.relativeConductivity() > d && r3.relativeConductivity() < r3.parallelBound(), "" + r3.relativeConductivity());
        assertTrue(one.fluxTolerance() > 0);
    }

    @Test
    void diluteSphereFollowsMaxwell() {
        // one sphere of the other phase (radius 0.2 of the 30³ cell, f ≈ 0.034) centred in the phase; mirror sides and the
        // equipotential ends make it the simple cubic array (Rayleigh's correction O(f^{10/3}) is negligible here):
        // Maxwell σ_eff/σ₁ = 1 + 3f(R − 1)/(R + 2) with the voxel fraction f
        int c = 30;
        double rad = 0.2 * c;
        PhaseGrid g = TransportShapes.grid(c, c, c, VoxelSize.iso(1), (x, y, z) -> {
            double dx = x + 0.5 - c / 2.0;
            double dy = y + 0.5 - c / 2.0;
            double dz = z + 0.5 - c / 2.0;
            return dx * dx + dy * dy + dz * dz > rad * rad;
        });
        for (double rr : new double[] {0.05, 10.0}) {
            TwoPhaseResult r = TwoPhaseConduction.solve(g, Axis.Z, OPT, rr);
            double f = 1 - r.phaseFraction();
            double maxwell = 1 + 3 * f * (rr - 1) / (rr + 2);
            double dev = maxwell - 1;
            System.out.printf("sphere R = %g: f = %.5f, sigma_eff = %.6f, Maxwell %.6f, (s-1)/(M-1) = %.4f, %d iterations%n", rr, f,
                    r.relativeConductivity(), maxwell, (r.relativeConductivity() - 1) / dev, r.iterations());
            assertEquals(maxwell, r.relativeConductivity(), 0.10 * Math.abs(dev), "R = " + rr);
        }
    }

    @Test
    void badRatiosAreRefused() {
        PhaseGrid g = laminate(VoxelSize.iso(1));
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TwoPhaseConduction.solve(g, Axis.Z, OPT, bad));
            assertTrue(e.getMessage().contains("--other-phase-conductivity"), e.getMessage());
        }
        assertThrows(PoroPhaseException.class, () -> TwoPhaseConduction.solve(g, Axis.Z, OPT, 0));
    }
}
