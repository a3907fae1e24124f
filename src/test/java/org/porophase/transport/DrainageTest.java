package org.porophase.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.VoxelSize;

/** Drainage (full morphology) against a straight channel and an ink bottle. */
class DrainageTest {
    private static boolean disk(int x, int y, double r) {
        double dx = x + 0.5 - 12;
        double dy = y + 0.5 - 12;
        return dx * dx + dy * dy <= r * r;
    }

    @Test
    void aStraightChannelIsInvadedAtOnceAndHasNoConstriction() {
        PhaseGrid g = TransportShapes.grid(24, 24, 30, VoxelSize.iso(1), (x, y, z) -> disk(x, y, 6));
        Drainage.Result r = Drainage.compute(g, Axis.Z, 0.5, 2);
        assertEquals(1.0, r.saturation()[r.saturation().length - 1], 1e-12);
        assertEquals(r.radiusUm()[0], r.breakthroughRadiusUm(), 1e-9); // the largest sphere goes straight through
        assertTrue(r.breakthroughRadiusUm() > 5 && r.breakthroughRadiusUm() < 6.5, "breakthrough " + r.breakthroughRadiusUm());
        assertTrue(r.constrictionFactor() > 0.8 && r.constrictionFactor() < 1.25, "beta " + r.constrictionFactor());
    }

    @Test
    void anInkBottleIsInvadedOnlyThroughItsThroat() {
        // throat (radius 2, z < 10) then chamber (radius 8): from the throat side nothing enters the chamber above the throat
        // radius; from the chamber side the chamber fills first (r50 ≈ chamber) but the breakthrough is still the throat
        PhaseGrid throatFirst = TransportShapes.grid(24, 24, 30, VoxelSize.iso(1), (x, y, z) -> disk(x, y, z < 10 ? 2.2 : 8));
        Drainage.Result a = Drainage.compute(throatFirst, Axis.Z, 0.5, 2);
        assertTrue(a.breakthroughRadiusUm() < 3.2, "breakthrough " + a.breakthroughRadiusUm());
        assertTrue(a.r50Um() < 3.2, "r50 " + a.r50Um());
        assertTrue(a.localThicknessR50Um() > 6.5, "LT r50 " + a.localThicknessR50Um());
        assertTrue(a.constrictionFactor() < 0.25, "beta " + a.constrictionFactor());
        PhaseGrid chamberFirst = TransportShapes.grid(24, 24, 30, VoxelSize.iso(1), (x, y, z) -> disk(x, y, z >= 20 ? 2.2 : 8));
        Drainage.Result b = Drainage.compute(chamberFirst, Axis.Z, 0.5, 2);
        assertEquals(a.breakthroughRadiusUm(), b.breakthroughRadiusUm(), 0.51);
        assertTrue(b.r50Um() > 6, "r50 " + b.r50Um());
        // the curve is monotone: a smaller radius never invades less
        for (int k = 1; k < a.saturation().length; k++) {
            assertTrue(a.saturation()[k] >= a.saturation()[k - 1]);
        }
    }
}
