package org.porophase.phasefield;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Aggregation multigrid preconditioner: one symmetric cycle from a zero initial guess per
 * application (a W-cycle: two coarse corrections on every coarse level, {@link #W_CYCLE}), for the cell-centred conservative operators of the ion conductor (variable
 * coefficients, holes, Dirichlet faces).
 *
 * <ul>
 * <li><b>Aggregates</b> are the 2×2(×2) blocks of the grid (geometric, by the unknowns' cell
 * coordinates; a block partly outside the domain is a smaller aggregate). Levels are built until at
 * most {@value #MAX_COARSEST} unknowns remain.</li>
 * <li><b>Prolongation</b> P is piecewise constant, <b>coarse operators</b> are Galerkin products PᵀAP
 * (sums of the fine couplings between two aggregates), so the conductivity contrast and the holes
 * of the domain are inherited exactly — unsmoothed (plain) aggregation as in Notay, "An aggregation-based
 * algebraic multigrid method", ETNA 37 (2010), with the usual remedy for its too-weak coarse
 * correction: the correction is over-weighted by {@value #COARSE_WEIGHT} (Braess, Computing 55 (1995) 379–393).</li>
 * <li><b>Smoothing</b>: one red–black Gauss–Seidel sweep before (red, black) and one after (black,
 * red), so pre- and post-smoothing are adjoint and the V-cycle is a symmetric preconditioner for CG.
 * Colour = (x+y+z) mod 2 of the cell coordinates: with 2×2(×2) aggregates a 5-/7-point operator stays
 * 5-/7-point on every level, so the colouring is exact on every level (checked when built; a level
 * that is not two-coloured falls back to lexicographic forward/backward sweeps). The finest level is
 * matrix-free on the full grid when {@link #useStructuredFinest} was called: by default in single precision
 * ({@link StencilSmoother}: float face coefficients and inverse diagonal, double vectors and arithmetic, two
 * fused passes over the domain cells only), else the double four passes of {@link FaceStencil}
 * ({@link #SINGLE_PRECISION}). The CSR coarse levels multiply by a stored 1/d, loop over lists of the red
 * and of the black rows (no colour test per row) and read their couplings in fixed-width rows
 * ({@link CsrMatrix#useFixedWidth}).
 * Coarsest level: {@value #COARSEST_SWEEPS} symmetric lexicographic Gauss–Seidel sweeps.</li>
 * <li><b>Fused passes</b> (the same arithmetic, less memory traffic): the pre-smoothing red and
 * black sweeps from zero are one pass; the residual is formed only on red cells (the black rows were
 * just solved) and restricted in the same pass; the coarse correction is applied on the fly inside
 * the post-smoothing black sweep; the final red sweep returns r·z. Four passes per level.</li>
 * <li><b>Threads</b>: every pass of a level with at least 2 × {@link ConjugateGradient#MIN_PER_CHUNK}
 * unknowns is split into slabs on the {@link SlabExecutor}; smaller (coarse) levels run on the
 * calling thread.</li>
 * </ul>
 * <p><b>Precision policy.</b> The CG (operator, vectors, scalars) is double. The preconditioner's finest
 * level stores its face coefficients and 1/d in float (rounded once, ≤ 6·10⁻⁸ relative): it is then the
 * exact symmetric cycle of an operator within 6·10⁻⁸ of A, still a fixed symmetric linear map up to double
 * round-off, and applied from a zero guess, so the rounding changes one application by ~2·10⁻⁷ relative and
 * neither the iteration counts nor the solution at the solvers' tolerances (measured: the channel bench 19
 * iterations both; 10³-contrast checkerboards 35 and 25 iterations both, solutions within 5·10⁻¹⁰; the
 * phase-field metrics equal to 10⁻¹³). The CSR coarse levels stay double (they are ~1/3 of the rows in 2D).
 *
 * <p><b>Cost per application</b> ({@link #modelledBytes}): finest level (56 + 8·D) B per domain cell
 * (2D 72 B, against 184 B per grid cell for the double four-pass level), coarse levels, visited 2ˡ times by
 * the W-cycle, about as many CSR row visits as the finest level has unknowns in 2D (1/3 in 3D). Measured
 * (the {@code PhaseFieldBench ionic 2d} grid, 160 000 cells of which 93 090 in the domain, 7 levels): 54.1 MB
 * modelled per CG iteration (CG 17.9 MB, finest level 7.1 MB, CSR levels 29 MB), 76.8 MB with the double
 * four-pass finest level; one application 2.8 ms against 4.9 ms before (main 620bdcf, paired median in one JVM,
 * 1 thread; 1.5 M cells: 30 against 53 ms; 3D bench 2.1 M cells: 90 against 139 ms per CG iteration).
 */
final class AggregationMultigrid implements Preconditioner {
    static final double COARSE_WEIGHT = 1.8;
    static final int MAX_COARSEST = 64;
    static final int COARSEST_SWEEPS = 10;
    /**
     * Smoother of the CSR coarse levels: {@code auto} (default) = red–black Gauss–Seidel, split over
     * threads, on a level large enough to be split (≥ 2 × {@link ConjugateGradient#MIN_PER_CHUNK}
     * unknowns), lexicographic (serial, the slightly stronger smoother per sweep) on the smaller ones;
     * {@code lexicographic} or {@code redblack} everywhere. The choice depends on the level size only,
     * never on the thread count. Measured: identical iteration counts on the channel geometries; on a
     * 10³-contrast checkerboard red–black costs 3–20 % more iterations. System property
     * {@code porophase.solver.coarseSmoother}.
     */
    static final String COARSE_SMOOTHER = System.getProperty("porophase.solver.coarseSmoother", "auto");

    private final SlabExecutor team;
    private final int levels;
    private final CsrMatrix[] a;
    /** Aggregate (level l+1 row) of each level-l row. */
    private final int[][] agg;
    /** Level-l rows of each aggregate of level l+1 (CSR: memberPtr[l], members[l]). */
    private final int[][] memberPtr;
    private final int[][] members;
    /** Red members of each aggregate of level l+1 (CSR, ascending), for a red–black level l; else null. */
    private final int[][] redPtr;
    private final int[][] redMembers;
    private final double[][] xs;
    private final double[][] bs;
    private final double[][] rs;
    private final double[][] shift;
    private final int[][] chunks;
    private final double[][] part;
    // matrix-free finest level (full grid), or null
    private FaceStencil fine;
    /** The single-precision two-pass finest level (default), or null: the double four-pass one of {@link #fine}. */
    private StencilSmoother smoother;
    private int[] fineAgg;
    private int[] fineChunks;
    private double[] finePart;
    private int[] compactToFull;
    // the pass in progress, read by the chunk tasks
    private int lvl;
    private double[] vb;
    private double[] vx;
    private final SlabExecutor.Task preTask = this::preChunk;
    private final SlabExecutor.Task restrictTask = this::restrictChunk;
    private final SlabExecutor.Task correctTask = this::correctChunk;
    private final SlabExecutor.Task blackTask = this::blackChunk;
    private final SlabExecutor.Task redTask = this::redChunk;
    private final SlabExecutor.Task finePreTask = this::finePreChunk;
    private final SlabExecutor.Task fineRestrictTask = this::fineRestrictChunk;
    private final SlabExecutor.Task fineBlackTask = this::fineBlackChunk;
    private final SlabExecutor.Task fineRedTask = this::fineRedChunk;
    private final SlabExecutor.Task pass1Task = this::pass1Chunk;
    private final SlabExecutor.Task pass1EdgeTask = this::pass1EdgeChunk;
    private final SlabExecutor.Task pass2Task = this::pass2Chunk;
    private final SlabExecutor.Task pass2EdgeTask = this::pass2EdgeChunk;

    /**
     * Builds the hierarchy.
     *
     * @param rowPtr0 CSR of the finest operator without shift (diagonal included)
     * @param cx cell coordinates of the unknowns (x, y, z)
     */
    AggregationMultigrid(SlabExecutor team, int[] rowPtr0, int[] col0, double[] val0, int[] cx, int[] cy, int[] cz) {
        this.team = team;
        List<CsrMatrix> mats = new ArrayList<>();
        List<int[]> ag = new ArrayList<>();
        List<int[]> mp = new ArrayList<>();
        List<int[]> mb = new ArrayList<>();
        int[] rp = rowPtr0;
        int[] cl = col0;
        double[] vl = val0;
        int[] x = cx;
        int[] y = cy;
        int[] zc = cz;
        int n = cx.length;
        while (true) {
            boolean colour = !mats.isEmpty() && (COARSE_SMOOTHER.equals("redblack")
                    || COARSE_SMOOTHER.equals("auto") && n >= 2 * ConjugateGradient.MIN_PER_CHUNK);
            mats.add(colour ? new CsrMatrix(rp, cl, vl, x, y, zc) : new CsrMatrix(rp, cl, vl, null, null, null));
            if (n <= MAX_COARSEST || mats.size() >= 30) {
                break;
            }
            // aggregates: blocks of 2 in each dimension, numbered in order of first appearance (the construction
            // is split into small methods: one long loop in a large method is compiled on-stack by the JIT as a
            // whole, which delayed the compilation of the time step by seconds)
            int[] ai = new int[n];
            int[] nx2 = new int[n];
            int[] ny2 = new int[n];
            int[] nz2 = new int[n];
            int nc = aggregate(n, x, y, zc, ai, nx2, ny2, nz2);
            if (nc >= n) {
                break;
            }
            // fine rows grouped by aggregate
            int[] cnt = new int[nc + 1];
            int[] mem = new int[n];
            groupByAggregate(n, nc, ai, cnt, mem);
            // Galerkin coarse operator PᵀAP: rows built with a scatter array
            Coarse co = galerkin(nc, ai, cnt, mem, rp, cl, vl);
            int[] crp = co.rowPtr;
            int nnz = crp[nc];
            int[] ccol = co.col;
            double[] cval = co.val;
            ag.add(ai);
            mp.add(cnt);
            mb.add(mem);
            rp = crp;
            cl = Arrays.copyOf(ccol, nnz);
            vl = Arrays.copyOf(cval, nnz);
            x = Arrays.copyOf(nx2, nc);
            y = Arrays.copyOf(ny2, nc);
            zc = Arrays.copyOf(nz2, nc);
            n = nc;
        }
        levels = mats.size();
        a = mats.toArray(new CsrMatrix[0]);
        for (int l = 1; l < levels; l++) {
            a[l].useFixedWidth();
        }
        agg = ag.toArray(new int[0][]);
        memberPtr = mp.toArray(new int[0][]);
        members = mb.toArray(new int[0][]);
        redPtr = new int[levels][];
        redMembers = new int[levels][];
        for (int l = 0; l + 1 < levels; l++) {
            if (a[l].redBlack()) {
                int nc = a[l + 1].rows;
                int[] rp2 = new int[nc + 1];
                int[] rm = new int[a[l].redRows.length];
                int k = 0;
                for (int c = 0; c < nc; c++) {
                    for (int mm = memberPtr[l][c]; mm < memberPtr[l][c + 1]; mm++) {
                        int i = members[l][mm];
                        if (a[l].colour[i] == 0) {
                            rm[k++] = i;
                        }
                    }
                    rp2[c + 1] = k;
                }
                redPtr[l] = rp2;
                redMembers[l] = rm;
            }
        }
        xs = new double[levels][];
        bs = new double[levels][];
        rs = new double[levels][];
        wr = new double[levels][];
        we = new double[levels][];
        shift = new double[levels][];
        chunks = new int[levels][];
        part = new double[levels][];
        for (int l = 0; l < levels; l++) {
            int m = a[l].rows;
            xs[l] = new double[m];
            bs[l] = new double[m];
            rs[l] = new double[m];
            shift[l] = new double[m];
            chunks[l] = SlabExecutor.partition(m, team.threads(), 1, 2 * ConjugateGradient.MIN_PER_CHUNK > m ? m + 1 : ConjugateGradient.MIN_PER_CHUNK);
            part[l] = new double[chunks[l].length - 1];
        }
    }

    /** The coarse operator's CSR arrays (col and val may be longer than rowPtr[last]). */
    private record Coarse(int[] rowPtr, int[] col, double[] val) {
    }

    /**
     * Aggregates of 2×2(×2) cells: ai[i] the aggregate of row i, numbered in order of first appearance, with
     * its block coordinates in x2, y2, z2; returns their number.
     */
    private static int aggregate(int n, int[] x, int[] y, int[] zc, int[] ai, int[] nx2, int[] ny2, int[] nz2) {
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
        HashMap<Long, Integer> mapBig = null;
        int[] map = null;
        if (cells <= 50_000_000L) {
            map = new int[(int) cells];
            Arrays.fill(map, -1);
        } else {
            mapBig = new HashMap<>();
        }
        int nc = 0;
        for (int i = 0; i < n; i++) {
            long key = (x[i] / 2) + (long) mxc * ((y[i] / 2) + (long) myc * (zc[i] / 2));
            int id;
            Integer v = map != null ? null : mapBig.get(key);
            if (map != null ? map[(int) key] < 0 : v == null) {
                id = nc++;
                if (map != null) {
                    map[(int) key] = id;
                } else {
                    mapBig.put(key, id);
                }
                nx2[id] = x[i] / 2;
                ny2[id] = y[i] / 2;
                nz2[id] = zc[i] / 2;
            } else {
                id = map != null ? map[(int) key] : v;
            }
            ai[i] = id;
        }
        return nc;
    }

    /** The rows of each aggregate: mem[cnt[I] .. cnt[I + 1]) are the rows of aggregate I, ascending. */
    private static void groupByAggregate(int n, int nc, int[] ai, int[] cnt, int[] mem) {
        for (int i = 0; i < n; i++) {
            cnt[ai[i] + 1]++;
        }
        for (int k = 0; k < nc; k++) {
            cnt[k + 1] += cnt[k];
        }
        int[] fill = cnt.clone();
        for (int i = 0; i < n; i++) {
            mem[fill[ai[i]]++] = i;
        }
    }

    /** Galerkin coarse operator PᵀAP of the aggregates (piecewise-constant P), rows built with a scatter array. */
    private static Coarse galerkin(int nc, int[] ai, int[] cnt, int[] mem, int[] rp, int[] cl, double[] vl) {
        int[] marker = new int[nc];
        Arrays.fill(marker, -1);
        double[] acc = new double[nc];
        int[] list = new int[nc];
        int[] crp = new int[nc + 1];
        int[] ccol = new int[Math.max(16, 27 * nc)];
        double[] cval = new double[ccol.length];
        int nnz = 0;
        for (int I = 0; I < nc; I++) {
            int nl = 0;
            for (int mm = cnt[I]; mm < cnt[I + 1]; mm++) {
                int i = mem[mm];
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    int J = ai[cl[k]];
                    if (marker[J] != I) {
                        marker[J] = I;
                        acc[J] = 0;
                        list[nl++] = J;
                    }
                    acc[J] += vl[k];
                }
            }
            if (nnz + nl > ccol.length) {
                ccol = Arrays.copyOf(ccol, Math.max(ccol.length * 2, nnz + nl));
                cval = Arrays.copyOf(cval, ccol.length);
            }
            for (int t = 0; t < nl; t++) {
                ccol[nnz] = list[t];
                cval[nnz] = acc[list[t]];
                nnz++;
            }
            crp[I + 1] = nnz;
        }
        return new Coarse(crp, ccol, cval);
    }

    int levels() {
        return levels;
    }

    int size(int level) {
        return a[level].rows;
    }

    /** The operator of a level (0 = the finest, compact). */
    CsrMatrix matrix(int level) {
        return a[level];
    }

    /** Whether every CSR coarse level but the coarsest is smoothed red–black (parallel), as opposed to lexicographically. */
    boolean redBlack() {
        for (int l = 1; l + 1 < levels; l++) {
            if (!a[l].redBlack()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Smooths the finest level matrix-free on the full grid: {@code stencil} holds the face
     * coefficients (its diagonal is overwritten here: base diagonal + shift, 1 outside the domain),
     * {@code compactToFull} maps the compact unknowns to grid cells. The vectors of {@link #apply}
     * are then full-grid arrays. Needs at least two levels.
     */
    void useStructuredFinest(FaceStencil stencil, int[] compactToFull) {
        useStructuredFinest(stencil, compactToFull, SINGLE_PRECISION);
    }

    /**
     * Precision of the matrix-free finest level: {@code float} (default) = {@link StencilSmoother}, face
     * coefficients and inverse diagonal in single precision, two fused passes over the domain cells;
     * {@code double} = the four double passes of {@link FaceStencil} over the full grid (the reference).
     * The CG's operator and vectors are double in both. System property {@code porophase.mg.precision}.
     */
    static final boolean SINGLE_PRECISION = !"double".equalsIgnoreCase(System.getProperty("porophase.mg.precision", "float"));

    /** {@link #useStructuredFinest(FaceStencil, int[])} with the finest level's precision chosen ({@link #SINGLE_PRECISION}). */
    void useStructuredFinest(FaceStencil stencil, int[] compactToFull, boolean single) {
        if (levels < 2) {
            throw new IllegalStateException("a single-level hierarchy has no structured finest level");
        }
        fine = stencil;
        this.compactToFull = compactToFull;
        int gn = stencil.size();
        Arrays.fill(stencil.diag, 1);
        if (!single) { // the double four-pass level's aggregate map (the single-precision level has its own)
            fineAgg = new int[gn];
            Arrays.fill(fineAgg, -1);
            for (int q = 0; q < compactToFull.length; q++) {
                fineAgg[compactToFull[q]] = agg[0][q];
            }
        }
        for (int q = 0; q < compactToFull.length; q++) {
            stencil.diag[compactToFull[q]] = a[0].diag[q];
        }
        fineChunks = SlabExecutor.partition(gn, team.threads(), stencil.alignment(), ConjugateGradient.MIN_PER_CHUNK);
        finePart = new double[fineChunks.length - 1];
        smoother = single ? new StencilSmoother(stencil, compactToFull, agg[0]) : null;
    }

    /** Whether the finest level is the single-precision {@link StencilSmoother}. */
    boolean singlePrecisionFinest() {
        return smoother != null;
    }

    /**
     * Modelled memory traffic of one {@link #apply} (bytes): every array a pass reads or writes counted
     * once per pass (8 B per double, 4 B per float or index; neighbours assumed cached), every level
     * counted as often as the cycle visits it. Finest level, single precision ({@link StencilSmoother}):
     * (56 + 8·D) B per domain cell for its two passes (D = dimensions with more than one cell), double
     * ({@link FaceStencil}): 8 B × (15 + 4·D) per grid cell for its four passes; plus 16 B per level-1 row
     * (restricted residual, correction). A CSR level with W off-diagonals per row (the fixed width of
     * {@link CsrMatrix#useFixedWidth}, else the mean) sweeps (28 + 12·W) B per row: red–black 2 sweeps + 40 B
     * per row and visit (pre-smoothing and restriction read half the rows' couplings each, black and red the
     * other halves), lexicographic 3 sweeps + 40 B; the W-cycle's second correction adds a residual sweep +
     * 24 B per row at every call. Visits: 2ˡ for level l (W-cycle; 1 for the V-cycle), the coarsest
     * 2^(L−2) × 2·{@value #COARSEST_SWEEPS} sweeps.
     */
    double modelledBytes() {
        double bytes = 0;
        int first = 0;
        if (fine != null) {
            int dims = (fine.nx > 1 ? 1 : 0) + (fine.ny > 1 ? 1 : 0) + (fine.nz > 1 ? 1 : 0);
            bytes += smoother != null ? (56.0 + 8 * dims) * smoother.cells : 8.0 * fine.size() * (15 + 4 * dims);
            bytes += 16.0 * a[1].rows;
            first = 1;
        }
        for (int l = first; l < levels; l++) {
            double w = a[l].width() > 0 ? a[l].width() : (double) a[l].offCol.length / Math.max(1, a[l].rows);
            double sweep = (28.0 + 12.0 * w) * a[l].rows;
            double visits = W_CYCLE ? Math.pow(2, l == levels - 1 ? Math.max(0, l - 1) : l) : 1;
            if (l == levels - 1) {
                bytes += visits * 2 * COARSEST_SWEEPS * sweep;
            } else {
                bytes += visits * ((a[l].redBlack() ? 2 : 3) * sweep + 40.0 * a[l].rows);
                if (W_CYCLE && l > 0) {
                    bytes += visits / 2 * (sweep + 24.0 * a[l].rows);
                }
            }
        }
        return bytes;
    }

    /** Sets the diagonal shift s ≥ 0 (finest level, compact indexing; null = none); Galerkin: PᵀSP on the coarse levels. */
    void setShift(double[] s) {
        if (sparseRows != null) {
            sparseRows[0] = null; // the next setShiftSparse starts from a full recomputation
        }
        for (int l = 0; l < levels; l++) {
            Arrays.fill(shift[l], 0);
        }
        if (s != null) {
            System.arraycopy(s, 0, shift[0], 0, a[0].rows);
            for (int l = 0; l + 1 < levels; l++) {
                int[] ai = agg[l];
                for (int i = 0; i < a[l].rows; i++) {
                    shift[l + 1][ai[i]] += shift[l][i];
                }
            }
        }
        for (int l = 0; l < levels; l++) {
            CsrMatrix m = a[l];
            double[] b0 = m.baseDiag;
            for (int i = 0; i < b0.length; i++) {
                m.setDiag(i, b0[i] + shift[l][i]);
            }
        }
        if (fine != null) {
            for (int q = 0; q < compactToFull.length; q++) {
                fine.diag[compactToFull[q]] = a[0].diag[q];
            }
            if (smoother != null) {
                smoother.setDiagonal(fine.diag, compactToFull, 0, compactToFull.length);
            }
        }
    }

    /**
     * Sets the shift s like {@link #setShift}, where s is zero off {@code rows[0..count)} and the last
     * shift was zero off the rows of the last call: only those rows and their aggregates on every level
     * are recomputed (each aggregate's shift summed over its members in the same order as the full
     * recomputation, so the result is the same to the bit). Falls back to {@link #setShift} the first time
     * and after a full setShift.
     */
    void setShiftSparse(double[] s, int[] rows, int count) {
        if (sparseRows == null || sparseRows[0] == null) {
            setShift(s);
            sparseRows = new int[levels][];
            sparseCount = new int[levels];
            sparseMark = new int[levels][];
            touched = new int[levels][];
            for (int l = 0; l < levels; l++) {
                sparseMark[l] = new int[a[l].rows];
            }
            sparseRows[0] = java.util.Arrays.copyOf(rows, Math.max(16, count));
            sparseCount[0] = count;
            return;
        }
        // level 0: the rows of the last call and of this one
        int gen = ++sparseGen;
        int[] t0 = touched[0] == null || touched[0].length < sparseCount[0] + count ? (touched[0] = new int[2 * (sparseCount[0] + count) + 16]) : touched[0];
        int nt = 0;
        int[] mark0 = sparseMark[0];
        for (int k = 0; k < sparseCount[0]; k++) {
            int r = sparseRows[0][k];
            if (mark0[r] != gen) {
                mark0[r] = gen;
                t0[nt++] = r;
            }
        }
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (mark0[r] != gen) {
                mark0[r] = gen;
                t0[nt++] = r;
            }
        }
        if (sparseRows[0].length < count) {
            sparseRows[0] = new int[2 * count];
        }
        System.arraycopy(rows, 0, sparseRows[0], 0, count);
        sparseCount[0] = count;
        double[] s0 = shift[0];
        double[] d0 = a[0].diag;
        double[] b0 = a[0].baseDiag;
        for (int k = 0; k < nt; k++) {
            int r = t0[k];
            s0[r] = s[r];
            a[0].setDiag(r, b0[r] + s0[r]);
            if (fine != null) {
                fine.diag[compactToFull[r]] = d0[r];
                if (smoother != null) {
                    smoother.setDiagonal(fine.diag, compactToFull[r]);
                }
            }
        }
        // coarser levels: the aggregates of the touched rows, each summed over its members
        int[] cur = t0;
        int ncur = nt;
        for (int l = 0; l + 1 < levels; l++) {
            int[] ai = agg[l];
            int[] mark = sparseMark[l + 1];
            int[] nxt = touched[l + 1] == null || touched[l + 1].length < ncur ? (touched[l + 1] = new int[Math.max(16, 2 * ncur)]) : touched[l + 1];
            int nn = 0;
            for (int k = 0; k < ncur; k++) {
                int pa = ai[cur[k]];
                if (mark[pa] != gen) {
                    mark[pa] = gen;
                    nxt[nn++] = pa;
                }
            }
            int[] mp = memberPtr[l];
            int[] mb = members[l];
            double[] sf = shift[l];
            double[] sc = shift[l + 1];
            double[] dc = a[l + 1].diag;
            double[] bc = a[l + 1].baseDiag;
            for (int k = 0; k < nn; k++) {
                int pa = nxt[k];
                double sum = 0;
                for (int e = mp[pa]; e < mp[pa + 1]; e++) {
                    sum += sf[mb[e]];
                }
                sc[pa] = sum;
                a[l + 1].setDiag(pa, bc[pa] + sum);
            }
            cur = nxt;
            ncur = nn;
        }
    }

    private int[][] sparseRows;
    private int[] sparseCount;
    private int[][] sparseMark;
    private int sparseGen;
    private int[][] touched;

    /** z = M⁻¹ r (one V-cycle from z = 0); returns r·z. Full-grid vectors when the finest level is structured. */
    @Override
    public double apply(double[] r, double[] z) {
        if (smoother != null) {
            vb = r;
            vx = z;
            Arrays.fill(bs[1], 0);
            team.run(fineChunks, pass1Task);
            if (fineChunks.length > 2) {
                team.run(fineChunks, pass1EdgeTask);
            }
            coarse(1);
            vb = r;
            vx = z;
            team.run(fineChunks, pass2Task);
            if (fineChunks.length > 2) {
                team.run(fineChunks, pass2EdgeTask);
            }
            double s = 0;
            for (double v : finePart) {
                s += v;
            }
            return s;
        }
        if (fine != null) {
            vb = r;
            vx = z;
            team.run(fineChunks, finePreTask);
            Arrays.fill(bs[1], 0);
            team.run(fineChunks, fineRestrictTask);
            coarse(1);
            vb = r;
            vx = z;
            team.run(fineChunks, fineBlackTask);
            team.run(fineChunks, fineRedTask);
            double s = 0;
            for (double v : finePart) {
                s += v;
            }
            return s;
        }
        if (vcycle(0, r, z)) {
            double s = 0;
            for (double v : part[0]) {
                s += v;
            }
            return s;
        }
        double s = 0;
        for (int i = 0; i < a[0].rows; i++) {
            s += r[i] * z[i];
        }
        return s;
    }

    /** One V-cycle on level l from x = 0; true when it left Σ b·x in part[l] (red–black path). */
    /**
     * The coarse correction xs[c] for the right-hand side bs[c]: one cycle, and with {@link #W_CYCLE} a
     * second on its residual (a W-cycle; 2B − BAB stays symmetric).
     */
    private void coarse(int c) {
        vcycle(c, bs[c], xs[c]);
        if (W_CYCLE && c < levels - 1) {
            CsrMatrix m = a[c];
            if (wr[c] == null) {
                wr[c] = new double[m.rows];
                we[c] = new double[m.rows];
            }
            double[] r = wr[c];
            double[] e = we[c];
            double[] b = bs[c];
            double[] x = xs[c];
            m.apply(x, r, null, 0, m.rows);
            for (int i = 0; i < m.rows; i++) {
                r[i] = b[i] - r[i];
            }
            vcycle(c, r, e);
            for (int i = 0; i < m.rows; i++) {
                x[i] += e[i];
            }
        }
    }

    /**
     * W-cycle on the coarse levels (default; {@code porophase.mg.cycle=V} for the plain V-cycle). Plain
     * aggregation loses accuracy level by level in a V-cycle (Notay 2010 uses a K-cycle for it); measured:
     * the 2D 5 µm ionic bench 30 → 19 MG-PCG iterations to 10⁻⁶, and the 0.6 µm paper case (9 levels)
     * 3–44 (spikes when the front crosses cells) → 3 iterations per step, 30 % less CPU for its run. In 2D
     * the coarse levels cost ~1/3 of the fine one more (2 visits × 1/4 per level); in 3D 1/4 × 2/8.
     */
    static final boolean W_CYCLE = !"V".equalsIgnoreCase(System.getProperty("porophase.mg.cycle", "W"));
    private double[][] wr;
    private double[][] we;

    private boolean vcycle(int l, double[] b, double[] x) {
        CsrMatrix m = a[l];
        if (l == levels - 1) {
            Arrays.fill(x, 0, m.rows, 0);
            for (int k = 0; k < COARSEST_SWEEPS; k++) {
                m.gaussSeidel(x, b, true);
                m.gaussSeidel(x, b, false);
            }
            return false;
        }
        if (m.redBlack()) {
            lvl = l;
            vb = b;
            vx = x;
            team.run(chunks[l], preTask);
            team.run(chunks[l + 1], restrictTask);
            coarse(l + 1);
            lvl = l;
            vb = b;
            vx = x;
            team.run(chunks[l], correctTask);
            team.run(chunks[l], blackTask);
            team.run(chunks[l], redTask);
            return true;
        }
        // lexicographic fallback (serial): forward GS, coarse correction, backward GS
        Arrays.fill(x, 0, m.rows, 0);
        m.gaussSeidel(x, b, true);
        double[] tmp = rs[l];
        m.apply(x, tmp, null, 0, m.rows);
        double[] bc = bs[l + 1];
        Arrays.fill(bc, 0);
        int[] ai = agg[l];
        for (int i = 0; i < m.rows; i++) {
            bc[ai[i]] += b[i] - tmp[i];
        }
        double[] xc = xs[l + 1];
        vcycle(l + 1, bc, xc);
        for (int i = 0; i < m.rows; i++) {
            x[i] += COARSE_WEIGHT * xc[ai[i]];
        }
        m.gaussSeidel(x, b, false);
        return false;
    }

    private void preChunk(int c, int lo, int hi) {
        a[lvl].presmoothFromZero(vx, vb, lo, hi);
    }

    private void restrictChunk(int c, int lo, int hi) {
        a[lvl].restrictResidual(vx, vb, redPtr[lvl], redMembers[lvl], bs[lvl + 1], lo, hi);
    }

    private void correctChunk(int c, int lo, int hi) {
        a[lvl].correctRed(vx, COARSE_WEIGHT, xs[lvl + 1], agg[lvl], lo, hi);
    }

    private void blackChunk(int c, int lo, int hi) {
        a[lvl].postsmoothBlack(vx, vb, lo, hi);
    }

    private void redChunk(int c, int lo, int hi) {
        part[lvl][c] = a[lvl].postsmoothRed(vx, vb, lo, hi);
    }

    private void pass1Chunk(int c, int lo, int hi) {
        smoother.presmoothRestrict(vx, vb, bs[1], lo, hi);
    }

    private void pass1EdgeChunk(int c, int lo, int hi) {
        smoother.presmoothRestrictEdges(vx, bs[1], lo, hi);
    }

    private void pass2Chunk(int c, int lo, int hi) {
        finePart[c] = smoother.postsmooth(vx, vb, COARSE_WEIGHT, xs[1], lo, hi);
    }

    private void pass2EdgeChunk(int c, int lo, int hi) {
        finePart[c] += smoother.postsmoothEdges(vx, vb, lo, hi);
    }

    private void finePreChunk(int c, int lo, int hi) {
        fine.presmoothFromZero(vx, vb, lo, hi);
    }

    private void fineRestrictChunk(int c, int lo, int hi) {
        fine.restrictResidual(vx, vb, fineAgg, bs[1], lo, hi);
    }

    private void fineBlackChunk(int c, int lo, int hi) {
        fine.postsmoothBlack(vx, vb, COARSE_WEIGHT, xs[1], fineAgg, lo, hi);
    }

    private void fineRedChunk(int c, int lo, int hi) {
        finePart[c] = fine.postsmoothRed(vx, vb, lo, hi);
    }
}
