package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The run protocol (contract §7): equilibration, plating / stripping, cycling, short detection, result contents. */
class RunProtocolTest {

    private static PhaseFieldRun.Options opts() {
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 2;
        o.seriesRows = 20;
        o.threads = 1;
        return o;
    }

    private static PhaseFieldParameters params() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        p.liLayerUm = 1;
        p.impregnationUm = 2;
        return p;
    }

    private static Geometry channels(PhaseFieldParameters p) {
        return IdealScaffold.channels2D(1.5, 0.5, 3, 5, 0.0625).toGeometry(p);
    }

    /** Automatic equilibration stops by itself (rate below 1e-6 /s) before the 2000 s cap, and the clock restarts at 0. */
    @Test
    void equilibrationStopsAutomatically() {
        PhaseFieldParameters p = params();
        p.timeS = 2;
        p.equilibrationS = 0;
        p.dtS = 1; // two steps after the equilibration
        PhaseFieldResult r = new PhaseFieldRun(channels(p), p, opts()).run(null);
        Map<String, Object> eq = r.equilibration();
        System.out.println("equilibration: " + eq);
        assertEquals("completed", r.status(), r.message());
        assertEquals("converged", eq.get("outcome"));
        double used = (Double) eq.get("used_s");
        assertTrue(used > 0 && used < PhaseFieldRun.EQUILIBRATION_MAX_S, "used " + used);
        assertTrue((Double) eq.get("final_rate_per_s") < PhaseFieldRun.EQUILIBRATION_RATE);
        assertEquals(2.0, r.timeS(), 1e-12, "time reset after the equilibration");
        assertEquals(2, r.steps());
        // a fixed equilibration runs exactly that long
        PhaseFieldParameters q = params();
        q.timeS = 1;
        q.equilibrationS = 7;
        PhaseFieldResult f = new PhaseFieldRun(channels(q), q, opts()).run(null);
        assertEquals(7.0, (Double) f.equilibration().get("used_s"), 1e-12);
        assertEquals("fixed time", f.equilibration().get("outcome"));
    }

    /**
     * One plate/strip cycle of equal capacity: half-cycle length = capacity/|I|, the current changes
     * sign, and the Li volume returns to the equilibrated start within 1e-9 relative.
     */
    @Test
    void onePlateStripCycleReturnsTheLi() {
        PhaseFieldParameters p = params();
        p.cycles = 1;
        p.currentDensityMaCm2 = 0.5;
        p.capacityMahCm2 = 0.5 * 12 / 3600.0; // 12 s at 0.5 mA/cm2 → 6 mC/cm2 per half
        p.equilibrationS = 20;
        PhaseFieldRun run = new PhaseFieldRun(channels(p), p, opts());
        assertEquals(24.0, run.endTimeS(), 1e-9);
        PhaseFieldResult r = run.run(null);
        assertEquals("completed", r.status(), r.message());
        List<Map<String, Object>> c = r.cycles();
        System.out.println("cycles: " + c);
        assertEquals(2, c.size());
        assertEquals("plate", c.get(0).get("half"));
        assertEquals("strip", c.get(1).get("half"));
        assertEquals(12.0, (Double) c.get(0).get("end_time_s"), 1e-9);
        assertEquals(24.0, (Double) c.get(1).get("end_time_s"), 1e-9);
        assertEquals(6.0, (Double) c.get(0).get("charge_mC_cm2"), 1e-9);
        assertEquals(-6.0, (Double) c.get(1).get("charge_mC_cm2"), 1e-9);
        double platedHalf = (Double) c.get(0).get("plated_charge_mC_cm2");
        assertEquals(6.0, platedHalf, 6e-6);
        // Li volume back at the start: plated charge (Δ∫ξ from ξ_eq) ~ 0 relative to one half-cycle's
        double end = r.finalMetrics().get("plated_charge_mC_cm2");
        assertTrue(Math.abs(end) < 1e-9 * platedHalf, "Li volume returns to the start: " + end);
        // the independent charge balance through the counter-electrode face
        double ctr = r.finalMetrics().get("counter_charge_balance_rel_error");
        System.out.println("counter-face charge balance after one cycle: " + ctr + ", half: " + platedHalf);
        assertTrue(Math.abs(ctr) < 1e-3, "counter-face charge balance " + ctr);
        // the series carries the sign change
        int ic = RunMetrics.COLUMNS.indexOf("current_density_mA_cm2");
        boolean pos = false;
        boolean neg = false;
        for (List<Object> row : r.series()) {
            double i = ((Number) row.get(ic)).doubleValue();
            pos |= i > 0;
            neg |= i < 0;
        }
        assertTrue(pos && neg);
        assertTrue(Double.isNaN(r.timeToShortS()));
    }

    /** strip_first with cycles = 0: the whole run strips (−I), and the plated charge is negative. */
    @Test
    void stripFirstStrips() {
        PhaseFieldParameters p = params();
        p.timeS = 5;
        p.equilibrationS = 5;
        PhaseFieldRun.Options o = opts();
        p.stripFirst = true;
        PhaseFieldResult r = new PhaseFieldRun(channels(p), p, o).run(null);
        assertEquals("completed", r.status(), r.message());
        assertEquals(-p.currentDensityMaCm2 * 5, r.finalMetrics().get("plated_charge_mC_cm2"), 1e-6);
        assertEquals("stripping", r.protocol().get("mode"));
        assertEquals(1, r.cycles().size());
        assertEquals("strip", r.cycles().get(0).get("half"));
    }

    /** Li that reaches the last layer before the counter electrode stops the run with status "shorted". */
    @Test
    void shortStopsTheRun() {
        // an open channel down to the far face, Li filled to one row above its end
        int nx = 12;
        int nz = 24;
        int n = nx * nz;
        double dx = 0.25;
        PhaseFieldParameters p = params();
        double[] phi = new double[n];
        boolean[] open = new boolean[n];
        boolean[] pore = new boolean[n];
        double[] xi0 = new double[n];
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * z;
                boolean o = z < 4 || (x >= 4 && x < 8);
                open[i] = o;
                pore[i] = z >= 4 && o;
                // signed distance to the nearest Li|LLZO / pore|LLZO face, positive in the solid
                double xc = x + 0.5;
                double zc = z + 0.5;
                double sd;
                if (o) {
                    sd = -(z < 4 ? 4 - zc : Math.min(xc - 4, 8 - xc));
                } else {
                    sd = Math.min(zc - 4, xc < 4 ? 4 - xc : xc - 8);
                }
                phi[i] = Geometry.logistic(sd * dx / p.interfaceLengthUm());
                xi0[i] = o ? (z < nz - 2 ? 1 : z == nz - 2 ? 0.45 : 0) : 0;
            }
        }
        Geometry g = Geometry.restore(nx, 1, nz, dx, 4, nz, phi, open, pore, xi0, dx, Geometry.Side.TOP, "test");
        p.timeS = 4000;
        p.currentDensityMaCm2 = 5;
        PhaseFieldRun.Options o = opts();
        o.skipEquilibration = true;
        PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(null);
        System.out.println("short: " + r.status() + " at " + r.timeToShortS() + " s: " + r.message());
        assertEquals("shorted", r.status(), r.message());
        assertTrue(r.timeToShortS() > 0 && r.timeToShortS() < 4000);
        assertEquals(r.timeToShortS(), r.timeS(), 1e-12);
        assertEquals(1.0, r.finalMetrics().get("shorted"));
        assertEquals(0, r.cycles().get(0).get("complete"));
    }

    /** result.json carries every metric's definition, the protocol, the equilibration and the resolution. */
    @Test
    void resultJsonHasDefinitions() {
        PhaseFieldParameters p = params();
        p.timeS = 2;
        p.equilibrationS = 2;
        PhaseFieldResult r = new PhaseFieldRun(channels(p), p, opts()).run(null);
        Map<String, Object> j = r.toJson();
        @SuppressWarnings("unchecked")
        Map<String, String> d = (Map<String, String>) j.get("metric_definitions");
        for (String k : RunMetrics.COLUMNS) {
            assertTrue(d.containsKey(k), k);
        }
        assertTrue(d.containsKey("time_to_short_s") && d.containsKey("cycles.mean_cell_potential_V"));
        assertTrue(d.get("wall_creep_index").contains("xi - xi_eq"));
        for (String k : new String[] {"protocol", "equilibration", "resolution", "cycles", "time_to_short_s", "contact_area_ratio", "hot_spot_ratio",
                "interface_void_fraction", "dead_li_fraction", "channel_front_spread_um", "cell_potential_V", "kinetic_overpotential_V"}) {
            assertTrue(j.containsKey(k), k);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> res = (Map<String, Object>) j.get("resolution");
        assertEquals(0.25, (Double) res.get("dx_um"), 1e-12);
        assertTrue(res.containsKey("interface_width_um") && res.containsKey("interface_scale") && res.containsKey("narrowest_pore_um"));
        String json = org.porophase.core.Json.write(j);
        assertTrue(json.contains("\"time_to_short_s\":null"), "NaN written as null");
    }
}
