package org.porophase.analysis;

import org.porophase.core.BinaryVolume;
import org.porophase.core.VoxelSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.binary.ComponentLabeler;
import org.porophase.measure.IntrinsicVolumes;
import org.porophase.binary.LocalThickness;

/**
 * Result of {@link VolumeAnalyzer#analyze}: segmentation facts, porosity and its profile, surface
 * area, Euler characteristic, connectivity and local thickness. Immutable (built with {@link Builder});
 * {@link #withInput} gives a copy with another input name. {@link #toJson()} holds the keys of the
 * CLI's {@code --json} contract (voxel_size_um, porosity, surface_area_um2,
 * specific_surface_area_per_um, porosity_profile, open_porosity, closed_porosity, open_pore_count,
 * closed_pore_count, mean_pore_diameter_um) followed by further keys, and the provenance keys of
 * {@link Provenance} ({@code software}, {@code input}, {@code input_sha256}, {@code parameters},
 * {@code warnings}).
 * <p>
 * {@code mean_pore_diameter_um} is the volume-weighted mean local thickness, also written as
 * {@code mean_local_thickness_um}; the old key is an alias for one release ({@code deprecated_keys}).
 */
public final class VolumeAnalysis {
    private final String input;
    private final String inputSha256;
    private final String source;
    private final VoxelSize voxelSize;
    private final String voxelSizeSource;
    private final int width;
    private final int height;
    private final int depth;
    private final String analysedBox;
    private final String cylinder;
    private final String thresholdMethod;
    private final double threshold;
    private final String porePhase;
    private final long nanVoxels;
    private final int[] surfaces;
    private final int axis;
    private final int profileOrigin;
    private final IntrinsicVolumes measures;
    private final ComponentLabeler.Stats components;
    private final String openFaces;
    private final LocalThickness localThickness;
    private final boolean inMemory;
    private final long maskMemoryBytes;
    private final long labellingMemoryBytes;
    private final BinaryVolume mask;
    /** The 6-connected pore labels (save_labels), or null. */
    private final ComponentLabeler.LabelVolume labels;
    /** σ_eff/σ_LLZO real vs ideal vs eq. 7 (analyze-volume conduction on), or null. */
    private final ConductivityComparison conduction;
    /** Facts of the block-wise run (block size, blocks, memory per worker, τ REV), or null for the other paths. */
    private final Map<String, Object> blockwise;
    private final Map<String, Double> timings;
    private final List<String> warnings;
    private final Map<String, Object> parameters;

    private VolumeAnalysis(Builder b) {
        conduction = b.conduction;
        blockwise = b.blockwise == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.blockwise));
        input = b.input;
        inputSha256 = b.inputSha256;
        source = b.source;
        voxelSize = b.voxelSize;
        voxelSizeSource = b.voxelSizeSource;
        width = b.width;
        height = b.height;
        depth = b.depth;
        analysedBox = b.analysedBox;
        cylinder = b.cylinder;
        thresholdMethod = b.thresholdMethod;
        threshold = b.threshold;
        porePhase = b.porePhase;
        nanVoxels = b.nanVoxels;
        surfaces = b.surfaces == null ? null : b.surfaces.clone();
        axis = b.axis;
        profileOrigin = b.profileOrigin;
        measures = b.measures;
        components = b.components;
        openFaces = b.openFaces;
        localThickness = b.localThickness;
        inMemory = b.inMemory;
        maskMemoryBytes = b.maskMemoryBytes;
        labellingMemoryBytes = b.labellingMemoryBytes;
        mask = b.mask;
        labels = b.labels;
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(b.timings));
        warnings = List.copyOf(b.warnings);
        parameters = b.parameters == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
    }

    /** A builder (used by {@link VolumeAnalyzer}; tests may build results directly). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this result's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.input = input;
        b.conduction = conduction;
        b.blockwise = blockwise;
        b.inputSha256 = inputSha256;
        b.source = source;
        b.voxelSize = voxelSize;
        b.voxelSizeSource = voxelSizeSource;
        b.width = width;
        b.height = height;
        b.depth = depth;
        b.analysedBox = analysedBox;
        b.cylinder = cylinder;
        b.thresholdMethod = thresholdMethod;
        b.threshold = threshold;
        b.porePhase = porePhase;
        b.nanVoxels = nanVoxels;
        b.surfaces = surfaces;
        b.axis = axis;
        b.profileOrigin = profileOrigin;
        b.measures = measures;
        b.components = components;
        b.openFaces = openFaces;
        b.localThickness = localThickness;
        b.inMemory = inMemory;
        b.maskMemoryBytes = maskMemoryBytes;
        b.labellingMemoryBytes = labellingMemoryBytes;
        b.mask = mask;
        b.labels = labels;
        b.timings.putAll(timings);
        b.warnings.addAll(warnings);
        b.parameters = parameters;
        return b;
    }

    /** A copy with another input name and checksum (e.g. the title of a stack open in ImageJ; sha256 may be null). */
    public VolumeAnalysis withInput(String input, String sha256) {
        return toBuilder().input(input).inputSha256(sha256).build();
    }

    /** Input path as given (or an image title), null when analysed from a source without one. */
    public String input() {
        return input;
    }

    /** SHA-256 of the input file, null for a folder of slices or an open image. */
    public String inputSha256() {
        return inputSha256;
    }

    public String source() {
        return source;
    }

    public VoxelSize voxelSize() {
        return voxelSize;
    }

    public String voxelSizeSource() {
        return voxelSizeSource;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int depth() {
        return depth;
    }

    /** The analysed box (after crop and surface detection), in voxels of the input. */
    public String analysedBox() {
        return analysedBox;
    }

    public String cylinder() {
        return cylinder;
    }

    public String thresholdMethod() {
        return thresholdMethod;
    }

    public double threshold() {
        return threshold;
    }

    public String porePhase() {
        return porePhase;
    }

    public long nanVoxels() {
        return nanVoxels;
    }

    /** Surfaces (plane indices in the input, inclusive) when detected, else null. */
    public int[] surfaces() {
        return surfaces == null ? null : surfaces.clone();
    }

    public int axis() {
        return axis;
    }

    /** Plane index of the first analysed plane along the axis, in the input. */
    public int profileOrigin() {
        return profileOrigin;
    }

    public IntrinsicVolumes measures() {
        return measures;
    }

    /** Connectivity statistics, null when connectivity was off. */
    public ComponentLabeler.Stats components() {
        return components;
    }

    public String openFaces() {
        return openFaces;
    }

    /** Local thickness, null when off. */
    public LocalThickness localThickness() {
        return localThickness;
    }

    public boolean inMemory() {
        return inMemory;
    }

    public long maskMemoryBytes() {
        return maskMemoryBytes;
    }

    public long labellingMemoryBytes() {
        return labellingMemoryBytes;
    }

    /** The in-memory mask, kept only when write_mask is on (for the TIFF output and compare); else null. */
    /** The LLZO conduction comparison, or null when conduction was off. */
    public ConductivityComparison conduction() {
        return conduction;
    }

    /** Facts of the block-wise run (JSON key {@code blockwise}), or null when the analysis was not block-wise. */
    public Map<String, Object> blockwise() {
        return blockwise;
    }

    public BinaryVolume mask() {
        return mask;
    }

    /** The 6-connected pore label volume, kept only when save_labels is on (for its output); else null. */
    public ComponentLabeler.LabelVolume labels() {
        return labels;
    }

    /** Step → seconds (unmodifiable). */
    public Map<String, Double> timings() {
        return timings;
    }

    /** Warnings (unmodifiable). */
    public List<String> warnings() {
        return warnings;
    }

    /** Every analysis parameter ({@link VolumeOptions#toMap()}), or null when not recorded. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    public double porosity() {
        return measures.porosity();
    }

    public double surfaceArea() {
        return measures.surfaceArea();
    }

    public double specificSurfaceArea() {
        return measures.specificSurfaceArea();
    }

    /** Plane-centre positions (µm) along the axis, from the first analysed plane. */
    public double[] profilePositions() {
        double s = voxelSize.along(axis);
        double[] p = new double[measures.profilePore.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i + 0.5) * s;
        }
        return p;
    }

    public double[] profilePorosity() {
        return measures.profile();
    }

    /** Profile table rows: plane, position_um, porosity, pore_voxels, roi_voxels. */
    public List<List<Object>> profileRows() {
        double[] x = profilePositions();
        double[] y = profilePorosity();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(List.of(profileOrigin + i, x[i], y[i], measures.profilePore[i], measures.profileRoi[i]));
        }
        return rows;
    }

    private double frac(long v) {
        return measures.roiVoxels == 0 ? Double.NaN : v / (double) measures.roiVoxels;
    }

    public Double openPorosity() {
        return components == null ? null : frac(components.openVoxels());
    }

    public Double closedPorosity() {
        return components == null ? null : frac(components.closedVoxels());
    }

    public Double percolatingPorosity() {
        return components == null ? null : frac(components.percolatingVoxels());
    }

    /** Volume-weighted mean local thickness of the pores (µm), or null when not computed. */
    public Double meanLocalThickness() {
        return localThickness == null ? null : localThickness.meanVolumeWeighted;
    }

    /**
     * Volume-weighted mean local thickness of the pores (µm), or null when not computed.
     *
     * @deprecated the 3D meaning of {@code mean_pore_diameter_um}; use {@link #meanLocalThickness()}
     */
    @Deprecated
    public Double meanPoreDiameter() {
        return meanLocalThickness();
    }

    /** JSON-ready map (key order kept). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("voxel_size_um", voxelSize.toArray());
        m.put("porosity", porosity());
        m.put("surface_area_um2", surfaceArea());
        m.put("specific_surface_area_per_um", specificSurfaceArea());
        Map<String, Object> prof = new LinkedHashMap<>();
        prof.put("axis", VolumeOptions.axisName(axis));
        prof.put("position_um", profilePositions());
        prof.put("porosity", profilePorosity());
        m.put("porosity_profile", prof);
        m.put("open_porosity", openPorosity());
        m.put("closed_porosity", closedPorosity());
        m.put("open_pore_count", components == null ? null : components.openCount());
        m.put("closed_pore_count", components == null ? null : components.closedCount());
        m.put("mean_pore_diameter_um", meanLocalThickness());
        m.put("mean_local_thickness_um", meanLocalThickness());
        // further keys
        m.put("mean_pore_diameter_definition", "volume-weighted mean local thickness (maximal inscribed sphere diameter)");
        m.put("percolating_porosity", percolatingPorosity());
        m.put("percolating_pore_count", components == null ? null : components.percolatingCount());
        m.put("pore_component_count", components == null ? null : components.components());
        m.put("largest_pore_volume_um3", components == null ? null : components.largestVoxels() * voxelSize.volume());
        m.put("removed_small_pores", components == null ? null : components.removedCount());
        m.put("open_faces", openFaces);
        m.put("euler_characteristic", measures.euler());
        m.put("euler_connectivity", "pores 6-connected, solid 26-connected");
        m.put("euler_density_per_um3", measures.euler() / measures.roiVolume());
        m.put("surface_area_estimator", "Crofton formula, 13 directions, Voronoi direction weights (Legland et al. 2007); "
                + "bias -7.3% for grid-aligned planes, ~0 for isotropic structures");
        if (localThickness != null) {
            m.put("local_thickness", localThickness.toJson());
        }
        if (conduction != null) {
            m.put("conductivity", conduction.toJson());
        }
        m.put("input", input);
        m.put("source", source);
        m.put("voxel_size_source", voxelSizeSource);
        m.put("dimensions", new int[] {width, height, depth});
        m.put("analysed_box", analysedBox);
        m.put("cylinder", cylinder);
        m.put("roi_voxel_count", measures.roiVoxels);
        m.put("pore_voxel_count", measures.poreVoxels);
        m.put("roi_volume_um3", measures.roiVolume());
        m.put("nan_voxel_count", nanVoxels);
        m.put("threshold_method", thresholdMethod);
        m.put("threshold", threshold);
        m.put("pore_phase", porePhase);
        if (surfaces != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            double sa = voxelSize.along(axis);
            s.put("first_plane", surfaces[0]);
            s.put("last_plane", surfaces[1]);
            s.put("thickness_um", (surfaces[1] - surfaces[0] + 1) * sa);
            m.put("surfaces", s);
        }
        m.put("profile_origin_plane", profileOrigin);
        m.put("in_memory_mask", inMemory);
        m.put("mask_memory_bytes", maskMemoryBytes);
        m.put("labelling_memory_bytes", labellingMemoryBytes);
        if (blockwise != null) {
            m.put("blockwise", blockwise);
        }
        m.put("timings_s", timings);
        m.put("warnings", warnings);
        // provenance
        m.put("software", Provenance.software());
        m.put("input_sha256", inputSha256);
        m.put("parameters", parameters);
        m.put("deprecated_keys", Provenance.deprecatedMeanPoreDiameter("mean_local_thickness_um",
                "volume-weighted mean local thickness (maximal inscribed sphere diameter)"));
        return m;
    }

    /** A short human-readable summary. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append('\n');
        sb.append(String.format(Locale.ROOT, "voxel size          %s µm (%s)%n", voxelSize, voxelSizeSource));
        sb.append(String.format(Locale.ROOT, "threshold           %s = %s%n", thresholdMethod, threshold));
        sb.append(String.format(Locale.ROOT, "porosity            %.4f%n", porosity()));
        sb.append(String.format(Locale.ROOT, "surface area        %.6g µm²   S_V %.6g µm⁻¹%n", surfaceArea(), specificSurfaceArea()));
        sb.append(String.format(Locale.ROOT, "Euler characteristic %d (6-connected pores)%n", measures.euler()));
        if (components != null) {
            sb.append(String.format(Locale.ROOT, "open porosity       %.4f (%d pores)   closed %.4f (%d pores)   percolating %.4f%n",
                    openPorosity(), components.openCount(), closedPorosity(), components.closedCount(), percolatingPorosity()));
        }
        if (localThickness != null) {
            sb.append(String.format(Locale.ROOT, "mean local thickness %.4g µm (volume-weighted; p10 %.4g, p50 %.4g, p90 %.4g)%n",
                    localThickness.meanVolumeWeighted, localThickness.p10, localThickness.p50, localThickness.p90));
        }
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        if (conduction != null) {
            sb.append(conduction.summary()).append('\n');
        }
        return sb.toString().trim();
    }

    /** Mutable builder of a {@link VolumeAnalysis}. */
    public static final class Builder {
        private String input;
        private String inputSha256;
        private String source;
        private VoxelSize voxelSize;
        private String voxelSizeSource;
        private int width;
        private int height;
        private int depth;
        private String analysedBox;
        private String cylinder;
        private String thresholdMethod;
        private double threshold = Double.NaN;
        private String porePhase;
        private long nanVoxels;
        private int[] surfaces;
        private int axis;
        private int profileOrigin;
        private IntrinsicVolumes measures;
        private ComponentLabeler.Stats components;
        private String openFaces;
        private LocalThickness localThickness;
        private boolean inMemory;
        private long maskMemoryBytes;
        private long labellingMemoryBytes;
        private BinaryVolume mask;
        private ComponentLabeler.LabelVolume labels;
        private ConductivityComparison conduction;
        private Map<String, Object> blockwise;
        private final Map<String, Double> timings = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private Map<String, Object> parameters;

        private Builder() {
        }

        public Builder input(String v) { input = v; return this; }
        public Builder inputSha256(String v) { inputSha256 = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder voxelSize(VoxelSize v, String src) { voxelSize = v; voxelSizeSource = src; return this; }
        public Builder dimensions(int w, int h, int d) { width = w; height = h; depth = d; return this; }
        public Builder analysedBox(String v) { analysedBox = v; return this; }
        public Builder cylinder(String v) { cylinder = v; return this; }
        public Builder threshold(String method, double value, String phase) { thresholdMethod = method; threshold = value; porePhase = phase; return this; }
        /** The rule's method, value (the pore label in label mode) and pore phase (label, dark or bright). */
        public Builder threshold(org.porophase.segment.ThresholdRule r) {
            return threshold(r.method(), r.labelMode() ? r.poreValue() : r.threshold(), r.labelMode() ? "label" : r.darkPores() ? "dark" : "bright");
        }
        public Builder nanVoxels(long v) { nanVoxels = v; return this; }
        public Builder surfaces(int[] v) { surfaces = v == null ? null : v.clone(); return this; }
        public Builder axis(int v) { axis = v; return this; }
        public Builder profileOrigin(int v) { profileOrigin = v; return this; }
        public Builder measures(IntrinsicVolumes v) { measures = v; return this; }
        public Builder components(ComponentLabeler.Stats v, String faces) { components = v; openFaces = faces; return this; }
        public Builder localThickness(LocalThickness v) { localThickness = v; return this; }
        public Builder memory(boolean inMem, long maskBytes) { inMemory = inMem; maskMemoryBytes = maskBytes; return this; }
        public Builder labellingMemoryBytes(long v) { labellingMemoryBytes = v; return this; }
        public Builder mask(BinaryVolume v) { mask = v; return this; }
        public Builder labels(ComponentLabeler.LabelVolume v) { labels = v; return this; }
        public Builder conduction(ConductivityComparison v) { conduction = v; return this; }
        public Builder blockwise(Map<String, Object> v) { blockwise = v; return this; }
        public Builder timing(String step, double seconds) { timings.put(step, seconds); return this; }
        public Builder warning(String w) { warnings.add(w); return this; }
        public Builder parameters(Map<String, Object> v) { parameters = v; return this; }

        /** Plane index of the first analysed plane (as set so far). */
        int profileOrigin() {
            return profileOrigin;
        }

        public VolumeAnalysis build() {
            return new VolumeAnalysis(this);
        }
    }
}
