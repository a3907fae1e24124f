package org.porophase.phasefield;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.CommandSpec;
import org.porophase.config.ParamSpec;
import org.porophase.config.PluginConfig;

/**
 * Every physical and numerical parameter of the phase-field model (Zhang et al., ACS AMI 2024,
 * eqs. 8–12, built on Chen et al., J. Power Sources 300 (2015) 376), in SI units unless the field
 * name says otherwise. Defaults are those of {@code plugin.yml} command {@code phasefield}, where
 * each one has its unit and source; {@link #fromConfig(PluginConfig)} reads them, the public fields
 * may then be overridden.
 *
 * <p>Derived quantities (Li⁺ diffusivity by Nernst–Einstein, exchange current density, interface
 * width, the eq. 11 and 12 constants K and R_e) are methods, so they can never disagree with the
 * inputs (pitfall 4 of docs/phase-field.md).
 */
public final class PhaseFieldParameters {
    /** Faraday constant, C mol⁻¹. */
    public static final double FARADAY = 96485.33212;
    /** Gas constant, J mol⁻¹ K⁻¹. */
    public static final double GAS_R = 8.314462618;

    // --- eq. 9 (Allen–Cahn + Butler–Volmer) ---
    /** L_σ, interface mobility, m³ J⁻¹ s⁻¹. */
    public double interfaceMobility = 2.5e-6;
    /** L_η, reaction rate constant, s⁻¹. */
    public double reactionConstant = 1e-3;
    /** W₁, double-well barrier of ξ, J m⁻³. */
    public double barrierW = 6e6;
    /** A, cross term A/2·ξ²ϕ² of eq. 8 (keeps Li out of the LLZO), J m⁻³. */
    public double crossTermA = 0;
    /** κ₀, gradient energy coefficient of ξ, J m⁻¹. */
    public double kappa0 = 7.5e-7;
    /**
     * θ_c, Young contact angle of Li on the LLZO pore walls, degrees (Cahn wetting term γcosθ_c at the
     * walls; 90° = neutral).
     */
    public double contactAngleDeg = 45;
    /** δ, anisotropy strength of κ₁ = κ₀[1 + δ cos(ωθ)]. */
    public double anisotropyStrength = 0.1;
    /** ω, anisotropy mode. */
    public double anisotropyMode = 4;
    /** α, anodic symmetry factor. */
    public double alpha = 0.5;
    /** β, cathodic symmetry factor. */
    public double beta = 0.5;
    /** n (= z), electrons per Li. */
    public double electrons = 1;
    /** T, temperature, K. */
    public double temperature = 298;

    // --- eqs. 11, 12 (transport) ---
    /** σ_p, Li⁺ conductivity of (dense) LLZO, S m⁻¹. */
    public double sigmaLlzo = 0.032;
    /** c₀, Li⁺ concentration in LLZO, mol m⁻³. */
    public double c0 = 3.904e4;
    /** C_m^s, Li site density of Li metal, mol m⁻³. */
    public double siteDensity = 7.64e4;
    /** σ_e, electronic conductivity of Li metal, S m⁻¹ (enters only the reported metal ohmic drop). */
    public double sigmaLi = 1e7;

    // --- operating conditions ---
    /** Applied (galvanostatic) current density, mA cm⁻² (positive = plating). */
    public double currentDensityMaCm2 = 0.2;
    /** Simulated time, s. */
    public double timeS = 1000;

    // --- geometry / seeding ---
    /** Simulation grid spacing, µm. */
    public double dxUm = 0;
    /** Largest 10–90 % interface width as a fraction of the narrowest pore. */
    public double interfacePoreFraction = 0.125;
    /** Grid cells across the 10–90 % interface width. */
    public double cellsPerInterface = 4;
    /** Plate/strip cycles (0 = one run of time_s). */
    public double cycles = 0;
    /** Capacity per half-cycle, mAh cm⁻². */
    public double capacityMahCm2 = 0.1;
    /** Strip (I &lt; 0) first: with cycles = 0 the whole run strips; with cycles &gt; 0 each cycle is strip, plate. */
    public boolean stripFirst = false;
    /** Capillary equilibration before the run, s (0 = automatic). */
    public double equilibrationS = 0;
    /** Initial contact fraction of the flat-interface reference. */
    public double flatContactFraction = 0.9;
    /**
     * Interface scale s ≤ 1 chosen by the resolution rule (not a user parameter): the effective
     * logistic length is s·ℓ₀; κ = s·κ₀, W = W₀/s (γ fixed), L_σ = L_σ₀/s (L_σκ fixed), reaction weight
     * ×1/s (i₀ per unit contact fixed). 1 = the physical interface.
     */
    public double interfaceScale = 1;
    /** Width of Li|LLZO contact behind a triple line that passes the exchange current, µm (default 5ℓ₀). */
    public double activeContactWidthUm = 1.25;
    /** Li impregnation depth into the pores connected to the Li side, µm. */
    public double impregnationUm = 5;
    /** Dense Li layer added beyond the Li side, µm. */
    public double liLayerUm = 2;
    /** Dense LLZO layer added at the counter-electrode side, µm (0 = none). */
    public double counterLayerUm = 0;

    // --- numerics ---
    /** Time step, s (0 = automatic, the default: {@link TimeStepControl}). */
    public double dtS = 0;
    /** Relative residual of the preconditioned CG solves. */
    public double cgTolerance = 1e-4;
    /** Relative residual of the ξ PCG solve (Σξ is corrected exactly afterwards). */
    public double xiTolerance = 1e-7;
    /** Cells with h(ϕ) below this are vacuum for the ionic problems (excluded). */
    public double ionicThreshold = 1e-6;
    /** Divergence guard: ξ outside [-bound, 1+bound] stops the run. */
    public double divergenceBound = 0.5;
    /**
     * Time scheme of the ξ Allen–Cahn step ({@link AllenCahnStep}): {@link XiTimeScheme#LINEARIZED} (default: time-accurate
     * capillarity) or {@link XiTimeScheme#STABILIZED} (the scheme before session 6, capillary time dilation 1 + SΔt).
     * plugin.yml key {@code linearized_xi_step} (1 = linearized, 0 = stabilized), the one switch of this choice;
     * {@link #copy()} carries it.
     */
    public XiTimeScheme xiTimeScheme = XiTimeScheme.LINEARIZED;

    /** Time schemes of the ξ step. */
    public enum XiTimeScheme {
        /** Linear stabilized semi-implicit step, constant S = L_σ(2W + A)/2 (capillary time dilation 1 + SΔt). */
        STABILIZED,
        /** Linearly implicit (Rosenbrock–Euler) step: the local Jacobian of the local terms per cell instead of S. */
        LINEARIZED
    }

    public PhaseFieldParameters() {
    }

    /** A copy. */
    public PhaseFieldParameters copy() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.setAll(toMap());
        p.xiTimeScheme = xiTimeScheme;
        return p;
    }

    /** Defaults from the bundled plugin.yml. */
    public static PhaseFieldParameters defaults() {
        return fromConfig(PluginConfig.defaults());
    }

    /** Reads every parameter of command {@code phasefield} of {@code cfg} (unknown/null keys keep the Java default). */
    public static PhaseFieldParameters fromConfig(PluginConfig cfg) {
        PhaseFieldParameters p = new PhaseFieldParameters();
        CommandSpec cs = cfg.command("phasefield");
        Map<String, Double> vals = new LinkedHashMap<>();
        for (String k : p.toMap().keySet()) {
            ParamSpec ps = cs.params().get(k);
            if (ps != null && !ps.isNull()) {
                // booleans (strip_first) are carried as 1 / 0, so copies and checkpoints keep them
                vals.put(k, ps.value() instanceof Boolean b ? (b ? 1.0 : 0.0) : ps.asDouble());
            }
        }
        p.setAll(vals);
        return p;
    }

    /** All parameters by their plugin.yml key (SI / named units). */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("interface_mobility", interfaceMobility);
        m.put("reaction_constant", reactionConstant);
        m.put("barrier_W", barrierW);
        m.put("cross_term_A", crossTermA);
        m.put("kappa0", kappa0);
        m.put("contact_angle_deg", contactAngleDeg);
        m.put("anisotropy_strength", anisotropyStrength);
        m.put("anisotropy_mode", anisotropyMode);
        m.put("alpha", alpha);
        m.put("beta", beta);
        m.put("electrons", electrons);
        m.put("temperature_K", temperature);
        m.put("sigma_llzo", sigmaLlzo);
        m.put("c0", c0);
        m.put("site_density", siteDensity);
        m.put("sigma_li", sigmaLi);
        m.put("current_density_mA_cm2", currentDensityMaCm2);
        m.put("time_s", timeS);
        m.put("dx_um", dxUm);
        m.put("interface_pore_fraction", interfacePoreFraction);
        m.put("cells_per_interface", cellsPerInterface);
        m.put("cycles", cycles);
        m.put("capacity_mAh_cm2", capacityMahCm2);
        m.put("strip_first", stripFirst ? 1.0 : 0.0);
        m.put("equilibration_s", equilibrationS);
        m.put("flat_contact_fraction", flatContactFraction);
        m.put("interface_scale", interfaceScale);
        m.put("active_contact_width_um", activeContactWidthUm);
        m.put("impregnation_depth_um", impregnationUm);
        m.put("li_layer_um", liLayerUm);
        m.put("counter_layer_um", counterLayerUm);
        m.put("dt_s", dtS);
        m.put("cg_tolerance", cgTolerance);
        m.put("xi_tolerance", xiTolerance);
        m.put("ionic_threshold", ionicThreshold);
        m.put("divergence_bound", divergenceBound);
        m.put("linearized_xi_step", xiTimeScheme == XiTimeScheme.LINEARIZED ? 1.0 : 0.0);
        return m;
    }

    /** Sets parameters by key; an unknown key is an error naming the known ones. */
    public void setAll(Map<String, Double> m) {
        for (Map.Entry<String, Double> e : m.entrySet()) {
            set(e.getKey(), e.getValue());
        }
    }

    /** Sets one parameter by its plugin.yml key. */
    public void set(String key, double v) {
        switch (key) {
            case "interface_mobility": interfaceMobility = v; break;
            case "reaction_constant": reactionConstant = v; break;
            case "barrier_W": barrierW = v; break;
            case "cross_term_A": crossTermA = v; break;
            case "kappa0": kappa0 = v; break;
            case "contact_angle_deg": contactAngleDeg = v; break;
            case "anisotropy_strength": anisotropyStrength = v; break;
            case "anisotropy_mode": anisotropyMode = v; break;
            case "alpha": alpha = v; break;
            case "beta": beta = v; break;
            case "electrons": electrons = v; break;
            case "temperature_K": temperature = v; break;
            case "sigma_llzo": sigmaLlzo = v; break;
            case "c0": c0 = v; break;
            case "site_density": siteDensity = v; break;
            case "sigma_li": sigmaLi = v; break;
            case "current_density_mA_cm2": currentDensityMaCm2 = v; break;
            case "time_s": timeS = v; break;
            case "dx_um": dxUm = v; break;
            case "interface_pore_fraction": interfacePoreFraction = v; break;
            case "cells_per_interface": cellsPerInterface = v; break;
            case "cycles": cycles = v; break;
            case "capacity_mAh_cm2": capacityMahCm2 = v; break;
            case "strip_first": stripFirst = v != 0; break;
            case "equilibration_s": equilibrationS = v; break;
            case "flat_contact_fraction": flatContactFraction = v; break;
            case "interface_scale": interfaceScale = v; break;
            case "active_contact_width_um": activeContactWidthUm = v; break;
            case "impregnation_depth_um":
            case "impregnation_um": impregnationUm = v; break;
            case "li_layer_um": liLayerUm = v; break;
            case "counter_layer_um": counterLayerUm = v; break;
            case "dt_s": dtS = v; break;
            case "linearized_xi_step": xiTimeScheme = v != 0 ? XiTimeScheme.LINEARIZED : XiTimeScheme.STABILIZED; break;
            case "cg_tolerance": cgTolerance = v; break;
            case "xi_tolerance": xiTolerance = v; break;
            case "ionic_threshold": ionicThreshold = v; break;
            case "divergence_bound": divergenceBound = v; break;
            default:
                throw new PoroPhaseException("unknown phase-field parameter '" + key + "'; known: " + toMap().keySet());
        }
    }

    /** Checks ranges; throws a PoroPhaseException naming the bad parameter. */
    public void validate() {
        positive("interface_mobility", interfaceMobility);
        nonNegative("reaction_constant", reactionConstant);
        positive("barrier_W", barrierW);
        nonNegative("cross_term_A", crossTermA);
        positive("kappa0", kappa0);
        if (anisotropyStrength < 0 || anisotropyStrength >= 1) {
            throw new PoroPhaseException("phasefield.anisotropy_strength must be in [0, 1), got " + anisotropyStrength);
        }
        if (!(contactAngleDeg >= 0 && contactAngleDeg <= 180)) {
            throw new PoroPhaseException("phasefield.contact_angle_deg must be in [0, 180], got " + contactAngleDeg);
        }
        positive("alpha", alpha);
        positive("beta", beta);
        positive("electrons", electrons);
        positive("temperature_K", temperature);
        positive("sigma_llzo", sigmaLlzo);
        positive("c0", c0);
        positive("site_density", siteDensity);
        positive("sigma_li", sigmaLi);
        nonNegative("time_s", timeS);
        nonNegative("dx_um", dxUm);
        positive("interface_pore_fraction", interfacePoreFraction);
        positive("cells_per_interface", cellsPerInterface);
        nonNegative("cycles", cycles);
        positive("capacity_mAh_cm2", capacityMahCm2);
        nonNegative("equilibration_s", equilibrationS);
        positive("flat_contact_fraction", flatContactFraction);
        positive("active_contact_width_um", activeContactWidthUm);
        if (!(interfaceScale > 0 && interfaceScale <= 1)) {
            throw new PoroPhaseException("phasefield interface scale must be in (0, 1], got " + interfaceScale);
        }
        nonNegative("impregnation_depth_um", impregnationUm);
        nonNegative("li_layer_um", liLayerUm);
        nonNegative("counter_layer_um", counterLayerUm);
        nonNegative("dt_s", dtS);
        if (dtS > timeS) {
            throw new PoroPhaseException("phasefield.dt_s = " + dtS + " s is longer than the simulated time time_s = " + timeS
                    + " s: no step would be taken; use a dt_s below time_s (or 0 = automatic)");
        }
        positive("cg_tolerance", cgTolerance);
        positive("xi_tolerance", xiTolerance);
        positive("ionic_threshold", ionicThreshold);
        positive("divergence_bound", divergenceBound);
    }

    private static void positive(String k, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new PoroPhaseException("phasefield." + k + " must be a positive number, got " + v + " (fix it in the config or on the command line)");
        }
    }

    private static void nonNegative(String k, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new PoroPhaseException("phasefield." + k + " must be ≥ 0, got " + v + " (fix it in the config or on the command line)");
        }
    }

    // ---------------- derived quantities ----------------

    /** RT/F, V. */
    public double thermalVoltage() {
        return GAS_R * temperature / FARADAY;
    }

    /** D_p = σ_p RT / (F² c₀): Li⁺ diffusivity of LLZO by Nernst–Einstein, m² s⁻¹. */
    public double diffusivityLlzo() {
        return sigmaLlzo * GAS_R * temperature / (FARADAY * FARADAY * c0);
    }

    /** K = C_m^s / c₀ (eq. 11, c scaled by c₀), per electron count n. */
    public double sinkK() {
        return electrons * siteDensity / c0;
    }

    /** R_e = n F C_m^s, C m⁻³ (eq. 12). */
    public double currentConstant() {
        return electrons * FARADAY * siteDensity;
    }

    /** ℓ = √(κ₀ / 2W): the logistic length of the flat ξ profile, µm (the 10–90 % width is 2 ln 9 · ℓ ≈ 4.4 ℓ). */
    public double interfaceLengthUm() {
        return Math.sqrt(kappa0 / (2 * barrierW)) * 1e6;
    }

    /** Effective logistic length s·ℓ₀ of the (possibly scaled) interface, µm. */
    public double effectiveInterfaceLengthUm() {
        return interfaceScale * interfaceLengthUm();
    }

    /** 10–90 % width of the effective interface, 2 ln 9 · s·ℓ₀, µm. */
    public double interfaceWidthUm() {
        return 2 * Math.log(9) * effectiveInterfaceLengthUm();
    }

    /** 10–90 % width of the physical interface, 2 ln 9 · ℓ₀, µm. */
    public double physicalInterfaceWidthUm() {
        return 2 * Math.log(9) * interfaceLengthUm();
    }

    /** κ = s·κ₀ (J m⁻¹): with {@link #effectiveBarrier()} keeps γ = √(2Wκ)/6 fixed. */
    public double effectiveKappa() {
        return kappa0 * interfaceScale;
    }

    /** W = W₀/s (J m⁻³). */
    public double effectiveBarrier() {
        return barrierW / interfaceScale;
    }

    /** L_σ = L_σ₀/s (m³ J⁻¹ s⁻¹): keeps the capillary coefficient L_σκ fixed. */
    public double effectiveMobility() {
        return interfaceMobility / interfaceScale;
    }

    /** W_ϕ, the support of the compact ϕ profile, µm ({@link Resolution#phiSupport}). */
    public double phiSupportUm() {
        return Resolution.phiSupport(interfaceWidthUm());
    }

    /**
     * Normalisation of the reaction weight h'(ξ)h(ϕ) on a grid of spacing {@code dxUm}: w_a / (s·A_ϕ). Where a Li
     * front crosses a wall, Σ h'(ξ)·dx ≈ 5sℓ₀ along the wall and A_ϕ = Σ_k h(ϕ(−(k+½)dx))·dx across its open
     * side (the compact sine ϕ of {@link Geometry#sineProfile} sampled at the cell centres of a wall on a cell
     * face, as the rule's grids place it; analytically 0.05238·W_ϕ), so a triple line passes the exchange current
     * i₀ = nFC_m·L_η·5ℓ₀ of a flat contact {@code active_contact_width_um} (w_a) wide whatever the interface
     * scale and dx: i₀ and the active width are physical, the diffuse widths are not. The discrete A_ϕ (not
     * the analytic one) keeps the current of a line independent of how finely the ϕ tail is sampled. Likewise
     * the ξ side: Σ h'(ξ)·dx across the grid's own equilibrium front is c_ξ·5sℓ₀ with c_ξ =
     * {@link #discreteFrontFactor(double)} (0.967 at the rule's 4 cells per interface, 0.992 at 8: the discrete
     * profile is narrower than the continuum one), so the weight is divided by c_ξ as well (issue 11 item 5).
     */
    public double reactionWeightScale(double dxUm) {
        double w = phiSupportUm();
        double a = 0;
        for (int k = 0; (k + 0.5) * dxUm < w / 2; k++) {
            double f = Geometry.sineProfile(-(k + 0.5) * dxUm, w);
            a += f * f * f * (f * (6 * f - 15) + 10) * dxUm;
        }
        if (!(a > 0)) {
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "the LLZO interface (support %.4g um) is not resolved by dx = %.4g um: no open cell lies in its tail; use a finer dx_um (0 = automatic)", w, dxUm));
        }
        return activeContactWidthUm / (interfaceScale * a * discreteFrontFactor(effectiveInterfaceLengthUm() / dxUm));
    }

    private static final java.util.concurrent.ConcurrentHashMap<Double, Double> FRONT_FACTORS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * c_ξ(r) = Σ_k h'(ξ_k) / (5r) over the discrete equilibrium of a planar front aligned with the grid, r = ℓ/dx
     * the interface length in cells: ξ_{k+1} − 2ξ_k + ξ_{k−1} = ξ_k(1 − ξ_k)(1 − 2ξ_k)/r² (the 9-/19-point
     * Laplacian across a grid-aligned front is this 3-point one, weight 1), ξ → 1 and 0 at the two ends; 1 in the
     * continuum (∫h'(ξ)dx = 5ℓ for the logistic). Solved by a volume-conserving gradient flow from the sampled
     * logistic to a residual of 10⁻¹³ (for r &gt; 4 scaled as 1/r² from r = 4); measured independent of the front's
     * position on the grid to 10⁻³.
     * Ground truth: r → ∞ gives 1 (r = 3.64: 0.998); r = 0.91 (4 cells per 10–90 % width): 0.967.
     */
    static double discreteFrontFactor(double r) {
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException("interface length in cells must be positive: " + r);
        }
        if (r > 4) {
            // the error falls as 1/r² (solved: r = 7.28 gives 0.99953 against 0.99953 from this): scaled from r = 4
            return 1 - (1 - FRONT_FACTORS.computeIfAbsent(4.0, PhaseFieldParameters::solveFrontFactor)) * 16 / (r * r);
        }
        return FRONT_FACTORS.computeIfAbsent(r, PhaseFieldParameters::solveFrontFactor);
    }

    private static double solveFrontFactor(double r) {
        int half = (int) Math.ceil(12 * r) + 6;
        int n = 2 * half;
        double[] x = new double[n];
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = 1 / (1 + Math.exp((k - half + 0.5) / r));
        }
        double ir2 = 1 / (r * r);
        double dt = 0.2 / (1 + ir2);
        for (int it = 0; it < 2_000_000; it++) {
            double mx = 0;
            double sd = 0;
            double sh = 0;
            for (int k = 1; k < n - 1; k++) {
                double v = x[k];
                double dk = x[k + 1] - 2 * v + x[k - 1] - v * (1 - v) * (1 - 2 * v) * ir2;
                d[k] = dk;
                sd += dk;
                sh += Grid.hp(v);
            }
            double lam = -sd / sh;
            for (int k = 1; k < n - 1; k++) {
                double dk = d[k] + lam * Grid.hp(x[k]);
                mx = Math.max(mx, Math.abs(dk));
                x[k] += dt * dk;
            }
            if (mx < 1e-13) {
                break;
            }
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += Grid.hp(x[k]);
        }
        return s / (5 * r);
    }

    /** Flat-interface energy γ = √(2 W κ₀)/6, J m⁻². */
    public double interfaceEnergy() {
        return Math.sqrt(2 * barrierW * kappa0) / 6;
    }

    /** i₀ = n F C_m^s · L_η · 5ℓ (∫h'(ξ)dx = 5ℓ across a flat logistic profile), A m⁻². */
    public double exchangeCurrentDensity() {
        return currentConstant() * reactionConstant * 5 * interfaceLengthUm() * 1e-6;
    }

    /** Velocity of a dense Li front at the applied current, I/(nFC_m^s), µm s⁻¹. */
    public double denseGrowthVelocityUmS() {
        return currentDensityMaCm2 * 10 / currentConstant() * 1e6;
    }

    /** L_σ·κ₀ in µm² s⁻¹ (curvature-flow coefficient: R² = R₀² − 2L_σκ₀t). */
    public double capillaryCoefficientUm2S() {
        return interfaceMobility * kappa0 * 1e12;
    }

    /**
     * Longest automatic step of the linearized ξ scheme, s. Measured (session 8, 2D ideal scaffold, 0.2 mA cm⁻²,
     * Δt = 1 → 2 s): 5 µm channels, 1000 s: η, cell potential, contact-area ratio and hot-spot ratio change by 4 × 10⁻⁵,
     * 3 × 10⁻⁵, 4 × 10⁻⁵, 1 × 10⁻⁵ relative; 0.6 µm, 300 s: 7 × 10⁻⁵, 5 × 10⁻⁶, 6 × 10⁻⁵, 6 × 10⁻⁵; a plate/strip cycle
     * (0.1 mA cm⁻², 0.1 mAh cm⁻²): contact 2 × 10⁻⁵, η 4 × 10⁻⁷; the plating-only WCI by ≤ 0.0015 absolute (its noise
     * level, |WCI| ≤ 0.005). At Δt = 4 s the 0.6 µm WCI moves by 0.0046, η by 8 × 10⁻⁴: not taken.
     */
    public static final double MAX_AUTO_STEP_S = 2.0;
    /** Largest fraction of the effective interface width a dense Li front travels in one automatic step. */
    public static final double AUTO_STEP_TRAVEL = 1.0 / 16;

    /**
     * Automatic step of the stabilized ξ scheme ({@code linearized_xi_step = 0}, dt_s = 0):
     * min(1 s, 30/S), S the stabilization constant, so that the capillary time dilation 1 + S·dt stays ≤ 31
     * (capillary relaxation of a 5 µm pore then takes ~40 s, still ≪ the 1000 s run). The scheme itself is stable
     * for any dt.
     */
    public double autoTimeStepStabilized() {
        double s = stabilization();
        return Math.min(1.0, 30.0 / s);
    }

    /**
     * Automatic step of the linearized ξ scheme (dt_s = 0): min({@value #MAX_AUTO_STEP_S} s, w/(16 v)), w the
     * effective interface width ({@link #interfaceWidthUm()}), v the dense-Li front velocity at the applied current
     * ({@link #denseGrowthVelocityUmS()}): a front in a pore of porosity ≥ ½ then moves at most ⅛ of its interface per
     * step (the travel limit is reached only at currents above ~2 mA cm⁻² in 0.6 µm pores). The linearized step
     * relaxes capillarity at its physical rate for any Δt, so the cap is set by the measured Δt-convergence
     * ({@link #MAX_AUTO_STEP_S}).
     */
    public double autoTimeStepLinearized() {
        double v = Math.abs(denseGrowthVelocityUmS());
        double travel = v > 0 ? AUTO_STEP_TRAVEL * interfaceWidthUm() / v : Double.POSITIVE_INFINITY;
        return Math.min(MAX_AUTO_STEP_S, travel);
    }

    /**
     * The step of a linearized ξ step: dt_s when given, else {@link #autoTimeStepLinearized()} (the stabilized
     * scheme: {@link #autoTimeStepStabilized()}).
     */
    public double linearizedTimeStep() {
        if (dtS > 0) {
            return dtS;
        }
        return xiTimeScheme == XiTimeScheme.LINEARIZED ? autoTimeStepLinearized() : autoTimeStepStabilized();
    }

    /**
     * The step of a step on the stabilized scheme: dt_s when given; else, for the stabilized scheme,
     * {@link #autoTimeStepStabilized()}, and for a fallback or the back-off of the linearized scheme
     * {@value #FALLBACK_STEP_S} s, the step every step took before the automatic rule (min(1 s, 30/S) would be
     * 0.65 s at 5 µm and 0.01 s at 0.6 µm: a 3D run, which steps on the stabilized scheme, would take 1.5 to 100
     * times the steps).
     */
    public double stabilizedTimeStep() {
        if (dtS > 0) {
            return dtS;
        }
        return xiTimeScheme == XiTimeScheme.STABILIZED ? autoTimeStepStabilized() : FALLBACK_STEP_S;
    }

    /** Automatic step of the linearized scheme's steps on the stabilized one, s. */
    public static final double FALLBACK_STEP_S = 1.0;

    /** Stabilization constant S = L_σ (2W + A)/2 of the effective interface, s⁻¹ (independent of dx). */
    public double stabilization() {
        return effectiveMobility() * (2 * effectiveBarrier() + crossTermA) / 2;
    }

    /**
     * The nominal step of a run, for estimates and reports: {@link #linearizedTimeStep()} in 2D,
     * {@link #stabilizedTimeStep()} in 3D (where the linearized step does not hold and the run steps on the
     * stabilized scheme: docs/phasefield-engine.md, "3D: the linearized step"). The steps actually taken are
     * {@link TimeStepControl}'s.
     */
    public double timeStep(boolean threeD) {
        return threeD ? stabilizedTimeStep() : linearizedTimeStep();
    }
}
