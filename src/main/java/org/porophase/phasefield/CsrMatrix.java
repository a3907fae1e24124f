package org.porophase.phasefield;

/**
 * A sparse symmetric matrix in compressed-row form with the diagonal kept apart (so that a
 * diagonal shift is one array update): A = diag(d) + off-diagonal CSR. Positions are rows; the
 * {@code cells} argument of {@link LinearOperator} is ignored (the vectors are compact).
 *
 * <p>Also the Gauss–Seidel passes of {@link AggregationMultigrid} on its CSR levels: lexicographic
 * (serial) sweeps, and — when the matrix is two-coloured by (x+y+z) mod 2 of the unknowns' grid
 * coordinates, as for any Galerkin product of a 5-/7-point operator with 2×2(×2) aggregates — red–black
 * passes that are parallel over row chunks (the same passes as {@link FaceStencil}'s).
 */
final class CsrMatrix implements LinearOperator {
    final int rows;
    final int[] offPtr;
    final int[] offCol;
    final double[] offVal;
    final double[] baseDiag;
    final double[] diag;
    /** 1/diag, kept by {@link #setDiag} (the smoothing passes multiply by it). */
    final double[] invDiag;
    /** Colour 0/1 of each row, or null when the matrix is not red–black ordered. */
    final byte[] colour;

    /**
     * @param rowPtr CSR with the diagonal among the entries (duplicates are added)
     * @param x grid coordinates of the unknowns (for the colouring); null: no colouring
     */
    CsrMatrix(int[] rowPtr, int[] col, double[] val, int[] x, int[] y, int[] z) {
        rows = rowPtr.length - 1;
        baseDiag = new double[rows];
        int off = 0;
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                if (col[k] == i) {
                    baseDiag[i] += val[k];
                } else {
                    off++;
                }
            }
        }
        offPtr = new int[rows + 1];
        offCol = new int[off];
        offVal = new double[off];
        off = 0;
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                if (col[k] != i) {
                    offCol[off] = col[k];
                    offVal[off++] = val[k];
                }
            }
            offPtr[i + 1] = off;
        }
        diag = baseDiag.clone();
        invDiag = new double[rows];
        for (int i = 0; i < rows; i++) {
            invDiag[i] = 1 / diag[i];
        }
        byte[] c = null;
        if (x != null) {
            c = new byte[rows];
            for (int i = 0; i < rows; i++) {
                c[i] = (byte) ((x[i] + y[i] + z[i]) & 1);
            }
            for (int i = 0; i < rows && c != null; i++) {
                for (int k = offPtr[i]; k < offPtr[i + 1]; k++) {
                    if (c[offCol[k]] == c[i]) {
                        c = null; // a coupling within one colour: not red–black, use lexicographic sweeps
                        break;
                    }
                }
            }
        }
        colour = c;
        if (c != null) {
            int nr = 0;
            for (int i = 0; i < rows; i++) {
                nr += 1 - c[i];
            }
            redRows = new int[nr];
            blackRows = new int[rows - nr];
            int kr = 0;
            int kb = 0;
            for (int i = 0; i < rows; i++) {
                if (c[i] == 0) {
                    redRows[kr++] = i;
                } else {
                    blackRows[kb++] = i;
                }
            }
        } else {
            redRows = null;
            blackRows = null;
        }
    }

    /**
     * The red and the black rows, ascending (red–black matrices only): the passes loop over one colour's
     * list instead of testing the colour row by row (the colours of consecutive rows alternate irregularly
     * with the aggregates' numbering: a mispredicted branch per row).
     */
    final int[] redRows;
    final int[] blackRows;

    /** First position in the ascending list {@code a} with a[k] ≥ v. */
    private static int lowerBound(int[] a, int v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Fixed-width copy of the off-diagonals (ELLPACK: row i at [W·i, W·i + W), padded with the row's own
     * column and the value 0, which leaves every sum unchanged to the bit), W = 4 or 6: the loops over a
     * row are then unrolled, without the row pointers and the short variable-length inner loop. Built by
     * {@link #useFixedWidth} (the multigrid's coarse levels); 0 = CSR only.
     */
    private int ellW;
    private int[] ellCol;
    private double[] ellVal;

    /** Builds the fixed-width copy when every row has at most 6 off-diagonals (5-/7-point Galerkin levels). */
    void useFixedWidth() {
        int max = 0;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, offPtr[i + 1] - offPtr[i]);
        }
        int w = max <= 4 ? 4 : max <= 6 ? 6 : 0;
        if (w == 0) {
            return;
        }
        int[] c = new int[w * rows];
        double[] v = new double[w * rows];
        for (int i = 0; i < rows; i++) {
            int k = w * i;
            for (int e = offPtr[i]; e < offPtr[i + 1]; e++, k++) {
                c[k] = offCol[e];
                v[k] = offVal[e];
            }
            for (; k < w * (i + 1); k++) {
                c[k] = i;
            }
        }
        ellCol = c;
        ellVal = v;
        ellW = w;
    }

    /** Σ_{j≠i} a_ij x_j (the off-diagonal part of row i, in CSR order). */
    private double off(double[] x, int i) {
        if (ellW == 4) {
            final int k = 4 * i;
            final int[] c = ellCol;
            final double[] v = ellVal;
            return v[k] * x[c[k]] + v[k + 1] * x[c[k + 1]] + v[k + 2] * x[c[k + 2]] + v[k + 3] * x[c[k + 3]];
        }
        if (ellW == 6) {
            final int k = 6 * i;
            final int[] c = ellCol;
            final double[] v = ellVal;
            return v[k] * x[c[k]] + v[k + 1] * x[c[k + 1]] + v[k + 2] * x[c[k + 2]] + v[k + 3] * x[c[k + 3]]
                    + v[k + 4] * x[c[k + 4]] + v[k + 5] * x[c[k + 5]];
        }
        double s = 0;
        for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
            s += offVal[k] * x[offCol[k]];
        }
        return s;
    }

    /** Width of the fixed-width copy (4 or 6), 0 when there is none. */
    int width() {
        return ellW;
    }

    /** Sets diag_i (and its inverse). */
    void setDiag(int i, double d) {
        diag[i] = d;
        invDiag[i] = 1 / d;
    }

    boolean redBlack() {
        return colour != null;
    }

    @Override
    public void apply(double[] x, double[] y, int[] cells, int lo, int hi) {
        if (ellW != 0) {
            for (int i = lo; i < hi; i++) {
                y[i] = diag[i] * x[i] + off(x, i);
            }
            return;
        }
        for (int i = lo; i < hi; i++) {
            double s = diag[i] * x[i];
            for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
                s += offVal[k] * x[offCol[k]];
            }
            y[i] = s;
        }
    }

    @Override
    public double applyDot(double[] x, double[] y, int[] cells, int lo, int hi) {
        double dot = 0;
        for (int i = lo; i < hi; i++) {
            double s = diag[i] * x[i];
            for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
                s += offVal[k] * x[offCol[k]];
            }
            y[i] = s;
            dot += s * x[i];
        }
        return dot;
    }

    /** y = A x without the shift (base diagonal), rows [lo, hi). */
    void applyBase(double[] x, double[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double s = baseDiag[i] * x[i];
            for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
                s += offVal[k] * x[offCol[k]];
            }
            y[i] = s;
        }
    }

    /** One lexicographic Gauss–Seidel sweep over all rows, forward or backward (serial). */
    void gaussSeidel(double[] x, double[] b, boolean forward) {
        if (forward) {
            for (int i = 0; i < rows; i++) {
                x[i] = row(x, b, i) * invDiag[i];
            }
        } else {
            for (int i = rows - 1; i >= 0; i--) {
                x[i] = row(x, b, i) * invDiag[i];
            }
        }
    }

    /** b_i − Σ_{j≠i} a_ij x_j (the off-diagonal part of row i). */
    double row(double[] x, double[] b, int i) {
        if (ellW != 0) {
            return b[i] - off(x, i);
        }
        double acc = b[i];
        for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
            acc -= offVal[k] * x[offCol[k]];
        }
        return acc;
    }

    /** Red–black pre-smoothing from x = 0 in one pass (see {@link FaceStencil#presmoothFromZero}), rows [lo, hi). */
    void presmoothFromZero(double[] x, double[] b, int lo, int hi) {
        final double[] id = invDiag;
        for (int k = lowerBound(redRows, lo), e = lowerBound(redRows, hi); k < e; k++) {
            int i = redRows[k];
            x[i] = b[i] * id[i];
        }
        for (int t = lowerBound(blackRows, lo), e = lowerBound(blackRows, hi); t < e; t++) {
            int i = blackRows[t];
            double acc = b[i];
            if (ellW != 0) {
                for (int k = ellW * i, ke = k + ellW; k < ke; k++) {
                    int j = ellCol[k];
                    acc -= ellVal[k] * (b[j] * id[j]);
                }
            } else {
                for (int k = offPtr[i], ke = offPtr[i + 1]; k < ke; k++) {
                    int j = offCol[k];
                    acc -= offVal[k] * (b[j] * id[j]);
                }
            }
            x[i] = acc * id[i];
        }
    }

    /**
     * Residual restriction by aggregate (coarse rows [lo, hi), race-free gather): bc_I = Σ over the red
     * members i of I ({@code redPtr}, {@code redMembers}: the red rows of each aggregate, ascending) of
     * (b − A x)_i (black residuals are zero after the black sweep).
     */
    void restrictResidual(double[] x, double[] b, int[] redPtr, int[] redMembers, double[] bc, int lo, int hi) {
        for (int c = lo; c < hi; c++) {
            double s = 0;
            for (int m = redPtr[c], e = redPtr[c + 1]; m < e; m++) {
                int i = redMembers[m];
                s += row(x, b, i) - diag[i] * x[i];
            }
            bc[c] = s;
        }
    }

    /**
     * The coarse correction x += w·xc[agg] on the red rows of [lo, hi) (the black rows' correction is
     * not needed: the black sweep that follows overwrites them).
     */
    void correctRed(double[] x, double w, double[] xc, int[] agg, int lo, int hi) {
        for (int k = lowerBound(redRows, lo), e = lowerBound(redRows, hi); k < e; k++) {
            int i = redRows[k];
            x[i] += w * xc[agg[i]];
        }
    }

    /** Black sweep (after {@link #correctRed} of all rows). */
    void postsmoothBlack(double[] x, double[] b, int lo, int hi) {
        final double[] id = invDiag;
        for (int k = lowerBound(blackRows, lo), e = lowerBound(blackRows, hi); k < e; k++) {
            int i = blackRows[k];
            x[i] = row(x, b, i) * id[i];
        }
    }

    /** Final red sweep; returns Σ b·x over rows [lo, hi). */
    double postsmoothRed(double[] x, double[] b, int lo, int hi) {
        final double[] id = invDiag;
        for (int k = lowerBound(redRows, lo), e = lowerBound(redRows, hi); k < e; k++) {
            int i = redRows[k];
            x[i] = row(x, b, i) * id[i];
        }
        double dot = 0;
        for (int i = lo; i < hi; i++) {
            dot += b[i] * x[i];
        }
        return dot;
    }
}
