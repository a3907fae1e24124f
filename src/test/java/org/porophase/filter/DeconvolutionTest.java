package org.porophase.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;

/**
 * Landweber deconvolution with a Gaussian PSF on analytic profiles: a 2-px wall blurred with σ = 1.5 px peaks at
 * erf(1/(1.5√2)) = 0.495 of the contrast (below any midpoint threshold); deconvolved it rises above it, while flat
 * regions and a straight edge's midpoint stay where they are.
 */
class DeconvolutionTest {
    static final double PORE = 45;
    static final double SOLID = 175;

    /** Columns: a vertical solid wall of {@code widthPx} centred at x = w/2 (pixel-area coverage integrated exactly), blurred σ. */
    static float[] wall(int w, int h, double widthPx, double sigma) {
        float[] f = new float[w * h];
        double c = w / 2.0;
        for (int x = 0; x < w; x++) {
            // Gaussian-blurred box [c − W/2, c + W/2] sampled at the pixel centre (blur of the point samples; the test is of 1D shape)
            double a = (x + 0.5 - (c - widthPx / 2)) / (sigma * Math.sqrt(2));
            double b = (x + 0.5 - (c + widthPx / 2)) / (sigma * Math.sqrt(2));
            double cover = 0.5 * (Erf.erf(a) - Erf.erf(b));
            float v = (float) (PORE + (SOLID - PORE) * cover);
            for (int y = 0; y < h; y++) {
                f[y * w + x] = v;
            }
        }
        return f;
    }

    static float maxOf(float[] f) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : f) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Test
    void thinWallRisesAboveTheMidpoint() {
        int w = 41;
        int h = 16;
        float[] f = wall(w, h, 2.0, 1.5);
        double mid = 0.5 * (PORE + SOLID);
        assertTrue(maxOf(f) < mid, "blurred crest " + maxOf(f)); // 0.495 of the contrast: lost by a global threshold
        Deconvolution.deconvolve(f, w, h, 1.5, Deconvolution.DEFAULT_ITERATIONS);
        assertTrue(maxOf(f) > mid + 0.1 * (SOLID - PORE), "deconvolved crest " + maxOf(f));
        // far from the wall the pore level is kept (within 1 % of the contrast)
        assertEquals(PORE, f[8 * w + 2], 0.01 * (SOLID - PORE));
        // with the default smoothing the crest still clears the midpoint
        float[] g = wall(w, h, 2.0, 1.5);
        Deconvolution.deconvolve(g, w, h, 1.5, Deconvolution.DEFAULT_ITERATIONS, Deconvolution.DEFAULT_SMOOTHING_PX);
        assertTrue(maxOf(g) > mid, "deconvolved and smoothed crest " + maxOf(g));
    }

    /** A wide solid band: its edges' midpoint crossings stay within 0.01 px (linear, symmetric PSF), the plateau within 1 %. */
    @Test
    void straightEdgesStayInPlace() {
        int w = 61;
        int h = 8;
        float[] f = wall(w, h, 30.0, 1.2);
        Deconvolution.deconvolve(f, w, h, 1.2, Deconvolution.DEFAULT_ITERATIONS);
        double mid = 0.5 * (PORE + SOLID);
        int y = 4 * w;
        double cross = Double.NaN;
        for (int x = 0; x + 1 < w; x++) {
            if (f[y + x] <= mid && f[y + x + 1] > mid) {
                cross = x + 0.5 + (mid - f[y + x]) / (f[y + x + 1] - f[y + x]); // pixel-centre coordinates
                break;
            }
        }
        assertEquals(w / 2.0 - 15, cross, 0.01);
        assertEquals(SOLID, f[y + w / 2], 0.01 * (SOLID - PORE));
    }

    @Test
    void flatImageAndZeroIterationsAreUnchanged() {
        float[] f = new float[64];
        java.util.Arrays.fill(f, 7f);
        Deconvolution.deconvolve(f, 8, 8, 1.0, 10);
        for (float v : f) {
            assertEquals(7f, v, 1e-5f);
        }
        float[] g = wall(16, 4, 3, 1);
        float[] g0 = g.clone();
        Deconvolution.deconvolve(g, 16, 4, 1.0, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(g0, g);
        assertThrows(PoroPhaseException.class, () -> Deconvolution.deconvolve(g, 16, 4, 0, 10));
        assertThrows(PoroPhaseException.class, () -> Deconvolution.deconvolve(g, 16, 4, 1, 10, -1));
    }
}
