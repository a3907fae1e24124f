package org.porophase.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.porophase.core.Csv;

/**
 * Result of {@link PoreMeasurer#measure}: phase densities over the whole analysed image and per-pore
 * measurements. Units: µm, µm², µm⁻¹. Produced only by {@link PoreMeasurer}.
 * <p>
 * <b>Pore-size definitions and δ of eq. 1.</b> Three diameters are reported:
 * {@link #meanPoreDiameterUm()} (number-weighted mean ECD of the counted pores),
 * {@link #areaWeightedMeanPoreDiameterUm()} (Σ A·ECD / Σ A over the same pores) and
 * {@link #hydraulicPoreDiameterUm()} = 4A_p/P_p over all pores. For a section through parallel
 * cylinders of diameter δ (the model of eqs. 1–2, Zhang et al. 2024), all three equal δ. For real
 * microstructures they differ; the hydraulic diameter is the δ that makes eq. 1 agree exactly with
 * eq. 3 ({@code 4φ/δ_h = P_p/A_t}), so {@link ScaffoldMetrics#idealCylinderSpecificSurfacePerUm}
 * evaluated with it reproduces {@link #specificSurfaceAreaPerUm()}; the paper's "pore size" (2.3 µm,
 * ImageJ on SEM) is a number-weighted mean size, closest to {@link #meanPoreDiameterUm()}.
 * <p>
 * <b>Empty mask.</b> With no pore pixel: porosity, areas, perimeter, S and counts are 0 and all
 * mean diameters are NaN; no exception.
 */
public final class PoreAnalysis {
    private final int width, height;
    private final double pixelWidthUm, pixelHeightUm;
    private final BorderPolicy policy;
    private final long porePixels;
    private final int poreCount, borderPoreCount;
    private final double totalPoreAreaUm2, totalPorePerimeterUm;
    private final double meanEcd, areaWeightedEcd;
    private final int guardPx;
    private final double countingFrameAreaUm2;
    private final List<Pore> pores;
    private final int[] labels;
    private final List<String> warnings;
    /** Pixels of the analysed area: the whole image, or the region's pixels ({@link PoreMeasurer} with a region). */
    private final long analysedPixels;

    PoreAnalysis(int width, int height, double pixelWidthUm, double pixelHeightUm, BorderPolicy policy,
            long porePixels, int poreCount, int borderPoreCount, double totalPoreAreaUm2, double totalPorePerimeterUm,
            double meanEcd, double areaWeightedEcd, int guardPx, double countingFrameAreaUm2, List<Pore> pores,
            int[] labels, List<String> warnings, long analysedPixels) {
        this.analysedPixels = analysedPixels;
        this.width = width;
        this.height = height;
        this.pixelWidthUm = pixelWidthUm;
        this.pixelHeightUm = pixelHeightUm;
        this.policy = policy;
        this.porePixels = porePixels;
        this.poreCount = poreCount;
        this.borderPoreCount = borderPoreCount;
        this.totalPoreAreaUm2 = totalPoreAreaUm2;
        this.totalPorePerimeterUm = totalPorePerimeterUm;
        this.meanEcd = meanEcd;
        this.areaWeightedEcd = areaWeightedEcd;
        this.guardPx = guardPx;
        this.countingFrameAreaUm2 = countingFrameAreaUm2;
        this.pores = Collections.unmodifiableList(pores);
        this.labels = labels;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    /** Porosity φ as a fraction: pore pixels / analysed pixels (the whole image, or the region's pixels). */
    public double porosity() {
        return (double) porePixels / (double) analysedPixels;
    }

    /** Pixels of the analysed area (the whole image, or the region). */
    public long analysedPixels() {
        return analysedPixels;
    }

    /** Number of counted pores under the border policy (see {@link BorderPolicy}). */
    public int poreCount() {
        return poreCount;
    }

    /** Number of pores touching the image border (any policy). */
    public int borderPoreCount() {
        return borderPoreCount;
    }

    /** Number of pores (connected components), counted or not. */
    public int totalPoreComponents() {
        return pores.size();
    }

    /** A_p: total pore area (µm²), all pore pixels. */
    public double totalPoreAreaUm2() {
        return totalPoreAreaUm2;
    }

    /** P_p: total Crofton perimeter of the pore phase (µm), boundaries inside the image only. */
    public double totalPorePerimeterUm() {
        return totalPorePerimeterUm;
    }

    /** A_t: area of the analysed image, or of the region when one was given (µm²). */
    public double analyzedAreaUm2() {
        return (double) analysedPixels * pixelWidthUm * pixelHeightUm;
    }

    /**
     * S_c = P_p / A_t (µm⁻¹), eq. 3 of Zhang et al., ACS AMI 16 (2024) 12353: pore perimeter per
     * section area, which for a section of an isotropic or cylinder-aligned structure is the surface
     * area per volume. The frame is not counted as wall; the per-direction pair counts cover
     * (W−1)/W of the image, a relative under-estimate of about 1/W (0.02 % at 4096 px).
     */
    public double specificSurfaceAreaPerUm() {
        return totalPorePerimeterUm / analyzedAreaUm2();
    }

    /** Number-weighted mean ECD (µm) of the pores in the shape statistics; NaN if none. */
    public double meanPoreDiameterUm() {
        return meanEcd;
    }

    /** Area-weighted mean ECD Σ A·ECD / Σ A (µm) of the pores in the shape statistics; NaN if none. */
    public double areaWeightedMeanPoreDiameterUm() {
        return areaWeightedEcd;
    }

    /** Hydraulic diameter 4 A_p / P_p (µm) over all pores; NaN when P_p = 0. */
    public double hydraulicPoreDiameterUm() {
        return totalPorePerimeterUm > 0 ? 4 * totalPoreAreaUm2 / totalPorePerimeterUm : Double.NaN;
    }

    /**
     * Pores per µm²: {@link #poreCount()} / {@link #countingFrameAreaUm2()}. Unbiased under
     * {@link BorderPolicy#GUARD_FRAME}; an under-estimate under EXCLUDE_FROM_SHAPE; an over-estimate
     * (cut pores counted, possibly twice across frames) under INCLUDE.
     */
    public double poreNumberDensityPerUm2() {
        return poreCount / countingFrameAreaUm2;
    }

    /** Area of the counting frame (µm²): the image minus the guard margin for GUARD_FRAME, else A_t. */
    public double countingFrameAreaUm2() {
        return countingFrameAreaUm2;
    }

    /** Guard margin in pixels used by GUARD_FRAME (0 for the other policies). */
    public int guardPx() {
        return guardPx;
    }

    public BorderPolicy policy() {
        return policy;
    }

    /** All pores (counted or not), in label order; {@code pores().get(i).label() == i + 1}. */
    public List<Pore> pores() {
        return pores;
    }

    /** Label image (row-major, width × height), 0 = solid, k = pore k (8-connected). Not copied. */
    public int[] labels() {
        return labels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double pixelWidthUm() {
        return pixelWidthUm;
    }

    public double pixelHeightUm() {
        return pixelHeightUm;
    }

    /** Notes for the user (e.g. guard frame too small); empty when all is well. */
    public List<String> warnings() {
        return warnings;
    }

    /** Per-pore table as CSV text (header {@link Pore#CSV_HEADER}, one row per pore, all pores). */
    public String poresCsv() {
        List<List<Object>> rows = new java.util.ArrayList<>(pores.size());
        for (Pore p : pores) {
            rows.add(p.csvRow());
        }
        return Csv.table(Pore.CSV_HEADER, rows);
    }

    /** Summary scalars with unit-suffixed keys, for JSON output (per-pore rows not included). */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("porosity", porosity());
        m.put("pore_count", poreCount);
        m.put("border_pore_count", borderPoreCount);
        m.put("pore_components", pores.size());
        m.put("border_policy", policy.name());
        m.put("guard_px", guardPx);
        m.put("analyzed_area_um2", analyzedAreaUm2());
        m.put("counting_frame_area_um2", countingFrameAreaUm2);
        m.put("total_pore_area_um2", totalPoreAreaUm2);
        m.put("total_pore_perimeter_um", totalPorePerimeterUm);
        m.put("specific_surface_area_per_um", specificSurfaceAreaPerUm());
        m.put("mean_pore_diameter_um", meanEcd);
        m.put("area_weighted_mean_pore_diameter_um", areaWeightedEcd);
        m.put("hydraulic_pore_diameter_um", hydraulicPoreDiameterUm());
        m.put("pore_number_density_per_um2", poreNumberDensityPerUm2());
        m.put("pixel_width_um", pixelWidthUm);
        m.put("pixel_height_um", pixelHeightUm);
        m.put("warnings", warnings);
        return m;
    }
}
