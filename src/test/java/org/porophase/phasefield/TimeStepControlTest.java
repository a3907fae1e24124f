package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The automatic time step ({@code dt_s = 0}, the default): its rule, its control and its accuracy. */
class TimeStepControlTest {

    /** The rule: 2 s for linearized steps at the paper's current, the travel limit w/(16 v) at high current, 1 s after a fallback. */
    @Test
    void automaticStepFollowsTheSchemeAndTheFrontSpeed() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        assertEquals(0, p.dtS, "automatic by default");
        Resolution.forIdeal(0.6, 0.5, p).require(false, "test").apply(p);
        assertEquals(PhaseFieldParameters.MAX_AUTO_STEP_S, p.linearizedTimeStep(), 1e-12, "0.6 um at 0.2 mA/cm2: the cap");
        assertEquals(PhaseFieldParameters.FALLBACK_STEP_S, p.stabilizedTimeStep(), 1e-12);
        assertEquals(PhaseFieldParameters.FALLBACK_STEP_S, p.timeStep(true), 1e-12, "3D steps on the stabilized scheme");
        p.currentDensityMaCm2 = 20;
        double w = p.interfaceWidthUm();
        double v = p.denseGrowthVelocityUmS();
        assertEquals(w / (16 * v), p.linearizedTimeStep(), 1e-12, "20 mA/cm2: a dense front moves 1/16 of the interface per step");
        assertTrue(p.linearizedTimeStep() < 1, "" + p.linearizedTimeStep());
        p.currentDensityMaCm2 = -20;
        assertEquals(w / (16 * v), p.linearizedTimeStep(), 1e-12, "stripping: the same speed");
        p.dtS = 0.3;
        assertEquals(0.3, p.linearizedTimeStep(), 0);
        assertEquals(0.3, p.stabilizedTimeStep(), 0);
        PhaseFieldParameters q = new PhaseFieldParameters();
        q.xiTimeScheme = PhaseFieldParameters.XiTimeScheme.STABILIZED;
        assertEquals(q.autoTimeStepStabilized(), q.linearizedTimeStep(), 0, "the stabilized scheme keeps min(1 s, 30/S)");
        assertEquals(Math.min(1, 30 / q.stabilization()), q.stabilizedTimeStep(), 1e-12);
    }

    /** The control: the short step on the back-off and for HOLD steps after any stabilized step; its state survives a checkpoint. */
    @Test
    void shortStepsAfterAFallbackUntilTheLinearizedStepHolds() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        TimeStepControl c = new TimeStepControl(p);
        assertEquals(2.0, c.next(false), 0);
        assertEquals(1.0, c.next(true), 0, "back-off: the stabilized step's length");
        c.committed(false);
        assertEquals(2.0, c.next(false), 0);
        c.committed(true); // a fallback
        for (int k = 0; k < TimeStepControl.HOLD; k++) {
            assertEquals(1.0, c.next(false), 0, "step " + k + " after the fallback");
            c.committed(false);
        }
        assertEquals(2.0, c.next(false), 0, "after HOLD linearized steps that held");
        c.committed(true);
        c.committed(false);
        Map<String, Double> state = new LinkedHashMap<>();
        c.saveTo(state);
        TimeStepControl resumed = new TimeStepControl(p);
        assertEquals(2.0, resumed.next(false), 0);
        resumed.restoreFrom(state);
        for (int k = 1; k < TimeStepControl.HOLD; k++) {
            assertEquals(1.0, resumed.next(false), 0, "resumed, step " + k);
            assertEquals(c.next(false), resumed.next(false), 0);
            resumed.committed(false);
            c.committed(false);
        }
        assertEquals(2.0, resumed.next(false), 0);
        p.dtS = 0.5;
        TimeStepControl fixed = new TimeStepControl(p);
        fixed.committed(true);
        assertEquals(0.5, fixed.next(true), 0, "a given dt_s is used for every step");
        assertEquals(0.5, fixed.next(false), 0);
    }

    /**
     * The accuracy of the automatic step against Δt = 1 s (the default before it): 5 µm channels at the resolution
     * rule, 100 s at 0.2 mA cm⁻². Every step holds on the linearized scheme, so the run takes 2-s steps; η, cell
     * potential, contact area and hot-spot ratio agree within 2 × 10⁻⁴ relative, the front height within 10⁻³ µm
     * (measured on the full paper case, 1000 s: ≤ 4 × 10⁻⁵).
     */
    @Test
    void automaticStepMatchesTheOneSecondStep() {
        PhaseFieldResult auto = PlatingValidationTest.ruleRun(5, 4, 100, 4, 2, 0.2, false, 0);
        PhaseFieldResult one = PlatingValidationTest.ruleRun(5, 4, 100, 4, 2, 0.2, false, 1);
        assertEquals("completed", auto.status(), auto.message());
        assertEquals("completed", one.status(), one.message());
        assertEquals(2.0, auto.dtS(), 0);
        assertEquals(50, auto.stepsThisRun(), "every step 2 s long");
        assertEquals(0.0, (Double) auto.toJson().get("xi_stabilized_step_fraction"), 0);
        for (String k : new String[] {"kinetic_overpotential_V", "cell_potential_V", "contact_area_ratio", "hot_spot_ratio"}) {
            double a = auto.finalMetrics().get(k);
            double b = one.finalMetrics().get(k);
            System.out.printf(java.util.Locale.ROOT, "%s: dt auto %.8g, dt 1 s %.8g (%.2e)%n", k, a, b, (a - b) / b);
            assertEquals(b, a, 2e-4 * Math.abs(b), k);
        }
        assertEquals(one.finalMetrics().get("front_height_mean_um"), auto.finalMetrics().get("front_height_mean_um"), 1e-3);
        assertEquals(one.finalMetrics().get("plated_charge_mC_cm2"), auto.finalMetrics().get("plated_charge_mC_cm2"), 1e-9, "Faraday");
    }
}
