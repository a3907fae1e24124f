package org.porophase.segment;

import org.porophase.filter.Denoise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.process.AutoThresholder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.Test;
import org.porophase.core.InvalidValueException;
import org.porophase.core.PoroPhaseException;
import org.porophase.measure.BorderPolicy;
import org.porophase.measure.PoreMeasurer;
import org.porophase.measure.TestImages;

/**
 * Segmentation of synthetic SEM-like images: dark disks (pores, level 60) on a bright solid
 * (level 180), exact area coverage, Gaussian blur σ = 1 px, Gaussian noise SD 12 (SNR 10). Ground
 * truth porosity = N·πr²/A of the non-overlapping disks. Tolerance 0.01 in porosity: the blur moves
 * a threshold that is not exactly mid-way between the levels by a fraction of a pixel, which on
 * r = 15 px disks (perimeter density ≈ 0.04 px⁻¹) is a few 0.001.
 */
class Segmenter2DTest {

    static final int W = 512, H = 512;
    static final double R = 15;

    static final class Scene {
        FloatProcessor gray;
        double truth;
    }

    static Scene scene(long seed, double rampAmplitude) {
        Random rnd = new Random(seed);
        List<double[]> c = TestImages.rsaDisks(rnd, W, H, R, 3, R + 2, 110, 100000);
        Scene s = new Scene();
        s.truth = c.size() * Math.PI * R * R / (W * H);
        s.gray = TestImages.grayDisks(W, H, c, R, 60, 180, 1.0, 12, seed);
        if (rampAmplitude != 0) {
            float[] f = (float[]) s.gray.getPixels();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    // shading: a linear gradient (±amplitude/4 across the field) plus vignetting that
                    // darkens the corners by the amplitude
                    double u = (x - W / 2.0) / (W / 2.0), v = (y - H / 2.0) / (H / 2.0);
                    f[y * W + x] += (float) (rampAmplitude * (0.25 * u - 0.5 * (u * u + v * v)));
                }
            }
        }
        return s;
    }

    static ByteProcessor to8bit(FloatProcessor f) {
        float[] p = (float[]) f.getPixels();
        byte[] b = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(p[i])));
        }
        return new ByteProcessor(f.getWidth(), f.getHeight(), b);
    }

    static ShortProcessor to16bit(FloatProcessor f, double scale, double offset) {
        float[] p = (float[]) f.getPixels();
        short[] s = new short[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = (short) Math.max(0, Math.min(65535, Math.round(p[i] * scale + offset)));
        }
        return new ShortProcessor(f.getWidth(), f.getHeight(), s, null);
    }

    static ImageProcessor invert8(ByteProcessor b) {
        ByteProcessor c = (ByteProcessor) b.duplicate();
        c.invert();
        return c;
    }

    @Test
    void darkPoresAllBitDepths() {
        Scene s = scene(1, 0);
        SegmentationOptions opt = new SegmentationOptions();
        ImageProcessor[] inputs = {to8bit(s.gray), to16bit(s.gray, 100, 1000), s.gray};
        for (ImageProcessor ip : inputs) {
            SegmentationResult r = Segmenter2D.segment(ip, opt);
            System.out.printf("%s: porosity %.4f truth %.4f threshold %.2f%n", ip.getClass().getSimpleName(),
                    r.poreFraction(), s.truth, r.threshold());
            assertEquals(s.truth, r.poreFraction(), 0.01, ip.getClass().getSimpleName());
            assertTrue(r.warnings().isEmpty());
            assertEquals("Otsu", r.method());
            // threshold lies between the two levels (in the input's units)
            double lo = ip instanceof ShortProcessor ? 60 * 100 + 1000 : 60, hi = ip instanceof ShortProcessor ? 180 * 100 + 1000 : 180;
            assertTrue(r.threshold() > lo && r.threshold() < hi, "threshold " + r.threshold());
        }
        // and the measured porosity agrees with the mask
        SegmentationResult r = Segmenter2D.segment(inputs[0], opt);
        assertEquals(r.poreFraction(), PoreMeasurer.measure(r.mask(), 1, 1, BorderPolicy.INCLUDE).porosity(), 1e-12);
    }

    @Test
    void eightBitThresholdIsImageJs() {
        Scene s = scene(2, 0);
        ByteProcessor b = to8bit(s.gray);
        SegmentationResult r = Segmenter2D.segment(b, new SegmentationOptions().setDenoise(Denoise.NONE).setMinPoreAreaPx(0));
        int t = new AutoThresholder().getThreshold(AutoThresholder.Method.Otsu, b.getHistogram());
        assertEquals(t, r.threshold(), 0);
        byte[] px = (byte[]) b.getPixels(), m = (byte[]) r.mask().getPixels();
        for (int i = 0; i < px.length; i++) {
            assertEquals((px[i] & 0xff) <= t, m[i] != 0);
        }
    }

    @Test
    void brightPoresInverted() {
        Scene s = scene(3, 0);
        ByteProcessor b = to8bit(s.gray);
        SegmentationResult dark = Segmenter2D.segment(b, new SegmentationOptions());
        SegmentationResult bright = Segmenter2D.segment(invert8(b), new SegmentationOptions().setPoresBright(true));
        assertEquals(s.truth, bright.poreFraction(), 0.01);
        assertEquals(dark.poreFraction(), bright.poreFraction(), 0.002);
        // wrong polarity: porosity becomes 1 − truth
        SegmentationResult wrong = Segmenter2D.segment(invert8(b), new SegmentationOptions());
        assertEquals(1 - s.truth, wrong.poreFraction(), 0.01);
    }

    /**
     * Shading of up to 125 gray levels (vignetting −100 at the corners plus a ±25 linear gradient,
     * i.e. about the phase contrast of 120): a global threshold then classifies the dark
     * corners as pore; rolling-ball shading correction (radius 50 px, larger than the 30 px pores)
     * restores the porosity within 0.01, for both polarities and for 8- and 32-bit input.
     */
    @Test
    void shadingCorrection() {
        Scene s = scene(4, 100);
        ByteProcessor b = to8bit(s.gray);
        SegmentationResult plain = Segmenter2D.segment(b, new SegmentationOptions());
        SegmentationResult corr = Segmenter2D.segment(b, new SegmentationOptions().setShadingCorrection(true));
        SegmentationResult corrBright = Segmenter2D.segment(invert8(b),
                new SegmentationOptions().setShadingCorrection(true).setPoresBright(true));
        SegmentationResult corr32 = Segmenter2D.segment(s.gray, new SegmentationOptions().setShadingCorrection(true));
        System.out.printf("shading: truth %.4f, uncorrected %.4f, corrected %.4f, bright %.4f, 32-bit %.4f%n", s.truth,
                plain.poreFraction(), corr.poreFraction(), corrBright.poreFraction(), corr32.poreFraction());
        assertTrue(Math.abs(plain.poreFraction() - s.truth) > 0.01, "the gradient must matter for this test to mean anything");
        assertEquals(s.truth, corr.poreFraction(), 0.01);
        assertEquals(s.truth, corrBright.poreFraction(), 0.01);
        assertEquals(s.truth, corr32.poreFraction(), 0.01);
    }

    @Test
    void allImageJMethodsRunOnABimodalImage() {
        Scene s = scene(5, 0);
        ByteProcessor b = to8bit(s.gray);
        ShortProcessor sp = to16bit(s.gray, 50, 0);
        List<String> failed = new ArrayList<>();
        for (String m : AutoThresholder.getMethods()) {
            for (ImageProcessor ip : new ImageProcessor[] {b, sp, s.gray}) {
                SegmentationResult r = Segmenter2D.segment(ip, new SegmentationOptions().setMethod(m));
                assertTrue(r.poreFraction() > 0 && r.poreFraction() < 1, m);
                // the clearly bimodal methods land close to the truth
                if (m.equals("Otsu") || m.equals("IsoData") || m.equals("Default") || m.equals("Intermodes")
                        || m.equals("Minimum") || m.equals("Huang")) {
                    if (Math.abs(r.poreFraction() - s.truth) > 0.02) {
                        failed.add(m + "/" + ip.getClass().getSimpleName() + "=" + r.poreFraction());
                    }
                }
            }
        }
        assertTrue(failed.isEmpty(), failed.toString());
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(b, new SegmentationOptions().setMethod("Magic")));
        // case-insensitive names
        assertEquals("Otsu", Segmenter2D.segment(b, new SegmentationOptions().setMethod("otsu")).method());
    }

    @Test
    void uniformImageIsAnError() {
        ByteProcessor b = new ByteProcessor(64, 64);
        b.setValue(77);
        b.fill();
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(b, new SegmentationOptions()));
        assertEquals("image is uniform (value 77): nothing to segment", e.getMessage());
        FloatProcessor f = new FloatProcessor(10, 10);
        f.setf(0, Float.NaN);
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(f, new SegmentationOptions()));
    }

    @Test
    void thresholdsOutsideTheGrayValuesAreRefusedAndADenseResultWarns() {
        Scene s = scene(6, 0);
        ByteProcessor b = to8bit(s.gray);
        double min = b.getStatistics().min;
        double max = b.getStatistics().max;
        // outside [min, max): every pixel or none would be pore, a wrong value for this image (issue: exit 0 with φ = 0)
        InvalidValueException lo = assertThrows(InvalidValueException.class,
                () -> Segmenter2D.segment(b, new SegmentationOptions().setDenoise(Denoise.NONE).setManualThreshold(-1)));
        assertTrue(lo.getMessage().startsWith("threshold -1 is below the image's minimum gray value " + (int) min), lo.getMessage());
        assertTrue(lo.getMessage().contains("no pixel is pore"), lo.getMessage());
        InvalidValueException hi = assertThrows(InvalidValueException.class,
                () -> Segmenter2D.segment(b, new SegmentationOptions().setDenoise(Denoise.NONE).setManualThreshold(300)));
        assertTrue(hi.getMessage().startsWith("threshold 300 is above the image's maximum gray value " + (int) max), hi.getMessage());
        assertTrue(hi.getMessage().contains("every pixel is pore"), hi.getMessage());
        InvalidValueException bright = assertThrows(InvalidValueException.class,
                () -> Segmenter2D.segment(b, new SegmentationOptions().setDenoise(Denoise.NONE).setManualThreshold(max).setPoresBright(true)));
        assertTrue(bright.getMessage().contains("equal to the image's maximum") && bright.getMessage().contains("no pixel is pore"), bright.getMessage());
        // inside the range but selecting only the darkest pixels, removed as specks: a dense sample, with a warning
        SegmentationResult none = Segmenter2D.segment(b, new SegmentationOptions().setDenoise(Denoise.NONE).setManualThreshold(min));
        assertEquals(0, none.poreFraction());
        assertTrue(none.warnings().get(0).startsWith("no pores found"), none.warnings().toString());
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(b, new SegmentationOptions().setMethod("Manual")));
    }

    @Test
    void inputIsNotModified() {
        Scene s = scene(7, 30);
        ByteProcessor b = to8bit(s.gray);
        byte[] before = ((byte[]) b.getPixels()).clone();
        float[] fBefore = ((float[]) s.gray.getPixels()).clone();
        SegmentationOptions opt = new SegmentationOptions().setShadingCorrection(true).setWatershed(true);
        Segmenter2D.segment(b, opt);
        Segmenter2D.segment(s.gray, opt.copy().setDenoise(Denoise.GAUSSIAN));
        assertArrayEquals(before, (byte[]) b.getPixels());
        assertArrayEquals(fBefore, (float[]) s.gray.getPixels());
    }

    @Test
    void nanPixelsAreSolidWithAWarning() {
        Scene s = scene(8, 0);
        FloatProcessor f = (FloatProcessor) s.gray.duplicate();
        float[] p = (float[]) f.getPixels();
        int nNan = 0;
        for (int i = 0; i < p.length; i += 97) {
            p[i] = Float.NaN;
            nNan++;
        }
        SegmentationResult r = Segmenter2D.segment(f, new SegmentationOptions());
        byte[] m = (byte[]) r.mask().getPixels();
        for (int i = 0; i < p.length; i += 97) {
            assertEquals(0, m[i]);
        }
        assertTrue(r.warnings().get(0).startsWith(nNan + " pixel(s) are NaN"), r.warnings().toString());
        assertEquals(s.truth, r.poreFraction(), 0.02);
    }

    /** Specks: a 2-px dark speck in the solid is removed, a 3-px bright speck inside a pore is filled, 4 px kept. */
    @Test
    void specksAndHoles() {
        int w = 80, h = 60;
        byte[] g = new byte[w * h];
        java.util.Arrays.fill(g, (byte) 200);
        byte[] disk = new byte[w * h];
        TestImages.fillDisk(disk, w, h, 40, 30, 15);
        for (int i = 0; i < g.length; i++) {
            if (disk[i] != 0) {
                g[i] = 50;
            }
        }
        g[5 * w + 5] = 50;       // 2-px dark speck in the solid
        g[5 * w + 6] = 50;
        g[10 * w + 60] = 50;     // 4-px dark block: a pore of exactly minPoreAreaPx, kept
        g[10 * w + 61] = 50;
        g[11 * w + 60] = 50;
        g[11 * w + 61] = 50;
        g[30 * w + 40] = (byte) 200; // 3-px bright speck inside the pore
        g[30 * w + 41] = (byte) 200;
        g[31 * w + 40] = (byte) 200;
        ByteProcessor b = new ByteProcessor(w, h, g);
        SegmentationOptions opt = new SegmentationOptions().setDenoise(Denoise.NONE);
        byte[] m = (byte[]) Segmenter2D.segment(b, opt).mask().getPixels();
        assertEquals(0, m[5 * w + 5]);
        assertEquals((byte) 255, m[10 * w + 60]);
        assertEquals((byte) 255, m[30 * w + 40]);
        byte[] keep = (byte[]) Segmenter2D.segment(b, opt.copy().setFillHoles(false)).mask().getPixels();
        assertEquals(0, keep[30 * w + 40]);
        byte[] raw = (byte[]) Segmenter2D.segment(b, opt.copy().setMinPoreAreaPx(0)).mask().getPixels();
        assertEquals((byte) 255, raw[5 * w + 5]);
    }

    @Test
    void watershedSeparatesTwoTouchingDisks() {
        int w = 120, h = 80;
        byte[] g = new byte[w * h];
        java.util.Arrays.fill(g, (byte) 200);
        byte[] d = new byte[w * h];
        TestImages.fillDisk(d, w, h, 40, 40, 20);
        TestImages.fillDisk(d, w, h, 76, 40.5, 20); // overlap 4 px: a neck
        for (int i = 0; i < g.length; i++) {
            if (d[i] != 0) {
                g[i] = 40;
            }
        }
        ByteProcessor b = new ByteProcessor(w, h, g);
        SegmentationOptions opt = new SegmentationOptions();
        assertEquals(1, PoreMeasurer.measure(Segmenter2D.segment(b, opt).mask(), 1, 1, BorderPolicy.INCLUDE).poreCount());
        SegmentationResult ws = Segmenter2D.segment(b, opt.copy().setWatershed(true));
        assertEquals(2, PoreMeasurer.measure(ws.mask(), 1, 1, BorderPolicy.INCLUDE).poreCount());
        // the cut line is thin: porosity changes by less than 1 %
        double before = Segmenter2D.segment(b, opt).poreFraction();
        assertEquals(before, ws.poreFraction(), 0.01 * before);
    }

    @Test
    void badOptionsAreUserErrors() {
        ByteProcessor b = to8bit(scene(9, 0).gray);
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(b, new SegmentationOptions().setDenoiseRadiusPx(-1)));
        assertThrows(PoroPhaseException.class, () -> new SegmentationOptions().setDenoise("blur"));
        assertThrows(PoroPhaseException.class,
                () -> Segmenter2D.segment(b, new SegmentationOptions().setShadingCorrection(true).setShadingRadiusPx(0)));
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(new ij.process.ColorProcessor(4, 4), null));
    }

    /** The 3×3 fast path equals ImageJ's RankFilters median of radius 1 (edges included). */
    @Test
    void fastMedianEqualsImageJ() {
        Random rnd = new Random(11);
        int w = 67, h = 41;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rnd.nextGaussian();
        }
        FloatProcessor ref = new FloatProcessor(w, h, p.clone());
        new ij.plugin.filter.RankFilters().rank(ref, 1, ij.plugin.filter.RankFilters.MEDIAN);
        float[] out = new float[w * h];
        Segmenter2D.median3x3(p, out, w, h);
        assertArrayEquals((float[]) ref.getPixels(), out);
    }

    /** Intermodes/Minimum on a unimodal histogram: a clear error instead of a silent 0 % porosity. */
    @Test
    void unimodalHistogramIsAnErrorForIntermodes() {
        Random rnd = new Random(3);
        int n = 256;
        float[] f = new float[n * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (100 + 10 * rnd.nextGaussian());
        }
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(new FloatProcessor(n, n, f),
                new SegmentationOptions().setMethod("Intermodes").setDenoise(Denoise.NONE)));
        assertTrue(e.getMessage().contains("found no threshold"), e.getMessage());
    }

    @Test
    void regionExcludesOutsideFromHistogramAndMask() {
        // left half: a porous texture (dark pores 30 of 200 bright); right half: bright mount (250),
        // but a dark resin strip (0) that would be pore if the whole image were thresholded
        int w = 80, h = 40;
        ByteProcessor ip = new ByteProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v;
                if (x < 40) {
                    v = ((x / 5 + y / 5) % 4 == 0) ? 30 : 200;
                } else {
                    v = x < 60 ? 0 : 250;
                }
                ip.set(x, y, v);
            }
        }
        byte[] region = new byte[w * h];
        int inside = 0, poresInside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 40; x++) {
                region[y * w + x] = 1;
                inside++;
                if (ip.get(x, y) == 30) {
                    poresInside++;
                }
            }
        }
        SegmentationOptions opt = new SegmentationOptions();
        opt.setDenoise(Denoise.NONE);
        opt.setMinPoreAreaPx(0);
        SegmentationResult r = Segmenter2D.segment(ip, opt, region);
        byte[] m = (byte[]) r.mask().getPixels();
        for (int y = 0; y < h; y++) {
            for (int x = 40; x < w; x++) {
                assertEquals(0, m[y * w + x], "outside the region is solid");
            }
        }
        assertEquals(poresInside / (double) inside, r.poreFraction(), 1e-12);
        assertTrue(r.threshold() >= 30 && r.threshold() < 200, "threshold from the region's histogram: " + r.threshold());
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(ip, opt, new byte[w * h]));
        assertThrows(PoroPhaseException.class, () -> Segmenter2D.segment(ip, opt, new byte[7]));
    }
}
