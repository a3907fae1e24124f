package org.porophase.io;

import org.porophase.report.ImageWriters;
import org.porophase.core.CalibrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

/** Bad input gives a clear {@link PoroPhaseException} naming the file; odd-but-valid input gives warnings. */
class SemReaderBadInputTest {
    @TempDir
    Path dir;

    private PoroPhaseException fails(Path f) {
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> SemReader.read(f, null));
        assertTrue(e.getMessage().contains(f.getFileName().toString()), "message names the file: " + e.getMessage());
        return e;
    }

    private static ByteProcessor ramp(int w, int h) {
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            bp.set(i % w, i / w, i & 0xFF);
        }
        return bp;
    }

    @Test
    void missingFile() {
        assertTrue(fails(dir.resolve("nope.tif")).getMessage().contains("not found"));
    }

    @Test
    void directory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("folder.tif"));
        assertTrue(fails(d).getMessage().contains("folder"));
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.tif"));
        assertTrue(fails(f).getMessage().contains("empty (0 bytes)"));
    }

    @Test
    void garbageBytes() throws Exception {
        byte[] b = new byte[4096];
        new Random(3).nextBytes(b);
        b[0] = 'x';
        Path f = Files.write(dir.resolve("garbage.tif"), b);
        assertTrue(fails(f).getMessage().contains("not an image file"));
        Path txt = Files.writeString(dir.resolve("notes.png"), "hello, I am text");
        assertTrue(fails(txt).getMessage().contains("not an image file"));
    }

    @Test
    void truncatedTiff() throws Exception {
        byte[] full = TiffWriter.encode(ramp(200, 150), new TiffWriter.Options());
        // Cut in the pixel data but keep the header: the IFD (at the end) is lost too.
        Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(full, 8 + 200 * 75));
        assertTrue(fails(cut).getMessage().contains("truncated"), "truncated TIFF");
        // Header only
        Path head = Files.write(dir.resolve("head.tif"), Arrays.copyOf(full, 8));
        fails(head);
    }

    @Test
    void tiffWithPixelDataPastTheEnd() throws Exception {
        // A valid IFD declaring 200×150 pixels whose strip runs past the end of the file.
        byte[] full = TiffWriter.encode(ramp(200, 150), new TiffWriter.Options());
        ByteBuffer b = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xFFFF;
            if (tag == 257) {
                b.putInt(e + 8, 100_000); // height 100000 rows: strip length stays, data would run far past EOF
            }
            if (tag == 279) {
                b.putInt(e + 8, 200 * 100_000);
            }
        }
        Path f = Files.write(dir.resolve("absurd.tif"), full);
        assertTrue(fails(f).getMessage().contains("truncated"));
    }

    @Test
    void absurdIfdOffset() throws Exception {
        byte[] full = TiffWriter.encode(ramp(32, 32), new TiffWriter.Options());
        ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7FFFFFF0);
        fails(Files.write(dir.resolve("badifd.tif"), full));
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TiffTags.read(dir.resolve("badifd.tif")));
        assertTrue(e.getMessage().contains("outside the file"), e.getMessage());
    }

    @Test
    void tooSmall() throws Exception {
        Path one = dir.resolve("one.tif");
        TiffWriter.write(one, new ByteProcessor(1, 1), new TiffWriter.Options());
        assertTrue(fails(one).getMessage().contains("too small: 1×1"));
        Path seven = dir.resolve("seven.tif");
        TiffWriter.write(seven, new ByteProcessor(100, 7), new TiffWriter.Options());
        fails(seven);
        Path eight = dir.resolve("eight.tif");
        TiffWriter.write(eight, new ByteProcessor(8, 8), new TiffWriter.Options());
        assertEquals(8, SemReader.read(eight, null).width(), "8×8 is the documented minimum");
    }

    @Test
    void rgbConvertedToLuminanceWithWarning() {
        ColorProcessor cp = new ColorProcessor(16, 16);
        cp.setColor(new java.awt.Color(200, 100, 50));
        cp.fill();
        Path f = dir.resolve("rgb.tif");
        ImageWriters.saveTiff(new ImagePlus("rgb", cp), f);
        SemImage im = SemReader.read(f, null);
        assertEquals(8, im.processor().getBitDepth());
        assertEquals(24, im.bitDepth());
        // 0.299*200 + 0.587*100 + 0.114*50 = 124.2 → 124
        assertEquals(124, im.processor().get(5, 5));
        assertTrue(im.warnings().stream().anyMatch(w -> w.contains("RGB") && w.contains("8-bit luminance")), im.warnings().toString());
    }

    @Test
    void rgbPngRead() throws Exception {
        ColorProcessor cp = new ColorProcessor(20, 12);
        cp.setColor(new java.awt.Color(90, 90, 90));
        cp.fill();
        Path f = dir.resolve("gray.png");
        ImageWriters.savePng(new ImagePlus("g", cp), f);
        SemImage im = SemReader.read(f, null);
        assertEquals(90, im.processor().get(3, 3));
        assertEquals(20, im.width());
        assertEquals(CalibrationSource.NONE, im.calibration().source());
    }

    @Test
    void stackGivesFirstSliceWithWarning() {
        ImageStack st = new ImageStack(16, 16);
        for (int z = 0; z < 3; z++) {
            ByteProcessor bp = new ByteProcessor(16, 16);
            bp.setValue(10 * (z + 1));
            bp.fill();
            st.addSlice(bp);
        }
        ImagePlus imp = new ImagePlus("stack", st);
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.5;
        imp.getCalibration().setUnit("micron");
        Path f = dir.resolve("stack.tif");
        ImageWriters.saveTiff(imp, f);
        SemImage im = SemReader.read(f, null);
        assertEquals(10, im.processor().get(4, 4), "first slice");
        assertTrue(im.warnings().stream().anyMatch(w -> w.contains("3 slices") && w.contains("3D command")), im.warnings().toString());
        assertEquals(CalibrationSource.IMAGEJ, im.calibration().source());
        assertEquals(0.5, im.calibration().pixelWidthUm(), 1e-12);
    }

    @Test
    void fromImagePlusUsesCalibrationAndFileTags() {
        Path f = dir.resolve("fei.tif");
        TiffWriter.write(f, ramp(32, 32), new TiffWriter.Options().tag(34682, "[Scan]\r\nPixelWidth=4e-9\r\n[Image]\r\nResolutionY=30\r\n"));
        ImagePlus imp = new ij.io.Opener().openImage(f.toString());
        SemImage im = SemReader.fromImagePlus(imp, null);
        assertEquals(CalibrationSource.FEI, im.calibration().source());
        assertEquals(0.004, im.calibration().pixelWidthUm(), 1e-15);
        assertEquals(30, im.metadataImageHeight().getAsInt());
        assertEquals(f.toAbsolutePath().normalize(), im.path());
        // an image without a file, calibrated in ImageJ
        ImagePlus mem = new ImagePlus("mem", ramp(16, 16));
        mem.getCalibration().pixelWidth = 20;
        mem.getCalibration().pixelHeight = 20;
        mem.getCalibration().setUnit("nm");
        SemImage m = SemReader.fromImagePlus(mem, null);
        assertEquals(CalibrationSource.IMAGEJ, m.calibration().source());
        assertEquals(0.02, m.calibration().pixelWidthUm(), 1e-15);
        assertEquals(null, m.path());
    }

    @Test
    void otherFormatsReadThroughImageJ() throws Exception {
        ByteProcessor bp = ramp(40, 30);
        for (String fmt : new String[] {"png", "jpeg", "bmp", "gif"}) {
            Path f = dir.resolve("img." + fmt);
            java.awt.image.BufferedImage bi = fmt.equals("bmp") || fmt.equals("jpeg")
                    ? new ij.process.ColorProcessor(bp.createImage()).getBufferedImage() : bp.getBufferedImage();
            assertTrue(javax.imageio.ImageIO.write(bi, fmt, f.toFile()), fmt);
            SemImage im = SemReader.read(f, null);
            assertEquals(40, im.width(), fmt);
            assertEquals(30, im.height(), fmt);
            assertEquals(8, im.processor().getBitDepth(), fmt);
            // JPEG is lossy: ±3 levels on this smooth ramp
            assertEquals(bp.get(17, 11), im.processor().get(17, 11), fmt.equals("jpeg") ? 3 : 0, fmt);
        }
    }
}
