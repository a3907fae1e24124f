package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import org.junit.jupiter.api.Test;

/** Headless (as in CI and on servers): values come from macro options with GenericDialog's keys. */
@org.junit.jupiter.api.extension.ExtendWith(org.porophase.ui.ij.MacroThread.class)
class ParameterDialogTest {




    private static ParameterDialog dialog() {
        ParameterDialog gd = new ParameterDialog("t");
        gd.addNumericField("Pixel_size (µm; 0 = from file)", 0, 3);
        gd.addChoice("Threshold_method", new String[] {"Default", "Otsu"}, "Default");
        gd.addCheckbox("Watershed", false);
        gd.addCheckbox("Fill_holes", true);
        gd.addStringField("Output_folder (empty = none)", "");
        return gd;
    }

    @Test
    void readsMacroOptionsWithGenericDialogKeys() {
        assertTrue(ParameterDialog.isHeadless());
        Macro.setOptions(Thread.currentThread(), "pixel_size=0.05 threshold_method=otsu watershed output_folder=[/tmp/a b] ");
        ParameterDialog gd = dialog();
        assertTrue(gd.show());
        assertEquals(0.05, gd.getNextNumber(), 0);
        assertEquals("Otsu", gd.getNextChoice());
        assertTrue(gd.getNextBoolean());
        assertFalse(gd.getNextBoolean(), "a checkbox absent from the options is off, as in GenericDialog");
        assertEquals("/tmp/a b", gd.getNextString());
    }

    @Test
    void defaultsWithoutOptionsAndClearErrors() {
        ParameterDialog gd = dialog();
        assertTrue(gd.show());
        assertEquals(0, gd.getNextNumber(), 0);
        assertEquals("Default", gd.getNextChoice());
        assertFalse(gd.getNextBoolean());
        assertTrue(gd.getNextBoolean());
        Macro.setOptions(Thread.currentThread(), "threshold_method=Nope ");
        org.porophase.core.PoroPhaseException e = assertThrows(org.porophase.core.PoroPhaseException.class, () -> dialog().show());
        assertTrue(e.getMessage().contains("Default, Otsu"), e.getMessage());
    }
}
