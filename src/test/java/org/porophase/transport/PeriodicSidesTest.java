package org.porophase.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Periodic side boundaries of the transport solve, the percolation test and the geodesic distance,
 * against exact discrete truths: a one-voxel helix that wraps round both side axes (a chain of equal
 * resistors: τ = (path/thickness)²), a wide tilted band that leaves one side and re-enters at the other
 * (the same discrete problem as the unwrapped band in a wider box), the mirror tiling of a random medium
 * (periodic on the mirror-doubled box = no-flux on the original: the proof that mirror and no-flux are one
 * operator), an independent double-precision solve with odd periodic extents (the red–black wrap case), and
 * the analytic cases that periodic sides must not change.
 */
class PeriodicSidesTest {
    private static final TransportOptions NOFLUX = TransportOptions.defaults().withThreads(2);
    private static final TransportOptions PERIODIC = NOFLUX.withSides(SideBoundary.PERIODIC);

    @Test
    void mirrorIsAnAliasOfNoFluxAndBadValuesAreNamed() {
        assertSame(SideBoundary.NO_FLUX, SideBoundary.parse("mirror"));
        assertSame(SideBoundary.NO_FLUX, SideBoundary.parse("No-Flux"));
        assertSame(SideBoundary.NO_FLUX, SideBoundary.parse("no_flux"));
        assertSame(SideBoundary.PERIODIC, SideBoundary.parse(" periodic "));
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> SideBoundary.parse("wrap"));
        assertTrue(e.getMessage().contains("'wrap' is not one of no-flux, mirror, periodic"), e.getMessage());
    }

    /**
     * A one-voxel chain: one voxel in the first and in the last plane, in between per plane a run of k + 1 voxels along
     * x (even planes) or y (odd planes) that starts below the previous plane's last voxel (a drift of k per plane).
     */
    private static boolean[] helix(int nx, int ny, int nz, int k, int x0, int y0, boolean wrap) {
        boolean[] in = new boolean[nx * ny * nz];
        int x = x0;
        int y = y0;
        for (int z = 0; z < nz; z++) {
            int run = z == 0 || z == nz - 1 ? 0 : k;
            for (int s = 0; s <= run; s++) {
                int xx = (z & 1) == 0 ? x + s : x;
                int yy = (z & 1) == 0 ? y : y + s;
                if (wrap) {
                    xx = Math.floorMod(xx, nx);
                    yy = Math.floorMod(yy, ny);
                }
                in[xx + nx * (yy + ny * z)] = true;
            }
            if ((z & 1) == 0) {
                x += run;
            } else {
                y += run;
            }
        }
        return in;
    }

    @Test
    void aHelixWrappingBothSidesHasTauEqualToItsSquaredPathFactor() {
        // each run touches the next plane's run in exactly one voxel: a chain of N voxels, links of resistance 1 (unit
        // voxels, in units of the voxel size), the two half-voxel Dirichlet links ½ each at the single first and last
        // voxel: R = N, so D/D0 = nz/(nx·ny·N) and τ = ε/D = (N/nz)², the squared path length over the thickness
        int nx = 11;
        int ny = 9;
        int nz = 30;
        int k = 3;
        boolean[] in = helix(nx, ny, nz, k, 2, 1, true);
        int path = 0;
        for (boolean b : in) {
            path += b ? 1 : 0;
        }
        assertEquals((nz - 2) * (k + 1) + 2, path);
        PhaseGrid g = TransportShapes.grid(nx, ny, nz, VoxelSize.iso(0.5), (x, y, z) -> in[x + nx * (y + ny * z)]);
        TransportResult r = TortuositySolver.solve(g, Axis.Z, PERIODIC);
        double factor = path / (double) nz;
        assertEquals(nz / (double) (nx * ny * path), r.relativeDiffusivity(), 1e-4 * r.relativeDiffusivity());
        assertEquals(factor * factor, r.tauTotal(), 1e-4 * factor * factor);
        assertEquals(1.0, r.percolationFactor(), 0);
        assertEquals("periodic", r.toJson().get("side_boundary"));
        // the helix drifts 42 voxels in x and in y: without the wrap it is cut, with no-flux sides it does not percolate
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TortuositySolver.solve(g, Axis.Z, NOFLUX));
        assertTrue(e.getMessage().contains("does not percolate along z") && e.getMessage().contains("--side-boundary periodic"), e.getMessage());
        assertThrows(PoroPhaseException.class, () -> GeometricTortuosity.compute(g, Axis.Z, SideBoundary.NO_FLUX));
        // the geodesic across the wraps = the geodesic of the same helix unwrapped in a box wide enough (no-flux)
        int wx = 2 + k * nz / 2 + k + 2;
        int wy = 1 + k * nz / 2 + k + 2;
        boolean[] un = helix(wx, wy, nz, k, 2, 1, false);
        PhaseGrid u = TransportShapes.grid(wx, wy, nz, VoxelSize.iso(0.5), (x, y, z) -> un[x + wx * (y + wy * z)]);
        double geo = GeometricTortuosity.compute(g, Axis.Z, SideBoundary.PERIODIC);
        assertEquals(GeometricTortuosity.compute(u, Axis.Z, SideBoundary.NO_FLUX), geo, 1e-6);
        assertTrue(geo > 1.5 && geo < factor, "tau_geo " + geo);
        TransportResult ru = TortuositySolver.solve(u, Axis.Z, NOFLUX);
        assertEquals(ru.relativeDiffusivity() * wx * wy, r.relativeDiffusivity() * nx * ny, 1e-4 * ru.relativeDiffusivity() * wx * wy);
    }

    @Test
    void aTiltedBandThatLeavesOneSideIsTheUnwrappedBand() {
        // band x ≡ s + z + [0, b) (mod w) in every row y, w odd (the wrap joins two cells of one red–black colour),
        // anisotropic voxels; the unwrapped band x ∈ [z, z + b) in a box of width W ≥ d + b carries the same current
        int w = 15;
        int h = 4;
        int d = 24;
        int b = 5;
        VoxelSize vs = new VoxelSize(1, 1.5, 2);
        PhaseGrid g = TransportShapes.grid(w, h, d, vs, (x, y, z) -> Math.floorMod(x - 7 - z, w) < b);
        int wide = d + b;
        PhaseGrid u = TransportShapes.grid(wide, h, d, vs, (x, y, z) -> x - z >= 0 && x - z < b);
        TransportResult rp = TortuositySolver.solve(g, Axis.Z, PERIODIC);
        TransportResult ru = TortuositySolver.solve(u, Axis.Z, NOFLUX);
        assertTrue(rp.converged() && ru.converged());
        // D = I·L/A: the same current I through cross-sections of w and W columns
        assertEquals(ru.relativeDiffusivity() * wide, rp.relativeDiffusivity() * w, 2e-4 * ru.relativeDiffusivity() * wide);
        assertEquals(b / (double) w, rp.phaseFraction(), 1e-12);
        assertEquals(1.0, rp.percolationFactor(), 0);
        // a tilt of one voxel (1 µm) per plane (2 µm): 1 + tan²θ = 1.25 for a smooth band; the 5-voxel staircase band
        // conducts less (measured τ = 1.526: only 4 of its 5 voxels pass on to the next plane)
        assertTrue(rp.tauTotal() > 1.25 && rp.tauTotal() < 1.6, "tau " + rp.tauTotal());
        assertEquals(GeometricTortuosity.compute(u, Axis.Z), GeometricTortuosity.compute(g, Axis.Z, SideBoundary.PERIODIC), 1e-6);
        assertThrows(PoroPhaseException.class, () -> TortuositySolver.solve(g, Axis.Z, NOFLUX));
        // the same along y of a 2D section (depth 1: the one-voxel z extent is never wrapped)
        PhaseGrid s = TransportShapes.grid(w, d, 1, VoxelSize.iso(1), (x, y, z) -> Math.floorMod(x - 7 - y, w) < b);
        PhaseGrid su = TransportShapes.grid(wide, d, 1, VoxelSize.iso(1), (x, y, z) -> x - y >= 0 && x - y < b);
        assertEquals(TortuositySolver.solve(su, Axis.Y, NOFLUX).relativeDiffusivity() * wide,
                TortuositySolver.solve(s, Axis.Y, PERIODIC).relativeDiffusivity() * w, 2e-4 * b);
    }

    @Test
    void periodicOnTheMirrorTilingIsNoFluxOnTheOriginal() {
        // a random medium G (odd extents) and its mirror images: [G | mirror_x G] over [mirror_y …], 2nx × 2ny, periodic.
        // Its solution is the mirror-extended solution of G with no-flux sides, so D_eff and τ_geo agree
        int nx = 9;
        int ny = 7;
        int nz = 12;
        PhaseGrid g = TransportShapes.spheresSolid(12, 14, 2.5, 3);
        PhaseGrid c = TransportShapes.grid(nx, ny, nz, VoxelSize.iso(1), (x, y, z) -> g.slices()[z][x + 12 * y] != 0);
        PhaseGrid m = TransportShapes.grid(2 * nx, 2 * ny, nz, VoxelSize.iso(1), (x, y, z) -> {
            int xx = x < nx ? x : 2 * nx - 1 - x;
            int yy = y < ny ? y : 2 * ny - 1 - y;
            return c.slices()[z][xx + nx * yy] != 0;
        });
        TransportResult noflux = TortuositySolver.solve(c, Axis.Z, NOFLUX);
        TransportResult tiled = TortuositySolver.solve(m, Axis.Z, PERIODIC);
        assertEquals(noflux.relativeDiffusivity(), tiled.relativeDiffusivity(), 2e-4 * noflux.relativeDiffusivity());
        assertEquals(noflux.phaseFraction(), tiled.phaseFraction(), 1e-12);
        assertEquals(noflux.percolatingFraction(), tiled.percolatingFraction(), 1e-12);
        assertEquals(GeometricTortuosity.compute(c, Axis.Z), GeometricTortuosity.compute(m, Axis.Z, SideBoundary.PERIODIC), 1e-6);
        // and on the original box periodic sides are a different problem (new connections across the wraps)
        double ref = ReferenceSolver.relativeDiffusivity(c, true);
        TransportResult per = TortuositySolver.solve(c, Axis.Z, PERIODIC);
        assertEquals(ref, per.relativeDiffusivity(), 2e-4 * ref);
        assertTrue(Math.abs(per.relativeDiffusivity() / noflux.relativeDiffusivity() - 1) > 1e-3,
                per.relativeDiffusivity() + " vs " + noflux.relativeDiffusivity());
    }

    @Test
    void oddPeriodicExtentsAgreeWithAnIndependentSolveOnEveryAxis() {
        // 13 × 11 × 9 (all odd): the wraps couple cells of one colour on the fine grid and on coarse levels
        PhaseGrid g = TransportShapes.grid(13, 11, 9, VoxelSize.iso(1), (x, y, z) -> (x * 7 + y * 5 + z * 3) % 11 != 0 && (x + 2 * y + z * z) % 7 != 1);
        double ref = ReferenceSolver.relativeDiffusivity(g, true);
        TransportResult r = TortuositySolver.solve(g, Axis.Z, PERIODIC);
        assertTrue(r.converged());
        assertEquals(ref, r.relativeDiffusivity(), 2e-4 * ref);
        TransportResult r1 = TortuositySolver.solve(g, Axis.Z, PERIODIC.withThreads(1));
        assertEquals(r.relativeDiffusivity(), r1.relativeDiffusivity(), 1e-6);
        // x and y solves too (the permuted frames have periodic y, z sides)
        for (Axis a : new Axis[] {Axis.X, Axis.Y}) {
            TransportResult ra = TortuositySolver.solve(g, a, PERIODIC);
            assertTrue(ra.converged() && ra.fluxSpread() <= 1e-4, a.letter());
        }
    }

    @Test
    void channelsLaminatesAndSpheresAreUnchangedByPeriodicSides() {
        PhaseGrid ch = TransportShapes.channels(24, 24, 30, 3, 6);
        assertEquals(1.0, TortuositySolver.solve(ch, Axis.Z, PERIODIC).tauTotal(), 1e-5);
        PhaseGrid lam = TransportShapes.grid(25, 12, 16, VoxelSize.iso(0.5), (x, y, z) -> x % 5 < 3);
        for (Axis a : new Axis[] {Axis.Y, Axis.Z}) {
            assertEquals(0.6, TortuositySolver.solve(lam, a, PERIODIC).relativeDiffusivity(), 1e-5, a.letter());
        }
        PhaseGrid across = TransportShapes.grid(12, 12, 20, VoxelSize.iso(1), (x, y, z) -> z % 5 != 2 || x == 5 || x == 6);
        assertEquals(TortuositySolver.solve(across, Axis.Z, NOFLUX).relativeDiffusivity(),
                TortuositySolver.solve(across, Axis.Z, PERIODIC).relativeDiffusivity(), 1e-5);
        // one insulating sphere centred in the cell: mirror-symmetric, so periodic = no-flux = the simple cubic array (Maxwell)
        int c = 16;
        double rad = 0.26 * c;
        PhaseGrid sp = TransportShapes.grid(c, c, c, VoxelSize.iso(1), (x, y, z) -> {
            double dx = x + 0.5 - c / 2.0;
            double dy = y + 0.5 - c / 2.0;
            double dz = z + 0.5 - c / 2.0;
            return dx * dx + dy * dy + dz * dz > rad * rad;
        });
        TransportResult a = TortuositySolver.solve(sp, Axis.Z, NOFLUX);
        TransportResult b = TortuositySolver.solve(sp, Axis.Z, PERIODIC);
        assertEquals(a.relativeDiffusivity(), b.relativeDiffusivity(), 1e-4 * a.relativeDiffusivity());
        double phi = 1 - b.phaseFraction();
        assertEquals(2 * (1 - phi) / (2 + phi), b.relativeDiffusivity(), 0.02 * b.relativeDiffusivity());
    }

    @Test
    void drainageOnTheMirrorTilingIsNoFluxOnTheOriginal() {
        // no-flux sides = mirror sides for the drainage too: the mirror-doubled box with periodic sides has the same curve
        int nx = 9;
        int ny = 7;
        int nz = 12;
        PhaseGrid g = TransportShapes.spheresSolid(12, 14, 2.5, 3);
        PhaseGrid c = TransportShapes.grid(nx, ny, nz, VoxelSize.iso(1), (x, y, z) -> g.slices()[z][x + 12 * y] != 0);
        for (Axis a : new Axis[] {Axis.Z, Axis.X}) {
            // tile the two side axes of a
            boolean tx = a != Axis.X;
            boolean tz = a != Axis.Z;
            PhaseGrid m = TransportShapes.grid(tx ? 2 * nx : nx, 2 * ny, tz ? 2 * nz : nz, VoxelSize.iso(1), (x, y, z) -> {
                int xx = x < nx ? x : 2 * nx - 1 - x;
                int yy = y < ny ? y : 2 * ny - 1 - y;
                int zz = z < nz ? z : 2 * nz - 1 - z;
                return c.slices()[zz][xx + nx * yy] != 0;
            });
            Drainage.Result r = Drainage.compute(c, a, 0.5, 2, true, SideBoundary.NO_FLUX);
            Drainage.Result p = Drainage.compute(m, a, 0.5, 2, true, SideBoundary.PERIODIC);
            assertEquals(r.radiusUm().length, p.radiusUm().length, a.letter());
            for (int k = 0; k < r.radiusUm().length; k++) {
                assertEquals(r.radiusUm()[k], p.radiusUm()[k], 1e-9);
                assertEquals(r.saturation()[k], p.saturation()[k], 1e-12, a.letter() + " radius " + k);
            }
            assertEquals(r.breakthroughRadiusUm(), p.breakthroughRadiusUm(), 1e-9);
            assertEquals(r.localThicknessR50Um(), p.localThicknessR50Um(), 1e-9);
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        assertEquals(r.sizeIndex()[z][x + nx * y], p.sizeIndex()[z][x + m.width() * y]);
                    }
                }
            }
        }
    }

    @Test
    void drainageThroughATiltedTubeThatWrapsIsTheUnwrappedTube() {
        // a tube of radius 3 whose axis drifts half a voxel in x per plane: in a 15-wide periodic box it leaves the side and
        // re-enters; the same tube unwrapped in a 30-wide box gives the same curve, breakthrough and size index
        int w = 15;
        int h = 12;
        int d = 30;
        double rad = 3.2;
        PhaseGrid per = TransportShapes.grid(w, h, d, VoxelSize.iso(1), (x, y, z) -> {
            double dx = Math.floorMod((int) Math.floor(2 * (x + 0.5 - 9 - z / 2.0)), 2 * w) / 2.0;
            dx = dx >= w / 2.0 ? dx - w : dx;
            double dy = y + 0.5 - 6;
            return dx * dx + dy * dy <= rad * rad;
        });
        int wide = 30;
        PhaseGrid un = TransportShapes.grid(wide, h, d, VoxelSize.iso(1), (x, y, z) -> {
            double dx = x + 0.5 - 5 - z / 2.0;
            double dy = y + 0.5 - 6;
            return dx * dx + dy * dy <= rad * rad;
        });
        assertEquals(un.phaseVoxels(), per.phaseVoxels());
        Drainage.Result p = Drainage.compute(per, Axis.Z, 0.5, 2, false, SideBoundary.PERIODIC);
        Drainage.Result u = Drainage.compute(un, Axis.Z, 0.5, 2, false, SideBoundary.NO_FLUX);
        assertEquals(u.radiusUm().length, p.radiusUm().length);
        for (int k = 0; k < u.radiusUm().length; k++) {
            assertEquals(u.saturation()[k], p.saturation()[k], 1e-12, "radius " + k);
        }
        assertEquals(u.breakthroughRadiusUm(), p.breakthroughRadiusUm(), 1e-9);
        assertTrue(p.breakthroughRadiusUm() > 2 && p.breakthroughRadiusUm() <= rad, "breakthrough " + p.breakthroughRadiusUm());
        // with no-flux sides the tube is cut where it wraps: the largest spheres no longer break through
        Drainage.Result n = Drainage.compute(per, Axis.Z, 0.5, 2, false, SideBoundary.NO_FLUX);
        assertTrue(!(n.breakthroughRadiusUm() >= p.breakthroughRadiusUm()), "no-flux breakthrough " + n.breakthroughRadiusUm());
    }
}
