package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.Macro;
import ij.measure.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.io.RawTiff;

/**
 * Plugins › PoroPhase › Image Info as a macro calls it, headless: one row per input in "PoroPhase Info" (pixel size,
 * source, detail, warnings) and every warning in the Log (IJ.log, printed to standard output when headless).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.porophase.ui.ij.MacroThread.class)
class InfoPluginTest {

    @Test
    void macroRunDescribesAFileAndLogsItsWarnings(@TempDir Path dir) {
        String zeiss = String.join("\r\n", "AP_PIXEL_SIZE", "Pixel Size = 5.825 nm", "AP_WIDTH", "Width = 5.965 \u00b5m", "");
        Path z = RawTiff.write(dir.resolve("z512.tif"), List.of(RawTiff.pattern(512, 96, 0).ascii(34118, zeiss)), Map.of());
        Path plain = RawTiff.write(dir.resolve("plain.tif"), List.of(RawTiff.pattern(64, 48, 0)), Map.of());
        ResultsTable t = Display.table(InfoPlugin.TABLE);
        int before = t.size();
        PrintStream old = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Macro.setOptions(Thread.currentThread(), "input=[" + z + "] ");
            new InfoPlugin().run("");
            Macro.setOptions(Thread.currentThread(), "input=[" + plain + "] ");
            new InfoPlugin().run("");
        } finally {
            System.setOut(old);
        }
        assertEquals(before + 2, t.size());
        assertEquals(5.965 / 512, t.getValue("pixel_size_um", before), 1e-9);
        assertEquals("zeiss", t.getStringValue("calibration_source", before));
        assertTrue(t.getStringValue("calibration_detail", before).startsWith("AP_WIDTH"), t.getStringValue("calibration_detail", before));
        assertEquals("none", t.getStringValue("calibration_source", before + 1));
        assertTrue(t.getStringValue("warnings", before + 1).contains("uncalibrated"), t.getStringValue("warnings", before + 1));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("PoroPhase Info warning (" + plain + "): uncalibrated"), logged);
    }
}
