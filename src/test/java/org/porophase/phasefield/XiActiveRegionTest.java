package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.Parallel;

/**
 * The ξ step on the front band and its margin ({@link XiActiveRegion}) against the same step on all open
 * cells: same ξ to 3 × 10⁻⁶ (absolute, ξ ∈ [0, 1]; the full solve's own CG tolerance: it stops at ‖r‖ ≤ 10⁻⁷‖b‖ with ‖b‖
 * over all open cells, and M's smallest eigenvalue is ≈ 1/Δt, so |δξ| may reach ‖r‖/(1/Δt) ≫ 10⁻⁶ — where within that
 * bound it stops depends on the initial guess and the preconditioner: measured 7 × 10⁻⁸ with Jacobi and the extrapolated
 * ξ, 5.4 × 10⁻⁷ with the two-level preconditioner and the extrapolated q of session 7 (8 × 10⁻⁷ with a ξ* guess not kept), {@link FrontCoarseSpace}),
 * the same plated volume to 10⁻⁹ relative and the cell
 * potential to 10⁻⁶ relative (the ionic solve's tolerance) after 60 plating steps of 1 s at 1 mA cm⁻² (a fast front: 0.15 µm, ≈ 1 cell) in unequal 2D
 * channels, the region much smaller than the open space; and a region too narrow for the step falls back
 * to the full solve.
 */
class XiActiveRegionTest {
    private static PhaseFieldSolver solver(boolean region) {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.15625;
        p.interfaceScale = 0.5689;
        p.currentDensityMaCm2 = 1;
        Geometry g = IdealScaffold.channels2D(5, 0.5, 20, 16, p.dxUm / 4).toGeometry(p);
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, Parallel.of(1));
        s.setActiveRegion(region);
        return s;
    }

    @Test
    void regionStepEqualsFullStep() {
        PhaseFieldSolver a = solver(true);
        PhaseFieldSolver b = solver(false);
        for (int k = 0; k < 60; k++) {
            a.step(1);
            b.step(1);
        }
        double maxDiff = 0;
        for (int i : a.openIdx) {
            maxDiff = Math.max(maxDiff, Math.abs(a.xi()[i] - b.xi()[i]));
        }
        double va = a.platedVolumeUm3();
        double vb = b.platedVolumeUm3();
        System.out.printf("xi region %d of %d open cells: max |dxi| %.2e, plated %.9e vs %.9e, V %.9f vs %.9f%n",
                a.lastRegionCells, a.openCells(), maxDiff, va, vb, a.electrodePotentialV(), b.electrodePotentialV());
        assertTrue(a.lastRegionCells < a.openCells() / 2, "region " + a.lastRegionCells + " of " + a.openCells());
        assertEquals(0, a.regionFallbacks);
        assertTrue(maxDiff < 3e-6, "max |dxi| " + maxDiff);
        assertEquals(vb, va, 1e-9 * Math.abs(vb));
        // V: to the ionic solve's tolerance (cg_tolerance 1e-4 of the source), not to round-off
        assertEquals(b.electrodePotentialV(), a.electrodePotentialV(), 1e-6 * Math.abs(b.electrodePotentialV()));
    }

    @Test
    void narrowRegionFallsBackToTheFullSolve() {
        PhaseFieldSolver s = solver(true);
        Grid gr = s.grid;
        XiActiveRegion r = new XiActiveRegion(gr);
        double[] x = s.xi();
        int[] cells = r.build(x, 1);
        // one grown layer: the band of a predictor shifted by one cell reaches the outermost layer
        double[] shifted = x.clone();
        for (int i : cells) {
            shifted[i] = 0.5;
        }
        assertTrue(r.touchesBoundary(shifted, cells));
        assertTrue(!r.touchesBoundary(x, cells), "xi^n itself has no band cell on the outer layer");
        assertEquals(gr.openIdx.length, r.build(filledBand(gr), 1).length, "all open cells in the band: the open list itself");
    }

    private static double[] filledBand(Grid gr) {
        double[] x = new double[gr.n];
        java.util.Arrays.fill(x, 0.5);
        return x;
    }
}
