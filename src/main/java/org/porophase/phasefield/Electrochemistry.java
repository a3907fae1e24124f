package org.porophase.phasefield;

import java.util.Arrays;

/**
 * The electrochemistry of eqs. 9, 11 and 12 (Zhang et al. 2024; Chen et al. 2015): the local
 * Butler–Volmer reaction, the quasi-static ionic potential coupled to it implicitly, the galvanostatic
 * controller, and the Li⁺ concentration step. Internal units µm, s; ψ = Fφ/RT, c̃ = c/c₀.
 *
 * <pre>
 * R = L_η · (1/s) · h'(ξ) · h(ϕ) · e · [ c̃ e^{−βnη} − e^{αnη} ],   η = V − ψ        (eq. 9, ξ per s)
 * ∇·(h(ϕ)∇ψ) = (K/D_p) R                                                        (eq. 12 ÷ σ_p RT/F)
 * ∂c̃/∂t = D_p ∇·(h(ϕ)∇c̃ + h(ϕ) c̃ ∇ψ) − K R                                      (eq. 11)
 * ∫ R dV = I·A/(nFC_m)                                                          (galvanostatic control)
 * </pre>
 * on the open cells of the ionic domain ({@link IonicDomain#reactIdx}): the diffuse Li front where it
 * overlaps the diffuse LLZO. s = interface scale ({@link PhaseFieldParameters#reactionWeightScale(double)}
 * = 1/s keeps i₀ per unit contact fixed), e the electronic connection ({@link LiConnectivity}). Buried
 * Li|LLZO contacts (ξ = 1: h'(ξ) = 0) and the vacuum side of a meniscus (h(ϕ) = 0) do not react.
 * K = nC_m/c₀, D_p = σ_pRT/(F²c₀) (Nernst–Einstein: c̃ ≡ 1 is then exact). V is the uniform potential
 * of the connected Li; I &gt; 0 plates, I &lt; 0 strips.
 *
 * <p><b>Coupling</b> (a lagged coupling is unstable at the physical L_η): BV is linearized about
 * (ψⁿ, V*), V* the exact galvanostatic potential at frozen ψⁿ; (A + (K/D_p)G)δψ = −(K/D_p)R₀ − Aψⁿ +
 * (K/D_p)G δV with G = ∂R/∂ψ ≥ 0 is solved as δψ = δψ_a + δV δψ_b, and δV from Σ R_lin = target
 * exactly. δψ_a starts from the last step's; δψ_b is kept between
 * steps and refreshed only when |δV|·‖its residual‖ exceeds {@link #DB_SHARE} of the δψ_a tolerance (the coupled
 * residual then stays within 1.1 × the tolerance of {@code cg_tolerance}). The same linearized R feeds the ξ step and the Li⁺ sink (pitfall 5).
 */
final class Electrochemistry {
    /** Share of the δψ_a tolerance that a stale δψ_b may add to the coupled residual (see reactAndPotential). */
    static final double DB_SHARE = 0.1;
    /** Thrown message part when no cell can react. */
    static final String NO_CONTACT = "no active Li|LLZO contact";

    private final Grid gr;
    private final IonicDomain dom;
    private final PhaseFieldParameters p;
    /** The two elliptic solvers, built on first use (a capillary-only solver never builds them). */
    private IonicSolver potentialSolver;
    private IonicSolver concentrationSolver;
    /** The shift 1/(Δt D_p) the concentration solver holds. */
    private double solverShift = Double.NaN;
    /** D_p (µm² s⁻¹), K. */
    final double dp;
    final double kSink;
    private final double weightFactor;
    private final double an;
    private final double bn;
    /** Per cell (full grid): reaction weight, cached exponentials, linearized rate parts. */
    private final double[] weight;
    private final double[] eb;
    private final double[] ea;
    private final double[] r0;
    private final double[] gd;
    /** Compact work vectors. */
    private final double[] s0;
    private final double[] gs;
    private final double[] da;
    private final double[] db;
    private final double[] rhs;
    private final double[] shift;
    private final double[] cb;
    private final double[] psiC;
    private final double[] cRhs;
    private final double[] cSol;
    /** The full-grid ψ whose domain values psiC holds (null: none). */
    private double[] psiCOf;
    /** A δψ_b (compact) while {@link #adbValid}. */
    private final double[] adb;
    private boolean adbValid;
    /**
     * Aψ (compact, A without the shift) of the full-grid ψ that {@link #apsiOf} names (null: none): formed by
     * {@link #prepareBase} or carried from the last step as Aψⁿ⁺¹ = Aψⁿ + Aδψ_a + δV·Aδψ_b (the operator is
     * linear; {@link #APSI_REFRESH} steps at most, then formed again, so round-off cannot accumulate).
     */
    private final double[] apsi;
    private double[] apsiOf;
    private int apsiCarried;
    /** Steps Aψ is carried before it is formed again from ψ. */
    static final int APSI_REFRESH = 32;
    /** Aδψ_a (compact) of the current δψ_a while {@link #adaValid}. */
    private final double[] ada;
    private boolean adaValid;
    /** The full-grid ψ buffers already holding the (fixed) values outside the domain. */
    private double[] psiFull0;
    private double[] psiFull1;
    /** The full-grid c̃ that {@code cSol} holds the domain values of (null: none), and whether it is ≡ 1 there. */
    private double[] cSolOf;
    private boolean cIsOne;
    /** ‖sh + f_b‖₂ over the domain: the right-hand side of the concentration step for c̃ ≡ 1 without the divergence terms. */
    private double oneRhsNorm;
    /** ‖r_a‖ + |δV|·‖r_b‖ of the last reactAndPotential: a bound on the residual of its coupled system (NaN before). */
    private double coupledResidualBound = Double.NaN;
    /** Concentration passes skipped by the c̃ ≡ 1 bound (see concentrationStep). */
    long skippedConcentrationPasses;
    private double[] uniformShift;
    /** The conductor rows with a reaction (s0, gs, shift, cb non-zero only there) and their marks. */
    private final int[] rows;
    private final boolean[] rowMark;
    private int nRows;
    private double cShift = Double.NaN;
    int lastIterations;
    long totalIterations;
    int traceA;
    int traceB;
    double traceDV;
    int lastCIterations;
    long totalCIterations;
    /** Σ weight (µm⁻³·s⁻¹ per cell) of the last reaction step. */
    double lastWeightSum;

    Electrochemistry(Grid gr, IonicDomain dom, PhaseFieldParameters p) {
        this.gr = gr;
        this.dom = dom;
        this.p = p;
        dp = p.diffusivityLlzo() * 1e12;
        kSink = p.sinkK();
        weightFactor = p.reactionConstant * p.reactionWeightScale(gr.g.dxUm);
        an = p.alpha * p.electrons;
        bn = p.beta * p.electrons;
        int n = gr.n;
        int m = dom.size();
        weight = new double[n];
        eb = new double[n];
        ea = new double[n];
        r0 = new double[n];
        gd = new double[n];
        s0 = new double[m];
        gs = new double[m];
        da = new double[m];
        db = new double[m];
        rows = new int[m];
        rowMark = new boolean[m];
        rhs = new double[m];
        shift = new double[m];
        cb = new double[m];
        psiC = new double[m];
        cRhs = new double[m];
        cSol = new double[m];
        adb = new double[m];
        apsi = new double[m];
        ada = new double[m];
    }

    /**
     * The products of a step that depend only on ψⁿ and the last δψ_b — Aψⁿ (when not carried from the last
     * step, see {@link #apsi}) and, when stale, Aδψ_b — formed ahead, so that with a second thread they are
     * computed while the connectivity and the reaction weights are (the same numbers as when
     * {@link #reactAndPotential} forms them itself). Not concurrently with
     * {@link #reactAndPotential}: the caller waits for it first. {@code withDb}: Aδψ_b too (galvanostatic control).
     */
    void prepareBase(double[] psi, boolean withDb) {
        final IonicSolver ps = potentialSolver();
        final int[] ionIdx = dom.ionIdx;
        if (psiCOf != psi) {
            for (int q = 0; q < ionIdx.length; q++) {
                psiC[q] = psi[ionIdx[q]];
            }
            psiCOf = psi;
        }
        if (apsiOf != psi || apsiCarried >= APSI_REFRESH) {
            ps.applyBase(psiC, apsi); // A ψⁿ
            apsiOf = psi;
            apsiCarried = 0;
        }
        if (withDb && !adbValid) {
            ps.applyBase(db, adb);
            adbValid = true;
        }
    }

    /** The potential solver (built on the first call). */
    IonicSolver potentialSolver() {
        if (potentialSolver == null) {
            potentialSolver = dom.newSolver();
        }
        return potentialSolver;
    }

    /** The concentration solver with the shift sh (built on the first call). */
    private IonicSolver concentrationSolver(double sh) {
        if (concentrationSolver == null) {
            concentrationSolver = dom.newSolver();
        }
        if (sh != solverShift) {
            if (uniformShift == null) {
                uniformShift = new double[dom.size()];
            }
            Arrays.fill(uniformShift, sh);
            concentrationSolver.setShift(uniformShift);
            solverShift = sh;
        }
        return concentrationSolver;
    }

    /** Σ R target (per cell volume, s⁻¹) for a signed current density (mA cm⁻²). */
    double target(double currentMaCm2) {
        double vel = currentMaCm2 * 10 / p.currentConstant() * 1e6; // µm/s of dense Li
        return vel * gr.plane / gr.dx;
    }

    /** Reaction weights L_η/s h'(ξ) h(ϕ) e per cell; returns their sum. */
    double weights(double[] x, boolean[] e) {
        final double tiny = 1e-30 * weightFactor;
        double sum = 0;
        for (int i : dom.reactIdx) {
            double w = 0;
            if (e[i]) {
                w = weightFactor * Grid.hp(x[i]) * dom.ion[i];
                if (w < tiny) {
                    w = 0;
                }
            }
            weight[i] = w;
            sum += w;
        }
        lastWeightSum = sum;
        return sum;
    }

    /**
     * Reaction and potential, implicitly coupled. Uses the weights of {@link #weights}. Fills
     * {@code reaction} (ξ per s on the reacting cells, 0 elsewhere) and {@code psiOut}.
     *
     * @param galvanostatic true: V is solved so that Σ R = target; false: V = {@code vFixed}
     * @return the new V (ψ units)
     */
    double reactAndPotential(double[] psi, double[] c, double v, boolean galvanostatic, double target, double vFixed,
            double[] reaction, double[] psiOut, long step) {
        final IonicSolver ps = potentialSolver();
        final int[] ri = dom.reactIdx;
        final int[] cidx = dom.cidx;
        final int[] ionIdx = dom.ionIdx;
        final int m = ionIdx.length;
        double sa = 0;
        double sb = 0;
        for (int i : ri) {
            double w = weight[i];
            if (w != 0) {
                double b = c[i] * Math.exp(bn * psi[i]);
                double a = Math.exp(-an * psi[i]);
                eb[i] = b;
                ea[i] = a;
                sa += w * b;
                sb += w * a;
            }
        }
        double vStar = galvanostatic ? solveV(sa, sb, an, bn, target, v) : vFixed;
        final double fB = Math.exp(-bn * vStar);
        final double fA = Math.exp(an * vStar);
        // s0, gs, shift and cb are zero off the rows that react (the conductor cells of the reacting
        // cells): only the last step's rows are cleared and only this step's are summed
        for (int k = 0; k < nRows; k++) {
            int q = rows[k];
            s0[q] = 0;
            gs[q] = 0;
            shift[q] = 0;
            cb[q] = 0;
            rowMark[q] = false;
        }
        nRows = 0;
        for (int i : ri) {
            double w = weight[i];
            if (w == 0) {
                r0[i] = 0;
                gd[i] = 0;
                continue;
            }
            double e1 = fB * eb[i];
            double e2 = fA * ea[i];
            r0[i] = w * (e1 - e2);
            gd[i] = w * (bn * e1 + an * e2);
            int q = cidx[i];
            s0[q] += r0[i];
            gs[q] += gd[i];
            if (!rowMark[q]) {
                rowMark[q] = true;
                rows[nRows++] = q;
            }
        }
        double kk = kSink / dp;
        double sumS0 = 0;
        double sumG = 0;
        double srcNorm = 0;
        double gNorm = 0;
        for (int k = 0; k < nRows; k++) {
            int q = rows[k];
            shift[q] = kk * gs[q];
            cb[q] = kk * gs[q];
            sumS0 += s0[q];
            sumG += gs[q];
            srcNorm += (kk * s0[q]) * (kk * s0[q]);
            gNorm += cb[q] * cb[q];
        }
        prepareBase(psi, galvanostatic); // no work when formed ahead or carried
        refreshCarriedProducts(ps, galvanostatic);
        srcNorm = Math.sqrt(srcNorm) + 1e-300;
        ps.setShiftSparse(shift, rows, nRows);
        // da keeps the previous step's increment as the initial guess (quasi-steady drift; a linear
        // extrapolation from two increments was measured worse: 20-40 iterations instead of 3). The right-hand
        // side, the residual of that guess, r_a = rhs − (A + S)δψ_a, and the residual of δψ_b,
        // r_b = cb − (A + S)δψ_b, in one pass over the compact vectors from the carried products Aψⁿ, Aδψ_a and
        // Aδψ_b (S, s0 and cb are zero off the reacting rows): the CG is entered only when r_a misses its target
        // (about half the steps of a 2D run), so the other steps read no stencil at all
        residuals(kk);
        final double rrA = partA;
        final double rrB = partB;
        final double targetA = p.cgTolerance * Math.max(srcNorm, 1e-12);
        int it = 0;
        double resA = Math.sqrt(rrA);
        if (!(resA <= targetA)) {
            it = ps.solve(rhs, da, 0, targetA, 2000);
            resA = ps.lastResidualNorm;
            if (it > 0) {
                adaValid = false;
            }
        }
        double resB = 0;
        traceA = it;
        traceB = 0;
        traceDV = 0;
        double dV = 0;
        if (galvanostatic && sumG > 0) {
            dV = uniformShift(target, sumS0, sumG);
            // δψ_b (response to a uniform shift of V) enters ψ only as δV·δψ_b, so its residual r_b adds
            // δV·r_b to the residual of the coupled system: it is refreshed (from the last δψ_b) until
            // |δV|·‖r_b‖ ≤ DB_SHARE × the δψ_a target, so the coupled residual stays within (1 + DB_SHARE)
            // times that target. A still-valid δψ_b costs one residual evaluation. Σ R_lin = target holds
            // exactly whatever δψ_b is.
            double absB = Math.min(DB_SHARE * targetA / Math.max(Math.abs(dV), 1e-300), Math.sqrt(gNorm));
            resB = Math.sqrt(rrB);
            if (resB > absB) {
                int itb = ps.solve(cb, db, 0, absB, 2000);
                adbValid = false;
                resB = ps.lastResidualNorm;
                traceB = itb;
                it += itb;
                dV = uniformShift(target, sumS0, sumG);
            }
            traceDV = dV;
        }
        coupledResidualBound = resA + Math.abs(dV) * resB;
        lastIterations = it;
        totalIterations += it;
        // outside the domain ψ never changes: the two buffers that alternate as ψⁿ and ψⁿ⁺¹ are copied whole once
        if (psiOut != psiFull0 && psiOut != psiFull1) {
            System.arraycopy(psi, 0, psiOut, 0, psi.length);
            psiFull1 = psiFull0;
            psiFull0 = psiOut;
        }
        refreshCarriedProducts(ps, galvanostatic);
        advance(galvanostatic ? dV : 0, psiOut);
        psiCOf = psiOut;
        apsiOf = psiOut;
        apsiCarried++;
        for (int i : ri) {
            reaction[i] = weight[i] == 0 ? 0 : r0[i] + gd[i] * ((psiOut[i] - psi[i]) - dV);
        }
        return vStar + dV;
    }

    /** The two sums of {@link #residuals}: ‖r_a‖², ‖r_b‖². */
    private double partA;
    private double partB;

    /** Forms the carried products Aδψ_a and (galvanostatic) Aδψ_b where the increments changed since they were formed. */
    private void refreshCarriedProducts(IonicSolver ps, boolean galvanostatic) {
        if (!adaValid) {
            ps.applyBase(da, ada);
            adaValid = true;
        }
        if (galvanostatic && !adbValid) {
            ps.applyBase(db, adb);
            adbValid = true;
        }
    }

    /**
     * rhs = −(K/D_p)s0 − Aψⁿ and the squared norms of r_a = rhs − (A + S)δψ_a and r_b = cb − (A + S)δψ_b
     * (into {@link #partA}, {@link #partB}), from the carried products Aψⁿ, Aδψ_a, Aδψ_b. A method of its own,
     * like {@link #advance}: small methods are compiled early and whole by the JIT.
     */
    private void residuals(double kk) {
        final double[] ap = apsi;
        final double[] aa = ada;
        final double[] ab = adb;
        final int m = ap.length;
        if (splitPasses(m)) {
            // large systems with 2+ threads: the two sums as two split passes (as the CSR products they replace)
            partA = gr.par.sum(m, m, (lo, hi) -> {
                double acc = 0;
                for (int q = lo; q < hi; q++) {
                    double bq = -kk * s0[q] - ap[q];
                    rhs[q] = bq;
                    double ra = bq - aa[q] - shift[q] * da[q];
                    acc += ra * ra;
                }
                return acc;
            });
            partB = gr.par.sum(m, m, (lo, hi) -> {
                double acc = 0;
                for (int q = lo; q < hi; q++) {
                    double rb = cb[q] - shift[q] * db[q] - ab[q];
                    acc += rb * rb;
                }
                return acc;
            });
            return;
        }
        double rrA = 0;
        double rrB = 0;
        for (int q = 0; q < m; q++) {
            double sh = shift[q];
            double bq = -kk * s0[q] - ap[q];
            rhs[q] = bq;
            double ra = bq - aa[q] - sh * da[q];
            rrA += ra * ra;
            double rb = cb[q] - sh * db[q] - ab[q];
            rrB += rb * rb;
        }
        partA = rrA;
        partB = rrB;
    }

    /** ψⁿ⁺¹ = ψⁿ + δψ_a + δV δψ_b into psiOut and the compact mirror, and Aψⁿ⁺¹ = Aψⁿ + Aδψ_a + δV Aδψ_b (carried). */
    private void advance(double dV, double[] psiOut) {
        final int m = dom.ionIdx.length;
        if (splitPasses(m)) {
            gr.par.forRange(m, m, (lo, hi) -> advance(dV, psiOut, lo, hi));
        } else {
            advance(dV, psiOut, 0, m);
        }
    }

    private void advance(double dV, double[] psiOut, int lo, int hi) {
        final int[] ionIdx = dom.ionIdx;
        final double[] ap = apsi;
        final double[] aa = ada;
        final double[] ab = adb;
        for (int q = lo; q < hi; q++) {
            double nv = psiC[q] + da[q] + dV * db[q];
            psiOut[ionIdx[q]] = nv;
            psiC[q] = nv; // psiC now mirrors ψⁿ⁺¹: the next step starts from it without a gather
            ap[q] += aa[q] + dV * ab[q];
        }
    }

    /** Whether a compact pass of m positions is split over the threads (the solver's policy: {@link SlabExecutor#MIN_PARALLEL_POSITIONS}). */
    private boolean splitPasses(int m) {
        return gr.par.threads() > 1 && m >= SlabExecutor.MIN_PARALLEL_POSITIONS;
    }

    /** δV from Σ R_lin = target with the current δψ_a, δψ_b (0 when the response has the wrong sign). */
    private double uniformShift(double target, double sumS0, double sumG) {
        double sGa = 0;
        double sGb = 0;
        for (int k = 0; k < nRows; k++) {
            int q = rows[k];
            sGa += gs[q] * da[q];
            sGb += gs[q] * db[q];
        }
        double den = sGb - sumG;
        return den < 0 ? (target - sumS0 - sGa) / den : 0;
    }

    /**
     * Concentration step (eq. 11, migration lagged): (1/(Δt D_p) + A) c̃ = c̃/(Δt D_p) + ∇·(h c̄∇ψ) −
     * (K/D_p) R + Dirichlet term. Writes the new c̃ into {@code cOut} (a copy of c outside the domain)
     * and returns true, or returns false when c̃ⁿ already meets the tolerance (then c̃ is unchanged and
     * {@code cOut} is not written).
     */
    boolean concentrationStep(double[] c, double[] psiNew, double[] reaction, double dt, double[] cOut) {
        final double sh = 1 / (dt * dp);
        final int[] ionIdx = dom.ionIdx;
        final int m = ionIdx.length;
        if (sh != cShift) {
            cShift = sh;
            double nn = 0;
            for (int q = 0; q < m; q++) {
                double b1 = sh + dom.fb[ionIdx[q]];
                nn += b1 * b1;
            }
            oneRhsNorm = Math.sqrt(nn);
        }
        if (cSolOf != c) {
            boolean one = true;
            for (int q = 0; q < m; q++) {
                cSol[q] = c[ionIdx[q]];
                one &= cSol[q] == 1;
            }
            cSolOf = c;
            cIsOne = one;
        }
        // c̃ ≡ 1 (Nernst–Einstein): the residual of the guess c̃ = 1 below is −(Aψⁿ⁺¹ + (K/D_p)R), i.e. minus the
        // residual of the coupled potential system of this step, whose norm is at most coupledResidualBound
        // (see reactAndPotential), and ‖b‖ ≥ ‖sh + f_b‖ − that bound: when the test below then holds with a
        // factor 2 to spare, the pass would keep c̃ (to round-off far below the margin) and is skipped
        final double bound = coupledResidualBound;
        if (cIsOne && Double.isFinite(bound) && 2 * bound <= p.cgTolerance * (oneRhsNorm - bound)) {
            lastCIterations = 0;
            skippedConcentrationPasses++;
            return false;
        }
        // the right-hand side, its norm and the residual of the guess c̃ⁿ in one pass (cSol mirrors c̃ⁿ):
        // the CG returns its guess unchanged when the initial residual meets the target, and c̃ ≡ 1 stays a
        // solution to round-off, so this is the common case, and then c̃ is left as it is (nothing copied)
        final IonicSolver cs = concentrationSolver(sh);
        final CsrMatrix a0 = cs.multigrid().matrix(0);
        final double[] fb = dom.fb;
        final double kk = kSink / dp;
        double bb = 0;
        double rr = 0;
        for (int q = 0; q < m; q++) {
            int i = ionIdx[q];
            double bq = sh * c[i] + dom.migrationDiv(c, psiNew, i) - kk * reaction[i] + fb[i];
            cRhs[q] = bq;
            bb += bq * bq;
            double r = a0.row(cSol, cRhs, q) - a0.diag[q] * cSol[q];
            rr += r * r;
        }
        if (Double.isFinite(bb) && Math.sqrt(rr) <= p.cgTolerance * Math.sqrt(bb)) {
            lastCIterations = 0;
            return false;
        }
        lastCIterations = cs.solve(cRhs, cSol, p.cgTolerance, 0, 2000);
        totalCIterations += lastCIterations;
        System.arraycopy(c, 0, cOut, 0, c.length);
        for (int q = 0; q < m; q++) {
            double v0 = cSol[q];
            if (!Double.isFinite(v0) || !Double.isFinite(psiNew[ionIdx[q]])) {
                cSolOf = null;
                throw new PhaseFieldSolver.DivergenceException("phase-field run diverged: non-finite potential or concentration; "
                        + "the last good state is kept. Reduce dt_s or refine dx.");
            }
            cOut[ionIdx[q]] = v0;
        }
        cSolOf = cOut;
        cIsOne = false;
        return true;
    }

    /**
     * Effective ionic conductivity along z relative to dense LLZO: ∇·(h∇ψ) = 0 with ψ = 1 on the
     * z = 0 face and 0 on the far face, I·L/(A·Δψ) (validation check 5).
     */
    double effectiveConductivityRatio() {
        int m = dom.size();
        if (m == 0) {
            return 0;
        }
        double dx = gr.dx;
        double[] sh = new double[m];
        double[] b = new double[m];
        double[] x = new double[m];
        for (int q = 0; q < m; q++) {
            int i = dom.ionIdx[q];
            if (i < gr.plane) {
                sh[q] = 2 * dom.ion[i] / (dx * dx);
                b[q] = sh[q];
            }
        }
        IonicSolver ps = potentialSolver();
        ps.setShift(sh);
        ps.solve(b, x, 1e-12, 0, 5000);
        ps.setShift(null);
        double flux = 0;
        for (int q = 0; q < m; q++) {
            flux += dom.fb[dom.ionIdx[q]] * x[q];
        }
        return flux * dx * gr.nz * dx / gr.plane;
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
}
