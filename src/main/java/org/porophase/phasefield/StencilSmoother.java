package org.porophase.phasefield;

/**
 * The finest level of {@link AggregationMultigrid} on the full grid, in single precision and in two
 * fused passes: the red–black Gauss–Seidel smoothing, residual restriction and coarse-correction
 * passes of the face operator of a {@link FaceStencil}, visiting only the cells of the domain.
 *
 * <p><b>Precision.</b> The face coefficients and the inverse diagonal are stored as {@code float}
 * (rounded once from the operator's doubles, relative error ≤ 2⁻²⁴ ≈ 6·10⁻⁸; one cycle then differs from
 * the double one by 1.6–2·10⁻⁷ relative on 10³-contrast problems); the vectors (the CG's r and z)
 * and all arithmetic stay in double. The smoother is therefore the exact red–black Gauss–Seidel of a
 * symmetric operator Ã with |Ã − A| ≤ 6·10⁻⁸ |A| entry by entry, and the cycle stays a fixed symmetric
 * positive-definite linear map (to double round-off) — what the CG needs of a preconditioner; the
 * operator the CG iterates with ({@link FaceStencil}) stays double, so the solution is unchanged to the
 * solver tolerance.
 *
 * <p><b>Two passes instead of four.</b> Pass 1 ({@link #presmoothRestrict}): red from zero
 * (x = b/d), black, and the red residual restricted to the aggregates, pipelined plane by plane
 * (red of plane z, black of z − 1, restriction of z − 2, so the planes a step needs are still in cache).
 * After the red and black sweeps from zero a red cell's residual is exactly its coupling to the black
 * neighbours (b − d·b/d = 0), the black residual is zero: the restriction reads x and the faces only.
 * Pass 2 ({@link #postsmooth}): black with the coarse correction x + w·x_c[agg] formed on the fly for
 * the red neighbours, then red of plane z − 1 and Σ b·x. A plane whose step needs a plane of another
 * chunk (the first and last of a chunk inside the grid) is finished after all chunks
 * ({@link #presmoothRestrictEdges}, {@link #postsmoothEdges}); the restriction keeps each aggregate's
 * sum in plane order, so the result does not depend on the chunking (the dot product apart).
 *
 * <p><b>Domain runs.</b> Each grid row (fixed y, z) is visited by runs of domain cells only; cells
 * outside the domain (vacuum pores, cut-off islands: zero faces) are neither read nor written (the
 * vectors are zero there and stay so).
 *
 * <p><b>Bytes per domain cell</b> (2D; 3D one float face array more per pass): pass 1 reads b (8), 1/d
 * (4), two face arrays (8), agg (4) and writes x (8); pass 2 reads b, 1/d, the faces, agg and reads and
 * writes x — 32 + 40 = 72 B (3D 80 B) against 8 B × (15 + 4·D) = 184 B (3D 216 B) per grid cell (every
 * cell, domain or not) for the double four-pass level it replaces. The work per cell matters as much on
 * the 2-core machine: the interior-plane loops ({@link #sweepRun}, {@link #restrictRun}) have no tests;
 * measured alone on the 2D bench grid, pass 1 + pass 2 take 0.86 ms against 1.8 ms for the four double passes.
 *
 * <p>Memory: 4 B × (D + 1) per grid cell (float faces, 1/d) + 4 B (agg) + the runs.
 */
final class StencilSmoother {
    final int nx;
    final int ny;
    final int nz;
    final int plane;
    private final float[] fx;
    /** Null when ny = 1 (2D). */
    private final float[] fy;
    private final float[] fz;
    /** 1/d in float; 0 outside the domain. */
    final float[] invDiag;
    /** Aggregate of each grid cell (0 outside the domain: read only with a zero face coefficient). */
    private final int[] agg;
    /** Runs of row r = y + ny·z: runX0[k], runX1[k] (x range, exclusive end) for k in [runPtr[r], runPtr[r + 1]). */
    private final int[] runPtr;
    private final int[] runX0;
    private final int[] runX1;
    /** Domain cells (the ones visited). */
    final int cells;

    /**
     * @param op the double operator (faces and diagonal); its diagonal is read by {@link #setDiagonal}
     * @param compactToFull the domain cells
     * @param aggOfCompact level-1 aggregate of each domain cell
     */
    StencilSmoother(FaceStencil op, int[] compactToFull, int[] aggOfCompact) {
        nx = op.nx;
        ny = op.ny;
        nz = op.nz;
        plane = op.plane;
        int n = op.size();
        fx = toFloat(op.cx);
        fy = ny > 1 ? toFloat(op.cy) : null;
        fz = toFloat(op.cz);
        invDiag = new float[n];
        agg = new int[n];
        boolean[] in = new boolean[n];
        for (int q = 0; q < compactToFull.length; q++) {
            in[compactToFull[q]] = true;
            agg[compactToFull[q]] = aggOfCompact[q];
        }

        cells = compactToFull.length;
        int rows = ny * nz;
        runPtr = new int[rows + 1];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * nx;
            for (int x = 0; x < nx; x++) {
                if (in[base + x] && (x == 0 || !in[base + x - 1])) {
                    count++;
                }
            }
            runPtr[r + 1] = count;
        }
        runX0 = new int[count];
        runX1 = new int[count];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * nx;
            int x = 0;
            while (x < nx) {
                if (!in[base + x]) {
                    x++;
                    continue;
                }
                runX0[k] = x;
                while (x < nx && in[base + x]) {
                    x++;
                }
                runX1[k++] = x;
            }
        }
        setDiagonal(op.diag, compactToFull, 0, compactToFull.length);
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** 1/d from the operator's (double) diagonal for the domain cells compactToFull[lo..hi). */
    void setDiagonal(double[] diag, int[] compactToFull, int lo, int hi) {
        for (int q = lo; q < hi; q++) {
            int i = compactToFull[q];
            invDiag[i] = (float) (1 / diag[i]);
        }
    }

    /** 1/d of one grid cell from the operator's diagonal. */
    void setDiagonal(double[] diag, int i) {
        invDiag[i] = (float) (1 / diag[i]);
    }

    private static int first(int colour, int xs, int yy, int z) {
        return xs + ((colour + xs + yy + z) & 1);
    }

    /** Σ_faces c_f v_nb at cell i of plane z (checked at the z ends, unchecked inside: zero faces across row and plane ends). */
    private double nb(double[] v, int i, int xx, int yy, int z) {
        if (z > 0 && z < nz - 1) {
            double s = fx[i - 1] * v[i - 1] + fx[i] * v[i + 1] + fz[i - plane] * v[i - plane] + fz[i] * v[i + plane];
            if (fy != null) {
                s += fy[i - nx] * v[i - nx] + fy[i] * v[i + nx];
            }
            return s;
        }
        double s = 0;
        if (xx > 0) s += fx[i - 1] * v[i - 1];
        if (xx < nx - 1) s += fx[i] * v[i + 1];
        if (fy != null) {
            if (yy > 0) s += fy[i - nx] * v[i - nx];
            if (yy < ny - 1) s += fy[i] * v[i + nx];
        }
        if (z > 0) s += fz[i - plane] * v[i - plane];
        if (z < nz - 1) s += fz[i] * v[i + plane];
        return s;
    }

    /**
     * The same with the coarse correction v + w·vc[agg] added on the fly to the neighbours of the planes
     * whose flag is set (z − 1, z, z + 1): the red planes not corrected in place.
     */
    private double nbCorrected(double[] v, double w, double[] vc, int i, int xx, int yy, int z, boolean below, boolean self, boolean above) {
        final int[] ag = agg;
        double s = 0;
        if (xx > 0) s += fx[i - 1] * (self ? v[i - 1] + w * vc[ag[i - 1]] : v[i - 1]);
        if (xx < nx - 1) s += fx[i] * (self ? v[i + 1] + w * vc[ag[i + 1]] : v[i + 1]);
        if (fy != null) {
            if (yy > 0) s += fy[i - nx] * (self ? v[i - nx] + w * vc[ag[i - nx]] : v[i - nx]);
            if (yy < ny - 1) s += fy[i] * (self ? v[i + nx] + w * vc[ag[i + nx]] : v[i + nx]);
        }
        if (z > 0) s += fz[i - plane] * (below ? v[i - plane] + w * vc[ag[i - plane]] : v[i - plane]);
        if (z < nz - 1) s += fz[i] * (above ? v[i + plane] + w * vc[ag[i + plane]] : v[i + plane]);
        return s;
    }

    /** The coarse correction in place on the red cells of plane z: x += w·xc[agg]. */
    private void correctPlane(double[] x, double w, double[] xc, int z) {
        final int[] ag = agg;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                for (int xx = first(0, runX0[k], yy, z), e = runX1[k]; xx < e; xx += 2) {
                    int i = row + xx;
                    x[i] += w * xc[ag[i]];
                }
            }
        }
    }

    /**
     * Gauss–Seidel update x_i = (b_i + Σ c x_nb)/d_i of the cells i0, i0 + 2, … &lt; i1 of an interior
     * plane (0 &lt; z &lt; nz − 1): no tests, one loop the compiler keeps tight.
     */
    private void sweepRun(double[] x, double[] b, int i0, int i1) {
        final float[] cx = fx;
        final float[] cz = fz;
        final float[] id = invDiag;
        final int p = plane;
        if (fy == null) {
            for (int i = i0; i < i1; i += 2) {
                x[i] = (b[i] + cx[i - 1] * x[i - 1] + cx[i] * x[i + 1] + cz[i - p] * x[i - p] + cz[i] * x[i + p]) * id[i];
            }
        } else {
            final float[] cy = fy;
            final int w = nx;
            for (int i = i0; i < i1; i += 2) {
                x[i] = (b[i] + cx[i - 1] * x[i - 1] + cx[i] * x[i + 1] + cz[i - p] * x[i - p] + cz[i] * x[i + p]
                        + cy[i - w] * x[i - w] + cy[i] * x[i + w]) * id[i];
            }
        }
    }

    /** bc[agg_i] += Σ c x_nb for the cells i0, i0 + 2, … &lt; i1 of an interior plane. */
    private void restrictRun(double[] x, double[] bc, int i0, int i1) {
        final float[] cx = fx;
        final float[] cz = fz;
        final int[] ag = agg;
        final int p = plane;
        if (fy == null) {
            for (int i = i0; i < i1; i += 2) {
                bc[ag[i]] += cx[i - 1] * x[i - 1] + cx[i] * x[i + 1] + cz[i - p] * x[i - p] + cz[i] * x[i + p];
            }
        } else {
            final float[] cy = fy;
            final int w = nx;
            for (int i = i0; i < i1; i += 2) {
                bc[ag[i]] += cx[i - 1] * x[i - 1] + cx[i] * x[i + 1] + cz[i - p] * x[i - p] + cz[i] * x[i + p]
                        + cy[i - w] * x[i - w] + cy[i] * x[i + w];
            }
        }
    }

    /** Red from zero on plane z: x = b/d. */
    private void redFromZero(double[] x, double[] b, int z) {
        final float[] id = invDiag;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                for (int xx = first(0, runX0[k], yy, z), e = runX1[k]; xx < e; xx += 2) {
                    int i = row + xx;
                    x[i] = b[i] * id[i];
                }
            }
        }
    }

    /** Black of plane z after red from zero; the red of the planes z ± 1 outside [z0, z1) formed as b/d. */
    private void blackFromRed(double[] x, double[] b, int z, int z0, int z1) {
        if (z - 1 >= z0 || z == 0) {
            if (z + 1 < z1 || z == nz - 1) {
                blackOwn(x, b, z);
                return;
            }
        }
        final float[] id = invDiag;
        boolean below = z > 0;
        boolean above = z < nz - 1;
        boolean belowOwn = z - 1 >= z0;
        boolean aboveOwn = z + 1 < z1;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                for (int xx = first(1, runX0[k], yy, z), e = runX1[k]; xx < e; xx += 2) {
                    int i = row + xx;
                    double s = 0;
                    if (xx > 0) s += fx[i - 1] * x[i - 1];
                    if (xx < nx - 1) s += fx[i] * x[i + 1];
                    if (fy != null) {
                        if (yy > 0) s += fy[i - nx] * x[i - nx];
                        if (yy < ny - 1) s += fy[i] * x[i + nx];
                    }
                    if (below) {
                        int j = i - plane;
                        s += fz[j] * (belowOwn ? x[j] : b[j] * id[j]);
                    }
                    if (above) {
                        int j = i + plane;
                        s += fz[i] * (aboveOwn ? x[j] : b[j] * id[j]);
                    }
                    x[i] = (b[i] + s) * id[i];
                }
            }
        }
    }

    /** A plain colour-1 (black) Gauss–Seidel sweep of plane z: x = (b + Σ c x_nb)/d. */
    private void blackOwn(double[] x, double[] b, int z) {
        final float[] id = invDiag;
        final boolean in = z > 0 && z < nz - 1;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                if (in) {
                    sweepRun(x, b, row + first(1, runX0[k], yy, z), row + runX1[k]);
                    continue;
                }
                for (int xx = first(1, runX0[k], yy, z), e = runX1[k]; xx < e; xx += 2) {
                    int i = row + xx;
                    x[i] = (b[i] + nb(x, i, xx, yy, z)) * id[i];
                }
            }
        }
    }

    /** bc[agg] += red residual of plane z = Σ c x_black_nb (after the sweeps from zero). */
    private void restrictPlane(double[] x, double[] bc, int z) {
        final int[] ag = agg;
        final boolean in = z > 0 && z < nz - 1;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                if (in) {
                    restrictRun(x, bc, row + first(0, runX0[k], yy, z), row + runX1[k]);
                    continue;
                }
                for (int xx = first(0, runX0[k], yy, z), e = runX1[k]; xx < e; xx += 2) {
                    int i = row + xx;
                    bc[ag[i]] += nb(x, i, xx, yy, z);
                }
            }
        }
    }

    /** Red sweep of plane z (x = (b + Σ c x_nb)/d); returns Σ b·x over the plane's domain cells. */
    private double redPlane(double[] x, double[] b, int z) {
        final float[] id = invDiag;
        final boolean in = z > 0 && z < nz - 1;
        double dot = 0;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                int e = runX1[k];
                if (in) {
                    sweepRun(x, b, row + first(0, runX0[k], yy, z), row + e);
                } else {
                    for (int xx = first(0, runX0[k], yy, z); xx < e; xx += 2) {
                        int i = row + xx;
                        x[i] = (b[i] + nb(x, i, xx, yy, z)) * id[i];
                    }
                }
                for (int i = row + runX0[k]; i < row + e; i++) {
                    dot += b[i] * x[i];
                }
            }
        }
        return dot;
    }

    /** Black of plane z; the red planes flagged get the coarse correction on the fly (the others were corrected in place). */
    private void blackCorrected(double[] x, double[] b, double w, double[] xc, int z, boolean below, boolean self, boolean above) {
        final float[] id = invDiag;
        for (int yy = 0; yy < ny; yy++) {
            int r = yy + ny * z;
            int row = r * nx;
            for (int k = runPtr[r]; k < runPtr[r + 1]; k++) {
                for (int xx = first(1, runX0[k], yy, z), e = runX1[k]; xx < e; xx += 2) {
                    int i = row + xx;
                    x[i] = (b[i] + nbCorrected(x, w, xc, i, xx, yy, z, below, self, above)) * id[i];
                }
            }
        }
    }

    /** Whether plane z of chunk [z0, z1) is restricted after all chunks (it needs a black plane of another chunk). */
    private boolean restrictLater(int z, int z0, int z1) {
        return z0 > 0 && z < z0 + 2 || z1 < nz && z >= z1 - 2;
    }

    /** Whether plane z of chunk [z0, z1) gets its final red sweep after all chunks. */
    private boolean redLater(int z, int z0, int z1) {
        return z0 > 0 && z == z0 || z1 < nz && z == z1 - 1;
    }

    /**
     * Pass 1 on the planes of [lo, hi) (a chunk of whole plane pairs): pre-smoothing from x = 0 and
     * the restriction bc[agg] += (b − A x) of the red cells (bc zeroed by the caller); the planes
     * {@link #restrictLater} are left to {@link #presmoothRestrictEdges}.
     */
    void presmoothRestrict(double[] x, double[] b, double[] bc, int lo, int hi) {
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            redFromZero(x, b, z);
            if (z - 1 >= z0) {
                blackFromRed(x, b, z - 1, z0, z1);
            }
            if (z - 2 >= z0 && !restrictLater(z - 2, z0, z1)) {
                restrictPlane(x, bc, z - 2);
            }
        }
        blackFromRed(x, b, z1 - 1, z0, z1);
        for (int z = Math.max(z0, z1 - 2); z < z1; z++) {
            if (!restrictLater(z, z0, z1)) {
                restrictPlane(x, bc, z);
            }
        }
    }

    /** The restriction of the edge planes of chunk [lo, hi), after {@link #presmoothRestrict} of every chunk. */
    void presmoothRestrictEdges(double[] x, double[] bc, int lo, int hi) {
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        for (int z = z0; z < z1; z++) {
            if (restrictLater(z, z0, z1)) {
                restrictPlane(x, bc, z);
            }
            if (z == z0 + 1 && z1 - 2 > z) {
                z = z1 - 3; // skip to the last pair
            }
        }
    }

    /**
     * Pass 2 on the planes of [lo, hi): post-smoothing black with the coarse correction w·xc[agg] of the
     * red neighbours, then red; returns Σ b·x over the planes done (all but the {@link #redLater} ones,
     * which {@link #postsmoothEdges} finishes).
     */
    double postsmooth(double[] x, double[] b, double w, double[] xc, int lo, int hi) {
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        double dot = 0;
        // the red planes read by another chunk (its edge planes, and ours: redLater) are corrected on the fly
        if (!redLater(z0, z0, z1)) {
            correctPlane(x, w, xc, z0);
        }
        for (int z = z0; z < z1; z++) {
            if (z + 1 < z1 && !redLater(z + 1, z0, z1)) {
                correctPlane(x, w, xc, z + 1);
            }
            boolean below = z > 0 && (z - 1 < z0 || redLater(z - 1, z0, z1));
            boolean self = redLater(z, z0, z1);
            boolean above = z < nz - 1 && (z + 1 >= z1 || redLater(z + 1, z0, z1));
            if (below || self || above) {
                blackCorrected(x, b, w, xc, z, below, self, above);
            } else {
                blackOwn(x, b, z);
            }
            if (z - 1 >= z0 && !redLater(z - 1, z0, z1)) {
                dot += redPlane(x, b, z - 1);
            }
        }
        if (!redLater(z1 - 1, z0, z1)) {
            dot += redPlane(x, b, z1 - 1);
        }
        return dot;
    }

    /** The red sweep of the edge planes of chunk [lo, hi) after {@link #postsmooth} of every chunk; returns their Σ b·x. */
    double postsmoothEdges(double[] x, double[] b, int lo, int hi) {
        int z0 = lo / plane;
        int z1 = (hi + plane - 1) / plane;
        double dot = 0;
        if (redLater(z0, z0, z1)) {
            dot += redPlane(x, b, z0);
        }
        if (z1 - 1 > z0 && redLater(z1 - 1, z0, z1)) {
            dot += redPlane(x, b, z1 - 1);
        }
        return dot;
    }
}
