package org.porophase.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Stenzel et al. (2016) regressions evaluated against hand-computed values. */
class MFactorTest {
    @Test
    void straightUnconstrictedPathsGiveThePowerOfTheFraction() {
        // β = 1, τ_geod = 1: M = ε^1.15 and ε
        assertEquals(Math.pow(0.3, 1.15), MFactor.stenzel2016(0.3, 1, 1), 1e-15);
        assertEquals(0.3, MFactor.stenzel2016Simplified(0.3, 1, 1), 1e-15);
        // a β above 1 (box-bounded PSD) counts as 1
        assertEquals(0.3, MFactor.stenzel2016Simplified(0.3, 1.02, 1), 1e-15);
    }

    @Test
    void handComputedValues() {
        // ε = 0.5, β = 0.5, τ = 1.2: 0.5^1.15 · 0.5^0.37 / 1.2^4.39 = 0.156613…, 0.5 · 0.5^0.36 / 1.2^5.17 = 0.151786…
        assertEquals(0.156613, MFactor.stenzel2016(0.5, 0.5, 1.2), 1e-5);
        assertEquals(0.151786, MFactor.stenzel2016Simplified(0.5, 0.5, 1.2), 1e-5);
        Map<String, Object> m = MFactor.toJson(0.5, 0.5, 1.2, 0.2);
        assertEquals(0.2, (Double) m.get("computed_relative_diffusivity"), 0);
        assertNull(MFactor.toJson(0.5, Double.NaN, 1.2, 0.2));
        assertNull(MFactor.toJson(0.5, 0.5, null, 0.2));
    }
}
