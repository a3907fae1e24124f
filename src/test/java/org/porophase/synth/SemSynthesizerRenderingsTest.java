package org.porophase.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.binary.PoreLabeling;
import org.porophase.core.PoroPhaseException;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;
import org.porophase.synth.SemSynthesizer.Synthetic;

/** The issue-12 renderings: exact union perimeter, 2-px gaps, touching pores, SNR, radial shading, charging streaks. */
class SemSynthesizerRenderingsTest {

    static double d(Synthetic s, String k) {
        return ((Number) s.truth().get(k)).doubleValue();
    }

    @Test
    void unionPerimeterIsExact() {
        // two disks r = 20 at distance 20: each keeps 2π − 2π/3
        assertEquals(2 * (2 * Math.PI - 2 * Math.PI / 3) * 20,
                SemSynthesizer.unionPerimeterPx(new double[] {40, 60}, new double[] {50, 50}, new double[] {20, 20}, 100, 100), 1e-9);
        // quarter disk in the window corner
        assertEquals(Math.PI / 2 * 20, SemSynthesizer.unionPerimeterPx(new double[] {0}, new double[] {0}, new double[] {20}, 100, 100), 1e-9);
        // a disk inside another adds nothing; identical disks count once
        assertEquals(2 * Math.PI * 20, SemSynthesizer.unionPerimeterPx(new double[] {50, 52, 50}, new double[] {50, 50, 50},
                new double[] {20, 5, 20}, 100, 100), 1e-9);
        // three disks r = 10 on a line, spacing 10: outer two keep 2π − 2π/3, the middle one 2π − 4π/3
        assertEquals(10 * (2 * (2 * Math.PI - 2 * Math.PI / 3) + (2 * Math.PI - 4 * Math.PI / 3)),
                SemSynthesizer.unionPerimeterPx(new double[] {30, 40, 50}, new double[] {50, 50, 50}, new double[] {10, 10, 10}, 100, 100), 1e-9);
    }

    /** Gap 2 px: the truth mask has exactly N separate pores in 8-connectivity (2 > √2). */
    @Test
    void twoPixelGapsStayApart() {
        Synthetic s = SemSynthesizer.generate(Params.builder().width(256).height(256).poreDiameterUm(2.0).porosity(0.42)
                .minGapPx(2).snr(5).seed(9).build());
        int n = (int) d(s, "pore_count");
        assertEquals(n, PoreLabeling.label((byte[]) s.poreMask().getPixels(), 256, 256, true, 8).count());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertTrue(Math.hypot(s.diskX()[i] - s.diskX()[j], s.diskY()[i] - s.diskY()[j]) >= 22 - 1e-9);
            }
        }
        assertEquals(130 / 5.0, d(s, "noise"), 1e-12);
        assertEquals(5, d(s, "snr"), 0);
        assertThrows(PoroPhaseException.class, () -> SemSynthesizer.generate(Params.builder().minGapPx(1).build()));
    }

    /** Touching pores: tangent pairs at distance exactly 2r, clusters = disks − pairs (the tangency graph is a forest). */
    @Test
    void touchingPores() {
        Synthetic s = SemSynthesizer.generate(Params.builder().width(400).height(300).poreDiameterUm(2.0).porosity(0.3)
                .touchFraction(0.5).seed(4).build());
        int n = (int) d(s, "pore_count");
        int pairs = (int) d(s, "touching_pairs");
        assertTrue(pairs > n / 5, pairs + " of " + n);
        assertEquals(n - pairs, (int) d(s, "pore_clusters"));
        int tangent = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double dd = Math.hypot(s.diskX()[i] - s.diskX()[j], s.diskY()[i] - s.diskY()[j]);
                assertTrue(dd >= 20 - 1e-9, "no overlap");
                if (dd < 20 + 1e-9) {
                    tangent++;
                } else {
                    assertTrue(dd >= 23 - 1e-9, "others keep the gap");
                }
            }
        }
        assertEquals(pairs, tangent);
        assertEquals(n * Math.PI * 2.0, d(s, "total_perimeter_um"), 1e-9);
    }

    /** Streaks and radial shading change the image, never the geometry or its truth. */
    @Test
    void artefactsLeaveTheTruthAlone() {
        Params.class.getName();
        SemSynthesizer.Builder b = Params.builder().model(Model.BOOLEAN).width(200).height(160).radiusUm(1.0).seed(8);
        Synthetic plain = SemSynthesizer.generate(b.build());
        Synthetic art = SemSynthesizer.generate(b.streaks(12).streakAmplitude(60).shading(0.2)
                .shadingProfile(SemSynthesizer.Shading.RADIAL).build());
        assertArrayEquals((byte[]) plain.poreMask().getPixels(), (byte[]) art.poreMask().getPixels());
        assertEquals(d(plain, "perimeter_density_per_um_realization"), d(art, "perimeter_density_per_um_realization"), 0);
        assertFalse(java.util.Arrays.equals((byte[]) plain.image().getPixels(), (byte[]) art.image().getPixels()));
        int rows = (int) d(art, "streak_rows");
        assertTrue(rows >= 12 && rows <= 36, "rows " + rows);
        assertEquals("radial", art.truth().get("shading_profile"));
        // radial shading: centre brighter than the corners on the solid (no pores, no noise)
        Synthetic solid = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(200).height(160).radiusUm(1.0)
                .intensityPerUm2(1e-9).noise(0).grain(false).shading(0.2).shadingProfile(SemSynthesizer.Shading.RADIAL).seed(1).build());
        assertEquals(Math.round(175 * 1.2), solid.image().get(100, 80), 1);
        assertEquals(Math.round(175 * 0.8), solid.image().get(0, 0), 1);
    }
}
