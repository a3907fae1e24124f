package org.porophase.phasefield;

import org.porophase.binary.PoreLabeling;
import org.porophase.core.Parallel;
import java.util.ArrayList;
import java.util.List;

import org.porophase.core.PoroPhaseException;

/**
 * Time integrator of the phase-field model (Zhang et al. 2024, eqs. 8–12) on a {@link Geometry},
 * 2D (ny = 1) and 3D with the same code. See docs/phasefield-engine.md for the summary.
 *
 * <h2>Equations (internal units: µm, s; potential ψ = Fφ/RT; c̃ = c/c₀)</h2>
 * <pre>
 * ∂ξ/∂t = −L_σ [ 2Wξ(1−ξ)(1−2ξ) + Aξϕ² − κ(θ)∇²ξ − (γ cos θ_c) n_w h'(ξ)/dx ] + λ h'(ξ) + R   (eq. 9, open cells)
 * R     = L_η [h'(ξ) a(ϕ) + (5ℓ/dx) n_c h(ξ)] [ c̃ e^{−βnη} − e^{αnη} ],  η = V − ψ
 * ∇·(h(ϕ)∇ψ) = (K/D_p) R                                    (eq. 12 ÷ σ_p RT/F, ionic domain)
 * ∂c̃/∂t = D_p ∇·(h(ϕ)∇c̃ + h(ϕ) c̃ ∇ψ) − K R                   (eq. 11, ionic domain)
 * </pre>
 * a(ϕ) = h(ϕ) on the ion conductor connected to the counter electrode (0 elsewhere: the reaction
 * needs Li⁺ from the LLZO; pores are vacuum). n_c counts the cell's faces to ionic LLZO cells (sharp
 * Li|LLZO contact; 5ℓ = ∫h'(ξ)dx of the flat profile, so both terms give the same i₀), and that part
 * of the Li⁺ sink sits in the LLZO cell of the face. K = nC_m^s/c₀, D_p = σ_pRT/(F²c₀) (Nernst–Einstein:
 * c̃ ≡ 1 is exact when the same R feeds eqs. 11 and 12). V is the potential of the metal (uniform:
 * the Li ohmic drop I·L/σ_e ~ 10⁻¹¹ V is negligible); ψ = 0 and c̃ = 1 on the counter electrode (far
 * face), no flux elsewhere. The wall term is the Cahn wetting condition (n_w solid face neighbours,
 * Young angle θ_c). λ (uniform) makes the capillary part volume-preserving (Rubinstein–Sternberg), so
 * Li is created only by R; galvanostatic control sets ∫R = I·A/(nFC_m^s) through V. κ(θ) =
 * κ₀[1 + δcos(ωθ)], θ the angle of ∇ξ from the x axis (2D) or the depth axis z (3D), κ₀ where |∇ξ| ≈ 0.
 *
 * <h2>Numerics</h2>
 * Linear stabilized semi-implicit step (unconditionally stable for S ≥ max f''/2):
 * <pre>[(1/Δt + S) − L_σκ_max ∇²] ξⁿ⁺¹ = (1/Δt + S)ξⁿ − L_σ[f'(ξⁿ) − wet(ξⁿ)] + L_σ(κ(θ) − κ_max)∇²ξⁿ + (1 + SΔt)Rⁿ + λh'(ξⁿ)</pre>
 * κ_max = κ₀(1+δ); the reaction is multiplied by (1+SΔt) so plating is not slowed by the
 * stabilization (only capillary relaxation is, which stays ≪ the run time). ∇² is the isotropic
 * 9-point (2D) / 19-point (3D) stencil restricted to the open cells (missing links = no flux), solved
 * by Jacobi-PCG (diagonally dominant: ~10 iterations) from an extrapolated guess; Σξ is then corrected
 * exactly on the interface, so nFC_m^s Δ∫ξ dV = I·A·Δt to round-off. Reaction and potential are
 * coupled implicitly ({@code reactAndPotential}); ionic problems use conservative 5/7-point face fluxes
 * with harmonic-mean coefficients h(ϕ), cells with h(ϕ) below {@code ionic_threshold} excluded,
 * multigrid-preconditioned CG ({@link IonicSolver}); migration in eq. 11 is lagged (its CFL limit is
 * ~10³ s here) and the concentration step runs concurrently with the ξ solve.
 */
public final class PhaseFieldSolver {
    /** Control of the electrode potential. */
    public enum Control {
        /** Set current density; V solved each step. */
        GALVANOSTATIC,
        /** V fixed ({@link #setElectrodePotential}). */
        POTENTIOSTATIC,
        /** No reaction (pure Allen–Cahn). */
        NONE
    }

    /** Thrown when the state leaves the admissible range; the solver keeps its last good state. */
    public static final class DivergenceException extends PoroPhaseException {
        private static final long serialVersionUID = 1L;

        DivergenceException(String m) {
            super(m);
        }
    }

    final Geometry g;
    final PhaseFieldParameters p;
    final Parallel par;
    final int nx;
    final int ny;
    final int nz;
    final int n;
    final int plane;
    final double dx;
    final boolean three;

    // geometry-derived
    final double[] hphi;
    /** Ionic coefficient h(ϕ) on the connected ionic domain, 0 elsewhere. */
    final double[] ion;
    final int[] openIdx;
    final int[] ionIdx;
    final byte[] wallFaces;
    /** Neighbour validity bits (open-open links of the isotropic stencil) per open cell. */
    final int[] nbBits;
    final int[] nbOff;
    final double[] nbW;
    private final int fullBits;
    private static final double W2F = 2.0 / 3.0;
    private static final double W2C = 1.0 / 6.0;
    private final double invDx2;
    /** Face coefficients of the ionic operator (to x+1, y+1, z+1), and the Dirichlet boundary term. */
    final double[] fx;
    final double[] fy;
    final double[] fz;
    final double[] fb;

    // state
    double[] xi;
    double[] c;
    double[] psi;
    double v;
    double time;
    long steps;
    Control control = Control.GALVANOSTATIC;
    double fixedV;
    boolean conserveVolume = true;
    double lastSumR;
    double lastLambda;
    /** Accumulated wall time per phase (ns): explicit terms, reaction + potential, ξ solve, concentration. */
    public long nanosExplicit;
    /** Accumulated iteration counts (ξ PCG; potential MG-PCG; concentration MG-PCG). */
    public long totalXiIterations;
    public long totalIonicIterations;
    public long totalCIterations;
    public long nanosIonic;
    public long nanosXi;
    public long nanosC;
    double lastSH;
    /** Open cells of the ionic domain (where the reaction may run), and their faces to ionic LLZO. */
    final int[] reactIdx;
    /** Sharp Li|LLZO contact faces: open cell (Li side) and ionic solid cell (LLZO side). */
    final int[] pairOpen;
    final int[] pairSolid;
    final double contactFactor;
    private final double[] weights;
    private final boolean contactOk;
    /** The ionic elliptic solver (aggregation-multigrid PCG) on the compact ionic cells. */
    final IonicSolver ionic;
    private final int[] cidx;
    private final double[] cb;
    private final double[] cc0;
    private final double[] cbC;
    private final double[] ccC;
    private double[] shiftUniform;
    private double shiftUniformValue = Double.NaN;
    private double[] psiNew;
    final IonicSolver ionicC;
    private double cShift = Double.NaN;
    private double[] cResult;
    private java.util.concurrent.Future<?> cTask;
    private double vNew;
    // per-term linearization work
    private final double[] r0d;
    private final double[] gd;
    private final double[] r0p;
    private final double[] gp;
    private final double[] s0;
    private final double[] gs;
    private final double[] da;
    private final double[] db;
    private final double[] rhsA;
    private final double[] shiftBuf;
    private final double[] ebd;
    private final double[] ead;
    private final double[] ebp;
    private final double[] eap;
    private final double[] gpw;
    private double[] psiSpare;
    // last step
    double[] reaction;
    double[] source;
    private double[] xiNew;
    private double[] rhs;
    private double[] diagXi;
    private double[] work;
    private final Pcg pcgXi;
    private double dtDiag = -1;
    final double xiSum0;
    int lastXiIterations;
    int lastPsiIterations;
    int lastCIterations;
    int lastPsiItA;
    private double dbSumG = Double.NaN;
    private double[] prevXi;
    private double prevDt = -1;
    private long dbStep = -1000;

    // constants
    final double mW;
    final double mA;
    final double mK0;
    final double mKmax;
    final double wet;
    final double stab;
    final double dp;
    final double kSink;
    double vTarget; // H3-TEMP: non-final for setCurrentDensityMaCm2 (H1's version wins)
    private double currentMaCm2 = Double.NaN; // H3-TEMP

    public PhaseFieldSolver(Geometry g, PhaseFieldParameters params, Parallel par) {
        this(g, params, par, g.xi0.clone(), null, null, 0, 0, 0);
    }

    PhaseFieldSolver(Geometry g, PhaseFieldParameters params, Parallel par, double[] xi, double[] c, double[] psi, double v, double time, long steps) {
        params.validate();
        this.g = g;
        this.p = params;
        this.par = par;
        nx = g.nx;
        ny = g.ny;
        nz = g.nz;
        n = g.size();
        plane = nx * ny;
        dx = g.dxUm;
        three = g.is3D();
        this.xi = xi;
        this.c = c != null ? c : filled(n, 1.0);
        this.psi = psi != null ? psi : new double[n];
        this.v = v;
        this.time = time;
        this.steps = steps;
        mW = p.interfaceMobility * p.barrierW;
        mA = p.interfaceMobility * p.crossTermA;
        mK0 = p.interfaceMobility * p.kappa0 * 1e12;
        mKmax = mK0 * (1 + p.anisotropyStrength);
        wet = p.interfaceMobility * p.interfaceEnergy() * Math.cos(Math.toRadians(p.contactAngleDeg)) / (dx * 1e-6);
        dp = p.diffusivityLlzo() * 1e12;
        kSink = p.sinkK();
        vTarget = p.denseGrowthVelocityUmS();

        hphi = new double[n];
        for (int i = 0; i < n; i++) {
            hphi[i] = h(g.phi[i]);
        }
        // stencil
        if (three) {
            List<int[]> offs = new ArrayList<>();
            List<Double> ws = new ArrayList<>();
            for (int dz = -1; dz <= 1; dz++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int ddx = -1; ddx <= 1; ddx++) {
                        int a = Math.abs(ddx) + Math.abs(dy) + Math.abs(dz);
                        if (a == 1) {
                            offs.add(new int[] {ddx, dy, dz});
                            ws.add(1.0 / 3.0);
                        } else if (a == 2) {
                            offs.add(new int[] {ddx, dy, dz});
                            ws.add(1.0 / 6.0);
                        }
                    }
                }
            }
            nbOff = new int[offs.size()];
            nbW = new double[offs.size()];
            int[][] d3 = offs.toArray(new int[0][]);
            for (int k = 0; k < d3.length; k++) {
                nbOff[k] = d3[k][0] + nx * d3[k][1] + plane * d3[k][2];
                nbW[k] = ws.get(k) / (dx * dx);
            }
            nbBits = buildBits(d3);
        } else {
            int[][] d2 = {{-1, 0, 0}, {1, 0, 0}, {0, 0, -1}, {0, 0, 1}, {-1, 0, -1}, {1, 0, -1}, {-1, 0, 1}, {1, 0, 1}};
            nbOff = new int[8];
            nbW = new double[8];
            for (int k = 0; k < 8; k++) {
                nbOff[k] = d2[k][0] + plane * d2[k][2];
                nbW[k] = (k < 4 ? 2.0 / 3.0 : 1.0 / 6.0) / (dx * dx);
            }
            nbBits = buildBits(d2);
        }
        fullBits = (1 << nbOff.length) - 1;
        invDx2 = 1 / (dx * dx);
        // open cells and wall faces
        int no = 0;
        for (int i = 0; i < n; i++) {
            if (g.open[i]) {
                no++;
            }
        }
        openIdx = new int[no];
        wallFaces = new byte[n];
        int maxWall = 0;
        int[] face = new int[6];
        no = 0;
        for (int i = 0; i < n; i++) {
            if (!g.open[i]) {
                continue;
            }
            openIdx[no++] = i;
            int z = i / plane;
            int xy = i - z * plane;
            int y = xy / nx;
            int x = xy - y * nx;
            int w = 0;
            for (int k = 0, nf = PoreLabeling.faceNeighbours(i, x, y, z, nx, ny, nz, face); k < nf; k++) {
                if (!g.open[face[k]]) {
                    w++;
                }
            }
            wallFaces[i] = (byte) w;
            maxWall = Math.max(maxWall, w);
        }
        // S ≥ max f''/2 of the explicit nonlinearity: double well 2W, cross term A, wetting |wet|·n_w·max|h''|
        stab = (2 * mW + mA) / 2 + Math.abs(wet) * maxWall * 5.774 / 2;
        // ionic domain: h(ϕ) > threshold, connected by faces to the counter electrode (z = nz - 1)
        ion = new double[n];
        boolean[] cand = new boolean[n];
        for (int i = 0; i < n; i++) {
            cand[i] = hphi[i] > p.ionicThreshold;
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
        for (int i = 0; i < n; i++) {
            if (conn[i]) {
                ion[i] = hphi[i];
                ionIdx[m++] = i;
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
        int nr = 0;
        for (int i : openIdx) {
            if (ion[i] > 0) {
                nr++;
            }
        }
        reactIdx = new int[nr];
        nr = 0;
        int np = 0;
        int[] po = new int[6 * openIdx.length];
        int[] ps = new int[6 * openIdx.length];
        for (int i : openIdx) {
            if (ion[i] > 0) {
                reactIdx[nr++] = i;
            }
            int z = i / plane;
            int xy = i - z * plane;
            int y = xy / nx;
            int x = xy - y * nx;
            int nbc = PoreLabeling.faceNeighbours(i, x, y, z, nx, ny, nz, face);
            for (int k = 0; k < nbc; k++) {
                int j = face[k];
                if (!g.open[j] && ion[j] > 0) {
                    po[np] = i;
                    ps[np] = j;
                    np++;
                }
            }
        }
        pairOpen = java.util.Arrays.copyOf(po, np);
        pairSolid = java.util.Arrays.copyOf(ps, np);
        contactFactor = 5 * p.interfaceLengthUm() / dx;
        weights = new double[n];
        int mI = ionIdx.length;
        cidx = new int[n];
        java.util.Arrays.fill(cidx, -1);
        for (int q = 0; q < mI; q++) {
            cidx[ionIdx[q]] = q;
        }
        int[] rp = new int[mI + 1];
        int[] cl = new int[7 * mI];
        double[] vl = new double[7 * mI];
        int[] cxs = new int[mI];
        int[] cys = new int[mI];
        int[] czs = new int[mI];
        int nnz = 0;
        for (int q = 0; q < mI; q++) {
            int i = ionIdx[q];
            int z = i / plane;
            int xy = i - z * plane;
            cys[q] = xy / nx;
            cxs[q] = xy - cys[q] * nx;
            czs[q] = z;
            double d = fb[i];
            if (fx[i] != 0) { cl[nnz] = cidx[i + 1]; vl[nnz++] = -fx[i]; d += fx[i]; }
            if (fy[i] != 0) { cl[nnz] = cidx[i + nx]; vl[nnz++] = -fy[i]; d += fy[i]; }
            if (fz[i] != 0) { cl[nnz] = cidx[i + plane]; vl[nnz++] = -fz[i]; d += fz[i]; }
            if (i % nx != 0 && fx[i - 1] != 0) { cl[nnz] = cidx[i - 1]; vl[nnz++] = -fx[i - 1]; d += fx[i - 1]; }
            if ((i / nx) % ny != 0 && fy[i - nx] != 0) { cl[nnz] = cidx[i - nx]; vl[nnz++] = -fy[i - nx]; d += fy[i - nx]; }
            if (i >= plane && fz[i - plane] != 0) { cl[nnz] = cidx[i - plane]; vl[nnz++] = -fz[i - plane]; d += fz[i - plane]; }
            cl[nnz] = q;
            vl[nnz++] = d;
            rp[q + 1] = nnz;
        }
        ionic = new IonicSolver(par, rp, cl, vl, cxs, cys, czs);
        ionicC = new IonicSolver(par, rp, cl, vl, cxs, cys, czs);
        ionic.enableStructured(nx, ny, nz, fx, fy, fz, fb, ionIdx);
        ionicC.enableStructured(nx, ny, nz, fx, fy, fz, fb, ionIdx);
        cb = new double[mI];
        cc0 = new double[mI];
        cbC = new double[mI];
        ccC = new double[mI];
        r0d = new double[n];
        gd = new double[n];
        r0p = new double[pairOpen.length];
        gp = new double[pairOpen.length];
        s0 = new double[mI];
        gs = new double[mI];
        da = new double[mI];
        db = new double[mI];
        rhsA = new double[mI];
        shiftBuf = new double[mI];
        ebd = new double[n];
        ead = new double[n];
        ebp = new double[pairOpen.length];
        eap = new double[pairOpen.length];
        gpw = new double[pairOpen.length];
        boolean contact = false;
        for (int k = 0; k < pairOpen.length && !contact; k++) {
            contact = this.xi[pairOpen[k]] > 0.01;
        }
        for (int i : openIdx) {
            if (contact) {
                break;
            }
            contact = ion[i] > 0 && this.xi[i] > 0.01;
        }
        contactOk = contact;
        reaction = new double[n];
        source = new double[n];
        xiNew = new double[n];
        rhs = new double[n];
        diagXi = new double[n];
        work = new double[n];
        pcgXi = new Pcg(par, n);
        xiSum0 = sumOpen(g.xi0);
    }

    private int[] buildBits(int[][] d) {
        int[] bits = new int[n];
        for (int i = 0; i < n; i++) {
            if (!g.open[i]) {
                continue;
            }
            int z = i / plane;
            int xy = i - z * plane;
            int y = xy / nx;
            int x = xy - y * nx;
            int b = 0;
            for (int k = 0; k < d.length; k++) {
                int xx = x + d[k][0];
                int yy = y + d[k][1];
                int zz = z + d[k][2];
                if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) {
                    continue;
                }
                if (g.open[xx + nx * (yy + ny * zz)]) {
                    b |= 1 << k;
                }
            }
            bits[i] = b;
        }
        return bits;
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static double harm(double a, double b) {
        return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0;
    }

    /** h(x) = x³(6x² − 15x + 10). */
    static double h(double x) {
        return x * x * x * (x * (6 * x - 15) + 10);
    }

    /** h(x) clamped to [0, 1]. */
    static double hc(double x) {
        return x <= 0 ? 0 : x >= 1 ? 1 : h(x);
    }

    /** h'(x) = 30x²(1 − x)² for x in [0, 1], 0 outside (no reaction or wetting drive beyond the pure phases). */
    static double hp(double x) {
        if (x <= 0 || x >= 1) {
            return 0;
        }
        double t = x * (1 - x);
        return 30 * t * t;
    }

    private double ionDiag(int i) {
        double d = fx[i] + fy[i] + fz[i] + fb[i];
        if (i % nx != 0) d += fx[i - 1];
        if ((i / nx) % ny != 0) d += fy[i - nx];
        if (i / plane != 0) d += fz[i - plane];
        return d;
    }

    // ------------------------------------------------------------------ operators

    /** Masked isotropic Laplacian of f at open cell i, µm⁻². */
    private double lap(double[] f, int i) {
        int b = nbBits[i];
        double fi = f[i];
        double s = 0;
        if (b == fullBits) {
            if (!three) {
                // isotropic 9-point: (2/3)Σ faces + (1/6)Σ corners − (10/3) f, / dx²
                double faces = f[i - 1] + f[i + 1] + f[i - plane] + f[i + plane];
                double corners = f[i - 1 - plane] + f[i + 1 - plane] + f[i - 1 + plane] + f[i + 1 + plane];
                return (W2F * faces + W2C * corners - (4 * W2F + 4 * W2C) * fi) * invDx2;
            }
            // isotropic 19-point: (1/3)Σ 6 faces + (1/6)Σ 12 edges − 4 f, / dx²
            int a = nx;
            int c = plane;
            double faces = f[i - 1] + f[i + 1] + f[i - a] + f[i + a] + f[i - c] + f[i + c];
            double edges = f[i - 1 - a] + f[i + 1 - a] + f[i - 1 + a] + f[i + 1 + a]
                    + f[i - 1 - c] + f[i + 1 - c] + f[i - 1 + c] + f[i + 1 + c]
                    + f[i - a - c] + f[i + a - c] + f[i - a + c] + f[i + a + c];
            return (faces / 3.0 + edges / 6.0 - 4 * fi) * invDx2;
        }
        while (b != 0) {
            int k = Integer.numberOfTrailingZeros(b);
            b &= b - 1;
            s += nbW[k] * (f[i + nbOff[k]] - fi);
        }
        return s;
    }

    /** Ionic operator −∇·(h∇u) (+ Dirichlet term) at ionic cell i. */
    private double ionOp(double[] u, int i) {
        double ui = u[i];
        double s = fb[i] * ui;
        s += fx[i] * (ui - (fx[i] != 0 ? u[i + 1] : 0));
        s += fy[i] * (ui - (fy[i] != 0 ? u[i + nx] : 0));
        s += fz[i] * (ui - (fz[i] != 0 ? u[i + plane] : 0));
        if (i % nx != 0 && fx[i - 1] != 0) s += fx[i - 1] * (ui - u[i - 1]);
        if ((i / nx) % ny != 0 && fy[i - nx] != 0) s += fy[i - nx] * (ui - u[i - nx]);
        if (i >= plane && fz[i - plane] != 0) s += fz[i - plane] * (ui - u[i - plane]);
        return s;
    }

    double sumOpen(double[] f) {
        return par.sum(openIdx.length, openIdx.length, (lo, hi) -> {
            double s = 0;
            for (int k = lo; k < hi; k++) {
                s += f[openIdx[k]];
            }
            return s;
        });
    }

    // ------------------------------------------------------------------ stepping

    public void setControl(Control c) {
        control = c;
    }

    /**
     * Volume-preserving Allen–Cahn (default true): the capillary part of eq. 9 gets a uniform
     * chemical-potential shift (Rubinstein &amp; Sternberg 1992) so that Li metal is created or removed
     * only by the reaction. False = Zhang's plain (non-conserved) eq. 9, e.g. for the shrinking-circle test.
     */
    public void setConserveVolume(boolean b) {
        conserveVolume = b;
    }

    // ---- H3-TEMP: contract API stand-ins for the run driver (issue 11); H1's implementation replaces these ----
    /** H3-TEMP: signed applied current density (mA cm⁻², > 0 plating) from the next step on. */
    public void setCurrentDensityMaCm2(double signedMaCm2) {
        currentMaCm2 = signedMaCm2;
        vTarget = signedMaCm2 * 10 / p.currentConstant() * 1e6;
    }

    /** H3-TEMP: the applied current density, mA cm⁻². */
    public double currentDensityMaCm2() {
        return Double.isNaN(currentMaCm2) ? p.currentDensityMaCm2 : currentMaCm2;
    }

    /** H3-TEMP: false = R ≡ 0 (capillarity only). */
    public void setReactionEnabled(boolean on) {
        control = on ? Control.GALVANOSTATIC : Control.NONE;
    }

    /** H3-TEMP: R per cell of the last step (ξ s⁻¹). */
    public double[] reactionRate() {
        return reaction;
    }
    // ---- end H3-TEMP ----

    /** Electrode potential for {@link Control#POTENTIOSTATIC}, in V (vs. the counter electrode). */
    public void setElectrodePotential(double volts) {
        fixedV = volts / p.thermalVoltage();
        v = fixedV;
    }

    /**
     * Checks that the geometry can carry the reaction: an ion-conducting path to the counter electrode
     * and initial Li touching it. Called before the first reacting step.
     */
    public void checkElectrochemistry() {
        if (ionIdx.length == 0) {
            throw new PoroPhaseException("the LLZO (solid) does not reach the counter-electrode side of the mask: no Li⁺ path; "
                    + "check --li-side (the Li comes from that side, the counter electrode is the opposite one) or add a dense layer with counter_layer_um");
        }
        if (!contactOk) {
            throw new PoroPhaseException("the initial Li does not touch the ion-conducting LLZO (the solid connected by faces to the "
                    + "counter-electrode side): the solid the Li touches is cut off from it, as in a 2D section of a fibrous or particulate "
                    + "solid that only connects out of the plane; check --li-side and the mask polarity (255 = pore, 0 = solid), or use a 3D mask");
        }
    }

    /**
     * Effective ionic conductivity of the scaffold along z, relative to dense LLZO: solves
     * ∇·(h(ϕ)∇ψ) = 0 with ψ = 1 on the z = 0 face and ψ = 0 on the far face (no flux on the sides)
     * and returns I·L/(A·Δψ) (validation check 5: (1 − f) for straight channels of pore fraction f).
     */
    public double effectiveConductivityRatio() {
        if (ionIdx.length == 0) {
            return 0;
        }
        int mI = ionIdx.length;
        double[] sh = new double[mI];
        double[] b = new double[mI];
        double[] x = new double[mI];
        for (int q = 0; q < mI; q++) {
            int i = ionIdx[q];
            if (i < plane) {
                sh[q] = 2 * ion[i] / (dx * dx);
                b[q] = sh[q];
            }
        }
        ionic.setShift(sh);
        ionic.solve(b, x, 1e-12, 0, 5000);
        ionic.setShift(null);
        double flux = 0;
        for (int q = 0; q < mI; q++) {
            int i = ionIdx[q];
            flux += fb[i] * x[q];
        }
        // face current density h∂ψ/∂z = fb ψ dx; σ_eff/σ_p = (Σ j dx² / A) / (Δψ / L), A = plane dx², L = nz dx
        return flux * dx * nz * dx / plane;
    }

    /**
     * Advances one step of length dt (s). On divergence throws {@link DivergenceException} and keeps
     * the previous state.
     */
    public void step(double dt) {
        long t0 = System.nanoTime();
        final double a0 = 1 / dt + stab;
        final double boost = 1 + stab * dt;
        final double kap0 = p.kappa0;
        final double delta = p.anisotropyStrength;
        final double omega = p.anisotropyMode;
        final double[] x = xi;
        final double[] phi = g.phi;
        final double lsig = p.interfaceMobility;
        final double wW = 2 * mW;
        final double aniso = delta > 0 ? 1 : 0;
        final double[] e = rhs;
        final int m = openIdx.length;
        // explicit part
        double sumE = par.sum(m, m * 12, (lo, hi) -> {
            double s = 0;
            for (int k = lo; k < hi; k++) {
                int i = openIdx[k];
                double xv = x[i];
                double l = lap(x, i);
                double fpr = wW * xv * (1 - xv) * (1 - 2 * xv) + mA * xv * phi[i] * phi[i] - wet * wallFaces[i] * hp(xv);
                double ex = a0 * xv - fpr;
                if (aniso != 0) {
                    double kap = anisotropicKappa(x, i, kap0, delta, omega);
                    ex += lsig * (kap - kap0 * (1 + delta)) * 1e12 * l;
                }
                e[i] = ex;
                s += ex;
            }
            return s;
        });
        double sumXi = sumOpen(x);
        long t1 = System.nanoTime();
        nanosExplicit += t1 - t0;
        // reaction weights g_i = L_η [h'(ξ) a(ϕ) + 5ℓ n_c h(ξ)/dx] (diffuse front ∩ LLZO, and sharp Li|LLZO contact)
        final double le = p.reactionConstant;
        final double an = p.alpha * p.electrons;
        final double bn = p.beta * p.electrons;
        boolean react = control != Control.NONE && le > 0;
        if (react) {
            checkElectrochemistry();
        }
        double sumR = 0;
        java.util.Arrays.fill(reaction, 0);
        java.util.Arrays.fill(source, 0);
        if (react) {
            sumR = reactAndPotential(x, dt);
            final double dtc = dt;
            cTask = par.submit(() -> concentrationStep(dtc));
            for (int i : openIdx) {
                double r = reaction[i];
                if (r != 0) {
                    e[i] += boost * r;
                }
            }
        }
        long t2 = System.nanoTime();
        nanosIonic += t2 - t1;
        // volume-preserving Allen–Cahn: a uniform chemical-potential shift λ on the interface (weight h'(ξ))
        // makes the capillary part conserve Σξ, so Σξ changes only by the reaction: Δ∫ξ = ∫R dt.
        double sH = 0;
        for (int i : openIdx) {
            sH += hp(x[i]);
        }
        double targetSum = sumXi + dt * sumR;
        if (conserveVolume && sH > 0) {
            double lambda = (a0 * targetSum - sumE - boost * sumR) / sH;
            lastLambda = lambda;
            lastSH = sH;
            for (int i : openIdx) {
                double w = hp(x[i]);
                if (w != 0) {
                    e[i] += lambda * w;
                }
            }
        } else {
            targetSum = (sumE + boost * sumR) / a0;
        }
        lastSumR = sumR;
        // implicit solve
        if (dt != dtDiag) {
            for (int i : openIdx) {
                int b = nbBits[i];
                double d = 0;
                while (b != 0) {
                    int k = Integer.numberOfTrailingZeros(b);
                    b &= b - 1;
                    d += nbW[k];
                }
                diagXi[i] = a0 + mKmax * d;
            }
            dtDiag = dt;
        }
        // initial guess: linear extrapolation of the last increment (the state drifts slowly and smoothly)
        double[] xn = xiNew;
        if (prevXi != null && prevDt == dt) {
            for (int i : openIdx) {
                xn[i] = 2 * x[i] - prevXi[i];
            }
        } else {
            for (int i : openIdx) {
                xn[i] = x[i];
            }
        }
        final double kmax = mKmax;
        lastXiIterations = pcgXi.solve((u, y, idx, lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                y[i] = a0 * u[i] - kmax * lap(u, i);
            }
        }, diagXi, openIdx, e, xn, p.xiTolerance, 0, 500);
        long t3 = System.nanoTime();
        nanosXi += t3 - t2;
        totalXiIterations += lastXiIterations;
        // exact Σξ: remove the PCG residual's share on the interface cells (weight h'(ξ))
        double sumNew = sumOpen(xn);
        double corr = targetSum - sumNew;
        if (corr != 0 && sH > 0) {
            for (int i : openIdx) {
                double w = hp(x[i]);
                if (w != 0) {
                    xn[i] += corr * w / sH;
                }
            }
        } else if (corr != 0) {
            // no diffuse interface (e.g. Li filling whole cells at a flat contact): where the reaction acts
            double sw = 0;
            for (int i : openIdx) {
                sw += Math.abs(reaction[i]);
            }
            for (int i : openIdx) {
                xn[i] += sw > 0 ? corr * Math.abs(reaction[i]) / sw : corr / m;
            }
        }
        // divergence guard (the concentration task is awaited first so no worker outlives the step)
        if (react && cTask != null && lo0(xn)) {
            try {
                Parallel.await(cTask);
            } catch (RuntimeException ignored) {
                // the ξ divergence below is the error reported
            }
        }
        double lo = -p.divergenceBound;
        double hi = 1 + p.divergenceBound;
        for (int i : openIdx) {
            double xv = xn[i];
            if (!(xv >= lo && xv <= hi)) {
                int z = i / plane;
                throw new DivergenceException(String.format(java.util.Locale.ROOT,
                        "phase-field run diverged at t = %.4g s (step %d): xi = %s at cell (x=%d, y=%d, z=%d); the last good state is kept. "
                                + "Reduce the time step (dt_s, now %.3g s) or refine dx.",
                        time + dt, steps + 1, Double.toString(xv), (i - z * plane) % nx, (i - z * plane) / nx, z, dt));
            }
        }
        // concentration (eq. 11): (1/(dt D_p) + A) c = c/(dt D_p) + div(h c̄ ∇ψ) − (K/D_p) R_s + fb·1
        long t4 = System.nanoTime();
        double[] cNew = c;
        if (react) {
            Parallel.await(cTask);
            cNew = cResult;
        }
        nanosC += System.nanoTime() - t4;
        // commit
        if (prevXi == null) {
            prevXi = new double[n];
        }
        System.arraycopy(xi, 0, prevXi, 0, n);
        prevDt = dt;
        double[] t = xi;
        xi = xn;
        xiNew = t;
        if (react) {
            psi = psiNew;
            v = vNew;
        }
        psiNew = null;
        c = cNew;
        time += dt;
        steps++;
    }

    private boolean lo0(double[] xn) {
        double lo = -p.divergenceBound;
        double hi = 1 + p.divergenceBound;
        for (int i : openIdx) {
            double xv = xn[i];
            if (!(xv >= lo && xv <= hi)) {
                return true;
            }
        }
        return false;
    }

    /** Concentration step (eq. 11), run on a worker concurrently with the ξ solve. */
    private void concentrationStep(double dt) {
        final double sh = 1 / (dt * dp);
        int mI = ionIdx.length;
        double[] bc = cbC;
        double[] cc = ccC;
        double[] pn = psiNew;
        for (int q = 0; q < mI; q++) {
            int i = ionIdx[q];
            bc[q] = sh * c[i] + migrationDiv(c, pn, i) - kSink / dp * source[i] + fb[i];
            cc[q] = c[i];
        }
        if (sh != cShift) {
            ionicC.setShift(uniform(sh));
            cShift = sh;
        }
        lastCIterations = ionicC.solve(bc, cc, p.cgTolerance, 0, 2000);
        totalCIterations += lastCIterations;
        double[] cNew = c.clone();
        for (int q = 0; q < mI; q++) {
            double v0 = cc[q];
            if (!Double.isFinite(v0) || !Double.isFinite(pn[ionIdx[q]])) {
                throw new DivergenceException("phase-field run diverged at t = " + (time + dt)
                        + " s: non-finite potential or concentration; the last good state is kept. Reduce dt_s or refine dx.");
            }
            cNew[ionIdx[q]] = v0;
        }
        cResult = cNew;
    }

    private double[] uniform(double v0) {
        if (shiftUniform == null) {
            shiftUniform = new double[ionIdx.length];
        }
        if (v0 != shiftUniformValue) {
            java.util.Arrays.fill(shiftUniform, v0);
            shiftUniformValue = v0;
        }
        return shiftUniform;
    }

    /**
     * Reaction rates and the quasi-static potential, implicitly coupled (a lagged coupling is
     * unstable at the physical L_η): BV is linearized in ψ and V about (ψⁿ, V*), V* the exact
     * nonlinear galvanostatic potential at frozen ψⁿ; then (A + (K/D_p)G)δψ = −(K/D_p)R₀ − Aψⁿ + (K/D_p)G δV
     * with G = ∂R/∂ψ ≥ 0, solved as δψ = δψ_a + δV δψ_b, and δV from Σ R_lin = I (exact).
     * Fills {@link #reaction} (Li volume rate on open cells) and {@link #source} (Li⁺ sink on ionic
     * cells) with the same linearized rates; sets psiNew and vNew.
     *
     * @return Σ reaction (per cell volume, s⁻¹)
     */
    private double reactAndPotential(double[] x, double dt) {
        final double le = p.reactionConstant;
        final double lc = le * contactFactor;
        final double an = p.alpha * p.electrons;
        final double bn = p.beta * p.electrons;
        final int mI = ionIdx.length;
        // exact galvanostatic V at frozen ψ (per-term exponentials cached for the linearization)
        final double tiny = 1e-30 * le;
        double sa = 0;
        double sb = 0;
        for (int i : reactIdx) {
            double gi = le * hp(x[i]) * ion[i];
            if (gi < tiny) {
                gi = 0;
            }
            weights[i] = gi;
            if (gi != 0) {
                double eb = c[i] * Math.exp(bn * psi[i]);
                double ea = Math.exp(-an * psi[i]);
                ebd[i] = eb;
                ead[i] = ea;
                sa += gi * eb;
                sb += gi * ea;
            }
        }
        for (int k = 0; k < pairOpen.length; k++) {
            double gk = lc * hc(x[pairOpen[k]]);
            if (gk < tiny) {
                gk = 0;
            }
            gpw[k] = gk;
            if (gk != 0) {
                int j = pairSolid[k];
                double eb = c[j] * Math.exp(bn * psi[j]);
                double ea = Math.exp(-an * psi[j]);
                ebp[k] = eb;
                eap[k] = ea;
                sa += gk * eb;
                sb += gk * ea;
            }
        }
        if (sa <= 0 && sb <= 0) {
            throw new PoroPhaseException("no Li/LLZO contact left for the reaction at t = " + time + " s; cannot pass current");
        }
        double target = vTarget * plane / dx;
        double vStar = control == Control.GALVANOSTATIC ? solveV(sa, sb, an, bn, target, v) : fixedV;
        final double fB = Math.exp(-bn * vStar);
        final double fA = Math.exp(an * vStar);
        // linearization: R = g[c e^{−βη} − e^{αη}], G = ∂R/∂ψ
        java.util.Arrays.fill(s0, 0);
        java.util.Arrays.fill(gs, 0);
        for (int i : reactIdx) {
            double gi = weights[i];
            if (gi == 0) {
                r0d[i] = 0;
                gd[i] = 0;
                continue;
            }
            double e1 = fB * ebd[i];
            double e2 = fA * ead[i];
            r0d[i] = gi * (e1 - e2);
            gd[i] = gi * (bn * e1 + an * e2);
            int q = cidx[i];
            s0[q] += r0d[i];
            gs[q] += gd[i];
        }
        for (int k = 0; k < pairOpen.length; k++) {
            double gk = gpw[k];
            if (gk == 0) {
                r0p[k] = 0;
                gp[k] = 0;
                continue;
            }
            double e1 = fB * ebp[k];
            double e2 = fA * eap[k];
            r0p[k] = gk * (e1 - e2);
            gp[k] = gk * (bn * e1 + an * e2);
            int q = cidx[pairSolid[k]];
            s0[q] += r0p[k];
            gs[q] += gp[k];
        }
        double kk = kSink / dp;
        double[] shiftArr = shiftBuf;
        double sumS0 = 0;
        double sumG = 0;
        double[] psiC = cc0;
        for (int q = 0; q < mI; q++) {
            shiftArr[q] = kk * gs[q];
            sumS0 += s0[q];
            sumG += gs[q];
            psiC[q] = psi[ionIdx[q]];
        }
        ionic.applyBase(psiC, rhsA); // A ψⁿ (without the shift)
        double srcNorm = 0;
        for (int q = 0; q < mI; q++) {
            rhsA[q] = -kk * s0[q] - rhsA[q];
            srcNorm += (kk * s0[q]) * (kk * s0[q]);
        }
        srcNorm = Math.sqrt(srcNorm) + 1e-300;
        ionic.setShift(shiftArr);
        // da keeps the previous step's increment as the initial guess (quasi-steady drift)
        int it = ionic.solve(rhsA, da, 0, p.cgTolerance * Math.max(srcNorm, 1e-12), 2000);
        lastPsiItA = it;
        double dV = 0;
        if (control == Control.GALVANOSTATIC && sumG > 0) {
            // δψ_b (response to a uniform shift of V) changes slowly: refreshed when ΣG moved by > 2 %
            // or every 20 steps; a stale δψ_b only perturbs the tiny δV correction, not the balance.
            if (!(Math.abs(sumG - dbSumG) <= 0.02 * sumG) || steps - dbStep >= 20) {
                double gNorm = 0;
                for (int q = 0; q < mI; q++) {
                    cb[q] = kk * gs[q];
                    gNorm += cb[q] * cb[q];
                }
                it += ionic.solve(cb, db, 0, p.cgTolerance * Math.sqrt(gNorm), 2000);
                dbSumG = sumG;
                dbStep = steps;
            }
            double sGa = 0;
            double sGb = 0;
            for (int q = 0; q < mI; q++) {
                sGa += gs[q] * da[q];
                sGb += gs[q] * db[q];
            }
            double den = sGb - sumG;
            if (den < 0) {
                dV = (target - sumS0 - sGa) / den;
            }
        }
        lastPsiIterations = it;
        totalIonicIterations += it;
        if (psiSpare == null || psiSpare == psi) {
            psiSpare = psi.clone();
        }
        psiNew = psiSpare;
        psiSpare = psi;
        for (int q = 0; q < mI; q++) {
            double dpsi = da[q] + (control == Control.GALVANOSTATIC ? dV * db[q] : 0);
            psiNew[ionIdx[q]] = psi[ionIdx[q]] + dpsi;
        }
        vNew = vStar + dV;
        // linearized rates: volume on open cells, sink on ionic cells
        double sum = 0;
        for (int i : reactIdx) {
            if (weights[i] == 0) {
                continue;
            }
            double r = r0d[i] + gd[i] * ((psiNew[i] - psi[i]) - dV);
            reaction[i] += r;
            source[i] += r;
            sum += r;
        }
        for (int k = 0; k < pairOpen.length; k++) {
            if (gp[k] == 0 && r0p[k] == 0) {
                continue;
            }
            int i = pairOpen[k];
            int j = pairSolid[k];
            double r = r0p[k] + gp[k] * ((psiNew[j] - psi[j]) - dV);
            reaction[i] += r;
            source[j] += r;
            sum += r;
        }
        return sum;
    }

    /** div(h c̄ ∇ψ) at ionic cell i, with c̄ the face mean (c̄ = (c+1)/2, ψ = 0 on the Dirichlet face). */
    private double migrationDiv(double[] cc, double[] u, int i) {
        double ci = cc[i];
        double ui = u[i];
        double s = fb[i] * 0.5 * (ci + 1) * (0 - ui);
        if (fx[i] != 0) s += fx[i] * 0.5 * (ci + cc[i + 1]) * (u[i + 1] - ui);
        if (fy[i] != 0) s += fy[i] * 0.5 * (ci + cc[i + nx]) * (u[i + nx] - ui);
        if (fz[i] != 0) s += fz[i] * 0.5 * (ci + cc[i + plane]) * (u[i + plane] - ui);
        if (i % nx != 0 && fx[i - 1] != 0) s += fx[i - 1] * 0.5 * (ci + cc[i - 1]) * (u[i - 1] - ui);
        if ((i / nx) % ny != 0 && fy[i - nx] != 0) s += fy[i - nx] * 0.5 * (ci + cc[i - nx]) * (u[i - nx] - ui);
        if (i >= plane && fz[i - plane] != 0) s += fz[i - plane] * 0.5 * (ci + cc[i - plane]) * (u[i - plane] - ui);
        return s;
    }

    private double anisotropicKappa(double[] f, int i, double kap0, double delta, double omega) {
        int z = i / plane;
        int xy = i - z * plane;
        int y = xy / nx;
        int x = xy - y * nx;
        double fi = f[i];
        double xm = x > 0 && g.open[i - 1] ? f[i - 1] : fi;
        double xp = x < nx - 1 && g.open[i + 1] ? f[i + 1] : fi;
        double zm = z > 0 && g.open[i - plane] ? f[i - plane] : fi;
        double zp = z < nz - 1 && g.open[i + plane] ? f[i + plane] : fi;
        double gx = xp - xm;
        double gz = zp - zm;
        double gy = 0;
        if (three) {
            double ym = y > 0 && g.open[i - nx] ? f[i - nx] : fi;
            double yp = y < ny - 1 && g.open[i + nx] ? f[i + nx] : fi;
            gy = yp - ym;
        }
        double g2 = gx * gx + gy * gy + gz * gz;
        if (g2 < 1e-8) {
            return kap0;
        }
        // cos θ: of the angle from the depth axis z (3D) or from the x axis (2D, θ = atan2(g_z, g_x))
        double t = (three ? gz : gx) / Math.sqrt(g2);
        t = Math.max(-1, Math.min(1, t));
        int w = (int) omega;
        if (w == omega && w >= 0 && w <= 32) {
            // cos(ωθ) = T_ω(cos θ), Chebyshev recurrence (no trigonometric calls)
            double tPrev = 1;
            double tCur = t;
            if (w == 0) {
                tCur = 1;
            }
            for (int k = 1; k < w; k++) {
                double tn = 2 * t * tCur - tPrev;
                tPrev = tCur;
                tCur = tn;
            }
            return kap0 * (1 + delta * tCur);
        }
        double theta = three ? Math.acos(t) : Math.atan2(gz, gx);
        return kap0 * (1 + delta * Math.cos(omega * theta));
    }

    /** Solves a e^{−bn V} − b e^{an V} = goal for V (monotone decreasing), Newton with bracketing. */
    static double solveV(double a, double b, double an, double bn, double goal, double v0) {
        if (a <= 0 && b <= 0) {
            return v0;
        }
        double v = Double.isFinite(v0) ? v0 : 0;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 200; it++) {
            double ea = a * Math.exp(-bn * v);
            double eb = b * Math.exp(an * v);
            double f = ea - eb - goal;
            if (f > 0) {
                lo = v;
            } else {
                hi = v;
            }
            double d = -bn * ea - an * eb;
            double nv = v - f / d;
            if (!(nv > lo && nv < hi) || !Double.isFinite(nv)) {
                if (Double.isInfinite(lo)) {
                    nv = hi - 1;
                } else if (Double.isInfinite(hi)) {
                    nv = lo + 1;
                } else {
                    nv = 0.5 * (lo + hi);
                }
            }
            nv = Math.max(v - 3, Math.min(v + 3, nv));
            if (Math.abs(nv - v) < 1e-14 * (1 + Math.abs(v))) {
                return nv;
            }
            v = nv;
        }
        return v;
    }

    // ------------------------------------------------------------------ accessors

    public double time() {
        return time;
    }

    public long steps() {
        return steps;
    }

    public double[] xi() {
        return xi;
    }

    public double[] concentration() {
        return c;
    }

    /** Electrolyte potential ψ (RT/F units). */
    public double[] potentialScaled() {
        return psi;
    }

    /** Electrode potential V, volts vs. the counter electrode (the applied overpotential; negative when plating). */
    public double electrodePotentialV() {
        return v * p.thermalVoltage();
    }

    public Geometry geometry() {
        return g;
    }

    public PhaseFieldParameters parameters() {
        return p;
    }

    /** Σξ dV − Σξ₀ dV over the open cells, µm³ (µm² in 2D, per µm of slab... times dx). */
    public double platedVolumeUm3() {
        return (sumOpen(xi) - xiSum0) * dx * dx * dx;
    }

    /** Electrode area, µm² (2D: box width × dx, the slab thickness). */
    public double electrodeAreaUm2() {
        return plane * dx * dx;
    }

    /** Number of open (ξ) cells and of ionic cells. */
    public int openCells() {
        return openIdx.length;
    }

    public int ionicCells() {
        return ionIdx.length;
    }

    /**
     * Modelled main-memory traffic of the steps done so far, bytes: per ξ-PCG iteration ~72 B per open
     * cell (stencil read of x with its neighbour mask, write of Ax, 3 vector updates and 2 dot products);
     * per MG-PCG iteration ~320 B per grid cell (structured level 0: forward and backward Gauss–Seidel
     * and one residual, each streaming 3 face coefficients, the diagonal and 2–3 vectors, restriction and
     * prolongation, the PCG matvec and vector updates; coarse levels add ~1/8 (3D) to 1/4 (2D));
     * per step ~200 B per open cell (explicit terms, extrapolation, sums) and ~250 B per ionic cell
     * (reaction linearization, right-hand sides, migration divergence, copies).
     */
    public double modelledBytes() {
        return 72.0 * totalXiIterations * openIdx.length + 320.0 * (totalIonicIterations + totalCIterations) * n
                + steps * (200.0 * openIdx.length + 250.0 * ionIdx.length);
    }

    /** Stabilization constant S, s⁻¹. */
    public double stabilization() {
        return stab;
    }

    /** Local ionic current density magnitude |σ∇φ| (A m⁻²) at each cell of the ionic domain (0 elsewhere). */
    public double[] currentDensity() {
        double[] out = new double[n];
        double f = p.sigmaLlzo * p.thermalVoltage() / (dx * 1e-6) * dx * dx; // face coeffs carry 1/dx²
        for (int i : ionIdx) {
            double ui = psi[i];
            double jxp = fx[i] != 0 ? fx[i] * (psi[i + 1] - ui) : 0;
            double jxm = i % nx != 0 && fx[i - 1] != 0 ? fx[i - 1] * (ui - psi[i - 1]) : 0;
            double jyp = fy[i] != 0 ? fy[i] * (psi[i + nx] - ui) : 0;
            double jym = (i / nx) % ny != 0 && fy[i - nx] != 0 ? fy[i - nx] * (ui - psi[i - nx]) : 0;
            double jzp = fz[i] != 0 ? fz[i] * (psi[i + plane] - ui) : (fb[i] != 0 ? fb[i] * (0 - ui) : 0);
            double jzm = i >= plane && fz[i - plane] != 0 ? fz[i - plane] * (ui - psi[i - plane]) : 0;
            double jx = 0.5 * (jxp + jxm);
            double jy = 0.5 * (jyp + jym);
            double jz = 0.5 * (jzp + jzm);
            out[i] = f * Math.sqrt(jx * jx + jy * jy + jz * jz);
        }
        return out;
    }

    /** Ionic current entering through the counter-electrode face, A (2D: for the slab of thickness dx); positive when plating. */
    public double counterCurrentA() {
        double s = 0;
        for (int i : ionIdx) {
            if (fb[i] != 0) {
                s += fb[i] * (0 - psi[i]);
            }
        }
        // face flux density σ_p (RT/F) fb ψ dx / 1e-6 (A m⁻²) times the face area dx² 1e-12 m²
        return p.sigmaLlzo * p.thermalVoltage() * s * dx * dx * dx * 1e-6;
    }
}
