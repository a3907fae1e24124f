package org.porophase.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.porophase.core.Parallel;

/**
 * One symmetric V-cycle of aggregation multigrid as the preconditioner of the transport CG, on
 * structured levels. It is the scheme of the phase-field engine's ion-conductor solver
 * (org.porophase.phasefield.AggregationMultigrid: 2×2(×2) block aggregates, piecewise-constant
 * prolongation P, Galerkin coarse operators PᵀAP, red–black Gauss–Seidel before (red, black) and after
 * (black, red), coarse correction over-weighted by {@value #COARSE_WEIGHT} after Braess, Computing 55
 * (1995) 379–393; plain aggregation as in Notay, ETNA 37 (2010) 123–146), stored for a binary medium
 * instead of a general one: the finest level is the matrix-free {@link FineGrid} (one byte per voxel).
 * A block aggregate of a 7-point operator couples only to its 6 face-neighbour blocks (with periodic
 * sides: the wrapped ones), so every level stays 7-point on its own structured grid, periodic where
 * the fine grid is (a block column of odd extent wraps onto block 0).
 *
 * <p>Storage of a coarse level: only the three forward couplings (to X+1, Y+1, Z+1, wrapped when
 * periodic) and the Dirichlet terms of its first and last plane; the diagonal is not stored, because
 * the Galerkin operator of a graph Laplacian under piecewise-constant aggregation is again a graph
 * Laplacian: diagonal = Σ of the 6 couplings + the Dirichlet term (internal couplings cancel). On the
 * first coarse level the couplings are c_a × (the number of fine face pairs across the block face, 0–4)
 * and are kept as one byte each. Bytes per coarse cell: 3 + 8 (x, b) on level 1, 12 + 8 deeper, i.e.
 * ≈ 11/8 + 20/64·8/7 ≈ 1.7 B per fine voxel. Coarsest level (≤ {@value #MAX_COARSEST} cells): a dense
 * Cholesky factorisation (exact solve).
 *
 * <p>Threads: every pass of a level runs over its Z-planes split in contiguous chunks ({@link Parallel});
 * one colour's cells are independent across planes (a same-colour wrap pair lies in one plane), so the
 * passes are race-free, and sums are added in chunk order.
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
    private double lastResidual2;

    /** A coarse level: forward couplings (bytes × scale on level 1, floats deeper), Dirichlet planes, vectors. */
    static final class Level extends WrappedBox {
        final byte[] kx;
        final byte[] ky;
        final byte[] kz;
        final float sx;
        final float sy;
        final float sz;
        final float[] fx;
        final float[] fy;
        final float[] fz;
        /** Dirichlet diagonal terms of plane 0 and of plane nz − 1. */
        final float[] dir0;
        final float[] dir1;
        final float[] x;
        final float[] b;

        Level(int nx, int ny, int nz, boolean periodic, double[] byteScale) {
            super(nx, ny, nz, periodic);
            int n = plane * nz;
            if (byteScale != null) {
                kx = new byte[n];
                ky = new byte[n];
                kz = new byte[n];
                sx = (float) byteScale[0];
                sy = (float) byteScale[1];
                sz = (float) byteScale[2];
                fx = fy = fz = null;
            } else {
                kx = ky = kz = null;
                sx = sy = sz = 0;
                fx = new float[n];
                fy = new float[n];
                fz = new float[n];
            }
            dir0 = new float[plane];
            dir1 = new float[plane];
            x = new float[n];
            b = new float[n];
        }

        int size() {
            return plane * nz;
        }

        float ax(int i) {
            return kx != null ? sx * kx[i] : fx[i];
        }

        float ay(int i) {
            return ky != null ? sy * ky[i] : fy[i];
        }

        float az(int i) {
            return kz != null ? sz * kz[i] : fz[i];
        }

        /** Diagonal of cell i = (xx, yy, z): Σ of its couplings + the Dirichlet term; 0 for a cell without fine cells. */
        double diag(int i, int xx, int yy, int z) {
            int k = i - z * plane;
            double d = (z == 0 ? dir0[k] : 0) + (z == nz - 1 ? dir1[k] : 0);
            int j;
            if ((j = xm(i, xx)) >= 0) d += ax(j);
            if (xp(i, xx) >= 0) d += ax(i);
            if ((j = ym(i, yy)) >= 0) d += ay(j);
            if (yp(i, yy) >= 0) d += ay(i);
            if (z > 0) d += az(i - plane);
            if (z < nz - 1) d += az(i);
            return d;
        }

        /**
         * b_i − d_i v_i + Σ a_ij v_j at cell i, or NaN for a cell without fine cells (d = 0); with {@code solve}
         * instead (b_i + Σ a_ij v_j)/d_i (or (b_i)/d_i when {@code fromZero}). One pass over the six couplings.
         */
        double relax(float[] v, int i, int xx, int yy, int z, boolean solve, boolean fromZero) {
            int k = i - z * plane;
            double d = (z == 0 ? dir0[k] : 0) + (z == nz - 1 ? dir1[k] : 0);
            double s = 0;
            int j;
            float a;
            if ((j = xm(i, xx)) >= 0) { a = ax(j); d += a; s += a * v[j]; }
            if ((j = xp(i, xx)) >= 0) { a = ax(i); d += a; s += a * v[j]; }
            if ((j = ym(i, yy)) >= 0) { a = ay(j); d += a; s += a * v[j]; }
            if ((j = yp(i, yy)) >= 0) { a = ay(i); d += a; s += a * v[j]; }
            if (z > 0) { a = az(i - plane); d += a; s += a * v[i - plane]; }
            if (z < nz - 1) { a = az(i); d += a; s += a * v[i + plane]; }
            if (!(d > 0)) {
                return Double.NaN;
            }
            return solve ? (fromZero ? b[i] : b[i] + s) / d : b[i] - d * v[i] + s;
        }

        /** Gauss–Seidel on one colour of planes [z0, z1) (see {@link FineGrid#sweep} for fromZero and descending). */
        void sweep(int colour, boolean fromZero, boolean descending, int z0, int z1) {
            for (int zi = z0; zi < z1; zi++) {
                int z = descending ? z1 - 1 - (zi - z0) : zi;
                for (int yi = 0; yi < ny; yi++) {
                    int yy = descending ? ny - 1 - yi : yi;
                    int row = z * plane + yy * nx;
                    int first = (colour + yy + z) & 1;
                    if (first > nx - 1) {
                        continue;
                    }
                    int last = first + 2 * ((nx - 1 - first) / 2);
                    for (int k = first; k <= last; k += 2) {
                        int xx = descending ? last - (k - first) : k;
                        int i = row + xx;
                        double v = relax(x, i, xx, yy, z, true, fromZero);
                        if (v == v) {
                            x[i] = (float) v;
                        }
                    }
                }
            }
        }
    }

    /** Memory of the hierarchy for a fine grid (bytes), as allocated. */
    static long bytes(int nx, int ny, int nz) {
        long total = 0;
        int x = nx;
        int y = ny;
        int z = nz;
        boolean first = true;
        while ((long) x * y * z > MAX_COARSEST || first) {
            x = (x + 1) / 2;
            y = (y + 1) / 2;
            z = (z + 1) / 2;
            total += (first ? 11L : 20L) * x * y * z + 8L * x * y;
            first = false;
            if (x == 1 && y == 1 && z == 1) {
                break;
            }
        }
        long m = Math.min((long) x * y * z, MAX_COARSEST);
        return total + 8L * m * m + 24L * m;
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

    private static boolean periodic(FineGrid f) {
        return f.px || f.py;
    }

    /** Level 1: the number of fine face pairs across each block face (× c_a) and the Dirichlet terms. */
    private Level coarsenFine() {
        final FineGrid f = fine;
        Level c = new Level((f.nx + 1) / 2, (f.ny + 1) / 2, (f.nz + 1) / 2, periodic(f), new double[] {f.cx, f.cy, f.cz});
        final byte[] m = f.mask;
        par.forRange(c.nz, work(f.n), (c0, c1) -> {
            for (int zc = c0; zc < c1; zc++) {
                for (int z = 2 * zc; z < Math.min(f.nz, 2 * zc + 2); z++) {
                    for (int y = 0; y < f.ny; y++) {
                        for (int x = 0; x < f.nx; x++) {
                            int i = x + f.nx * (y + f.ny * z);
                            int code = m[i];
                            if (code == 0) {
                                continue;
                            }
                            int ic = x / 2 + c.nx * (y / 2 + c.ny * zc);
                            if ((code & 2) != 0 && (x < f.nx - 1 ? x + 1 : 0) / 2 != x / 2) c.kx[ic]++;
                            if ((code & 8) != 0 && (y < f.ny - 1 ? y + 1 : 0) / 2 != y / 2) c.ky[ic]++;
                            if ((code & 32) != 0 && (z & 1) == 1) c.kz[ic]++;
                            if (z == 0) c.dir0[ic - zc * c.plane] += (float) (2 * f.cz);
                            if (z == f.nz - 1) c.dir1[ic - zc * c.plane] += (float) (2 * f.cz);
                        }
                    }
                }
            }
        });
        return c;
    }

    /** The Galerkin operator of the next level: the couplings that leave a block, summed per block face. */
    private Level coarsen(Level f) {
        Level c = new Level((f.nx + 1) / 2, (f.ny + 1) / 2, (f.nz + 1) / 2, f.px || f.py, null);
        par.forRange(c.nz, work(f.size()), (c0, c1) -> {
            for (int zc = c0; zc < c1; zc++) {
                for (int z = 2 * zc; z < Math.min(f.nz, 2 * zc + 2); z++) {
                    for (int y = 0; y < f.ny; y++) {
                        for (int x = 0; x < f.nx; x++) {
                            int i = x + f.nx * (y + f.ny * z);
                            int ic = x / 2 + c.nx * (y / 2 + c.ny * zc);
                            if (f.xp(i, x) >= 0 && (x < f.nx - 1 ? x + 1 : 0) / 2 != x / 2) c.fx[ic] += f.ax(i);
                            if (f.yp(i, y) >= 0 && (y < f.ny - 1 ? y + 1 : 0) / 2 != y / 2) c.fy[ic] += f.ay(i);
                            if (z < f.nz - 1 && (z & 1) == 1) c.fz[ic] += f.az(i);
                            if (z == 0) c.dir0[ic - zc * c.plane] += f.dir0[i - z * f.plane];
                            if (z == f.nz - 1) c.dir1[ic - zc * c.plane] += f.dir1[i - z * f.plane];
                        }
                    }
                }
            }
        });
        return c;
    }

    /** Dense Cholesky of the coarsest operator on its cells with a positive diagonal. */
    private void factorCoarsest() {
        Level c = levels.get(levels.size() - 1);
        int n = c.size();
        int[] idx = new int[n];
        int[] pos = new int[n];
        double[] dg = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int xx = i % c.nx;
            int yy = (i / c.nx) % c.ny;
            int z = i / c.plane;
            dg[i] = c.diag(i, xx, yy, z);
            pos[i] = -1;
            if (dg[i] > 0) {
                pos[i] = m;
                idx[m++] = i;
            }
        }
        double[] a = new double[m * m];
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            a[k * m + k] += dg[i];
            int xx = i % c.nx;
            int yy = (i / c.nx) % c.ny;
            int z = i / c.plane;
            int j;
            // forward couplings only (each pair once per coupling; a pair coupled directly and across a wrap gets both)
            if ((j = c.xp(i, xx)) >= 0 && pos[j] >= 0) couple(a, m, k, pos[j], c.ax(i));
            if ((j = c.yp(i, yy)) >= 0 && pos[j] >= 0) couple(a, m, k, pos[j], c.ay(i));
            if (z < c.nz - 1 && pos[i + c.plane] >= 0) couple(a, m, k, pos[i + c.plane], c.az(i));
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
        cholIdx = Arrays.copyOf(idx, m);
        cholWork = new double[m];
    }

    private static void couple(double[] a, int m, int k, int l, double v) {
        if (k == l) {
            return; // a cell's coupling to itself (never on a grid wrapped only where it has more than one cell)
        }
        a[k * m + l] -= v;
        a[l * m + k] -= v;
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

    /** Σ r² of the residual r = b − A u seen by the last {@link #apply} (the true residual of u). */
    double lastResidual2() {
        return lastResidual2;
    }

    /** w = M⁻¹ r with r = b − A u (one V-cycle from zero on the fine grid); returns r·w. */
    double apply(float[] u, float[] w) {
        final FineGrid f = fine;
        long wk = work(f.n);
        final boolean wc = f.wrapColour;
        if (wc) {
            par.forRange(f.nz, wk, (z0, z1) -> Arrays.fill(w, z0 * f.plane, z1 * f.plane, 0f));
        }
        // pre-smoothing; the two passes see every cell's r once: Σ r² (the true residual of u)
        double rrRed = par.sum(f.nz, wk, (z0, z1) -> f.sweep(w, u, 0, !wc, false, true, z0, z1));
        double rrBlack = par.sum(f.nz, wk, (z0, z1) -> f.sweep(w, u, 1, false, false, true, z0, z1));
        lastResidual2 = rrRed + rrBlack;
        // restriction of the residual r − A w by blocks: after the black pass it vanishes on the black cells
        // (their neighbours are all red), so only the red cells are restricted — unless a wrap joins one colour
        Level c = levels.get(0);
        final int restricted = wc ? -1 : 0;
        par.forRange(c.nz, wk, (c0, c1) -> {
            Arrays.fill(c.b, c0 * c.plane, c1 * c.plane, 0f);
            for (int zz = 2 * c0; zz < Math.min(f.nz, 2 * c1); zz++) {
                f.restrictPlane(w, u, c.b, c.nx, c.ny, zz, restricted);
            }
        });
        cycle(0);
        // correction, then post-smoothing (black, red; reversed order when a wrap joins one colour) with r·w
        final float wgt = (float) COARSE_WEIGHT;
        par.forRange(f.nz, wk, (z0, z1) -> {
            for (int zz = z0; zz < z1; zz++) {
                for (int y = 0; y < f.ny; y++) {
                    int row = zz * f.plane + y * f.nx;
                    int crow = c.nx * (y / 2 + c.ny * (zz / 2));
                    for (int x = 0; x < f.nx; x++) {
                        int i = row + x;
                        if (f.mask[i] != 0) {
                            w[i] += wgt * c.x[crow + x / 2];
                        }
                    }
                }
            }
        });
        double black = par.sum(f.nz, wk, (z0, z1) -> f.sweep(w, u, 1, false, wc, false, z0, z1));
        double red = par.sum(f.nz, wk, (z0, z1) -> f.sweep(w, u, 0, false, wc, false, z0, z1));
        return black + red;
    }

    /** One V-cycle on coarse level l (b given, x from zero). */
    private void cycle(int l) {
        Level c = levels.get(l);
        if (l == levels.size() - 1) {
            solveCoarsest();
            return;
        }
        long w = work(c.size());
        final boolean wc = c.wrapColour;
        if (wc) {
            Arrays.fill(c.x, 0f);
        }
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(0, !wc, false, z0, z1));
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(1, false, false, z0, z1));
        Level n = levels.get(l + 1);
        par.forRange(n.nz, w, (c0, c1) -> {
            Arrays.fill(n.b, c0 * n.plane, c1 * n.plane, 0f);
            for (int zc = c0; zc < c1; zc++) {
                for (int zz = 2 * zc; zz < Math.min(c.nz, 2 * zc + 2); zz++) {
                    for (int y = 0; y < c.ny; y++) {
                        int row = zz * c.plane + y * c.nx;
                        int crow = n.nx * (y / 2 + n.ny * zc);
                        for (int x = 0; x < c.nx; x++) {
                            int i = row + x;
                            double res = c.relax(c.x, i, x, y, zz, false, false);
                            if (res == res) {
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
                    // every cell (a cell without fine cells has no coupling: its value is never read nor passed on)
                    for (int x = 0; x < c.nx; x++) {
                        c.x[row + x] += wgt * n.x[crow + x / 2];
                    }
                }
            }
        });
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(1, false, wc, z0, z1));
        par.forRange(c.nz, w, (z0, z1) -> c.sweep(0, false, wc, z0, z1));
    }
}
