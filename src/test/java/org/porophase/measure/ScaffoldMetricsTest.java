package org.porophase.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;

/** Numbers from Zhang et al., ACS AMI 16 (2024) 12353, Experimental Section. */
class ScaffoldMetricsTest {

    @Test
    void eq1IdealCylinders() {
        // φ = 51 %, δ = 2.3 µm (the paper's membrane): 4·0.51/2.3 = 0.88696 µm⁻¹. The paper's
        // 1.3 µm⁻¹ is eq. 3 on its SEM section, not eq. 1.
        assertEquals(0.886957, ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(0.51, 2.3), 1e-6);
        // Fig. 1d example: φ = 50 %, δ = 5 µm → 0.4 µm⁻¹
        assertEquals(0.4, ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(0.5, 5), 1e-15);
        assertThrows(PoroPhaseException.class, () -> ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(51, 2.3));
        assertThrows(PoroPhaseException.class, () -> ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(0.5, 0));
    }

    @Test
    void eq2CurrentDensityReduction() {
        // Fig. 1c,d: Li infiltrated 10 µm into a 50 % porous membrane with 5 µm pores → 75 %
        double sc = ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(0.5, 5);
        assertEquals(0.75, ScaffoldMetrics.currentDensityReduction(10, sc), 1e-12);
        // the paper's membrane, S_c = 1.3 µm⁻¹ and 5 µm infiltration (Figure 4c,d): 1 − 1/6.5
        assertEquals(1 - 1 / 6.5, ScaffoldMetrics.currentDensityReduction(5, 1.3), 1e-12);
        // d·S_c < 1: negative, the model does not apply
        assertTrue(ScaffoldMetrics.currentDensityReduction(1, 0.5) < 0);
        assertThrows(PoroPhaseException.class, () -> ScaffoldMetrics.currentDensityReduction(10, 0));
    }

    @Test
    void eq7Bruggeman() {
        // σ_h = σ_m / (1 − 3f/2): f = 0.51 → divisor 0.235
        assertEquals(0.1 / 0.235, ScaffoldMetrics.bruggemanCorrectedConductivity(0.1, 0.51), 1e-12);
        assertEquals(0.32, ScaffoldMetrics.bruggemanCorrectedConductivity(0.32, 0), 0);
        assertEquals(2.0, ScaffoldMetrics.bruggemanCorrectedConductivity(0.5, 0.5), 1e-12);
        assertThrows(PoroPhaseException.class, () -> ScaffoldMetrics.bruggemanCorrectedConductivity(0.1, 2.0 / 3.0));
        assertThrows(PoroPhaseException.class, () -> ScaffoldMetrics.bruggemanCorrectedConductivity(0.1, 0.7));
    }

    @Test
    void eq3CrossSection() {
        assertEquals(1.3, ScaffoldMetrics.specificSurfaceFromCrossSection(130, 100), 1e-12);
        // consistency with eq. 1: the paper's φ = 0.51 and S_c = 1.3 µm⁻¹ imply a hydraulic pore
        // diameter 4φ/S_c = 1.57 µm, smaller than its quoted 2.3 µm mean pore size
        assertEquals(1.569, 4 * 0.51 / 1.3, 0.001);
        assertThrows(PoroPhaseException.class, () -> ScaffoldMetrics.specificSurfaceFromCrossSection(1, 0));
    }
}
