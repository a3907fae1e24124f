package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.porophase.core.Parallel;

/**
 * The masked isotropic Laplacian of {@link Grid} at walls (issue 11 item 5): a wall on a cell face is a mirror
 * (no flux, ghost = mirror image), so the stencil is exact for a quadratic that is even about every wall and
 * grid face, in the wall layer as in the interior; and it stays symmetric with Σ∇²f = 0 on any mask.
 * (Leaving out the links across a wall, as before, gave 5/6 of the Laplacian along a flat wall in 2D.)
 */
class GridStencilTest {
    private static Grid grid(int nx, int ny, int nz, double dx, boolean[] open) {
        int n = nx * ny * nz;
        double[] phi = new double[n];
        boolean[] pore = new boolean[n];
        for (int i = 0; i < n; i++) {
            phi[i] = open[i] ? 0 : 1;
        }
        Geometry g = Geometry.restore(nx, ny, nz, dx, 0, nz, phi, open, pore, new double[n], dx, Geometry.Side.TOP, "test");
        return new Grid(g, Parallel.of(1));
    }

    /**
     * A straight 2D channel (walls normal to x, 2 solid columns each side) and a 3D one (a solid slab x ≤ 1):
     * f = z_c² (2D) and f = y_c² + z_c² (3D), z_c, y_c the cell centres, are constant across the walls and even
     * about the grid faces y = 0 and z = 0, so ∇²f = 2 (2D) and 4 (3D) at every open cell but the last layers
     * in y and z, the wall layer and its corners with the grid faces included (to 10⁻¹⁰).
     */
    @Test
    void laplacianIsExactAtMirrorWalls() {
        double dx = 0.25;
        int nx = 8;
        int nz = 10;
        boolean[] open = new boolean[nx * nz];
        double[] f = new double[nx * nz];
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                open[x + nx * z] = x >= 2 && x < 6;
                double zc = (z + 0.5) * dx;
                f[x + nx * z] = zc * zc;
            }
        }
        Grid g2 = grid(nx, 1, nz, dx, open);
        int checked = 0;
        for (int i : g2.openIdx) {
            if (g2.zOf(i) < nz - 1) {
                assertEquals(2.0, g2.lap(f, i), 1e-10, "2D cell x = " + g2.xOf(i) + ", z = " + g2.zOf(i));
                checked++;
            }
        }
        assertEquals(4 * (nz - 1), checked);
        int n3 = 5;
        boolean[] open3 = new boolean[n3 * n3 * n3];
        double[] f3 = new double[open3.length];
        for (int z = 0; z < n3; z++) {
            for (int y = 0; y < n3; y++) {
                for (int x = 0; x < n3; x++) {
                    int i = x + n3 * (y + n3 * z);
                    open3[i] = x >= 2;
                    double yc = (y + 0.5) * dx;
                    double zc = (z + 0.5) * dx;
                    f3[i] = yc * yc + zc * zc;
                }
            }
        }
        Grid g3 = grid(n3, n3, n3, dx, open3);
        for (int i : g3.openIdx) {
            if (g3.yOf(i) < n3 - 1 && g3.zOf(i) < n3 - 1) {
                assertEquals(4.0, g3.lap(f3, i), 1e-10, "3D cell x = " + g3.xOf(i) + ", y = " + g3.yOf(i) + ", z = " + g3.zOf(i));
            }
        }
        // the implicit operator's diagonal is the sum of the link weights
        for (int i : g2.openIdx) {
            double[] e = new double[f.length];
            e[i] = 1;
            assertEquals(-g2.lapDiagonal(i), g2.lap(e, i), 1e-9);
        }
    }

    /** On random masks (2D and 3D, 35 % solid, steps and corners): Σ g∇²f = Σ f∇²g and Σ∇²f = 0 to round-off. */
    @Test
    void laplacianStaysSymmetricAndConservativeOnAnyMask() {
        Random rnd = new Random(11);
        for (int[] dims : new int[][] {{23, 1, 19}, {9, 8, 7}}) {
            int n = dims[0] * dims[1] * dims[2];
            boolean[] open = new boolean[n];
            double[] f = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                open[i] = rnd.nextDouble() > 0.35;
                f[i] = rnd.nextDouble();
                h[i] = rnd.nextDouble();
            }
            Grid g = grid(dims[0], dims[1], dims[2], 0.1, open);
            double gf = 0;
            double fg = 0;
            double sum = 0;
            double abs = 0;
            for (int i : g.openIdx) {
                double lf = g.lap(f, i);
                gf += h[i] * lf;
                fg += f[i] * g.lap(h, i);
                sum += lf;
                abs += Math.abs(lf);
            }
            assertEquals(gf, fg, 1e-12 * abs, "symmetric");
            assertTrue(Math.abs(sum) < 1e-12 * abs, "sum of the Laplacian " + sum + " of " + abs);
        }
    }

    /**
     * c_ξ of the reaction weight (issue 11 item 5): Σh'(ξ)/(5r) over the discrete equilibrium of a grid-aligned front,
     * r = ℓ/dx. Continuum limit 1 (r = 4: within 2 × 10⁻³), rising with r; at the rule's 4 cells per 10–90 % width
     * (r = 4/(2 ln 9) = 0.9102) 0.9668 ± 0.0005 (an independent gradient-flow solution in numpy, 80 cells, front on a
     * cell centre, a quarter and half a cell off: 0.9668, 0.9674, 0.9681).
     */
    @Test
    void discreteFrontFactorOfThePlanarProfile() {
        double r4 = 4 / (2 * Math.log(9));
        assertEquals(0.9671, PhaseFieldParameters.discreteFrontFactor(r4), 0.0008);
        double c8 = PhaseFieldParameters.discreteFrontFactor(2 * r4);
        double c16 = PhaseFieldParameters.discreteFrontFactor(4 * r4);
        assertEquals(0.9923, c8, 0.0005);
        assertTrue(PhaseFieldParameters.discreteFrontFactor(r4) < c8 && c8 < c16 && c16 < 1, "rises to the continuum value 1");
        assertEquals(1.0, PhaseFieldParameters.discreteFrontFactor(4.0), 2e-3);
    }
}
