package org.porophase.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.porophase.segment.Roi2D;

import ij.process.ByteProcessor;

/**
 * Measures inside a region: the region's edge plays the image frame's part. Exact truth: a rectangular
 * region must give exactly (to rounding) the numbers of the image cropped to that rectangle — porosity,
 * A_t, Crofton perimeter, pore count, border pores, guard frame — because the frame rule is the model.
 */
class RegionMeasureTest {

    /** Random disks (pores = 255) on a w × h mask. */
    static ByteProcessor disks(int w, int h, int n, double rMin, double rMax, long seed) {
        ByteProcessor m = new ByteProcessor(w, h);
        Random r = new Random(seed);
        for (int k = 0; k < n; k++) {
            double cx = r.nextDouble() * w;
            double cy = r.nextDouble() * h;
            double rad = rMin + r.nextDouble() * (rMax - rMin);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if ((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= rad * rad) {
                        m.set(x, y, 255);
                    }
                }
            }
        }
        return m;
    }

    private static ByteProcessor crop(ByteProcessor m, int x, int y, int w, int h) {
        m.setRoi(x, y, w, h);
        ByteProcessor c = (ByteProcessor) m.crop();
        m.resetRoi();
        return c;
    }

    @Test
    void rectangleRegionEqualsTheCroppedImage() {
        ByteProcessor m = disks(200, 160, 60, 3, 9, 1);
        int rx = 37, ry = 21, rw = 120, rh = 97;
        byte[] region = Roi2D.rectangle(rx + "," + ry + "," + rw + "," + rh, 200, 160).inside();
        for (BorderPolicy policy : BorderPolicy.values()) {
            PoreAnalysis inRegion = PoreMeasurer.measure(m, 0.1, 0.1, policy, policy == BorderPolicy.GUARD_FRAME ? 6 : -1, region);
            PoreAnalysis cropped = PoreMeasurer.measure(crop(m, rx, ry, rw, rh), 0.1, 0.1, policy, policy == BorderPolicy.GUARD_FRAME ? 6 : -1);
            assertEquals(cropped.porosity(), inRegion.porosity(), 1e-15, policy + " porosity");
            assertEquals(cropped.analyzedAreaUm2(), inRegion.analyzedAreaUm2(), 1e-9, policy + " A_t");
            assertEquals(cropped.totalPorePerimeterUm(), inRegion.totalPorePerimeterUm(), 1e-9, policy + " P_p");
            assertEquals(cropped.specificSurfaceAreaPerUm(), inRegion.specificSurfaceAreaPerUm(), 1e-12, policy + " S_c");
            assertEquals(cropped.poreCount(), inRegion.poreCount(), policy + " count");
            assertEquals(cropped.borderPoreCount(), inRegion.borderPoreCount(), policy + " border pores");
            assertEquals(cropped.countingFrameAreaUm2(), inRegion.countingFrameAreaUm2(), 1e-9, policy + " frame area");
            assertEquals(cropped.meanPoreDiameterUm(), inRegion.meanPoreDiameterUm(), 1e-12, policy + " mean ECD");
        }
        // and the region changes the numbers compared with the whole image (the test can fail)
        PoreAnalysis whole = PoreMeasurer.measure(m, 0.1, 0.1, BorderPolicy.EXCLUDE_FROM_SHAPE);
        PoreAnalysis inRegion = PoreMeasurer.measure(m, 0.1, 0.1, BorderPolicy.EXCLUDE_FROM_SHAPE, -1, region);
        assertTrue(Math.abs(whole.totalPorePerimeterUm() - inRegion.totalPorePerimeterUm()) > 1);
    }

    @Test
    void regionEdgeIsNotPerimeterAndPorosityIsPerRegionPixel() {
        // all pore inside a polygon region (an L): no wall at all, porosity 1, A_t = the L's exact area
        ByteProcessor all = new ByteProcessor(100, 80);
        all.setValue(255);
        all.fill();
        Roi2D.Region l = Roi2D.polygon("10,10,70,10,70,30,30,30,30,70,10,70", 100, 80);
        assertEquals(60 * 20 + 20 * 40, l.pixels()); // 2000 px, exact for integer axis-parallel vertices
        PoreAnalysis a = PoreMeasurer.measure(all, 0.5, 0.5, BorderPolicy.EXCLUDE_FROM_SHAPE, -1, l.inside());
        assertEquals(1.0, a.porosity(), 0);
        assertEquals(0.0, a.totalPorePerimeterUm(), 0);
        assertEquals(2000 * 0.25, a.analyzedAreaUm2(), 1e-12);
        assertEquals(1, a.borderPoreCount()); // the one pore fills the region: it touches its edge
        assertEquals(0, a.poreCount());

        // a half-plane of pore (x < 50) in a disk-shaped region: only the straight wall x = 50 inside the disk counts
        ByteProcessor half = new ByteProcessor(120, 120);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 50; x++) {
                half.set(x, y, 255);
            }
        }
        byte[] disk = new byte[120 * 120];
        long in = 0;
        long poreIn = 0;
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                if ((x + 0.5 - 60) * (x + 0.5 - 60) + (y + 0.5 - 60) * (y + 0.5 - 60) <= 45 * 45) {
                    disk[y * 120 + x] = 1;
                    in++;
                    poreIn += x < 50 ? 1 : 0;
                }
            }
        }
        PoreAnalysis h = PoreMeasurer.measure(half, 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE, -1, disk);
        assertEquals(poreIn / (double) in, h.porosity(), 1e-15);
        // the chord at x = 50 (10 px from the centre) is 2·√(45² − 10²) = 87.75 px long; Crofton on a vertical edge
        // gives straightEdgeRatio(90°) of it; the two ends (partial pairs at the circle) change it by < 2 px
        double chord = 2 * Math.sqrt(45 * 45 - 10 * 10);
        double expected = chord * CroftonPerimeter.straightEdgeRatio(Math.PI / 2, 1, 1);
        assertEquals(expected, h.totalPorePerimeterUm(), 2.0);
        // without the region rule the circle's edge would add about half its circumference (141 px)
        assertTrue(h.totalPorePerimeterUm() < chord + 2);
    }

    @Test
    void poresTouchingTheRegionEdgeAreBorderPores() {
        ByteProcessor m = new ByteProcessor(100, 100);
        fillDisk(m, 50, 50, 6); // inside the region
        fillDisk(m, 20, 50, 6); // cut by the region's left edge at x = 20
        byte[] region = Roi2D.rectangle("20,10,70,80", 100, 100).inside();
        PoreAnalysis a = PoreMeasurer.measure(m, 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE, -1, region);
        assertEquals(2, a.totalPoreComponents());
        assertEquals(1, a.poreCount());
        assertEquals(1, a.borderPoreCount());
        List<Pore> pores = a.pores();
        Pore cut = pores.stream().filter(Pore::touchesBorder).findFirst().orElseThrow();
        assertFalse(cut.counted());
        assertTrue(cut.centroidXUm() > 20); // only its part inside the region is measured
        // without the region neither touches the frame
        assertEquals(0, PoreMeasurer.measure(m, 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE).borderPoreCount());
    }

    @Test
    void erosionOfARectangleIsTheInsetRectangle() {
        byte[] r = Roi2D.rectangle("5,7,30,20", 50, 40).inside();
        byte[] e = PoreMeasurer.erode(r, 50, 40, 3);
        assertEquals((30 - 6) * (20 - 6), org.porophase.core.PixelRegion.count(e));
        assertEquals(1, e[(7 + 3) * 50 + 5 + 3]);
        assertEquals(0, e[(7 + 2) * 50 + 5 + 3]);
    }

    private static void fillDisk(ByteProcessor m, double cx, double cy, double r) {
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if ((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= r * r) {
                    m.set(x, y, 255);
                }
            }
        }
    }
}
