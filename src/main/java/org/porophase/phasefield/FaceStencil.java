package org.porophase.phasefield;

/**
 * Matrix-free conservative 5-/7-point operator on a full nx × ny × nz grid (x fastest):
 * (A x)_i = d_i x_i − Σ_faces c_f x_neighbour, with the forward face coefficients
 * cx_i (face i | i+1), cy_i (i | i+nx), cz_i (i | i+nx·ny) and the diagonal d (face sum plus any
 * Dirichlet term and shift). Cells outside the domain have zero face coefficients and d = 1, so
 * A is the identity there and no mask is tested. No column indices: ~2× less memory traffic than CSR.
 *
 * <p>Besides A x it provides the red–black Gauss–Seidel passes of {@link AggregationMultigrid}'s finest
 * level (colour = (x+y+z) mod 2; the cells of one colour are independent, so every pass is parallel
 * by slab). Chunks are whole pairs of z-planes ({@link #alignment}), so that a 2×2×2 aggregate never
 * straddles two chunks. Bytes per cell of one pass ≈ 8 × (arrays touched): A x with x·Ax 6 (2D 5).
 */
final class FaceStencil implements LinearOperator {
    final int nx;
    final int ny;
    final int nz;
    final int plane;
    final double[] cx;
    final double[] cy;
    final double[] cz;
    /** Diagonal (base + shift; 1 outside the domain). */
    final double[] diag;

    FaceStencil(int nx, int ny, int nz, double[] cx, double[] cy, double[] cz, double[] diag) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.plane = nx * ny;
        this.cx = cx;
        this.cy = cy;
        this.cz = cz;
        this.diag = diag;
    }

    int size() {
        return plane * nz;
    }

    @Override
    public int alignment() {
        return 2 * plane;
    }

    @Override
    public void apply(double[] x, double[] y, int[] cells, int lo, int hi) {
        applyDot(x, y, cells, lo, hi);
    }

    /** y = A x on the planes of [lo, hi) and x·y over them, in one pass. */
    @Override
    public double applyDot(double[] x, double[] y, int[] cells, int lo, int hi) {
        final double[] ax = cx;
        final double[] ay = cy;
        final double[] az = cz;
        final double[] d = diag;
        final int w = nx;
        final int pl = plane;
        final int z0 = lo / pl;
        final int z1 = (hi + pl - 1) / pl;
        double dot = 0;
        for (int z = z0; z < z1; z++) {
            boolean zLo = z > 0;
            boolean zHi = z < nz - 1;
            for (int yy = 0; yy < ny; yy++) {
                int base = w * (yy + ny * z);
                boolean yLo = yy > 0;
                boolean yHi = yy < ny - 1;
                // x = 0 and x = nx − 1 outside the loop: no branch per cell
                int i = base;
                double s = d[i] * x[i];
                if (w > 1) s -= ax[i] * x[i + 1];
                if (yLo) s -= ay[i - w] * x[i - w];
                if (yHi) s -= ay[i] * x[i + w];
                if (zLo) s -= az[i - pl] * x[i - pl];
                if (zHi) s -= az[i] * x[i + pl];
                y[i] = s;
                dot += s * x[i];
                int end = base + w - 1;
                if (yLo || yHi) {
                    for (i = base + 1; i < end; i++) {
                        s = d[i] * x[i] - ax[i - 1] * x[i - 1] - ax[i] * x[i + 1];
                        if (yLo) s -= ay[i - w] * x[i - w];
                        if (yHi) s -= ay[i] * x[i + w];
                        if (zLo) s -= az[i - pl] * x[i - pl];
                        if (zHi) s -= az[i] * x[i + pl];
                        y[i] = s;
                        dot += s * x[i];
                    }
                } else if (zLo && zHi) {
                    for (i = base + 1; i < end; i++) {
                        s = d[i] * x[i] - ax[i - 1] * x[i - 1] - ax[i] * x[i + 1] - az[i - pl] * x[i - pl] - az[i] * x[i + pl];
                        y[i] = s;
                        dot += s * x[i];
                    }
                } else {
                    for (i = base + 1; i < end; i++) {
                        s = d[i] * x[i] - ax[i - 1] * x[i - 1] - ax[i] * x[i + 1];
                        if (zLo) s -= az[i - pl] * x[i - pl];
                        if (zHi) s -= az[i] * x[i + pl];
                        y[i] = s;
                        dot += s * x[i];
                    }
                }
                if (w > 1) {
                    i = end;
                    s = d[i] * x[i] - ax[i - 1] * x[i - 1];
                    if (yLo) s -= ay[i - w] * x[i - w];
                    if (yHi) s -= ay[i] * x[i + w];
                    if (zLo) s -= az[i - pl] * x[i - pl];
                    if (zHi) s -= az[i] * x[i + pl];
                    y[i] = s;
                    dot += s * x[i];
                }
            }
        }
        return dot;
    }

    /** Σ_faces c_f v_neighbour at cell i = x + nx·(y + ny·z) (the off-diagonal part, sign flipped). */
    private double neighbours(double[] v, int i, int x, int yy, int z) {
        double s = 0;
        if (x > 0) s += cx[i - 1] * v[i - 1];
        if (x < nx - 1) s += cx[i] * v[i + 1];
        if (yy > 0) s += cy[i - nx] * v[i - nx];
        if (yy < ny - 1) s += cy[i] * v[i + nx];
        if (z > 0) s += cz[i - plane] * v[i - plane];
        if (z < nz - 1) s += cz[i] * v[i + plane];
        return s;
    }

    /** Σ_faces c_f (v + w·vc[agg])_neighbour: neighbours of a coarse-corrected vector, formed on the fly. */
    private double correctedNeighbours(double[] v, double w, double[] vc, int[] agg, int i, int x, int yy, int z) {
        double s = 0;
        int j;
        if (x > 0) { j = i - 1; s += cx[j] * corrected(v, w, vc, agg, j); }
        if (x < nx - 1) { j = i + 1; s += cx[i] * corrected(v, w, vc, agg, j); }
        if (yy > 0) { j = i - nx; s += cy[j] * corrected(v, w, vc, agg, j); }
        if (yy < ny - 1) { j = i + nx; s += cy[i] * corrected(v, w, vc, agg, j); }
        if (z > 0) { j = i - plane; s += cz[j] * corrected(v, w, vc, agg, j); }
        if (z < nz - 1) { j = i + plane; s += cz[i] * corrected(v, w, vc, agg, j); }
        return s;
    }

    private static double corrected(double[] v, double w, double[] vc, int[] agg, int j) {
        int a = agg[j];
        return a >= 0 ? v[j] + w * vc[a] : v[j];
    }

    /**
     * Pre-smoothing from x = 0 (planes of [lo, hi)), one pass: the red sweep gives x_red = b/d, and
     * the black sweep that follows it x_black = (b + Σ c b_red/d_red)/d — the neighbours' red values
     * are formed from b and d directly, so both colours are written in the same pass.
     */
    void presmoothFromZero(double[] x, double[] b, int lo, int hi) {
        final double[] d = diag;
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            for (int yy = 0; yy < ny; yy++) {
                int base = nx * (yy + ny * z);
                int red = (yy + z) & 1; // x parity of the red (colour 0) cells on this row
                for (int xx = 0; xx < nx; xx++) {
                    int i = base + xx;
                    if ((xx & 1) == red) {
                        x[i] = b[i] / d[i];
                    } else {
                        double s = 0;
                        if (xx > 0) s += cx[i - 1] * b[i - 1] / d[i - 1];
                        if (xx < nx - 1) s += cx[i] * b[i + 1] / d[i + 1];
                        if (yy > 0) s += cy[i - nx] * b[i - nx] / d[i - nx];
                        if (yy < ny - 1) s += cy[i] * b[i + nx] / d[i + nx];
                        if (z > 0) s += cz[i - plane] * b[i - plane] / d[i - plane];
                        if (z < nz - 1) s += cz[i] * b[i + plane] / d[i + plane];
                        x[i] = (b[i] + s) / d[i];
                    }
                }
            }
        }
    }

    /**
     * Residual restriction after the pre-smoothing (planes of [lo, hi), chunks aligned to plane
     * pairs): bc[agg_i] += (b − A x)_i over the red cells. The black rows were just solved by the
     * black sweep, so their residual is zero (to round-off) and is not formed.
     */
    void restrictResidual(double[] x, double[] b, int[] agg, double[] bc, int lo, int hi) {
        final double[] d = diag;
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            for (int yy = 0; yy < ny; yy++) {
                int base = nx * (yy + ny * z);
                for (int xx = (yy + z) & 1; xx < nx; xx += 2) {
                    int i = base + xx;
                    int a = agg[i];
                    if (a >= 0) {
                        bc[a] += b[i] - d[i] * x[i] + neighbours(x, i, xx, yy, z);
                    }
                }
            }
        }
    }

    /**
     * Post-smoothing, black sweep with the coarse correction x += w·xc[agg] applied on the fly to
     * the red neighbours (the corrected red values are never stored: the red sweep that follows
     * overwrites them).
     */
    void postsmoothBlack(double[] x, double[] b, double w, double[] xc, int[] agg, int lo, int hi) {
        final double[] d = diag;
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            for (int yy = 0; yy < ny; yy++) {
                int base = nx * (yy + ny * z);
                for (int xx = 1 - ((yy + z) & 1); xx < nx; xx += 2) {
                    int i = base + xx;
                    x[i] = (b[i] + correctedNeighbours(x, w, xc, agg, i, xx, yy, z)) / d[i];
                }
            }
        }
    }

    /** Post-smoothing, final red sweep; returns Σ b·x over all cells of the planes (r·z for the CG). */
    double postsmoothRed(double[] x, double[] b, int lo, int hi) {
        final double[] d = diag;
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        double dot = 0;
        for (int z = z0; z < z1; z++) {
            for (int yy = 0; yy < ny; yy++) {
                int base = nx * (yy + ny * z);
                int red = (yy + z) & 1;
                for (int xx = 0; xx < nx; xx++) {
                    int i = base + xx;
                    if ((xx & 1) == red) {
                        x[i] = (b[i] + neighbours(x, i, xx, yy, z)) / d[i];
                    }
                    dot += b[i] * x[i];
                }
            }
        }
        return dot;
    }
}
