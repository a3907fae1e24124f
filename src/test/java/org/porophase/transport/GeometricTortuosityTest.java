package org.porophase.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/** Geometric tortuosity against paths of known length. */
class GeometricTortuosityTest {
    @Test
    void straightChannelsHaveOne() {
        PhaseGrid g = TransportShapes.grid(12, 12, 20, new VoxelSize(1, 1, 2.5), (x, y, z) -> x % 4 < 2 && y % 4 < 2);
        assertEquals(1.0, GeometricTortuosity.compute(g, Axis.Z), 1e-6);
    }

    @Test
    void aDiagonalBandHasSqrtTwoPerPlane() {
        // 2D band |x − y − 5| ≤ 1 (3 voxels wide, face-connected) from the top to the bottom edge, away from the side walls.
        // A diagonal step (length s = √(hx² + hy²)) keeps the offset o = x − y − 5, a straight step down (hy) lowers it by 1;
        // the shortest path to an outlet voxel of offset o1 starts at o0 = +1 and takes 1 − o1 straight steps:
        // L = s(n − 1) − (s − hy)(1 − o1) + hy (the half voxels at the two faces); the mean over o1 = −1, 0, 1 saves (s − hy)
        int n = 40;
        for (double hy : new double[] {1.0, 2.0}) {
            PhaseGrid g = TransportShapes.grid(n + 10, n, 1, new VoxelSize(1, hy, 1), (x, y, z) -> Math.abs(x - y - 5) <= 1);
            double sd = Math.sqrt(1 + hy * hy);
            double expected = (sd * (n - 1) - (sd - hy) + hy) / (n * hy);
            assertEquals(expected, GeometricTortuosity.compute(g, Axis.Y), 1e-5, "hy " + hy);
        }
    }

    @Test
    void aBandAcrossItsAxisIsAnErrorAndAlongItNearSqrtTwo() {
        int n = 40;
        PhaseGrid g = TransportShapes.grid(n + 10, n, 1, VoxelSize.iso(1), (x, y, z) -> Math.abs(x - y - 5) <= 1);
        double tg = GeometricTortuosity.compute(g, Axis.Y);
        assertTrue(tg > 1.35 && tg < 1.42, "tau_geo " + tg);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> GeometricTortuosity.compute(g, Axis.X));
        assertTrue(e.getMessage().contains("does not percolate along x"), e.getMessage());
    }
}
