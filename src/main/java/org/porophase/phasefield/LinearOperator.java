package org.porophase.phasefield;

/**
 * A symmetric positive-definite operator y = A x for {@link ConjugateGradient}, applied chunk by
 * chunk so that the solver can split it over threads.
 *
 * <p>Vectors are arrays indexed by cell. The solver works on <em>positions</em> [0, m): position k is
 * cell {@code cells[k]} when the unknowns are a list of cells of a larger grid array, or cell k when
 * {@code cells == null} (the unknowns are the whole array). {@link #apply} writes y only at the cells
 * of its positions and may read x anywhere (neighbours).
 */
@FunctionalInterface
interface LinearOperator {
    /** y_i = (A x)_i for the cells i of positions [lo, hi). */
    void apply(double[] x, double[] y, int[] cells, int lo, int hi);

    /**
     * y = A x on positions [lo, hi) and returns Σ x_i y_i over them. The default is {@link #apply}
     * followed by a dot product over the same chunk (still in cache when chunks are small); a
     * stencil overrides it with a single fused pass.
     */
    default double applyDot(double[] x, double[] y, int[] cells, int lo, int hi) {
        apply(x, y, cells, lo, hi);
        double s = 0;
        if (cells == null) {
            for (int i = lo; i < hi; i++) {
                s += x[i] * y[i];
            }
        } else {
            for (int k = lo; k < hi; k++) {
                int i = cells[k];
                s += x[i] * y[i];
            }
        }
        return s;
    }

    /**
     * Chunk boundaries the operator needs (positions): a chunk of {@link #apply} always starts at a
     * multiple of this (e.g. a grid plane for a stencil). Default 1.
     */
    default int alignment() {
        return 1;
    }
}
