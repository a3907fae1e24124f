package org.porophase.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;

class CroftonPerimeterTest {

    /** Pixel-edge count (the naive perimeter), for comparison in the disk test. */
    private static double edgeCount(byte[] m, int w, int h) {
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean v = m[y * w + x] != 0;
                if (x + 1 < w && v != (m[y * w + x + 1] != 0)) {
                    n++;
                }
                if (y + 1 < h && v != (m[(y + 1) * w + x] != 0)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void weightsSumToOneAndAreQuarterForSquarePixels() {
        double[] w = CroftonPerimeter.directionWeights(1, 1);
        for (double v : w) {
            assertEquals(0.25, v, 1e-15);
        }
        double[] a = CroftonPerimeter.directionWeights(1.0, 0.5);
        assertEquals(1.0, a[0] + a[1] + a[2] + a[3], 1e-15);
        // for dy < dx the x-direction sector (around 0°) narrows: atan(0.5)/π
        assertEquals(Math.atan(0.5) / Math.PI, a[0], 1e-15);
    }

    /**
     * Plain digitised disks (pixel in iff its centre is in the disk), D uniform in 20…200 px, random
     * sub-pixel centres, 300 disks, fixed seed. Tolerances:
     * <ul>
     * <li>perimeter: every disk with D ≥ 30 px within 2 % of πD (the project target); D in 20–30 px
     * within 3 %: the digitisation noise of a 20 px disk has a standard deviation of 0.6 % (measured
     * over 500 random centres), so its worst case over many disks reaches ~2.7 %;</li>
     * <li>mean signed perimeter error within 0.3 % (the estimator is unbiased for isotropic shapes);</li>
     * <li>area (pixel count): D ≥ 40 px within 1 %; all within 3 % (Gauss-circle lattice noise,
     * σ = 0.63 % at D = 20 px).</li>
     * </ul>
     * Measured with this seed (printed): worst 2.67 % (a D ≈ 20 px disk), worst for D ≥ 30 px 1.15 %,
     * mean |error| 0.17 %, mean signed error −0.01 %; area worst 2.4 % (D ≥ 40 px: 0.49 %). Pixel-edge counting on the same disks gives
     * +27.3 % (4/π − 1), asserted below to document why it is never used.
     */
    @Test
    void disksWithinTwoPercent() {
        Random rnd = new Random(42);
        double worstP = 0, worstP30 = 0, sumAbsP = 0, sumP = 0, worstA = 0, worstA40 = 0, sumEdge = 0;
        int nDisks = 300;
        for (int k = 0; k < nDisks; k++) {
            double d = 20 + 180 * rnd.nextDouble();
            int size = (int) Math.ceil(d) + 6;
            double cx = size / 2.0 + rnd.nextDouble() - 0.5, cy = size / 2.0 + rnd.nextDouble() - 0.5;
            byte[] m = new byte[size * size];
            TestImages.fillDisk(m, size, size, cx, cy, d / 2);
            double p = CroftonPerimeter.perimeter(new ByteProcessor(size, size, m), 1, 1);
            double errP = p / (Math.PI * d) - 1;
            double area = TestImages.fraction(new ByteProcessor(size, size, m)) * size * size;
            double errA = area / (Math.PI * d * d / 4) - 1;
            worstP = Math.max(worstP, Math.abs(errP));
            if (d >= 30) {
                worstP30 = Math.max(worstP30, Math.abs(errP));
            }
            sumAbsP += Math.abs(errP);
            sumP += errP;
            worstA = Math.max(worstA, Math.abs(errA));
            if (d >= 40) {
                worstA40 = Math.max(worstA40, Math.abs(errA));
            }
            sumEdge += edgeCount(m, size, size) / (Math.PI * d) - 1;
        }
        System.out.printf("disks: perimeter worst %.3f %% (D>=30: %.3f %%), mean |err| %.3f %%, mean err %.3f %%;"
                + " area worst %.3f %% (D>=40: %.3f %%); edge count %.2f %%%n", 100 * worstP, 100 * worstP30,
                100 * sumAbsP / nDisks, 100 * sumP / nDisks, 100 * worstA, 100 * worstA40, 100 * sumEdge / nDisks);
        assertTrue(worstP30 <= 0.02, "worst Crofton perimeter error for D >= 30 px: " + worstP30);
        assertTrue(worstP <= 0.03, "worst Crofton perimeter error: " + worstP);
        assertTrue(Math.abs(sumP / nDisks) <= 0.003, "mean Crofton perimeter error " + sumP / nDisks);
        assertTrue(worstA40 <= 0.01, "worst area error for D >= 40 px: " + worstA40);
        assertTrue(worstA <= 0.03, "worst area error " + worstA);
        assertEquals(4 / Math.PI - 1, sumEdge / nDisks, 0.01, "pixel-edge counting is +27 %");
    }

    /**
     * Rectangles: straight edges at 0°/90° and 45° are under-estimated by (π/8)(1+√2) − 1 = −5.2 %,
     * edges at 22.5°/67.5° over-estimated by (π/8)·2(sin 22.5° + cos 22.5°) − 1 = +2.6 %
     * (continuous-limit bias of the 4-direction formula). Tolerance ±1 % around these values for
     * ~120–200 px sides (corner and digitisation effects are O(1 px)).
     */
    @Test
    void rectanglesShowTheKnownDirectionalBias() {
        double b0 = Math.PI / 8 * (1 + Math.sqrt(2)) - 1;
        double b22 = Math.PI / 8 * 2 * (Math.sin(Math.PI / 8) + Math.cos(Math.PI / 8)) - 1;
        assertEquals(-0.052, b0, 0.001);
        assertEquals(0.026, b22, 0.001);
        int w = 400, h = 400;
        double[][] cases = {{0, 200, 120}, {45, 200, 120}, {22.5, 200, 120}, {67.5, 160, 160}, {90, 120, 200}};
        for (double[] c : cases) {
            byte[] m = new byte[w * h];
            TestImages.fillRotatedRect(m, w, h, 200.3, 199.7, c[1], c[2], c[0]);
            double p = CroftonPerimeter.perimeter(new ByteProcessor(w, h, m), 1, 1);
            double err = p / (2 * (c[1] + c[2])) - 1;
            double expected = (c[0] % 45 == 0) ? b0 : b22;
            System.out.printf("rect %.1f°: error %.3f %% (expected %.2f %%)%n", c[0], 100 * err, 100 * expected);
            assertEquals(expected, err, 0.01, "rectangle at " + c[0] + "°");
        }
    }

    /**
     * Anisotropic pixels: a circle of diameter 100 µm digitised with pixels of 1.0 × 0.5 µm (an
     * ellipse of 100 × 200 px), 0.5 × 1.0 µm and 1.0 × 0.3 µm; 10 random centres each. Perimeter
     * within 2 % of π·100 µm, area within 1 %. Measured worst perimeter error (printed): 0.14 % (1.0 × 0.5 and 0.5 × 1.0), 0.02 % (1.0 × 0.3).
     */
    @Test
    void anisotropicPixelsCircleInMicrons() {
        double dUm = 100;
        double[][] pixels = {{1.0, 0.5}, {0.5, 1.0}, {1.0, 0.3}};
        Random rnd = new Random(7);
        for (double[] px : pixels) {
            double dx = px[0], dy = px[1];
            int w = (int) Math.ceil(dUm / dx) + 10, h = (int) Math.ceil(dUm / dy) + 10;
            double worst = 0;
            for (int k = 0; k < 10; k++) {
                byte[] m = new byte[w * h];
                TestImages.fillEllipse(m, w, h, w / 2.0 + rnd.nextDouble(), h / 2.0 + rnd.nextDouble(), dUm / 2 / dx, dUm / 2 / dy);
                ByteProcessor bp = new ByteProcessor(w, h, m);
                double p = CroftonPerimeter.perimeter(bp, dx, dy);
                double a = TestImages.fraction(bp) * w * h * dx * dy;
                worst = Math.max(worst, Math.abs(p / (Math.PI * dUm) - 1));
                assertEquals(Math.PI * dUm, p, 0.02 * Math.PI * dUm);
                assertEquals(Math.PI * dUm * dUm / 4, a, 0.01 * Math.PI * dUm * dUm / 4);
            }
            System.out.printf("anisotropic %.1f x %.1f µm: worst perimeter error %.3f %%%n", dx, dy, 100 * worst);
        }
    }

    /** The image frame is not pore wall: an all-pore image has perimeter 0; a half plane only its cut. */
    @Test
    void frameIsNotWall() {
        int w = 64, h = 48;
        byte[] m = new byte[w * h];
        java.util.Arrays.fill(m, (byte) 255);
        assertEquals(0, CroftonPerimeter.perimeter(new ByteProcessor(w, h, m), 1, 1), 0);
        // left half pore: a vertical wall of length h; vertical edges are at 0°-type bias (−5.2 %)
        java.util.Arrays.fill(m, (byte) 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w / 2; x++) {
                m[y * w + x] = (byte) 255;
            }
        }
        double p = CroftonPerimeter.perimeter(new ByteProcessor(w, h, m), 1, 1);
        // rows: h intersections; diagonals: h-1 each
        double expected = Math.PI / 2 * 0.25 * (h + 2 * (h - 1) / Math.sqrt(2));
        assertEquals(expected, p, 1e-9);
    }

    /** Per-label perimeters sum to the binary total and match single-object runs. */
    @Test
    void perLabelMatchesBinary() {
        int w = 300, h = 200;
        byte[] m = new byte[w * h];
        TestImages.fillDisk(m, w, h, 60.2, 70.7, 40);
        TestImages.fillRotatedRect(m, w, h, 200, 100, 80, 50, 30);
        ByteProcessor bp = new ByteProcessor(w, h, m);
        PoreLabeling.Labels lab = PoreLabeling.labelPores(bp);
        assertEquals(2, lab.count());
        double[] p = CroftonPerimeter.perimeters(lab.labels(), w, h, lab.count(), 0.3, 0.2);
        assertEquals(CroftonPerimeter.perimeter(bp, 0.3, 0.2), p[1] + p[2], 1e-9);
        byte[] d = new byte[w * h];
        TestImages.fillDisk(d, w, h, 60.2, 70.7, 40);
        assertEquals(CroftonPerimeter.perimeter(new ByteProcessor(w, h, d), 0.3, 0.2), p[1], 1e-9);
    }
}
