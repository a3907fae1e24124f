package org.porophase.phasefield;

/**
 * Matrix-free conservative 5-/7-point operator on a full nx × ny × nz grid (x fastest):
 * (A x)_i = d_i x_i − Σ_faces c_f x_neighbour, with the forward face coefficients
 * cx_i (face i | i+1), cy_i (i | i+nx), cz_i (i | i+nx·ny) and the diagonal d (face sum plus any
 * Dirichlet term and shift). Cells outside the domain have zero face coefficients and d = 1, so
 * A is the identity there and no mask is tested. No column indices: ~2× less memory traffic than CSR.
 *
 * <p>Besides A x it provides the double-precision red–black Gauss–Seidel passes of
 * {@link AggregationMultigrid}'s finest level, the reference of {@code porophase.mg.precision=double} (the
 * default is {@link StencilSmoother}, in single precision; colour = (x+y+z) mod 2; the cells of one colour
 * are independent, so every pass is parallel by slab). Chunks are whole pairs of z-planes ({@link #alignment}), so that a 2×2×2 aggregate never
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
        // the interior-plane kernels read the neighbour across a row or plane end with its (zero) face coefficient
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = nx * (y + ny * z);
                if (cx[row + nx - 1] != 0 || (y == ny - 1 && hasNonZero(cy, row, nx)) || (z == nz - 1 && hasNonZero(cz, row, nx))) {
                    throw new IllegalArgumentException("face coefficient across the grid boundary must be 0 (row y=" + y + ", z=" + z + ")");
                }
            }
        }
    }

    private static boolean hasNonZero(double[] a, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (a[i] != 0) {
                return true;
            }
        }
        return false;
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

    /** Σ_faces c_f v_neighbour at cell i = x + nx·(y + ny·z), any cell (boundary tests). */
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

    /**
     * The same for a cell of an interior plane (0 &lt; z &lt; nz − 1), without tests: across a row or
     * plane end the index stays inside the array and the face coefficient is 0.
     */
    private double interior(double[] v, int i) {
        double s = cx[i - 1] * v[i - 1] + cx[i] * v[i + 1] + cz[i - plane] * v[i - plane] + cz[i] * v[i + plane];
        if (ny > 1) {
            s += cy[i - nx] * v[i - nx] + cy[i] * v[i + nx];
        }
        return s;
    }

    private boolean interiorPlane(int z) {
        return z > 0 && z < nz - 1;
    }

    /** y = A x on the planes of [lo, hi) and x·y over them, in one pass. */
    @Override
    public double applyDot(double[] x, double[] y, int[] cells, int lo, int hi) {
        final double[] d = diag;
        final int z0 = lo / plane;
        final int z1 = (hi + plane - 1) / plane;
        double dot = 0;
        for (int z = z0; z < z1; z++) {
            int p0 = z * plane;
            if (interiorPlane(z)) {
                for (int i = p0; i < p0 + plane; i++) {
                    double s = d[i] * x[i] - interior(x, i);
                    y[i] = s;
                    dot += s * x[i];
                }
            } else {
                for (int yy = 0; yy < ny; yy++) {
                    for (int xx = 0; xx < nx; xx++) {
                        int i = p0 + nx * yy + xx;
                        double s = d[i] * x[i] - neighbours(x, i, xx, yy, z);
                        y[i] = s;
                        dot += s * x[i];
                    }
                }
            }
        }
        return dot;
    }

    /** First x of colour {@code colour} on row (yy, z): colour 0 (red) = (x + y + z) even. */
    private static int first(int colour, int yy, int z) {
        return (colour + yy + z) & 1;
    }

    /** x_i = (b_i + Σ c x_nb)/d_i on the cells of one colour of plane z (a Gauss–Seidel colour sweep). */
    private void sweepPlane(double[] x, double[] b, int z, int colour) {
        final double[] d = diag;
        int p0 = z * plane;
        boolean in = interiorPlane(z);
        for (int yy = 0; yy < ny; yy++) {
            int row = p0 + nx * yy;
            for (int xx = first(colour, yy, z); xx < nx; xx += 2) {
                int i = row + xx;
                x[i] = (b[i] + (in ? interior(x, i) : neighbours(x, i, xx, yy, z))) / d[i];
            }
        }
    }

    /**
     * Pre-smoothing from x = 0 (planes of [lo, hi)): the red sweep (x_red = b/d, the black
     * neighbours being 0) and the black sweep after it, pipelined plane by plane in one pass — red
     * of plane z, then black of plane z − 1. The red values of the planes just outside the chunk
     * (owned by another thread) are formed as b/d where needed instead of being read.
     */
    void presmoothFromZero(double[] x, double[] b, int lo, int hi) {
        final double[] d = diag;
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            int p0 = z * plane;
            for (int yy = 0; yy < ny; yy++) {
                int row = p0 + nx * yy;
                for (int xx = first(0, yy, z); xx < nx; xx += 2) {
                    int i = row + xx;
                    x[i] = b[i] / d[i];
                }
            }
            if (z - 1 >= z0) {
                blackFromRed(x, b, z - 1, z0, z1);
            }
        }
        blackFromRed(x, b, z1 - 1, z0, z1);
    }

    /** Black sweep of plane z after the red sweep from zero; z-neighbours outside [z0, z1) as b/d. */
    private void blackFromRed(double[] x, double[] b, int z, int z0, int z1) {
        final double[] d = diag;
        int p0 = z * plane;
        boolean below = z > 0;
        boolean above = z < nz - 1;
        boolean belowOwn = z - 1 >= z0;
        boolean aboveOwn = z + 1 < z1;
        for (int yy = 0; yy < ny; yy++) {
            int row = p0 + nx * yy;
            for (int xx = first(1, yy, z); xx < nx; xx += 2) {
                int i = row + xx;
                double s = 0;
                if (xx > 0) s += cx[i - 1] * x[i - 1];
                if (xx < nx - 1) s += cx[i] * x[i + 1];
                if (yy > 0) s += cy[i - nx] * x[i - nx];
                if (yy < ny - 1) s += cy[i] * x[i + nx];
                if (below) {
                    int j = i - plane;
                    s += cz[j] * (belowOwn ? x[j] : b[j] / d[j]);
                }
                if (above) {
                    int j = i + plane;
                    s += cz[i] * (aboveOwn ? x[j] : b[j] / d[j]);
                }
                x[i] = (b[i] + s) / d[i];
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
            int p0 = z * plane;
            boolean in = interiorPlane(z);
            for (int yy = 0; yy < ny; yy++) {
                int row = p0 + nx * yy;
                for (int xx = first(0, yy, z); xx < nx; xx += 2) {
                    int i = row + xx;
                    int a = agg[i];
                    if (a >= 0) {
                        bc[a] += b[i] - d[i] * x[i] + (in ? interior(x, i) : neighbours(x, i, xx, yy, z));
                    }
                }
            }
        }
    }

    /**
     * Post-smoothing, black sweep with the coarse correction x += w·xc[agg] applied on the fly to
     * the red neighbours (the corrected red values are never stored: the red sweep that follows
     * overwrites them). Cells outside the domain (agg = −1) are 0 and get no correction.
     */
    void postsmoothBlack(double[] x, double[] b, double w, double[] xc, int[] agg, int lo, int hi) {
        final double[] d = diag;
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            int p0 = z * plane;
            boolean in = interiorPlane(z);
            for (int yy = 0; yy < ny; yy++) {
                int row = p0 + nx * yy;
                for (int xx = first(1, yy, z); xx < nx; xx += 2) {
                    int i = row + xx;
                    double s;
                    if (in) {
                        s = cx[i - 1] * corrected(x, w, xc, agg, i - 1) + cx[i] * corrected(x, w, xc, agg, i + 1)
                                + cz[i - plane] * corrected(x, w, xc, agg, i - plane) + cz[i] * corrected(x, w, xc, agg, i + plane);
                        if (ny > 1) {
                            s += cy[i - nx] * corrected(x, w, xc, agg, i - nx) + cy[i] * corrected(x, w, xc, agg, i + nx);
                        }
                    } else {
                        s = correctedNeighbours(x, w, xc, agg, i, xx, yy, z);
                    }
                    x[i] = (b[i] + s) / d[i];
                }
            }
        }
    }

    private double correctedNeighbours(double[] v, double w, double[] vc, int[] agg, int i, int x, int yy, int z) {
        double s = 0;
        if (x > 0) s += cx[i - 1] * corrected(v, w, vc, agg, i - 1);
        if (x < nx - 1) s += cx[i] * corrected(v, w, vc, agg, i + 1);
        if (yy > 0) s += cy[i - nx] * corrected(v, w, vc, agg, i - nx);
        if (yy < ny - 1) s += cy[i] * corrected(v, w, vc, agg, i + nx);
        if (z > 0) s += cz[i - plane] * corrected(v, w, vc, agg, i - plane);
        if (z < nz - 1) s += cz[i] * corrected(v, w, vc, agg, i + plane);
        return s;
    }

    private static double corrected(double[] v, double w, double[] vc, int[] agg, int j) {
        int a = agg[j];
        return a >= 0 ? v[j] + w * vc[a] : v[j];
    }

    /** Post-smoothing, final red sweep; returns Σ b·x over all cells of the planes (r·z for the CG). */
    double postsmoothRed(double[] x, double[] b, int lo, int hi) {
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        double dot = 0;
        for (int z = z0; z < z1; z++) {
            sweepPlane(x, b, z, 0);
            int p0 = z * plane;
            for (int i = p0; i < p0 + plane; i++) {
                dot += b[i] * x[i];
            }
        }
        return dot;
    }

    /**
     * The compact 5-/7-point face operator as CSR (diagonal among the entries), for the multigrid's Galerkin
     * levels: row q is cell {@code cells[q]}; off-diagonals −f on each face with a non-zero coefficient,
     * diagonal Σf + {@code fb} (the Dirichlet face). {@code cidx} maps a full-grid index to its row.
     */
    record Csr(int[] rowPtr, int[] col, double[] val, int[] cx, int[] cy, int[] cz) {
    }

    static Csr csr(int nx, int ny, int[] cells, int[] cidx, double[] fx, double[] fy, double[] fz, double[] fb) {
        int plane = nx * ny;
        int m = cells.length;
        int[] rowPtr = new int[m + 1];
        int[] cl = new int[7 * m];
        double[] vl = new double[7 * m];
        int[] cx = new int[m];
        int[] cy = new int[m];
        int[] cz = new int[m];
        int nnz = 0;
        for (int k = 0; k < m; k++) {
            int i = cells[k];
            int z = i / plane;
            int xy = i - z * plane;
            cy[k] = xy / nx;
            cx[k] = xy - cy[k] * nx;
            cz[k] = z;
            double d = fb[i];
            if (fx[i] != 0) { cl[nnz] = cidx[i + 1]; vl[nnz++] = -fx[i]; d += fx[i]; }
            if (fy[i] != 0) { cl[nnz] = cidx[i + nx]; vl[nnz++] = -fy[i]; d += fy[i]; }
            if (fz[i] != 0) { cl[nnz] = cidx[i + plane]; vl[nnz++] = -fz[i]; d += fz[i]; }
            if (i % nx != 0 && fx[i - 1] != 0) { cl[nnz] = cidx[i - 1]; vl[nnz++] = -fx[i - 1]; d += fx[i - 1]; }
            if ((i / nx) % ny != 0 && fy[i - nx] != 0) { cl[nnz] = cidx[i - nx]; vl[nnz++] = -fy[i - nx]; d += fy[i - nx]; }
            if (i >= plane && fz[i - plane] != 0) { cl[nnz] = cidx[i - plane]; vl[nnz++] = -fz[i - plane]; d += fz[i - plane]; }
            cl[nnz] = k;
            vl[nnz++] = d;
            rowPtr[k + 1] = nnz;
        }
        return new Csr(rowPtr, cl, vl, cx, cy, cz);
    }
}
