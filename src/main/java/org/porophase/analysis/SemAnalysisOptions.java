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
    /** ImageJ AutoThresholder method name, or "Manual". */
    public String thresholdMethod = "Otsu";
    /** Threshold for "Manual", in the image's gray units. */
    public Double manualThreshold;
    /** Pores are darker than the solid (the usual SEM contrast of pores in ceramics). */
    public boolean poresDark = true;
    /** auto | none | median | gaussian | nlm ("auto": non-local means where the boundary position noise needs filtering, see NoiseEstimator). */
    public String denoise = "auto";
    public double denoiseRadiusPx = 1.0;
    public boolean shadingCorrection;
    public double shadingRadiusPx = 50;
    public double minPoreAreaPx = 4;
    public boolean fillHoles = true;
    public boolean watershed;
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
        o.thresholdMethod = cfg.getString(c, "threshold_method");
        o.manualThreshold = nullableDouble(cfg, c, "threshold");
        if (o.manualThreshold != null) {
            o.thresholdMethod = "Manual"; // a threshold value means a manual threshold
        }
        o.poresDark = "dark".equalsIgnoreCase(cfg.getString(c, "pore_phase"));
        o.denoise = cfg.getString(c, "denoise");
        o.denoiseRadiusPx = cfg.getDouble(c, "denoise_radius_px");
        o.shadingCorrection = cfg.getBoolean(c, "shading_correction");
        o.shadingRadiusPx = cfg.getDouble(c, "shading_radius_px");
        o.minPoreAreaPx = cfg.getDouble(c, "min_pore_area_px");
        o.fillHoles = cfg.getBoolean(c, "fill_holes");
        o.watershed = cfg.getBoolean(c, "watershed");
        o.borderPores = cfg.getString(c, "border_pores");
        o.impregnationDepthUm = cfg.getDouble(c, "impregnation_depth_um");
        o.measuredConductivitySCm = nullableDouble(cfg, c, "measured_conductivity_S_cm");
        o.localThickness = cfg.getBoolean(c, "local_thickness");
        o.saveMask = cfg.getBoolean(c, "save_mask");
        o.saveOverlay = cfg.getBoolean(c, "save_overlay");
        return o;
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
        units = org.porophase.io.PixelUnits.parse(units);
        segmentation(null);
        borderPolicy();
        return this;
    }

    /** The border policy as an enum ({@code exclude-from-shape} → EXCLUDE_FROM_SHAPE). */
    public BorderPolicy borderPolicy() {
        return BorderPolicy.parse(borderPores);
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
        } else {
            s.setDenoise(denoise);
            s.setDenoiseRadiusPx(denoiseRadiusPx);
        }
        s.setShadingCorrection(shadingCorrection);
        s.setShadingRadiusPx(shadingRadiusPx);
        s.setMinPoreAreaPx(minPoreAreaPx);
        s.setFillHoles(fillHoles);
        s.setWatershed(watershed);
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
        m.put("threshold_method", thresholdMethod);
        m.put("threshold", manualThreshold);
        m.put("pore_phase", poresDark ? "dark" : "bright");
        m.put("denoise", denoise);
        m.put("denoise_radius_px", denoiseRadiusPx);
        m.put("shading_correction", shadingCorrection);
        m.put("shading_radius_px", shadingRadiusPx);
        m.put("min_pore_area_px", minPoreAreaPx);
        m.put("fill_holes", fillHoles);
        m.put("watershed", watershed);
        m.put("border_pores", borderPores);
        m.put("impregnation_depth_um", impregnationDepthUm);
        m.put("measured_conductivity_S_cm", measuredConductivitySCm);
        m.put("local_thickness", localThickness);
        return m;
    }
}
