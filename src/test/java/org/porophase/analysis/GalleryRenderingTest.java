package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.porophase.io.SemReader;
import org.porophase.report.Figures;
import org.porophase.report.ImageWriters;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ByteProcessor;

/**
 * The README gallery image, end to end: a generated cross-section laid out as a real Zeiss SmartSEM image
 * (resin above, a porous membrane, mount below, and SmartSEM's framed white data panel with "200 µm",
 * "EHT = …", a logo block and one scan row below the bottom frame line, as in the real
 * {@code test_tiff_Zeiss_SEM_1k.tif}), analysed with {@code specimen_region: auto}: the bar must be excluded
 * exactly, the band found exactly, and the porosity be the membrane's. With {@code -Dgallery.out=DIR} the QC
 * overlay is written to {@code DIR/cross-section-zeiss-layout.qc.png} (the README's gallery image; a
 * generated image because the public real vendor files are GPL-3 and this project is BSD-2).
 */
class GalleryRenderingTest {

    static final int W = 640, TOP = 90, BOTTOM = 330, SCAN = 400, PANEL = 54;
    static final double PX = 0.125; // µm: a 80 µm wide field, a 30 µm membrane

    /** {image, truth mask of the scan rows}. */
    static ByteProcessor[] render() {
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(W).height(BOTTOM - TOP + 40)
                .pixelSizeUm(PX).radiusUm(1.2).porosity(0.32).noise(12).blurPx(1).grain(true).seed(12).build());
        int h = SCAN + 1 + PANEL + 1 + 1;
        ByteProcessor img = new ByteProcessor(W, h);
        ByteProcessor truth = new ByteProcessor(W, SCAN);
        Random r = new Random(5);
        for (int y = 0; y < SCAN; y++) {
            for (int x = 0; x < W; x++) {
                if (y >= TOP && y < BOTTOM) {
                    img.set(x, y, s.image().get(x, y - TOP + 20));
                    truth.set(x, y, s.poreMask().get(x, y - TOP + 20) != 0 ? 255 : 0);
                } else {
                    double base = y < TOP ? 70 + 0.03 * x : 120 - 0.02 * x; // epoxy above, mount below, slight shading
                    img.set(x, y, (int) Math.max(0, Math.min(255, Math.round(base + 7 * r.nextGaussian()))));
                }
            }
        }
        // SmartSEM panel: frame line, white panel with 2-px frame columns, text, logo, bottom frame line, one scan row
        img.setColor(Color.BLACK);
        img.setRoi(0, SCAN, W, 1);
        img.fill();
        img.setColor(Color.WHITE);
        img.setRoi(0, SCAN + 1, W, PANEL);
        img.fill();
        img.resetRoi();
        img.setColor(Color.BLACK);
        img.setRoi(0, SCAN + 1, 2, PANEL);
        img.fill();
        img.setRoi(W - 2, SCAN + 1, 2, PANEL);
        img.fill();
        img.setRoi(0, SCAN + 1 + PANEL, W, 1);
        img.fill();
        img.resetRoi();
        img.setFont(new Font("SansSerif", Font.PLAIN, 15));
        img.setAntialiasedText(false);
        img.drawString("10 µm", 16, SCAN + 24);
        img.setRoi(16, SCAN + 32, 80, 3);
        img.fill();
        img.resetRoi();
        img.drawString("EHT = 10.00 kV", 150, SCAN + 24);
        img.drawString("Mag = 1.00 K X", 150, SCAN + 46);
        img.drawString("Signal A = SE2", 320, SCAN + 24);
        img.drawString("WD = 8.5 mm", 320, SCAN + 46);
        img.setColor(new Color(65, 65, 65));
        img.setRoi(W - 80, SCAN + 8, 66, PANEL - 16);
        img.fill();
        img.resetRoi();
        for (int x = 0; x < W; x++) {
            img.set(x, h - 1, (int) Math.round(120 - 0.02 * x + 7 * r.nextGaussian()));
        }
        return new ByteProcessor[] {img, truth};
    }

    @Test
    void zeissLayoutCrossSectionEndToEnd() throws Exception {
        ByteProcessor[] g = render();
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.specimenRegion = "auto";
        o.porosityProfile = true;
        o.profileBinUm = 2.0;
        SemAnalysisResult r = new SemAnalyzer(o).analyze(SemReader.fromImagePlus(new ImagePlus("cross-section", g[0]), PX));
        Map<String, Object> s = r.summary();
        assertEquals(SCAN, r.rowsAnalyzed(), String.valueOf(s.get("info_bar_method")));
        assertEquals("image-framed", s.get("bar_method"));
        @SuppressWarnings("unchecked")
        Map<String, Object> band = (Map<String, Object>) s.get("specimen_region");
        assertEquals(TOP, band.get("top_row"), String.valueOf(band.get("method")));
        assertEquals(BOTTOM - 1, band.get("bottom_row"), String.valueOf(band.get("method")));
        long pore = 0;
        for (int y = TOP; y < BOTTOM; y++) {
            for (int x = 0; x < W; x++) {
                pore += g[1].get(x, y) != 0 ? 1 : 0;
            }
        }
        double truth = pore / (double) (W * (BOTTOM - TOP));
        assertEquals(truth, r.pores().porosity(), 0.01);
        ImagePlus qc = Figures.semQc(r);
        assertEquals(g[0].getHeight(), qc.getHeight());
        boolean bar = false;
        for (Roi roi : qc.getOverlay().toArray()) {
            bar |= roi.getFillColor() != null && roi.getBounds().y == SCAN && roi.getBounds().height == g[0].getHeight() - SCAN;
        }
        assertTrue(bar, "the QC overlay shows the excluded rows");
        String out = System.getProperty("gallery.out");
        if (out != null) {
            Files.createDirectories(Path.of(out));
            ImageWriters.savePng(qc, Path.of(out, "cross-section-zeiss-layout.qc.png"));
            ImageWriters.savePng(Figures.sectionProfilePlot(r).getImagePlus(), Path.of(out, "cross-section-zeiss-layout.profile.png"));
            System.out.printf("gallery: rows_analyzed %d (%s), band %s–%s, porosity %.4f (truth %.4f), S_c %.4f /um%n", r.rowsAnalyzed(),
                    s.get("bar_method"), band.get("top_row"), band.get("bottom_row"), r.pores().porosity(), truth,
                    r.pores().specificSurfaceAreaPerUm());
        }
    }
}
