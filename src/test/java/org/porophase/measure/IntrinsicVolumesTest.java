package org.porophase.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.BinaryVolume;
import org.porophase.core.VoxelSize;
import org.porophase.synth.SyntheticVolumes;

/** Crofton surface area, porosity and Euler characteristic against analytic truth. */
class IntrinsicVolumesTest {

    private static double rel(double est, double truth) {
        return (est - truth) / truth;
    }

    @Test
    void numericalWeightsReproducePublishedCubicWeights() {
        // The quadrature used for anisotropic voxels must reproduce the published cubic weights
        // (Legland et al. 2007) to 1e-4: that bounds its error for any voxel shape.
        double[] num = CroftonWeights.integrate(VoxelSize.iso(1), 1200);
        double[] pub = CroftonWeights.weights(VoxelSize.iso(1));
        double sum = 0;
        for (int i = 0; i < 13; i++) {
            assertEquals(pub[i], num[i], 1e-4, "direction " + i);
            sum += num[i];
        }
        assertEquals(1, sum, 1e-12);
        double[] an = CroftonWeights.weights(new VoxelSize(1, 1, 2));
        double s2 = 0;
        for (double v : an) {
            s2 += v;
        }
        assertEquals(1, s2, 1e-12);
    }

    @Test
    void slabAreaEqualsCroftonPlaneBias() {
        // A pore slab normal to z inside solid: two planes of area A each. The 13-direction Crofton
        // estimate of a grid-aligned plane is exactly 2(w_z + 4 w_xz/√2 + 4 w_xyz/√3)·A = 0.92665·A
        // (−7.34 %, the documented bias); it is deterministic, so the tolerance is 1e-9.
        VoxelSize vs = VoxelSize.iso(0.5);
        BinaryVolume v = SyntheticVolumes.fromShape(40, 40, 40, vs, (x, y, z) -> z > 5 && z < 12);
        IntrinsicVolumes m = IntrinsicVolumes.measure(v, 2, 2);
        double[] w = CroftonWeights.weights(vs);
        double factor = 2 * (w[2] + 4 * w[5] / Math.sqrt(2) + 4 * w[9] / Math.sqrt(3));
        double area = 2 * 20 * 20; // µm²
        // diagonal directions lose their pairs at the x/y borders of the window: count only full pairs
        double est = m.surfaceArea();
        assertEquals(-0.0734, factor - 1, 5e-4);
        // the window cuts the diagonal pairs at the x/y borders: 2/40 of the pairs for the 8 slanted directions
        double expected = area * 2 * (w[2] + 4 * w[5] / Math.sqrt(2) * 39 / 40.0 + 4 * w[9] / Math.sqrt(3) * (39 * 39) / (40.0 * 40));
        assertEquals(expected, est, 1e-9 * expected);
        // S_V normalizes each direction by its own pair count (the pair window is 39 voxels high for
        // the directions crossing z, not 40): within 1/39 = 2.6 % of factor·2A/V; use 3 %.
        assertEquals(factor * area / (20 * 20 * 20), m.specificSurfaceArea(), 0.03 * factor * area / 8000);
    }

    @Test
    void ballAreaWithin3Percent() {
        // Ball r = 15 voxels: Crofton area vs 4πr²; tolerance 3 % (issue target; discretization of a
        // 15-voxel ball plus the direction-sampling bias, which averages out over a sphere's normals).
        VoxelSize vs = VoxelSize.iso(1);
        double r = 15;
        BinaryVolume v = SyntheticVolumes.fromShape(40, 40, 40, vs, SyntheticVolumes.ball(20, 20, 20, r));
        IntrinsicVolumes m = IntrinsicVolumes.measure(v, 2, 2);
        double e = rel(m.surfaceArea(), 4 * Math.PI * r * r);
        System.out.printf("ball area rel error %.4f, volume rel error %.4f%n", e, rel(m.poreVoxels, 4 * Math.PI * r * r * r / 3));
        assertTrue(Math.abs(e) < 0.03, "ball area error " + e);
        assertEquals(1, m.euler());
    }

    @Test
    void anisotropicVoxelsGiveSameBallInMicrons() {
        // The same ball (r = 12 µm) sampled with 1×1×1 and 1×1×2 µm voxels: area within 3 % of 4πr²
        // for both and volume within 2 % (the coarse z spacing adds discretization error).
        double r = 12;
        for (VoxelSize vs : new VoxelSize[] {VoxelSize.iso(1), new VoxelSize(1, 1, 2)}) {
            int d = (int) Math.round(32 / vs.z());
            BinaryVolume v = SyntheticVolumes.fromShape(32, 32, d, vs, SyntheticVolumes.ball(16, 16, 16, r));
            IntrinsicVolumes m = IntrinsicVolumes.measure(v, 2, 2);
            double ea = rel(m.surfaceArea(), 4 * Math.PI * r * r);
            double ev = rel(m.poreVoxels * vs.volume(), 4 * Math.PI * r * r * r / 3);
            System.out.printf("anisotropic %s: area err %.4f volume err %.4f%n", vs, ea, ev);
            assertTrue(Math.abs(ea) < 0.03, vs + " area error " + ea);
            assertTrue(Math.abs(ev) < 0.02, vs + " volume error " + ev);
        }
    }

    @Test
    void booleanSpheresPorosityAndSv() {
        // Boolean model r = 8 voxels, φ = 0.3, 128³, three fixed seeds averaged (≈ 3×490 balls).
        // S_V within 3 % of the model's 4πr²λ·exp(−λ·4πr³/3) and of the realizations' exact surface
        // density (sampled on the spheres, which removes the realization's fluctuation); φ within 0.01
        // of 1 − exp(−λ·4πr³/3). Measured: −2.4 % vs the model, −2.5 % vs the realizations. The
        // remaining negative error is digitization (balls closer than a voxel merge), it grows for
        // small balls: −4.5 % at r = 5 voxels (documented in the report).
        VoxelSize vs = VoxelSize.iso(0.85);
        double sv = 0;
        double real = 0;
        double phi = 0;
        SyntheticVolumes.Boolean b = null;
        long[] seeds = {1, 2, 3};
        for (long seed : seeds) {
            b = SyntheticVolumes.booleanSpheres(128, 128, 128, vs, 8 * 0.85, 0.3, seed);
            IntrinsicVolumes m = IntrinsicVolumes.measure(b.volume(), 2, 2);
            sv += m.specificSurfaceArea() / seeds.length;
            phi += m.porosity() / seeds.length;
            real += b.realizationSv(2000) / seeds.length;
        }
        System.out.printf("Boolean: phi %.4f (truth %.4f), Sv %.5f (model %.5f, rel %.4f; realizations %.5f, rel %.4f)%n",
                phi, b.porosity(), sv, b.sv(), rel(sv, b.sv()), real, rel(sv, real));
        assertEquals(b.porosity(), phi, 0.01);
        assertTrue(Math.abs(rel(sv, b.sv())) < 0.03, "Sv error vs model " + rel(sv, b.sv()));
        assertTrue(Math.abs(rel(sv, real)) < 0.03, "Sv error vs realizations " + rel(sv, real));
    }

    @Test
    void parallelCylindersSvIs4PhiOverDelta() {
        // Non-overlapping pore cylinders along z, δ = 12 voxels: S_V = 4φ/δ (seed paper eq. 1) with the
        // measured φ; tolerance 3 % (Crofton bias for surfaces whose normals lie in the xy plane,
        // averaged over the cylinders' normal directions, plus the 12-voxel discretization).
        VoxelSize vs = VoxelSize.iso(1);
        SyntheticVolumes.Cylinders c = SyntheticVolumes.parallelCylinders(128, 128, 32, vs, 12, 40, 3);
        IntrinsicVolumes m = IntrinsicVolumes.measure(c.volume(), 2, 2);
        double truth = 4 * m.porosity() / 12;
        double e = rel(m.specificSurfaceArea(), truth);
        System.out.printf("cylinders: n %d phi %.4f Sv %.5f truth %.5f rel %.4f%n", c.count(), m.porosity(), m.specificSurfaceArea(), truth, e);
        assertTrue(Math.abs(e) < 0.03, "cylinder Sv error " + e);
    }

    @Test
    void eulerCharacteristicBallTorusHollowSphere() {
        // Exact topology (6-connected pores): ball 1, torus 0, hollow sphere (shell) 2.
        VoxelSize vs = VoxelSize.iso(1);
        assertEquals(1, IntrinsicVolumes.measure(SyntheticVolumes.fromShape(30, 30, 30, vs, SyntheticVolumes.ball(15, 15, 15, 10)), 2, 2).euler());
        assertEquals(0, IntrinsicVolumes.measure(SyntheticVolumes.fromShape(40, 40, 20, vs, SyntheticVolumes.torus(20, 20, 10, 12, 4)), 2, 2).euler());
        assertEquals(2, IntrinsicVolumes.measure(SyntheticVolumes.fromShape(30, 30, 30, vs, SyntheticVolumes.shell(15, 15, 15, 7, 11)), 2, 2).euler());
        // two balls: 2, and the result is the same with one thread
        BinaryVolume two = SyntheticVolumes.fromShape(40, 20, 20, vs, (x, y, z) -> SyntheticVolumes.ball(10, 10, 10, 6).contains(x, y, z)
                || SyntheticVolumes.ball(30, 10, 10, 6).contains(x, y, z));
        assertEquals(2, IntrinsicVolumes.measure(two, 2, 1).euler());
    }

    @Test
    void porosityProfileOfLinearGradient() {
        // Slice z has exactly round(n·z/(d−1)) pore voxels: the profile must be exact.
        int w = 20;
        int h = 20;
        int d = 11;
        BinaryVolume v = new BinaryVolume(w, h, d, new VoxelSize(1, 1, 2));
        for (int z = 0; z < d; z++) {
            int k = (int) Math.round(w * h * z / (double) (d - 1));
            for (int i = 0; i < k; i++) {
                v.slice(z)[(i * 7) % (w * h)] = 1; // 7 is coprime with 400: a scattered set of k voxels
            }
        }
        IntrinsicVolumes m = IntrinsicVolumes.measure(v, 2, 2);
        double[] p = m.profile();
        for (int z = 0; z < d; z++) {
            assertEquals(z / 10.0, p[z], 1e-12);
        }
        assertEquals(0.5, m.porosity(), 1e-12);
        // profile along x of the same volume sums to the same pore count
        IntrinsicVolumes mx = IntrinsicVolumes.measure(v, 0, 2);
        long s = 0;
        for (long c : mx.profilePore) {
            s += c;
        }
        assertEquals(m.poreVoxels, s);
    }
}
