package org.porophase.transport;

import java.util.Arrays;

import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Steady conduction through a <em>two-phase</em> composite along one axis: the chosen phase has
 * conductivity σ_phase = 1, every other voxel σ_other = R (the conductivity ratio σ_other/σ_phase,
 * 0 &lt; R, finite); potential u = 1 on the inlet face, u = 0 on the outlet face, sides no-flux (=
 * mirror) or periodic ({@link TransportOptions#sides}), as in {@link TortuositySolver}. With both phases
 * conducting every voxel is solved (no percolation test).
 *
 * <p><b>Estimator.</b> Cell-centred finite volumes on the voxel grid: the conductance of the face between
 * face neighbours i, j along axis a is c_a · 2σ_iσ_j/(σ_i + σ_j) (the harmonic mean: the two half-cells
 * in series; = σ inside one phase), c_a = 1/h_a² with the edges scaled by the smallest; the Dirichlet
 * faces are half a cell from the first/last centres, conductance 2c_Z σ_i. This is exact for a laminate
 * of layers aligned with the voxels: parallel to the layers σ_eff = f₁σ₁ + f₂σ₂ (arithmetic / parallel
 * bound), across them 1/σ_eff = f₁/σ₁ + f₂/σ₂ (harmonic / series bound) — the two Wiener bounds, Wiener
 * (1912), Torquato, Random Heterogeneous Materials (2002) §21.1. Result: σ_eff/σ_phase = I·L/(A·ΔU)
 * (dimensionless; flux I through the box of length L and cross-section A in the units of σ_phase).
 *
 * <p><b>Solver.</b> Conjugate gradients (Saad, Iterative Methods for Sparse Linear Systems, Alg. 9.1)
 * preconditioned by the diagonal (Jacobi; it removes the contrast scaling of the rows, not the O(n)
 * growth of the iteration count with the size), the potential u in double (float u stalls the flux
 * agreement near 1e-5 at contrast), r, p, A·p in single precision, sums in double, starting from the linear profile u = 1 − (z + ½)/n_z. Converged on flux like the one-phase
 * solver: the fluxes through the inlet face, every interior cross-section and the outlet face agree to
 * {@link TransportOptions#fluxTolerance} (relative spread) and the <em>true</em> residual ‖b − Au‖/‖b‖
 * (recomputed from u, then replacing the recursive one) is below {@link TransportOptions#residualTolerance}.
 * Multi-threaded over planes along the axis ({@link Parallel}).
 *
 * <p><b>Memory</b>, estimated and checked before anything is allocated: {@value #BYTES_PER_VOXEL}
 * bytes per voxel (1-byte phase indicator; the potential u in double, r, p, A·p in float) plus 8 bytes per plane.
 */
public final class TwoPhaseConduction {
    /** Bytes per voxel of the solve. */
    public static final int BYTES_PER_VOXEL = 21;

    private TwoPhaseConduction() {
    }

    /** Bytes the solve needs for this grid along the axis. */
    public static long memoryBytes(PhaseGrid g, Axis axis) {
        return BYTES_PER_VOXEL * g.voxels() + 8L * (g.size(axis) + 1) + 64;
    }

    /**
     * Checks the conductivity ratio R = σ_other/σ_phase of the command line.
     *
     * @throws PoroPhaseException for a negative, NaN or infinite R (0 is the one-phase solve, not this class)
     */
    public static void checkRatio(double ratio) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new PoroPhaseException("--other-phase-conductivity " + ratio + " is not a conductivity ratio: give sigma_other/sigma_phase as a finite "
                    + "number >= 0 (0 = the other phase insulates, the one-phase solve; e.g. 1e-3 for a polymer-filled pore against LLZO)");
        }
    }

    /**
     * Solves along {@code axis} with the other phase at {@code ratio} × the conductivity of the phase.
     *
     * @throws PoroPhaseException for a ratio that is not finite and &gt; 0, a grid one voxel thick along
     *         the axis, too many voxels, or too little memory
     */
    public static TwoPhaseResult solve(PhaseGrid g, Axis axis, TransportOptions opt, double ratio) {
        checkRatio(ratio);
        if (!(ratio > 0)) {
            throw new PoroPhaseException("the two-phase solve needs --other-phase-conductivity > 0 (0 is the one-phase solve)");
        }
        long t0 = System.nanoTime();
        int along = g.size(axis);
        if (along < 2) {
            throw new PoroPhaseException("transport along " + axis.letter() + ": the sample is " + along + " voxel thick along " + axis.letter()
                    + "; choose an axis along which it has at least 2 voxels" + (g.depth() == 1 ? " (a 2D image: x or y)" : ""));
        }
        long vox = g.voxels();
        if (vox > Integer.MAX_VALUE - 16) {
            throw new PoroPhaseException("transport: " + vox + " voxels are more than one solve handles (2³¹); crop the volume");
        }
        long bytes = memoryBytes(g, axis);
        String what = "the two-phase transport solve along " + axis.letter() + " (" + g.width() + "×" + g.height() + "×" + g.depth()
                + " voxels, " + BYTES_PER_VOXEL + " bytes per voxel = " + MemoryCheck.human(bytes) + ")";
        System.err.println("transport: " + what);
        MemoryCheck.require(bytes, what);
        int[] d = TortuositySolver.permutedDims(g, axis);
        byte[] mask = TortuositySolver.permute(g, axis, d[0], d[1], d[2]);
        long phaseVox = 0;
        for (byte b : mask) {
            phaseVox += b;
        }
        double[] h = TortuositySolver.permutedSpacing(g.voxel(), axis);
        double hmin = Math.min(h[0], Math.min(h[1], h[2]));
        double hx = h[0] / hmin;
        double hy = h[1] / hmin;
        double hz = h[2] / hmin;
        boolean periodic = opt.sides() == SideBoundary.PERIODIC;
        Grid f = new Grid(d[0], d[1], d[2], mask, ratio, 1 / (hx * hx), 1 / (hy * hy), 1 / (hz * hz), periodic);
        Parallel par = Parallel.of(opt.threads());
        Pcg s = new Pcg(f, par, opt);
        s.run();
        double rel = s.meanFlux() * hz * hz * f.nz / ((double) f.nx * f.ny);
        VoxelSize vs = g.voxel();
        double secs = (System.nanoTime() - t0) / 1e9;
        return new TwoPhaseResult(g.name(), axis, new int[] {g.width(), g.height(), g.depth()}, vs, ratio, phaseVox / (double) vox, rel,
                s.iterations, s.converged, s.spread, s.inOut, s.relRes, bytes, secs, opt.sides());
    }

    /** The box with its phase indicator and the face conductances. */
    static final class Grid extends WrappedBox {
        final int n;
        final byte[] m;
        final double cx;
        final double cy;
        final double cz;
        /** Harmonic-mean conductance by (phase of i)·2 + (phase of j): other–other R, mixed 2R/(1 + R), phase–phase 1. */
        final double[] hm;
        /** Conductivity by phase indicator: {R, 1}. */
        final double[] sigma;

        Grid(int nx, int ny, int nz, byte[] m, double ratio, double cx, double cy, double cz, boolean periodic) {
            super(nx, ny, nz, periodic);
            this.n = plane * nz;
            this.m = m;
            this.cx = cx;
            this.cy = cy;
            this.cz = cz;
            double mixed = 2 * ratio / (1 + ratio);
            this.hm = new double[] {ratio, mixed, mixed, 1};
            this.sigma = new double[] {ratio, 1};
        }

        /** (A v)_i and, through {@code diag[0]}, the diagonal d_i at cell i = (x, y, z). */
        double apply(float[] v, int i, int x, int y, int z, double[] diag) {
            int pi = m[i] << 1;
            double vi = v[i];
            double s = 0;
            double dd = 0;
            int j;
            double c;
            if ((j = xm(i, x)) >= 0) { c = cx * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if ((j = xp(i, x)) >= 0) { c = cx * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if ((j = ym(i, y)) >= 0) { c = cy * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if ((j = yp(i, y)) >= 0) { c = cy * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if (z > 0) { j = i - plane; c = cz * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            else { dd += 2 * cz * sigma[m[i]]; }
            if (z < nz - 1) { j = i + plane; c = cz * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            else { dd += 2 * cz * sigma[m[i]]; }
            diag[0] = dd;
            return dd * vi - s;
        }

        /** (A v)_i of a double vector (the potential, for the true residual). */
        double apply(double[] v, int i, int x, int y, int z, double[] diag) {
            int pi = m[i] << 1;
            double vi = v[i];
            double s = 0;
            double dd = 0;
            int j;
            double c;
            if ((j = xm(i, x)) >= 0) { c = cx * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if ((j = xp(i, x)) >= 0) { c = cx * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if ((j = ym(i, y)) >= 0) { c = cy * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if ((j = yp(i, y)) >= 0) { c = cy * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            if (z > 0) { j = i - plane; c = cz * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            else { dd += 2 * cz * sigma[m[i]]; }
            if (z < nz - 1) { j = i + plane; c = cz * hm[pi | m[j]]; dd += c; s += c * v[j]; }
            else { dd += 2 * cz * sigma[m[i]]; }
            diag[0] = dd;
            return dd * vi - s;
        }

        /** Right-hand side b_i: 2c_Z σ_i on the inlet plane. */
        double rhs(int i, int z) {
            return z == 0 ? 2 * cz * sigma[m[i]] : 0;
        }

        /** r = b − A u on planes [z0, z1); returns Σ r². */
        double residual(double[] u, float[] r, int z0, int z1) {
            double[] dg = new double[1];
            double rr = 0;
            for (int z = z0; z < z1; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0, i = z * plane + y * nx; x < nx; x++, i++) {
                        double v = rhs(i, z) - apply(u, i, x, y, z, dg);
                        r[i] = (float) v;
                        rr += v * v;
                    }
                }
            }
            return rr;
        }

        /** q = A p on planes [z0, z1); returns p·q. */
        double aP(float[] p, float[] q, int z0, int z1) {
            double[] dg = new double[1];
            double pq = 0;
            for (int z = z0; z < z1; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0, i = z * plane + y * nx; x < nx; x++, i++) {
                        double v = apply(p, i, x, y, z, dg);
                        q[i] = (float) v;
                        pq += p[i] * v;
                    }
                }
            }
            return pq;
        }

        /** The diagonal d_i (recomputed from the indicator, no stored array). */
        double diag(int i, int x, int y, int z) {
            int pi = m[i] << 1;
            double dd = 0;
            int j;
            if ((j = xm(i, x)) >= 0) dd += cx * hm[pi | m[j]];
            if ((j = xp(i, x)) >= 0) dd += cx * hm[pi | m[j]];
            if ((j = ym(i, y)) >= 0) dd += cy * hm[pi | m[j]];
            if ((j = yp(i, y)) >= 0) dd += cy * hm[pi | m[j]];
            dd += z > 0 ? cz * hm[pi | m[i - plane]] : 2 * cz * sigma[m[i]];
            dd += z < nz - 1 ? cz * hm[pi | m[i + plane]] : 2 * cz * sigma[m[i]];
            return dd;
        }

        /** Fluxes: index 0 the inlet face, k the faces between planes k − 1 and k, nz the outlet face. */
        void planeFluxes(double[] u, double[] flux, int z0, int z1) {
            for (int z = z0; z < z1; z++) {
                int p0 = z * plane;
                double s = 0;
                if (z == 0) {
                    for (int i = p0; i < p0 + plane; i++) {
                        s += 2 * cz * sigma[m[i]] * (1 - u[i]);
                    }
                } else {
                    for (int i = p0; i < p0 + plane; i++) {
                        s += cz * hm[m[i] << 1 | m[i - plane]] * (u[i - plane] - u[i]);
                    }
                }
                flux[z] = s;
                if (z == nz - 1) {
                    double o = 0;
                    for (int i = p0; i < p0 + plane; i++) {
                        o += 2 * cz * sigma[m[i]] * u[i];
                    }
                    flux[nz] = o;
                }
            }
        }
    }

    /** Jacobi-preconditioned CG (u double, r, p, q float). */
    private static final class Pcg {
        final Grid f;
        final Parallel par;
        final TransportOptions opt;
        final double[] u;
        final float[] r;
        final float[] p;
        final float[] q;
        final double[] flux;
        final long work;
        int iterations;
        boolean converged;
        double spread = Double.NaN;
        double inOut = Double.NaN;
        double relRes = Double.NaN;
        double bnorm;

        Pcg(Grid f, Parallel par, TransportOptions opt) {
            this.f = f;
            this.par = par;
            this.opt = opt;
            this.work = 8L * f.n;
            u = new double[f.n];
            r = new float[f.n];
            p = new float[f.n];
            q = new float[f.n];
            flux = new double[f.nz + 1];
        }

        void run() {
            final int nz = f.nz;
            final int plane = f.plane;
            for (int z = 0; z < nz; z++) {
                Arrays.fill(u, z * plane, (z + 1) * plane, 1 - (z + 0.5) / nz);
            }
            double bb = 0;
            for (int i = 0; i < plane; i++) {
                double b = f.rhs(i, 0);
                bb += b * b;
            }
            bnorm = Math.sqrt(bb);
            double rr = par.sum(nz, work, (z0, z1) -> f.residual(u, r, z0, z1));
            relRes = Math.sqrt(rr) / bnorm;
            if (check()) {
                return;
            }
            double rz = par.sum(nz, work, (z0, z1) -> precondition(1, 0f, z0, z1));
            for (int it = 1; it <= opt.maxIterations(); it++) {
                double pq = par.sum(nz, work, (z0, z1) -> f.aP(p, q, z0, z1));
                if (!(pq > 0)) {
                    break;
                }
                final float alpha = (float) (rz / pq);
                double[] rrOut = new double[1];
                double rzNew = par.sum(nz, work, (z0, z1) -> update(alpha, z0, z1, rrOut));
                iterations = it;
                relRes = Math.sqrt(rrOut[0]) / bnorm;
                if (relRes <= opt.residualTolerance()) {
                    // the true residual replaces the recursive one (float drift), then the flux test
                    double tr = par.sum(nz, work, (z0, z1) -> f.residual(u, r, z0, z1));
                    relRes = Math.sqrt(tr) / bnorm;
                    if (check()) {
                        return;
                    }
                    rzNew = par.sum(nz, work, (z0, z1) -> rTimesZ(z0, z1));
                }
                final float beta = (float) (rzNew / rz);
                rz = rzNew;
                par.sum(nz, work, (z0, z1) -> precondition(0, beta, z0, z1));
            }
            double tr = par.sum(nz, work, (z0, z1) -> f.residual(u, r, z0, z1));
            relRes = Math.sqrt(tr) / bnorm;
            check();
        }

        /** u += αp, r −= αq on planes [z0, z1); returns Σ r²/d and adds Σ r² to rr[0] (synchronised). */
        private double update(float alpha, int z0, int z1, double[] rr) {
            double rz = 0;
            double r2 = 0;
            for (int z = z0; z < z1; z++) {
                for (int y = 0; y < f.ny; y++) {
                    for (int x = 0, i = z * f.plane + y * f.nx; x < f.nx; x++, i++) {
                        u[i] += (double) alpha * p[i];
                        float ri = r[i] - alpha * q[i];
                        r[i] = ri;
                        r2 += (double) ri * ri;
                        rz += (double) ri * ri / f.diag(i, x, y, z);
                    }
                }
            }
            synchronized (rr) {
                rr[0] += r2;
            }
            return rz;
        }

        private double rTimesZ(int z0, int z1) {
            double rz = 0;
            for (int z = z0; z < z1; z++) {
                for (int y = 0; y < f.ny; y++) {
                    for (int x = 0, i = z * f.plane + y * f.nx; x < f.nx; x++, i++) {
                        rz += (double) r[i] * r[i] / f.diag(i, x, y, z);
                    }
                }
            }
            return rz;
        }

        /** p = r/d + β p (first = 1: p = r/d) on planes [z0, z1); returns Σ r·(r/d). */
        private double precondition(int first, float beta, int z0, int z1) {
            double rz = 0;
            for (int z = z0; z < z1; z++) {
                for (int y = 0; y < f.ny; y++) {
                    for (int x = 0, i = z * f.plane + y * f.nx; x < f.nx; x++, i++) {
                        double w = r[i] / f.diag(i, x, y, z);
                        p[i] = first == 1 ? (float) w : (float) (w + beta * p[i]);
                        rz += r[i] * w;
                    }
                }
            }
            return rz;
        }

        private boolean check() {
            Arrays.fill(flux, 0);
            par.forRange(f.nz, work, (z0, z1) -> f.planeFluxes(u, flux, z0, z1));
            spread = PlaneFluxes.spread(flux);
            inOut = PlaneFluxes.inOut(flux);
            converged = spread <= opt.fluxTolerance() && relRes <= opt.residualTolerance();
            return converged;
        }

        double meanFlux() {
            return PlaneFluxes.mean(flux);
        }
    }
}
