package org.porophase.transport;

import java.util.ArrayList;
import java.util.List;

import org.porophase.core.Parallel;

/**
 * One symmetric V-cycle of aggregation multigrid as the preconditioner of the transport CG, on
 * structured levels. It is the scheme of the phase-field engine's ion-conductor solver
 * (org.porophase.phasefield.AggregationMultigrid: 2×2(×2) block aggregates, piecewise-constant
 * prolongation P, Galerkin coarse operators PᵀAP, red–black Gauss–Seidel before (red, black) and after
 * (black, red), coarse correction over-weighted by {@value #COARSE_WEIGHT} after Braess, Computing 55
 * (1995) 379–393; plain aggregation as in Notay, ETNA 37 (2010) 123–146), stored for a binary medium
 * instead of a general one: the finest level is the matrix-free {@link FineGrid} (one byte per voxel),
 * and a coarse level keeps its 7-point Galerkin operator as four float arrays on its own structured
 * grid (a block aggregate of a 7-point operator couples only to its 6 face-neighbour blocks, so every
 * level stays 7-point and red–black-colourable). Coarsest level (≤ {@value #MAX_COARSEST} cells): a
 * dense Cholesky factorisation (exact solve). Memory of all coarse levels ≈ 24 B × (N/8 + N/64 + …)
 * ≈ 3.4 B per fine voxel.
 *
 * <p>Threads: every pass of a level runs over its Z-planes split in contiguous chunks ({@link Parallel});
 * one colour's cells are independent, so the passes are race-free, and sums are added in chunk order.
 */
final class GridMultigrid {
    static final double COARSE_WEIGHT = 1.8;
    static final int MAX_COARSEST = 512;

    private final FineGrid fine;
    private final Parallel par;
    private final List<Level> levels = new ArrayList<>();
    private double[] chol;
    private int[] cholIdx;
    private double[] cholWork;

    /** A coarse level: forward couplings ax/ay/az (to X+1, Y+1, Z+1), diagonal dg (0: no cell), vectors. */
    static final class Level {
        final int nx;
        final int ny;
        final int nz;
        final int plane;
        final float[] ax;
        final float[] ay;
        final float[] az;
        final float[] dg;
        final float[] x;
        final float[] b;

        Level(int nx, int ny, int nz) {
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            this.plane = nx * ny;
            int n = plane * nz;
            ax = new float[n];
            ay = new float[n];
            az = new float[n];
            dg = new float[n];
            x = new float[n];
            b = new float[n];
        }

        int size() {
            return plane * nz;
        }

        double neighbours(float[] v, int i, int xx, int yy, int z) {
            double s = 0;
            if (xx > 0) s += ax[i - 1] * v[i - 1];
            if (xx < nx - 1) s += ax[i] * v[i + 1];
            if (yy > 0) s += ay[i - nx] * v[i - nx];
            if (yy < ny - 1) s += ay[i] * v[i + nx];
            if (z > 0) s += az[i - plane] * v[i - plane];
            if (z < nz - 1) s += az[i] * v[i + plane];
            return s;
        }

        void sweep(int colour, boolean fromZero, int z0, int z1) {
            for (int z = z0; z < z1; z++) {
                for (int yy = 0; yy < ny; yy++) {
                    int row = z * plane + yy * nx;
                    for (int xx = (colour + yy + z) & 1; xx < nx; xx += 2) {
                        int i = row + xx;
                        float d = dg[i];
                        if (d > 0) {
                            x[i] = (float) ((fromZero ? b[i] : b[i] + neighbours(x, i, xx, yy, z)) / d);
                        }
                    }
                }
            }
        }
    }

    /** Memory of the hierarchy for a fine grid (bytes): 6 floats per cell of every coarse level. */
    static long bytes(int nx, int ny, int nz) {
        long total = 0;
        int x = nx;
        int y = ny;
        int z = nz;
        while ((long) x * y * z > MAX_COARSEST || total == 0) {
            x = (x + 1) / 2;
            y = (y + 1) / 2;
            z = (z + 1) / 2;
            total += 24L * x * y * z;
            if (x == 1 && y == 1 && z == 1) {
                break;
            }
        }
        return total + 8L * MAX_COARSEST * MAX_COARSEST;
    }

    GridMultigrid(FineGrid fine, Parallel par) {
        this.fine = fine;
        this.par = par;
        Level l = coarsenFine();
        levels.add(l);
        while (l.size() > MAX_COARSEST) {
            l = coarsen(l);
            levels.add(l);
        }
        factorCoarsest();
    }

    int levels() {
        return levels.size() + 1;
    }

    private long work(int cells) {
        return 8L * cells;
    }

    private Level coarsenFine() {
        final FineGrid f = fine;
        Level c = new Level((f.nx + 1) / 2, (f.ny + 1) / 2, (f.nz + 1) / 2);
        final byte[] m = f.mask;
        par.forRange(c.nz, work(f.n), (c0, c1) -> {
            for (int zc = c0; zc < c1; zc++) {
                for (int z = 2 * zc; z < Math.min(f.nz, 2 * zc + 2); z++) {
                    for (int y = 0; y < f.ny; y++) {
                        for (int x = 0; x < f.nx; x++) {
                            int i = x + f.nx * (y + f.ny * z);
                            if (m[i] == 0) {
                                continue;
                            }
                            int ic = x / 2 + c.nx * (y / 2 + c.ny * zc);
                            // diagonal: Dirichlet term + couplings leaving the block
                            double d = z == 0 || z == f.nz - 1 ? 2 * f.cz : 0;
                            if (x > 0 && (x & 1) == 0 && m[i - 1] != 0) d += f.cx;
                            if (x < f.nx - 1 && (x & 1) == 1 && m[i + 1] != 0) { d += f.cx; c.ax[ic] += (float) f.cx; }
                            if (y > 0 && (y & 1) == 0 && m[i - f.nx] != 0) d += f.cy;
                            if (y < f.ny - 1 && (y & 1) == 1 && m[i + f.nx] != 0) { d += f.cy; c.ay[ic] += (float) f.cy; }
                            if (z > 0 && (z & 1) == 0 && m[i - f.plane] != 0) d += f.cz;
                            if (z < f.nz - 1 && (z & 1) == 1 && m[i + f.plane] != 0) { d += f.cz; c.az[ic] += (float) f.cz; }
                            c.dg[ic] += (float) d;
                        }
                    }
                }
            }
        });
        return c;
    }

    private Level coarsen(Level f) {
        Level c = new Level((f.nx + 1) / 2, (f.ny + 1) / 2, (f.nz + 1) / 2);
        par.forRange(c.nz, work(f.size()), (c0, c1) -> {
            for (int zc = c0; zc < c1; zc++) {
                for (int z = 2 * zc; z < Math.min(f.nz, 2 * zc + 2); z++) {
                    for (int y = 0; y < f.ny; y++) {
                        for (int x = 0; x < f.nx; x++) {
                            int i = x + f.nx * (y + f.ny * z);
                            if (f.dg[i] <= 0) {
                                continue;
                            }
                            int ic = x / 2 + c.nx * (y / 2 + c.ny * zc);
                            // Galerkin diagonal: Σ members' diagonals − both directions of every internal coupling
                            double d = f.dg[i];
                            if (x < f.nx - 1) {
                                if ((x & 1) == 0) d -= f.ax[i]; else c.ax[ic] += f.ax[i];
                            }
                            if (x > 0 && (x & 1) == 1) d -= f.ax[i - 1];
                            if (y < f.ny - 1) {
                                if ((y & 1) == 0) d -= f.ay[i]; else c.ay[ic] += f.ay[i];
                            }
                            if (y > 0 && (y & 1) == 1) d -= f.ay[i - f.nx];
                            if (z < f.nz - 1) {
                                if ((z & 1) == 0) d -= f.az[i]; else c.az[ic] += f.az[i];
                            }
                            if (z > 0 && (z & 1) == 1) d -= f.az[i - f.plane];
                            c.dg[ic] += (float) d;
                        }
                    }
                }
            }
        });
        return c;
    }

    /** Dense Cholesky of the coarsest operator on its cells with dg &gt; 0. */
    private void factorCoarsest() {
        Level c = levels.get(levels.size() - 1);
        int n = c.size();
        int[] idx = new int[n];
        int[] pos = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            pos[i] = -1;
            if (c.dg[i] > 0) {
                pos[i] = m;
                idx[m++] = i;
            }
        }
        double[] a = new double[m * m];
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            a[k * m + k] = c.dg[i];
            int xx = i % c.nx;
            int yy = (i / c.nx) % c.ny;
            int z = i / c.plane;
            if (xx < c.nx - 1 && pos[i + 1] >= 0) { a[k * m + pos[i + 1]] = -c.ax[i]; a[pos[i + 1] * m + k] = -c.ax[i]; }
            if (yy < c.ny - 1 && pos[i + c.nx] >= 0) { a[k * m + pos[i + c.nx]] = -c.ay[i]; a[pos[i + c.nx] * m + k] = -c.ay[i]; }
            if (z < c.nz - 1 && pos[i + c.plane] >= 0) { a[k * m + pos[i + c.plane]] = -c.az[i]; a[pos[i + c.plane] * m + k] = -c.az[i]; }
        }
        for (int j = 0; j < m; j++) {
            double s = a[j * m + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * m + k] * a[j * m + k];
            }
            if (!(s > 0)) {
                throw new IllegalStateException("transport: coarsest operator not positive definite (pivot " + j + " = " + s + ")");
            }
            double ljj = Math.sqrt(s);
            a[j * m + j] = ljj;
            for (int i = j + 1; i < m; i++) {
                double t = a[i * m + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * m + k] * a[j * m + k];
                }
                a[i * m + j] = t / ljj;
            }
        }
        chol = a;
        cholIdx = java.util.Arrays.copyOf(idx, m);
        cholWork = new double[m];
    }

    private void solveCoarsest() {
        Level c = levels.get(levels.size() - 1);
        int m = cholIdx.length;
        double[] y = cholWork;
        double[] a = chol;
        for (int i = 0; i < m; i++) {
            double s = c.b[cholIdx[i]];
            for (int k = 0; k < i; k++) {
                s -= a[i * m + k] * y[k];
            }
            y[i] = s / a[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < m; k++) {
                s -= a[k * m + i] * y[k];
            }
            y[i] = s / a[i * m + i];
        }
        for (int i = 0; i < m; i++) {
            c.x[cholIdx[i]] = (float) y[i];
        }
    }

    /** z = M⁻¹ r (one V-cycle from zero on the fine grid); returns r·z. */
    double apply(float[] r, float[] z) {
        final FineGrid f = fine;
        long w = work(f.n);
        par.forRange(f.nz, w, (z0, z1) -> f.sweep(z, r, 0, true, z0, z1));
        par.forRange(f.nz, w, (z0, z1) -> f.sweep(z, r, 1, false, z0, z1));
        // restriction of the residual r − A z by blocks
        Level c = levels.get(0);
        par.forRange(c.nz, w, (c0, c1) -> {
            java.util.Arrays.fill(c.b, c0 * c.plane, c1 * c.plane, 0f);
            for (int zz = 2 * c0; zz < Math.min(f.nz, 2 * c1); zz++) {
                f.restrictPlane(z, r, c.b, c.nx, c.ny, zz);
            }
        });
        cycle(0);
        // correction, then post-smoothing (black, red) with r·z
        final float wgt = (float) COARSE_WEIGHT;
        par.forRange(f.nz, w, (z0, z1) -> {
            for (int zz = z0; zz < z1; zz++) {
                for (int y = 0; y < f.ny; y++) {
                    int row = zz * f.plane + y * f.nx;
                    int crow = c.nx * (y / 2 + c.ny * (zz / 2));
                    for (int x = 0; x < f.nx; x++) {
                        int i = row + x;
                        if (f.mask[i] != 0) {
                            z[i] += wgt * c.x[crow + x / 2];
                        }
                    }
                }
            }
        });
        par.forRange(f.nz, w, (z0, z1) -> f.sweep(z, r, 1, false, z0, z1));
        return par.sum(f.nz, w, (z0, z1) -> {
            f.sweep(z, r, 0, false, z0, z1);
            return f.dot(r, z, z0, z1);
        });
    }

    /** One V-cycle on coarse level l (b given, x from zero). */
    private void cycle(int l) {
        Level c = levels.get(l);
        if (l == levels.size() - 1) {
            solveCoarsest();
            return;
        }
        long w = work(c.size());
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(0, true, z0, z1));
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(1, false, z0, z1));
        Level n = levels.get(l + 1);
        par.forRange(n.nz, w, (c0, c1) -> {
            java.util.Arrays.fill(n.b, c0 * n.plane, c1 * n.plane, 0f);
            for (int zc = c0; zc < c1; zc++) {
                for (int zz = 2 * zc; zz < Math.min(c.nz, 2 * zc + 2); zz++) {
                    for (int y = 0; y < c.ny; y++) {
                        int row = zz * c.plane + y * c.nx;
                        int crow = n.nx * (y / 2 + n.ny * zc);
                        for (int x = 0; x < c.nx; x++) {
                            int i = row + x;
                            if (c.dg[i] > 0) {
                                double res = c.b[i] - c.dg[i] * c.x[i] + c.neighbours(c.x, i, x, y, zz);
                                n.b[crow + x / 2] += (float) res;
                            }
                        }
                    }
                }
            }
        });
        cycle(l + 1);
        final float wgt = (float) COARSE_WEIGHT;
        par.forRange(c.nz, w, (z0, z1) -> {
            for (int zz = z0; zz < z1; zz++) {
                for (int y = 0; y < c.ny; y++) {
                    int row = zz * c.plane + y * c.nx;
                    int crow = n.nx * (y / 2 + n.ny * (zz / 2));
                    for (int x = 0; x < c.nx; x++) {
                        int i = row + x;
                        if (c.dg[i] > 0) {
                            c.x[i] += wgt * n.x[crow + x / 2];
                        }
                    }
                }
            }
        });
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(1, false, z0, z1));
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(0, false, z0, z1));
    }
}
