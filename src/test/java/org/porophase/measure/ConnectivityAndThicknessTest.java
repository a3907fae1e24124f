package org.porophase.measure;

import org.porophase.binary.LocalThickness;
import org.porophase.binary.DistanceTransform;
import org.porophase.binary.ComponentLabeler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.VoxelSize;
import org.porophase.synth.SyntheticVolumes;

/** 3D labelling (open/closed/percolating) and local thickness against known truth. */
class ConnectivityAndThicknessTest {

    @Test
    void bilayerOpenClosedPercolatingCountsExact() {
        // 64³ bilayer: 5 blind channels open at z0, 4 isolated spheres, 3 through channels.
        SyntheticVolumes.Bilayer b = SyntheticVolumes.bilayer(64, 64, 64, 0.85, 5, 4, 3, 11);
        ComponentLabeler l = ComponentLabeler.label(b.volume(), 2);
        ComponentLabeler.Stats s = l.stats(ComponentLabeler.faceMask("axis", 2), 2, 0);
        assertEquals(b.openCount(), s.openCount());
        assertEquals(b.closedCount(), s.closedCount());
        assertEquals(b.percolatingCount(), s.percolatingCount());
        assertEquals(12, s.components());
        // volumes add up to the pore voxels
        IntrinsicVolumes m = IntrinsicVolumes.measure(b.volume(), 2, 2);
        assertEquals(m.poreVoxels, s.openVoxels() + s.closedVoxels());
        // only the bottom face (z1): the blind channels become closed
        ComponentLabeler.Stats s1 = l.stats(ComponentLabeler.faceMask("z1", 2), 2, 0);
        assertEquals(3, s1.openCount());
        assertEquals(9, s1.closedCount());
        // small-object removal: the spheres (r = 3 voxels: 123 voxels) go below 200 voxels
        ComponentLabeler.Stats s2 = l.stats(ComponentLabeler.faceMask("axis", 2), 2, 200);
        assertEquals(4, s2.removedCount());
        assertEquals(0, s2.closedCount());
        MaskSource cleaned = l.cleaned(b.volume(), 200);
        IntrinsicVolumes mc = IntrinsicVolumes.measure(cleaned, 2, 2);
        assertEquals(m.poreVoxels - s2.removedVoxels(), mc.poreVoxels);
    }

    @Test
    void labellingHandlesUShapesAndSingleThread() {
        // A U-shaped pore whose arms meet only at the bottom slice: one component (merging across
        // slices after both arms were seen separately), and results independent of thread count.
        BinaryVolume v = new BinaryVolume(10, 3, 6, VoxelSize.iso(1));
        for (int z = 0; z < 6; z++) {
            v.set(1, 1, z, MaskSource.PORE);
            v.set(8, 1, z, MaskSource.PORE);
        }
        for (int x = 1; x <= 8; x++) {
            v.set(x, 1, 5, MaskSource.PORE);
        }
        v.set(4, 1, 2, MaskSource.PORE); // isolated voxel
        for (int t : new int[] {1, 2}) {
            ComponentLabeler.Stats s = ComponentLabeler.label(v, t).stats(ComponentLabeler.faceMask("z0", 2), 2, 0);
            assertEquals(2, s.components());
            assertEquals(1, s.openCount());
            assertEquals(1, s.closedCount());
            assertEquals(1, s.closedVoxels());
        }
    }

    @Test
    void distanceTransformMatchesBruteForceWithAnisotropicVoxels() {
        // Exact EDT: equal (float precision) to the brute-force nearest-site distance, 0.7×1.1×2.3 µm voxels.
        int w = 17;
        int h = 13;
        int d = 11;
        VoxelSize vs = new VoxelSize(0.7, 1.1, 2.3);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[][] f = new float[d][w * h];
        java.util.List<int[]> sites = new java.util.ArrayList<>();
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < w * h; i++) {
                boolean site = r.nextDouble() < 0.03;
                f[z][i] = site ? 0 : DistanceTransform.INF;
                if (site) {
                    sites.add(new int[] {i % w, i / w, z});
                }
            }
        }
        DistanceTransform.transform(f, w, h, vs, 2);
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < w * h; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int[] s : sites) {
                    double dx = (i % w - s[0]) * vs.x();
                    double dy = (i / w - s[1]) * vs.y();
                    double dz = (z - s[2]) * vs.z();
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
                assertEquals(best, f[z][i], 1e-5 * Math.max(1, best));
            }
        }
    }

    @Test
    void localThicknessOfSlab() {
        // Pore slab 9 voxels thick, anisotropic voxels 0.5×0.5×1 µm with the slab normal to x: every
        // voxel reads 2·(distance to the nearest solid centre) = 10 voxels = 5 µm: the thickness
        // 4.5 µm within one voxel (0.5 µm; the centre-to-centre convention adds exactly one voxel).
        VoxelSize vs = new VoxelSize(0.5, 0.5, 1);
        BinaryVolume v = SyntheticVolumes.fromShape(40, 20, 10, vs, (x, y, z) -> x > 5 && x < 9.5);
        LocalThickness lt = LocalThickness.compute(v, 0.5, 2);
        System.out.printf("slab LT mean %.4f p10 %.3f p90 %.3f%n", lt.meanVolumeWeighted, lt.p10, lt.p90);
        assertEquals(5.0, lt.meanVolumeWeighted, 1e-9);
        assertEquals(5.0, lt.p10, 1e-9);
        assertEquals(5.0, lt.p90, 1e-9);
    }

    @Test
    void localThicknessOfCylinder() {
        // Pore cylinder of diameter 16 µm along z (voxel 1 µm): the maximal inscribed ball has the
        // cylinder's diameter everywhere, so the volume-weighted mean is d within one voxel.
        VoxelSize vs = VoxelSize.iso(1);
        BinaryVolume v = SyntheticVolumes.fromShape(30, 30, 20, vs, (x, y, z) -> Math.hypot(x - 15, y - 15) <= 8);
        LocalThickness lt = LocalThickness.compute(v, 0.5, 2);
        System.out.printf("cylinder LT mean %.4f p10 %.3f max %.3f n-weighted %.3f%n", lt.meanVolumeWeighted, lt.p10, lt.max, lt.meanNumberWeighted);
        assertEquals(16, lt.meanVolumeWeighted, 1.0);
        assertEquals(16, lt.max, 1.0);
        assertEquals(16, lt.p10, 1.0);
    }

    @Test
    void localThicknessTwoSizesAndThe2DVariant() {
        // Two balls (d = 20 and 10 µm, centred on voxel corners, the worst case for digitization):
        // volume fractions 8:1, so the ideal volume-weighted mean is (8·20 + 10)/9 = 18.9; the digital
        // balls' maximal inscribed balls are ~1.5 voxels smaller (measured max 18.55) and their
        // boundary voxels read less, so the tolerance is 2 voxels. The number-weighted mean (1/d³
        // weights) must lie below the volume-weighted one and near the ideal 15 (measured 11.4: it
        // is dominated by the small boundary values; tolerance 4 voxels).
        VoxelSize vs = VoxelSize.iso(1);
        BinaryVolume v = SyntheticVolumes.fromShape(50, 26, 26, vs, (x, y, z) -> SyntheticVolumes.ball(13, 13, 13, 10).contains(x, y, z)
                || SyntheticVolumes.ball(38, 13, 13, 5).contains(x, y, z));
        LocalThickness lt = LocalThickness.compute(v, 0.5, 2);
        System.out.printf("two balls LT vol-mean %.3f num-mean %.3f p10 %.2f p50 %.2f p90 %.2f%n", lt.meanVolumeWeighted, lt.meanNumberWeighted,
                lt.p10, lt.p50, lt.p90);
        assertEquals(18.9, lt.meanVolumeWeighted, 2.0);
        assertEquals(20, lt.max, 1.5);
        assertEquals(15, lt.meanNumberWeighted, 4.0);
        assertTrue(lt.meanNumberWeighted < lt.meanVolumeWeighted);
    }

    /**
     * The cap-painting algorithm against its definition, by brute force: on a Boolean model of balls
     * (anisotropic voxels 0.5 × 0.5 × 1 µm and isotropic, both pore phases' geometry irregular), every
     * pore voxel's diameter must be 2·t with t the largest level ≤ max{ r(c) : |x − c| &lt; r(c) } over
     * all pore voxels c: t ≤ that maximum and within one bin (0.5 voxel) of it. Voxels at exactly
     * r(c) from c (ties on the grid) are outside the open ball.
     */
    @Test
    void localThicknessEqualsBruteForceMaximalBalls() {
        for (VoxelSize vs : new VoxelSize[] {new VoxelSize(0.5, 0.5, 1.0), VoxelSize.iso(1)}) {
            int w = 28;
            int h = 24;
            int d = 16;
            java.util.Random rnd = new java.util.Random(11);
            double[][] c = new double[14][];
            for (int k = 0; k < c.length; k++) {
                c[k] = new double[] {rnd.nextDouble() * w * vs.x(), rnd.nextDouble() * h * vs.y(), rnd.nextDouble() * d * vs.z(),
                        1 + 2.5 * rnd.nextDouble()};
            }
            BinaryVolume v = SyntheticVolumes.fromShape(w, h, d, vs, (x, y, z) -> {
                for (double[] b : c) {
                    double ex = x - b[0];
                    double ey = y - b[1];
                    double ez = z - b[2];
                    if (ex * ex + ey * ey + ez * ez < b[3] * b[3]) {
                        return true;
                    }
                }
                return false;
            });
            LocalThickness lt = LocalThickness.compute(v, 0.5, 2, true);
            // brute force: exact distances to the nearest solid voxel centre, then every ball
            int n = w * h * d;
            float[][] f = new float[d][w * h];
            for (int z = 0; z < d; z++) {
                for (int i = 0; i < w * h; i++) {
                    f[z][i] = v.slice(z)[i] == MaskSource.SOLID ? 0 : DistanceTransform.INF;
                }
            }
            DistanceTransform.transform(f, w, h, vs, 1);
            double[] best = new double[n];
            for (int z = 0; z < d; z++) {
                for (int i = 0; i < w * h; i++) {
                    if (v.slice(z)[i] != MaskSource.PORE) {
                        continue;
                    }
                    double r = Math.sqrt(f[z][i]);
                    double r2 = f[z][i] * (1 - 1e-6); // |x − c| < r(c) decided on the exact squared distances (ties are outside)
                    int x0 = i % w;
                    int y0 = i / w;
                    for (int zz = 0; zz < d; zz++) {
                        for (int yy = 0; yy < h; yy++) {
                            for (int xx = 0; xx < w; xx++) {
                                double ex = (xx - x0) * vs.x();
                                double ey = (yy - y0) * vs.y();
                                double ez = (zz - z) * vs.z();
                                int j = zz * w * h + yy * w + xx;
                                if (ex * ex + ey * ey + ez * ez < r2 && r > best[j]) {
                                    best[j] = r;
                                }
                            }
                        }
                    }
                }
            }
            double bin = 0.5 * vs.min();
            int checked = 0;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (v.get(x, y, z) != MaskSource.PORE) {
                            continue;
                        }
                        double t = lt.diameterAt(x, y, z, w) / 2;
                        double b = best[z * w * h + y * w + x];
                        assertTrue(t <= b * (1 + 1e-6) && b - t < bin + 1e-9, "voxel " + x + "," + y + "," + z + ": t " + t + " vs max ball " + b);
                        checked++;
                    }
                }
            }
            assertTrue(checked > 500, "pore voxels checked: " + checked);
        }
    }
}
