package org.porophase.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;

import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * Info-bar detection on synthetic SEM images. Required accuracy: rowsKept exact (0 rows error) for every
 * bar below — the bars are digital overlays with a sharp top edge, so there is no reason to accept an
 * off-by-one; and no crop at all on images without a bar.
 */
class InfoBarDetectorTest {

    private static ImageProcessor scan(Model m, int w, int h, long seed, double noise) {
        return SemSynthesizer.generate(Params.builder().model(m).width(w).height(h).porosity(m == Model.CYLINDERS ? 0.3 : 0.45)
                .noise(noise).blurPx(noise > 0 ? 1 : 0).grain(noise > 0).seed(seed).build()).image();
    }

    /** Appends a bar: background {@code bg}, optional separator rows of value {@code sep}, "text" blocks and a scale bar. */
    private static ImageProcessor withBar(ImageProcessor top, int bar, int bg, int sepRows, int sep, int ink, double jitter, long seed) {
        int w = top.getWidth();
        int h = top.getHeight();
        ImageProcessor ip = top.createProcessor(w, h + bar);
        ip.insert(top, 0, 0);
        Random r = new Random(seed);
        for (int y = h; y < h + bar; y++) {
            for (int x = 0; x < w; x++) {
                double v = y < h + sepRows ? sep : bg;
                if (jitter > 0 && y >= h + sepRows) {
                    v += r.nextInt(3) - 1; // ±1 level, e.g. JPEG residue
                }
                ip.putPixelValue(x, y, v);
            }
        }
        // text-like blocks: glyph cells 5 wide, 7 high, 1 apart, in words, on one or two lines
        int lines = bar >= 36 ? 2 : 1;
        int lh = 7;
        for (int l = 0; l < lines; l++) {
            int y0 = h + sepRows + 3 + l * (lh + 4);
            int x = 6;
            while (x < w / 2) {
                int word = 2 + r.nextInt(5);
                for (int c = 0; c < word; c++) {
                    for (int gy = 0; gy < lh; gy++) {
                        for (int gx = 0; gx < 5; gx++) {
                            if (r.nextDouble() < 0.45 && y0 + gy < h + bar) {
                                ip.putPixelValue(x + gx, y0 + gy, ink);
                            }
                        }
                    }
                    x += 6;
                }
                x += 10;
            }
        }
        // scale bar
        for (int y = h + bar - 6; y < h + bar - 3; y++) {
            for (int x = w - 90; x < w - 10; x++) {
                ip.putPixelValue(x, y, ink);
            }
        }
        return ip;
    }

    @Test
    void generatorBarsOfSeveralHeightsExact() {
        for (int bar : new int[] {16, 24, 40, 64, 100}) {
            for (Model m : Model.values()) {
                ImageProcessor ip = SemSynthesizer.generate(Params.builder().model(m).width(320).height(240).infoBarPx(bar)
                        .porosity(0.3).seed(bar).build()).image();
                InfoBarDetector.InfoBar ib = InfoBarDetector.detect(ip, OptionalInt.empty());
                assertTrue(ib.detected(), m + " bar " + bar + ": " + ib);
                assertEquals(240, ib.rowsKept(), m + " bar " + bar + ": " + ib.method());
            }
        }
    }

    @Test
    void darkBrightAndGrayBarsWithAndWithoutSeparatorExact() {
        ImageProcessor top = scan(Model.BOOLEAN, 300, 220, 5, 12);
        int[][] variants = {
            // bar rows, background, separator rows, separator value, ink, jitter
            {20, 0, 0, 0, 255, 0},
            {30, 255, 0, 0, 0, 0},      // bright bar, black text (TESCAN-like)
            {30, 255, 1, 0, 0, 0},      // bright bar, black line on top
            {44, 0, 2, 255, 255, 0},    // dark bar, white separator (FEI-like)
            {44, 40, 1, 200, 230, 1},   // dark-gray bar with ±1 jitter
            {60, 128, 0, 0, 255, 1},    // mid-gray bar
        };
        for (int[] v : variants) {
            ImageProcessor ip = withBar(top, v[0], v[1], v[2], v[3], v[4], v[5], 7);
            InfoBarDetector.InfoBar ib = InfoBarDetector.detect(ip, OptionalInt.empty());
            assertTrue(ib.detected(), java.util.Arrays.toString(v) + ": " + ib);
            assertEquals(220, ib.rowsKept(), java.util.Arrays.toString(v) + ": " + ib.method());
        }
    }

    @Test
    void sixteenBitBar() {
        ImageProcessor top8 = scan(Model.CYLINDERS, 256, 200, 3, 10);
        ShortProcessor top = new ShortProcessor(256, 200);
        for (int i = 0; i < 256 * 200; i++) {
            top.set(i % 256, i / 256, top8.get(i % 256, i / 256) * 200 + 1000);
        }
        ImageProcessor ip = withBar(top, 32, 0, 1, 65535, 65535, 0, 3);
        InfoBarDetector.InfoBar ib = InfoBarDetector.detect(ip, OptionalInt.empty());
        assertEquals(200, ib.rowsKept(), ib.method());
    }

    @Test
    void metadataHeightWins() {
        ImageProcessor ip = scan(Model.CYLINDERS, 128, 128, 1, 10);
        InfoBarDetector.InfoBar ib = InfoBarDetector.detect(ip, OptionalInt.of(110));
        assertEquals(new InfoBarDetector.InfoBar(110, true, "metadata: scan height 110 of 128 rows"), ib);
        InfoBarDetector.InfoBar same = InfoBarDetector.detect(ip, OptionalInt.of(128));
        assertFalse(same.detected());
        assertEquals(128, same.rowsKept());
        // implausible metadata (bar would be more than half the image, or larger than the image) → image decides
        assertEquals(128, InfoBarDetector.detect(ip, OptionalInt.of(30)).rowsKept());
        assertEquals(128, InfoBarDetector.detect(ip, OptionalInt.of(500)).rowsKept());
    }

    /** No bar → no crop, on 2 models × 2 noise levels × 15 seeds, plus saturated dark pores. */
    @Test
    void noFalsePositivesOnPlainMicrostructure() {
        int n = 0;
        for (Model m : Model.values()) {
            for (double noise : new double[] {0, 12}) {
                for (long seed = 1; seed <= 15; seed++) {
                    ImageProcessor ip = scan(m, 200, 200, seed, noise);
                    InfoBarDetector.InfoBar ib = InfoBarDetector.detect(ip, OptionalInt.empty());
                    assertFalse(ib.detected(), m + " noise " + noise + " seed " + seed + ": " + ib.method());
                    assertEquals(200, ib.rowsKept());
                    n++;
                }
            }
        }
        assertEquals(60, n);
        // dark pores saturated at 0 (pore gray 0, little noise), big pores near the bottom
        for (long seed = 1; seed <= 10; seed++) {
            ImageProcessor ip = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(200).height(200)
                    .radiusUm(2.5).porosity(0.5).poreGray(0).noise(3).blurPx(0).grain(false).seed(seed).build()).image();
            InfoBarDetector.InfoBar ib = InfoBarDetector.detect(ip, OptionalInt.empty());
            assertFalse(ib.detected(), "saturated pores seed " + seed + ": " + ib.method());
        }
        // constant image
        ByteProcessor flat = new ByteProcessor(64, 64);
        assertFalse(InfoBarDetector.detect(flat, OptionalInt.empty()).detected());
    }
}
