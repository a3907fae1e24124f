package org.porophase.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Non-local means: noise removed on flat regions, 2-px walls kept where a Gaussian loses them, threads don't change the result. */
class NonLocalMeansTest {

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Dark pores (45) left and right of a vertical bright wall (175) of 2 px, blurred σ = 1 px, noise σ = 26 (SNR 5). */
    static float[] wall(int w, int h, double noise, long seed) {
        float[] f = new float[w * h];
        int x0 = w / 2 - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                f[y * w + x] = x == x0 || x == x0 + 1 ? 175 : 45;
            }
        }
        Gaussian.blur(f, w, h, 1.0);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < f.length; i++) {
            f[i] += (float) (noise * gauss(r));
        }
        return f;
    }

    static double wallFractionAbove(float[] f, int w, int h, double t) {
        int x0 = w / 2 - 1;
        int n = 0;
        for (int y = 0; y < h; y++) {
            if (Math.max(f[y * w + x0], f[y * w + x0 + 1]) > t) {
                n++;
            }
        }
        return n / (double) h;
    }

    @Test
    void flatNoiseIsReduced() {
        int w = 128;
        int h = 128;
        float[] f = new float[w * h];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (100 + 20 * gauss(r));
        }
        NonLocalMeans.filter(f, w, h, 20);
        double s = 0;
        double ss = 0;
        for (float v : f) {
            s += v;
            ss += v * v;
        }
        double mean = s / f.length;
        double sd = Math.sqrt(ss / f.length - mean * mean);
        assertEquals(100, mean, 0.5);
        // 9×9 window of the default: measured sd 4.0 (of 20)
        assertTrue(sd < 5, "residual noise " + sd);
    }

    /**
     * A 2-px wall at SNR 5: the blurred wall peaks at 0.68 of the contrast, and in 91 % of its rows the noisy
     * wall rises above the midpoint (110); after non-local means (5×5 search of denoise: auto) 86 % do (bound 80 %), after a Gaussian
     * of σ = 1.5 px (the old automatic choice, peak 0.42 of the contrast) 2 % (bound 50 %).
     */
    @Test
    void thinWallIsKept() {
        int w = 64;
        int h = 256;
        float[] a = wall(w, h, 26, 11);
        float[] b = a.clone();
        NonLocalMeans.filter(a, w, h, 26, NonLocalMeans.DEFAULT_H_FACTOR * 26, 1, NoiseEstimator.AUTO_NLM_SEARCH_PX, 0);
        Gaussian.blur(b, w, h, 1.5);
        double nlm = wallFractionAbove(a, w, h, 110);
        double gau = wallFractionAbove(b, w, h, 110);
        assertTrue(nlm > 0.8, "NLM keeps the wall in " + nlm + ", Gaussian in " + gau);
        assertTrue(gau < 0.5, "Gaussian keeps the wall in " + gau + ", NLM in " + nlm);
    }

    @Test
    void threadsDoNotChangeTheResult() {
        int w = 300;
        int h = 257;
        float[] a = wall(w, h, 20, 3);
        float[] b = a.clone();
        NonLocalMeans.filter(a, w, h, 20, 16, 1, 3, 1);
        NonLocalMeans.filter(b, w, h, 20, 16, 1, 3, 2);
        assertArrayEquals(a, b);
    }

    @Test
    void noNoiseNoChange() {
        float[] a = wall(32, 32, 0, 1);
        float[] b = a.clone();
        NonLocalMeans.filter(a, 32, 32, 0);
        assertArrayEquals(b, a);
    }

    /** A pixel whose patch resembles no other (a spike far above the noise) has no weights: it is kept, never NaN. */
    @Test
    void outlierIsKeptNotNaN() {
        int w = 32;
        int h = 32;
        float[] f = new float[w * h];
        java.util.Arrays.fill(f, 50f);
        f[16 * w + 16] = 5000f;
        NonLocalMeans.filter(f, w, h, 1.0, 0.8, 1, 2, 0);
        for (float v : f) {
            org.junit.jupiter.api.Assertions.assertTrue(Float.isFinite(v), "non-finite output");
        }
        org.junit.jupiter.api.Assertions.assertEquals(5000f, f[16 * w + 16], 0f);
        org.junit.jupiter.api.Assertions.assertEquals(50f, f[0], 0f);
    }
}
