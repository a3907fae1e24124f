package org.porophase.phasefield;

import org.porophase.core.Parallel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;

import ij.process.ByteProcessor;

/** Seeding, orientation, resampling, ideal scaffolds and the metric definitions. */
class GeometryAndMetricsTest {

    /** 10 × 20 µm mask at 0.25 µm: an open channel x ∈ [3, 5) µm, a closed pore at depth 2–3 µm. */
    static ByteProcessor mask() {
        ByteProcessor bp = new ByteProcessor(40, 80);
        for (int r = 0; r < 80; r++) {
            for (int c = 12; c < 20; c++) {
                bp.set(c, r, 255);
            }
        }
        for (int r = 8; r < 12; r++) {
            for (int c = 28; c < 34; c++) {
                bp.set(c, r, 255);
            }
        }
        return bp;
    }

    @Test
    void seedingFillsConnectedPoresToTheImpregnationDepth() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        p.impregnationUm = 5;
        p.liLayerUm = 1;
        int[] dims = new int[3];
        boolean[] pore = Geometry.canonical2D(mask(), Geometry.Side.TOP, dims);
        Geometry g = Geometry.fromCanonicalMask(pore, dims[0], dims[1], dims[2], 0.25, Geometry.Side.TOP, p);
        assertEquals(40, g.nx);
        assertEquals(4 + 80, g.nz);
        int zs = g.zScaffoldStart;
        assertEquals(4, zs);
        // channel centre (x = 16) filled near the surface, empty below 5 µm (+ interface width)
        assertTrue(g.xi0[16 + 40 * (zs + 5)] > 0.99);
        assertTrue(g.xi0[16 + 40 * (zs + 30)] < 0.01);
        assertEquals(0.5, g.xi0[16 + 40 * (zs + 20)], 0.2, "front at the impregnation depth");
        // the closed pore is not impregnated, the Li layer is Li, the solid has no ξ
        assertTrue(g.xi0[30 + 40 * (zs + 10)] < 0.01);
        assertTrue(g.xi0[30 + 40 * 1] > 0.99);
        assertEquals(0.0, g.xi0[5 + 40 * (zs + 10)]);
        // ϕ: solid ≈ 1 away from walls, pore ≈ 0, ½ at the wall face
        assertTrue(g.phi[5 + 40 * (zs + 40)] > 0.99);
        // channel centre, 0.875 µm from the walls, inside the compact support W_phi/2 = 1.099/0.590/2 = 0.931 µm of the
        // physical interface (scale 1): ½(1 + sin(−π·0.875/1.862)) = 0.0022 (the logistic it replaced gave 0.029)
        assertEquals(0.0022, g.phi[16 + 40 * (zs + 40)], 0.0002);
    }

    @Test
    void liSideOrientationIsConsistent() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        ByteProcessor top = mask();
        ByteProcessor bottom = (ByteProcessor) top.duplicate();
        bottom.flipVertical();
        ByteProcessor left = (ByteProcessor) top.rotateLeft();
        int[] d1 = new int[3];
        int[] d2 = new int[3];
        int[] d3 = new int[3];
        boolean[] a = Geometry.canonical2D(top, Geometry.Side.TOP, d1);
        boolean[] b = Geometry.canonical2D(bottom, Geometry.Side.BOTTOM, d2);
        boolean[] c = Geometry.canonical2D(left, Geometry.Side.LEFT, d3);
        assertArrayEquals(d1, d2);
        assertArrayEquals(a, b);
        assertEquals(d1[2], d3[2]);
        // rotateLeft + reading from the left: depth preserved, x mirrored
        for (int z = 0; z < d1[2]; z++) {
            for (int x = 0; x < d1[0]; x++) {
                assertEquals(a[x + d1[0] * z], c[(d1[0] - 1 - x) + d1[0] * z]);
            }
        }
    }

    @Test
    void resamplingKeepsThePorosity() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        p.liLayerUm = 0;
        // channels rasterized at 0.05 µm, simulated at 0.25 µm
        IdealScaffold sc = IdealScaffold.channels2D(1.5, 0.5, 12, 4, 0.05);
        Geometry g = sc.toGeometry(p);
        double solid = 0;
        int n = 0;
        for (int i = 0; i < g.size(); i++) {
            solid += PhaseFieldSolver.h(g.phi[i]);
            n++;
        }
        assertEquals(1 - sc.rasterPorosity(), solid / n, 0.01);
        assertThrows(PoroPhaseException.class,
                () -> Geometry.fromCanonicalMask(new boolean[] {true, true, true, true}, 2, 1, 2, 1, Geometry.Side.TOP, p));
        assertThrows(PoroPhaseException.class,
                () -> Geometry.fromCanonicalMask(new boolean[4], 2, 1, 2, 1, Geometry.Side.TOP, p));
    }

    /** Ideal scaffolds: raster porosity equals the requested φ (tolerance: one raster pixel per wall). */
    @Test
    void idealScaffoldPorosity() {
        IdealScaffold a = IdealScaffold.channels2D(0.6, 0.5, 50, 2, 0.025);
        assertEquals(0.5, a.rasterPorosity(), 1e-9);
        assertEquals(50, a.widthUm, 0.6);
        IdealScaffold b = IdealScaffold.cylinders3D(1.5, 0.5, false, 6, 1, 0.05);
        assertEquals(0.5, b.rasterPorosity(), 0.01);
        IdealScaffold c = IdealScaffold.cylinders3D(1.5, 0.5, true, 6, 1, 0.05);
        assertEquals(0.5, c.rasterPorosity(), 0.01);
        assertThrows(PoroPhaseException.class, () -> IdealScaffold.cylinders3D(1, 0.8, false, 6, 1, 0.05));
    }

    /**
     * Wall-creep index: 0 for a flat advance, 1 when only near-wall cells gain Li, negative when the
     * centre leads; trapped voids are counted when a Li bridge seals vacuum off the far side.
     */
    @Test
    void metricDefinitions() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        IdealScaffold sc = IdealScaffold.channels2D(3, 0.5, 6, 10, 0.0625);
        Geometry g = sc.toGeometry(p);
        Parallel par = Parallel.of(1);
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
        RunMetrics m = new RunMetrics(s);
        int nx = g.nx;
        int zs = g.zScaffoldStart;
        double[] xi = g.xi0.clone();
        // flat advance by 4 rows
        for (int z = zs + 20; z < zs + 24; z++) {
            for (int x = 0; x < nx; x++) {
                if (g.pore[x + nx * z]) {
                    xi[x + nx * z] = 1;
                }
            }
        }
        assertEquals(0.0, m.wallCreepIndex(xi, g.xi0), 0.02);
        // creep: only the two near-wall columns of each wall side gain Li over 12 rows
        double[] creep = g.xi0.clone();
        int x0 = -1;
        int x1 = -1;
        for (int x = 0; x < nx; x++) {
            if (g.pore[x + nx * (zs + 30)]) {
                if (x0 < 0) {
                    x0 = x;
                }
                x1 = x;
            }
        }
        for (int z = zs + 20; z < zs + 32; z++) {
            creep[x0 + nx * z] = 1;
            creep[x1 + nx * z] = 1;
        }
        assertEquals(1.0, m.wallCreepIndex(creep, g.xi0), 1e-9);
        // centre leads (dendrite-like finger in the middle)
        double[] finger = g.xi0.clone();
        int xc = (x0 + x1) / 2;
        for (int z = zs + 20; z < zs + 32; z++) {
            finger[xc + nx * z] = 1;
        }
        assertEquals(-1.0, m.wallCreepIndex(finger, g.xi0), 1e-9);
        // a bridge at depth 8 µm over the whole channel traps the vacuum between 5 and 8 µm
        double[] bridge = g.xi0.clone();
        for (int x = x0; x <= x1; x++) {
            bridge[x + nx * (zs + 32)] = 1;
        }
        double tv = m.trappedVoidFraction(bridge);
        assertTrue(tv > 0.2 && tv < 0.35, "trapped fraction " + tv);
        assertEquals(0.0, m.trappedVoidFraction(g.xi0));
        // front heights: the seeded logistic profile is centred on the impregnation depth → mean 5 µm
        double[] f0 = m.frontHeights(g.xi0);
        assertEquals(5.0, f0[0], 0.02);
        assertTrue(f0[1] < 0.02);
        // flat advance by 4 rows (1 µm) that also overwrote the 0.68-row void-side tail of the profile
        double[] fh = m.frontHeights(xi);
        assertEquals(5.83, fh[0], 0.02);
        assertTrue(fh[1] < 0.02);
        double[] fc = m.frontHeights(creep);
        assertTrue(fc[1] > 0.5, "creep makes the column heights uneven");
    }
}
