package org.porophase.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;

/**
 * Specimen band detection and ROI rasterisation on generated images with exact truth.
 */
class SpecimenRegionTest {

    /**
     * A cross-section: rows [0, top) smooth resin (gray {@code above} + noise), rows [top, bottom) a porous
     * membrane (Boolean pores, noise 12, blur 1), rows [bottom, h) smooth mount (gray {@code below} + noise).
     * Returns {image, truth mask} (the truth: the generator's exact pore mask in the band, 0 elsewhere).
     */
    static ByteProcessor[] crossSection(int w, int h, int top, int bottom, int above, int below, long seed) {
        // the membrane is the middle of a taller rendering, so that pores reach its surfaces as in a real cut
        // (the generator's own first and last rows hold fewer pores: disks are centred inside its frame)
        int margin = 20;
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(w).height(bottom - top + 2 * margin)
                .porosity(0.3).noise(12).blurPx(1).grain(true).seed(seed).build());
        ByteProcessor img = new ByteProcessor(w, h);
        ByteProcessor truth = new ByteProcessor(w, h);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y >= top && y < bottom) {
                    img.set(x, y, s.image().get(x, y - top + margin));
                    truth.set(x, y, s.poreMask().get(x, y - top + margin) != 0 ? 255 : 0);
                } else {
                    int base = y < top ? above : below;
                    img.set(x, y, (int) Math.max(0, Math.min(255, Math.round(base + 8 * r.nextGaussian() + 0.05 * x))));
                }
            }
        }
        return new ByteProcessor[] {img, truth};
    }

    @Test
    void bandBetweenResinAndMountFoundExactly() {
        int[][] cases = {{256, 240, 60, 190, 90, 150}, {300, 200, 0, 120, 0, 200}, {200, 260, 90, 260, 230, 0}, {320, 180, 25, 150, 40, 40}};
        for (int[] c : cases) {
            ByteProcessor img = crossSection(c[0], c[1], c[2], c[3], c[4], c[5], c[0] + c[2])[0];
            SpecimenRegion.Band b = SpecimenRegion.detect(img, null);
            boolean smoothOutside = c[2] > 0 || c[3] < c[1];
            assertEquals(smoothOutside, b.detected(), b.method());
            assertEquals(c[2], b.top(), "top: " + b.method()); // exact: see SpecimenRegion's accuracy note
            assertEquals(c[3], b.bottom(), "bottom: " + b.method());
            assertTrue(b.confidence() > 0.8, b.method());
            assertTrue(b.textureIn() > 3 * b.textureOut(), b.method());
        }
    }

    @Test
    void poreFreeSkinAtTheSurfaceBelongsToTheBand() {
        // rows [60, 72) of the membrane are a dense skin at the solid's gray (no pore, no texture); resin at 90 above
        ByteProcessor img = crossSection(256, 240, 60, 190, 90, 150, 11)[0];
        int[] row = new int[256];
        for (int y = 100; y < 190; y++) {
            // the solid level: the median gray of the membrane rows
            for (int x = 0; x < 256; x++) {
                row[x] = img.get(x, y);
            }
        }
        java.util.Arrays.sort(row);
        int solid = row[128];
        Random r = new Random(2);
        for (int y = 60; y < 72; y++) {
            for (int x = 0; x < 256; x++) {
                img.set(x, y, (int) Math.round(solid + 8 * r.nextGaussian()));
            }
        }
        SpecimenRegion.Band b = SpecimenRegion.detect(img, null);
        assertEquals(60, b.top(), b.method());
        assertEquals(190, b.bottom(), b.method());
    }

    @Test
    void plainMicrographIsTheWholeImage() {
        ByteProcessor img = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(200).height(150)
                .porosity(0.3).noise(12).blurPx(1).seed(4).build()).image();
        SpecimenRegion.Band b = SpecimenRegion.detect(img, null);
        assertFalse(b.detected(), b.method());
        assertEquals(0, b.top());
        assertEquals(150, b.bottom());
        // a smooth image with only noise: no texture contrast either
        ByteProcessor flat = new ByteProcessor(100, 100);
        Random r = new Random(1);
        for (int i = 0; i < 100 * 100; i++) {
            flat.set(i, (int) (120 + 10 * r.nextGaussian()));
        }
        assertFalse(SpecimenRegion.detect(flat, null).detected());
    }

    @Test
    void rectanglePolygonAndMaskRoisExact(@TempDir Path tmp) throws Exception {
        Roi2D.Region rect = Roi2D.rectangle("10,20,30,40", 100, 100);
        assertEquals(1200, rect.pixels());
        assertEquals(1, rect.inside()[20 * 100 + 10]);
        assertEquals(0, rect.inside()[20 * 100 + 40]);
        assertEquals(0, rect.inside()[19 * 100 + 10]);
        // clipped at the image edge
        assertEquals(10 * 10, Roi2D.rectangle("90,90,50,50", 100, 100).pixels());
        // triangle: pixel centres under the diagonal, (n² − n)/2 + … exact count for the half-square
        Roi2D.Region tri = Roi2D.polygon("0,0,40,0,0,40", 100, 100);
        long expect = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                if (x + 0.5 + y + 0.5 < 40) {
                    expect++;
                }
            }
        }
        assertEquals(expect, tri.pixels());
        assertEquals(780, expect); // 40·39/2: the centres strictly below the diagonal
        // mask file: non-zero inside; the file's full height (info bar rows) is accepted and cut
        ByteProcessor m = new ByteProcessor(60, 50);
        m.setValue(1);
        m.setRoi(5, 5, 10, 10);
        m.fill();
        Path f = tmp.resolve("roi.tif");
        IJ.saveAsTiff(new ImagePlus("m", m), f.toString());
        ij.process.ImageProcessor opened = IJ.openImage(f.toString()).getProcessor();
        assertEquals(100, Roi2D.mask(opened, "roi.tif", 60, 50, 50).pixels());
        assertEquals(100, Roi2D.mask(opened, "roi.tif", 60, 40, 50).pixels());
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Roi2D.mask(opened, "roi.tif", 64, 50, 50));
        assertTrue(e.getMessage().contains("roi.tif") && e.getMessage().contains("60 × 50"), e.getMessage());
        // bad specs name the flag and the form
        e = assertThrows(PoroPhaseException.class, () -> Roi2D.rectangle("1,2,3", 10, 10));
        assertTrue(e.getMessage().contains("--roi") && e.getMessage().contains("x,y,w,h"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> Roi2D.rectangle("200,200,5,5", 10, 10));
        assertTrue(e.getMessage().contains("no pixel"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> Roi2D.polygon("1,2,3,4", 10, 10));
        assertTrue(e.getMessage().contains("3 vertices"), e.getMessage());
        assertTrue(Files.exists(f));
    }
}
