package org.porophase.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.core.VoxelSize;
import org.porophase.transport.Axis;
import org.porophase.transport.TransportResult;
import org.porophase.transport.TwoPhaseResult;

/**
 * The transport analysis of one input: the phase, how it was segmented, and per requested axis either
 * a {@link TransportResult} or the reason it has none (e.g. the phase does not percolate along it).
 */
public final class TransportAnalysis {
    /**
     * One axis: a one-phase result, or a two-phase result ({@code twoPhase}, when the other phase conducts), or the
     * error that explains why there is none.
     */
    public record AxisOutcome(Axis axis, TransportResult result, String error, Double geometricTortuosity,
            org.porophase.transport.Drainage.Result drainage, TwoPhaseResult twoPhase) {
        public AxisOutcome(Axis axis, TransportResult result, String error, Double geometricTortuosity,
                org.porophase.transport.Drainage.Result drainage) {
            this(axis, result, error, geometricTortuosity, drainage, null);
        }
    }

    private final String input;
    private final String source;
    private final int[] dimensions;
    private final VoxelSize voxelSize;
    private final String voxelSizeSource;
    private final String phase;
    private final String segmentation;
    private final List<AxisOutcome> axes;
    private final Map<String, Object> parameters;
    private final List<String> warnings;

    TransportAnalysis(String input, String source, int[] dimensions, VoxelSize voxelSize, String voxelSizeSource, String phase,
            String segmentation, List<AxisOutcome> axes, Map<String, Object> parameters, List<String> warnings) {
        this.input = input;
        this.source = source;
        this.dimensions = dimensions;
        this.voxelSize = voxelSize;
        this.voxelSizeSource = voxelSizeSource;
        this.phase = phase;
        this.segmentation = segmentation;
        this.axes = List.copyOf(axes);
        this.parameters = parameters;
        this.warnings = List.copyOf(warnings);
    }

    public List<AxisOutcome> axes() {
        return axes;
    }

    /** The solved axes' results. */
    public List<TransportResult> results() {
        List<TransportResult> r = new ArrayList<>();
        for (AxisOutcome a : axes) {
            if (a.result() != null) {
                r.add(a.result());
            }
        }
        return r;
    }

    /** The two-phase results (empty for the one-phase solve). */
    public List<TwoPhaseResult> twoPhaseResults() {
        List<TwoPhaseResult> r = new ArrayList<>();
        for (AxisOutcome a : axes) {
            if (a.twoPhase() != null) {
                r.add(a.twoPhase());
            }
        }
        return r;
    }

    /** Axes that have no result (their error message). */
    public List<String> errors() {
        List<String> e = new ArrayList<>();
        for (AxisOutcome a : axes) {
            if (a.error() != null) {
                e.add(a.error());
            }
        }
        return e;
    }

    public List<String> warnings() {
        return warnings;
    }

    public String input() {
        return input;
    }

    public String phase() {
        return phase;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("software", Provenance.software());
        m.put("input", input);
        m.put("source", source);
        m.put("dimensions", dimensions);
        m.put("voxel_size_um", voxelSize.toArray());
        m.put("voxel_size_source", voxelSizeSource);
        m.put("phase", phase);
        m.put("segmentation", segmentation);
        m.put("estimator", "steady conduction through the percolating part of the phase (conductivity 1, others 0), Dirichlet faces across the axis, "
                + "side faces as side_boundary (no-flux = mirror, or periodic), cell-centred finite volumes; multigrid-preconditioned CG converged on the flux through every cross-section (docs/transport.md)");
        Map<String, Object> ax = new LinkedHashMap<>();
        boolean two = axes.stream().anyMatch(a -> a.twoPhase() != null);
        if (two) {
            m.put("estimator", "steady conduction through a two-phase composite: the phase at conductivity 1, every other voxel at "
                    + "other_phase_conductivity; Dirichlet faces across the axis, side faces as side_boundary, cell-centred finite volumes with "
                    + "harmonic-mean face conductances; Jacobi-preconditioned CG converged on the flux through every cross-section (docs/transport.md)");
        }
        for (AxisOutcome a : axes) {
            if (a.twoPhase() != null) {
                ax.put(a.axis().letter(), a.twoPhase().toJson());
            } else if (a.result() != null) {
                Map<String, Object> r = a.result().toJson();
                if (a.geometricTortuosity() != null) {
                    r.put("geometric_tortuosity", a.geometricTortuosity());
                    r.put("geometric_tortuosity_definition", "mean over the outlet-plane voxels of the shortest in-phase path from the inlet face "
                            + "(26-neighbour steps of exact length through the percolating phase, Dijkstra) over the thickness (Holzer et al. 2013)");
                }
                Map<String, Object> prof = new LinkedHashMap<>();
                prof.put("position_um", a.result().profilePositionsUm());
                prof.put("phase_fraction", a.result().profilePhaseFraction());
                prof.put("relative_diffusivity", a.result().profileRelativeDiffusivity());
                prof.put("tortuosity_factor", a.result().profileTau());
                prof.put("definition", "per plane along the axis: D(z)/D0 from the plane's share of the dissipation (series slabs: 1/D_eff = mean 1/D(z)); "
                        + "tau(z) = eps(z)/(D(z)/D0)");
                r.put("profile", prof);
                // real vs ideal vs eq. 7 of this phase as the conductor (the LLZO comparison of compare / analyze-volume, for any phase)
                ConductivityComparison c = new ConductivityComparison(1 - a.result().phaseFraction(), null, a.result(), null, null,
                        a.result().sides());
                Map<String, Object> rie = new LinkedHashMap<>();
                rie.put("real", c.realRelative());
                rie.put("ideal", c.ideal());
                rie.put("bruggeman_eq7", Double.isFinite(c.bruggeman()) ? c.bruggeman() : null);
                rie.put("definition", "D_eff/D0 (= sigma_eff/sigma0) of the phase: real = this solve; ideal = its parallel-channel twin of the same "
                        + "phase fraction, eps (tau = 1); bruggeman_eq7 = 1 - 3f/2 with f = 1 - eps (Zhang et al. 2024 eq. 7), null for f >= 2/3");
                r.put("real_vs_ideal_vs_eq7", rie);
                if (a.drainage() != null) {
                    r.put("drainage", a.drainage().toJson());
                    Map<String, Object> mf = org.porophase.transport.MFactor.toJson(a.result().phaseFraction(), a.drainage().constrictionFactor(),
                            a.geometricTortuosity(), a.result().relativeDiffusivity());
                    if (mf != null) {
                        r.put("m_factor_predictions", mf);
                    }
                }
                ax.put(a.axis().letter(), r);
            } else {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("axis", a.axis().letter());
                r.put("error", a.error());
                ax.put(a.axis().letter(), r);
            }
        }
        m.put("axes", ax);
        m.put("parameters", parameters);
        m.put("warnings", warnings);
        return m;
    }

    /** A few lines for the console. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        String sides = axes.stream().filter(a -> a.result() != null || a.twoPhase() != null)
                .map(a -> (a.result() != null ? a.result().sides() : a.twoPhase().sides()).key()).findFirst().orElse(null);
        sb.append(input).append(": transport through ").append(phase).append(" (").append(segmentation).append(")")
                .append(sides == null ? "" : ", " + sides + " sides").append('\n');
        for (AxisOutcome a : axes) {
            if (a.twoPhase() != null) {
                TwoPhaseResult t = a.twoPhase();
                sb.append(String.format(java.util.Locale.ROOT,
                        "  %s: two-phase, sigma_other/sigma_phase %.4g, eps %.4f: sigma_eff/sigma_phase %.5g (formation factor %.4g; "
                                + "series bound %.5g, parallel bound %.5g); %d iterations, flux spread %.1e%s, %.2f s%n",
                        t.axis().letter(), t.conductivityRatio(), t.phaseFraction(), t.relativeConductivity(), t.formationFactor(),
                        t.seriesBound(), t.parallelBound(), t.iterations(), t.fluxSpread(), t.converged() ? "" : " (NOT converged)", t.seconds()));
                continue;
            }
            if (a.result() == null) {
                sb.append("  ").append(a.axis().letter()).append(": ").append(a.error()).append('\n');
                continue;
            }
            TransportResult r = a.result();
            sb.append(String.format(java.util.Locale.ROOT,
                    "  %s: eps %.4f, percolating %.4f (factor %.4f), D_eff/D0 %.5g, tau %.4g (percolating %.4g), N_M %.4g, beta %s; "
                            + "%d iterations, flux spread %.1e%s, %.2f s%s%n",
                    r.axis().letter(), r.phaseFraction(), r.percolatingFraction(), r.percolationFactor(), r.relativeDiffusivity(),
                    r.tauTotal(), r.tauPercolating(), r.macMullin(),
                    Double.isFinite(r.bruggemanExponent()) ? String.format(java.util.Locale.ROOT, "%.3f", r.bruggemanExponent()) : "undefined (eps = 1)",
                    r.iterations(), r.fluxSpread(), r.converged() ? "" : " (NOT converged)", r.seconds(),
                    a.geometricTortuosity() == null ? "" : String.format(java.util.Locale.ROOT, "; geometric tortuosity %.4f", a.geometricTortuosity())));
            org.porophase.transport.Drainage.Result d = a.drainage();
            if (d != null) {
                sb.append(String.format(java.util.Locale.ROOT, "     drainage from %s0: breakthrough %.4g um, r50 %.4g um, constriction factor %.4f",
                        r.axis().letter(), d.breakthroughRadiusUm(), d.r50Um(), d.constrictionFactor()));
                if (a.geometricTortuosity() != null && d.constrictionFactor() > 0) {
                    sb.append(String.format(java.util.Locale.ROOT, "; M-factor (Stenzel 2016) %.4g, simplified %.4g vs D_eff/D0 %.4g",
                            org.porophase.transport.MFactor.stenzel2016(r.phaseFraction(), d.constrictionFactor(), a.geometricTortuosity()),
                            org.porophase.transport.MFactor.stenzel2016Simplified(r.phaseFraction(), d.constrictionFactor(), a.geometricTortuosity()),
                            r.relativeDiffusivity()));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
