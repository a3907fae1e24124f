package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link AllenCahnStep#wallStabilization}: the wall cell's extra stabilization is the smallest S_w with
 * 2(S + S_w) ≥ max over ξ of F''(ξ) = L_σ f''_dw(ξ) − n_w w h''(ξ) (double well plus wetting), checked here on a
 * finer ξ sampling than the method's own, for both signs of cos θ_c.
 */
class WallStabilizationTest {

    private static double maxCurvature(double mW2, double w, int n) {
        double mx = 0;
        for (int k = 0; k <= 200000; k++) {
            double x = k / 200000.0;
            mx = Math.max(mx, mW2 * (1 - 6 * x * (1 - x)) - n * w * 60 * x * (1 - x) * (1 - 2 * x));
        }
        return mx;
    }

    @Test
    void smallestStabilizationThatBoundsTheWallCellsCurvature() {
        double mW2 = 92.69; // L_σ·2W of the 5 µm case, s⁻¹
        double stab = mW2 / 2;
        for (double w : new double[] {0, 4.97, -4.97, 20, -60}) {
            double[] sw = AllenCahnStep.wallStabilization(mW2, w, stab);
            assertEquals(0.0, sw[0], "no LLZO face, nothing to add");
            for (int n = 1; n <= 6; n++) {
                double need = Math.max(0, maxCurvature(mW2, w, n) - 2 * stab) / 2;
                assertEquals(need, sw[n], 1e-5 * (1 + need), "n_w " + n + ", w " + w);
                assertTrue(2 * (stab + sw[n]) >= maxCurvature(mW2, w, n) - 1e-4 * (1 + Math.abs(w)), "stable");
            }
        }
        // w = 0: the double well's own S suffices everywhere
        for (double v : AllenCahnStep.wallStabilization(mW2, 0, stab)) {
            assertEquals(0.0, v);
        }
        // the 5 µm case's flat wall (n_w = 1): the wetting adds almost nothing to S (session 5 added |w|·max|h''|/2 = 28.7 s⁻¹)
        assertTrue(AllenCahnStep.wallStabilization(mW2, 9.94, stab)[1] < 0.5);
    }
}
