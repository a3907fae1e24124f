package org.porophase.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import org.porophase.config.Version;
import org.porophase.io.SemImage;
import org.porophase.measure.Pore;
import org.porophase.measure.PoreAnalysis;
import org.porophase.measure.ScaffoldMetrics;
import org.porophase.filter.NoiseEstimator;
import org.porophase.segment.SegmentationOptions;
import org.porophase.segment.SegmentationResult;
import org.porophase.binary.LocalThickness2D;

/**
 * Everything one SEM analysis produced: the numbers (summary and per pore, in µm), the mask and
 * the QC overlay. Summary keys are the JSON keys of {@code analyze --json}.
 *
 * <h2>Derived quantities (Zhang et al., ACS Appl. Mater. Interfaces 2024, Experimental Section)</h2>
 * <ul>
 * <li>{@code specific_surface_area_per_um}: S_c = P_p / A_t (eq. 3), P_p the Crofton perimeter of
 * the pore phase inside the analysed area, A_t the analysed area (µm⁻¹);
 * {@code specific_surface_area_estimator} names it ({@value #SPECIFIC_SURFACE_ESTIMATOR});
 * {@code specific_surface_area_isoline_per_um}: the same with the sub-pixel isoline perimeter
 * ({@link org.porophase.measure.IsolinePerimeter}) instead of Crofton's, in the same region (cells with a pixel outside
 * it skipped, divided by the cells' area). The reported S_c stays Crofton's: the isoline (and Crofton on a 2× or 4×
 * upsampled grey image) is closer on Boolean renderings but further on parallel cylinders (measured in
 * {@link org.porophase.segment.Segmenter2D}).</li>
 * <li>{@code ideal_cylinder_specific_surface_per_um}: 4φ/δ (eq. 1) with the measured φ and the mean
 * pore diameter δ (mean equivalent-circle diameter of the counted pores), i.e. the parallel-cylinder
 * scaffold with the same porosity and pore size.</li>
 * <li>{@code current_density_reduction}: R_J = 1 − 1/(d·S_c) (eq. 2, fraction), d the impregnation
 * depth, for the measured and the ideal S_c.</li>
 * <li>{@code local_thickness_mean_um}, {@code pore_size_distribution}: 2D local thickness — at each pore
 * pixel the diameter of the largest disk inside the pore that covers it (Hildebrand &amp; Rüegsegger
 * 1997, one slice of the 3D algorithm); area-weighted mean and percentiles (µm).</li>
 * <li>{@code porosity_corrected_conductivity_S_cm}: σ_h = σ_m / (1 − 3f/2) (eq. 7), when σ_m is given.</li>
 * </ul>
 * <h2>Data bar and region</h2>
 * {@code rows_analyzed}, {@code rows_excluded}, {@code bar_method} (metadata | image | image-framed | manual | none,
 * {@code segment.InfoBarDetector#methodKey}) and {@code info_bar_method} (the details); {@code region_source}
 * (image | rectangle | polygon | mask | imagej-roi | specimen-band, or a ROI + "+specimen-band"),
 * {@code region_detail}, {@code region_pixels} (A_t in pixels: porosity, S_c and the counting frame are per
 * region, see {@code measure.PoreMeasurer}); {@code specimen_region} (with {@code specimen_region: auto}: detected,
 * top_row, bottom_row, rows, thickness_um, confidence, texture_inside, texture_outside, method);
 * {@code porosity_profile} (with {@code porosity_profile}: surface_row, bin_um, position_um[], porosity[];
 * {@code measure.PorosityProfile2D}).
 */
public final class SemAnalysisResult {

    /** Columns of the per-pore table (CSV header and ResultsTable headings). */
    public static final List<String> PORE_COLUMNS = Collections.unmodifiableList(Arrays.asList(
            "label", "area_um2", "perimeter_um", "ecd_um", "feret_max_um", "feret_min_um", "feret_angle_deg",
            "circularity", "centroid_x_um", "centroid_y_um", "touches_border", "counted"));

    private final SemImage image;
    private final SemAnalysisOptions options;
    private final int rowsKept;
    private final boolean infoBarDetected;
    private final String cropMethod;
    private final ImageProcessor analyzed;
    /** The estimator of {@code specific_surface_area_per_um} and {@code total_pore_perimeter_um}, as the JSON names it. */
    public static final String SPECIFIC_SURFACE_ESTIMATOR = "crofton-8 (pixel mask, 8 directions)";

    private final NoiseEstimator.Choice noise;
    private final SegmentationOptions applied;
    private final SegmentationResult segmentation;
    private final PoreAnalysis pores;
    private final LocalThickness2D thickness;
    private final List<String> warnings;
    private final double poreDiameterUm;
    private final double idealSc;
    private String sha256;
    private org.porophase.segment.Roi2D.Region userRegion;
    private org.porophase.segment.SpecimenRegion.Band band;
    private byte[] region;
    private org.porophase.measure.PorosityProfile2D profile;

    SemAnalysisResult(SemImage image, SemAnalysisOptions options, int rowsKept, boolean infoBarDetected, String cropMethod,
                      ImageProcessor analyzed, NoiseEstimator.Choice noise, SegmentationOptions applied, SegmentationResult segmentation, PoreAnalysis pores,
                      LocalThickness2D thickness, List<String> warnings) {
        this.thickness = thickness;
        this.noise = noise;
        this.applied = applied;
        this.image = image;
        this.options = options;
        this.rowsKept = rowsKept;
        this.infoBarDetected = infoBarDetected;
        this.cropMethod = cropMethod;
        this.analyzed = analyzed;
        this.segmentation = segmentation;
        this.pores = pores;
        this.warnings = new ArrayList<>(warnings);
        double delta = pores.meanPoreDiameterUm();
        if (!(delta > 0) && pores.totalPorePerimeterUm() > 0) {
            delta = pores.hydraulicPoreDiameterUm();
            this.warnings.add("no pore lies fully inside the image: the pore size δ for eq. 1 is the hydraulic diameter 4·A_p/P_p");
        }
        this.poreDiameterUm = delta;
        this.idealSc = delta > 0 ? ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(pores.porosity(), delta) : Double.NaN;
        if (!(pores.specificSurfaceAreaPerUm() > 0)) {
            // a dense sample (no pore, or only specks removed by min_pore_area_px) is a valid result:
            // φ = 0, S_c = 0; eq. 2 divides by S_c, so R_J is undefined (null in the JSON), not an error
            this.warnings.add(String.format(java.util.Locale.ROOT,
                    "dense sample: porosity %s and no pore wall (S_c = 0), so the current-density reduction R_J (eq. 2) is undefined (null)",
                    pores.porosity() == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.4g", pores.porosity())));
        } else if (image.calibration().isCalibrated() && pores.porosity() > 0 && 1.0 / options.impregnationDepthUm > pores.specificSurfaceAreaPerUm()) {
            this.warnings.add("d·S_c < 1: the pore wall area within the impregnation depth is smaller than the flat interface, so eq. 2 gives R_J < 0");
        }
    }

    public SemAnalysisOptions options() {
        return options;
    }

    /** Set once by {@link SemAnalyzer}: the user's ROI, the specimen band, the region analysed and the profile (each may be null). */
    void setRegion(org.porophase.segment.Roi2D.Region user, org.porophase.segment.SpecimenRegion.Band band, byte[] region,
            org.porophase.measure.PorosityProfile2D profile) {
        this.userRegion = user;
        this.band = band;
        this.region = region;
        this.profile = profile;
    }

    /** The analysed region of the analysed image (one byte per pixel, non-zero = inside), or null for the whole image. */
    public byte[] region() {
        return region == null ? null : region.clone();
    }

    /** The specimen band found ({@code specimen_region: auto}), or null when not asked for. */
    public org.porophase.segment.SpecimenRegion.Band specimenBand() {
        return band;
    }

    /** The porosity profile across the thickness, or null when not asked for ({@code porosity_profile}). */
    public org.porophase.measure.PorosityProfile2D profile() {
        return profile;
    }

    /** How the info bar was found: metadata, image, image-framed, manual or none ({@link org.porophase.segment.InfoBarDetector#methodKey}). */
    public String barMethod() {
        return org.porophase.segment.InfoBarDetector.methodKey(cropMethod, image.processor().getHeight() - rowsKept);
    }

    public SemImage image() {
        return image;
    }

    public PoreAnalysis pores() {
        return pores;
    }

    public SegmentationResult segmentation() {
        return segmentation;
    }

    public int rowsAnalyzed() {
        return rowsKept;
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Mean pore diameter δ used for eq. 1 (µm). */
    public double poreDiameterUm() {
        return poreDiameterUm;
    }

    /** 4φ/δ (eq. 1), µm⁻¹. */
    public double idealCylinderSpecificSurfacePerUm() {
        return idealSc;
    }

    /** 2D local thickness (pore size distribution), or null when off or not computable. */
    public LocalThickness2D thickness() {
        return thickness;
    }

    /** The summary, with the keys of {@code analyze --json}. */
    public Map<String, Object> summary() {
        var cal = image.calibration();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", SemAnalyzer.name(image));
        m.put("software", "PoroPhase " + Version.get());
        m.put("pixel_size_um", cal.isCalibrated() ? cal.pixelWidthUm() : null);
        m.put("pixel_height_um", cal.isCalibrated() ? cal.pixelHeightUm() : null);
        m.put("length_unit", cal.isCalibrated() ? "um" : "pixel");
        m.put("calibration_source", cal.source().key());
        m.put("calibration_detail", cal.detail());
        m.put("width_px", analyzed.getWidth());
        m.put("height_px", image.processor().getHeight());
        m.put("rows_analyzed", rowsKept);
        m.put("rows_excluded", image.processor().getHeight() - rowsKept);
        m.put("info_bar_detected", infoBarDetected);
        m.put("info_bar_method", cropMethod);
        m.put("bar_method", barMethod());
        m.put("region_source", userRegion == null ? (band != null && band.detected() ? "specimen-band" : "image") : userRegion.source()
                + (band != null && band.detected() ? "+specimen-band" : ""));
        if (userRegion != null) {
            m.put("region_detail", userRegion.detail());
        }
        m.put("region_pixels", pores.analysedPixels());
        if (band != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("detected", band.detected());
            b.put("top_row", band.top());
            b.put("bottom_row", band.bottom() - 1);
            b.put("rows", band.rows());
            b.put("thickness_um", band.rows() * cal.pixelHeightUm()); // "_px" with --units px (pixel height 1)
            b.put("confidence", band.confidence());
            b.put("texture_inside", band.textureIn());
            b.put("texture_outside", band.textureOut());
            b.put("method", band.method());
            m.put("specimen_region", b);
        }
        if (profile != null) {
            Map<String, Object> pr = new LinkedHashMap<>();
            pr.put("surface_row", profile.surfaceRow());
            pr.put("bin_um", profile.binUm());
            pr.put("position_um", profile.positionsUm());
            pr.put("porosity", profile.porosity());
            m.put("porosity_profile", pr);
        }
        m.put("denoise_applied", applied.getDenoise().name().toLowerCase(java.util.Locale.ROOT)
                + (applied.getDenoise() == org.porophase.filter.Denoise.NONE ? "" : " r=" + applied.getDenoiseRadiusPx() + " px"));
        m.put("deconvolve_applied", applied.deconvolves() ? String.format(java.util.Locale.ROOT, "landweber sigma=%.2f px, %d iterations, smoothing %.2f px",
                applied.getDeconvolveSigmaPx(), applied.getDeconvolveIterations(), applied.getDeconvolveSmoothingPx()) : "none");
        if (noise != null) {
            m.put("noise_sigma", noise.noiseSigma());
            m.put("contrast", noise.contrast());
            m.put("edge_position_noise_px", noise.positionNoisePx());
        }
        m.put("threshold_method", segmentation.method());
        m.put("threshold", segmentation.threshold());
        m.put("pore_phase", options.poresDark ? "dark" : "bright");
        m.put("border_pores", options.borderPores);
        m.put("porosity", pores.porosity());
        m.put("pore_count", pores.poreCount());
        m.put("border_pore_count", pores.borderPoreCount());
        m.put("total_pore_area_um2", pores.totalPoreAreaUm2());
        m.put("total_pore_perimeter_um", pores.totalPorePerimeterUm());
        m.put("analyzed_area_um2", pores.analyzedAreaUm2());
        m.put("specific_surface_area_per_um", pores.specificSurfaceAreaPerUm());
        m.put("specific_surface_area_estimator", SPECIFIC_SURFACE_ESTIMATOR);
        // sub-pixel S_c: isoline of the thresholded (denoised) image at the threshold (IsolinePerimeter)
        m.put("specific_surface_area_isoline_per_um", org.porophase.measure.IsolinePerimeter.density(segmentation.filtered(),
                (byte[]) segmentation.mask().getPixels(), analyzed.getWidth(), analyzed.getHeight(), segmentation.threshold(),
                cal.pixelWidthUm(), cal.pixelHeightUm(), region));
        m.put("mean_pore_diameter_um", poreDiameterUm);
        m.put("mean_equivalent_diameter_um", pores.meanPoreDiameterUm());
        m.put("area_weighted_mean_pore_diameter_um", pores.areaWeightedMeanPoreDiameterUm());
        m.put("hydraulic_pore_diameter_um", pores.hydraulicPoreDiameterUm());
        if (thickness != null) {
            m.put("local_thickness_mean_um", thickness.meanUm());
            m.put("pore_size_distribution", thickness.toJson());
        }
        m.put("ideal_cylinder_specific_surface_per_um", idealSc);
        m.put("specific_surface_ratio_real_to_ideal", idealSc > 0 ? pores.specificSurfaceAreaPerUm() / idealSc : Double.NaN);
        m.put("impregnation_depth_um", options.impregnationDepthUm);
        m.put("current_density_reduction", pores.specificSurfaceAreaPerUm() > 0
                ? ScaffoldMetrics.currentDensityReduction(options.impregnationDepthUm, pores.specificSurfaceAreaPerUm()) : Double.NaN);
        m.put("ideal_current_density_reduction", idealSc > 0 ? ScaffoldMetrics.currentDensityReduction(options.impregnationDepthUm, idealSc) : Double.NaN);
        if (options.measuredConductivitySCm != null) {
            m.put("measured_conductivity_S_cm", options.measuredConductivitySCm);
            m.put("porosity_corrected_conductivity_S_cm",
                    ScaffoldMetrics.bruggemanCorrectedConductivity(options.measuredConductivitySCm, pores.porosity()));
        }
        if (!cal.isCalibrated()) {
            // R_J = 1 − 1/(d·S_c) mixes d in µm with S_c: in pixel units it has no meaning
            m.put("current_density_reduction", null);
            m.put("ideal_current_density_reduction", null);
        }
        m.put("warnings", new ArrayList<>(warnings));
        m.put("parameters", options.toMap());
        m.put("input_sha256", inputSha256());
        m.put("deprecated_keys", Provenance.deprecatedMeanPoreDiameter("mean_equivalent_diameter_um",
                "the pore size δ of eq. 1: mean_equivalent_diameter_um (or hydraulic_pore_diameter_um when no pore lies fully inside the image, see warnings)"));
        return cal.isCalibrated() ? m : pixelKeys(m);
    }

    /** Result keys that stay as they are in pixel units: the calibration itself and parameters given in µm. */
    private static final java.util.Set<String> KEEP_UM = java.util.Set.of("pixel_size_um", "pixel_height_um", "impregnation_depth_um",
            "parameters", "deprecated_keys");

    /**
     * The summary with pixel-unit names ({@code --units px}, or an image without a calibration): every length key
     * renamed by {@link org.porophase.core.Calibration#pixelUnitKey} (also inside nested maps such as the pore size
     * distribution), except {@link #KEEP_UM}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> pixelKeys(Map<String, Object> m) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (KEEP_UM.contains(e.getKey())) {
                r.put(e.getKey(), v);
                continue;
            }
            if (v instanceof Map<?, ?> sub) {
                v = pixelKeys((Map<String, Object>) sub);
            }
            r.put(org.porophase.core.Calibration.pixelUnitKey(e.getKey()), v);
        }
        return r;
    }

    /** The per-pore columns in this result's unit ({@link #PORE_COLUMNS}, with {@code _px} names in pixel units). */
    public List<String> poreColumns() {
        return image.calibration().isCalibrated() ? PORE_COLUMNS
                : PORE_COLUMNS.stream().map(org.porophase.core.Calibration::pixelUnitKey).toList();
    }

    /** A column name in this result's unit ({@code diameter_um} → {@code diameter_px} in pixel units). */
    public String column(String umName) {
        return image.calibration().isCalibrated() ? umName : org.porophase.core.Calibration.pixelUnitKey(umName);
    }

    /** One row per pore, values in {@link #PORE_COLUMNS} order. */
    public List<List<Object>> poreRows() {
        List<List<Object>> rows = new ArrayList<>(pores.pores().size());
        for (Pore p : pores.pores()) {
            rows.add(Arrays.asList(p.label(), p.areaUm2(), p.perimeterUm(), p.ecdUm(), p.feretMaxUm(), p.feretMinUm(),
                    p.feretAngleDeg(), p.circularity(), p.centroidXUm(), p.centroidYUm(), p.touchesBorder() ? 1 : 0,
                    p.counted() ? 1 : 0));
        }
        return rows;
    }

    private Calibration calibration() {
        var cal = image.calibration();
        Calibration c = new Calibration();
        if (cal.isCalibrated()) {
            c.pixelWidth = cal.pixelWidthUm();
            c.pixelHeight = cal.pixelHeightUm();
            c.setUnit("micron");
        }
        return c;
    }

    /** The pore mask (255 = pore), calibrated. */
    public ImagePlus maskImage() {
        ImagePlus imp = new ImagePlus(baseTitle() + "-mask", segmentation.mask().duplicate());
        imp.setCalibration(calibration());
        return imp;
    }

    /**
     * The analysed (cropped) image, a copy, calibrated (the QC figure with the pore outlines is
     * {@code report.Figures.semQc}).
     */
    public ImagePlus analyzedImage() {
        ImagePlus imp = new ImagePlus(baseTitle() + "-analysed", analyzed.duplicate());
        imp.setCalibration(calibration());
        return imp;
    }

    /** The whole input image (info bar included), a copy, calibrated: the canvas of the QC figure. */
    public ImagePlus fullImage() {
        ImagePlus imp = new ImagePlus(baseTitle(), image.processor().duplicate());
        imp.setCalibration(calibration());
        return imp;
    }

    /** File-name stem of the input (no extension). */
    public String baseTitle() {
        String t = image.path() != null ? image.path().getFileName().toString() : image.title();
        int dot = t.lastIndexOf('.');
        return dot > 0 ? t.substring(0, dot) : t;
    }

    /** SHA-256 of the input file (computed once), null for an image without a file. */
    public synchronized String inputSha256() {
        if (sha256 == null && image.path() != null) {
            sha256 = Provenance.sha256OrNull(image.path());
        }
        return sha256;
    }
}
