package org.porophase.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link NoiseEstimator#residualSigma}: white noise of known σ on a shaded phase, with a bright second phase beside it. */
class ResidualSigmaTest {

    @Test
    void readsWhiteNoiseSigmaInsideThePhaseOnly() {
        int w = 200, h = 200;
        float[] g = new float[w * h];
        byte[] phase = new byte[w * h];
        Random rnd = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean in = x < 120;
                phase[i] = in ? (byte) 255 : 0;
                // a linear shading of 40 grey levels across the phase, noise σ = 5; the other phase 200 grey levels higher
                g[i] = (float) ((in ? 30 : 230) + 0.2 * x + 0.1 * y + 5 * rnd.nextGaussian());
            }
        }
        double s = NoiseEstimator.residualSigma(g, w, h, phase);
        // robust σ of 40 000 × 0.6 samples: standard error ≈ 0.5 %; bound 3 %
        assertEquals(5.0, s, 0.15);
        // the other phase alone has the same noise; a phase of 4 × 4 pixels has no interior pixel
        byte[] tiny = new byte[w * h];
        for (int y = 10; y < 14; y++) {
            for (int x = 10; x < 14; x++) {
                tiny[y * w + x] = 1;
            }
        }
        assertTrue(Double.isNaN(NoiseEstimator.residualSigma(g, w, h, tiny)));
    }
}
