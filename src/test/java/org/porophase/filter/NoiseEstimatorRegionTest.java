package org.porophase.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;

/**
 * The edge blur (the PSF σ that {@code deconvolve: auto} deconvolves with) and the noise estimated inside a region: a
 * specimen band (Boolean disks r = 15 px, PSF blur 1.5 px, noise σ = 8) between a resin band with sharp white text and
 * a scale bar (no blur) above and a mount band rendered with a different PSF (blur 0.3 px, disks of radius 10 px). Measured: inside 1.50 and 1.46 px (seeds 3, 4; band alone the same ±0.003), whole frame 0.72 and 0.88 px
 * below. Inside the region the estimate is the specimen's own (within ±0.2 px of the true 1.5 px and of the estimate
 * on the specimen band cut out alone); on the whole frame the sharp text and the sharp mount pull it down by more
 * than 0.3 px (so the test can fail).
 */
public class NoiseEstimatorRegionTest {
    public static final int W = 320, TOP = 80, ROWS = 200, BOTTOM_ROWS = 160, H = TOP + ROWS + BOTTOM_ROWS;
    public static final double BLUR = 1.5;

    /** {frame, specimen band alone}; the region is rows [TOP, TOP + ROWS). */
    public static ByteProcessor[] frame(long seed) {
        ByteProcessor spec = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(W).height(ROWS).pixelSizeUm(0.1)
                .radiusUm(1.5).porosity(0.45).blurPx(BLUR).noise(8).grain(false).seed(seed).build()).image();
        ByteProcessor mount = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(W).height(BOTTOM_ROWS).pixelSizeUm(0.1)
                .radiusUm(1.0).porosity(0.5).blurPx(0.3).noise(8).grain(false).seed(seed + 1).build()).image();
        ByteProcessor img = new ByteProcessor(W, H);
        Random r = new Random(seed);
        for (int y = 0; y < TOP; y++) {
            for (int x = 0; x < W; x++) {
                img.set(x, y, (int) Math.round(60 + 8 * r.nextGaussian()));
            }
        }
        // sharp "text": 2-px strokes of 5 × 7-cell glyph-like blocks in three lines, and a 4-px scale bar
        img.setValue(250);
        for (int line = 0; line < 3; line++) {
            for (int g = 0; g < 24; g++) {
                int gx = 8 + g * 13, gy = 6 + line * 20;
                for (int s = 0; s < 4; s++) {
                    int sx = gx + r.nextInt(9), sy = gy + r.nextInt(13);
                    if (r.nextBoolean()) {
                        img.fill(new ij.gui.Roi(sx, sy, 2, 6));
                    } else {
                        img.fill(new ij.gui.Roi(sx, sy, 6, 2));
                    }
                }
            }
        }
        img.fill(new ij.gui.Roi(40, 68, 200, 4));
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < W; x++) {
                img.set(x, TOP + y, spec.get(x, y));
            }
        }
        for (int y = 0; y < BOTTOM_ROWS; y++) {
            for (int x = 0; x < W; x++) {
                img.set(x, TOP + ROWS + y, mount.get(x, y));
            }
        }
        return new ByteProcessor[] {img, spec};
    }

    static byte[] band() {
        byte[] region = new byte[W * H];
        java.util.Arrays.fill(region, TOP * W, (TOP + ROWS) * W, (byte) 1);
        return region;
    }

    @Test
    void edgeBlurIsTheSpecimensNotTheTextsOrTheMounts() {
        for (long seed : new long[] {3, 4}) {
            ByteProcessor[] f = frame(seed);
            NoiseEstimator.Choice inside = NoiseEstimator.choose(f[0], band());
            NoiseEstimator.Choice alone = NoiseEstimator.choose(f[1]);
            NoiseEstimator.Choice whole = NoiseEstimator.choose(f[0]);
            assertEquals(BLUR, inside.edgeBlurPx(), 0.2, "seed " + seed + ": region " + inside);
            assertEquals(alone.edgeBlurPx(), inside.edgeBlurPx(), 0.1, "seed " + seed + ": band alone " + alone);
            assertTrue(whole.edgeBlurPx() < BLUR - 0.3, "seed " + seed + ": whole frame " + whole);
            // noise from the band: the renderer's σ = 8 at mid-gray (half additive, half signal-proportional)
            assertEquals(alone.noiseSigma(), inside.noiseSigma(), 0.05 * alone.noiseSigma());
            assertEquals(alone.contrast(), inside.contrast(), 0.03 * alone.contrast());
        }
    }

    @Test
    void wholeImageRegionAndNullAgreeOnNoise() {
        ByteProcessor img = frame(5)[1];
        byte[] all = new byte[img.getPixelCount()];
        java.util.Arrays.fill(all, (byte) 1);
        assertEquals(NoiseEstimator.noiseSigma(img), NoiseEstimator.noiseSigma(img, all), 0);
        NoiseEstimator.Choice a = NoiseEstimator.choose(img, all);
        NoiseEstimator.Choice b = NoiseEstimator.choose(img);
        assertEquals(b.contrast(), a.contrast(), 0);
        // the region only drops a 4-px frame from the gradient samples
        assertEquals(b.edgeBlurPx(), a.edgeBlurPx(), 0.05);
        byte[] none = new byte[img.getPixelCount()];
        NoiseEstimator.Choice empty = NoiseEstimator.choose(img, none);
        assertEquals(0, empty.gaussianSigmaPx());
        assertTrue(Double.isNaN(empty.edgeBlurPx()));
        assertThrows(PoroPhaseException.class, () -> NoiseEstimator.choose(img, new byte[7]));
    }

    @Test
    void erosionIsAChebyshevMargin() {
        int w = 9, h = 7;
        byte[] r = new byte[w * h];
        for (int y = 1; y < 6; y++) {
            for (int x = 1; x < 8; x++) {
                r[y * w + x] = 1;
            }
        }
        byte[] e = NoiseEstimator.erode(r, w, h, 1);
        byte[] expected = new byte[w * h];
        for (int y = 2; y < 5; y++) {
            for (int x = 2; x < 7; x++) {
                expected[y * w + x] = 1;
            }
        }
        assertArrayEquals(expected, e);
        // the frame counts as outside; k = 3 leaves nothing of a 7 × 5 block
        byte[] full = new byte[w * h];
        java.util.Arrays.fill(full, (byte) 1);
        assertEquals(1, NoiseEstimator.erode(full, w, h, 3)[3 * w + 4]);
        assertEquals(0, NoiseEstimator.erode(full, w, h, 3)[2 * w + 4]);
        assertEquals(0, sum(NoiseEstimator.erode(r, w, h, 3)));
    }

    static int sum(byte[] a) {
        int s = 0;
        for (byte b : a) {
            s += b;
        }
        return s;
    }
}
