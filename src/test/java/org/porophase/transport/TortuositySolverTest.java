package org.porophase.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * The transport solve against analytic and exact discrete truths: straight channels (τ = 1), the
 * laminate bounds, Maxwell's dilute-sphere formula, a zig-zag channel in the thin-channel limit,
 * anisotropic voxels, an independent double-precision solve, and the error cases.
 */
class TortuositySolverTest {
    private static final TransportOptions OPT = TransportOptions.defaults().withThreads(2);

    @Test
    void straightChannelsHaveTauOneExactly() {
        PhaseGrid g = TransportShapes.channels(24, 24, 30, 3, 6);
        TransportResult r = TortuositySolver.solve(g, Axis.Z, OPT);
        assertEquals(0.25, r.phaseFraction(), 1e-12);
        assertEquals(1.0, r.tauTotal(), 1e-5);
        assertEquals(1.0, r.tauPercolating(), 1e-5);
        assertEquals(1.0, r.percolationFactor(), 0);
        assertEquals(4.0, r.macMullin(), 4e-5);
        assertEquals(1.0, r.bruggemanExponent(), 1e-5);
        assertTrue(r.converged());
        for (double t : r.profileTau()) {
            assertEquals(1.0, t, 1e-4);
        }
        // a closed cavity in the channel walls does not change D_eff and only the TauFactor τ
        PhaseGrid h = TransportShapes.grid(24, 24, 30, VoxelSize.iso(1),
                (x, y, z) -> x % 6 < 3 && y % 6 < 3 || x == 4 && y == 4 && z > 3 && z < 20);
        TransportResult rh = TortuositySolver.solve(h, Axis.Z, OPT);
        assertEquals(r.relativeDiffusivity(), rh.relativeDiffusivity(), 1e-6);
        assertEquals(r.phaseFraction() + 16 / (24.0 * 24 * 30), rh.phaseFraction(), 1e-12);
        assertEquals(1.0, rh.tauPercolating(), 1e-5);
        assertEquals(1 + 16 / 4320.0, rh.tauTotal(), 1e-5);
    }

    @Test
    void laminateParallelIsTheParallelBoundAndPerpendicularDoesNotConduct() {
        // layers normal to x, 3 of every 5 voxels conducting: parallel to the layers D = ε (the parallel bound), across 0 (series bound)
        PhaseGrid g = TransportShapes.grid(25, 12, 16, VoxelSize.iso(0.5), (x, y, z) -> x % 5 < 3);
        for (Axis a : new Axis[] {Axis.Y, Axis.Z}) {
            TransportResult r = TortuositySolver.solve(g, a, OPT);
            assertEquals(0.6, r.relativeDiffusivity(), 1e-5, a.letter());
        }
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TortuositySolver.solve(g, Axis.X, OPT));
        assertTrue(e.getMessage().contains("does not percolate along x"), e.getMessage());
        assertTrue(e.getMessage().contains("test phase"), e.getMessage());
    }

    @Test
    void diluteSpheresConvergeToMaxwell() {
        // one insulating sphere (radius 0.26 of the cell) centred in a cubic cell: by the mirror symmetry of the no-flux
        // sides and the equipotential cell faces this is the simple cubic array, Maxwell σ/σ0 = 2(1−φ)/(2+φ) (Rayleigh's
        // correction for the array ≈ 1e-4 here). The voxel staircase makes the sphere slightly more obstructive:
        // measured −1.5 % at 16³, −0.85 % at 32³, −0.45 % at 64³ (first order in the voxel size).
        double[] err = new double[2];
        int k = 0;
        for (int c : new int[] {16, 32}) {
            double rad = 0.26 * c;
            PhaseGrid g = TransportShapes.grid(c, c, c, VoxelSize.iso(1), (x, y, z) -> {
                double dx = x + 0.5 - c / 2.0;
                double dy = y + 0.5 - c / 2.0;
                double dz = z + 0.5 - c / 2.0;
                return dx * dx + dy * dy + dz * dz > rad * rad;
            });
            TransportResult r = TortuositySolver.solve(g, Axis.Z, OPT);
            double phi = 1 - r.phaseFraction();
            double maxwell = 2 * (1 - phi) / (2 + phi);
            err[k++] = r.relativeDiffusivity() / maxwell - 1;
            if (c == 32) {
                assertEquals(r.relativeDiffusivity(), TortuositySolver.solve(g, Axis.X, OPT).relativeDiffusivity(), 1e-4);
            }
        }
        assertTrue(err[0] < 0 && err[0] > -0.02, "16: " + err[0]);
        assertTrue(err[1] < 0 && err[1] > -0.01, "32: " + err[1]);
        assertTrue(Math.abs(err[1]) < 0.65 * Math.abs(err[0]), "first-order convergence " + err[0] + " → " + err[1]);
    }

    @Test
    void zigZagChannelHasTauEqualToTheSquaredGeometricTortuosity() {
        // a one-voxel-wide staircase path (down 1, sideways k, reflected at the walls with an extra down step) is a
        // chain of equal resistors with one voxel per plane at the two faces: R = N_path exactly, so
        // D/D0 = n_y/(W·N_path) and τ = (N_path/n_y)² = τ_geo² with τ_geo = N_path/n_y the path length over the thickness
        int w = 17;
        int ny = 60;
        int k = 3;
        boolean[] in = new boolean[w * ny];
        int x = 2;
        int y = 0;
        int dir = 1;
        int n = 0;
        boolean reflected = false;
        in[x] = true;
        n++;
        while (y < ny - 1) {
            y++;
            in[x + w * y] = true;
            n++;
            if (y == ny - 1) {
                break;
            }
            if (reflected) {
                reflected = false; // a plain down step after a reflection: the runs on either side never touch
                continue;
            }
            for (int s = 0; s < k; s++) {
                if (x + dir < 0 || x + dir >= w) {
                    dir = -dir;
                    reflected = true;
                    break;
                }
                x += dir;
                in[x + w * y] = true;
                n++;
            }
        }
        final int path = n;
        PhaseGrid g = TransportShapes.grid(w, ny, 1, VoxelSize.iso(0.25), (xx, yy, zz) -> in[xx + w * yy]);
        TransportResult r = TortuositySolver.solve(g, Axis.Y, OPT);
        double tauGeo = path / (double) ny;
        assertEquals(path / (double) (w * ny), r.phaseFraction(), 1e-12);
        assertEquals(ny / (double) (w * path), r.relativeDiffusivity(), 1e-4 * r.relativeDiffusivity());
        assertEquals(tauGeo * tauGeo, r.tauTotal(), 1e-4 * tauGeo * tauGeo);
        assertTrue(tauGeo > 3, "tau_geo " + tauGeo);
    }

    @Test
    void anisotropicVoxelsMatchTheGeometry() {
        // an extruded 2D pattern: along z D = ε for any voxel depth; across, the 3D solution is z-invariant
        // and equals the 2D one whatever h_z is
        SplittableRandom rnd = new SplittableRandom(5);
        boolean[] pat = new boolean[24 * 24];
        for (int i = 0; i < pat.length; i++) {
            pat[i] = rnd.nextDouble() < 0.62;
        }
        PhaseGrid g2 = TransportShapes.grid(24, 24, 1, new VoxelSize(0.7, 0.7, 1), (x, y, z) -> pat[x + 24 * y]);
        PhaseGrid g3 = TransportShapes.grid(24, 24, 6, new VoxelSize(0.7, 0.7, 2.9), (x, y, z) -> pat[x + 24 * y]);
        double d2 = TortuositySolver.solve(g2, Axis.X, OPT).relativeDiffusivity();
        double d3 = TortuositySolver.solve(g3, Axis.X, OPT).relativeDiffusivity();
        assertEquals(d2, d3, 2e-4 * d2);
        assertEquals(g3.fraction(), TortuositySolver.solve(g3, Axis.Z, OPT).relativeDiffusivity(), 1e-5);
        // spheres rasterised at voxel (1, 1, 2) against the same spheres at (1, 1, 1): same within discretisation
        PhaseGrid iso = spheres(48, 48, 48, 1.0);
        PhaseGrid ani = spheres(48, 48, 24, 2.0);
        for (Axis a : Axis.values()) {
            double di = TortuositySolver.solve(iso, a, OPT).relativeDiffusivity();
            double da = TortuositySolver.solve(ani, a, OPT).relativeDiffusivity();
            assertEquals(di, da, 0.03 * di, a.letter());
        }
    }

    private static PhaseGrid spheres(int w, int h, int d, double hz) {
        double[][] c = new double[40][];
        SplittableRandom rnd = new SplittableRandom(17);
        for (int k = 0; k < c.length; k++) {
            c[k] = new double[] {rnd.nextDouble() * 48, rnd.nextDouble() * 48, rnd.nextDouble() * 48};
        }
        return TransportShapes.grid(w, h, d, new VoxelSize(1, 1, hz), (x, y, z) -> {
            for (double[] ci : c) {
                double dx = x + 0.5 - ci[0];
                double dy = y + 0.5 - ci[1];
                double dz = (z + 0.5) * hz - ci[2];
                if (dx * dx + dy * dy + dz * dz <= 36) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void agreesWithAnIndependentDoublePrecisionSolve() {
        PhaseGrid g = TransportShapes.spheresSolid(14, 10, 3, 7);
        TransportResult r = TortuositySolver.solve(g, Axis.Z, OPT);
        double ref = ReferenceSolver.relativeDiffusivity(g);
        assertEquals(ref, r.relativeDiffusivity(), 2e-4 * ref);
        // the flux-weighted profile: the harmonic mean of D(z) is D_eff (series slabs; the dissipation partition is exact)
        double inv = 0;
        for (double dz : r.profileRelativeDiffusivity()) {
            inv += 1 / dz;
        }
        assertEquals(r.relativeDiffusivity(), r.profileRelativeDiffusivity().length / inv, 2e-4 * r.relativeDiffusivity());
        // threads change nothing beyond round-off
        TransportResult r1 = TortuositySolver.solve(g, Axis.Z, OPT.withThreads(1));
        assertEquals(r.relativeDiffusivity(), r1.relativeDiffusivity(), 1e-6);
    }

    @Test
    void aPhaseFillingTheBoxHasTauOneAndNoBruggemanExponent() {
        PhaseGrid g = TransportShapes.grid(8, 9, 10, new VoxelSize(1, 2, 3), (x, y, z) -> true);
        TransportResult r = TortuositySolver.solve(g, Axis.Y, OPT);
        assertEquals(1.0, r.relativeDiffusivity(), 1e-6);
        assertEquals(1.0, r.tauTotal(), 1e-6);
        assertTrue(Double.isNaN(r.bruggemanExponent()));
        assertNull(r.toJson().get("bruggeman_exponent"));
        assertEquals(8 * 1.0 * 10 * 3.0, r.areaUm2(), 1e-9);
        assertEquals(18.0, r.lengthUm(), 1e-12);
    }

    @Test
    void badInputIsAClearError() {
        PhaseGrid thin = TransportShapes.grid(8, 8, 1, VoxelSize.iso(1), (x, y, z) -> true);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TortuositySolver.solve(thin, Axis.Z, OPT));
        assertTrue(e.getMessage().contains("1 voxel thick along z"), e.getMessage());
        PhaseGrid none = TransportShapes.grid(8, 8, 8, VoxelSize.iso(1), (x, y, z) -> false);
        e = assertThrows(PoroPhaseException.class, () -> TortuositySolver.solve(none, Axis.X, OPT));
        assertTrue(e.getMessage().contains("has no voxel"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> Axis.parseList("w", 8));
        assertTrue(e.getMessage().contains("'w' is not one of x, y, z, all"), e.getMessage());
        assertEquals(2, Axis.parseList("ALL", 1).size());
    }

    @Test
    void aSolveStoppedEarlyIsReportedAsNotConverged() {
        PhaseGrid g = TransportShapes.spheresSolid(24, 30, 4, 11);
        TransportResult r = TortuositySolver.solve(g, Axis.Z, new TransportOptions(1e-4, 1e-5, 1, 2));
        assertEquals(1, r.iterations());
        assertTrue(!r.converged() && r.fluxSpread() > 1e-4, "spread " + r.fluxSpread());
        TransportResult full = TortuositySolver.solve(g, Axis.Z, OPT);
        assertTrue(full.converged() && full.fluxSpread() <= 1e-4 && full.relativeResidual() <= 1e-5);
    }

    @Test
    void memoryIsAtMostSixteenBytesPerVoxel() {
        // 13 B fine (code + u, p, w) + ≈ 1.7 B coarse levels + the 2 MiB coarsest factor; odd extents round the blocks up
        for (int[] d : new int[][] {{256, 256, 256}, {255, 257, 129}, {512, 512, 512}, {100, 100, 100}}) {
            PhaseGrid g = new PhaseGrid(d[0], d[1], d[2], VoxelSize.iso(1), new byte[d[2]][0], "sizes only"); // memoryBytes reads the sizes
            for (Axis a : Axis.values()) {
                double perVoxel = TortuositySolver.memoryBytes(g, a) / (double) g.voxels();
                assertTrue(perVoxel <= 16 && perVoxel > 14, "bytes per voxel " + perVoxel + " for " + java.util.Arrays.toString(d) + " " + a);
            }
        }
    }
}
