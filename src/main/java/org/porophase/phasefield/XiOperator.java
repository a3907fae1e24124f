package org.porophase.phasefield;

/**
 * The constant implicit operator of the semi-implicit ξ step ({@link AllenCahnStep}),
 * A = (1/Δt + S + S_w) − L_σκ_max ∇² on the open cells of a {@link Grid} (masked isotropic 9-/19-point
 * Laplacian), as a field object for {@link ConjugateGradient}: matrix-free y = A x on full-grid vectors
 * at the listed open cells, and its compact CSR (assembled once; the uniform part 1/Δt + S is a
 * diagonal shift, so a change of Δt does not re-assemble it).
 */
final class XiOperator implements LinearOperator {
    private final Grid gr;
    private final double kmax;
    private final double[] ws;
    private final byte[] wf;
    /** 1/Δt + S of the current step (the linearized scheme: 1/Δt). */
    double a0;
    /**
     * Per-cell diagonal added to a0 instead of the wall stabilization S_w: the local Jacobian J_i of the linearized
     * scheme ({@link AllenCahnStep}); null for the stabilized step.
     */
    double[] local;

    XiOperator(Grid gr, double kmax, double[] ws) {
        this.gr = gr;
        this.kmax = kmax;
        this.ws = ws;
        this.wf = gr.wallFaces;
    }

    @Override
    public void apply(double[] u, double[] y, int[] ix, int lo, int hi) {
        final double a = a0;
        final double[] d = local;
        if (d != null) {
            for (int k = lo; k < hi; k++) {
                int i = ix[k];
                y[i] = (a + d[i]) * u[i] - kmax * gr.lap(u, i);
            }
            return;
        }
        for (int k = lo; k < hi; k++) {
            int i = ix[k];
            y[i] = (a + ws[wf[i]]) * u[i] - kmax * gr.lap(u, i);
        }
    }

    @Override
    public double applyDot(double[] u, double[] y, int[] ix, int lo, int hi) {
        final double a = a0;
        final double[] d = local;
        double s = 0;
        if (d != null) {
            for (int k = lo; k < hi; k++) {
                int i = ix[k];
                double v = (a + d[i]) * u[i] - kmax * gr.lap(u, i);
                y[i] = v;
                s += v * u[i];
            }
            return s;
        }
        for (int k = lo; k < hi; k++) {
            int i = ix[k];
            double v = (a + ws[wf[i]]) * u[i] - kmax * gr.lap(u, i);
            y[i] = v;
            s += v * u[i];
        }
        return s;
    }

    /**
     * Multigrid preconditioner of A on the open cells (compact unknowns = positions of
     * {@link Grid#openIdx}): the CSR of A without the uniform shift 1/Δt + S (the wall stabilization
     * S_w n_w and −L_σκ_max∇²), hierarchy built once; {@link Multigrid#setShift} sets 1/Δt + S.
     */
    Multigrid multigrid(SlabExecutor team) {
        final int[] idx = gr.openIdx;
        final int m = idx.length;
        int[] compact = new int[gr.n];
        java.util.Arrays.fill(compact, -1);
        for (int q = 0; q < m; q++) {
            compact[idx[q]] = q;
        }
        int links = gr.nbOff.length;
        int[] rp = new int[m + 1];
        int[] col = new int[m * (links + 1)];
        double[] val = new double[col.length];
        int[] cx = new int[m];
        int[] cy = new int[m];
        int[] cz = new int[m];
        int nnz = 0;
        for (int q = 0; q < m; q++) {
            int i = idx[q];
            cx[q] = gr.xOf(i);
            cy[q] = gr.yOf(i);
            cz[q] = gr.zOf(i);
            col[nnz] = q;
            val[nnz++] = ws[wf[i]] + kmax * gr.lapDiagonal(i);
            int b = gr.nbBits[i];
            while (b != 0) {
                int k = Integer.numberOfTrailingZeros(b);
                b &= b - 1;
                col[nnz] = compact[i + gr.nbOff[k]];
                val[nnz++] = -kmax * gr.linkWeight(i, k);
            }
            rp[q + 1] = nnz;
        }
        return new Multigrid(new AggregationMultigrid(team, rp, java.util.Arrays.copyOf(col, nnz), java.util.Arrays.copyOf(val, nnz), cx, cy, cz), idx);
    }

    /** One {@link AggregationMultigrid} V-cycle on the compact open cells, for full-grid CG vectors. */
    static final class Multigrid implements Preconditioner {
        private final AggregationMultigrid mg;
        private final int[] idx;
        private final double[] rc;
        private final double[] zc;
        private double[] shift;
        private double shiftValue = Double.NaN;

        Multigrid(AggregationMultigrid mg, int[] idx) {
            this.mg = mg;
            this.idx = idx;
            rc = new double[idx.length];
            zc = new double[idx.length];
        }

        /** Sets the uniform shift 1/Δt + S (no work when unchanged). */
        void setShift(double s) {
            if (s != shiftValue) {
                if (shift == null) {
                    shift = new double[idx.length];
                }
                java.util.Arrays.fill(shift, s);
                mg.setShift(shift);
                shiftValue = s;
            }
        }

        int levels() {
            return mg.levels();
        }

        @Override
        public double apply(double[] r, double[] z) {
            final int[] ix = idx;
            final double[] a = rc;
            final double[] b = zc;
            for (int q = 0; q < ix.length; q++) {
                a[q] = r[ix[q]];
            }
            double s = mg.apply(a, b);
            for (int q = 0; q < ix.length; q++) {
                z[ix[q]] = b[q];
            }
            return s;
        }
    }
}
