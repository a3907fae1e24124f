package org.porophase.phasefield;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Future;

import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;

/**
 * Time integrator of the phase-field model of Li plating (Zhang et al., ACS AMI 2024, eqs. 8–12,
 * after Chen et al., J. Power Sources 300 (2015) 376) on a {@link Geometry}, 2D (ny = 1) and 3D with
 * the same code: the orchestrator of one time step and the public API. Internal units µm, s;
 * ψ = Fφ/RT; c̃ = c/c₀. See docs/phasefield-engine.md.
 *
 * <p>One step of length Δt:
 * <ol>
 * <li>{@link LiConnectivity}: e, the electronic connection of the Li to the collector (z = 0), from ξⁿ.</li>
 * <li>{@link AllenCahnStep}: explicit capillary terms (double well, wetting, anisotropy) of eq. 9.</li>
 * <li>{@link Electrochemistry}: the local Butler–Volmer rate R = L_η/s·h'(ξ)h(ϕ)e[c̃e^{−βnη} − e^{αnη}]
 * on the Li front where it overlaps the diffuse LLZO ({@link IonicDomain}), implicitly coupled with
 * the potential (eq. 12) and the galvanostatic control ∫R dV = I·A/(nFC_m) (signed I: plating &gt; 0,
 * stripping &lt; 0); the concentration step (eq. 11) is started on a worker.</li>
 * <li>{@link AllenCahnStep}: the semi-implicit solve for ξ* with (1 + SΔt)R on the right-hand side.</li>
 * <li>{@link FrontConservation}: one λ_k per front so each front's volume changes only by its R·Δt.</li>
 * </ol>
 * {@link SolverState} is what a checkpoint holds; a solver built from it continues the run.
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
    final int n;
    final double dx;

    final Grid grid;
    final IonicDomain domain;
    final AllenCahnStep allenCahn;
    final Electrochemistry electro;
    final FrontConservation fronts;
    final LiConnectivity connectivity;

    // views kept for the metrics, snapshots and outputs
    /** h(ϕ) per cell. */
    final double[] hphi;
    /** h(ϕ) on the connected ionic domain, 0 elsewhere. */
    final double[] ion;
    final int[] openIdx;
    final int[] ionIdx;
    /** The potential solver (multigrid levels are reported; built on first use). */
    IonicSolver ionic() {
        return electro.potentialSolver();
    }

    // state
    double[] xi;
    double[] c;
    double[] psi;
    double v;
    double time;
    long steps;
    private double currentMaCm2;
    private boolean reactionEnabled = true;
    Control control = Control.GALVANOSTATIC;
    double fixedV;
    boolean conserveVolume = true;

    // buffers
    private double[] xiNew;
    private double[] rhs;
    private double[] psiNew;
    private double[] cNew;
    /** Whether the last concentration step changed c̃ (false: c̃ⁿ met the tolerance and was kept). */
    private volatile boolean cChanged;
    /** R per cell of the last step (ξ per s). */
    final double[] reaction;
    final double xiSum0;
    private final boolean contactOk;
    private double lastDt;
    private int lastFronts;
    /** Σ R (per cell, s⁻¹) of the last step. */
    double lastSumR;
    /** The ξ array the last step produced and the ξ region it was solved on (valid: not all open cells). */
    private double[] lastOut;
    private int[] lastRegion = new int[0];
    private int lastRegionSize;
    private boolean lastRegionValid;

    /**
     * Solve ξ on the front band and a margin only ({@link XiActiveRegion}; default true). System property
     * {@code porophase.xi.activeRegion=false}: on all open cells (the reference the region is measured against).
     */
    /** System property {@code porophase.trace=true}: one line per step on stderr (iterations, region size) for profiling. */
    private static final boolean TRACE = Boolean.getBoolean("porophase.trace");
    static final boolean ACTIVE_REGION = Boolean.parseBoolean(System.getProperty("porophase.xi.activeRegion", "true"));
    final XiActiveRegion activeRegion;
    private boolean useActiveRegion = ACTIVE_REGION;
    /** Cells of the last ξ solve; steps re-solved on all open cells because a front reached the margin. */
    int lastRegionCells;
    long regionFallbacks;

    /**
     * Accumulated wall time per phase (ns): connectivity, explicit terms, reaction + potential, ξ solve,
     * front conservation, concentration (the wait for it after the ξ step).
     */
    public long nanosConnectivity;
    public long nanosFronts;
    public long nanosExplicit;
    public long nanosIonic;
    public long nanosXi;
    public long nanosC;
    /** Accumulated iteration counts (ξ PCG; potential MG-PCG; concentration MG-PCG). */
    public long totalXiIterations;
    public long totalIonicIterations;
    public long totalCIterations;
    int lastXiIterations;
    int lastPsiIterations;
    int lastCIterations;

    public PhaseFieldSolver(Geometry g, PhaseFieldParameters params, Parallel par) {
        this(g, params, par, g.xi0.clone(), null, null, 0, 0, 0);
    }

    PhaseFieldSolver(Geometry g, PhaseFieldParameters params, Parallel par, double[] xi, double[] c, double[] psi, double v, double time, long steps) {
        this(g, params, par, new SolverState(xi, c, psi, v, time, steps, params.currentDensityMaCm2, true));
    }

    /** Continues from a saved state (a checkpoint). */
    PhaseFieldSolver(Geometry g, PhaseFieldParameters params, Parallel par, SolverState st) {
        params.validate();
        this.g = g;
        this.p = params;
        this.par = par;
        grid = new Grid(g, par);
        n = grid.n;
        dx = grid.dx;
        domain = new IonicDomain(grid, p.ionicThreshold);
        allenCahn = new AllenCahnStep(grid, p);
        electro = new Electrochemistry(grid, domain, p);
        fronts = new FrontConservation(grid);
        connectivity = new LiConnectivity(grid);
        activeRegion = new XiActiveRegion(grid);
        hphi = domain.hphi;
        ion = domain.ion;
        openIdx = grid.openIdx;
        ionIdx = domain.ionIdx;
        xi = st.xi;
        c = st.c != null ? st.c : filled(n, 1.0);
        psi = st.psi != null ? st.psi : new double[n];
        v = st.v;
        time = st.time;
        steps = st.steps;
        currentMaCm2 = st.currentDensityMaCm2;
        reactionEnabled = st.reactionEnabled;
        xiNew = new double[n];
        rhs = new double[n];
        psiNew = new double[n];
        cNew = new double[n];
        reaction = new double[n];
        xiSum0 = grid.sumOpen(g.xi0);
        connectivity.update(xi);
        contactOk = domain.size() > 0 && electro.weights(xi, connectivity.connected) > 0;
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** h(x) = x³(6x² − 15x + 10). */
    static double h(double x) {
        return Grid.h(x);
    }

    /** h'(x) = 30x²(1 − x)² in (0, 1), 0 outside. */
    static double hp(double x) {
        return Grid.hp(x);
    }

    double sumOpen(double[] f) {
        return grid.sumOpen(f);
    }

    // ------------------------------------------------------------------ control

    public void setControl(Control c) {
        control = c;
    }

    /**
     * Volume conservation per front (default true, {@link FrontConservation}); false = Zhang's plain
     * (non-conserved) eq. 9, e.g. for the shrinking-circle test.
     */
    public void setConserveVolume(boolean b) {
        conserveVolume = b;
    }

    /** Solve ξ on the front band and a margin ({@link XiActiveRegion}, default) or on all open cells (false). */
    void setActiveRegion(boolean on) {
        useActiveRegion = on;
    }

    /** Electrode potential for {@link Control#POTENTIOSTATIC}, in V (vs. the counter electrode). */
    public void setElectrodePotential(double volts) {
        fixedV = volts / p.thermalVoltage();
        v = fixedV;
    }

    /** Applied current density for the following steps, mA cm⁻²: &gt; 0 plating, &lt; 0 stripping. */
    public void setCurrentDensityMaCm2(double signedMaCm2) {
        if (!Double.isFinite(signedMaCm2)) {
            throw new PoroPhaseException("current density must be finite, got " + signedMaCm2);
        }
        currentMaCm2 = signedMaCm2;
    }

    /** The applied (signed) current density, mA cm⁻². */
    public double currentDensityMaCm2() {
        return currentMaCm2;
    }

    /** False: R ≡ 0 and V is not solved (capillary equilibration); true (default): the reaction runs. */
    public void setReactionEnabled(boolean on) {
        reactionEnabled = on;
    }

    public boolean reactionEnabled() {
        return reactionEnabled;
    }

    /**
     * Checks that the geometry can carry the reaction: an ion-conducting path to the counter electrode
     * and initial Li, connected to the collector, whose front overlaps it. Called before the first
     * reacting step.
     */
    public void checkElectrochemistry() {
        if (ionIdx.length == 0) {
            throw new PoroPhaseException("the LLZO (solid) does not reach the counter-electrode side of the mask: no Li⁺ path; "
                    + "check --li-side (the Li comes from that side, the counter electrode is the opposite one) or add a dense layer with counter_layer_um");
        }
        if (!contactOk) {
            throw new PoroPhaseException("the initial Li does not touch the ion-conducting LLZO (the solid connected by faces to the "
                    + "counter-electrode side) with its front, or is not connected to the current collector: the solid the Li touches is cut off "
                    + "from it, as in a 2D section of a fibrous or particulate solid that only connects out of the plane; check --li-side and the "
                    + "mask polarity (255 = pore, 0 = solid), or use a 3D mask");
        }
    }

    /**
     * Effective ionic conductivity of the scaffold along z, relative to dense LLZO (validation check 5:
     * (1 − f) for straight channels of pore fraction f).
     */
    public double effectiveConductivityRatio() {
        return electro.effectiveConductivityRatio();
    }

    // ------------------------------------------------------------------ stepping

    /**
     * Advances one step of length dt (s). On divergence, or when current is asked for and no Li front
     * connected to the collector touches the ion conductor, throws {@link DivergenceException} and
     * keeps the previous state.
     */
    public void step(double dt) {
        long t0 = System.nanoTime();
        final double[] x = xi;
        // the ξ region and the explicit Allen–Cahn terms depend on ξⁿ only: with a second thread they are
        // formed while the connectivity, the reaction and the potential are solved (the same numbers)
        explicitPart.set(x, dt);
        // likewise Aψⁿ and Aδψ_b of the potential step (they depend on ψⁿ and the last δψ_b only)
        basePart.task = null;
        if (par.threads() > 1 && reactionEnabled && control != Control.NONE && p.reactionConstant > 0 && ionIdx.length > 0) {
            electro.potentialSolver(); // built here, not on a worker
            basePart.psi = psi;
            basePart.galvanostatic = control == Control.GALVANOSTATIC;
            basePart.task = par.submit(basePart);
        }
        Future<?> exTask = par.threads() > 1 ? par.submit(explicitPart) : null;
        try {
            stepFrom(x, dt, t0, exTask);
        } catch (RuntimeException e) {
            awaitQuietly(exTask);
            awaitQuietly(basePart.task);
            throw e;
        } finally {
            basePart.task = null;
        }
    }

    /** Waits for a task of a failed step (the first error is the one reported). */
    private static void awaitQuietly(Future<?> f) {
        if (f != null) {
            try {
                Parallel.await(f);
            } catch (RuntimeException ignored) {
                // the first error is the one reported
            }
        }
    }

    /** The ψⁿ products of a step, formed ahead on a worker ({@link Electrochemistry#prepareBase}). */
    private final class BasePart implements Runnable {
        double[] psi;
        boolean galvanostatic;
        Future<?> task;

        @Override
        public void run() {
            electro.prepareBase(psi, galvanostatic);
        }

        /** Waits until the products are formed (no-op when none were asked for). */
        void await() {
            if (task != null) {
                Future<?> f = task;
                task = null;
                Parallel.await(f);
            }
        }
    }

    private final BasePart basePart = new BasePart();

    /** The region and explicit terms of a step (see {@link #step}). */
    private final class ExplicitPart implements Runnable {
        private double[] x;
        private double dt;
        int[] region;

        void set(double[] x, double dt) {
            this.x = x;
            this.dt = dt;
            region = null;
        }

        @Override
        public void run() {
            long t = System.nanoTime();
            region = conserveVolume && useActiveRegion ? activeRegion.build(x, activeRegion.layersFor(allenCahn.greenLength(dt))) : openIdx;
            allenCahn.explicitTerms(x, rhs, dt, region);
            nanosExplicit += System.nanoTime() - t;
        }
    }

    private final ExplicitPart explicitPart = new ExplicitPart();

    private void stepFrom(final double[] x, double dt, long t0, Future<?> exTask) {
        if (x == lastOut && lastRegionValid) {
            // since the last step only its ξ region and its reacting cells changed
            connectivity.update(x, lastRegion, lastRegionSize, domain.reactIdx);
        } else {
            connectivity.update(x);
        }
        long t1 = System.nanoTime();
        nanosConnectivity += t1 - t0;
        if (exTask == null) {
            explicitPart.run();
            t1 = System.nanoTime();
        }
        boolean react = reactionEnabled && control != Control.NONE && p.reactionConstant > 0;
        Future<?> cTask = null;
        double vNext = v;
        double sumR = 0;
        if (react) {
            if (ionIdx.length == 0) {
                checkElectrochemistry();
            }
            boolean galv = control == Control.GALVANOSTATIC;
            double target = electro.target(currentMaCm2);
            double wsum = electro.weights(x, connectivity.connected);
            if (wsum == 0) {
                if (!galv || target != 0) {
                    throw new DivergenceException(String.format(Locale.ROOT,
                            "%s at t = %.6g s (step %d): no front of the Li connected to the current collector overlaps the ion-conducting LLZO "
                                    + "(the contacts are buried, dead or lost), so %.4g mA/cm² cannot pass; the last good state is kept",
                            Electrochemistry.NO_CONTACT, time, steps + 1, currentMaCm2));
                }
                react = false;
            } else {
                basePart.await();
                vNext = electro.reactAndPotential(psi, c, v, galv, target, fixedV, reaction, psiNew, steps);
                lastPsiIterations = electro.lastIterations;
                if (exTask != null) {
                    Parallel.await(exTask); // rhs holds the explicit terms before the reaction is added
                    exTask = null;
                }
                final double dtc = dt;
                final double[] cIn = c;
                final double[] pIn = psiNew;
                final double[] cOut = cNew;
                cTask = par.submit(() -> cChanged = electro.concentrationStep(cIn, pIn, reaction, dtc, cOut));
                sumR = addReaction(dt);
            }
        }
        basePart.await(); // a step without reaction (no contact at zero current) may leave it unused
        if (!react) {
            for (int i : domain.reactIdx) {
                reaction[i] = 0; // R is only ever written on the reacting cells (reactAndPotential writes all of them)
            }
        }
        lastSumR = sumR;
        if (exTask != null) {
            Parallel.await(exTask);
        }
        final int[] region = explicitPart.region;
        long t2 = System.nanoTime();
        nanosIonic += t2 - t1;
        double[] xn = xiNew;
        boolean fellBack = true;
        try {
            allenCahn.implicitSolve(x, rhs, xn, dt, region);
            lastXiIterations = allenCahn.lastIterations;
            lastRegionCells = region.length;
            fellBack = false;
            if (activeRegion.touchesBoundary(xn, region)) {
                fellBack = true;
                // a front reached the margin: this step on all open cells (the region is only a shortcut)
                regionFallbacks++;
                allenCahn.explicitTerms(x, rhs, dt, openIdx);
                if (react) {
                    addReaction(dt);
                }
                allenCahn.implicitSolve(x, rhs, xn, dt, openIdx);
                lastXiIterations += allenCahn.lastIterations;
            }
            long t3 = System.nanoTime();
            nanosXi += t3 - t2;
            if (conserveVolume) {
                fronts.direction = allenCahn.conservationDirection();
                lastFronts = region != openIdx && activeRegion.holdsFronts() && !fellBack
                        ? fronts.project(x, xn, reaction, dt, region, domain.reactIdx)
                        : fronts.project(x, xn, reaction, dt);
            }
            if (allenCahn.rejectLinearized(x, xn, openIdx)) {
                fellBack = true; // solved again below on all open cells
                // a linearized step far from a capillary equilibrium: this step again with the stabilized scheme
                allenCahn.explicitTerms(x, rhs, dt, openIdx);
                if (react) {
                    addReaction(dt);
                }
                allenCahn.implicitSolve(x, rhs, xn, dt, openIdx);
                lastXiIterations += allenCahn.lastIterations;
                if (conserveVolume) {
                    fronts.direction = null;
                    lastFronts = fronts.project(x, xn, reaction, dt);
                }
            }
            nanosFronts += System.nanoTime() - t3;
            if (region != openIdx && !fellBack) {
                // every other open cell kept ξⁿ (checked when it was set) or, where it reacts, ξⁿ + RΔt
                checkBounds(xn, dt, region);
                checkBounds(xn, dt, domain.reactIdx);
            } else {
                checkBounds(xn, dt, openIdx);
            }
        } catch (RuntimeException e) {
            if (cTask != null) {
                try {
                    Parallel.await(cTask);
                } catch (RuntimeException ignored) {
                    // the ξ error is the one reported
                }
            }
            throw e;
        }
        long t4 = System.nanoTime();
        if (cTask != null) {
            Parallel.await(cTask);
            lastCIterations = electro.lastCIterations;
        }
        nanosC += System.nanoTime() - t4;
        // commit
        allenCahn.committed(x, dt);
        xiNew = xi;
        xi = xn;
        lastOut = xn;
        lastRegionValid = region != openIdx && !fellBack;
        if (lastRegionValid) {
            // a copy: the next step's region may be built into the same array while the connectivity reads this one
            if (lastRegion.length < region.length) {
                lastRegion = new int[region.length];
            }
            System.arraycopy(region, 0, lastRegion, 0, region.length);
            lastRegionSize = region.length;
        }
        if (react) {
            double[] t = psi;
            psi = psiNew;
            psiNew = t;
            if (cChanged) {
                t = c;
                c = cNew;
                cNew = t;
            }
            v = vNext;
        }
        totalXiIterations = allenCahn.totalIterations;
        totalIonicIterations = electro.totalIterations;
        totalCIterations = electro.totalCIterations;
        lastDt = dt;
        time += dt;
        steps++;
        if (TRACE) {
            System.err.printf(Locale.ROOT, "step %d t=%.3f psi_it=%d a=%d b=%d dV=%.3g c_it=%d xi_it=%d region=%d%n", steps, time, lastPsiIterations, electro.traceA, electro.traceB, electro.traceDV, lastCIterations, lastXiIterations, lastRegionCells);
        }
    }

    /** Adds (1 + S_iΔt)R to the ξ right-hand side on the reacting cells; returns Σ R. */
    private double addReaction(double dt) {
        double sumR = 0;
        for (int i : domain.reactIdx) {
            double r = reaction[i];
            if (r != 0) {
                rhs[i] += allenCahn.reactionBoost(i, dt) * r;
                sumR += r;
            }
        }
        return sumR;
    }

    private void checkBounds(double[] xn, double dt, int[] cells) {
        double lo = -p.divergenceBound;
        double hi = 1 + p.divergenceBound;
        for (int i : cells) {
            double xv = xn[i];
            if (!(xv >= lo && xv <= hi)) {
                int z = i / grid.plane;
                throw new DivergenceException(String.format(Locale.ROOT,
                        "phase-field run diverged at t = %.4g s (step %d): xi = %s at cell (x=%d, y=%d, z=%d); the last good state is kept. "
                                + "Reduce the time step (dt_s, now %.3g s) or refine dx.",
                        time + dt, steps + 1, Double.toString(xv), (i - z * grid.plane) % grid.nx, (i - z * grid.plane) / grid.nx, z, dt));
            }
        }
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

    /** What a checkpoint holds (the arrays are the live ones: copy them to keep them). */
    SolverState state() {
        return new SolverState(xi, c, psi, v, time, steps, currentMaCm2, reactionEnabled);
    }

    /** Reaction rate R per cell (ξ per s) of the last step; 0 outside the active contact (a copy). */
    public double[] reactionRate() {
        return reaction.clone();
    }

    /** Electronic connection e per cell (Li connected to the collector and its rim) at the last step (a copy). */
    public boolean[] electronicallyConnected() {
        return connectivity.connected.clone();
    }

    /** Σ ξ·dV over the Li (ξ ≥ ½) not connected to the current collector at the last step, µm³ (2D: × dx slab). */
    public double deadLiVolumeUm3() {
        return connectivity.deadLiVolume();
    }

    /** Number of separately conserved fronts (menisci) at the last step. */
    public int frontComponents() {
        return lastFronts;
    }

    /** 1 + S·Δt of the last step: the factor by which the stabilization slows capillary relaxation (1: linearized scheme). */
    public double capillaryTimeDilation() {
        return allenCahn.timeDilation(lastDt);
    }

    /** Σξ dV − Σξ₀ dV over the open cells, µm³ (2D: for the slab of thickness dx). */
    public double platedVolumeUm3() {
        return (sumOpen(xi) - xiSum0) * dx * dx * dx;
    }

    /** Electrode area, µm² (2D: box width × dx, the slab thickness). */
    public double electrodeAreaUm2() {
        return grid.plane * dx * dx;
    }

    /** Number of open (ξ) cells and of ionic cells. */
    public int openCells() {
        return openIdx.length;
    }

    public int ionicCells() {
        return ionIdx.length;
    }

    /**
     * Modelled main-memory traffic of the steps done so far, bytes: per ξ-PCG iteration ~72 B per
     * unknown (the cells of the solved region); per MG-PCG iteration ~340 B per grid cell (the 2D ionic bench's
     * {@link IonicSolver#modelledBytesPerIteration}, W-cycle visits counted); per step ~260 B per open cell (explicit terms,
     * extrapolation, connectivity and front passes, sums) and ~250 B per ionic cell.
     */
    public double modelledBytes() {
        return 72.0 * allenCahn.totalCellIterations + 340.0 * (totalIonicIterations + totalCIterations) * n
                + steps * (260.0 * openIdx.length + 250.0 * ionIdx.length);
    }

    /** Stabilization constant S, s⁻¹. */
    public double stabilization() {
        return allenCahn.stab;
    }

    /** Local ionic current density magnitude |σ∇φ| (A m⁻²) at each cell of the ionic domain (0 elsewhere). */
    public double[] currentDensity() {
        return currentDensity(psi);
    }

    /** {@link #currentDensity()} for a given ψ (e.g. a copy of an earlier step's). */
    double[] currentDensity(double[] psi) {
        double[] out = domain.fluxMagnitude(psi);
        double f = currentDensityFactor();
        for (int i : ionIdx) {
            out[i] *= f;
        }
        return out;
    }

    /** {@link #currentDensity()} at ionic cell i for a given ψ, A m⁻² (no full-grid array: for the metrics rows). */
    double currentDensity(double[] psi, int i) {
        return domain.fluxMagnitude(psi, i) * currentDensityFactor();
    }

    private double currentDensityFactor() {
        return p.sigmaLlzo * p.thermalVoltage() * 1e6;
    }

    /**
     * Ionic current entering through the counter-electrode face, A (2D: for the slab of thickness dx);
     * positive when plating. The Nernst–Planck Li⁺ flux from ψ and c̃ at that face
     * ({@link IonicDomain#counterFaceFlux}), independent of the controller's sum.
     */
    public double counterCurrentA() {
        return p.sigmaLlzo * p.thermalVoltage() * domain.counterFaceFlux(psi, c) * dx * dx * dx * 1e-6;
    }
}
