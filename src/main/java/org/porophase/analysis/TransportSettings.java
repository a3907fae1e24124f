package org.porophase.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.porophase.config.CommandSpec;
import org.porophase.config.PluginConfig;
import org.porophase.core.VoxelSize;
import org.porophase.transport.SideBoundary;
import org.porophase.transport.TransportOptions;

/**
 * The parameters of the {@code transport} command (plugin.yml block {@code transport}, where each has
 * its default, unit, description and source): which phase conducts, how the input is segmented,
 * the axes and the solver tolerances.
 */
public final class TransportSettings {
    public static final String COMMAND = "transport";

    public VoxelSize voxelSize;
    public String dataset;
    /** "pore" or "solid". */
    public String phase = "pore";
    /** Label of the conducting phase, or null (then phase after segmentation). */
    public Double phaseValue;
    public String thresholdMethod = "Otsu";
    public Double threshold;
    public boolean darkPores = true;
    public Double poreValue;
    /** x, y, z or all. */
    public String axis = "z";
    /** Side faces: no-flux (= mirror) or periodic. */
    public SideBoundary sideBoundary = SideBoundary.NO_FLUX;
    /** R = σ_other/σ_phase; 0: the other phase insulates (one-phase solve), &gt; 0: the two-phase solve. */
    public double otherPhaseConductivity;
    public double fluxTolerance = 1e-4;
    public double residualTolerance = 1e-5;
    public int maxIterations = 1000;
    public int threads;
    /** Also the geometric tortuosity (shortest in-phase paths) per axis. */
    public boolean geometricTortuosity = true;
    /** Also the drainage (mercury intrusion) curve from the inlet face and the constriction factor. */
    public boolean drainage;

    public static TransportSettings defaults() {
        return fromConfig(PluginConfig.defaults());
    }

    public static TransportSettings fromConfig(PluginConfig cfg) {
        CommandSpec c = cfg.command(COMMAND);
        TransportSettings s = new TransportSettings();
        s.voxelSize = VoxelSize.parse(c.param("voxel_size_um").asString());
        String ds = c.param("dataset").asString();
        s.dataset = ds == null || ds.isBlank() ? null : ds.trim();
        s.phase = c.param("phase").asString().trim().toLowerCase(Locale.ROOT);
        s.phaseValue = c.param("phase_value").isNull() ? null : c.param("phase_value").asDouble();
        s.thresholdMethod = c.param("threshold_method").asString();
        s.threshold = c.param("threshold").isNull() ? null : c.param("threshold").asDouble();
        s.darkPores = !"bright".equalsIgnoreCase(c.param("pore_phase").asString());
        s.poreValue = c.param("pore_value").isNull() ? null : c.param("pore_value").asDouble();
        s.axis = c.param("axis").asString();
        s.sideBoundary = SideBoundary.parse(c.param("side_boundary").asString());
        s.otherPhaseConductivity = c.param("other_phase_conductivity").asDouble();
        s.fluxTolerance = c.param("flux_tolerance").asDouble();
        s.residualTolerance = c.param("residual_tolerance").asDouble();
        s.maxIterations = c.param("max_iterations").asInt();
        s.threads = c.param("threads").asInt();
        s.geometricTortuosity = c.param("geometric_tortuosity").asBoolean();
        s.drainage = c.param("drainage").asBoolean();
        return s;
    }

    /** The solver settings. */
    public TransportOptions solver() {
        return new TransportOptions(fluxTolerance, residualTolerance, maxIterations, threads, sideBoundary);
    }

    /** The parameters as given, for the JSON's provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("voxel_size_um", voxelSize == null ? null : voxelSize.toArray());
        m.put("phase", phase);
        m.put("phase_value", phaseValue);
        m.put("threshold_method", thresholdMethod);
        m.put("threshold", threshold);
        m.put("pore_phase", darkPores ? "dark" : "bright");
        m.put("pore_value", poreValue);
        m.put("axis", axis);
        m.put("side_boundary", sideBoundary.key());
        m.put("other_phase_conductivity", otherPhaseConductivity);
        m.put("flux_tolerance", fluxTolerance);
        m.put("residual_tolerance", residualTolerance);
        m.put("max_iterations", maxIterations);
        m.put("threads", threads);
        m.put("geometric_tortuosity", geometricTortuosity);
        m.put("drainage", drainage);
        return m;
    }
}
