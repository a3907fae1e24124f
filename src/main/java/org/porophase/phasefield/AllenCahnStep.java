package org.porophase.phasefield;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capillary (L_σ) part of eq. 9 of Zhang et al. 2024 (Allen–Cahn, after Chen et al. 2015) and its
 * linear stabilized semi-implicit time step, on the open cells of a {@link Grid}.
 *
 * <pre>
 * ∂ξ/∂t = −L_σ [ 2Wξ(1−ξ)(1−2ξ) + Aξϕ² − κ(θ)∇²ξ − γ cos θ_c · n_w h'(ξ)/dx ] + R
 * </pre>
 * with the effective (interface-scaled) coefficients κ = {@link PhaseFieldParameters#effectiveKappa()},
 * W = {@link PhaseFieldParameters#effectiveBarrier()}, L_σ = {@link PhaseFieldParameters#effectiveMobility()}
 * (γ = √(2Wκ)/6 and L_σκ do not depend on the scale). The wall term is Cahn's wetting condition: n_w
 * LLZO faces of the cell, Young angle θ_c (contact_angle_deg). κ(θ) = κ[1 + δ cos(ωθ)], θ the angle of
 * ∇ξ from the x axis (2D) or from the depth axis z (3D); κ where |∇ξ| ≈ 0. Units: ξ per s, µm.
 *
 * <p><b>Step</b> (unconditionally stable for S ≥ max f''/2 of the double well, which is continued by its
 * tangents outside [0, 1] so that max f'' = 2W holds there too):
 * <pre>
 * [(1/Δt + S) − L_σκ_max ∇²] ξ* = (1/Δt + S)ξⁿ − L_σ[f'(ξⁿ) − wet(ξⁿ)] + L_σ(κ(θ) − κ_max)∇²ξⁿ + (1 + SΔt) R
 * </pre>
 * S = {@link PhaseFieldParameters#stabilization()} (independent of dx), κ_max = κ(1 + δ). The explicit
 * wetting term is stiff on wall cells (its f'' is up to |γcosθ_c|/dx·n_w·10/√3; a real 3D mask at 2.8 cells per
 * interface diverged within 9 steps at any Δt without a wall stabilization), so a wall cell with n_w LLZO faces
 * gets S_w(n_w) ({@link #wallStabilization}) on both sides of the step: the smallest value that keeps the cell's
 * whole explicit part, double well plus wetting, within the bound 2(S + S_w) ≥ max F'' — 0 on a flat wall at the
 * rule's resolution, where the double well's S already covers the wetting (it peaks where f''_dw = 0). The wetting
 * coefficient in that bound uses d = max(dx, w_i/4) ({@link #WALL_STAB_CELLS}): the wall term's stiffness grows as
 * 1/dx but the implicit Laplacian's damping of a wall-cell mode as 1/dx², so finer grids need no more. Before
 * (session 5) S_w = n_w|L_σγcosθ_c/d|·max|h''|/2 came on top of S: the flat wall row relaxed 1 + 1.6SΔt times slower
 * than physical, a slowdown of a one-cell row whose width is dx — the plating-only WCI changed 29–33 % between 4 and 8
 * cells per interface (13–14 % now; issue 11 item 5). The reaction is multiplied by 1 + (S + S_w)Δt so
 * that plating is not slowed by the stabilization: only capillary relaxation is (the capillary time
 * dilation 1 + SΔt away from the walls). Solved by CG ({@link ConjugateGradient}) on the
 * operator {@link XiOperator}, Jacobi-preconditioned (an aggregation-multigrid V-cycle of it with
 * {@code -Dporophase.xi.preconditioner=multigrid}, {@link #PRECONDITIONER}), from a guess
 * extrapolated from the last increment.
 * {@link FrontConservation} then restores each front's volume.
 *
 * <p><b>Linearized step</b> (option {@link PhaseFieldParameters#xiTimeScheme} = LINEARIZED; Rosenbrock–Euler):
 * the constant S is replaced per cell by the Jacobian of the local terms at ξⁿ,
 * J_i = L_σ[f''_dw(ξⁿ_i) + Aϕ_i² − n_w γcosθ_c h''(ξⁿ_i)/dx] (no S_w, no reaction boost):
 * <pre>
 * [(1/Δt + J_i) − L_σκ_max ∇²] ξ* = (1/Δt + J_i)ξⁿ − L_σ[f'(ξⁿ) − wet(ξⁿ)] + L_σ(κ(θ) − κ_max)∇²ξⁿ + R
 * </pre>
 * M = 1/Δt + J − L_σκ_max∇² annihilates (up to 1/Δt) the translation of an equilibrated front, so slow modes relax at
 * their physical rate (capillary time dilation 1; stabilized: 1 + SΔt). Because a translation is not damped, the
 * volume correction must act through M as well: a second solve M q = h'(ξⁿ) gives the direction of
 * {@link FrontConservation}'s Lagrange multiplier (ξ = ξ* + λ_k q on front k; with h'(ξ*) the correction undid most of
 * each step's translation and the equilibration never converged). J &lt; 0 inside the interface (f''_dw = −W at ½):
 * a step falls back to the stabilized scheme (counted, {@code xi_linearized_fallbacks} in the result's timing) where a
 * Jacobi diagonal is ≤ 0, CG stops short of the tolerance (pᵀAp ≤ 0: M not positive definite) or a cell changes by
 * more than {@link #MAX_LINEARIZED_CHANGE} after the volume correction (far from a capillary equilibrium — the sharp
 * start of the equilibration — M has negative eigenvalues λ, amplified by 1/(1 + λΔt)); after {@value #BACKOFF_AFTER}
 * consecutive fallbacks the next steps go to the stabilized scheme directly, a back-off of 1, 2, 4 … {@value #MAX_BACKOFF}
 * steps reset by a linearized step that holds (3D staircase rims, where the change guard fires on most steps). Preconditioned by Jacobi plus a
 * coarse correction on the fronts' translation modes ({@link FrontCoarseSpace}: M nearly annihilates them, Jacobi alone
 * needed 3.6× the iterations of the stabilized step), from the guesses 2ξⁿ − ξⁿ⁻¹ and 3qⁿ − 3qⁿ⁻¹ + qⁿ⁻² (quadratic
 * extrapolation of the volume correction's direction): 68.9 → 29.6 iterations per step in the paper case.
 * Measured (docs/phasefield-engine.md "Linearized ξ step", "The linearized ξ solve (session 7)").
 */
final class AllenCahnStep {
    private final Grid gr;
    private final PhaseFieldParameters p;
    private final double[] phi;
    /** L_σ·2W, L_σ·A, L_σ γcosθ/dx (s⁻¹), L_σκ and L_σκ_max (µm² s⁻¹). */
    final double mW2;
    final double mA;
    final double wet;
    final double mK0;
    final double mKmax;
    /** Stabilization S, s⁻¹. */
    final double stab;
    /** Local stabilization S_w of a wall cell by its number of LLZO faces n_w (index 0 … 6), s⁻¹ ({@link #wallStabilization}). */
    private final double[] wallStab;
    private final double kap0;
    private final double delta;
    private final double omega;
    private final double lsig;
    /** Cells per interface width below which the wall stabilization follows dx (see the class comment). */
    static final double WALL_STAB_CELLS = 4;
    /**
     * Largest |ξ* − ξⁿ| of a cell that a linearized step may make; a larger change falls back to the stabilized step.
     * Far from a capillary equilibrium (a sharp start, a front that pinches) the Hessian J − L_σκ∇² has negative
     * eigenvalues λ, which the linearly implicit step amplifies by 1/(1 + λΔt): unbounded as λΔt → −1.
     */
    static final double MAX_LINEARIZED_CHANGE = 0.1;
    /**
     * Preconditioner of the ξ solve: {@code jacobi} (default) or {@code multigrid} (one {@link AggregationMultigrid}
     * V-cycle of the operator, hierarchy built once, 1/Δt + S a diagonal shift); measured on the 2D 5 µm case: 18 → 7 iterations per step but 2.5× the ξ time: a lexicographic CSR V-cycle costs ~6 Jacobi-PCG iterations on this 9-point operator).
     * System property {@code porophase.xi.preconditioner}.
     */
    static final String PRECONDITIONER = System.getProperty("porophase.xi.preconditioner", "jacobi");
    private final ConjugateGradient cg;
    private final XiOperator op;
    private XiOperator.Multigrid mg;
    private final JacobiPreconditioner jacobi;
    /**
     * Two-level preconditioner of the linearized step (Jacobi + a coarse correction on the fronts' translation modes,
     * {@link FrontCoarseSpace}); system property {@code porophase.xi.coarse=false}: Jacobi only (the comparison).
     */
    static final boolean COARSE = Boolean.parseBoolean(System.getProperty("porophase.xi.coarse", "true"));
    private final FrontCoarseSpace coarse;
    /** Use {@link #coarse} (default {@link #COARSE}; tests compare with Jacobi only). */
    boolean useCoarse = COARSE;
    /** Linearized steps whose coarse matrix was not positive definite (solved with Jacobi only). */
    long coarseFailures;
    private final double[] diag;
    private double diagDt = -1;
    private double[] prev;
    private double prevDt = -1;
    int lastIterations;
    long totalIterations;
    /** Σ iterations × unknowns of the ξ solves (the region's size, {@link XiActiveRegion}). */
    long totalCellIterations;
    /** The linearized (Rosenbrock–Euler) scheme ({@link PhaseFieldParameters.XiTimeScheme#LINEARIZED}). */
    final boolean linearized;
    /** Local Jacobian J_i of the linearized scheme at ξⁿ, s⁻¹ (written by {@link #explicitTerms}). */
    private final double[] jac;
    /** The explicit terms of the linearized scheme before the reaction (to switch a step to the stabilized one). */
    private final double[] eLin;
    /** M⁻¹h'(ξⁿ) of the last linearized step (the volume correction's direction), and the h'(ξⁿ) it solved for. */
    private double[] dir;
    /** q of the step before (zero off its cells), for the extrapolated guess of q. */
    private double[] qPrev;
    /** q of two steps before (zero off its cells), for the quadratic extrapolation. */
    private double[] qPrev2;
    /** Consecutive linearized steps of Δt = {@link #qDt} whose q was solved (the guess extrapolates from 2 and 3). */
    private int qSteps;
    private double qDt = -1;
    /** A linearized solve was made in this step (a second one, on all open cells, does not shift the guesses). */
    private boolean solvedThisStep;
    /** The last step fell back to the stabilized scheme. */
    private boolean lastFellBack;
    /** Extrapolated guess of q (system property {@code porophase.xi.guess2=false}: the last q, as before). */
    static final boolean GUESS2 = Boolean.parseBoolean(System.getProperty("porophase.xi.guess2", "true"));
    /** Use the improved guesses (default {@link #GUESS2}; tests compare with the plain extrapolation). */
    boolean improvedGuess = GUESS2;
    private final double[] hpn;
    /** This step fell back to the stabilized scheme (reset by {@link #committed}). */
    private boolean fallback;
    /** Steps of the linearized scheme that fell back to the stabilized one (a non-positive Jacobi diagonal or a CG breakdown). */
    long fallbacks;
    /**
     * Back-off of the linearized scheme: after {@value #BACKOFF_AFTER} consecutive steps that fell back, the next {@link #backoff} steps run on the
     * stabilized scheme directly (counted in {@link #stabilizedSteps}, not in {@link #fallbacks}), the back-off doubling on each further fallback up to
     * {@value #MAX_BACKOFF} and reset by a linearized step that holds. A fallback costs the linearized attempt (two CG
     * solves and the volume correction) on top of the stabilized step; where the linearized step cannot hold for long
     * stretches (a contact line pinned on a 3D staircase wall, whose local mode is faster than 1/Δt) the attempts then
     * cost a few per cent instead of doubling the step. 2D runs at the rule's resolution do not fall back: no change.
     */
    static final int MAX_BACKOFF = 32;
    /**
     * Consecutive fallbacks of attempted linearized steps before the back-off starts: sporadic fallbacks (an
     * under-resolved 2D run at 2 cells per interface falls back on about every other step) keep the step-by-step choice.
     */
    static final int BACKOFF_AFTER = 3;
    private int streak;
    /** Steps committed, and those of them that ran on the stabilized scheme (a fallback or the back-off; all of them for it). */
    long committedSteps;
    long stabilizedSteps;
    /** Σ Δt and Σ Δt·(time dilation) of the committed steps ({@link #averageTimeDilation()}). */
    private double committedTime;
    private double dilatedTime;
    private int backoff;
    private int skip;

    AllenCahnStep(Grid gr, PhaseFieldParameters p) {
        this.gr = gr;
        this.p = p;
        this.phi = gr.g.phi;
        lsig = p.effectiveMobility();
        mW2 = 2 * lsig * p.effectiveBarrier();
        mA = lsig * p.crossTermA;
        wet = lsig * p.interfaceEnergy() * Math.cos(Math.toRadians(p.contactAngleDeg)) / (gr.dx * 1e-6);
        kap0 = p.effectiveKappa();
        mK0 = lsig * kap0 * 1e12;
        delta = p.anisotropyStrength;
        omega = p.anisotropyMode;
        mKmax = mK0 * (1 + delta);
        stab = p.stabilization();
        wallStab = wallStabilization(mW2 + mA, wet * Math.min(1, gr.dx * WALL_STAB_CELLS / p.interfaceWidthUm()), stab);
        SlabExecutor team = SlabExecutor.of(gr.par.threads());
        cg = new ConjugateGradient(team, gr.n);
        op = new XiOperator(gr, mKmax, wallStab);
        diag = new double[gr.n];
        jacobi = new JacobiPreconditioner(diag, gr.openIdx);
        linearized = p.xiTimeScheme == PhaseFieldParameters.XiTimeScheme.LINEARIZED;
        coarse = linearized ? new FrontCoarseSpace(gr, diag) : null;
        jac = linearized ? new double[gr.n] : null;
        eLin = linearized ? new double[gr.n] : null;
        dir = linearized ? new double[gr.n] : null;
        hpn = linearized ? new double[gr.n] : null;
        qPrev = linearized ? new double[gr.n] : null;
        qPrev2 = linearized ? new double[gr.n] : null;
    }

    /**
     * Explicit right-hand side e = (1/Δt + S)ξⁿ − L_σ[f' − wet] + anisotropy correction, on the open
     * cells (the reaction is added by the caller).
     */
    void explicitTerms(double[] x, double[] e, double dt, int[] idx) {
        if (linearized && !fallback) {
            explicitLinearized(x, e, dt, idx);
            return;
        }
        final double a0 = 1 / dt + stab;
        final int m = idx.length;
        final boolean aniso = delta > 0;
        final byte[] wf = gr.wallFaces;
        gr.par.forRange(m, 12L * m, (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                double xv = x[i];
                double ph = phi[i];
                double fpr = mW2 * doubleWellSlope(xv) + mA * xv * ph * ph - wet * wf[i] * Grid.hp(xv);
                double ex = (a0 + wallStab[wf[i]]) * xv - fpr;
                if (aniso) {
                    double kap = anisotropicKappa(x, i);
                    ex += lsig * (kap - kap0 * (1 + delta)) * 1e12 * gr.lap(x, i);
                }
                e[i] = ex;
            }
        });
    }

    /**
     * Explicit right-hand side of the linearized step, e = (1/Δt + J_i)ξⁿ − L_σ[f' − wet] + anisotropy correction,
     * J_i = L_σ[f''_dw(ξⁿ_i) + Aϕ_i² − n_w γcosθ_c h''(ξⁿ_i)/dx] the derivative of the local terms (double well, cross
     * term, wetting) at ξⁿ; J_i is kept for the operator.
     */
    private void explicitLinearized(double[] x, double[] e, double dt, int[] idx) {
        final double a0 = 1 / dt;
        final int m = idx.length;
        final boolean aniso = delta > 0;
        final byte[] wf = gr.wallFaces;
        final double[] jj = jac;
        final double[] el = eLin;
        gr.par.forRange(m, 14L * m, (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                int i = idx[k];
                double xv = x[i];
                double ph = phi[i];
                double fpr = mW2 * doubleWellSlope(xv) + mA * xv * ph * ph - wet * wf[i] * Grid.hp(xv);
                double j = mW2 * doubleWellCurvature(xv) + mA * ph * ph - wet * wf[i] * hpp(xv);
                jj[i] = j;
                double ex = (a0 + j) * xv - fpr;
                if (aniso) {
                    double kap = anisotropicKappa(x, i);
                    ex += lsig * (kap - kap0 * (1 + delta)) * 1e12 * gr.lap(x, i);
                }
                el[i] = ex;
                e[i] = ex;
            }
        });
    }

    /** d/dξ of {@link #doubleWellSlope}: 1 − 6ξ + 6ξ² on [0, 1], 1 outside (the tangent continuation). */
    static double doubleWellCurvature(double x) {
        if (x < 0 || x > 1) {
            return 1;
        }
        return 1 - 6 * x * (1 - x);
    }

    /** h''(ξ) = 60ξ(1−ξ)(1−2ξ) on (0, 1), 0 outside (h' = {@link Grid#hp}). */
    static double hpp(double x) {
        if (x <= 0 || x >= 1) {
            return 0;
        }
        return 60 * x * (1 - x) * (1 - 2 * x);
    }

    /**
     * S_w(n_w) = max(0, max over ξ of [L_σ f''_dw(ξ) − n_w·w·h''(ξ)] − 2S)/2 for n_w = 0 … 6 LLZO faces: the smallest
     * extra stabilization that keeps the explicit part of a wall cell (double well plus wetting, both local)
     * within the unconditional-stability bound 2(S + S_w) ≥ max F'' — the bound S = max f''_dw/2 satisfies for the
     * double well alone. The wetting stiffness peaks at ξ = ½ + 1/(2√3), where the double well's curvature is zero,
     * so the global S already covers the wetting of a cell with few LLZO faces. {@code mW2} = L_σ(2W + A) (s⁻¹, the cross term's curvature Aϕ² ≤ A counted in full),
     * {@code w} = L_σγcosθ_c/d (s⁻¹), d = max(dx, w_i/4). Sampled on 4001 points of [0, 1] (outside, h'' = 0 and
     * f''_dw = 2W: nothing to add).
     */
    static double[] wallStabilization(double mW2, double w, double stab) {
        double[] out = new double[7];
        for (int n = 1; n <= 6; n++) {
            double mx = 0;
            for (int k = 0; k <= 4000; k++) {
                double x = k / 4000.0;
                double h2 = 60 * x * (1 - x) * (1 - 2 * x);
                double fdw = mW2 * (1 - 6 * x * (1 - x));
                mx = Math.max(mx, fdw - n * w * h2);
            }
            out[n] = Math.max(0, mx - 2 * stab) / 2;
        }
        return out;
    }

    /**
     * f'(ξ)/2W of the double well ξ²(1−ξ)²: ξ(1−ξ)(1−2ξ) on [0, 1], continued by its tangents ξ (ξ &lt; 0)
     * and ξ − 1 (ξ &gt; 1) so that f'' ≤ 2W everywhere and S = L_σW keeps the explicit part stable also
     * for an undershoot or overshoot (the cubic's f'' grows as 12Wξ² outside [0, 1]).
     */
    static double doubleWellSlope(double x) {
        if (x < 0) {
            return x;
        }
        if (x > 1) {
            return x - 1;
        }
        return x * (1 - x) * (1 - 2 * x);
    }

    /**
     * Green's-function length of the implicit operator, √(L_σκ_max/(1/Δt + S)), µm: the distance over
     * which a fixed value outside the solved region influences the solution ({@link XiActiveRegion}).
     */
    double greenLength(double dt) {
        return Math.sqrt(mKmax / (1 / dt + stab));
    }

    /**
     * Solves [(1/Δt + S) − L_σκ_max∇²] ξ* = e for ξ* (in {@code out}) on the cells {@code idx} (ascending
     * open cells; every other open cell keeps ξⁿ, a Dirichlet value), from a guess extrapolated from the
     * last increment. {@code idx} = {@link Grid#openIdx} is the whole open space.
     */
    void implicitSolve(double[] x, double[] e, double[] out, double dt, int[] idx) {
        if (linearized && !fallback) {
            if (linearSolve(x, e, out, dt, idx)) {
                return;
            }
            // a non-positive diagonal or a CG breakdown: this step with the stabilized scheme
            fallback = true;
            fallbacks++;
            for (int i : idx) {
                double r = e[i] - eLin[i];
                e[i] = eLin[i] + (stab + wallStab[gr.wallFaces[i]] - jac[i]) * x[i] + reactionBoost(i, dt) * r;
            }
        }
        op.local = null;
        final double a0 = 1 / dt + stab;
        final int[] all = gr.openIdx;
        final boolean useMg = "multigrid".equals(PRECONDITIONER);
        if (useMg) {
            idx = all; // the V-cycle works on all open cells
        }
        if (useMg) {
            if (mg == null) {
                mg = op.multigrid(SlabExecutor.of(gr.par.threads()));
            }
            mg.setShift(a0);
        } else if (dt != diagDt) {
            for (int i : all) {
                diag[i] = a0 + wallStab[gr.wallFaces[i]] + mKmax * gr.lapDiagonal(i);
            }
            diagDt = dt;
        }
        initialGuess(x, out, dt, idx);
        op.a0 = a0;
        lastIterations = cg.solve(op, useMg ? mg : jacobi, idx, e, out, p.xiTolerance, 0, 500);
        totalIterations += lastIterations;
        totalCellIterations += (long) lastIterations * idx.length;
    }

    /**
     * The guess of ξ* on {@code idx}, linearly extrapolated from the last increment (2ξⁿ − ξⁿ⁻¹) when the last step had
     * the same Δt, else ξⁿ; where {@code idx} is not all open cells, {@code out} is ξⁿ everywhere else (the Dirichlet
     * values of the solve).
     */
    private void initialGuess(double[] x, double[] out, double dt, int[] idx) {
        if (idx != gr.openIdx) {
            System.arraycopy(x, 0, out, 0, gr.n);
        }
        if (prev != null && prevDt == dt) {
            for (int i : idx) {
                out[i] = 2 * x[i] - prev[i];
            }
        } else {
            for (int i : idx) {
                out[i] = x[i];
            }
        }
    }

    /**
     * The linearized solve [1/Δt + J_i − L_σκ_max∇²] ξ* = e on {@code idx}, then M q = h'(ξⁿ), PCG with
     * {@link FrontCoarseSpace} (Jacobi alone where its coarse matrix is not positive definite, or with
     * {@code porophase.xi.coarse=false}; the multigrid property is ignored: the V-cycle's hierarchy takes a uniform shift). False, with {@code out} undefined, where a Jacobi
     * diagonal is ≤ 0 or CG did not reach the tolerance (pᵀAp ≤ 0 stops it: the operator is not positive definite).
     */
    private boolean linearSolve(double[] x, double[] e, double[] out, double dt, int[] idx) {
        final double a0 = 1 / dt;
        for (int i : idx) {
            double d = a0 + jac[i] + mKmax * gr.lapDiagonal(i);
            if (!(d > 0)) {
                diagDt = -1;
                return false;
            }
            diag[i] = d;
        }
        diagDt = -1; // the stabilized diagonal must be rebuilt before it is used again
        final boolean first = !solvedThisStep;
        solvedThisStep = true;
        initialGuess(x, out, dt, idx);
        op.a0 = a0;
        op.local = jac;
        Preconditioner pre = jacobi;
        if (coarse != null && useCoarse && !lastFellBack) {
            // (after a step that fell back — M far from positive definite, the sharp start of an equilibration — the
            // coarse matrix is rarely positive definite either: Jacobi, without the cost of a failing factorization)
            if (coarse.build(x, idx, a0, jac, mKmax)) {
                pre = coarse;
            } else {
                coarseFailures++;
            }
        }
        lastIterations = cg.solve(op, pre, idx, e, out, p.xiTolerance, 0, 500);
        op.local = null;
        totalIterations += lastIterations;
        totalCellIterations += (long) lastIterations * idx.length;
        boolean ok = cg.lastResidual <= p.xiTolerance;
        if (ok) {
            // the direction of the volume correction, M q = h'(ξⁿ) on idx (q = 0 outside), from the last q
            // guess: the last q on idx, 0 elsewhere (hpn is the scratch for it); after two (three) linearized steps of
            // the same Δt extrapolated linearly, 2qⁿ − qⁿ⁻¹ (quadratically, 3qⁿ − 3qⁿ⁻¹ + qⁿ⁻²; paper case with the
            // two-level preconditioner: 27.7 → 22.5 iterations per step for both solves with the ξ* guess that was not kept)
            if (first && qSteps >= 3 && improvedGuess) {
                for (int i : idx) {
                    hpn[i] = 3 * (dir[i] - qPrev[i]) + qPrev2[i];
                }
            } else if (first && qSteps >= 2 && improvedGuess) {
                for (int i : idx) {
                    hpn[i] = 2 * dir[i] - qPrev[i];
                }
            } else {
                for (int i : idx) {
                    hpn[i] = dir[i];
                }
            }
            if (first) {
                double[] t = qPrev2;
                qPrev2 = qPrev;
                qPrev = dir;
                dir = t;
            }
            java.util.Arrays.fill(dir, 0);
            for (int i : idx) {
                dir[i] = hpn[i];
            }
            java.util.Arrays.fill(hpn, 0);
            for (int i : idx) {
                hpn[i] = Grid.hp(x[i]);
            }
            op.local = jac;
            int it = cg.solve(op, pre, idx, hpn, dir, p.xiTolerance, 0, 500);
            op.local = null;
            lastIterations += it;
            totalIterations += it;
            totalCellIterations += (long) it * idx.length;
            ok = cg.lastResidual <= p.xiTolerance;
            if (ok && first) {
                qSteps = qDt == dt ? qSteps + 1 : 1;
                qDt = dt;
            }
        }
        if (!ok) {
            return false;
        }
        return true;
    }

    /**
     * After the volume correction of a linearized step: true (and the step switched to the stabilized scheme, counted
     * in {@link #fallbacks}) when a cell of {@code idx} changed by more than {@link #MAX_LINEARIZED_CHANGE}; the caller
     * then repeats the step.
     */
    boolean rejectLinearized(double[] x, double[] xn, int[] idx) {
        if (!linearized || fallback) {
            return false;
        }
        for (int i : idx) {
            if (!(Math.abs(xn[i] - x[i]) <= MAX_LINEARIZED_CHANGE)) {
                fallback = true;
                fallbacks++;
                return true;
            }
        }
        return false;
    }

    /** The direction of the volume correction for {@link FrontConservation}: M⁻¹h'(ξⁿ) after a linearized step, else null. */
    double[] conservationDirection() {
        return linearized && !fallback ? dir : null;
    }

    /** Fraction of the committed steps that ran on the stabilized scheme (1 for it; 0 before the first step). */
    double stabilizedStepFraction() {
        return !linearized ? 1 : committedSteps > 0 ? (double) stabilizedSteps / committedSteps : 0;
    }

    /**
     * The scheme choice's state between steps — the back-off ({@link #BACKOFF_AFTER}), whether the next step runs on
     * the stabilized scheme, and the step counters — as named scalars for a checkpoint, so that a resumed run takes
     * the same scheme on each step as an uninterrupted one (the extrapolated initial guesses are not kept: the
     * resumed solves agree to the solver tolerance).
     */
    Map<String, Double> schemeState() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("xi_fallback_streak", (double) streak);
        m.put("xi_backoff", (double) backoff);
        m.put("xi_backoff_skip", (double) skip);
        m.put("xi_next_stabilized", fallback ? 1.0 : 0.0);
        m.put("xi_last_stabilized", lastFellBack ? 1.0 : 0.0);
        m.put("xi_committed_steps", (double) committedSteps);
        m.put("xi_stabilized_steps", (double) stabilizedSteps);
        m.put("xi_committed_time_s", committedTime);
        m.put("xi_dilated_time_s", dilatedTime);
        return m;
    }

    /** Restores {@link #schemeState()} (keys absent in an older checkpoint keep their start values). */
    void restoreSchemeState(Map<String, Double> m) {
        streak = (int) Math.round(m.getOrDefault("xi_fallback_streak", (double) streak));
        backoff = (int) Math.round(m.getOrDefault("xi_backoff", (double) backoff));
        skip = (int) Math.round(m.getOrDefault("xi_backoff_skip", (double) skip));
        fallback = linearized && m.getOrDefault("xi_next_stabilized", fallback ? 1.0 : 0.0) != 0;
        lastFellBack = m.getOrDefault("xi_last_stabilized", lastFellBack ? 1.0 : 0.0) != 0;
        committedSteps = Math.round(m.getOrDefault("xi_committed_steps", (double) committedSteps));
        stabilizedSteps = Math.round(m.getOrDefault("xi_stabilized_steps", (double) stabilizedSteps));
        committedTime = m.getOrDefault("xi_committed_time_s", committedTime);
        dilatedTime = m.getOrDefault("xi_dilated_time_s", dilatedTime);
    }

    /** True when the next step runs on the stabilized scheme directly (the stabilized scheme, or the back-off of the linearized one). */
    boolean nextStepStabilized() {
        return !linearized || fallback;
    }

    /** True when the last committed step ran on the stabilized scheme (a fallback, the back-off, or the stabilized scheme). */
    boolean lastStepStabilized() {
        return !linearized || lastFellBack;
    }

    /**
     * The time average of the capillary time dilation over the committed steps, Σ Δt_k·d_k / Σ Δt_k with d_k = 1 + SΔt_k
     * for a step on the stabilized scheme and 1 for a linearized one ({@link #timeDilation}); 1 before the first step.
     */
    double averageTimeDilation() {
        return committedTime > 0 ? dilatedTime / committedTime : 1;
    }

    /**
     * The factor by which the last step slowed capillary relaxation away from the walls: 1 + SΔt for a stabilized
     * step, 1 for the linearized one (its local Jacobian leaves the relaxation rates of the slow modes as they are).
     */
    double timeDilation(double dt) {
        return linearized && !lastFellBack ? 1 : 1 + stab * dt;
    }

    /**
     * Factor on the reaction rate in the right-hand side of cell i: 1 + (S + S_w,i)Δt, so the reaction
     * is not slowed by the stabilization (R·Δt per step exactly).
     */
    double reactionBoost(int i, double dt) {
        if (linearized && !fallback) {
            return 1; // the increment form: R enters as R, a translation of the front is not slowed
        }
        return 1 + (stab + wallStab[gr.wallFaces[i]]) * dt;
    }

    /** Remembers ξⁿ for the next step's extrapolated initial guess. */
    void committed(double[] xOld, double dt) {
        if (fallback) {
            // this step used the stabilized scheme: no linearized history for the guesses
            qSteps = 0;
        }
        solvedThisStep = false;
        lastFellBack = fallback;
        committedSteps++;
        if (!linearized || fallback) {
            stabilizedSteps++;
        }
        committedTime += dt;
        dilatedTime += dt * timeDilation(dt);
        if (linearized) {
            if (fallback && skip == 0) {
                // an attempted linearized step fell back
                streak++;
                if (streak >= BACKOFF_AFTER) {
                    backoff = backoff == 0 ? 1 : Math.min(MAX_BACKOFF, 2 * backoff);
                    skip = backoff + 1;
                }
            } else if (!fallback) {
                streak = 0;
                backoff = 0;
            }
            if (skip > 0) {
                skip--;
            }
        }
        // the next step: on the stabilized scheme while the back-off lasts
        fallback = linearized && skip > 0;
        if (prev == null) {
            prev = new double[gr.n];
        }
        System.arraycopy(xOld, 0, prev, 0, gr.n);
        prevDt = dt;
    }

    private double anisotropicKappa(double[] f, int i) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        final boolean[] open = gr.g.open;
        int z = i / plane;
        int xy = i - z * plane;
        int y = xy / nx;
        int x = xy - y * nx;
        double fi = f[i];
        double xm = x > 0 && open[i - 1] ? f[i - 1] : fi;
        double xp = x < nx - 1 && open[i + 1] ? f[i + 1] : fi;
        double zm = z > 0 && open[i - plane] ? f[i - plane] : fi;
        double zp = z < gr.nz - 1 && open[i + plane] ? f[i + plane] : fi;
        double gx = xp - xm;
        double gz = zp - zm;
        double gy = 0;
        if (gr.three) {
            double ym = y > 0 && open[i - nx] ? f[i - nx] : fi;
            double yp = y < gr.ny - 1 && open[i + nx] ? f[i + nx] : fi;
            gy = yp - ym;
        }
        double g2 = gx * gx + gy * gy + gz * gz;
        if (g2 < 1e-8) {
            return kap0;
        }
        // cos θ from the depth axis z (3D) or the x axis (2D, θ = atan2(g_z, g_x))
        double t = (gr.three ? gz : gx) / Math.sqrt(g2);
        t = Math.max(-1, Math.min(1, t));
        int w = (int) omega;
        if (w == omega && w >= 0 && w <= 32) {
            // cos(ωθ) = T_ω(cos θ), Chebyshev recurrence (no trigonometric calls)
            double tPrev = 1;
            double tCur = w == 0 ? 1 : t;
            for (int k = 1; k < w; k++) {
                double tn = 2 * t * tCur - tPrev;
                tPrev = tCur;
                tCur = tn;
            }
            return kap0 * (1 + delta * tCur);
        }
        double theta = gr.three ? Math.acos(t) : Math.atan2(gz, gx);
        return kap0 * (1 + delta * Math.cos(omega * theta));
    }
}
