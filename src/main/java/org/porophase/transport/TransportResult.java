package org.porophase.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.VoxelSize;

/**
 * The steady-state transport through one phase along one axis (see {@link TortuositySolver} for the
 * problem and docs/transport.md for the estimators).
 *
 * @param relativeDiffusivity D_eff/D₀ = σ_eff/σ₀ = I·L/(A·ΔU) (flux I through the box of length L and
 *        cross-section A under the potential drop ΔU, with the phase conductivity 1)
 * @param phaseFraction ε, phase voxels / box voxels
 * @param percolatingFraction ε_p, voxels of the phase face-connected to both Dirichlet faces / box voxels
 * @param profilePhaseFraction ε(z) per plane along the axis (from the inlet)
 * @param profileRelativeDiffusivity D(z)/D₀ of each one-plane slab (from the dissipation partition)
 * @param fluxSpread (max − min)/mean of the fluxes through the inlet face, every interior cross-section and the outlet face
 * @param inOutAgreement |I_in − I_out|/mean
 * @param relativeResidual ‖b − Au‖/‖b‖ at the end (recursive CG residual)
 * @param section potential u ∈ [0, 1] on the central section containing the axis (row = plane from the
 *        inlet, column = the first side axis), NaN where not solved; sectionWidth × sectionHeight
 */
public record TransportResult(String phase, Axis axis, int[] dimensions, VoxelSize voxel, double lengthUm, double areaUm2,
        double phaseFraction, double percolatingFraction, double relativeDiffusivity,
        double[] profilePhaseFraction, double[] profilePercolatingFraction, double[] profileRelativeDiffusivity,
        int iterations, boolean converged, double fluxSpread, double inOutAgreement, double relativeResidual,
        int multigridLevels, long bytes, double seconds,
        float[] section, int sectionWidth, int sectionHeight, String sectionAxes, SideBoundary sides) {

    /** Percolation factor ε_p/ε (1: all of the phase connects the two faces). */
    public double percolationFactor() {
        return percolatingFraction / phaseFraction;
    }

    /** τ = ε/(D_eff/D₀) with the total phase fraction (TauFactor, Cooper et al. 2016). */
    public double tauTotal() {
        return phaseFraction / relativeDiffusivity;
    }

    /** τ = ε_p/(D_eff/D₀) with the percolating fraction (PoreSpy tortuosity_fd, "effective porosity"). */
    public double tauPercolating() {
        return percolatingFraction / relativeDiffusivity;
    }

    /** MacMullin number N_M = D₀/D_eff. */
    public double macMullin() {
        return 1 / relativeDiffusivity;
    }

    /**
     * Bruggeman-type exponent β with D_eff/D₀ = ε^β: ln(D_eff/D₀)/ln ε; NaN (undefined) when ε = 1
     * (a phase filling the box: D_eff/D₀ = 1 for every β).
     */
    public double bruggemanExponent() {
        return phaseFraction >= 1 ? Double.NaN : Math.log(relativeDiffusivity) / Math.log(phaseFraction);
    }

    /** τ(z) = ε(z)/(D(z)/D₀) of each plane (TauFactor convention on the slab); NaN where D(z) = 0. */
    public double[] profileTau() {
        double[] t = new double[profilePhaseFraction.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = profileRelativeDiffusivity[k] > 0 ? profilePhaseFraction[k] / profileRelativeDiffusivity[k] : Double.NaN;
        }
        return t;
    }

    /** Position of each plane centre along the axis from the inlet face (µm). */
    public double[] profilePositionsUm() {
        double h = voxel.along(axis.index());
        double[] p = new double[profilePhaseFraction.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = (k + 0.5) * h;
        }
        return p;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The JSON object of this axis (keys with units; undefined numbers are null). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("axis", axis.letter());
        m.put("phase", phase);
        m.put("side_boundary", sides.key());
        m.put("side_boundary_definition", sides == SideBoundary.PERIODIC
                ? "periodic: the sample repeats across the four side faces (percolation and flux across the wrap)"
                : "no-flux side faces (identical to mirror-symmetric sides for this cell-centred finite-volume scheme)");
        m.put("phase_fraction", phaseFraction);
        m.put("percolating_fraction", percolatingFraction);
        m.put("percolation_factor", percolationFactor());
        m.put("relative_diffusivity", relativeDiffusivity);
        m.put("relative_diffusivity_definition", "D_eff/D0 = sigma_eff/sigma0 = I*L/(A*dU), phase conductivity 1, others 0");
        m.put("tortuosity_factor", tauTotal());
        m.put("tortuosity_factor_definition", "eps/(D_eff/D0), eps = total phase fraction (TauFactor)");
        m.put("tortuosity_factor_percolating", tauPercolating());
        m.put("tortuosity_factor_percolating_definition", "eps_p/(D_eff/D0), eps_p = percolating fraction (PoreSpy tortuosity_fd)");
        m.put("macmullin_number", macMullin());
        m.put("bruggeman_exponent", num(bruggemanExponent()));
        m.put("bruggeman_exponent_definition", "beta with D_eff/D0 = eps^beta; null when eps = 1");
        m.put("length_um", lengthUm);
        m.put("cross_section_um2", areaUm2);
        m.put("iterations", iterations);
        m.put("converged", converged);
        m.put("flux_spread", fluxSpread);
        m.put("flux_in_out_agreement", inOutAgreement);
        m.put("relative_residual", relativeResidual);
        m.put("multigrid_levels", multigridLevels);
        m.put("solver_memory_bytes", bytes);
        m.put("seconds", seconds);
        return m;
    }
}
