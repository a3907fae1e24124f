package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.Parallel;

/**
 * The linearized ξ step's two-level preconditioner ({@link FrontCoarseSpace}) and its improved initial guesses
 * (the extrapolated q, {@link AllenCahnStep}): the same ξ as Jacobi-PCG with the plain guesses to the solver tolerance, in fewer
 * iterations; the fused coarse correction inside {@link ConjugateGradient} equals the stand-alone preconditioner.
 */
class FrontCoarseSpaceTest {
    private static PhaseFieldSolver solver(boolean fast) {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.15625;
        p.interfaceScale = 0.5689;
        p.currentDensityMaCm2 = 1;
        Geometry g = IdealScaffold.channels2D(5, 0.5, 20, 16, p.dxUm / 4).toGeometry(p);
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, Parallel.of(1));
        s.allenCahn.useCoarse = fast;
        s.allenCahn.improvedGuess = fast;
        return s;
    }

    @Test
    void sameStepInFewerIterations() {
        PhaseFieldSolver a = solver(true);
        PhaseFieldSolver b = solver(false);
        assertTrue(a.allenCahn.linearized, "the default ξ step is the linearized one");
        // the first 40 steps relax the sharp start (as the capillary equilibration does; most of them fall back to the
        // stabilized step there); then 40 measured steps
        for (int k = 0; k < 40; k++) {
            a.step(1);
            b.step(1);
        }
        long ia = a.allenCahn.totalIterations;
        long ib = b.allenCahn.totalIterations;
        long fa = a.allenCahn.fallbacks;
        long fb = b.allenCahn.fallbacks;
        for (int k = 0; k < 40; k++) {
            a.step(1);
            b.step(1);
        }
        ia = a.allenCahn.totalIterations - ia;
        ib = b.allenCahn.totalIterations - ib;
        double maxDiff = 0;
        for (int i : a.openIdx) {
            maxDiff = Math.max(maxDiff, Math.abs(a.xi()[i] - b.xi()[i]));
        }
        System.out.printf("xi iterations per step (two solves) %.1f two-level + guesses vs %.1f Jacobi; max |dxi| %.2e; "
                + "plated %.9e vs %.9e; fallbacks to the stabilized step %d / %d in the first 40 steps, %d / %d after%n",
                ia / 40.0, ib / 40.0, maxDiff, a.platedVolumeUm3(), b.platedVolumeUm3(), fa, fb,
                a.allenCahn.fallbacks - fa, b.allenCahn.fallbacks - fb);
        // the preconditioner and the guesses do not change which steps fall back
        assertEquals(fb, fa);
        assertEquals(b.allenCahn.fallbacks, a.allenCahn.fallbacks);
        assertTrue(a.allenCahn.fallbacks - fa <= 2, "fallbacks in the measured steps " + (a.allenCahn.fallbacks - fa));
        assertEquals(0, a.allenCahn.coarseFailures);
        // the solves stop at ‖r‖ ≤ 10⁻⁷‖b‖ (ξ ∈ [0, 1], ‖b‖ ≈ 20 over the region) and M's smallest eigenvalue is ≈ 1/Δt, so
        // |δξ| ≲ 2 × 10⁻⁶ per step, not accumulating (each step solves to the tolerance again); measured 1.0 × 10⁻⁶
        assertTrue(maxDiff < 5e-6, "max |dxi| " + maxDiff);
        assertEquals(b.platedVolumeUm3(), a.platedVolumeUm3(), 1e-9 * Math.abs(b.platedVolumeUm3()));
        // measured 35.7 vs 71.0 per step (at 1 mA cm⁻², 5× the paper case)
        assertTrue(ia < 0.6 * ib, ia + " vs " + ib + " iterations");
    }

    @Test
    void fusedCoarseCorrectionEqualsThePreconditioner() {
        PhaseFieldSolver s = solver(true);
        for (int k = 0; k < 5; k++) {
            s.step(1);
        }
        Grid gr = s.grid;
        double[] x = s.xi();
        int[] idx = gr.openIdx;
        AllenCahnStep ac = s.allenCahn;
        double a0 = 1;
        double[] jac = new double[gr.n];
        double[] diag = new double[gr.n];
        for (int i : idx) {
            double ph = gr.g.phi[i];
            jac[i] = ac.mW2 * AllenCahnStep.doubleWellCurvature(x[i]) + ac.mA * ph * ph - ac.wet * gr.wallFaces[i] * AllenCahnStep.hpp(x[i]);
            diag[i] = a0 + jac[i] + ac.mKmax * gr.lapDiagonal(i);
            assertTrue(diag[i] > 0);
        }
        FrontCoarseSpace fc = new FrontCoarseSpace(gr, diag);
        assertTrue(fc.build(x, idx, a0, jac, ac.mKmax), "coarse matrix positive definite");
        assertTrue(fc.size() > 4, "coarse vectors " + fc.size());
        XiOperator op = new XiOperator(gr, ac.mKmax, new double[7]);
        op.a0 = a0;
        op.local = jac;
        double[] b = new double[gr.n];
        for (int i : idx) {
            b[i] = Grid.hp(x[i]) + 0.01 * Math.sin(0.37 * i);
        }
        // the preconditioner is symmetric: u·M⁻¹v = v·M⁻¹u
        double[] u = new double[gr.n];
        double[] v = new double[gr.n];
        for (int i : idx) {
            u[i] = Math.cos(0.11 * i);
            v[i] = Math.sin(0.07 * i) + x[i];
        }
        double[] mu = new double[gr.n];
        double[] mv = new double[gr.n];
        fc.apply(u, mu);
        fc.apply(v, mv);
        double uv = 0;
        double vu = 0;
        for (int i : idx) {
            uv += u[i] * mv[i];
            vu += v[i] * mu[i];
        }
        assertEquals(uv, vu, 1e-10 * Math.abs(uv));
        ConjugateGradient cg = new ConjugateGradient(SlabExecutor.of(1), gr.n);
        double[] xf = new double[gr.n];
        int itFused = cg.solve(op, fc, idx, b, xf, 1e-10, 0, 500);
        double[] xg = new double[gr.n];
        Preconditioner generic = fc::apply; // not recognised by the CG: applied stand-alone
        int itGeneric = cg.solve(op, generic, idx, b, xg, 1e-10, 0, 500);
        double[] xj = new double[gr.n];
        int itJacobi = cg.solve(op, new JacobiPreconditioner(diag, idx), idx, b, xj, 1e-10, 0, 2000);
        System.out.printf("M q = h' (10⁻¹⁰): %d fused, %d stand-alone, %d Jacobi iterations, %d coarse vectors%n",
                itFused, itGeneric, itJacobi, fc.size());
        assertTrue(Math.abs(itFused - itGeneric) <= 1, itFused + " vs " + itGeneric);
        double max = 0;
        for (int i : idx) {
            max = Math.max(max, Math.abs(xj[i]));
        }
        for (int i : idx) {
            assertEquals(xj[i], xf[i], 1e-8 * max);
            assertEquals(xj[i], xg[i], 1e-8 * max);
        }
        assertTrue(itFused < itJacobi, itFused + " vs " + itJacobi);
    }
}
