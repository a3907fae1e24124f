package org.porophase.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.measure.BorderPolicy;
import org.porophase.filter.NoiseEstimator;
import org.porophase.segment.SegmentationOptions;
import org.porophase.segment.ThresholdMethods;

/**
 * Every parameter of the SEM cross-section analysis ({@code analyze} in plugin.yml). Defaults come
 * from plugin.yml ({@link #fromConfig}); front ends override single values. Public fields keep the
 * front ends thin; {@link #validate()} checks them all before any work starts.
 */
public final class SemAnalysisOptions {
    /** Pixel size override (µm); {@code null} = from the file's metadata. */
    public Double pixelSizeUm;
    /** Length unit of the results, "um" or "px" (plugin.yml {@code units}; policy in {@code io.PixelUnits}). */
    public String units = "um";
    /** Detect and exclude the microscope's info bar automatically. */
    public boolean autocrop = true;
    /** Rows to remove at the bottom (manual override of the detection); {@code null} = detect. */
    public Integer cropBottomPx;
    /** Rectangle ROI "x,y,w,h" (pixels); {@code null} = none. */
    public String roi;
    /** Polygon ROI "x1,y1,x2,y2,…" (pixels); {@code null} = none. */
    public String roiPolygon;
    /** Mask image ROI (non-zero = inside); {@code null} = none. */
    public String roiMask;
    /** ImageJ/Fiji: analyse inside the image's current area selection. */
    public boolean useImageRoi = true;
    /** "none" or "auto" (find the specimen band, {@code segment.SpecimenRegion}). */
    public String specimenRegion = "none";
    /** Write the porosity profile across the thickness. */
    public boolean porosityProfile;
    /** Bin width of the profile (µm); not used when {@link #profileBinPx} is set or with units px. */
    public double profileBinUm = 1.0;
    /** Bin width of the profile in pixel rows (null: {@link #profileBinUm}, or {@value #DEFAULT_PROFILE_BIN_PX} px with units px). */
    public Double profileBinPx;
    /** The profile bin with units px when {@code profile_bin_px} is not given (px). */
    public static final double DEFAULT_PROFILE_BIN_PX = 10;
    /** ImageJ AutoThresholder method name, or "Manual". */
    public String thresholdMethod = "Otsu";
    /** Threshold for "Manual", in the image's gray units. */
    public Double manualThreshold;
    /** Pores are darker than the solid (the usual SEM contrast of pores in ceramics). */
    public boolean poresDark = true;
    /** auto | none | median | gaussian | nlm ("auto": non-local means where the boundary position noise needs filtering, see NoiseEstimator). */
    public String denoise = "auto";
    /**
     * {@code auto}: with {@code denoise: auto}, Landweber deconvolution ({@code filter.Deconvolution}; not when the estimate exceeds
     * {@code Deconvolution.MAX_AUTO_SIGMA_PX}) after the denoising with the PSF σ NoiseEstimator
     * measured on the image's edges; {@code none}: no deconvolution.
     */
    public String deconvolve = "auto";
    public double denoiseRadiusPx = 1.0;
    /** Factor on the noise σ the non-local means filters with (plugin.yml {@code nlm_strength}). */
    public double nlmStrength = 1.0;
    public boolean shadingCorrection;
    public double shadingRadiusPx = 50;
    public double minPoreAreaPx = 4;
    public boolean fillHoles = true;
    public boolean watershed;
    /** Grey-level split of merged pores: minimum dynamic in residual noise σ (0 = off; {@code segment.DynamicsSplit}). */
    public double splitDynamics;
    /** Perimeter weight λ of the binary-deconvolution refinement, 0 = off (plugin.yml {@code binary_deconvolution}). */
    public double binaryDeconvolution;
    /** Whether the refinement's prior may flip pixels on its own (plugin.yml {@code binary_deconvolution_prior_flips}). */
    public boolean binaryDeconvolutionPriorFlips;
    /** include | exclude-from-shape | guard-frame. */
    public String borderPores = "exclude-from-shape";
    /** Li impregnation depth d for eq. 2 (µm). */
    public double impregnationDepthUm = 5.0;
    /** Measured conductivity σ_m (S/cm) for the Bruggeman correction (eq. 7); {@code null} = skip. */
    public Double measuredConductivitySCm;
    /** Pore size distribution by 2D local thickness (largest inscribed disk). */
    public boolean localThickness = true;
    /** Write the pore mask TIFF with the outputs. */
    public boolean saveMask = true;
    /** Write the QC overlay PNG with the outputs. */
    public boolean saveOverlay = true;

    /** The bundled defaults. */
    public static SemAnalysisOptions defaults() {
        return fromConfig(PluginConfig.defaults());
    }

    /** Defaults from a plugin.yml (the bundled one or a user's edited copy). */
    public static SemAnalysisOptions fromConfig(PluginConfig cfg) {
        SemAnalysisOptions o = new SemAnalysisOptions();
        String c = "analyze";
        o.pixelSizeUm = nullableDouble(cfg, c, "pixel_size_um");
        o.units = cfg.getString(c, "units");
        o.autocrop = cfg.getBoolean(c, "autocrop");
        Double crop = nullableDouble(cfg, c, "crop_bottom_px");
        o.cropBottomPx = crop == null ? null : (int) Math.round(crop);
        o.roi = nullableString(cfg, c, "roi");
        o.roiPolygon = nullableString(cfg, c, "roi_polygon");
        o.roiMask = nullableString(cfg, c, "roi_mask");
        o.useImageRoi = cfg.getBoolean(c, "use_image_roi");
        o.specimenRegion = cfg.getString(c, "specimen_region");
        o.porosityProfile = cfg.getBoolean(c, "porosity_profile");
        o.profileBinUm = cfg.getDouble(c, "profile_bin_um");
        o.profileBinPx = nullableDouble(cfg, c, "profile_bin_px");
        o.thresholdMethod = cfg.getString(c, "threshold_method");
        o.manualThreshold = nullableDouble(cfg, c, "threshold");
        if (o.manualThreshold != null) {
            o.thresholdMethod = "Manual"; // a threshold value means a manual threshold
        }
        o.poresDark = "dark".equalsIgnoreCase(cfg.getString(c, "pore_phase"));
        o.denoise = cfg.getString(c, "denoise");
        o.deconvolve = cfg.getString(c, "deconvolve");
        o.denoiseRadiusPx = cfg.getDouble(c, "denoise_radius_px");
        o.nlmStrength = cfg.getDouble(c, "nlm_strength");
        o.shadingCorrection = cfg.getBoolean(c, "shading_correction");
        o.shadingRadiusPx = cfg.getDouble(c, "shading_radius_px");
        o.minPoreAreaPx = cfg.getDouble(c, "min_pore_area_px");
        o.fillHoles = cfg.getBoolean(c, "fill_holes");
        o.watershed = cfg.getBoolean(c, "watershed");
        o.splitDynamics = cfg.getDouble(c, "split_dynamics");
        o.binaryDeconvolution = cfg.getDouble(c, "binary_deconvolution");
        o.binaryDeconvolutionPriorFlips = cfg.getBoolean(c, "binary_deconvolution_prior_flips");
        o.borderPores = cfg.getString(c, "border_pores");
        o.impregnationDepthUm = cfg.getDouble(c, "impregnation_depth_um");
        o.measuredConductivitySCm = nullableDouble(cfg, c, "measured_conductivity_S_cm");
        o.localThickness = cfg.getBoolean(c, "local_thickness");
        o.saveMask = cfg.getBoolean(c, "save_mask");
        o.saveOverlay = cfg.getBoolean(c, "save_overlay");
        return o;
    }

    private static String nullableString(PluginConfig cfg, String c, String p) {
        if (cfg.command(c).param(p).isNull()) {
            return null;
        }
        String v = cfg.getString(c, p);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** True when {@code specimen_region: auto}. */
    public boolean autoSpecimenRegion() {
        return "auto".equalsIgnoreCase(specimenRegion == null ? "" : specimenRegion.trim());
    }

    private static Double nullableDouble(PluginConfig cfg, String c, String p) {
        return cfg.command(c).param(p).isNull() ? null : cfg.getDouble(c, p);
    }

    /** Checks every value; throws a {@link PoroPhaseException} naming the bad parameter. */
    public SemAnalysisOptions validate() {
        if (pixelSizeUm != null && !(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm))) {
            throw new PoroPhaseException("--pixel-size must be a positive number of µm, got " + pixelSizeUm);
        }
        if (cropBottomPx != null && cropBottomPx < 0) {
            throw new PoroPhaseException("--crop-bottom must be ≥ 0 rows, got " + cropBottomPx);
        }
        if ("manual".equalsIgnoreCase(thresholdMethod) && manualThreshold == null) {
            throw new PoroPhaseException("threshold method Manual needs --threshold VALUE");
        }
        if (!(denoiseRadiusPx >= 0) || !(shadingRadiusPx > 0) || !(minPoreAreaPx >= 0)) {
            throw new PoroPhaseException("denoise radius and min pore area must be ≥ 0 and the shading radius > 0");
        }
        if (!(impregnationDepthUm > 0)) {
            throw new PoroPhaseException("--impregnation must be a positive depth in µm, got " + impregnationDepthUm);
        }
        if (measuredConductivitySCm != null && !(measuredConductivitySCm > 0)) {
            throw new PoroPhaseException("--conductivity must be a positive σ in S/cm, got " + measuredConductivitySCm);
        }
        int shapes = (roi != null ? 1 : 0) + (roiPolygon != null ? 1 : 0) + (roiMask != null ? 1 : 0);
        if (shapes > 1) {
            throw new PoroPhaseException("give one of --roi, --roi-polygon and --roi-mask, not " + shapes
                    + " (combine shapes in a mask image for --roi-mask)");
        }
        if (specimenRegion == null || !(specimenRegion.trim().equalsIgnoreCase("none") || autoSpecimenRegion())) {
            throw new PoroPhaseException("--specimen-region must be none or auto, got '" + specimenRegion + "'");
        }
        if (!(profileBinUm > 0) || !Double.isFinite(profileBinUm)) {
            throw new PoroPhaseException("--profile-bin must be a positive width in µm, got " + profileBinUm);
        }
        if (profileBinPx != null && !(profileBinPx > 0 && Double.isFinite(profileBinPx))) {
            throw new PoroPhaseException("--profile-bin-px must be a positive width in pixel rows, got " + profileBinPx);
        }
        if (deconvolve == null || !(autoDeconvolve() || deconvolve.trim().equalsIgnoreCase("none"))) {
            throw new PoroPhaseException("--deconvolve must be auto or none, got '" + deconvolve + "'");
        }
        units = org.porophase.io.PixelUnits.parse(units);
        segmentation(null);
        borderPolicy();
        return this;
    }

    /**
     * The profile bin in the units of the measurement (µm, or px with units px): {@code profile_bin_px} rows when
     * given, else with units px {@value #DEFAULT_PROFILE_BIN_PX} rows, else {@code profile_bin_um}.
     *
     * @param pixelHeightUm the row height the profile is measured in (1 with units px)
     */
    public double profileBin(double pixelHeightUm) {
        if (profileBinPx != null) {
            return profileBinPx * pixelHeightUm;
        }
        return org.porophase.io.PixelUnits.PX.equals(org.porophase.io.PixelUnits.parse(units)) ? DEFAULT_PROFILE_BIN_PX * pixelHeightUm
                : profileBinUm;
    }

    /** The border policy as an enum ({@code exclude-from-shape} → EXCLUDE_FROM_SHAPE). */
    public BorderPolicy borderPolicy() {
        return BorderPolicy.parse(borderPores);
    }

    /** True for {@code deconvolve: auto} (checked by {@link #validate}: auto or none). */
    public boolean autoDeconvolve() {
        return deconvolve != null && "auto".equalsIgnoreCase(deconvolve.trim());
    }

    /** True when the denoising is chosen per image ({@code denoise: auto}). */
    public boolean autoDenoise() {
        return "auto".equalsIgnoreCase(denoise.trim());
    }

    /**
     * The segmentation options these parameters describe, for this image: with
     * {@code denoise: auto} the Gaussian chosen for the image by {@link NoiseEstimator#choose}
     * ({@code auto} may be null only for validation).
     */
    public SegmentationOptions segmentation(NoiseEstimator.Choice auto) {
        SegmentationOptions s = new SegmentationOptions();
        s.setMethod(canonicalMethod(thresholdMethod));
        if (manualThreshold != null) {
            s.setManualThreshold(manualThreshold);
        }
        s.setPoresBright(!poresDark);
        if (autoDenoise()) {
            boolean on = auto != null && auto.denoise() != org.porophase.filter.Denoise.NONE;
            s.setDenoise(on ? auto.denoise() : org.porophase.filter.Denoise.NONE);
            s.setDenoiseRadiusPx(on ? auto.radiusPx() : denoiseRadiusPx);
            if (on) {
                s.setNoiseSigma(auto.noiseSigma());
            }
            if (autoDeconvolve() && auto != null && auto.edgeBlurPx() > 0
                    && auto.edgeBlurPx() <= org.porophase.filter.Deconvolution.MAX_AUTO_SIGMA_PX) {
                s.setDeconvolveSigmaPx(auto.edgeBlurPx());
            }
        } else {
            s.setDenoise(denoise);
            s.setDenoiseRadiusPx(denoiseRadiusPx);
        }
        s.setShadingCorrection(shadingCorrection);
        s.setShadingRadiusPx(shadingRadiusPx);
        s.setMinPoreAreaPx(minPoreAreaPx);
        s.setFillHoles(fillHoles);
        s.setWatershed(watershed);
        s.setSplitDynamics(splitDynamics);
        s.setBinaryDeconvolution(binaryDeconvolution);
        s.setBinaryDeconvolutionPriorFlips(binaryDeconvolutionPriorFlips);
        s.setNlmStrength(nlmStrength);
        return s;
    }

    /** The method name as ImageJ spells it (matched case-insensitively), or "Manual". */
    public static String canonicalMethod(String name) {
        return ThresholdMethods.canonical(name);
    }

    /** ImageJ's auto-threshold methods plus "Manual" ({@link ThresholdMethods#names}). */
    public static String[] thresholdMethods() {
        return ThresholdMethods.names();
    }

    /** Every parameter by its plugin.yml name (provenance in outputs). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pixel_size_um", pixelSizeUm);
        m.put("units", units);
        m.put("autocrop", autocrop);
        m.put("crop_bottom_px", cropBottomPx);
        m.put("roi", roi);
        m.put("roi_polygon", roiPolygon);
        m.put("roi_mask", roiMask);
        m.put("specimen_region", specimenRegion);
        m.put("porosity_profile", porosityProfile);
        m.put("profile_bin_um", profileBinUm);
        m.put("profile_bin_px", profileBinPx);
        m.put("threshold_method", thresholdMethod);
        m.put("threshold", manualThreshold);
        m.put("pore_phase", poresDark ? "dark" : "bright");
        m.put("denoise", denoise);
        m.put("deconvolve", deconvolve);
        m.put("denoise_radius_px", denoiseRadiusPx);
        m.put("nlm_strength", nlmStrength);
        m.put("shading_correction", shadingCorrection);
        m.put("shading_radius_px", shadingRadiusPx);
        m.put("min_pore_area_px", minPoreAreaPx);
        m.put("fill_holes", fillHoles);
        m.put("watershed", watershed);
        m.put("split_dynamics", splitDynamics);
        m.put("binary_deconvolution", binaryDeconvolution);
        m.put("binary_deconvolution_prior_flips", binaryDeconvolutionPriorFlips);
        m.put("border_pores", borderPores);
        m.put("impregnation_depth_um", impregnationDepthUm);
        m.put("measured_conductivity_S_cm", measuredConductivitySCm);
        m.put("local_thickness", localThickness);
        return m;
    }
}
