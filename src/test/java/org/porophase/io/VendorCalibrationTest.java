package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.CalibrationSource;

/**
 * One test per vendor parser, on TIFFs generated here with the exact tag texts of real public test files
 * (hyperspy/rosettasciio {@code rsciio/tests/data/tiff}, commit bc254db1; GPL-3.0, so the files themselves are not
 * bundled: only the metadata lines that carry the calibration are quoted, verbatim, CR/LF as in the files). The
 * expected pixel sizes are those rosettasciio's own tests assert for the same files (rtol 1e-6 … 1e-3), and those
 * measured by PoroPhase on the real files (see the README's vendor table).
 */
class VendorCalibrationTest {
    @TempDir
    Path dir;

    private static final String CRLF = "\r\n";

    private Path tiff(String name, RawTiff.Page... pages) {
        return RawTiff.write(dir.resolve(name), List.of(pages), Map.of());
    }

    private static void assertUm(double expected, double actual, double rel) {
        assertEquals(expected, actual, Math.abs(expected) * rel, "pixel size in µm");
    }

    // ------------------------------------------------------------------ Zeiss SmartSEM (tag 34118)

    /** test_tiff_Zeiss_SEM_512pix.tif (512 × 384): the leading SI values and the three calibration line pairs. */
    static final String ZEISS_512 = String.join(CRLF, "0", "0", "0", "5.824988e-009", "5.000000e+004", "6", "5.000000e+003",
            "AP_PIXEL_SIZE", "Pixel Size = 5.825 nm", "AP_HEIGHT", "Height = 4.474 \u00b5m", "AP_WIDTH", "Width = 5.965 \u00b5m",
            "AP_MAG", "Mag =  50.00 K X", "") + CRLF;
    /** test_tiff_Zeiss_SEM_1k.tif (1024 × 768). */
    static final String ZEISS_1K = String.join(CRLF, "0", "0", "0", "2.614514e-006", "1.045845e+002",
            "AP_PIXEL_SIZE", "Pixel Size = 2.615 \u00b5m", "AP_IMAGE_PIXEL_SIZE", "Image Pixel Size = 2.615 \u00b5m",
            "AP_HEIGHT", "Height = 2.008 mm", "AP_WIDTH", "Width = 2.677 mm", "DP_IMAGE_STORE", "Store resolution = 1024 * 768", "");
    /** ZEISS_SEM_multipage.tif (2048 × 1536 × 2, FIB-SEM), page 1 (Slice Index 2; page 2 has 5 and Slice Y = 2.048 µm). */
    static String zeissFib(int sliceIndex, String sliceY) {
        return String.join(CRLF, "0", "0", "0", "2.465245e-008", "4.528961e+003", "DP_IMAGE_STORE", "Store resolution = 2048 * 1536",
                "AP_PIXEL_SIZE", "Pixel Size = 24.65 nm", "AP_HEIGHT", "Height = 18.93 \u00b5m", "AP_WIDTH", "Width = 25.24 \u00b5m",
                "AP_IMAGE_PIXEL_SIZE", "Image Pixel Size = 12.33 nm", "AP_FIB_SLICE_Y", "Slice Y = " + sliceY,
                "AP_FIB_SLICE_INDEX", "Slice Index = " + sliceIndex + "     ", "");
    }

    private static RawTiff.Page zeissPage(int w, int h, String text) {
        return RawTiff.pattern(w, h, 0).tag(34118, RawTiff.Value.ascii(text)).tag(296, RawTiff.Value.shortV(1));
    }

    @Test
    void zeiss512StoredPixelIsTheFieldWidthOverTheStoredWidth() {
        SemImage im = SemReader.read(tiff("z512.tif", zeissPage(512, 384, ZEISS_512)), null);
        assertEquals(CalibrationSource.ZEISS, im.calibration().source());
        // AP_WIDTH 5.965 µm / 512 px = 11.650 nm (rosettasciio: 0.011649976 µm from the SI value × 1024/512); AP_PIXEL_SIZE
        // alone (5.825 nm) was 2× too small, every area 4×
        assertUm(5.965 / 512, im.calibration().pixelWidthUm(), 1e-12);
        assertUm(0.011649976, im.calibration().pixelWidthUm(), 1e-4);
        assertTrue(im.calibration().detail().startsWith("AP_WIDTH \"Width = 5.965 µm\" / 512 px"), im.calibration().detail());
        assertTrue(im.warnings().isEmpty(), "ResolutionUnit none is no news next to a vendor pixel size: " + im.warnings());
    }

    @Test
    void zeiss1kUsesTheImagePixelSize() {
        SemImage im = SemReader.read(tiff("z1k.tif", zeissPage(1024, 768, ZEISS_1K)), null);
        assertUm(2.615, im.calibration().pixelWidthUm(), 1e-12); // rosettasciio: 2.614514 (rtol 1e-6 of its SI value): 0.02 %
        assertTrue(im.calibration().detail().startsWith("AP_IMAGE_PIXEL_SIZE"), im.calibration().detail());
    }

    @Test
    void zeiss2048UsesTheImagePixelSizeNotTheDisplayPixel() {
        SemImage im = SemReader.read(tiff("z2k.tif", zeissPage(2048, 64, zeissFib(2, "2.138 \u00b5m"))), null);
        assertUm(0.01233, im.calibration().pixelWidthUm(), 1e-12); // not AP_PIXEL_SIZE 24.65 nm (2× too large)
    }

    /** The stored-resolution rule when the tag has only the display pixel: AP_PIXEL_SIZE × 1024 / stored width. */
    @Test
    void zeissDisplayPixelIsScaledBy1024OverTheWidth() {
        String onlyDisplay = "AP_PIXEL_SIZE" + CRLF + "Pixel Size = 5.825 nm" + CRLF;
        assertUm(0.01165, SemReader.read(tiff("d512.tif", zeissPage(512, 48, onlyDisplay)), null).calibration().pixelWidthUm(), 1e-12);
        assertUm(0.005825, SemReader.read(tiff("d1024.tif", zeissPage(1024, 48, onlyDisplay)), null).calibration().pixelWidthUm(), 1e-12);
        SemImage w2048 = SemReader.read(tiff("d2048.tif", zeissPage(2048, 48, onlyDisplay)), null);
        assertUm(0.0029125, w2048.calibration().pixelWidthUm(), 1e-12);
        assertTrue(w2048.calibration().detail().contains("× 1024 / 2048 px"), w2048.calibration().detail());
        // the field width wins over the display pixel when both are there (the 512-px file again, at 2048 px)
        String widthToo = onlyDisplay + "AP_WIDTH" + CRLF + "Width = 5.965 \u00b5m" + CRLF;
        assertUm(5.965 / 2048, SemReader.read(tiff("w2048.tif", zeissPage(2048, 48, widthToo)), null).calibration().pixelWidthUm(), 1e-12);
    }

    // ------------------------------------------------------------------ FEI / Thermo Fisher (tag 34682)

    /** FEI-Helios-Ebeam-8bits.tif (512 × 471): [Scan], [EScan], [Image] and [PrivateFei] lines as in the file. */
    static final String FEI_HELIOS = String.join(CRLF, "[User]", "Date=06/13/2016", "Time=05:06:40 PM", "", "[Scan]", "InternalScan=true",
            "Dwelltime=1e-005", "PixelWidth=3.3724e-006", "PixelHeight=3.3724e-006", "HorFieldsize=0.00172667", "VerFieldsize=0.0014906", "",
            "[EScan]", "Scan=PIA 3.0", "PixelWidth=3.3724e-006", "PixelHeight=3.3724e-006", "", "[Image]", "DigitalContrast=1",
            "ResolutionX=512", "ResolutionY=442", "", "[PrivateFei]", "BitShift=0", "DatabarHeight=29", "");

    @Test
    void feiHeliosPixelAndDataBar() {
        RawTiff.Page p = RawTiff.pattern(512, 471, 0).ascii(34682, FEI_HELIOS).tag(282, RawTiff.Value.rational(64, 1))
                .tag(283, RawTiff.Value.rational(64, 1)).tag(296, RawTiff.Value.shortV(2));
        SemImage im = SemReader.read(tiff("fei.tif", p), null);
        assertEquals(CalibrationSource.FEI, im.calibration().source());
        assertUm(3.3724, im.calibration().pixelWidthUm(), 1e-12); // rosettasciio: 3.3724 µm
        assertEquals(OptionalInt.of(442), im.metadataImageHeight()); // 471 − DatabarHeight 29
        assertTrue(im.warnings().isEmpty(), "the 64 dpi print resolution is no news next to the FEI pixel: " + im.warnings());
        // an [EScan]-only tag (no [Scan] section) gives the same pixel
        String escan = FEI_HELIOS.replace("[Scan]", "[Other]");
        assertUm(3.3724, SemReader.read(tiff("escan.tif", RawTiff.pattern(64, 48, 0).ascii(34682, escan)), null).calibration().pixelWidthUm(), 1e-12);
    }

    // ------------------------------------------------------------------ Olympus SIS (tag 33560 in the second IFD)

    /** The SIS0 block of olympus_SIS.tif: exponent −6, x/y calibration 2.392791775876109e-05, magnification 600000. */
    static byte[][] sisBlock(long base) {
        ByteBuffer h = ByteBuffer.allocate(60 + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put("SIS0".getBytes(StandardCharsets.US_ASCII));
        h.position(58);
        h.putShort((short) 1); // one sub-tag
        h.putShort((short) 1).putShort((short) 1).putInt((int) (base + 256)); // type 1 (general data) at base + 256
        ByteBuffer g = ByteBuffer.allocate(112).order(ByteOrder.LITTLE_ENDIAN);
        g.position(10);
        g.putShort((short) -6).putDouble(2.392791775876109e-05).putDouble(2.3927917758761087e-05);
        g.position(36);
        g.putDouble(600000.0);
        return new byte[][] {h.array(), g.array()};
    }

    @Test
    void olympusSisBlockInTheSecondPage() {
        long base = RawTiff.BLOCK_BASE;
        byte[][] b = sisBlock(base);
        RawTiff.Page preview = RawTiff.pattern(112, 101, 0).ascii(271, "Olympus Soft Imaging Solutions");
        RawTiff.Page data = RawTiff.pattern(112, 101, 1).tag(33560, RawTiff.Value.longV(base));
        Path f = RawTiff.write(dir.resolve("sis.tif"), List.of(preview, data), Map.of(base, b[0], base + 256, b[1]));
        SemImage im = SemReader.read(f, null);
        assertEquals(CalibrationSource.OLYMPUS_SIS, im.calibration().source());
        assertUm(2.3928e-5, im.calibration().pixelWidthUm(), 1e-4); // rosettasciio: 2.3928e-11 m
        assertTrue(im.calibration().detail().contains("magnification 600000"), im.calibration().detail());
        assertTrue(im.warnings().stream().anyMatch(w -> w.contains("outside the usual SEM range")), "a 24 pm pixel is TEM, not SEM: " + im.warnings());
    }

    // ------------------------------------------------------------------ Digital Micrograph (tags 65003/65009/65010)

    @Test
    void digitalMicrographTiff() {
        // test_loading_image_saved_with_DM.tif: 65003/65004 "µm", 65009/65010 = 0.16867469251155853, 72 dpi
        RawTiff.Page p = RawTiff.pattern(68, 68, 0).tag(65003, RawTiff.Value.ascii("\u00b5m")).tag(65004, RawTiff.Value.ascii("\u00b5m"))
                .tag(65009, RawTiff.Value.doubleV(0.16867469251155853)).tag(65010, RawTiff.Value.doubleV(0.16867469251155853))
                .tag(282, RawTiff.Value.rational(72, 1)).tag(283, RawTiff.Value.rational(72, 1)).tag(296, RawTiff.Value.shortV(2));
        SemImage im = SemReader.read(tiff("dm.tif", p), null);
        assertEquals(CalibrationSource.DIGITAL_MICROGRAPH, im.calibration().source());
        assertUm(0.16867469251155853, im.calibration().pixelWidthUm(), 1e-10); // rosettasciio: 0.16867 (atol 1e-5)
    }

    // ------------------------------------------------------------------ JEOL SightX (ImageDescription XML)

    static String sightX(String mode, String selector) {
        return String.join(CRLF, "<?xml version=\"1.0\"?>", "<TemReporter>", "  <Manufacturer>JEOL Ltd.</Manufacturer>", "  <Eos>",
                "    <EosMode>eosTEM</EosMode>", "  </Eos>", "  <ImageFormingSystem>", "    <ModeString>" + mode + "</ModeString>",
                "    <SelectorValue>" + selector + "</SelectorValue>", "  </ImageFormingSystem>", "</TemReporter>");
    }

    @Test
    void jeolSightXMagModeAndDiffraction() {
        // JEOL-SightX-TEM-mag-dummy.tif: 93 dpi, MAG, SelectorValue 150000 → 25400/93/150000 µm = 1.8208 nm (rosettasciio 1.8208 nm)
        RawTiff.Page mag = RawTiff.pattern(64, 64, 0).ascii(270, sightX("MAG", "150000")).ascii(271, "JEOL Ltd.")
                .tag(282, RawTiff.Value.rational(93, 1)).tag(283, RawTiff.Value.rational(93, 1)).tag(296, RawTiff.Value.shortV(2));
        SemImage im = SemReader.read(tiff("sightx.tif", mag), null);
        assertEquals(CalibrationSource.JEOL, im.calibration().source());
        assertUm(25400.0 / 93 / 150000, im.calibration().pixelWidthUm(), 1e-11); // 12 significant digits kept
        assertUm(1.8208e-3, im.calibration().pixelWidthUm(), 1e-3);
        assertFalse(im.warnings().stream().anyMatch(w -> w.contains("dpi")), "the resolution was used, not ignored: " + im.warnings());
        // JEOL-SightX-SAED-dummy.tif: a diffraction pattern (reciprocal space) has no pixel size in µm
        RawTiff.Page diff = RawTiff.pattern(64, 64, 0).ascii(270, sightX("DIFF", "400")).tag(282, RawTiff.Value.rational(93, 1))
                .tag(283, RawTiff.Value.rational(93, 1)).tag(296, RawTiff.Value.shortV(2));
        SemImage d = SemReader.read(tiff("saed.tif", diff), null);
        assertEquals(CalibrationSource.NONE, d.calibration().source());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("diffraction")), d.warnings().toString());
    }

    // ------------------------------------------------------------------ Hitachi (sidecar .txt)

    /**
     * Hitachi sidecar keys as Bio-Formats' HitachiReader reads them ({@code [SemImageFile]}, InstructName, PixelSize in nm,
     * ImageName, …) with DataSize and Magnification as TM-series instruments write them (no real Hitachi file is in a
     * public test suite we could find; the key set and units are from Bio-Formats' reader).
     */
    @Test
    void hitachiSidecarPixelSizeScaledToTheSavedWidth() throws Exception {
        Path img = tiff("h.tif", RawTiff.pattern(640, 48, 0));
        Files.writeString(dir.resolve("h.txt"), String.join(CRLF, "[SemImageFile]", "InstructName=TM3000", "SerialNumber=1234",
                "ImageName=h.tif", "Magnification=40", "PixelSize=24.8", "DataSize=1280x960", "WorkingDistance=8500 um", ""),
                StandardCharsets.ISO_8859_1);
        SemImage im = SemReader.read(img, null);
        assertEquals(CalibrationSource.HITACHI, im.calibration().source());
        // PixelSize 24.8 nm refers to the 1280-px scan; the image was saved at 640 px: 49.6 nm
        assertUm(0.0496, im.calibration().pixelWidthUm(), 1e-12);
        assertTrue(im.calibration().detail().contains("Magnification=40") && im.calibration().detail().contains("DataSize width 1280"),
                im.calibration().detail());
    }

    // ------------------------------------------------------------------ print resolutions and exports

    @Test
    void aCentimetrePrintResolutionIsNotAPixelSize() {
        // 28.35 px/cm = 72 dpi written with ResolutionUnit cm: a 352.7 µm "pixel"
        RawTiff.Page p = RawTiff.pattern(64, 48, 0).tag(282, RawTiff.Value.rational(2835, 100)).tag(283, RawTiff.Value.rational(2835, 100))
                .tag(296, RawTiff.Value.shortV(3));
        SemImage im = SemReader.read(tiff("cm.tif", p), null);
        assertEquals(CalibrationSource.NONE, im.calibration().source());
        assertTrue(im.warnings().stream().anyMatch(w -> w.contains("28.35 pixels/cm") && w.contains("72.009 dpi") && w.contains("--pixel-size")),
                im.warnings().toString());
        // a real metric TIFF resolution (0.5 µm per pixel = 20000 px/cm) is kept
        RawTiff.Page ok = RawTiff.pattern(64, 48, 0).tag(282, RawTiff.Value.rational(20000, 1)).tag(283, RawTiff.Value.rational(20000, 1))
                .tag(296, RawTiff.Value.shortV(3));
        assertUm(0.5, SemReader.read(tiff("cm2.tif", ok), null).calibration().pixelWidthUm(), 1e-6);
    }

    @Test
    void pngExportsAreWarnedAbout() throws Exception {
        Path png = dir.resolve("export.png");
        ij.process.ByteProcessor bp = new ij.process.ByteProcessor(64, 48);
        bp.setPixels(RawTiff.pattern(64, 48, 0).pixels);
        javax.imageio.ImageIO.write(bp.getBufferedImage(), "png", png.toFile());
        SemImage im = SemReader.read(png, 0.01);
        assertTrue(im.warnings().stream().anyMatch(w -> w.startsWith("PNG export")), im.warnings().toString());
        assertEquals(CalibrationSource.USER, im.calibration().source());
    }
}
