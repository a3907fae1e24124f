package org.porophase.phasefield;

import org.porophase.core.Parallel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Validation checks 1 (Nernst), 2 (Butler–Volmer) and 3 (shrinking circle) of docs/phase-field.md. */
class ElectrochemistryValidationTest {

    /**
     * Check 1: a Li|LLZO contact with Li⁺ concentration c₁ ≠ c₀ and no net current settles at the
     * Nernst potential V − φ = (RT/nF) ln(c₁/c₀) and does not move. α ≠ β on purpose: the equilibrium
     * does not depend on them. Tolerance 1e-9 V: the galvanostatic scalar equation is solved to
     * machine precision and φ is uniform (no current). The contact is diffuse (the Li front overlaps
     * the diffuse LLZO): with the local reaction of eq. 9 a buried ξ = 1 contact does not react at all.
     */
    @Test
    void nernstEquilibrium() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.1;
        p.alpha = 0.3;
        p.beta = 0.7;
        p.currentDensityMaCm2 = 0;
        Geometry g = Geometries.diffuseContact(2, 60, 20, 2, 0.1, p);
        Parallel par = Parallel.of(1);
        for (double c1 : new double[] {0.5, 2.0}) {
            PhaseFieldSolver s = new PhaseFieldSolver(g, p, par, g.xi0.clone(), PhaseFieldSolver.filled(g.size(), c1), null, 0, 0, 0);
            double sum0 = s.sumOpen(s.xi);
            s.step(1e-3);
            double expected = p.thermalVoltage() / p.electrons * Math.log(c1);
            double psiContact = s.psi[0 + 2 * 20] * p.thermalVoltage();
            System.out.printf("nernst c1=%.2f expected %.9f V got %.9f V%n", c1, expected, s.electrodePotentialV() - psiContact);
            assertEquals(expected, s.electrodePotentialV() - psiContact, 1e-9, "Nernst potential for c1 = " + c1);
            // zero velocity: Σξ unchanged to round-off
            assertEquals(sum0, s.sumOpen(s.xi), 1e-10 * sum0);
        }
    }

    /**
     * Check 2: planar diffuse Li|LLZO contact at fixed overpotential with fast transport (σ = 1e4 S/m,
     * so the ohmic drop is &lt; 1e-8 V): the current density equals i₀[c e^{−βnFη/RT} − e^{αnFη/RT}]
     * (cathodic positive). i₀ of the contact is nFC_m^s·L_η/s·∫h'(ξ)h(ϕ)e dz (per area), integrated here
     * from the initial ξ, the geometry's ϕ and the solver's electronic connection e — the local
     * weight of eq. 9, which replaced the sharp-contact term (a flat buried contact has none).
     * Tolerance 1e-5 relative: only the residual ohmic drop and the linearization of the coupled
     * potential step (η changes by &lt; 1e-6 V) separate the two. The nominal i₀ = nFC_m^s·L_η·5ℓ of
     * a whole profile on the ion conductor ({@link PhaseFieldParameters#exchangeCurrentDensity()}) is
     * checked as a number.
     */
    @Test
    void butlerVolmerKinetics() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.1;
        p.sigmaLlzo = 1e4;
        p.alpha = 0.4;
        p.beta = 0.6;
        Geometry g = Geometries.diffuseContact(2, 60, 20, 2, 0.1, p);
        Parallel par = Parallel.of(1);
        for (double etaV : new double[] {-0.1, -0.02, 0.01, 0.05}) {
            PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
            s.setControl(PhaseFieldSolver.Control.POTENTIOSTATIC);
            s.setElectrodePotential(etaV);
            double sum0 = s.sumOpen(s.xi);
            double dt = 1e-3;
            s.step(dt);
            boolean[] e = s.electronicallyConnected();
            double wsum = 0;
            for (int i = 0; i < g.size(); i++) {
                if (g.open[i] && e[i]) {
                    wsum += PhaseFieldSolver.hp(g.xi0[i]) * PhaseFieldSolver.h(g.phi[i]);
                }
            }
            // per area: Σ over the column (nx cells wide) × dx / nx, µm → m
            double i0 = p.currentConstant() * p.reactionConstant * p.reactionWeightScale(g.dxUm) * wsum * g.dxUm / g.nx * 1e-6;
            double dSum = s.sumOpen(s.xi) - sum0;
            // Σξ change × cell volume / area / dt → µm/s → A m⁻²
            double velUmS = dSum * g.dxUm / (g.nx * dt);
            double i = velUmS * 1e-6 * p.currentConstant();
            double f = etaV / p.thermalVoltage();
            double expected = i0 * (Math.exp(-p.beta * f) - Math.exp(p.alpha * f));
            System.out.printf("BV eta=%.3f V expected %.6f A/m2 got %.6f (rel err %.2e)%n", etaV, expected, i, i / expected - 1);
            assertEquals(expected, i, 1e-5 * Math.abs(expected), "BV current at eta = " + etaV + " V");
        }
        assertEquals(9.214, p.exchangeCurrentDensity(), 0.01, "i0 = nFC_m 5 ell L_eta = 0.92 mA/cm2 with the default parameters");
    }

    /**
     * Check 3: a Li disk in vacuum under plain (non-conserved) Allen–Cahn shrinks as R² = R₀² − 2L_σκ₀t.
     * R from the area ∫ξ = πR². dx = 0.1 µm (ℓ/dx = 2.5), dt = 1 ms (stabilized-scheme time dilation
     * 1 + SΔt = 1.015, corrected for); tolerance 3 % on the slope of R²(t): diffuse-interface
     * corrections are O((ℓ/R)²) ≈ 1 % at R ≈ 2.3 µm.
     */
    @Test
    void shrinkingCircle() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.1;
        p.anisotropyStrength = 0;
        Geometry g = Geometries.disk(100, 100, 0.1, 3.0, p);
        Parallel par = Parallel.of(1);
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
        s.setControl(PhaseFieldSolver.Control.NONE);
        s.setConserveVolume(false);
        double dt = 1e-3;
        // let the profile relax, then measure the slope of R² between t = 0.1 and 0.9 s
        double r2a = 0;
        double ta = 0;
        for (int k = 1; k <= 900; k++) {
            s.step(dt);
            if (k == 100) {
                r2a = s.sumOpen(s.xi) * 0.01 / Math.PI;
                ta = s.time;
            }
        }
        double r2b = s.sumOpen(s.xi) * 0.01 / Math.PI;
        double slope = (r2b - r2a) / (s.time - ta) * (1 + s.stabilization() * dt);
        double expected = -2 * p.capillaryCoefficientUm2S();
        System.out.printf("circle: dR2/dt expected %.4f got %.4f (rel err %.2e), R_end %.3f um%n", expected, slope, slope / expected - 1, Math.sqrt(r2b));
        assertEquals(expected, slope, 0.03 * Math.abs(expected));
        assertTrue(Math.sqrt(r2b) > 2.0 && Math.sqrt(r2b) < 2.6);
    }
}
