package org.porophase.phasefield;

/**
 * Two-level preconditioner of the linearized ξ step's operator M = 1/Δt + J − L_σκ_max∇² ({@link AllenCahnStep},
 * {@link XiOperator}): Jacobi plus an additive coarse correction on the translation modes of the fronts,
 * <pre>
 *   z = D⁻¹ r + P C⁻¹ Pᵀ r,   C = Pᵀ M P (Galerkin),   P_{i,t} = ξⁿ_i(1 − ξⁿ_i) on the cells of tile t, 0 elsewhere
 * </pre>
 * (Nicolaides-type two-level additive Schwarz with one coarse vector per tile; Saad, <i>Iterative Methods for Sparse
 * Linear Systems</i>, 2nd ed., §14.3, and Tang, Nabben, Vuik &amp; Erlangga, J. Sci. Comput. 39 (2009) 340, the
 * "AD" variant). Why: the local Jacobian J is ≈ −f''-negative inside the diffuse interface, so the Hessian
 * J − L_σκ∇² nearly annihilates the translation of a front (dξ/dn ∝ ξ(1 − ξ) for the tanh profile): M has a band of
 * eigenvalues 1/Δt + L_σκk² (k the wave number along the front) far below its Jacobi-scaled rest, the modes that
 * cost Jacobi-PCG 3.6× the iterations of the stabilized step (whose shift 1/Δt + S lifts them). One coarse vector per
 * tile of {@link #tileCells} cells a side captures these modes up to k ≈ π/(tile·dx); the coarse matrix is formed
 * each step from ξⁿ and J (one pass over the solved cells and their links) and factored densely (Cholesky).
 *
 * <p>D⁻¹ + P C⁻¹ Pᵀ is symmetric positive definite when C is (D > 0 is checked by the caller); C = Pᵀ M P is
 * positive definite when M is. Where the Cholesky factorization meets a pivot ≤ 0 (M not positive definite on the
 * coarse space — the linearized step's own breakdown checks then decide) {@link #build} returns false and the caller
 * uses plain Jacobi, so the preconditioner never changes which steps fall back. The preconditioner changes only
 * the iterations, not the solution (CG stops at the same relative residual).
 *
 * <p>{@link ConjugateGradient} fuses it: Pᵀ r is accumulated in the pass that updates r (no extra pass), r·z =
 * r·D⁻¹r + (Pᵀr)·C⁻¹(Pᵀr), and P C⁻¹ Pᵀ r is added in the pass that forms the search direction; the coarse
 * solve is two triangular solves of size {@link #size}. All per-position arrays are indexed by the position in
 * the solve's cell list.
 */
final class FrontCoarseSpace implements Preconditioner {
    /**
     * Tile side in cells (system property {@code porophase.xi.coarseTile}, default 4: measured on the paper case,
     * see docs/phasefield-engine.md "Linearized ξ step"); doubled until the coarse space has at most
     * {@link #MAX_SIZE} vectors.
     */
    static final int TILE = Integer.getInteger("porophase.xi.coarseTile", 4);
    /** Most coarse vectors (dense factorization nc³/3 per step, 2nc² per iteration). */
    static final int MAX_SIZE = Integer.getInteger("porophase.xi.coarseMax", 320);
    /** A tile joins the coarse space when Σ ξ²(1 − ξ)² over its cells exceeds this (a cell with 0.01 < ξ < 0.99). */
    static final double MIN_WEIGHT = 1e-4;

    private final Grid gr;
    private final double[] diag;
    private int[] tilePos = new int[0];
    private double[] gPos = new double[0];
    /** Full-grid position + 1 of the solved cells during a build (0 elsewhere). */
    private final int[] posOf;
    private int[] tileIndex = new int[0];
    private double[] chol = new double[0];
    private double[] wv = new double[0];
    private double[] yv = new double[0];
    private int nc;
    /** First non-zero column of each row of C (its profile, which the Cholesky factor keeps). */
    private int[] first = new int[0];
    private int[] cells;
    /** Tile side used by the last build. */
    int tileCells;

    /**
     * @param gr the grid
     * @param diag the Jacobi diagonal by cell (shared with the caller, which writes it before {@link #build})
     */
    FrontCoarseSpace(Grid gr, double[] diag) {
        this.gr = gr;
        this.diag = diag;
        this.posOf = new int[gr.n];
    }

    double[] diagonal() {
        return diag;
    }

    /** Coarse vectors of the last build. */
    int size() {
        return nc;
    }

    int[] tileOfPosition() {
        return tilePos;
    }

    double[] weightOfPosition() {
        return gPos;
    }

    /**
     * Builds P and C for the operator a0 + local_i − kmax·∇² on {@code idx} (ascending cells; the operator's values
     * at other cells are fixed, as in {@link ConjugateGradient}) at the state x. False when C is not positive
     * definite (then the caller must not use this preconditioner for the solve).
     */
    boolean build(double[] x, int[] idx, double a0, double[] local, double kmax) {
        cells = idx;
        final int m = idx.length;
        if (tilePos.length < m) {
            tilePos = new int[m];
            gPos = new double[m];
        }
        int b = Math.max(1, TILE);
        while (true) {
            int count = assignTiles(x, idx, b);
            if (count <= MAX_SIZE || b >= Math.max(gr.nx, gr.nz)) {
                nc = count;
                break;
            }
            b *= 2;
        }
        tileCells = b;
        if (nc == 0) {
            return false;
        }
        if (chol.length < nc * nc) {
            chol = new double[nc * nc];
            wv = new double[nc];
            yv = new double[nc];
        }
        java.util.Arrays.fill(chol, 0, nc * nc, 0);
        for (int k = 0; k < m; k++) {
            posOf[idx[k]] = k + 1;
        }
        final double[] c = chol;
        final int[] tp = tilePos;
        final double[] gp = gPos;
        final int[] bits = gr.nbBits;
        final int[] off = gr.nbOff;
        for (int k = 0; k < m; k++) {
            double gi = gp[k];
            if (gi == 0) {
                continue;
            }
            int i = idx[k];
            int s = tp[k];
            c[s * nc + s] += gi * gi * (a0 + local[i] + kmax * gr.lapDiagonal(i));
            int bb = bits[i];
            while (bb != 0) {
                int l = Integer.numberOfTrailingZeros(bb);
                bb &= bb - 1;
                int j = i + off[l];
                int pj = posOf[j] - 1;
                if (pj < 0 || gp[pj] == 0) {
                    continue;
                }
                c[s * nc + tp[pj]] -= kmax * gr.linkWeight(i, l) * gi * gp[pj];
            }
        }
        for (int k = 0; k < m; k++) {
            posOf[idx[k]] = 0;
        }
        if (first.length < nc) {
            first = new int[nc];
        }
        for (int i = 0; i < nc; i++) {
            int ri = i * nc;
            int f = 0;
            while (f < i && c[ri + f] == 0) {
                f++;
            }
            first[i] = f;
        }
        return factor(c, first, nc);
    }

    /** Tiles of side b: tilePos/gPos for the positions, the number of coarse vectors. */
    private int assignTiles(double[] x, int[] idx, int b) {
        final int tx = (gr.nx + b - 1) / b;
        final int ty = (gr.ny + b - 1) / b;
        final int tz = (gr.nz + b - 1) / b;
        long tiles = (long) tx * ty * tz;
        if (tileIndex.length < tiles) {
            tileIndex = new int[(int) tiles];
        }
        final int[] ti = tileIndex;
        final int m = idx.length;
        // pass 1: the weight of each tile (in tileIndex as a flag: 1 = has weight)
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            double v = x[i];
            double g = v > 0 && v < 1 ? v * (1 - v) : 0;
            gPos[k] = g;
            int t = (gr.xOf(i) / b) + tx * ((gr.yOf(i) / b) + ty * (gr.zOf(i) / b));
            tilePos[k] = t;
            if (g * g > MIN_WEIGHT) {
                ti[t] = 1;
            }
        }
        // pass 2: number the weighted tiles in order of first appearance (ascending cells: reproducible)
        int count = 0;
        for (int k = 0; k < m; k++) {
            int t = tilePos[k];
            if (ti[t] == 1) {
                ti[t] = -(count + 2); // numbered: −(index + 2)
                count++;
            }
        }
        for (int k = 0; k < m; k++) {
            int t = tilePos[k];
            int v = ti[t];
            if (v <= -2) {
                tilePos[k] = -v - 2;
            } else {
                tilePos[k] = 0;
                gPos[k] = 0; // a tile without interface: no coarse vector
            }
        }
        // reset the tile flags
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            ti[(gr.xOf(i) / b) + tx * ((gr.yOf(i) / b) + ty * (gr.zOf(i) / b))] = 0;
        }
        return count;
    }

    /**
     * In-place Cholesky C = L Lᵀ (lower triangle) within the profile {@code first} (the envelope method: a tile couples
     * only to neighbouring tiles, numbered close to it); false at a pivot ≤ 10⁻¹⁴ of the largest diagonal.
     */
    private static boolean factor(double[] c, int[] first, int n) {
        double dmax = 0;
        for (int i = 0; i < n; i++) {
            dmax = Math.max(dmax, c[i * n + i]);
        }
        if (!(dmax > 0)) {
            return false;
        }
        // row by row: L_ij = (C_ij − Σ_k L_ik L_jk)/L_jj for first[i] ≤ j < i, then L_ii
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            int fi = first[i];
            for (int j = fi; j < i; j++) {
                int rj = j * n;
                double t = c[ri + j];
                for (int k = Math.max(fi, first[j]); k < j; k++) {
                    t -= c[ri + k] * c[rj + k];
                }
                c[ri + j] = t / c[rj + j];
            }
            double s = c[ri + i];
            for (int k = fi; k < i; k++) {
                s -= c[ri + k] * c[ri + k];
            }
            if (!(s > 1e-14 * dmax)) {
                return false;
            }
            c[ri + i] = Math.sqrt(s);
        }
        return true;
    }

    /** y = C⁻¹ w (forward and back substitution); returns w·y. */
    double solveCoarse(double[] w, double[] y) {
        final int n = nc;
        final double[] c = chol;
        final int[] f = first;
        for (int i = 0; i < n; i++) {
            double s = w[i];
            int ri = i * n;
            for (int k = f[i]; k < i; k++) {
                s -= c[ri + k] * y[k];
            }
            y[i] = s / c[ri + i];
        }
        // Lᵀ y = y by columns of Lᵀ = rows of L (within the profile)
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * n;
            double yi = y[i] / c[ri + i];
            y[i] = yi;
            for (int k = f[i]; k < i; k++) {
                y[k] -= c[ri + k] * yi;
            }
        }
        double wy = 0;
        for (int i = 0; i < n; i++) {
            wy += w[i] * y[i];
        }
        return wy;
    }

    /** Scratch vectors of the coarse size (Pᵀ r and C⁻¹ Pᵀ r) for {@link ConjugateGradient}. */
    double[] coarseW() {
        return wv;
    }

    double[] coarseY() {
        return yv;
    }

    /** z = D⁻¹ r + P C⁻¹ Pᵀ r on the cells of the last build (serial; the CG fuses it instead). */
    @Override
    public double apply(double[] r, double[] z) {
        final int[] idx = cells;
        java.util.Arrays.fill(wv, 0, nc, 0);
        double s = 0;
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            wv[tilePos[k]] += gPos[k] * r[i];
        }
        double wy = solveCoarse(wv, yv);
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            double zi = r[i] / diag[i];
            s += r[i] * zi;
            z[i] = zi + gPos[k] * yv[tilePos[k]];
        }
        return s + wy;
    }
}
