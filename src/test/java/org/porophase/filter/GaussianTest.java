package org.porophase.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.process.FloatProcessor;

/** The project's separable Gaussian against ImageJ's GaussianBlur and against its own definition. */
class GaussianTest {

    @Test
    void kernelIsNormalizedAndTruncatedAtTheAccuracy() {
        float[] k = Gaussian.kernel(1.0, 0.002);
        assertEquals(2 * 4 + 1, k.length, "r = ceil(1·sqrt(-2 ln 0.002)) = 4");
        double s = 0;
        for (float v : k) {
            s += v;
        }
        assertEquals(1.0, s, 1e-6);
        assertEquals(Math.exp(-0.5 * 16) / Math.exp(0), k[0] / k[4], 1e-6);
    }

    /** Random image, σ = 1 and 2.5 px: within 0.2 % of the data range of ImageJ's result (its kernel tail is smoothed). */
    @Test
    void matchesImageJ() {
        Random rnd = new Random(1);
        int w = 97;
        int h = 61;
        for (double sigma : new double[] {1.0, 2.5}) {
            float[] a = new float[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (255 * rnd.nextDouble());
            }
            FloatProcessor fp = new FloatProcessor(w, h, a.clone());
            new ij.plugin.filter.GaussianBlur().blurGaussian(fp, sigma, sigma, 0.002);
            float[] ref = (float[]) fp.getPixels();
            Gaussian.blur(a, w, h, sigma);
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - ref[i]));
            }
            assertTrue(worst < 0.5, "sigma " + sigma + ": worst difference " + worst + " grey levels of 255");
        }
    }

    /** A constant image stays constant (edges replicated); a straight step keeps its mid-level at the edge position. */
    @Test
    void constantsAndStepsArePreserved() {
        int w = 40;
        int h = 30;
        float[] c = new float[w * h];
        java.util.Arrays.fill(c, 7f);
        Gaussian.blur(c, w, h, 1.7);
        for (float v : c) {
            assertEquals(7f, v, 1e-5);
        }
        float[] s = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s[y * w + x] = x < 20 ? 0 : 100;
            }
        }
        Gaussian.blur(s, w, h, 1.5);
        for (int y = 0; y < h; y++) {
            assertEquals(100.0, s[y * w + 19] + s[y * w + 20], 1e-3, "antisymmetric about the step");
            assertEquals(0, s[y * w], 1e-6);
        }
    }
}
