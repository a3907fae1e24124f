package org.porophase.io;

import org.porophase.core.CalibrationSource;
import org.porophase.core.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;

import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/** Calibration parsing of each vendor format, written with {@link TiffWriter} (+ sidecars) and read back. */
class SemReaderCalibrationTest {
    @TempDir
    Path dir;

    /** Pixel sizes are parsed from decimal text: exact up to double rounding, so compare with 1e-12 relative. */
    private static void assertUm(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12, "pixel size in µm");
    }

    private static ByteProcessor gray(int w, int h) {
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bp.set(x, y, (x * 7 + y * 13) & 0xFF);
            }
        }
        return bp;
    }

    private Path write(String name, TiffWriter.Options o) {
        Path f = dir.resolve(name);
        TiffWriter.write(f, gray(64, 48), o);
        return f;
    }

    private static String fei(String pw, String ph, int resY) {
        return "[User]\r\nDate=01/02/2024\r\n\r\n[Beam]\r\nHV=15000\r\n\r\n[Scan]\r\nPixelWidth=" + pw + "\r\nPixelHeight=" + ph
                + "\r\n\r\n[Image]\r\nResolutionX=64\r\nResolutionY=" + resY + "\r\n\r\n[PrivateFei]\r\nDatabarHeight=8\r\n";
    }

    @Test
    void imagejMicron() {
        SemImage im = SemReader.read(write("ij.tif", new TiffWriter.Options().calibrationUm(0.0125, 0.0125)), null);
        assertEquals(CalibrationSource.IMAGEJ, im.calibration().source());
        assertUm(0.0125, im.calibration().pixelWidthUm());
        assertUm(0.0125, im.calibration().pixelHeightUm());
        assertEquals("µm", im.calibration().unit());
        assertTrue(im.warnings().isEmpty(), im.warnings().toString());
    }

    @Test
    void imagejNanometreAndMillimetreConverted() {
        SemImage nm = SemReader.read(write("nm.tif", new TiffWriter.Options().calibration(12.5, 25.0, "nm")), null);
        assertEquals(CalibrationSource.IMAGEJ, nm.calibration().source());
        assertUm(0.0125, nm.calibration().pixelWidthUm());
        assertUm(0.025, nm.calibration().pixelHeightUm());
        SemImage mm = SemReader.read(write("mm.tif", new TiffWriter.Options().calibration(0.002, 0.002, "mm")), null);
        assertUm(2.0, mm.calibration().pixelWidthUm());
    }

    @Test
    void inch72DpiIsNotACalibration() {
        SemImage im = SemReader.read(write("dpi.tif", new TiffWriter.Options().inchDpi(72)), null);
        assertEquals(CalibrationSource.NONE, im.calibration().source());
        assertFalse(im.calibration().isCalibrated());
        assertEquals("pixel", im.calibration().unit());
        assertTrue(im.warnings().stream().anyMatch(w -> w.contains("72 dpi")), im.warnings().toString());
        assertTrue(im.warnings().contains(SemReader.UNCALIBRATED_WARNING));
    }

    @Test
    void uncalibratedWarns() {
        SemImage im = SemReader.read(write("plain.tif", new TiffWriter.Options()), null);
        assertEquals(Calibration.uncalibrated(), im.calibration());
        assertEquals(java.util.List.of(SemReader.UNCALIBRATED_WARNING), im.warnings());
    }

    @Test
    void feiTag34682() {
        Path f = write("fei.tif", new TiffWriter.Options().tag(34682, fei("1.5e-08", "1.5e-08", 40)));
        SemImage im = SemReader.read(f, null);
        assertEquals(CalibrationSource.FEI, im.calibration().source());
        assertUm(0.015, im.calibration().pixelWidthUm());
        assertTrue(im.calibration().detail().contains("PixelWidth=1.5e-08"), im.calibration().detail());
        assertEquals(OptionalInt.of(40), im.metadataImageHeight());
        assertEquals("15000", im.metadata().get("fei.[Beam] HV"));
        assertTrue(im.warnings().isEmpty(), im.warnings().toString());
    }

    @Test
    void feiDatabarHeightGivesScanHeightWhenNoResolutionY() {
        String ini = "[Scan]\r\nPixelWidth=2e-9\r\n\r\n[PrivateFei]\r\nDatabarHeight=8\r\n";
        SemImage im = SemReader.read(write("fei2.tif", new TiffWriter.Options().tag(34682, ini)), null);
        assertUm(0.002, im.calibration().pixelWidthUm());
        assertUm(0.002, im.calibration().pixelHeightUm());
        assertEquals(OptionalInt.of(40), im.metadataImageHeight());
    }

    @Test
    void zeissTag34118Nanometre() {
        String z = "0\r\nDP_DETECTOR_TYPE\r\nDetector = SE2\r\nAP_PIXEL_SIZE\r\nImage Pixel Size = 2.233 nm\r\nAP_MAG\r\nMag = 50.00 K X\r\n";
        SemImage im = SemReader.read(write("zeiss.tif", new TiffWriter.Options().tag(34118, z)), null);
        assertEquals(CalibrationSource.ZEISS, im.calibration().source());
        assertUm(0.002233, im.calibration().pixelWidthUm());
        assertEquals("SE2", im.metadata().get("zeiss.Detector"));
    }

    @Test
    void zeissMicronInLatin1AndPicometre() {
        // SmartSEM writes "µm" with the single ISO-8859-1 byte 0xB5.
        String z = "AP_PIXEL_SIZE\r\nImage Pixel Size = 1.250 µm\r\n";
        SemImage im = SemReader.read(write("zeissum.tif",
                new TiffWriter.Options().tagBytes(34118, z.getBytes(StandardCharsets.ISO_8859_1))), null);
        assertUm(1.25, im.calibration().pixelWidthUm());
        SemImage pm = SemReader.read(write("zeisspm.tif",
                new TiffWriter.Options().tag(34118, "AP_PIXEL_SIZE\r\nImage Pixel Size = 744.2 pm\r\n")), null);
        assertUm(7.442e-4, pm.calibration().pixelWidthUm());
    }

    @Test
    void tescanTagAndSidecarHdr() {
        String ini = "[MAIN]\r\nDevice=MIRA3\r\nPixelSizeX=5.2e-009\r\nPixelSizeY=5.4e-009\r\n";
        SemImage im = SemReader.read(write("tescan.tif", new TiffWriter.Options().tag(50431, ini)), null);
        assertEquals(CalibrationSource.TESCAN, im.calibration().source());
        assertUm(0.0052, im.calibration().pixelWidthUm());
        assertUm(0.0054, im.calibration().pixelHeightUm());

        Path f = write("tescan2.tif", new TiffWriter.Options());
        writeText(dir.resolve("tescan2.hdr"), ini.replace("5.2e-009", "7e-008").replace("5.4e-009", "7e-008"));
        SemImage side = SemReader.read(f, null);
        assertEquals(CalibrationSource.TESCAN, side.calibration().source());
        assertUm(0.07, side.calibration().pixelWidthUm());
        assertTrue(side.calibration().detail().contains("tescan2.hdr"), side.calibration().detail());
    }

    @Test
    void hitachiSidecarTxt() throws Exception {
        Path f = write("hitachi.tif", new TiffWriter.Options());
        writeText(dir.resolve("hitachi.txt"), "[SemImageFile]\r\nInstructName=S-4800\r\nDataSize=64x40\r\nPixelSize=9.921875\r\nMagnification=5000\r\n");
        SemImage im = SemReader.read(f, null);
        assertEquals(CalibrationSource.HITACHI, im.calibration().source());
        assertUm(0.009921875, im.calibration().pixelWidthUm());
        assertEquals(OptionalInt.of(40), im.metadataImageHeight());
        assertEquals("S-4800", im.metadata().get("hitachi.[SemImageFile] InstructName"));
        // UTF-16LE with BOM, as some Hitachi software writes it
        Path g = write("hitachi16.tif", new TiffWriter.Options());
        byte[] body = "[SemImageFile]\r\nPixelSize=2.5\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(dir.resolve("hitachi16.txt"), withBom);
        assertUm(0.0025, SemReader.read(g, null).calibration().pixelWidthUm());
    }

    @Test
    void jeolSidecarTxt() {
        Path f = write("jeol.tif", new TiffWriter.Options());
        writeText(dir.resolve("jeol.txt"), "$CM_FORMAT JEOL/SEM\n$CM_MAG 5000\n$CM_FULL_SIZE 64 40\n$$SM_MICRON_BAR 240\n$$SM_MICRON_MARKER 10um\n");
        SemImage im = SemReader.read(f, null);
        assertEquals(CalibrationSource.JEOL, im.calibration().source());
        assertUm(10.0 / 240.0, im.calibration().pixelWidthUm());
        assertEquals(OptionalInt.of(40), im.metadataImageHeight());
        // full size twice the saved width: the bar pixels refer to the full size, so pixels are twice as large
        Path g = write("jeol2.tif", new TiffWriter.Options());
        writeText(dir.resolve("jeol2.txt"), "$CM_FULL_SIZE 128 80\n$$SM_MICRON_BAR 200\n$$SM_MICRON_MARKER 500nm\n");
        assertUm(2 * 0.5 / 200.0, SemReader.read(g, null).calibration().pixelWidthUm());
    }

    @Test
    void overrideWinsAndWarnsWhenFileDisagrees() {
        Path f = write("fei.tif", new TiffWriter.Options().tag(34682, fei("1.5e-08", "1.5e-08", 48)));
        SemImage im = SemReader.read(f, 0.05);
        assertEquals(CalibrationSource.USER, im.calibration().source());
        assertUm(0.05, im.calibration().pixelWidthUm());
        assertTrue(im.calibration().detail().contains("file says 0.015"), im.calibration().detail());
        assertTrue(im.warnings().stream().anyMatch(w -> w.contains("differs by 70.0 %")), im.warnings().toString());
        // within 1 %: no warning
        SemImage ok = SemReader.read(f, 0.01505);
        assertEquals(CalibrationSource.USER, ok.calibration().source());
        assertTrue(ok.warnings().isEmpty(), ok.warnings().toString());
        // override on an uncalibrated file: no "uncalibrated" warning
        SemImage plain = SemReader.read(write("p.tif", new TiffWriter.Options()), 0.2);
        assertEquals(CalibrationSource.USER, plain.calibration().source());
        assertTrue(plain.warnings().isEmpty(), plain.warnings().toString());
    }

    @Test
    void invalidOverrideIsRefused() {
        Path f = write("p.tif", new TiffWriter.Options());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 5000, 1e-9}) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> SemReader.read(f, bad));
            assertTrue(e.getMessage().contains("pixel size"), e.getMessage());
        }
    }

    @Test
    void imagejBeatsVendorAndDisagreementIsReported() {
        Path f = write("both.tif", new TiffWriter.Options().calibrationUm(0.02, 0.02).tag(34682, fei("1.5e-08", "1.5e-08", 48)));
        SemImage im = SemReader.read(f, null);
        assertEquals(CalibrationSource.IMAGEJ, im.calibration().source());
        assertUm(0.02, im.calibration().pixelWidthUm());
        assertTrue(im.warnings().stream().anyMatch(w -> w.startsWith("calibrations disagree")), im.warnings().toString());
    }

    @Test
    void implausibleVendorValuesAreIgnored() {
        // PixelWidth 0 and 5 m: both outside 1 pm … 1 mm
        SemImage zero = SemReader.read(write("z.tif", new TiffWriter.Options().tag(34682, fei("0", "0", 48))), null);
        assertEquals(CalibrationSource.NONE, zero.calibration().source());
        assertTrue(zero.warnings().stream().anyMatch(w -> w.contains("not a plausible pixel size")), zero.warnings().toString());
        SemImage huge = SemReader.read(write("h.tif", new TiffWriter.Options().tag(34682, fei("5", "5", 48))
                .tag(34118, "AP_PIXEL_SIZE\r\nImage Pixel Size = 3.0 nm\r\n")), null);
        assertEquals(CalibrationSource.ZEISS, huge.calibration().source(), "falls back to the next valid source");
        assertUm(0.003, huge.calibration().pixelWidthUm());
        SemImage nan = SemReader.read(write("n.tif", new TiffWriter.Options().tag(34682, fei("abc", "abc", 48))), null);
        assertEquals(CalibrationSource.NONE, nan.calibration().source());
    }

    @Test
    void sixteenBitKeptWithCalibration() {
        ShortProcessor sp = new ShortProcessor(32, 24);
        sp.set(3, 4, 40000);
        Path f = dir.resolve("s16.tif");
        TiffWriter.write(f, sp, new TiffWriter.Options().tag(50431, "[MAIN]\r\nPixelSizeX=1e-6\r\n"));
        SemImage im = SemReader.read(f, null);
        assertEquals(16, im.bitDepth());
        assertEquals(16, im.processor().getBitDepth());
        assertEquals(40000, im.processor().get(3, 4));
        assertUm(1.0, im.calibration().pixelWidthUm());
    }

    private static void writeText(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
