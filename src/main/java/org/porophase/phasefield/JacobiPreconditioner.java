package org.porophase.phasefield;

/**
 * Jacobi (diagonal) preconditioner M = diag(A): z_i = r_i / d_i. Cost per application: one read of
 * r and d, one write of z per unknown. {@link ConjugateGradient} recognises it and fuses z = r/d and
 * r·z into its x/r update pass (one pass over the vectors per iteration instead of two); the
 * stand-alone {@link #apply} exists for other callers and is serial.
 */
final class JacobiPreconditioner implements Preconditioner {
    private double[] diagonal;
    private int[] cells;

    /**
     * @param diagonal d_i by cell (the same indexing as the vectors)
     * @param cells the cells of the positions (null: every index of the vectors)
     */
    JacobiPreconditioner(double[] diagonal, int[] cells) {
        this.diagonal = diagonal;
        this.cells = cells;
    }

    /** Changes the diagonal and the cells (no copy). */
    void set(double[] diagonal, int[] cells) {
        this.diagonal = diagonal;
        this.cells = cells;
    }

    double[] diagonal() {
        return diagonal;
    }

    @Override
    public double apply(double[] r, double[] z) {
        double s = 0;
        if (cells == null) {
            for (int i = 0; i < diagonal.length; i++) {
                z[i] = r[i] / diagonal[i];
                s += r[i] * z[i];
            }
        } else {
            for (int i : cells) {
                z[i] = r[i] / diagonal[i];
                s += r[i] * z[i];
            }
        }
        return s;
    }
}
