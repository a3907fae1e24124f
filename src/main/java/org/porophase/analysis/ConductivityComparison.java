package org.porophase.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.measure.ScaffoldMetrics;
import org.porophase.transport.Axis;
import org.porophase.transport.PhaseGrid;
import org.porophase.transport.SideBoundary;
import org.porophase.transport.TortuositySolver;
import org.porophase.transport.TransportOptions;
import org.porophase.transport.TransportResult;

/**
 * Real vs ideal vs eq. 7 for the ion conductor (the solid, LLZO): the relative conductivity
 * σ_eff/σ_LLZO of
 * <ul>
 * <li><b>real</b>: the segmented geometry, by the conduction solve through its solid along the
 * thickness axis ({@link TortuositySolver}; the solid that connects the two faces);</li>
 * <li><b>ideal</b>: its parallel-cylinder twin, straight channels along the axis: 1 − f exactly (τ = 1);</li>
 * <li><b>eq. 7</b>: Bruggeman's symmetric-medium relation as used by the seed paper, 1 − 3f/2
 * ({@link ScaffoldMetrics#bruggemanCorrectedConductivity}; no conduction predicted for f ≥ 2/3).</li>
 * </ul>
 * f is the pore fraction of the solved box (1 − solid fraction), so the three columns describe the
 * same box. With a measured membrane conductivity σ_m each gives its porosity-corrected bulk value
 * σ_h = σ_m/(σ_eff/σ_LLZO).
 *
 * @param geometry what the real value was computed on (2D section along the thickness, 3D volume)
 * @param real the solve, or null with {@code realSkipped} saying why (plan view, no percolating solid)
 * @param sides the side faces of the solve (also of one that found no percolating solid), null when none was tried
 */
public record ConductivityComparison(double porosity, String geometry, TransportResult real, String realSkipped, Double measuredSigmaSCm,
        SideBoundary sides) {

    /** 1 − f. */
    public double ideal() {
        return 1 - porosity;
    }

    /** 1 − 3f/2, NaN for f ≥ 2/3. */
    public double bruggeman() {
        return porosity < 2.0 / 3.0 ? 1 - 1.5 * porosity : Double.NaN;
    }

    /** σ_eff/σ_LLZO of the real geometry, NaN without a solve. */
    public double realRelative() {
        return real == null ? Double.NaN : real.relativeDiffusivity();
    }

    /**
     * Solves the solid of {@code solid} along {@code axis}; a solid that does not percolate (or a grid one voxel
     * thick along the axis) gives real = 0 conduction reported as skipped with the reason, never a silent number.
     */
    public static ConductivityComparison of(PhaseGrid solid, Axis axis, Double measuredSigmaSCm, TransportOptions opt, String geometry) {
        double f = 1 - solid.fraction();
        try {
            return new ConductivityComparison(f, geometry, TortuositySolver.solve(solid, axis, opt), null, measuredSigmaSCm, opt.sides());
        } catch (PoroPhaseException e) {
            return new ConductivityComparison(f, geometry, null, e.getMessage(), measuredSigmaSCm, opt.sides());
        }
    }

    /** Without a solve (e.g. a plan view, whose extrusion is the ideal twin itself). */
    public static ConductivityComparison skipped(double porosity, String reason, Double measuredSigmaSCm) {
        return new ConductivityComparison(porosity, null, null, reason, measuredSigmaSCm, null);
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** σ_h = σ_m / relative, or null. */
    private Double corrected(double relative) {
        return measuredSigmaSCm == null || !(relative > 0) ? null : measuredSigmaSCm / relative;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", "solid (ion conductor, LLZO)");
        m.put("porosity", porosity);
        m.put("real_relative_conductivity", num(realRelative()));
        m.put("ideal_relative_conductivity", ideal());
        m.put("bruggeman_eq7_relative_conductivity", num(bruggeman()));
        m.put("definitions", "sigma_eff/sigma_LLZO; real: conduction solve through the segmented solid along " + (real == null ? "the thickness axis"
                : real.axis().letter()) + " (" + (geometry == null ? "not solved" : geometry) + "); ideal: parallel-cylinder twin, 1 - f (tau = 1); "
                + "eq. 7: Bruggeman 1 - 3f/2 (Zhang et al. 2024); f = 1 - solid fraction of the box");
        if (sides != null) {
            m.put("real_side_boundary", sides.key()); // also when the solid did not percolate: the condition it was tried with
        }
        if (real != null) {
            m.put("real_tortuosity_factor", real.tauTotal());
            m.put("real_percolation_factor", real.percolationFactor());
            m.put("real_bruggeman_exponent", num(real.bruggemanExponent()));
            m.put("real_axis", real.axis().letter());
            m.put("real_iterations", real.iterations());
            m.put("real_flux_spread", real.fluxSpread());
            m.put("real_seconds", real.seconds());
        } else {
            m.put("real_skipped", realSkipped);
        }
        if (measuredSigmaSCm != null) {
            m.put("measured_conductivity_S_cm", measuredSigmaSCm);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("real", corrected(realRelative()));
            c.put("ideal", corrected(ideal()));
            c.put("bruggeman_eq7", corrected(bruggeman()));
            m.put("porosity_corrected_conductivity_S_cm", c);
        }
        return m;
    }

    /** One line for the console. */
    public String summary() {
        return String.format(Locale.ROOT, "sigma_eff/sigma_LLZO: real %s, ideal 1-f %.4f, eq. 7 1-3f/2 %s (f = %.4f)",
                real == null ? "n/a (" + realSkipped + ")" : String.format(Locale.ROOT, "%.4f (tau %.3f%s)", realRelative(), real.tauTotal(),
                        sides == SideBoundary.PERIODIC ? ", periodic sides" : ""),
                ideal(), Double.isFinite(bruggeman()) ? String.format(Locale.ROOT, "%.4f", bruggeman()) : "none (f >= 2/3)", porosity);
    }
}
