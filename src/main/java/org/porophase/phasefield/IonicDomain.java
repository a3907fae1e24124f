package org.porophase.phasefield;

import org.porophase.binary.PoreLabeling;

/**
 * The ion-conducting domain and the discrete operator of eqs. 11–12 (Zhang et al. 2024): the cells
 * with h(ϕ) above {@code ionic_threshold}, face-connected to the counter electrode (the far face
 * z = nz, Dirichlet ψ = 0, c̃ = 1), and the conservative 5-/7-point operator −∇·(h(ϕ)∇u) with
 * harmonic-mean face coefficients (µm⁻², the Dirichlet face at half a cell). Vacuum pores (h(ϕ) below
 * the threshold) and conductor islands cut off from the counter electrode are excluded (pitfall 2 of
 * docs/phase-field.md). Assembled once as a compact CSR matrix for {@link IonicSolver}.
 */
final class IonicDomain {
    final Grid gr;
    /** h(ϕ) on every cell. */
    final double[] hphi;
    /** h(ϕ) on the connected ionic domain, 0 elsewhere. */
    final double[] ion;
    /** The ionic cells (ascending) and the compact index of each cell (−1 outside). */
    final int[] ionIdx;
    final int[] cidx;
    /** Open cells of the ionic domain: where the reaction may run. */
    final int[] reactIdx;
    /** Face coefficients to x+1, y+1, z+1 and of the Dirichlet face (µm⁻²). */
    final double[] fx;
    final double[] fy;
    final double[] fz;
    final double[] fb;
    /** CSR of the compact operator. */
    final int[] rowPtr;
    final int[] col;
    final double[] val;
    final int[] cx;
    final int[] cy;
    final int[] cz;
    /** First compact index of the last layer z = nz − 1 (the counter-electrode face cells follow). */
    final int faceStart;

    IonicDomain(Grid gr, double ionicThreshold) {
        this.gr = gr;
        final int n = gr.n;
        final int nx = gr.nx;
        final int ny = gr.ny;
        final int nz = gr.nz;
        final int plane = gr.plane;
        final double dx = gr.dx;
        hphi = new double[n];
        for (int i = 0; i < n; i++) {
            hphi[i] = Grid.h(gr.g.phi[i]);
        }
        ion = new double[n];
        boolean[] cand = new boolean[n];
        for (int i = 0; i < n; i++) {
            cand[i] = hphi[i] > ionicThreshold;
        }
        boolean[] conn = new boolean[n];
        int[] queue = new int[n];
        int qt = 0;
        for (int xy = 0; xy < plane; xy++) {
            int i = xy + plane * (nz - 1);
            if (cand[i]) {
                conn[i] = true;
                queue[qt++] = i;
            }
        }
        qt = PoreLabeling.flood(cand, conn, queue, qt, nx, ny, nz, 6);
        ionIdx = new int[qt];
        int m = 0;
        int nr = 0;
        for (int i = 0; i < n; i++) {
            if (conn[i]) {
                ion[i] = hphi[i];
                ionIdx[m++] = i;
                if (gr.g.open[i]) {
                    nr++;
                }
            }
        }
        reactIdx = new int[nr];
        nr = 0;
        for (int i : ionIdx) {
            if (gr.g.open[i]) {
                reactIdx[nr++] = i;
            }
        }
        double idx2 = 1 / (dx * dx);
        fx = new double[n];
        fy = new double[n];
        fz = new double[n];
        fb = new double[n];
        for (int i : ionIdx) {
            int z = i / plane;
            int xy = i - z * plane;
            int y = xy / nx;
            int x = xy - y * nx;
            if (x < nx - 1) fx[i] = harm(ion[i], ion[i + 1]) * idx2;
            if (y < ny - 1) fy[i] = harm(ion[i], ion[i + nx]) * idx2;
            if (z < nz - 1) fz[i] = harm(ion[i], ion[i + plane]) * idx2;
            if (z == nz - 1) fb[i] = 2 * ion[i] * idx2;
        }
        int mI = ionIdx.length;
        int fs = mI;
        while (fs > 0 && ionIdx[fs - 1] >= plane * (nz - 1)) {
            fs--;
        }
        faceStart = fs;
        cidx = new int[n];
        java.util.Arrays.fill(cidx, -1);
        for (int k = 0; k < mI; k++) {
            cidx[ionIdx[k]] = k;
        }
        FaceStencil.Csr a = FaceStencil.csr(nx, ny, ionIdx, cidx, fx, fy, fz, fb);
        rowPtr = a.rowPtr();
        col = a.col();
        val = a.val();
        cx = a.cx();
        cy = a.cy();
        cz = a.cz();
    }

    /** A multigrid-preconditioned CG on this operator. */
    IonicSolver newSolver() {
        IonicSolver s = new IonicSolver(gr.par, rowPtr, col, val, cx, cy, cz);
        s.enableStructured(gr.nx, gr.ny, gr.nz, fx, fy, fz, fb, ionIdx);
        return s;
    }

    int size() {
        return ionIdx.length;
    }

    static double harm(double a, double b) {
        return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0;
    }

    /** ∇·(h c̄ ∇u) at ionic cell i, c̄ the face mean of c (c̄ = (c+1)/2 and u = 0 on the Dirichlet face), µm⁻². */
    double migrationDiv(double[] c, double[] u, int i) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        double ci = c[i];
        double ui = u[i];
        double s = fb[i] * 0.5 * (ci + 1) * (0 - ui);
        if (fx[i] != 0) s += fx[i] * 0.5 * (ci + c[i + 1]) * (u[i + 1] - ui);
        if (fy[i] != 0) s += fy[i] * 0.5 * (ci + c[i + nx]) * (u[i + nx] - ui);
        if (fz[i] != 0) s += fz[i] * 0.5 * (ci + c[i + plane]) * (u[i + plane] - ui);
        // the backward faces without coordinate tests: the face coefficient to x+1 (y+1) of the last cell of
        // a row (plane row) is 0, so fx[i − 1] (fy[i − nx]) across a row (plane) boundary is 0
        if (i > 0 && fx[i - 1] != 0) s += fx[i - 1] * 0.5 * (ci + c[i - 1]) * (u[i - 1] - ui);
        if (i >= nx && fy[i - nx] != 0) s += fy[i - nx] * 0.5 * (ci + c[i - nx]) * (u[i - nx] - ui);
        if (i >= plane && fz[i - plane] != 0) s += fz[i - plane] * 0.5 * (ci + c[i - plane]) * (u[i - plane] - ui);
        return s;
    }

    /**
     * Li⁺ flux into the domain through the counter-electrode face (Nernst–Planck, in the discrete form
     * of eq. 11: diffusion fb·(1 − c̃) plus migration fb·c̄·(0 − ψ), c̄ = (c̃ + 1)/2), summed over the
     * face cells (µm⁻² × ψ units): the independent measure of the ionic current, from ψ and c̃ at that
     * face only (positive when plating). With σ_p = F²c₀D_p/RT it is in units of σ_p RT/F.
     */
    double counterFaceFlux(double[] psi, double[] c) {
        double s = 0;
        // fb ≠ 0 only in the last layer z = nz − 1: the tail of the ascending ionIdx
        for (int q = faceStart; q < ionIdx.length; q++) {
            int i = ionIdx[q];
            if (fb[i] != 0) {
                s += fb[i] * ((1 - c[i]) + 0.5 * (c[i] + 1) * (0 - psi[i]));
            }
        }
        return s;
    }

    /** |h∇ψ| per ionic cell from the face fluxes (cell-centred average), µm⁻¹ × ψ units; 0 elsewhere. */
    double[] fluxMagnitude(double[] psi) {
        double[] out = new double[gr.n];
        for (int i : ionIdx) {
            out[i] = fluxMagnitude(psi, i);
        }
        return out;
    }

    /** |h∇ψ| at ionic cell i ({@link #fluxMagnitude(double[])}). */
    double fluxMagnitude(double[] psi, int i) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        double ui = psi[i];
        double jxp = fx[i] != 0 ? fx[i] * (psi[i + 1] - ui) : 0;
        double jxm = i > 0 && fx[i - 1] != 0 ? fx[i - 1] * (ui - psi[i - 1]) : 0; // see migrationDiv
        double jyp = fy[i] != 0 ? fy[i] * (psi[i + nx] - ui) : 0;
        double jym = i >= nx && fy[i - nx] != 0 ? fy[i - nx] * (ui - psi[i - nx]) : 0;
        double jzp = fz[i] != 0 ? fz[i] * (psi[i + plane] - ui) : (fb[i] != 0 ? fb[i] * (0 - ui) : 0);
        double jzm = i >= plane && fz[i - plane] != 0 ? fz[i - plane] * (ui - psi[i - plane]) : 0;
        double jx = 0.5 * (jxp + jxm);
        double jy = 0.5 * (jyp + jym);
        double jz = 0.5 * (jzp + jzm);
        return Math.sqrt(jx * jx + jy * jy + jz * jz) * gr.dx;
    }
}
