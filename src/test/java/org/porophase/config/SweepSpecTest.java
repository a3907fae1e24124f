package org.porophase.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;

/** Sweep files: the grid's points in order, names and values checked against plugin.yml before anything runs. */
class SweepSpecTest {

    static SweepSpec parse(String yaml) {
        return SweepSpec.parse(yaml, "test.yml", PluginConfig.defaults());
    }

    @Test
    void theGridIsEveryCombinationFirstKeySlowest() {
        SweepSpec s = parse("command: phasefield\nbase: {ideal: true, time_s: 5}\ngrid:\n  pore_size_um: [1.5, 5]\n  current_density_mA_cm2: [0.1, 0.2, 0.3]\n");
        List<? extends Map<String, Object>> p = s.points();
        assertEquals(6, p.size());
        assertEquals(Map.of("pore_size_um", 1.5, "current_density_mA_cm2", 0.1), p.get(0));
        assertEquals(Map.of("pore_size_um", 1.5, "current_density_mA_cm2", 0.3), p.get(2));
        assertEquals(Map.of("pore_size_um", 5, "current_density_mA_cm2", 0.1), p.get(3));
        PluginConfig c = s.apply(s.apply(PluginConfig.defaults(), s.base(), "base"), p.get(5), "grid");
        assertEquals(5.0, c.getDouble("phasefield", "pore_size_um"));
        assertEquals(0.3, c.getDouble("phasefield", "current_density_mA_cm2"));
        assertEquals(5.0, c.getDouble("phasefield", "time_s"));
        assertTrue(c.getBoolean("phasefield", "ideal"));
    }

    @Test
    void aCompareSweepSetsASharedNameInEveryBlockAndABlockNameInOne() {
        SweepSpec s = parse("command: compare\ninputs: [a.tif]\nbase: {time_s: 50, phasefield.contact_angle_deg: 120}\ngrid: {threshold_method: [otsu, li]}\n");
        PluginConfig c = s.apply(s.apply(PluginConfig.defaults(), s.base(), "base"), s.points().get(1), "grid");
        assertEquals(50.0, c.getDouble("compare", "time_s"));
        assertEquals(120.0, c.getDouble("phasefield", "contact_angle_deg"));
        assertEquals("Li", c.getString("analyze", "threshold_method")); // the choice as plugin.yml spells it
        assertEquals("Li", c.getString("analyze-volume", "threshold_method"));
        assertEquals(List.of("a.tif"), s.inputs());
    }

    @Test
    void mistakesAreRefusedWithTheNameAndTheFix() {
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> parse("command: phasefield\ngrid: {pore_diameter: [1, 2]}\n"));
        assertTrue(e.getMessage().contains("'pore_diameter' is not a parameter of phasefield"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> parse("command: phasefield\ngrid: {porosity: [0.5, 1.5]}\n"));
        assertTrue(e.getMessage().contains("porosity") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> parse("command: analyze\ngrid: {threshold: [1]}\n"));
        assertTrue(e.getMessage().contains("[phasefield, compare]"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> parse("command: compare\ngrid: {time_s: [1]}\n"));
        assertTrue(e.getMessage().contains("needs inputs"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> parse("command: phasefield\ngrid: {}\n"));
        assertTrue(e.getMessage().contains("grid must map"), e.getMessage());
    }
}
