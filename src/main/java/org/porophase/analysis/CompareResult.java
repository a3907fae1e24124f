package org.porophase.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.phasefield.IdealScaffold;
import org.porophase.phasefield.PhaseFieldResult;

/**
 * Result of {@link ScaffoldComparison}: the real image's analysis, its ideal twin, eqs. 1–3 side by
 * side and the two phase-field runs (null when the phase-field part was off). Units: µm, µm⁻¹.
 */
public final class CompareResult {
    /** The measured real sample (SEM image or volume). */
    public final RealSample real;
    /** The ideal parallel-channel twin (same φ and δ). */
    public final IdealScaffold twin;
    /** Impregnation depth d of eq. 2, µm. */
    public final double impregnationUm;
    /** Measured S_c = P_p/A_t (eq. 3), µm⁻¹. */
    public final double scRealPerUm;
    /** Ideal S_c = 4φ/δ (eq. 1), µm⁻¹. */
    public final double scIdealPerUm;
    /** R_J (eq. 2) from the measured S_c. */
    public final double rjReal;
    /** R_J (eq. 2) from the ideal S_c. */
    public final double rjIdeal;
    /** Analysed field of the real image, µm. */
    public final double widthUm;
    public final double heightUm;
    /** Phase-field runs (null when off). */
    public final PhaseFieldResult pfReal;
    public final PhaseFieldResult pfIdeal;
    /** The flat-interface reference run (null when off, skipped, or a 3D comparison). */
    public final PhaseFieldResult pfFlat;
    /** Why the flat reference was not run although the phase-field ran, or null. */
    public final String flatSkipped;
    /**
     * Phase-field metrics compared side by side (real, ideal, flat): the plating metrics of issue 11 and
     * the fill / charge metrics. {@code time_to_short_s} is NaN (null in JSON) for a run that did not short.
     */
    public static final List<String> PF_METRICS = List.of("contact_area_ratio", "interface_void_fraction", "channel_front_spread_um",
            "wall_creep_index", "hot_spot_ratio", "dead_li_fraction", "time_to_short_s", "cell_potential_V", "kinetic_overpotential_V",
            "fill_fraction", "plated_charge_mC_cm2", "counter_charge_balance_rel_error", "trapped_void_fraction", "front_height_mean_um",
            "front_height_std_um", "llzo_current_density_max_over_mean");
    /** The phase-field metrics of a batch row ({@code KEY_real}, {@code KEY_ideal}, {@code KEY_flat}). */
    public static final List<String> PF_ROW_METRICS = List.of("contact_area_ratio", "interface_void_fraction", "channel_front_spread_um",
            "wall_creep_index", "hot_spot_ratio", "dead_li_fraction", "time_to_short_s", "cell_potential_V", "fill_fraction");
    /** Why the phase-field runs were skipped although enabled (the real geometry cannot carry the reaction), or null. */
    public final String phaseFieldSkipped;
    public final CompareOptions options;
    /** software, input, input_sha256, … */
    public final Map<String, Object> provenance;
    /**
     * The resolution rule's choice for all runs (summary.json "resolution": narrowest pore of the real mask and of the
     * twin, interface width and scale, dx), or null when the phase-field did not run.
     */
    public final Map<String, Object> resolution;
    /** σ_eff/σ_LLZO: the real geometry's conduction solve, the ideal twin (1 − f) and eq. 7 (1 − 3f/2). */
    public final ConductivityComparison conduction;

    CompareResult(RealSample real, IdealScaffold twin, double impregnationUm, double scReal, double scIdeal, double rjReal, double rjIdeal,
            double widthUm, double heightUm, PhaseFieldResult pfReal, PhaseFieldResult pfIdeal, PhaseFieldResult pfFlat, String phaseFieldSkipped,
            String flatSkipped, CompareOptions options, Map<String, Object> provenance, Map<String, Object> resolution,
            ConductivityComparison conduction) {
        this.conduction = conduction;
        this.real = real;
        this.twin = twin;
        this.impregnationUm = impregnationUm;
        this.scRealPerUm = scReal;
        this.scIdealPerUm = scIdeal;
        this.rjReal = rjReal;
        this.rjIdeal = rjIdeal;
        this.widthUm = widthUm;
        this.heightUm = heightUm;
        this.pfReal = pfReal;
        this.pfIdeal = pfIdeal;
        this.pfFlat = pfFlat;
        this.flatSkipped = flatSkipped;
        this.phaseFieldSkipped = phaseFieldSkipped;
        this.options = options;
        this.provenance = provenance;
        this.resolution = resolution;
    }

    /** The measured porosity φ. */
    public double porosity() {
        return real.porosity();
    }

    /** The measured mean pore diameter δ, µm. */
    public double poreDiameterUm() {
        return real.poreDiameterUm();
    }

    /** {@code STEM.summary.json}: {"real": {analyze keys, "phasefield": {...}}, "ideal": {...}, "parameters", "provenance"}. */
    public Map<String, Object> summary() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", real.kind());
        r.putAll(real.summary());
        r.put("section", real.section());
        r.put("phasefield_plane", real.plane());
        if (!r.containsKey("open_porosity")) {
            r.put("open_porosity", Double.isNaN(real.openPorosity()) ? null : real.openPorosity());
        }
        if (pfReal != null) {
            r.put("phasefield", pfJson(pfReal));
        } else if (phaseFieldSkipped != null) {
            r.put("phasefield_skipped", phaseFieldSkipped);
        }
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("model", twin.threeD ? "parallel cylinders (eq. 1 and 3D phase-field, " + (twin.hex ? "hexagonal" : "square") + " lattice)"
                : "parallel cylinders (eq. 1) / 2D parallel channels (phase-field)");
        i.put("porosity", porosity());
        i.put("raster_porosity", twin.rasterPorosity());
        i.put("mean_pore_diameter_um", poreDiameterUm());
        i.put(twin.threeD ? "cylinder_diameter_um" : "channel_width_um", poreDiameterUm());
        i.put(twin.threeD ? "cylinder_spacing_um" : "channel_period_um", twin.threeD
                ? (twin.hex ? IdealScaffold.hexSpacing(poreDiameterUm(), porosity()) : IdealScaffold.squareSpacing(poreDiameterUm(), porosity()))
                : IdealScaffold.period2D(poreDiameterUm(), porosity()));
        i.put("width_um", twin.widthUm);
        i.put("height_um", twin.heightUm);
        i.put("open_porosity", twin.rasterPorosity());
        i.put("specific_surface_area_per_um", scIdealPerUm);
        i.put("impregnation_depth_um", impregnationUm);
        i.put("current_density_reduction", rjIdeal);
        if (pfIdeal != null) {
            i.put("phasefield", pfJson(pfIdeal));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("real", r);
        m.put("ideal", i);
        if (pfFlat != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("model", "flat Li|LLZO interface (IdealScaffold.flat): dense LLZO under the Li layer, interfacial gaps");
            f.put("contact_fraction", options.phaseField.flatContactFraction);
            f.put("width_um", pfFlat.nx() * pfFlat.dxUm());
            f.put("phasefield", pfJson(pfFlat));
            m.put("flat", f);
        } else if (flatSkipped != null && pfReal != null) {
            m.put("flat", Map.of("skipped", flatSkipped));
        }
        m.put("comparison", comparisonMap());
        if (conduction != null) {
            m.put("conductivity", conduction.toJson());
        }
        if (resolution != null) {
            m.put("resolution", resolution);
        }
        m.put("notes", notes());
        if (pfReal != null) {
            m.put("phasefield_metric_definitions", PhaseFieldResult.definitions());
        }
        m.put("parameters", options.toMap());
        m.put("provenance", provenance);
        m.put("software", provenance.get("software"));
        m.put("input", provenance.get("input"));
        m.put("input_sha256", provenance.get("input_sha256"));
        m.put("warnings", real.warnings());
        Map<String, Object> dep = new LinkedHashMap<>();
        dep.put("comparison.mean_pore_diameter_um", "alias of comparison." + real.poreDiameterKey() + " (the pore size δ of the ideal twin), kept "
                + "for one release; removed in the next release");
        dep.put("ideal.mean_pore_diameter_um", "alias of ideal." + (twin.threeD ? "cylinder_diameter_um" : "channel_width_um") + "; removed in the next release");
        dep.putAll(Provenance.deprecatedMeanPoreDiameter(real.poreDiameterKey(), "real.mean_pore_diameter_um: see the real analysis' deprecated_keys"));
        m.put("deprecated_keys", dep);
        return m;
    }

    /**
     * What the reader must know to interpret the numbers: the phase-field runs are 2D in the image
     * plane, and a real section whose pores do not reach the Li side (a section across the channels)
     * cannot be filled in 2D.
     */
    public List<String> notes() {
        List<String> n = new ArrayList<>();
        if (twin.threeD && pfReal != null) {
            n.add("Phase-field runs are 3D: on the segmented volume (isotropic voxels, grid " + String.format(java.util.Locale.ROOT, "%.3g", pfReal.dxUm())
                    + " um, Li from the first slice of the thickness axis) and on parallel cylinders of diameter delta at porosity phi; "
                    + "the figures show their central sections.");
        } else if (RealSample.PLAN.equals(real.section())) {
            n.add("Plan view (image across the channels, the geometry of eq. 1): S_c, R_J and the pore sizes are those of the image; the phase-field "
                    + "runs in 2D on " + real.plane() + ", so it compares straight channels with the real chord widths against ideal channels of width "
                    + "delta; tortuosity and pore connectivity through the thickness are not seen in a plan view (use a cross-section along the "
                    + "thickness or a volume for those).");
        } else {
            n.add("Phase-field runs are 2D, on " + real.plane() + ". The ideal twin is 2D parallel channels of width delta "
                    + "at porosity phi across the same domain; S_c ideal uses parallel cylinders (eq. 1).");
        }
        if (phaseFieldSkipped != null) {
            n.add("Phase-field not run on this geometry (the comparison above is morphology only): " + phaseFieldSkipped);
        }
        if (pfReal != null) {
            Double trapped = pfReal.finalMetrics().get("trapped_void_fraction");
            if (trapped != null && trapped > 0.5 && !RealSample.PLAN.equals(real.section())) {
                n.add(String.format(java.util.Locale.ROOT, "%.0f %% of the real pore space is not connected to the Li side within the 2D phase-field plane "
                        + "(trapped_void_fraction): pores isolated in this section (a section across the channels, or pores connected only out of the "
                        + "plane) cannot be filled in 2D, so the real run describes the connected part only; for SEM use a section along the thickness "
                        + "(or --section plan if the image is a plan view across the channels), "
                        + "for a volume run phasefield in 3D on its mask.", 100 * trapped));
            }
        }
        if (pfReal != null && flatSkipped != null) {
            n.add("Flat-interface reference not run: " + flatSkipped + ".");
        }
        for (PhaseFieldResult pf : new PhaseFieldResult[] {pfReal, pfIdeal, pfFlat}) {
            if (pf != null && !"completed".equals(pf.status())) {
                n.add("phase-field run '" + pf.mode() + "' " + pf.status() + ": " + pf.message() + " (metrics are those of the last good state)");
            }
        }
        if (rjReal < 0 || rjIdeal < 0) {
            n.add(String.format(java.util.Locale.ROOT, "R_J < 0: d*S_c < 1 for d = %.3g um (eq. 2 then predicts no current-density reduction; "
                    + "the pore surface within the impregnated depth is smaller than the cross-section).", impregnationUm));
        }
        n.addAll(real.warnings());
        return n;
    }

    private static Map<String, Object> pfJson(PhaseFieldResult pf) {
        Map<String, Object> m = new LinkedHashMap<>(pf.toJson());
        // identical for all runs, or the compare input's: at the top level
        for (String k : new String[] {"parameters", "software", "input", "input_sha256", "metric_definitions"}) {
            m.remove(k);
        }
        return m;
    }

    private Map<String, Object> comparisonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (List<Object> row : comparisonRows()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("real", row.get(1));
            v.put("ideal", row.get(2));
            v.put("ratio", row.get(3));
            if (pfFlat != null) {
                v.put("flat", row.get(4));
            }
            m.put((String) row.get(0), v);
            if (real.poreDiameterKey().equals(row.get(0))) {
                m.put("mean_pore_diameter_um", v); // deprecated alias, see deprecated_keys
            }
        }
        return m;
    }

    /**
     * Rows of {@code STEM.comparison.csv}: metric, real, ideal, ratio (real/ideal; NaN when ideal is 0), flat
     * (the flat-interface reference's phase-field value; NaN for the morphology rows and without it). The
     * pore size δ row is named by its meaning: {@code mean_equivalent_diameter_um} (2D) or
     * {@code mean_local_thickness_um} (3D); the ideal value is the twin's channel width / cylinder diameter.
     */
    public List<List<Object>> comparisonRows() {
        List<List<Object>> rows = new ArrayList<>();
        add(rows, "porosity", porosity(), twin.rasterPorosity());
        add(rows, real.poreDiameterKey(), poreDiameterUm(), poreDiameterUm());
        if (RealSample.SEM_2D.equals(real.kind()) && Double.isFinite(real.psdMeanUm())) {
            add(rows, "local_thickness_mean_um", real.psdMeanUm(), poreDiameterUm());
        }
        add(rows, "open_porosity", Double.isNaN(real.openPorosity()) ? null : real.openPorosity(), twin.rasterPorosity());
        add(rows, "specific_surface_area_per_um", scRealPerUm, scIdealPerUm);
        add(rows, "current_density_reduction", rjReal, rjIdeal);
        if (conduction != null) {
            add(rows, "relative_conductivity_llzo", conduction.real() == null ? null : conduction.realRelative(), conduction.ideal());
        }
        if (pfReal != null && pfIdeal != null) {
            for (String k : PF_METRICS) {
                add(rows, k, metric(pfReal, k), metric(pfIdeal, k), pfFlat != null ? metric(pfFlat, k) : null);
            }
        }
        return rows;
    }

    /** A final metric of a run, {@code time_to_short_s} included (NaN when it did not short); null when absent. */
    public static Double metric(PhaseFieldResult r, String k) {
        if (r == null) {
            return null;
        }
        if ("time_to_short_s".equals(k)) {
            return r.timeToShortS();
        }
        return r.finalMetrics().get(k);
    }

    private static void add(List<List<Object>> rows, String k, Double a, Double b) {
        add(rows, k, a, b, null);
    }

    private static void add(List<List<Object>> rows, String k, Double a, Double b, Double flat) {
        double ra = a == null ? Double.NaN : a;
        double rb = b == null ? Double.NaN : b;
        rows.add(Arrays.asList(k, ra, rb, rb != 0 ? ra / rb : Double.NaN, flat == null ? Double.NaN : flat));
    }
}
