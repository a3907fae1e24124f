package org.porophase.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.Calibration;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.TiffWriter;
import org.porophase.io.VendorMetadata;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

class ImageWritersTest {
    @TempDir
    Path dir;

    @Test
    void tiffRoundTripKeepsCalibrationAndStack() {
        ImageStack st = new ImageStack(12, 10);
        for (int z = 0; z < 2; z++) {
            ShortProcessor sp = new ShortProcessor(12, 10);
            sp.set(1, 1, 1000 * (z + 1));
            st.addSlice(sp);
        }
        ImagePlus imp = new ImagePlus("s", st);
        imp.getCalibration().pixelWidth = 0.25;
        imp.getCalibration().pixelHeight = 0.25;
        imp.getCalibration().pixelDepth = 0.5;
        imp.getCalibration().setUnit("micron");
        Path f = dir.resolve("sub/out.tif");
        ImageWriters.saveTiff(imp, f);
        ImagePlus back = new ij.io.Opener().openImage(f.toString());
        assertEquals(2, back.getStackSize());
        assertEquals(2000, back.getStack().getProcessor(2).get(1, 1));
        assertEquals(0.25, back.getCalibration().pixelWidth, 1e-12);
        assertEquals(0.5, back.getCalibration().pixelDepth, 1e-12);
        assertEquals(1.0, Calibration.toMicrons(back.getCalibration().getUnit()), "unit is µm (ImageJ says \"micron\")");
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pngWithOverlayIsFlattened() throws Exception {
        ByteProcessor bp = new ByteProcessor(20, 20);
        ImagePlus imp = new ImagePlus("p", bp);
        Roi r = new Roi(5, 5, 10, 10);
        r.setFillColor(java.awt.Color.WHITE);
        imp.setOverlay(new Overlay(r));
        Path f = dir.resolve("o.png");
        ImageWriters.savePng(imp, f);
        java.awt.image.BufferedImage bi = javax.imageio.ImageIO.read(f.toFile());
        assertEquals(20, bi.getWidth());
        assertEquals(0xFFFFFF, bi.getRGB(10, 10) & 0xFFFFFF, "overlay burnt in");
        assertEquals(0, bi.getRGB(1, 1) & 0xFFFFFF);
        // 16-bit without overlay: scaled to 8-bit display
        ShortProcessor sp = new ShortProcessor(10, 10);
        sp.set(3, 3, 4000);
        Path g = dir.resolve("s.png");
        ImageWriters.savePng(new ImagePlus("s", sp), g);
        assertTrue(Files.size(g) > 0);
    }

    @Test
    void refusesToOverwriteInput() throws Exception {
        Path in = dir.resolve("in.tif");
        TiffWriter.write(in, new ByteProcessor(8, 8), new TiffWriter.Options());
        long before = Files.size(in);
        ImagePlus imp = new ImagePlus("x", new ByteProcessor(16, 16));
        PoroPhaseException e = assertThrows(PoroPhaseException.class,
                () -> ImageWriters.saveTiff(imp, dir.resolve("./sub/../in.tif"), in));
        assertTrue(e.getMessage().contains("refusing to overwrite the input"), e.getMessage());
        assertThrows(PoroPhaseException.class, () -> ImageWriters.savePng(imp, in, in));
        assertEquals(before, Files.size(in));
        ImageWriters.checkNotInput(dir.resolve("other.tif"), in);
        ImageWriters.checkNotInput(in, null);
    }
}
