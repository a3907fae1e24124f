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
    }

    boolean redBlack() {
        return colour != null;
    }

    @Override
    public void apply(double[] x, double[] y, int[] cells, int lo, int hi) {
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
                x[i] = row(x, b, i) / diag[i];
            }
        } else {
            for (int i = rows - 1; i >= 0; i--) {
                x[i] = row(x, b, i) / diag[i];
            }
        }
    }

    /** b_i − Σ_{j≠i} a_ij x_j (the off-diagonal part of row i). */
    double row(double[] x, double[] b, int i) {
        double acc = b[i];
        for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
            acc -= offVal[k] * x[offCol[k]];
        }
        return acc;
    }

    /** Red–black pre-smoothing from x = 0 in one pass (see {@link FaceStencil#presmoothFromZero}). */
    void presmoothFromZero(double[] x, double[] b, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            if (colour[i] == 0) {
                x[i] = b[i] / diag[i];
            } else {
                double acc = b[i];
                for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
                    int j = offCol[k];
                    acc -= offVal[k] * (b[j] / diag[j]);
                }
                x[i] = acc / diag[i];
            }
        }
    }

    /**
     * Residual restriction by aggregate (coarse rows [lo, hi), race-free gather):
     * bc_I = Σ over the red members i of I of (b − A x)_i (black residuals are zero after the black sweep).
     */
    void restrictResidual(double[] x, double[] b, int[] memberPtr, int[] members, double[] bc, int lo, int hi) {
        for (int c = lo; c < hi; c++) {
            double s = 0;
            for (int m = memberPtr[c], e = memberPtr[c + 1]; m < e; m++) {
                int i = members[m];
                if (colour[i] == 0) {
                    s += row(x, b, i) - diag[i] * x[i];
                }
            }
            bc[c] = s;
        }
    }

    /** Black sweep with the coarse correction x += w·xc[agg] formed on the fly for the red neighbours. */
    void postsmoothBlack(double[] x, double[] b, double w, double[] xc, int[] agg, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            if (colour[i] != 0) {
                double acc = b[i];
                for (int k = offPtr[i], e = offPtr[i + 1]; k < e; k++) {
                    int j = offCol[k];
                    acc -= offVal[k] * (x[j] + w * xc[agg[j]]);
                }
                x[i] = acc / diag[i];
            }
        }
    }

    /** Final red sweep; returns Σ b·x over rows [lo, hi). */
    double postsmoothRed(double[] x, double[] b, int lo, int hi) {
        double dot = 0;
        for (int i = lo; i < hi; i++) {
            if (colour[i] == 0) {
                x[i] = row(x, b, i) / diag[i];
            }
            dot += b[i] * x[i];
        }
        return dot;
    }
}
