package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.CalibrationSource;
import org.porophase.segment.InfoBarDetector;
import org.porophase.io.SemImage;
import org.porophase.io.SemReader;

import picocli.CommandLine;

/** The synth command end to end: files written, vendor calibration read back, info bar found. */
class SynthCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new SynthCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void eachVendorRoundTrips() throws Exception {
        String[][] cases = {{"fei", "fei"}, {"zeiss", "zeiss"}, {"tescan", "tescan"}, {"imagej", "imagej"}, {"none", "none"}};
        for (String[] c : cases) {
            Path out = dir.resolve("img_" + c[0] + ".tif");
            StringWriter err = new StringWriter();
            int rc = run(err, "--model", "cylinders", "--width", "256", "--height", "192", "--pixel-size", "0.08",
                    "--pore-diameter", "2.0", "--porosity", "0.3", "--info-bar-px", "40", "--vendor", c[0], "--seed", "9",
                    "--out", out.toString());
            assertEquals(0, rc, err.toString());
            Path json = dir.resolve("img_" + c[0] + ".truth.json");
            assertTrue(Files.exists(json));
            String j = Files.readString(json);
            assertTrue(j.contains("\"calibration_source_expected\": \"" + c[1] + "\""), j);
            SemImage im = SemReader.read(out, null);
            assertEquals(c[1], im.calibration().source().key());
            if (im.calibration().source() != CalibrationSource.NONE) {
                assertEquals(0.08, im.calibration().pixelWidthUm(), 1e-12);
            }
            assertEquals(232, im.height());
            // image-based detection alone finds the 40-row bar exactly
            InfoBarDetector.InfoBar ib = InfoBarDetector.detect(im.processor(), OptionalInt.empty());
            assertEquals(192, ib.rowsKept(), c[0] + ": " + ib.method());
            if (c[0].equals("fei")) {
                assertEquals(OptionalInt.of(192), im.metadataImageHeight());
                assertEquals("metadata: scan height 192 of 232 rows", InfoBarDetector.detect(im.processor(), im.metadataImageHeight()).method());
            }
        }
    }

    @Test
    void booleanWithIntensity() throws Exception {
        Path out = dir.resolve("b.tif");
        int rc = run(new StringWriter(), "--model", "boolean", "--width", "128", "--height", "128", "--radius", "1.0",
                "--intensity", "0.2", "--out", out.toString());
        assertEquals(0, rc);
        String j = Files.readString(dir.resolve("b.truth.json"));
        // 1 - exp(-0.2 π) = 0.46651...
        assertTrue(j.contains("\"porosity_expected\": 0.4665"), j);
    }

    @Test
    void badArgumentsGiveAClearError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--model", "spheres", "--out", dir.resolve("x.tif").toString()));
        assertTrue(err.toString().contains("--model must be cylinders or boolean"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "--porosity", "0.9", "--out", dir.resolve("x.tif").toString()));
        assertTrue(err2.toString().contains("--porosity"), err2.toString());
        assertTrue(Files.notExists(dir.resolve("x.tif")));
    }

    /** The bundled images read back with the right calibration and bar, and are byte-identical to a regeneration. */
    @Test
    void bundledImagesMatchTheGenerator() throws Exception {
        Path root = Path.of("test-images");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "test-images/ not present");
        SemImage fei = SemReader.read(root.resolve("sem_cylinders_fei.tif"), null);
        assertEquals(CalibrationSource.FEI, fei.calibration().source());
        assertEquals(0.1, fei.calibration().pixelWidthUm(), 1e-12);
        assertEquals(480, InfoBarDetector.detect(fei.processor(), OptionalInt.empty()).rowsKept());
        SemImage zeiss = SemReader.read(root.resolve("sem_boolean_zeiss.tif"), null);
        assertEquals(CalibrationSource.ZEISS, zeiss.calibration().source());
        assertEquals(0.1, zeiss.calibration().pixelWidthUm(), 1e-12);
        assertEquals(480, InfoBarDetector.detect(zeiss.processor(), zeiss.metadataImageHeight()).rowsKept());
        SemImage tescan = SemReader.read(root.resolve("sem_cylinders_tescan.tif"), null);
        assertEquals(CalibrationSource.TESCAN, tescan.calibration().source());
        assertEquals(0.04, tescan.calibration().pixelWidthUm(), 1e-12);
        assertEquals(384, InfoBarDetector.detect(tescan.processor(), tescan.metadataImageHeight()).rowsKept());
        // same command line as test-images/regenerate.sh
        Path out = dir.resolve("sem_cylinders_fei.tif");
        assertEquals(0, run(new StringWriter(), "--model", "cylinders", "--width", "640", "--height", "480", "--pixel-size", "0.1",
                "--pore-diameter", "3.0", "--porosity", "0.35", "--noise", "12", "--blur-px", "1.0", "--info-bar-px", "60",
                "--vendor", "fei", "--seed", "101", "--out", out.toString()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(root.resolve("sem_cylinders_fei.tif")), Files.readAllBytes(out));
        assertEquals(Files.readString(root.resolve("sem_cylinders_fei.truth.json")), Files.readString(dir.resolve("sem_cylinders_fei.truth.json")));
    }
}
