package org.porophase.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The M-factor M = σ_eff/σ₀ predicted from geometric descriptors by the published regressions of
 * Stenzel, Pecho, Holzer, Neumann &amp; Schmidt, "Predicting effective conductivities based on geometric
 * microstructure characteristics", AIChE J. 62 (2016), fitted to transport simulations on 43
 * virtual 3D microstructures (formulas as stated in the paper's abstract):
 * <ul>
 * <li>{@link #stenzel2016}: M = ε^1.15 β^0.37 / τ_geod^4.39 (relative prediction error 19 %);</li>
 * <li>{@link #stenzel2016Simplified}: M = ε β^0.36 / τ_geod^5.17 (18 %);</li>
 * </ul>
 * with ε the volume fraction of the transport phase, β the constrictivity and τ_geod the (mean)
 * geodesic tortuosity — the length of the shortest path through the phase across the sample over the
 * thickness, not squared. Here ε is the phase fraction of the box, τ_geod the project's
 * {@link GeometricTortuosity} (mean shortest in-phase path, 26-neighbour Dijkstra) and β the drainage
 * constriction factor (r₅₀ drainage / r₅₀ local thickness)² of {@link Drainage} (Holzer et al. 2013,
 * the definition the paper calls established), capped at 1 (a box-bounded PSD can give r₅₀ drainage
 * slightly above r₅₀ local thickness; β ≤ 1 by definition).
 *
 * <p>Not implemented: the regression of Gaiselmann et al., AIChE J. 60 (2014) 1983–1999,
 * M = 2.03 ε^1.57 β^0.72 / τ², whose abstract does not say which tortuosity τ is (its definition
 * could not be checked in the paper's text).
 */
public final class MFactor {
    private MFactor() {
    }

    /** Stenzel et al. 2016: ε^1.15 β^0.37 / τ_geod^4.39. */
    public static double stenzel2016(double eps, double beta, double tauGeod) {
        return Math.pow(eps, 1.15) * Math.pow(Math.min(1, beta), 0.37) / Math.pow(tauGeod, 4.39);
    }

    /** Stenzel et al. 2016, simplified: ε β^0.36 / τ_geod^5.17. */
    public static double stenzel2016Simplified(double eps, double beta, double tauGeod) {
        return eps * Math.pow(Math.min(1, beta), 0.36) / Math.pow(tauGeod, 5.17);
    }

    /**
     * The predictions next to the computed value, or null when a descriptor is missing (β needs the
     * drainage, τ_geod the geometric tortuosity) or undefined.
     */
    public static Map<String, Object> toJson(double eps, double beta, Double tauGeod, double computed) {
        if (tauGeod == null || !Double.isFinite(tauGeod) || !(beta > 0) || !Double.isFinite(beta) || !(eps > 0)) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("computed_relative_diffusivity", computed);
        m.put("stenzel_2016", stenzel2016(eps, beta, tauGeod));
        m.put("stenzel_2016_simplified", stenzel2016Simplified(eps, beta, tauGeod));
        m.put("inputs", Map.of("phase_fraction", eps, "constrictivity", Math.min(1, beta), "geodesic_tortuosity", tauGeod));
        m.put("definition", "M = sigma_eff/sigma_0 predicted by Stenzel et al., AIChE J. 62 (2016): eps^1.15 beta^0.37 / tau_geod^4.39 "
                + "(19 % error) and eps beta^0.36 / tau_geod^5.17 (18 %); eps = phase fraction, beta = constriction factor (capped at 1), "
                + "tau_geod = geometric_tortuosity (mean shortest in-phase path / thickness)");
        return m;
    }
}
