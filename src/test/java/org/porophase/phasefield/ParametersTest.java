package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.config.CommandSpec;
import org.porophase.config.ParamSpec;
import org.porophase.config.PluginConfig;

/** plugin.yml documents every parameter, and its defaults are the Java defaults; derived constants. */
class ParametersTest {
    @Test
    void everyParameterIsInPluginYmlWithUnitAndSource() {
        CommandSpec cs = PluginConfig.defaults().command("phasefield");
        assertEquals("Plugins>PoroPhase>Phase-Field Li Plating", cs.menu());
        PhaseFieldParameters java = new PhaseFieldParameters();
        PhaseFieldParameters yml = PhaseFieldParameters.defaults();
        for (Map.Entry<String, Double> e : java.toMap().entrySet()) {
            ParamSpec ps = cs.params().get(e.getKey());
            assertFalse(ps == null, "plugin.yml lacks phasefield." + e.getKey());
            assertFalse(ps.description().isBlank(), e.getKey() + " description");
            assertFalse(ps.source().isBlank(), e.getKey() + " source");
            assertEquals(e.getValue(), yml.toMap().get(e.getKey()), 1e-12 * Math.abs(e.getValue()), e.getKey() + " default");
        }
    }

    /** Derived constants against hand calculations (docs/phase-field.md table). */
    @Test
    void derivedConstants() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        assertEquals(0.25, p.interfaceLengthUm(), 1e-12); // √(7.5e-7 / 1.2e7) m
        assertEquals(0.5, p.interfaceEnergy(), 1e-12); // √(2·6e6·7.5e-7)/6
        assertEquals(7.371e9, p.currentConstant(), 1e6); // F·C_m
        assertEquals(2.18e-13, p.diffusivityLlzo(), 0.01e-13); // Nernst–Einstein, in the 2–4e-13 range
        assertEquals(2.713e-4, p.denseGrowthVelocityUmS(), 0.001e-4); // 0.27 nm/s at 0.2 mA/cm²
        assertEquals(1.875, p.capillaryCoefficientUm2S(), 1e-12);
        PhaseFieldParameters bad = new PhaseFieldParameters();
        bad.dxUm = -1;
        assertThrows(PoroPhaseException.class, bad::validate);
        assertThrows(PoroPhaseException.class, () -> new PhaseFieldParameters().set("nope", 1));
    }
}
