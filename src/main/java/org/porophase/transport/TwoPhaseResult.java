package org.porophase.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.VoxelSize;

/**
 * The steady conduction through a two-phase composite along one axis ({@link TwoPhaseConduction}): the
 * phase at conductivity σ_phase, the rest at σ_other = R·σ_phase.
 *
 * @param conductivityRatio R = σ_other/σ_phase (&gt; 0)
 * @param phaseFraction ε, voxels of the phase / box voxels
 * @param relativeConductivity σ_eff/σ_phase = I·L/(A·ΔU) with σ_phase = 1 (dimensionless)
 * @param fluxSpread (max − min)/mean of the fluxes through the inlet face, every interior cross-section and the outlet face
 * @param inOutAgreement |I_in − I_out|/mean of the two
 * @param relativeResidual true residual ‖b − Au‖/‖b‖ at the end
 * @param bytes solver memory (estimated before the solve, {@link TwoPhaseConduction#BYTES_PER_VOXEL} per voxel)
 */
public record TwoPhaseResult(String phase, Axis axis, int[] dimensions, VoxelSize voxel, double conductivityRatio, double phaseFraction,
        double relativeConductivity, int iterations, boolean converged, double fluxSpread, double inOutAgreement, double relativeResidual,
        long bytes, double seconds, SideBoundary sides) {

    /** Formation factor F = σ_phase/σ_eff (Archie's F when the phase is the conducting fluid). */
    public double formationFactor() {
        return 1 / relativeConductivity;
    }

    /** σ_eff/σ_other = (σ_eff/σ_phase)/R. */
    public double relativeToOther() {
        return relativeConductivity / conductivityRatio;
    }

    /** The arithmetic (parallel, upper Wiener) bound ε + (1 − ε)R, in units of σ_phase. */
    public double parallelBound() {
        return phaseFraction + (1 - phaseFraction) * conductivityRatio;
    }

    /** The harmonic (series, lower Wiener) bound 1/(ε + (1 − ε)/R), in units of σ_phase. */
    public double seriesBound() {
        return 1 / (phaseFraction + (1 - phaseFraction) / conductivityRatio);
    }

    /** The JSON object of this axis. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("axis", axis.letter());
        m.put("phase", phase);
        m.put("side_boundary", sides.key());
        m.put("two_phase", true);
        m.put("other_phase_conductivity", conductivityRatio);
        m.put("other_phase_conductivity_definition", "R = sigma_other/sigma_phase: every voxel not of the phase conducts at R times the phase");
        m.put("phase_fraction", phaseFraction);
        m.put("relative_conductivity", relativeConductivity);
        m.put("relative_conductivity_definition", "sigma_eff/sigma_phase = I*L/(A*dU), phase conductivity 1, the other phase R; cell-centred finite volumes, "
                + "harmonic-mean face conductances 2*s1*s2/(s1+s2), half-cell conductance at the Dirichlet faces");
        m.put("relative_to_other_phase", relativeToOther());
        m.put("formation_factor", formationFactor());
        m.put("formation_factor_definition", "F = sigma_phase/sigma_eff");
        m.put("parallel_bound", parallelBound());
        m.put("series_bound", seriesBound());
        m.put("bounds_definition", "Wiener bounds in units of sigma_phase: parallel eps + (1-eps)R (layers along the axis), series 1/(eps + (1-eps)/R) (layers across)");
        m.put("omitted", "tortuosity_factor, bruggeman_exponent, macmullin_number with eps, percolation: defined for one conducting phase (the other insulating); "
                + "with both phases conducting the current is not confined to the phase, so eps/(sigma_eff/sigma_phase) is not a path-length tortuosity; "
                + "use --other-phase-conductivity 0 for them");
        m.put("iterations", iterations);
        m.put("converged", converged);
        m.put("flux_spread", fluxSpread);
        m.put("flux_in_out_agreement", inOutAgreement);
        m.put("relative_residual", relativeResidual);
        m.put("solver", "Jacobi-preconditioned CG, float vectors, converged on flux through every cross-section");
        m.put("solver_memory_bytes", bytes);
        m.put("seconds", seconds);
        return m;
    }
}
