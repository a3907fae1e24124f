package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            if (e.getKey().equals("interface_scale")) {
                // set by the resolution rule (Resolution.apply), carried in checkpoints, not a user parameter
                assertTrue(ps == null, "interface_scale is not a plugin.yml parameter");
                assertEquals(1.0, e.getValue());
                continue;
            }
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
        // the automatic grid and the protocol defaults (issue 11)
        PhaseFieldParameters d = PhaseFieldParameters.defaults();
        assertEquals(0.0, d.dxUm, "dx_um = 0: automatic by the resolution rule");
        assertEquals(0.125, d.interfacePoreFraction);
        assertEquals(4.0, d.cellsPerInterface);
        assertEquals(1.0, d.interfaceScale);
        assertEquals(false, d.stripFirst);
        PhaseFieldParameters s = new PhaseFieldParameters();
        s.stripFirst = true;
        s.cycles = 3;
        assertEquals(true, s.copy().stripFirst, "strip_first survives copies (and checkpoints: toMap)");
        assertEquals(3.0, s.copy().cycles);
        PhaseFieldParameters fromCfg = PhaseFieldParameters.fromConfig(PluginConfig.defaults().with("phasefield",
                Map.of("strip_first", true, "cycles", 2, "capacity_mAh_cm2", 0.05, "equilibration_s", 30.0), "test"));
        assertTrue(fromCfg.stripFirst);
        assertEquals(2.0, fromCfg.cycles);
        assertEquals(0.05, fromCfg.capacityMahCm2);
        assertEquals(30.0, fromCfg.equilibrationS);
    }
}
