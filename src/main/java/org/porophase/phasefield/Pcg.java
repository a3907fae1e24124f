package org.porophase.phasefield;

import org.porophase.core.Parallel;

/**
 * Jacobi-preconditioned conjugate gradients on a subset of grid cells (an index list), for the
 * symmetric positive-definite operators of the solver. Vectors are full-grid arrays; only the listed
 * cells are touched. Loops are split over {@link Parallel}.
 */
final class Pcg {
    /** y_i = (A x)_i for i in idx[lo, hi). */
    interface Op {
        void apply(double[] x, double[] y, int[] idx, int lo, int hi);
    }

    private final Parallel par;
    private double[] r;
    private double[] z;
    private double[] p;
    private double[] ap;
    /** Iterations of the last solve. */
    int lastIterations;
    /** Relative residual of the last solve. */
    double lastResidual;

    Pcg(Parallel par, int n) {
        this.par = par;
        r = new double[n];
        z = new double[n];
        p = new double[n];
        ap = new double[n];
    }

    /**
     * Solves A x = b on the cells {@code idx} (x holds the initial guess), to ‖r‖ ≤ tol·‖b‖ (or ≤ absTol).
     *
     * @return iterations used
     */
    int solve(Op op, double[] diag, int[] idx, double[] b, double[] x, double tol, double absTol, int maxIter) {
        final int m = idx.length;
        if (m == 0) {
            lastIterations = 0;
            lastResidual = 0;
            return 0;
        }
        final double[] r = this.r;
        final double[] z = this.z;
        final double[] p = this.p;
        final double[] ap = this.ap;
        par.forRange(m, m, (lo, hi) -> op.apply(x, ap, idx, lo, hi));
        double bb = par.sum(m, m, (lo, hi) -> {
            double s = 0;
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                double ri = b[i] - ap[i];
                r[i] = ri;
                double zi = ri / diag[i];
                z[i] = zi;
                p[i] = zi;
                s += b[i] * b[i];
            }
            return s;
        });
        double rr = dot(r, r, idx);
        double rz = dot(r, z, idx);
        double bnorm = Math.sqrt(bb);
        double target = Math.max(tol * bnorm, absTol);
        int it = 0;
        while (Math.sqrt(rr) > target && it < maxIter) {
            // pass 1: Ap and p·Ap
            double pap = par.sum(m, m, (lo, hi) -> {
                op.apply(p, ap, idx, lo, hi);
                double acc = 0;
                for (int k = lo; k < hi; k++) {
                    int i = idx[k];
                    acc += p[i] * ap[i];
                }
                return acc;
            });
            if (!(pap > 0)) {
                break;
            }
            final double alpha = rz / pap;
            // pass 2: x, r, z updates with r·r and r·z
            final double[] acc2 = new double[2];
            // a single chunk (inline below Parallel.MIN_PARALLEL) adds its sums to 0: bit-identical to a serial loop
            par.forRange(m, m, (lo, hi) -> {
                double s1 = 0;
                double s2 = 0;
                for (int k = lo; k < hi; k++) {
                    int i = idx[k];
                    x[i] += alpha * p[i];
                    double ri = r[i] - alpha * ap[i];
                    r[i] = ri;
                    double zi = ri / diag[i];
                    z[i] = zi;
                    s1 += ri * ri;
                    s2 += ri * zi;
                }
                synchronized (acc2) {
                    acc2[0] += s1;
                    acc2[1] += s2;
                }
            });
            rr = acc2[0];
            double rzNew = acc2[1];
            final double beta = rzNew / rz;
            rz = rzNew;
            par.forRange(m, m, (lo, hi) -> {
                for (int k = lo; k < hi; k++) {
                    int i = idx[k];
                    p[i] = z[i] + beta * p[i];
                }
            });
            it++;
        }
        lastIterations = it;
        lastResidual = bnorm > 0 ? Math.sqrt(rr) / bnorm : Math.sqrt(rr);
        return it;
    }

    private double dot(double[] a, double[] b, int[] idx) {
        return par.sum(idx.length, idx.length, (lo, hi) -> {
            double s = 0;
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                s += a[i] * b[i];
            }
            return s;
        });
    }
}
