package org.porophase.phasefield;

import org.porophase.core.Parallel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Validation checks 4 (charge / mass balance), 5 (effective conductivity of straight channels),
 * 6 (convergence) and 7 (Zhang Fig. 5 trend) of docs/phase-field.md.
 */
class PlatingValidationTest {

    static PhaseFieldResult channelRun(double pore, double dx, double dt, double timeS, double heightUm) {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = dx;
        p.dtS = dt;
        p.timeS = timeS;
        // one period (a channel between two half walls): with the no-flux sides this is the infinite array
        IdealScaffold sc = IdealScaffold.channels2D(pore, 0.5, pore / 0.5, heightUm, dx / 4);
        Geometry g = sc.toGeometry(p);
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 1;
        o.seriesRows = 20;
        o.threads = 1;
        return new PhaseFieldRun(g, p, o).run(null);
    }

    /**
     * Check 4: nFC_m^s·Δ∫ξ dV = I·A·t at every time-series row to &lt; 1e-6 relative (measured ~1e-12:
     * the galvanostatic control and the volume-preserving capillary term make it exact up to
     * round-off); Li⁺ is conserved too (c/c₀ stays 1 ± 1e-6, Nernst–Einstein-consistent σ and D fed by
     * the same sink), and the ionic current through the counter electrode equals the applied one
     * within 1e-3 (the potential solve tolerance).
     */
    @Test
    void chargeAndMassBalance() {
        PhaseFieldResult r = channelRun(1.5, 0.25, 1, 100, 10);
        int iErr = RunMetrics.COLUMNS.indexOf("charge_balance_rel_error");
        double worst = 0;
        for (List<Object> row : r.series()) {
            worst = Math.max(worst, Math.abs(((Number) row.get(iErr)).doubleValue()));
        }
        System.out.printf("charge balance: worst rel. drift %.2e over %d rows, c in [%.9f, %.9f]%n", worst, r.series().size(),
                r.finalMetrics().get("c_min"), r.finalMetrics().get("c_max"));
        assertTrue(worst < 1e-6, "charge drift " + worst);
        assertEquals(1.0, r.finalMetrics().get("c_min"), 1e-6);
        assertEquals(1.0, r.finalMetrics().get("c_max"), 1e-6);
        assertEquals(20.0, r.finalMetrics().get("plated_charge_mC_cm2"), 20.0 * 1e-6, "0.2 mA/cm2 × 100 s = 20 mC/cm2");
    }

    /** Same check, and the counter-electrode current, directly on the solver. */
    @Test
    void counterElectrodeCurrentMatchesApplied() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        Geometry g = IdealScaffold.channels2D(1.5, 0.5, 6, 8, 0.0625).toGeometry(p);
        Parallel par = Parallel.of(1);
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
        for (int k = 0; k < 20; k++) {
            s.step(1);
        }
        double applied = p.currentDensityMaCm2 * 10 * s.electrodeAreaUm2() * 1e-12;
        System.out.printf("counter-electrode current %.6e A vs applied %.6e A%n", s.counterCurrentA(), applied);
        assertEquals(applied, s.counterCurrentA(), 1e-3 * applied);
    }

    /**
     * Check 5: straight channels along the current are parallel conductors, σ_eff = (1 − f)σ_p exactly
     * (f the pore fraction). 2D channels and 3D square-lattice cylinders. Tolerance 1 % (2D): the
     * smoothed ϕ wall (logistic, h(ϕ) symmetric about ½) integrates to the sharp fraction; 1.5 % (3D,
     * cylinders of radius 2 µm): a curved diffuse wall adds an O((ℓ/R)²) ≈ 1.6 % area correction.
     */
    @Test
    void effectiveConductivityOfStraightChannels() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.liLayerUm = 0;
        p.dxUm = 0.25;
        Parallel par = Parallel.of(1);
        IdealScaffold s2 = IdealScaffold.channels2D(2.5, 0.5, 10, 6, 0.0625);
        PhaseFieldSolver a = new PhaseFieldSolver(s2.toGeometry(p), p, par);
        double r2 = a.effectiveConductivityRatio();
        IdealScaffold s3 = IdealScaffold.cylinders3D(4.0, 0.3, false, 6.5, 3, 0.125);
        PhaseFieldSolver b = new PhaseFieldSolver(s3.toGeometry(p), p, par);
        double r3 = b.effectiveConductivityRatio();
        System.out.printf("sigma_eff/sigma: 2D %.5f (expected %.5f), 3D %.5f (expected %.5f, raster %.5f)%n", r2, 1 - s2.rasterPorosity(), r3,
                1 - s3.porosity, 1 - s3.rasterPorosity());
        assertEquals(1 - s2.rasterPorosity(), r2, 0.01);
        assertEquals(1 - s3.rasterPorosity(), r3, 0.015);
        // dense LLZO column: exactly 1
        PhaseFieldSolver d = new PhaseFieldSolver(Geometries.planarContact(3, 20, -100, 0.25, p), p, par);
        assertEquals(1.0, d.effectiveConductivityRatio(), 1e-6);
    }

    /**
     * Check 6: halving dx and dt (0.2 µm / 2 s → 0.1 µm / 1 s) on a 1.5 µm channel, 1000 s. Stated
     * tolerances: wall-creep index within 0.05 (absolute; it is
     * first-to-second order in dx: 0.129 → 0.165 → 0.155 at dx = 0.2 → 0.1 → 0.05 µm after 1000 s), front
     * height std within 0.03 µm. (The fill fraction is fixed by the charge balance up to the
     * rasterization of the initial impregnation, so it is not a convergence metric.)
     */
    @Test
    void convergenceUnderRefinement() {
        PhaseFieldResult c = channelRun(1.5, 0.2, 2, 1000, 10);
        PhaseFieldResult f = channelRun(1.5, 0.1, 1, 1000, 10);
        Map<String, Double> a = c.finalMetrics();
        Map<String, Double> b = f.finalMetrics();
        System.out.printf("convergence: V %.6f / %.6f, WCI %.4f / %.4f, std %.4f / %.4f um, fill %.5f / %.5f%n", a.get("applied_overpotential_V"),
                b.get("applied_overpotential_V"), a.get("wall_creep_index"), b.get("wall_creep_index"), a.get("front_height_std_um"),
                b.get("front_height_std_um"), a.get("fill_fraction"), b.get("fill_fraction"));
        assertEquals(b.get("wall_creep_index"), a.get("wall_creep_index"), 0.05);
        assertEquals(b.get("front_height_std_um"), a.get("front_height_std_um"), 0.03);
    }

    /**
     * Check 6 for the overpotential. With the local reaction (issue 11) the active area is the triple
     * region, the overlap of the ξ front with the diffuse LLZO, so the overpotential needs that overlap
     * resolved: at the physical interface (scale 1) and the fixed-width logistic ϕ the 0.2 / 0.1 µm
     * grids give −0.091 / −0.059 V (35 %; measured at the H1 commit). It is disabled until the
     * resolution rule (owner H2: ϕ and ξ widths scaled together, ≥ 4 cells per width) is merged; then
     * the stated tolerance is 2 %.
     */
    @Test
    @Disabled("needs the issue-11 resolution rule (Resolution / compact phi, owner H2): at scale 1 the triple region is under-resolved")
    void overpotentialConvergesUnderRefinement() {
        PhaseFieldResult c = channelRun(1.5, 0.2, 2, 1000, 10);
        PhaseFieldResult f = channelRun(1.5, 0.1, 1, 1000, 10);
        double a = c.finalMetrics().get("applied_overpotential_V");
        double b = f.finalMetrics().get("applied_overpotential_V");
        assertEquals(b, a, 0.02 * Math.abs(b));
    }

    /**
     * Check 7, Zhang et al. Fig. 5: 50 % porosity, channels of 5, 1.5 and 0.6 µm, 1000 s at
     * 0.2 mA cm⁻², 5 µm impregnation. Reduced but faithful: one channel period per case (equivalent to
     * the infinite array through the no-flux sides), scaffold 10 µm thick instead of 48 µm (the front
     * advances &lt; 1 µm), dt = 2 s (the WCI changes by &lt; 1 % from dt = 1 s), dx = 0.1 µm so the
     * 0.6 µm channel has 6 cells across. Li creeps along the walls in wide channels and fills narrow
     * ones uniformly: the wall-creep index and the front-height std decrease monotonically with width.
     */
    @Test
    @Disabled("issue 11: the WCI against the flat start measured capillary relaxation, not plating; the trend is to be checked on the "
            + "plating-only WCI (RunMetrics, owner H3) at the resolution rule (owner H2; the 0.6 um channel is under-resolved at scale 1)")
    void zhangFig5Trend() {
        double[] widths = {5, 1.5, 0.6};
        double[] wci = new double[3];
        double[] std = new double[3];
        for (int k = 0; k < 3; k++) {
            PhaseFieldResult r = channelRun(widths[k], 0.1, 2, 1000, 10);
            wci[k] = r.finalMetrics().get("wall_creep_index");
            std[k] = r.finalMetrics().get("front_height_std_um");
            assertEquals("completed", r.status());
            System.out.printf("Fig.5 trend: width %.1f um: WCI %.4f, front std %.4f um, V %.5f V, max/mean j %.3f%n", widths[k], wci[k], std[k],
                    r.finalMetrics().get("applied_overpotential_V"), r.finalMetrics().get("max_over_mean_current_density"));
        }
        assertTrue(wci[0] > wci[1] && wci[1] > wci[2], "WCI must decrease with channel width");
        assertTrue(std[0] > std[1] && std[1] > std[2], "front-height std must decrease with channel width");
        assertTrue(wci[0] > 0.3, "wide channels: Li creeps along the walls");
        assertTrue(wci[2] < 0.1, "narrow channels: uniform filling");
    }
}
