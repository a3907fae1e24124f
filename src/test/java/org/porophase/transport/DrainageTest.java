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

    /** Random overlapping ellipsoidal grains (solid) with the phase between them, seed fixed. */
    private static PhaseGrid randomGrains(int w, int h, int d, VoxelSize vs, int count, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[][] c = new double[count][6];
        for (double[] ci : c) {
            ci[0] = rnd.nextDouble() * w * vs.x();
            ci[1] = rnd.nextDouble() * h * vs.y();
            ci[2] = rnd.nextDouble() * d * vs.z();
            ci[3] = 1.5 + 3 * rnd.nextDouble();
            ci[4] = 1.5 + 3 * rnd.nextDouble();
            ci[5] = 1.5 + 3 * rnd.nextDouble();
        }
        return TransportShapes.grid(w, h, d, vs, (x, y, z) -> {
            for (double[] ci : c) {
                double dx = ((x + 0.5) * vs.x() - ci[0]) / ci[3];
                double dy = ((y + 0.5) * vs.y() - ci[1]) / ci[4];
                double dz = ((z + 0.5) * vs.z() - ci[2]) / ci[5];
                if (dx * dx + dy * dy + dz * dz <= 1) {
                    return false;
                }
            }
            return true;
        });
    }

    private static long differences(byte[][] a, byte[][] b) {
        long n = 0;
        for (int z = 0; z < a.length; z++) {
            for (int i = 0; i < a[z].length; i++) {
                n += a[z][i] != b[z][i] ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theOnePassAlgorithmEqualsThePerRadiusMethodVoxelForVoxel() {
        // random anisotropic volumes, every axis, 1 and 2 threads: the size index of the bottleneck flood + covering equals
        // the per-radius method (flood per radius, every ball painted) with the same sphere test, voxel for voxel
        VoxelSize[] spacings = {VoxelSize.iso(1), new VoxelSize(0.8, 1.0, 1.5), new VoxelSize(1.3, 0.7, 0.9)};
        int cases = 0;
        for (int sIdx = 0; sIdx < spacings.length; sIdx++) {
            VoxelSize vs = spacings[sIdx];
            PhaseGrid g = randomGrains(26, 22, 30, vs, 40 + 10 * sIdx, 11 + sIdx);
            for (Axis a : Axis.values()) {
                byte[][] ref = PerRadiusDrainage.bruteForce(g, a, 0.5);
                for (int threads = 1; threads <= 2; threads++) {
                    Drainage.Result r = Drainage.compute(g, a, 0.5, threads, true);
                    assertEquals(0, differences(ref, r.sizeIndex()), "spacing " + vs + " axis " + a + " threads " + threads);
                    cases++;
                }
                // the curve is the cumulative histogram of the size index
                Drainage.Result r = Drainage.compute(g, a, 0.5, 2, true);
                long phase = g.phaseVoxels();
                long invaded = 0;
                for (int k = 0; k < r.radiusUm().length; k++) {
                    for (int z = 0; z < g.depth(); z++) {
                        for (byte b : ref[z]) {
                            invaded += (b & 0xff) == k + 1 ? 1 : 0;
                        }
                    }
                    assertEquals(invaded / (double) phase, r.saturation()[k], 1e-12);
                }
            }
        }
        assertEquals(18, cases);
    }

    @Test
    void thePreviousPerRadiusImplementationDiffersOnlyAtTies() {
        // the implementation before (µm, single precision, no margin) against the one-pass algorithm: the same radii, the
        // same centres; a voxel can differ only where its distance to a centre equals a radius to 10⁻⁶ (none here)
        VoxelSize[] spacings = {VoxelSize.iso(1), new VoxelSize(0.8, 1.0, 1.5)};
        for (int sIdx = 0; sIdx < spacings.length; sIdx++) {
            PhaseGrid g = randomGrains(26, 22, 30, spacings[sIdx], 45, 21 + sIdx);
            for (Axis a : Axis.values()) {
                byte[][] old = PerRadiusDrainage.previous(g, a, 0.5);
                Drainage.Result r = Drainage.compute(g, a, 0.5, 2, true);
                assertEquals(0, differences(old, r.sizeIndex()), "spacing " + spacings[sIdx] + " axis " + a);
            }
        }
    }

    @Test
    void moreThan254RadiiCoarsenTheStepSoThatTheIndexFitsOneByte() {
        // a step of 0.01 voxel would give several hundred radii: the step becomes the smallest multiple f·0.01 with at most 254
        // radii, and the result is the per-radius method at that step
        PhaseGrid g = randomGrains(18, 16, 20, new VoxelSize(1, 1.2, 0.9), 14, 5);
        Drainage.Result r = Drainage.compute(g, Axis.Z, 0.01, 2, true);
        double rmax = r.radiusUm()[0] / 0.9; // voxels of the smallest spacing
        int levels = (int) Math.floor((rmax - 0.5) / 0.01) + 1;
        assertTrue(levels > 254, "levels " + levels);
        double step = 0.01 * Math.ceil(levels / 254.0);
        assertEquals(step * 0.9, r.radiusUm()[0] - r.radiusUm()[1], 1e-12);
        assertEquals((int) Math.floor((rmax - 0.5) / step) + 1, r.radiusUm().length);
        assertTrue(r.radiusUm().length <= 254);
        assertEquals(0, differences(PerRadiusDrainage.bruteForce(g, Axis.Z, step), r.sizeIndex()));
    }
}
