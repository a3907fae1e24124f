package org.porophase.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porophase.config.PluginConfig;
import org.porophase.core.PoroPhaseException;

/** Macro-syntax options bound to plugin.yml: the rules every ImageJ and SciJava command shares. */
class MacroOptionsTest {
    static final List<MacroOptions.Field> FIELDS = List.of(new MacroOptions.Field("input", "", List.of("open")),
            new MacroOptions.Field("output_folder", "", List.of("output")));

    static MacroOptions bind(String options) {
        return MacroOptions.bind(options, List.of("analyze", "analyze-volume"), FIELDS, List.of("source"), "Analyze Cross-Section");
    }

    @Test
    void parsesImageJSyntax() {
        Map<String, String> m = MacroOptions.parse("pixel_size_um=0.05 Watershed output_folder=[/tmp/a b] threshold_method=otsu ");
        assertEquals("0.05", m.get("pixel_size_um"));
        assertTrue(m.containsKey("watershed"));
        assertNull(m.get("watershed"), "a bare word is a ticked checkbox");
        assertEquals("/tmp/a b", m.get("output_folder"));
        assertThrows(PoroPhaseException.class, () -> MacroOptions.parse("input=[/tmp/unclosed"));
    }

    @Test
    void keysAreParameterNamesAndValuesAreChecked() {
        MacroOptions m = bind("input=[/d/x.tif] pixel_size_um=0.05 threshold_method=li watershed local_thickness=false");
        PluginConfig c = m.config("analyze");
        assertEquals("/d/x.tif", m.field("input"));
        assertEquals(0.05, c.getDouble("analyze", "pixel_size_um"), 0);
        assertEquals("Li", c.getString("analyze", "threshold_method"), "choices match case-insensitively");
        assertTrue(c.getBoolean("analyze", "watershed"));
        assertFalse(c.getBoolean("analyze", "local_thickness"), "key=false turns a default-on box off");
        assertTrue(c.getBoolean("analyze", "autocrop"), "a box not named keeps its default (on)");
        assertTrue(m.warnings().isEmpty(), m.warnings().toString());
        // the same name sets it in each block that has it
        assertEquals("Li", m.config("analyze-volume").getString("analyze-volume", "threshold_method"));
    }

    @Test
    void formerKeysWorkWithAWarning() {
        MacroOptions m = bind("open=[/d/x.tif] pixel_size=0.1 pores=bright keep_info_bar no_mask_image source=file");
        PluginConfig c = m.config("analyze");
        assertEquals("/d/x.tif", m.field("input"));
        assertEquals(0.1, c.getDouble("analyze", "pixel_size_um"), 0);
        assertEquals("bright", c.getString("analyze", "pore_phase"));
        assertFalse(c.getBoolean("analyze", "autocrop"), "keep_info_bar was the inverted autocrop");
        assertFalse(c.getBoolean("analyze", "save_mask"));
        assertEquals(5, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().toString().contains("keep_info_bar is now called autocrop=false"), m.warnings().toString());
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsThatSayWhatIsAllowed() {
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> bind("input=x.tif treshold=100"));
        assertTrue(e.getMessage().startsWith("option 'treshold' is not known to Analyze Cross-Section; known: input, output_folder, config, pixel_size_um"),
                e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> bind("pixel_size_um=-1").config("analyze"));
        assertTrue(e.getMessage().contains("pixel_size_um = -1 µm is out of range: a number > 0 µm"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> bind("border_pores=some").config("analyze"));
        assertTrue(e.getMessage().contains("include, exclude-from-shape, guard-frame"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> bind("pixel_size_um"));
        assertTrue(e.getMessage().contains("needs a value"), e.getMessage());
    }
}
