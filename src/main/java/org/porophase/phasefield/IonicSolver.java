package org.porophase.phasefield;

import org.porophase.core.Parallel;

/**
 * Solver for the variable-coefficient elliptic problems of the ion conductor:
 * (A + diag(s)) x = b, A = −∇·(h∇·) with conservative face coefficients (harmonic means) on a
 * compact list of cells, Dirichlet terms on the counter-electrode face, s ≥ 0 a per-cell shift.
 *
 * <p>Preconditioned CG with an aggregation multigrid V-cycle: aggregates are the 2×2(×2) blocks of the
 * grid, prolongation is piecewise constant, coarse operators are Galerkin products PᵀAP (so the
 * conductivity contrast and the vacuum holes are inherited exactly), Gauss–Seidel smoothing (one
 * forward sweep before, one backward sweep after: a symmetric preconditioner; red–black ordering on
 * the structured level 0, which is matrix-free on the full grid and parallel over z-slabs), coarse
 * correction over-weighted by 1.8 (the usual remedy for unsmoothed aggregation), 10 symmetric
 * Gauss–Seidel sweeps on the coarsest level (≤ 64 unknowns).
 */
final class IonicSolver {
    private final Parallel par;
    /** Level data. */
    private final int levels;
    private final int[][] rowPtr;
    private final int[][] col;
    private final double[][] val;
    private final double[][] baseDiag;
    private final double[][] diag;
    /** Aggregate of each fine unknown (level l → l+1). */
    private final int[][] agg;
    private final int[] size;
    private final double[][] xs;
    private final double[][] bs;
    private final double[][] rs;
    // PCG work
    private final double[] r;
    private final double[] z;
    private final double[] p;
    private final double[] q;
    int lastIterations;
    double lastResidual;
    private static final double OMEGA = 0.67;
    private static final double COARSE_WEIGHT = 1.8;
    private static final int SWEEPS = 1;

    /**
     * @param rowPtr CSR of the level-0 operator without shift (diagonal included)
     * @param cx cell coordinates of the compact unknowns
     */
    IonicSolver(Parallel par, int[] rowPtr0, int[] col0, double[] val0, int[] cx, int[] cy, int[] cz) {
        this.par = par;
        java.util.List<int[]> rp = new java.util.ArrayList<>();
        java.util.List<int[]> cl = new java.util.ArrayList<>();
        java.util.List<double[]> vl = new java.util.ArrayList<>();
        java.util.List<int[]> ag = new java.util.ArrayList<>();
        rp.add(rowPtr0);
        cl.add(col0);
        vl.add(val0);
        int[] x = cx;
        int[] y = cy;
        int[] zc = cz;
        int n = cx.length;
        while (n > 64 && rp.size() < 30) {
            // aggregates: blocks of 2 in each dimension
            int mxc = 0;
            int myc = 0;
            int mzc = 0;
            for (int i = 0; i < n; i++) {
                mxc = Math.max(mxc, x[i] / 2);
                myc = Math.max(myc, y[i] / 2);
                mzc = Math.max(mzc, zc[i] / 2);
            }
            mxc++;
            myc++;
            mzc++;
            long cells = (long) mxc * myc * mzc;
            java.util.HashMap<Long, Integer> mapBig = null;
            int[] map = null;
            if (cells <= 50_000_000L) {
                map = new int[(int) cells];
                java.util.Arrays.fill(map, -1);
            } else {
                mapBig = new java.util.HashMap<>();
            }
            int[] a = new int[n];
            int nc = 0;
            int[] nx2 = new int[n];
            int[] ny2 = new int[n];
            int[] nz2 = new int[n];
            for (int i = 0; i < n; i++) {
                long key = (x[i] / 2) + (long) mxc * ((y[i] / 2) + (long) myc * (zc[i] / 2));
                int id;
                if (map != null) {
                    id = map[(int) key];
                    if (id < 0) {
                        id = nc++;
                        map[(int) key] = id;
                        nx2[id] = x[i] / 2;
                        ny2[id] = y[i] / 2;
                        nz2[id] = zc[i] / 2;
                    }
                } else {
                    Integer v = mapBig.get(key);
                    if (v == null) {
                        id = nc++;
                        mapBig.put(key, id);
                        nx2[id] = x[i] / 2;
                        ny2[id] = y[i] / 2;
                        nz2[id] = zc[i] / 2;
                    } else {
                        id = v;
                    }
                }
                a[i] = id;
            }
            if (nc >= n) {
                break;
            }
            // Galerkin coarse operator: rows built with a scatter array
            int[] prev = rp.get(rp.size() - 1);
            int[] pc = cl.get(cl.size() - 1);
            double[] pv = vl.get(vl.size() - 1);
            // fine rows grouped by aggregate
            int[] cnt = new int[nc + 1];
            for (int i = 0; i < n; i++) {
                cnt[a[i] + 1]++;
            }
            for (int k = 0; k < nc; k++) {
                cnt[k + 1] += cnt[k];
            }
            int[] members = new int[n];
            int[] fill = cnt.clone();
            for (int i = 0; i < n; i++) {
                members[fill[a[i]]++] = i;
            }
            int[] marker = new int[nc];
            java.util.Arrays.fill(marker, -1);
            double[] acc = new double[nc];
            int[] list = new int[nc];
            int[] crp = new int[nc + 1];
            int[] ccol = new int[Math.max(16, 27 * nc)];
            double[] cval = new double[ccol.length];
            int nnz = 0;
            for (int I = 0; I < nc; I++) {
                int nl = 0;
                for (int mm = cnt[I]; mm < cnt[I + 1]; mm++) {
                    int i = members[mm];
                    for (int k = prev[i]; k < prev[i + 1]; k++) {
                        int J = a[pc[k]];
                        if (marker[J] != I) {
                            marker[J] = I;
                            acc[J] = 0;
                            list[nl++] = J;
                        }
                        acc[J] += pv[k];
                    }
                }
                if (nnz + nl > ccol.length) {
                    ccol = java.util.Arrays.copyOf(ccol, Math.max(ccol.length * 2, nnz + nl));
                    cval = java.util.Arrays.copyOf(cval, ccol.length);
                }
                for (int t = 0; t < nl; t++) {
                    ccol[nnz] = list[t];
                    cval[nnz] = acc[list[t]];
                    nnz++;
                }
                crp[I + 1] = nnz;
            }
            ag.add(a);
            rp.add(crp);
            cl.add(java.util.Arrays.copyOf(ccol, nnz));
            vl.add(java.util.Arrays.copyOf(cval, nnz));
            x = java.util.Arrays.copyOf(nx2, nc);
            y = java.util.Arrays.copyOf(ny2, nc);
            zc = java.util.Arrays.copyOf(nz2, nc);
            n = nc;
        }
        levels = rp.size();
        rowPtr = rp.toArray(new int[0][]);
        col = cl.toArray(new int[0][]);
        val = vl.toArray(new double[0][]);
        agg = ag.toArray(new int[0][]);
        size = new int[levels];
        baseDiag = new double[levels][];
        diag = new double[levels][];
        xs = new double[levels][];
        bs = new double[levels][];
        rs = new double[levels][];
        for (int l = 0; l < levels; l++) {
            int m = rowPtr[l].length - 1;
            size[l] = m;
            baseDiag[l] = new double[m];
            for (int i = 0; i < m; i++) {
                for (int k = rowPtr[l][i]; k < rowPtr[l][i + 1]; k++) {
                    if (col[l][k] == i) {
                        baseDiag[l][i] += val[l][k];
                    }
                }
            }
            diag[l] = baseDiag[l].clone();
            xs[l] = new double[m];
            bs[l] = new double[m];
            rs[l] = new double[m];
        }
        int m0 = size[0];
        r = new double[m0];
        z = new double[m0];
        p = new double[m0];
        q = new double[m0];
        shift = new double[levels][];
        offPtr = new int[levels][];
        offCol = new int[levels][];
        offVal = new double[levels][];
        for (int l = 0; l < levels; l++) {
            shift[l] = new double[size[l]];
            int m = size[l];
            int[] op = new int[m + 1];
            int cnt = 0;
            for (int i = 0; i < m; i++) {
                for (int k = rowPtr[l][i]; k < rowPtr[l][i + 1]; k++) {
                    if (col[l][k] != i) {
                        cnt++;
                    }
                }
                op[i + 1] = cnt;
            }
            int[] oc = new int[cnt];
            double[] ov = new double[cnt];
            cnt = 0;
            for (int i = 0; i < m; i++) {
                for (int k = rowPtr[l][i]; k < rowPtr[l][i + 1]; k++) {
                    if (col[l][k] != i) {
                        oc[cnt] = col[l][k];
                        ov[cnt++] = val[l][k];
                    }
                }
            }
            offPtr[l] = op;
            offCol[l] = oc;
            offVal[l] = ov;
        }
    }

    private final double[][] shift;
    /** Off-diagonal CSR per level (for Gauss–Seidel and the matvec). */
    private int[][] offPtr;
    private int[][] offCol;
    private double[][] offVal;

    int size() {
        return size[0];
    }

    int levels() {
        return levels;
    }

    /** Sets the diagonal shift s (level-0 compact indexing; null = none). */
    void setShift(double[] s) {
        for (int l = 0; l < levels; l++) {
            java.util.Arrays.fill(shift[l], 0);
        }
        if (s != null) {
            System.arraycopy(s, 0, shift[0], 0, size[0]);
            for (int l = 0; l + 1 < levels; l++) {
                int[] a = agg[l];
                for (int i = 0; i < size[l]; i++) {
                    shift[l + 1][a[i]] += shift[l][i];
                }
            }
        }
        for (int l = 0; l < levels; l++) {
            for (int i = 0; i < size[l]; i++) {
                diag[l][i] = baseDiag[l][i] + shift[l][i];
            }
        }
        if (structured) {
            for (int q = 0; q < c2f.length; q++) {
                sdiag[c2f[q]] = diag[0][q];
            }
        }
    }

    /** y = (A_l + S_l) x. */
    private void matvec(int l, double[] x, double[] y) {
        final int[] rp = offPtr[l];
        final int[] c = offCol[l];
        final double[] v = offVal[l];
        final double[] d = diag[l];
        int m = size[l];
        par.forRange(m, l == 0 ? m : 0, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double s = d[i] * x[i];
                for (int k = rp[i], e = rp[i + 1]; k < e; k++) {
                    s += v[k] * x[c[k]];
                }
                y[i] = s;
            }
        });
    }

    private void smooth(int l, double[] x, double[] b, double[] tmp, int sweeps) {
        int m = size[l];
        double[] d = diag[l];
        for (int s = 0; s < sweeps; s++) {
            matvec(l, x, tmp);
            for (int i = 0; i < m; i++) {
                x[i] += OMEGA * (b[i] - tmp[i]) / d[i];
            }
        }
    }

    /** Gauss–Seidel sweeps, forward or backward. */
    private void gaussSeidel(int l, double[] x, double[] b, boolean forward, int sweeps) {
        final int[] rp = offPtr[l];
        final int[] c = offCol[l];
        final double[] v = offVal[l];
        final double[] d = diag[l];
        int m = size[l];
        for (int s = 0; s < sweeps; s++) {
            if (forward) {
                for (int i = 0; i < m; i++) {
                    double acc = b[i];
                    for (int k = rp[i], e = rp[i + 1]; k < e; k++) {
                        acc -= v[k] * x[c[k]];
                    }
                    x[i] = acc / d[i];
                }
            } else {
                for (int i = m - 1; i >= 0; i--) {
                    double acc = b[i];
                    for (int k = rp[i], e = rp[i + 1]; k < e; k++) {
                        acc -= v[k] * x[c[k]];
                    }
                    x[i] = acc / d[i];
                }
            }
        }
    }

    /** z = M⁻¹ r, one V-cycle from zero. */
    private void vcycle(int l, double[] b, double[] x) {
        int m = size[l];
        java.util.Arrays.fill(x, 0, m, 0);
        double[] tmp = rs[l];
        if (l == levels - 1) {
            for (int k = 0; k < 10; k++) {
                gaussSeidel(l, x, b, true, 1);
                gaussSeidel(l, x, b, false, 1);
            }
            return;
        }
        gaussSeidel(l, x, b, true, SWEEPS);
        matvec(l, x, tmp);
        double[] bc = bs[l + 1];
        java.util.Arrays.fill(bc, 0);
        int[] a = agg[l];
        for (int i = 0; i < m; i++) {
            bc[a[i]] += b[i] - tmp[i];
        }
        double[] xc = xs[l + 1];
        vcycle(l + 1, bc, xc);
        for (int i = 0; i < m; i++) {
            x[i] += COARSE_WEIGHT * xc[a[i]];
        }
        gaussSeidel(l, x, b, false, SWEEPS);
    }

    // ------------------------------------------------------------------ structured level 0
    private boolean structured;
    private int gx;
    private int gy;
    private int gz;
    private int gplane;
    private int gn;
    private double[] sxc;
    private double[] syc;
    private double[] szc;
    private double[] sbase;
    private double[] sdiag;
    private boolean[] act;
    private int[] c2f;
    private int[] aggFull;
    private double[] fr;
    private double[] fzv;
    private double[] fp;
    private double[] fq;
    private double[] fx;
    private double[] fbv;

    /**
     * Switches level 0 to a matrix-free structured stencil on the full grid (forward face coefficients
     * to x+1, y+1, z+1 and the Dirichlet term; cells outside the domain are inactive): no column
     * indices to read, ~2× less memory traffic than CSR for the smoother and the matvec.
     */
    void enableStructured(int nx, int ny, int nz, double[] cx, double[] cy, double[] cz, double[] cb, int[] compactToFull) {
        if (levels < 2) {
            return;
        }
        structured = true;
        gx = nx;
        gy = ny;
        gz = nz;
        gplane = nx * ny;
        gn = gplane * nz;
        sxc = cx;
        syc = cy;
        szc = cz;
        c2f = compactToFull;
        act = new boolean[gn];
        sbase = new double[gn];
        for (int i = 0; i < gn; i++) {
            sbase[i] = 1;
        }
        for (int q = 0; q < c2f.length; q++) {
            int i = c2f[q];
            act[i] = true;
            sbase[i] = baseDiag[0][q];
        }
        sdiag = sbase.clone();
        aggFull = new int[gn];
        java.util.Arrays.fill(aggFull, -1);
        for (int q = 0; q < c2f.length; q++) {
            aggFull[c2f[q]] = agg[0][q];
        }
        fr = new double[gn];
        fzv = new double[gn];
        fp = new double[gn];
        fq = new double[gn];
        fx = new double[gn];
        fbv = new double[gn];
        if (cb == null) {
            throw new IllegalArgumentException();
        }
    }

    /**
     * y = (A + S) x, structured, full grid. Inactive cells have zero face coefficients and a unit
     * diagonal, so no mask test is needed (y = x there).
     */
    private void smatvec(double[] x, double[] y) {
        final double[] cx = sxc;
        final double[] cy = syc;
        final double[] cz = szc;
        final double[] d = sdiag;
        final int nx = gx;
        final int pl = gplane;
        par.forRange(gz, gn, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                boolean zLo = z > 0;
                boolean zHi = z < gz - 1;
                for (int yy = 0; yy < gy; yy++) {
                    int base = nx * (yy + gy * z);
                    boolean yLo = yy > 0;
                    boolean yHi = yy < gy - 1;
                    for (int xx = 0; xx < nx; xx++) {
                        int i = base + xx;
                        double s = d[i] * x[i];
                        if (xx > 0) s -= cx[i - 1] * x[i - 1];
                        if (xx < nx - 1) s -= cx[i] * x[i + 1];
                        if (yLo) s -= cy[i - nx] * x[i - nx];
                        if (yHi) s -= cy[i] * x[i + nx];
                        if (zLo) s -= cz[i - pl] * x[i - pl];
                        if (zHi) s -= cz[i] * x[i + pl];
                        y[i] = s;
                    }
                }
            }
        });
    }

    /**
     * One red–black Gauss–Seidel sweep (colour (x+y+z) mod 2): red then black when {@code forward},
     * black then red otherwise, so that pre- and post-smoothing are adjoint (symmetric V-cycle).
     * Cells of one colour are independent: the sweep is parallel over z-slabs.
     */
    private void sgs(double[] x, double[] b, boolean forward) {
        for (int k = 0; k < 2; k++) {
            colourSweep(x, b, forward ? k : 1 - k);
        }
    }

    private void colourSweep(double[] x, double[] b, int colour) {
        final double[] cx = sxc;
        final double[] cy = syc;
        final double[] cz = szc;
        final double[] d = sdiag;
        final int nx = gx;
        final int pl = gplane;
        par.forRange(gz, gn, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                boolean zLo = z > 0;
                boolean zHi = z < gz - 1;
                for (int yy = 0; yy < gy; yy++) {
                    int base = nx * (yy + gy * z);
                    boolean yLo = yy > 0;
                    boolean yHi = yy < gy - 1;
                    for (int xx = (colour + yy + z) & 1; xx < nx; xx += 2) {
                        int i = base + xx;
                        double s = b[i];
                        if (xx > 0) s += cx[i - 1] * x[i - 1];
                        if (xx < nx - 1) s += cx[i] * x[i + 1];
                        if (yLo) s += cy[i - nx] * x[i - nx];
                        if (yHi) s += cy[i] * x[i + nx];
                        if (zLo) s += cz[i - pl] * x[i - pl];
                        if (zHi) s += cz[i] * x[i + pl];
                        x[i] = s / d[i];
                    }
                }
            }
        });
    }

    private void svcycle(double[] b, double[] x) {
        java.util.Arrays.fill(x, 0);
        sgs(x, b, true);
        smatvec(x, fq);
        double[] bc = bs[1];
        java.util.Arrays.fill(bc, 0);
        for (int i = 0; i < gn; i++) {
            int a = aggFull[i];
            if (a >= 0) {
                bc[a] += b[i] - fq[i];
            }
        }
        double[] xc = xs[1];
        vcycle(1, bc, xc);
        for (int i = 0; i < gn; i++) {
            int a = aggFull[i];
            if (a >= 0) {
                x[i] += COARSE_WEIGHT * xc[a];
            }
        }
        sgs(x, b, false);
    }

    private double fdot(double[] a, double[] b) {
        return par.sum(gn, gn, (lo, hi) -> {
            double s = 0;
            for (int i = lo; i < hi; i++) {
                s += a[i] * b[i];
            }
            return s;
        });
    }

    private int solveStructured(double[] b, double[] x, double tol, double absTol, int maxIter) {
        java.util.Arrays.fill(fbv, 0);
        java.util.Arrays.fill(fx, 0);
        for (int q = 0; q < c2f.length; q++) {
            fbv[c2f[q]] = b[q];
            fx[c2f[q]] = x[q];
        }
        smatvec(fx, fq);
        double bb = 0;
        for (int i = 0; i < gn; i++) {
            fr[i] = fbv[i] - fq[i];
            bb += fbv[i] * fbv[i];
        }
        double target = Math.max(tol * Math.sqrt(bb), absTol);
        double rr = fdot(fr, fr);
        int it = 0;
        if (Math.sqrt(rr) > target) {
            svcycle(fr, fzv);
            System.arraycopy(fzv, 0, fp, 0, gn);
            double rz = fdot(fr, fzv);
            while (it < maxIter) {
                smatvec(fp, fq);
                double pq = fdot(fp, fq);
                if (!(pq > 0)) {
                    break;
                }
                final double alpha = rz / pq;
                rr = par.sum(gn, gn, (lo, hi) -> {
                    double acc = 0;
                    for (int i = lo; i < hi; i++) {
                        fx[i] += alpha * fp[i];
                        double ri = fr[i] - alpha * fq[i];
                        fr[i] = ri;
                        acc += ri * ri;
                    }
                    return acc;
                });
                it++;
                if (Math.sqrt(rr) <= target) {
                    break;
                }
                svcycle(fr, fzv);
                double rzn = fdot(fr, fzv);
                final double beta = rzn / rz;
                rz = rzn;
                par.forRange(gn, gn, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        fp[i] = fzv[i] + beta * fp[i];
                    }
                });
            }
        }
        for (int q = 0; q < c2f.length; q++) {
            x[q] = fx[c2f[q]];
        }
        lastIterations = it;
        lastResidual = bb > 0 ? Math.sqrt(rr / bb) : Math.sqrt(rr);
        return it;
    }

    /** Solves (A + S) x = b (compact vectors, x = initial guess) to ‖r‖ ≤ max(tol‖b‖, absTol). */
    int solve(double[] b, double[] x, double tol, double absTol, int maxIter) {
        if (structured) {
            return solveStructured(b, x, tol, absTol, maxIter);
        }
        int m = size[0];
        matvec(0, x, q);
        double bb = 0;
        for (int i = 0; i < m; i++) {
            r[i] = b[i] - q[i];
            bb += b[i] * b[i];
        }
        double target = Math.max(tol * Math.sqrt(bb), absTol);
        double rr = dot(r, r);
        int it = 0;
        if (Math.sqrt(rr) <= target) {
            lastIterations = 0;
            lastResidual = bb > 0 ? Math.sqrt(rr / bb) : Math.sqrt(rr);
            return 0;
        }
        vcycle(0, r, z);
        System.arraycopy(z, 0, p, 0, m);
        double rz = dot(r, z);
        while (it < maxIter) {
            matvec(0, p, q);
            double pq = dot(p, q);
            if (!(pq > 0)) {
                break;
            }
            double alpha = rz / pq;
            for (int i = 0; i < m; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            it++;
            rr = dot(r, r);
            if (Math.sqrt(rr) <= target) {
                break;
            }
            vcycle(0, r, z);
            double rzn = dot(r, z);
            double beta = rzn / rz;
            rz = rzn;
            for (int i = 0; i < m; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        lastIterations = it;
        lastResidual = bb > 0 ? Math.sqrt(rr / bb) : Math.sqrt(rr);
        return it;
    }

    private double dot(double[] a, double[] b) {
        int m = size[0];
        return par.sum(m, m, (lo, hi) -> {
            double s = 0;
            for (int i = lo; i < hi; i++) {
                s += a[i] * b[i];
            }
            return s;
        });
    }

    /** y = A x on level 0 (compact), without the shift. */
    void applyBase(double[] x, double[] y) {
        final int[] rp = offPtr[0];
        final int[] c = offCol[0];
        final double[] v = offVal[0];
        final double[] d = baseDiag[0];
        int m = size[0];
        par.forRange(m, m, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double s = d[i] * x[i];
                for (int k = rp[i], e = rp[i + 1]; k < e; k++) {
                    s += v[k] * x[c[k]];
                }
                y[i] = s;
            }
        });
    }

    /** y = (A + S) x on level 0 (compact). */
    void apply(double[] x, double[] y) {
        matvec(0, x, y);
    }
}
