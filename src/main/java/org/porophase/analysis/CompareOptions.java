package org.porophase.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.phasefield.PhaseFieldParameters;

/**
 * Options of the real-vs-ideal comparison: the SEM analysis options (plugin.yml {@code analyze}
 * defaults), the phase-field parameters (plugin.yml {@code phasefield} defaults) and the
 * {@code compare} block's overrides (grid and resolution rule, time, impregnation, current density of all runs).
 */
public final class CompareOptions {
    /** SEM segmentation and measurement options (analyze defaults). */
    public SemAnalysisOptions analysis;
    /** 3D input: volume segmentation and measurement options (analyze-volume defaults; mask kept in memory). */
    public VolumeOptions volume;
    /** Phase-field parameters shared by the real and the ideal run. */
    public PhaseFieldParameters phaseField;
    /** Phase-field snapshots per run (≥ 1). */
    public int snapshots = 5;
    /** Phase-field worker threads (0 = all processors). */
    public int threads;
    /** Run the phase-field part (false = morphology only). */
    public boolean runPhaseField = true;
    /**
     * 2D SEM input: how the image relates to the membrane, {@code auto} (default), {@code thickness}
     * (section along the thickness, Li from the top) or {@code plan} (plan view across the channels);
     * see {@link RealSample#of(org.porophase.analysis.SemAnalysisResult, String)}.
     */
    public String section = "auto";
    /**
     * 3D volume input: run the phase-field in 3D on the segmented volume and on ideal parallel cylinders (one
     * grid of the resolution rule for both), instead of 2D on the central section.
     */
    public boolean phaseField3d;
    /** Also run the flat-interface reference ({@code compare.flat_reference}; 2D runs only). */
    public boolean flatReference = true;
    /** Strip first ({@code compare.strip_first}), for all runs. */
    public boolean stripFirst;
    /**
     * Run even when the resolution rule says the comparison's grid is under-resolved ({@code compare.force}; the
     * runs then carry the rule's message as a warning). Without it an under-resolved comparison is refused.
     */
    public boolean force;
    /**
     * Optional log of what was chosen before the runs (the resolution rule's line, each run's grid, memory and
     * time estimate); not a plugin.yml parameter.
     */
    public transient java.util.function.Consumer<String> log;
    /**
     * Optional progress callback (what is running, fraction 0..1 of the whole comparison: the real run
     * is the first half, the ideal run the second); not a plugin.yml parameter.
     */
    public transient java.util.function.BiConsumer<String, Double> progress;

    /** Defaults from a plugin.yml: analyze + phasefield blocks, then the compare block on top. */
    public static CompareOptions fromConfig(PluginConfig cfg) {
        CompareOptions o = new CompareOptions();
        o.analysis = SemAnalysisOptions.fromConfig(cfg);
        o.phaseField = PhaseFieldParameters.fromConfig(cfg);
        o.volume = VolumeOptions.fromConfig(cfg);
        o.volume.writeMask = true;
        o.volume.localThickness = true;
        o.volume.streaming = false;
        String c = "compare";
        o.phaseField.timeS = cfg.getDouble(c, "time_s");
        o.phaseField.dxUm = cfg.getDouble(c, "dx_um");
        o.phaseField.interfacePoreFraction = cfg.getDouble(c, "interface_pore_fraction");
        o.phaseField.cellsPerInterface = cfg.getDouble(c, "cells_per_interface");
        o.force = cfg.getBoolean(c, "force");
        o.phaseField.impregnationUm = cfg.getDouble(c, "impregnation_depth_um");
        o.analysis.impregnationDepthUm = o.phaseField.impregnationUm;
        o.phaseField.currentDensityMaCm2 = cfg.getDouble(c, "current_density_mA_cm2");
        o.snapshots = cfg.getInt(c, "snapshots");
        o.threads = cfg.getInt(c, "threads");
        o.runPhaseField = cfg.getBoolean(c, "phasefield");
        o.section = cfg.getString(c, "section");
        o.phaseField3d = cfg.getBoolean(c, "phasefield_3d");
        o.flatReference = cfg.getBoolean(c, "flat_reference");
        o.stripFirst = cfg.getBoolean(c, "strip_first");
        o.phaseField.equilibrationS = cfg.getDouble(c, "equilibration_s");
        o.phaseField.cycles = cfg.getInt(c, "cycles");
        o.phaseField.capacityMahCm2 = cfg.getDouble(c, "capacity_mAh_cm2");
        if (!cfg.command(c).param("pixel_size_um").isNull()) {
            double px = cfg.getDouble(c, "pixel_size_um");
            o.analysis.pixelSizeUm = px;
            o.volume.voxelSize = org.porophase.core.VoxelSize.iso(px);
        }
        return o;
    }

    /** The bundled defaults. */
    public static CompareOptions defaults() {
        return fromConfig(PluginConfig.defaults());
    }

    /**
     * Side faces of the conduction solve of real vs ideal vs eq. 7 (3D volume or 2D section): the analyze-volume block's
     * {@code side_boundary}, which compare binds (no-flux without volume options).
     */
    public org.porophase.transport.SideBoundary sideBoundary() {
        return volume == null ? org.porophase.transport.SideBoundary.NO_FLUX : volume.sideBoundary;
    }

    /** Sets the impregnation depth for both eq. 2 and the phase-field seeding (µm). */
    public CompareOptions impregnationUm(double d) {
        analysis.impregnationDepthUm = d;
        phaseField.impregnationUm = d;
        return this;
    }

    /** Checks every value; throws a {@link PoroPhaseException} naming the bad one. */
    public CompareOptions validate() {
        analysis.validate();
        if (org.porophase.io.PixelUnits.PX.equals(analysis.units)) {
            // the phase-field grid, eq. 1 and eq. 2 need lengths in µm
            throw new org.porophase.core.InvalidValueException("compare needs results in µm (phase-field grid, eqs. 1 and 2): --units px is"
                    + " not allowed here; give the pixel size with --pixel-size UM");
        }
        phaseField.validate();
        if (!java.util.List.of("auto", RealSample.THICKNESS, RealSample.PLAN).contains(section)) {
            throw new PoroPhaseException("compare: section must be auto, thickness or plan (got '" + section + "')");
        }
        if (snapshots < 1) {
            throw new PoroPhaseException("compare: snapshots must be >= 1 (got " + snapshots + ")");
        }
        return this;
    }

    /** Every parameter, for the provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("analyze", analysis.toMap());
        if (volume != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("voxel_size_um", volume.voxelSize == null ? null : volume.voxelSize.toArray());
            v.put("threshold_method", volume.thresholdMethod);
            v.put("threshold", volume.threshold);
            v.put("pore_phase", volume.darkPores ? "dark" : "bright");
            v.put("denoise", volume.denoise);
            v.put("gaussian_sigma_voxels", volume.gaussianSigmaVoxels);
            v.put("min_pore_voxels", volume.minPoreVoxels);
            v.put("crop", volume.crop);
            v.put("cylinder", volume.cylinder);
            v.put("axis", VolumeOptions.axisName(volume.axis));
            v.put("local_thickness_step_voxels", volume.localThicknessStepVoxels);
            m.put("analyze_volume (3D input only)", v);
        }
        m.put("phasefield", phaseField.toMap());
        m.put("section", section);
        m.put("side_boundary", sideBoundary().key());
        m.put("phasefield_3d", phaseField3d);
        m.put("phasefield_enabled", runPhaseField);
        m.put("flat_reference", flatReference);
        m.put("strip_first", stripFirst);
        m.put("force", force);
        m.put("snapshots", snapshots);
        m.put("threads", threads);
        return m;
    }
}
