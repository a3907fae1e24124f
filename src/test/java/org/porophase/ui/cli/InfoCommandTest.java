package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.io.RawTiff;
import org.porophase.ui.cli.AnalyzeCommandTest.Run;

/**
 * The {@code info} command (text and {@code --json}, files, volumes, folders, exit codes) and the pixel-honest
 * {@code analyze} / {@code analyze-volume} behaviour it describes: an uncalibrated image refused for µm results
 * (exit 2), {@code --units px} keys, a Zeiss FIB-SEM stack analysed with its tag's x, y and {@code --slice-spacing}.
 */
class InfoCommandTest {
    @TempDir
    Path dir;

    private static final String CRLF = "\r\n";
    /** The calibration lines of rosettasciio's test_tiff_Zeiss_SEM_512pix.tif (see io.VendorCalibrationTest). */
    private static final String ZEISS_512 = String.join(CRLF, "AP_PIXEL_SIZE", "Pixel Size = 5.825 nm", "AP_HEIGHT",
            "Height = 4.474 \u00b5m", "AP_WIDTH", "Width = 5.965 \u00b5m", "");

    private Path zeiss512() {
        return RawTiff.write(dir.resolve("zeiss512.tif"), List.of(RawTiff.pattern(512, 384, 0).ascii(34118, ZEISS_512)), Map.of());
    }

    private Path plain() {
        return RawTiff.write(dir.resolve("plain.tif"), List.of(RawTiff.pattern(128, 96, 0)), Map.of());
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void textNamesThePixelSizeAndTheFieldItCameFrom() {
        Run r = AnalyzeCommandTest.run("info", zeiss512().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("image, 512 × 384 px, 8-bit"), r.out());
        assertTrue(r.out().contains("vendor:      Zeiss SmartSEM"), r.out());
        assertTrue(r.out().contains("pixel size:  0.0116504 µm"), r.out()); // 5.965 µm / 512, not 5.825 nm
        assertTrue(r.out().contains("source:      zeiss: AP_WIDTH \"Width = 5.965 µm\" / 512 px (tag 34118)"), r.out());
        assertTrue(r.out().contains("data bar:"), r.out());
    }

    @Test
    void jsonHasEveryKey() {
        Run r = AnalyzeCommandTest.run("info", zeiss512().toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String j = r.out();
        assertEquals(5.965 / 512, number(j, "pixel_size_um"), 1e-12);
        assertEquals(512, number(j, "width_px"), 0);
        assertEquals(384, number(j, "height_px"), 0);
        assertEquals(8, number(j, "bit_depth"), 0);
        assertEquals(384, number(j, "rows_analyzed") + number(j, "data_bar_rows"), 0);
        for (String k : List.of("\"kind\":\"image\"", "\"vendor\":\"Zeiss SmartSEM\"", "\"calibration_source\":\"zeiss\"", "\"info_bar_method\":",
                "\"warnings\":[]")) {
            assertTrue(j.contains(k), k + " in " + j);
        }
    }

    @Test
    void aFolderListsEachFileAndAnUnreadableOneGivesExit1() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("f"));
        Files.copy(zeiss512(), folder.resolve("a.tif"));
        Files.copy(plain(), folder.resolve("b.tif"));
        Files.write(folder.resolve("c.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1});
        Run r = AnalyzeCommandTest.run("info", folder.toString(), "--json");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("\"files\":3") && r.out().contains("\"failed\":1"), r.out());
        assertTrue(r.out().contains("\"calibration_source\":\"none\""), "b.tif is described as uncalibrated: " + r.out());
        assertTrue(r.err().contains("warning: " + folder.resolve("b.tif") + ": uncalibrated"), r.err());
        assertTrue(r.err().contains("error: " + folder.resolve("c.tif")), r.err());
        // a single unreadable input: bad input, exit 2, one error line
        Run bad = AnalyzeCommandTest.run("info", dir.resolve("missing.tif").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: ") && bad.err().contains("missing.tif"), bad.err());
    }

    private Path fibStack() {
        RawTiff.Page[] pages = new RawTiff.Page[4];
        String[] ys = {"2.138 \u00b5m", "2.108 \u00b5m", "2.078 \u00b5m", "2.048 \u00b5m"};
        for (int i = 0; i < pages.length; i++) {
            // pages without a milling position: x, y from the tag, z from --slice-spacing
            pages[i] = RawTiff.pattern(64, 64, i % 2).ascii(34118, String.join(CRLF, "AP_IMAGE_PIXEL_SIZE", "Image Pixel Size = 12.33 nm", ""));
        }
        return RawTiff.write(dir.resolve("fib.tif"), List.of(pages), Map.of());
    }

    @Test
    void aFibSemStackIsDescribedAndAnalysedWithSliceSpacing() {
        Path f = fibStack();
        Run info = AnalyzeCommandTest.run("info", f.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("\"kind\":\"volume\"") && info.out().contains("\"slice_spacing_um\":null"), info.out());
        assertTrue(info.out().contains("pass --slice-spacing"), info.out());
        Run withZ = AnalyzeCommandTest.run("info", f.toString(), "--slice-spacing", "0.03", "--json");
        assertEquals(0.01233, number(withZ.out(), "pixel_size_um"), 1e-12);
        assertEquals(0.03, number(withZ.out(), "slice_spacing_um"), 1e-12);
        // the volume analysis: refused without z (exit 2, the message asks for --slice-spacing), done with it
        Run refused = AnalyzeCommandTest.run("analyze-volume", f.toString(), "--json", "--no-local-thickness");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--slice-spacing"), refused.err());
        Run done = AnalyzeCommandTest.run("analyze-volume", f.toString(), "--slice-spacing", "0.03", "--json", "--no-local-thickness");
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().replace(" ", "").contains("0.01233,0.01233,0.03"), done.out());
    }

    @Test
    void uncalibratedAnalysisIsRefusedUnlessPixelUnitsAreAsked() {
        Path f = plain();
        Run refused = AnalyzeCommandTest.run("analyze", f.toString(), "--json");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("plain.tif has no pixel size") && refused.err().contains("--pixel-size UM")
                && refused.err().contains("--units px"), refused.err());
        assertEquals("", refused.out(), "nothing reported as ok");
        Run px = AnalyzeCommandTest.run("analyze", f.toString(), "--units", "px", "--json");
        assertEquals(0, px.code(), px.err());
        String j = px.out();
        assertTrue(j.contains("\"total_pore_area_px2\":") && j.contains("\"total_pore_perimeter_px\":")
                && j.contains("\"specific_surface_area_per_px\":") && j.contains("\"length_unit\":\"pixel\""), j);
        assertFalse(j.contains("\"total_pore_area_um2\"") || j.contains("\"specific_surface_area_per_um\""), j);
        assertTrue(j.contains("\"current_density_reduction\":null"), j);
        assertTrue(px.err().contains("warning: ") && px.err().contains("results in pixels (--units px)"), px.err());
        // compare needs µm: pixel units are refused there before anything runs
        Run cmp = AnalyzeCommandTest.run("compare", f.toString(), "--units", "px", "--out", dir.resolve("cmp").toString());
        assertEquals(2, cmp.code(), cmp.err());
        assertTrue(cmp.err().contains("--units px is not allowed"), cmp.err());
        // with the pixel size given, µm as usual
        Run given = AnalyzeCommandTest.run("analyze", f.toString(), "--pixel-size", "0.05", "--json");
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("\"calibration_source\":\"user\""), given.out());
    }
}
