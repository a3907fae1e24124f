package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.porophase.segment.Roi2D;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/** The current Fiji selection as the analysed region (headless: no window needed). */
class ImageSelectionTest {

    @Test
    void areaSelectionsAreRasterisedLineAndPointAreNot() {
        ImagePlus imp = new ImagePlus("x", new ByteProcessor(100, 80));
        assertNull(AnalyzePlugin.selection(imp));
        imp.setRoi(new ij.gui.Roi(10, 20, 30, 40));
        Roi2D.Region r = AnalyzePlugin.selection(imp);
        assertEquals(1200, r.pixels()); // exactly the rectangle
        assertEquals("imagej-roi", r.source());
        assertEquals(1, r.inside()[20 * 100 + 10]);
        assertEquals(0, r.inside()[20 * 100 + 40]);
        imp.setRoi(new ij.gui.OvalRoi(10, 10, 40, 40));
        assertEquals(Math.PI * 400, AnalyzePlugin.selection(imp).pixels(), 40); // ImageJ's oval mask, within 3 % of π r²
        imp.setRoi(new ij.gui.Line(0, 0, 10, 10));
        assertNull(AnalyzePlugin.selection(imp));
        imp.setRoi(new ij.gui.PointRoi(5, 5));
        assertNull(AnalyzePlugin.selection(imp));
    }
}
