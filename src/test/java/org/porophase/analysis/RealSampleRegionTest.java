package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;

/** compare's geometry is of the analysed region: the mask is cut to the region's bounding box. */
class RealSampleRegionTest {

    private static ImagePlus mask(int w, int h) {
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            bp.set(i % w, i / w, (i * 7) % 3 == 0 ? 255 : 0);
        }
        ImagePlus imp = new ImagePlus("m", bp);
        imp.getCalibration().pixelWidth = 0.1;
        imp.getCalibration().pixelHeight = 0.1;
        return imp;
    }

    @Test
    void aRectangularRegionGivesExactlyItsPixels() {
        ImagePlus m = mask(10, 8);
        byte[] region = new byte[80];
        for (int y = 1; y <= 4; y++) {
            for (int x = 2; x <= 5; x++) {
                region[y * 10 + x] = 1;
            }
        }
        List<String> warnings = new ArrayList<>();
        ImagePlus c = RealSample.cropToRegion(m, region, warnings);
        assertEquals(4, c.getWidth());
        assertEquals(4, c.getHeight());
        assertEquals(0.1, c.getCalibration().pixelWidth, 0);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(m.getProcessor().get(x + 2, y + 1), c.getProcessor().get(x, y));
            }
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aRegionThatDoesNotFillItsBoxIsWarnedAbout() {
        ImagePlus m = mask(10, 8);
        byte[] region = new byte[80];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x <= y; x++) {
                region[y * 10 + x] = 1; // a triangle: 36 of the 8 × 8 box
            }
        }
        List<String> warnings = new ArrayList<>();
        ImagePlus c = RealSample.cropToRegion(m, region, warnings);
        assertEquals(8, c.getWidth());
        assertEquals(8, c.getHeight());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("fills 56.3 % of its bounding box 0,0,8,8"), warnings.get(0));
    }

    @Test
    void noRegionOrTheWholeImageLeavesTheMask() {
        ImagePlus m = mask(6, 5);
        List<String> warnings = new ArrayList<>();
        assertSame(m, RealSample.cropToRegion(m, null, warnings));
        byte[] all = new byte[30];
        java.util.Arrays.fill(all, (byte) 1);
        assertSame(m, RealSample.cropToRegion(m, all, warnings));
        assertTrue(warnings.isEmpty());
    }
}
