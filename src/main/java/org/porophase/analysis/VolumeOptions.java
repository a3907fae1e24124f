package org.porophase.analysis;

import org.porophase.core.VoxelSize;
import java.nio.file.Path;
import java.util.Locale;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.CommandSpec;
import org.porophase.config.PluginConfig;

/**
 * All parameters of the volume analysis ({@code analyze-volume} in plugin.yml, where each has its
 * default, unit, description and source). Public fields; {@link #defaults()} reads the bundled
 * plugin.yml, {@link #fromConfig} an edited copy.
 */
public final class VolumeOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String COMMAND = "analyze-volume";

    /** Voxel size override in µm, or null to use the file's metadata. */
    public VoxelSize voxelSize;
    /** Slice spacing z in µm (--slice-spacing) for stacks whose metadata has x, y only; null = from the file. */
    public Double sliceSpacingUm;
    /** HDF5 dataset path, or null. */
    public String dataset;
    public String thresholdMethod = "Otsu";
    /** Manual threshold (gray units) or null for auto. */
    public Double threshold;
    public boolean darkPores = true;
    /** Pore label value of a segmented volume, or null. */
    public Double poreValue;
    /** none, median or gaussian. */
    public String denoise = "none";
    public double gaussianSigmaVoxels = 1.0;
    public long minPoreVoxels;
    /** "x0,y0,z0,w,h,d" or null. */
    public String crop;
    /** none, auto or "cx,cy,r". */
    public String cylinder = "none";
    /** 0 = x, 1 = y, 2 = z. */
    public int axis = 2;
    public boolean detectSurfaces;
    public double surfaceFraction = 0.5;
    public String openFaces = "axis";
    public boolean connectivity = true;
    public boolean localThickness = true;
    public double localThicknessStepVoxels = 0.5;
    public int threads;
    /** Never hold the mask in memory (beyond-memory volumes; local thickness must be off). */
    public boolean streaming;
    public boolean writeMask;
    /** Write the local-thickness map (diameter in µm per pore voxel; needs local thickness on). */
    public boolean saveThickness;
    /** Write the 6-connected pore labels (a label volume in memory, 4 bytes per voxel). */
    public boolean saveLabels;
    /** Format of the volume outputs: "tiff" (default) or "zarr" (OME-Zarr 0.4); an output choice, not in {@link #toMap()}. */
    public String volumeFormat = "tiff";
    /** Downsampled levels added to each OME-Zarr volume output (0: full resolution only); an output choice, not in {@link #toMap()}. */
    public int zarrLevels;
    /** σ_eff/σ_LLZO of the segmented solid along the axis vs 1 − f and eq. 7 (a conduction solve). */
    public boolean conduction;
    /**
     * Side faces of every tortuosity solve of the analysis (conduction here and in compare; block-wise τ refuses
     * periodic): {@code side_boundary} of plugin.yml, parsed by {@link org.porophase.transport.SideBoundary#parse}.
     */
    public org.porophase.transport.SideBoundary sideBoundary = org.porophase.transport.SideBoundary.NO_FLUX;
    /** With conduction: the measured membrane conductivity σ_m (S/cm) for the porosity-corrected σ_h of each column, or null. */
    public Double measuredConductivitySCm;
    /** Block-wise pipeline ({@link BlockwiseAnalyzer}). */
    public boolean blockwise;
    /** Block edge in voxels of the block-wise pipeline. */
    public int blockSize = 128;
    /** Block-wise tortuosity (REV statistic) of the pore phase along the axis. */
    public boolean tauRev;
    /** Optional progress callback (step name, fraction 0..1); not a plugin.yml parameter. */
    public transient java.util.function.BiConsumer<String, Double> progress;
    /** Optional log of run facts stated before the work (the block-wise plan: blocks, memory per worker); not a plugin.yml parameter. */
    public transient java.util.function.Consumer<String> log;

    /** Defaults from the bundled plugin.yml. */
    public static VolumeOptions defaults() {
        return fromConfig(PluginConfig.defaults());
    }

    /** Defaults from a (possibly user-edited) configuration. */
    public static VolumeOptions fromConfig(PluginConfig cfg) {
        CommandSpec c = cfg.command(COMMAND);
        VolumeOptions o = new VolumeOptions();
        o.voxelSize = VoxelSize.parse(c.param("voxel_size_um").asString());
        o.sliceSpacingUm = c.param("slice_spacing_um").isNull() ? null : c.param("slice_spacing_um").asDouble();
        o.dataset = blankToNull(c.param("dataset").asString());
        o.thresholdMethod = c.param("threshold_method").asString();
        o.threshold = c.param("threshold").isNull() ? null : c.param("threshold").asDouble();
        o.darkPores = !"bright".equalsIgnoreCase(c.param("pore_phase").asString());
        o.poreValue = c.param("pore_value").isNull() ? null : c.param("pore_value").asDouble();
        o.denoise = c.param("denoise").asString();
        o.gaussianSigmaVoxels = c.param("gaussian_sigma_voxels").asDouble();
        o.minPoreVoxels = c.param("min_pore_voxels").asInt();
        o.crop = blankToNull(c.param("crop").asString());
        o.cylinder = c.param("cylinder").asString();
        o.axis = parseAxis(c.param("axis").asString());
        o.detectSurfaces = c.param("detect_surfaces").asBoolean();
        o.surfaceFraction = c.param("surface_fraction").asDouble();
        o.openFaces = c.param("open_faces").asString();
        o.connectivity = c.param("connectivity").asBoolean();
        o.localThickness = c.param("local_thickness").asBoolean();
        o.localThicknessStepVoxels = c.param("local_thickness_step_voxels").asDouble();
        o.threads = c.param("threads").asInt();
        o.streaming = c.param("streaming").asBoolean();
        o.writeMask = c.param("save_mask").asBoolean();
        o.saveThickness = c.param("save_thickness").asBoolean();
        o.saveLabels = c.param("save_labels").asBoolean();
        o.volumeFormat = c.param("volume_format").asString();
        o.zarrLevels = c.param("zarr_levels").asInt();
        o.conduction = c.param("conduction").asBoolean();
        o.sideBoundary = org.porophase.transport.SideBoundary.parse(c.param("side_boundary").asString());
        o.measuredConductivitySCm = c.param("measured_conductivity_S_cm").isNull() ? null : c.param("measured_conductivity_S_cm").asDouble();
        o.blockwise = c.param("blockwise").asBoolean();
        o.blockSize = c.param("block_size").asInt();
        o.tauRev = c.param("tau_rev").asBoolean();
        return o;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** "x"/"y"/"z" → 0/1/2. */
    public static int parseAxis(String s) {
        String a = s == null ? "z" : s.trim().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "x", "0" -> 0;
            case "y", "1" -> 1;
            case "z", "2", "" -> 2;
            default -> throw new PoroPhaseException("axis must be x, y or z, got '" + s + "'");
        };
    }

    public static String axisName(int axis) {
        return axis == 0 ? "x" : axis == 1 ? "y" : "z";
    }

    /** Every analysis parameter, for the {@code parameters} key of the 3D summary (output folder and progress left out). */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("voxel_size_um", voxelSize == null ? null : voxelSize.toArray());
        m.put("slice_spacing_um", sliceSpacingUm);
        m.put("dataset", dataset);
        m.put("threshold_method", thresholdMethod);
        m.put("threshold", threshold);
        m.put("pore_value", poreValue);
        m.put("pore_phase", darkPores ? "dark" : "bright");
        m.put("denoise", denoise);
        m.put("gaussian_sigma_voxels", gaussianSigmaVoxels);
        m.put("min_pore_voxels", minPoreVoxels);
        m.put("crop", crop);
        m.put("cylinder", cylinder);
        m.put("axis", axisName(axis));
        m.put("detect_surfaces", detectSurfaces);
        m.put("surface_fraction", surfaceFraction);
        m.put("open_faces", openFaces);
        m.put("connectivity", connectivity);
        m.put("local_thickness", localThickness);
        m.put("local_thickness_step_voxels", localThicknessStepVoxels);
        m.put("threads", threads);
        m.put("streaming", streaming);
        m.put("save_mask", writeMask);
        m.put("conduction", conduction);
        if (conduction || blockwise && tauRev) {
            // only where a τ is solved, so the parameters of the other runs (and their golden outputs) stay as they were
            m.put("side_boundary", sideBoundary.key());
        }
        if (measuredConductivitySCm != null) {
            m.put("measured_conductivity_S_cm", measuredConductivitySCm);
        }
        if (saveThickness) {
            // only when on, so the parameters of earlier runs (and the golden outputs) stay as they were
            m.put("save_thickness", true);
        }
        if (saveLabels) {
            m.put("save_labels", true);
        }
        if (blockwise) {
            // only on the block-wise path, so the parameters of the other paths (and their golden outputs) stay as they were
            m.put("blockwise", true);
            m.put("block_size", blockSize);
            m.put("tau_rev", tauRev);
        }
        return m;
    }

    /**
     * Refuses volume outputs the options cannot give, before any work: the thickness map needs local thickness
     * (and so the in-memory path). Shared by the in-memory and block-wise paths.
     */
    /**
     * The threshold rule the user gave: the pore label ({@code poreValue}), else the manual threshold, or
     * null when the rule comes from the histogram ({@code thresholdMethod}). One definition for the
     * in-memory and the block-wise paths.
     */
    org.porophase.segment.ThresholdRule givenRule() {
        if (poreValue != null) {
            return org.porophase.segment.ThresholdRule.label(poreValue);
        }
        return threshold == null ? null : new org.porophase.segment.ThresholdRule(threshold, darkPores, false, Double.NaN, "manual");
    }

    void checkVolumeOutputs() {
        if (saveThickness && !localThickness) {
            throw new PoroPhaseException("save_thickness writes the local-thickness map, but local thickness is off: switch local thickness on "
                    + "(--local-thickness) or leave --save-thickness out");
        }
    }

    void log(String line) {
        if (log != null) {
            log.accept(line);
        }
    }

    void report(String step, double fraction) {
        if (progress != null) {
            progress.accept(step, fraction);
        }
    }
}
