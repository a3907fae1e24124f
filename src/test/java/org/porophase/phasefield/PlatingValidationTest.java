package org.porophase.phasefield;

import org.porophase.core.Parallel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
     * A run at the resolution rule (Resolution: interface width = min(1.1 µm, w/8), dx = width / cells) on one
     * channel period (with the no-flux sides the infinite array), 2 µm Li layer, {@code scaffoldUm} of scaffold,
     * {@code impregnationUm} of Li in the channel, 50 % porosity, automatic capillary equilibration.
     */
    static PhaseFieldResult ruleRun(double pore, double cellsPerInterface, double timeS, double scaffoldUm, double impregnationUm,
            double currentMaCm2, boolean strip) {
        return ruleRun(pore, cellsPerInterface, timeS, scaffoldUm, impregnationUm, currentMaCm2, strip, new PhaseFieldParameters().dtS);
    }

    /** {@link #ruleRun(double, double, double, double, double, double, boolean)} with the time step {@code dtS}, s. */
    static PhaseFieldResult ruleRun(double pore, double cellsPerInterface, double timeS, double scaffoldUm, double impregnationUm,
            double currentMaCm2, boolean strip, double dtS) {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dtS = dtS;
        p.cellsPerInterface = cellsPerInterface;
        p.timeS = timeS;
        p.impregnationUm = impregnationUm;
        p.currentDensityMaCm2 = currentMaCm2;
        p.stripFirst = strip;
        Resolution.forIdeal(pore, 0.5, p).require(false, "test").apply(p);
        Geometry g = IdealScaffold.channels2DForGrid(pore, 0.5, pore / 0.5, scaffoldUm, p.dxUm).toGeometry(p);
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 1;
        o.seriesRows = 20;
        o.threads = 2;
        return new PhaseFieldRun(g, p, o).run(null);
    }

    private static final String[] KEY_METRICS = {"kinetic_overpotential_V", "cell_potential_V", "contact_area_ratio", "front_height_mean_um",
        "hot_spot_ratio"};

    /**
     * Check 6 (issue 11 item 5): the key metrics change by &lt; 5 % between the default resolution (4 cells across
     * the interface) and half of it (8 cells) at 5, 1.5 and 0.6 µm channels, 300 s at 0.2 mA cm⁻² (tolerance
     * {@link #TOLERANCE}, the issue's). Key metrics: kinetic overpotential, cell potential, Li|LLZO contact-area
     * ratio, mean front height and the hot-spot ratio (local current density |R|/w). With the linearized ξ step (the
     * default since session 6; time-accurate capillary relaxation) η differs by 2.71 / 2.70 / 2.77 % and the plating-only
     * wall-creep index is ≈ 0 on both grids (|WCI| ≤ 0.003: the deposit relaxes to the capillary shape much faster than
     * Li plates), so the WCI is held to an absolute {@link #WCI_TOLERANCE}. With the stabilized step of earlier versions
     * the WCI read 0.1439 / 0.1272, 0.1495 / 0.1309, 0.1647 / 0.1461 (4 / 8 cells), values proportional to Δt
     * (docs/phasefield-engine.md). Measured: see the printout.
     */
    @Test
    void keyMetricsConvergeBetweenTheDefaultResolutionAndHalfOfIt() {
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (double pore : new double[] {5, 1.5, 0.6}) {
            Map<String, Double> a = ruleRun(pore, 4, 300, 4, 2, 0.2, false).finalMetrics();
            Map<String, Double> b = ruleRun(pore, 8, 300, 4, 2, 0.2, false).finalMetrics();
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "convergence %.1f um (4 / 8 cells):", pore));
            for (String k : KEY_METRICS) {
                double rel = (a.get(k) - b.get(k)) / b.get(k);
                line.append(String.format(java.util.Locale.ROOT, " %s %.5g / %.5g (%.2f %%)", k, a.get(k), b.get(k), 100 * rel));
                if (Math.abs(rel) > TOLERANCE) {
                    failures.add(pore + " um " + k + ": " + rel);
                }
            }
            double wa = a.get("wall_creep_index");
            double wb = b.get("wall_creep_index");
            line.append(String.format(java.util.Locale.ROOT, " WCI %.4f / %.4f", wa, wb));
            System.out.println(line);
            if (Math.abs(wa - wb) > WCI_TOLERANCE) {
                failures.add(pore + " um WCI: " + wa + " vs " + wb);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /**
     * Stated tolerance: 5 % for every key metric (the issue's). The potentials' triple region (the overlap of the ξ
     * front with the ϕ tail, ~4 × 3 cells at the default) is the least resolved quantity of the model. Measured
     * (kinetic η, cell potential, contact-area ratio): 2.9 / 3.2 / −0.31 % at 5 µm, 2.7 / 2.7 / 0.20 % at 1.5 µm,
     * −2.2 / −1.9 / 0.55 % at 0.6 µm, after the mirror wall stencil ({@link Grid}), the discrete front factor of the
     * reaction weight ({@link PhaseFieldParameters#discreteFrontFactor}) and the wall stabilization held at its
     * 4-cell value on finer grids ({@link AllenCahnStep}); before them η differed by 8.4 / 11.2 / 13.6 %.
     */
    private static final double TOLERANCE = 0.05;

    /** Absolute 4-vs-8-cell bound of the plating-only WCI, which is ≈ 0 on both grids (measured |WCI| ≤ 0.003). */
    private static final double WCI_TOLERANCE = 0.005;

    /**
     * Issue 11 item 5: the charge balance of every run is checked against the ionic current through the
     * counter-electrode face, integrated over the run (independent of the controller's own sum); beyond
     * {@link PhaseFieldRun#COUNTER_BALANCE_LIMIT} the result carries a warning naming the fix. One 5 µm channel
     * period, 50 s at 0.2 mA cm⁻²: measured −3.8 × 10⁻⁶ at the default cg_tolerance (no warning) and 0.0060 with a
     * potential solved only to 0.3 (warning).
     */
    @Test
    void everyRunChecksItsChargeAgainstTheCounterElectrodeFace() {
        for (double tol : new double[] {new PhaseFieldParameters().cgTolerance, 0.3}) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            p.timeS = 50;
            p.impregnationUm = 2;
            p.cgTolerance = tol;
            Resolution.forIdeal(5, 0.5, p).require(false, "test").apply(p);
            Geometry g = IdealScaffold.channels2DForGrid(5, 0.5, 10, 4, p.dxUm).toGeometry(p);
            PhaseFieldRun.Options o = new PhaseFieldRun.Options();
            o.snapshots = 1;
            o.threads = 1;
            PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(null);
            assertEquals("completed", r.status(), r.message());
            double ctr = r.finalMetrics().get("counter_charge_balance_rel_error");
            boolean warned = r.warnings().stream().anyMatch(w -> w.contains("counter-electrode face") && w.contains("cg_tolerance"));
            System.out.printf(java.util.Locale.ROOT, "cg_tolerance %.0e: counter-face balance %.3g, warning %s%n", tol, ctr, warned);
            assertEquals(0, r.finalMetrics().get("charge_balance_rel_error"), 1e-10, "the controller's balance is exact either way");
            if (tol < 1e-3) {
                assertTrue(Math.abs(ctr) < 1e-4 && !warned, "default tolerance: balanced, no warning (" + ctr + ")");
            } else {
                assertTrue(Math.abs(ctr) > PhaseFieldRun.COUNTER_BALANCE_LIMIT && warned, "loose potential solve: flagged (" + ctr + ")");
            }
        }
    }

    /**
     * The hot-spot ratio is a property of the state, not of the step that led to it: the paper's 0.6 µm channels, 60 s
     * at 0.2 mA cm⁻², Δt = 1 and 0.25 s, agree to 0.002 (measured 1.01049 / 1.01053). Before, |R| of the last step
     * (formed with the weights of the front one step earlier) over the weights of the row read 1.0414 / 1.0181: a
     * first-order time lag at the front's thin tails (docs/phasefield-engine.md, "Hot spot and the time step").
     */
    @Test
    void hotSpotRatioDoesNotDependOnTheTimeStep() {
        PhaseFieldResult a = ruleRun(0.6, 4, 60, 4, 2, 0.2, false, 1);
        PhaseFieldResult b = ruleRun(0.6, 4, 60, 4, 2, 0.2, false, 0.25);
        double ha = a.finalMetrics().get("hot_spot_ratio");
        double hb = b.finalMetrics().get("hot_spot_ratio");
        System.out.printf(java.util.Locale.ROOT, "hot-spot ratio 0.6 um, 60 s: dt 1 s %.5f, dt 0.25 s %.5f%n", ha, hb);
        assertTrue(ha > 1 && hb > 1, "a reacting front");
        assertEquals(hb, ha, 0.002);
    }

    /**
     * Zero-current control (issue 11 item 4): from the equilibrated start with no current the plating-only WCI reads
     * ≈ 0 (measured 0.0000 with the linearized ξ step; 0.012 with the stabilized one, the equilibration's residual
     * redistribution, ≈ 10⁻⁵ µm, over the 1 nm deposit floor) and no cell reacts (hot-spot ratio 0); with plating the
     * same run reads 0.0022.
     */
    @Test
    void zeroCurrentReadsNoCreepAndNoHotSpot() {
        PhaseFieldResult r = ruleRun(5, 4, 300, 4, 2, 0.0, false);
        assertEquals("completed", r.status(), r.message());
        Map<String, Double> m = r.finalMetrics();
        System.out.printf(java.util.Locale.ROOT, "zero current, 300 s: WCI %.4f, hot spot %.3f, plated %.2e mC/cm2%n", m.get("wall_creep_index"),
                m.get("hot_spot_ratio"), m.get("plated_charge_mC_cm2"));
        assertEquals(0.0, m.get("wall_creep_index"), 0.02);
        assertEquals(0.0, m.get("hot_spot_ratio"));
    }

    /**
     * Check 7 (Zhang Fig. 5: 50 % porosity, 5 / 1.5 / 0.6 µm channels, 0.2 mA cm⁻²) on the physics the model has.
     * With the reaction at the triple region and each pore's Li relaxing by capillarity, what depends on the pore
     * size is the density of triple lines: the same current passes through 2 lines per period, so the kinetic
     * overpotential falls with the pore size (5 &gt; 1.5 &gt; 0.6 µm) and the Li|LLZO contact-area ratio rises. The
     * plating-only wall-creep index is ≈ 0 at every size (measured 0.0022 / 0.0004 / −0.0012 at 300 s; asserted
     * |WCI| ≤ {@link #WCI_NOISE}) and does NOT show the paper's order beyond its discretisation noise: the deposit at
     * the walls is spread along the meniscus much faster than Li plates (capillary number Ca = v·w/(L_σκ) = 1.4 × 10⁻³ /
     * 4.3 × 10⁻⁴ / 1.7 × 10⁻⁴), so the physical WCI is ≲ w²/(24 L_σκ t) = 1.9 × 10⁻³ / 1.7 × 10⁻⁴ / 2.7 × 10⁻⁵ at 300 s —
     * the paper's order, at or below the grid's oscillation (±0.003 at 5 µm as the front crosses a cell) and the
     * switch-on offset ∝ Δt/t (docs/phasefield-engine.md, "Plating-only WCI and the capillary number"); the 1.5 vs
     * 0.6 µm order flips between 4 and 8 cells. Wa = 18 / 60 / 149: no current focusing either. The stabilized step of
     * earlier versions read 0.143 / 0.149 / 0.164 here, its capillary time dilation 1 + SΔt.
     */
    @Test
    void poreSizeTrendOfThePlatingPhysics() {
        double[] widths = {5, 1.5, 0.6};
        double[] eta = new double[3];
        double[] contact = new double[3];
        double[] wci = new double[3];
        for (int k = 0; k < 3; k++) {
            PhaseFieldResult r = ruleRun(widths[k], 4, 300, 4, 2, 0.2, false);
            assertEquals("completed", r.status(), r.message());
            eta[k] = Math.abs(r.finalMetrics().get("kinetic_overpotential_V"));
            contact[k] = r.finalMetrics().get("contact_area_ratio");
            wci[k] = r.finalMetrics().get("wall_creep_index");
            System.out.printf(java.util.Locale.ROOT, "pore-size trend: %.1f um: |eta| %.5f V, contact ratio %.4f, plating-only WCI %.4f, hot spot %.3f%n",
                    widths[k], eta[k], contact[k], wci[k], r.finalMetrics().get("hot_spot_ratio"));
        }
        assertTrue(eta[0] > eta[1] && eta[1] > eta[2], "kinetic overpotential falls with the pore size");
        assertTrue(contact[0] < contact[1] && contact[1] < contact[2], "contact area rises as the pores get finer");
        for (int k = 0; k < 3; k++) {
            assertEquals(0, wci[k], WCI_NOISE, "plating-only WCI at " + widths[k] + " um: no creep beyond the discretisation noise");
        }
    }

    /**
     * The mechanism behind the plating-only WCI, where it rises above the grid's noise: Li deposited at the triple
     * region and spread along the meniscus by capillarity gives a quasi-steady wall-minus-centre deformation
     * δ_wc ≈ v w²/(8 L_σκ), so WCI ≈ w²/(24 L_σκ t) for a small-slope meniscus — independent of the current, falling as
     * 1/t, ∝ w² (docs/phasefield-engine.md, "Plating-only WCI and the capillary number"). At the paper's 0.2 mA cm⁻² the
     * 5 µm value, ≈ 8 × 10⁻⁴ at 1000 s, is at the noise; at 2 mA cm⁻² over 100 s (Δt = 0.1 s: the same deposit and the
     * same front travel per step) fixed height errors weigh 10× less in WCI·t while the signal stays. Asserted, 5 µm
     * channel, 4 cells per interface, rows from 20 s: WCI·t constant within a factor 1.8 (a t-independent WCI would
     * vary 5×; measured 0.79–1.15 s, the grid-crossing oscillation), its mean 1–2.5 × the small-slope estimate
     * w²/(24 L_σκ) = 0.556 s (measured 0.946 s = 1.7×: the 45° meniscus is steep at the wall; 0.78 s at 8 cells, the same
     * at Δt = 0.05 s); the 1.5 µm channel's mean |WCI·t| below 1/4 of it (w² ratio 0.09; measured 0.042 s, its estimate 0.050 s). The 0.6 µm
     * channel (estimate 0.014 s) reads −0.044 s, the switch-on offset: its order against 1.5 µm is not asserted.
     */
    @Test
    void depositCreepFollowsTheCapillaryNumber() {
        double lk = new PhaseFieldParameters().interfaceMobility * new PhaseFieldParameters().kappa0 * 1e12; // L_σκ, µm² s⁻¹
        double[] mean = new double[2];
        double[] pores = {5, 1.5};
        for (int k = 0; k < 2; k++) {
            PhaseFieldResult r = ruleRun(pores[k], 4, 100, 4, 2, 2.0, false, 0.1);
            assertEquals("completed", r.status(), r.message());
            int it = RunMetrics.COLUMNS.indexOf("time_s");
            int iw = RunMetrics.COLUMNS.indexOf("wall_creep_index");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int n = 0;
            for (List<Object> row : r.series()) {
                double t = ((Number) row.get(it)).doubleValue();
                if (t >= 20 - 1e-9) {
                    double wt = ((Number) row.get(iw)).doubleValue() * t;
                    lo = Math.min(lo, wt);
                    hi = Math.max(hi, wt);
                    sum += wt;
                    n++;
                }
            }
            mean[k] = sum / n;
            double estimate = pores[k] * pores[k] / (24 * lk);
            System.out.printf(java.util.Locale.ROOT, "capillary creep %.1f um, 2 mA/cm2: WCI*t %.4f s (%.4f .. %.4f over %d rows), estimate w^2/(24 L kappa) %.4f s%n",
                    pores[k], mean[k], lo, hi, n, estimate);
            if (k == 0) {
                assertTrue(n >= 10 && lo > 0 && hi / lo < 1.8, "WCI falls as 1/t: " + lo + " .. " + hi);
                assertTrue(mean[0] > estimate && mean[0] < 2.5 * estimate, "WCI*t " + mean[0] + " vs estimate " + estimate);
            }
        }
        assertTrue(Math.abs(mean[1]) < 0.25 * mean[0], "w^2 scaling: 1.5 um " + mean[1] + " vs 5 um " + mean[0]);
    }

    /**
     * Bound of the plating-only WCI where the model predicts ≲ 2 × 10⁻³ (5 µm, 300 s) and the grid's own noise is of
     * that size: ±0.003 at 4 cells per interface (the oscillation with the front crossing one cell), |WCI| ≤ 0.005 at
     * 5 / 1.5 / 0.6 µm, 4 and 8 cells, Δt = 1 and 0.5 s from 200 s on (docs/phasefield-engine.md). The stabilized step
     * read 0.14–0.16.
     */
    private static final double WCI_NOISE = 0.005;

    /**
     * Issue 11 item 5: stripping 0.1 mAh cm⁻² at 1 mA cm⁻² (360 s). The flat interface (contact fraction 0.9, the
     * gaps' edges are its triple lines) loses a larger share of its Li|LLZO contact than the porous scaffold (1.5 µm
     * channels, 2 µm of Li in them) and needs a larger overpotential; both keep Faraday's balance.
     */
    @Test
    void strippingTheFlatInterfaceLosesMoreContactThanThePorousScaffold() {
        PhaseFieldResult porous = ruleRun(1.5, 4, 360, 4, 2, 1.0, true);
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.timeS = 360;
        p.currentDensityMaCm2 = 1.0;
        p.stripFirst = true;
        Resolution.forIdeal(1.5, 0.5, p).apply(p);
        Geometry g = IdealScaffold.flat(7.5, 4, p.dxUm, p.flatContactFraction, 4 * p.interfaceWidthUm()).toGeometry(p);
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 1;
        o.threads = 2;
        PhaseFieldResult flat = new PhaseFieldRun(g, p, o).run(null);
        for (PhaseFieldResult r : List.of(porous, flat)) {
            assertEquals("completed", r.status(), r.message());
            assertEquals(-360.0, r.finalMetrics().get("plated_charge_mC_cm2"), 1e-6 * 360, "1 mA/cm2 x 360 s = 0.1 mAh/cm2 stripped");
            assertTrue(Math.abs(r.finalMetrics().get("counter_charge_balance_rel_error")) < 1e-3);
        }
        double vf = flat.finalMetrics().get("interface_void_fraction");
        double vp = porous.finalMetrics().get("interface_void_fraction");
        System.out.printf(java.util.Locale.ROOT, "stripping 1 mA/cm2, 360 s: interface void fraction flat %.4f vs porous %.4f; eta flat %.4f V vs porous %.4f V%n", vf, vp,
                flat.finalMetrics().get("kinetic_overpotential_V"), porous.finalMetrics().get("kinetic_overpotential_V"));
        assertTrue(vf > vp, "flat loses more contact: " + vf + " vs " + vp);
        assertTrue(flat.finalMetrics().get("kinetic_overpotential_V") > porous.finalMetrics().get("kinetic_overpotential_V"));
    }
}
