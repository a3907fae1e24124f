package org.porophase.phasefield;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;


/**
 * Outcome of a {@link PhaseFieldRun}: final metrics, time series, fill-vs-depth profile, snapshots,
 * timing, provenance (software, input, input_sha256, warnings). Immutable; the files are written by
 * {@code report.PhaseFieldOutputs}.
 */
public final class PhaseFieldResult {
    /**
     * Former metric names kept for one release in {@link #finalMetrics()} and result.json (old name →
     * new name), listed in result.json "deprecated_keys".
     */
    public static final Map<String, String> DEPRECATED_ALIASES = Map.of(
            "max_over_mean_current_density", "llzo_current_density_max_over_mean",
            "max_current_density_A_m2", "llzo_current_density_max_A_m2",
            "mean_current_density_A_m2", "llzo_current_density_mean_A_m2",
            "applied_overpotential_V", "cell_potential_V");

    private final String status;
    private final String message;
    private final Map<String, Double> finalMetrics;
    private final List<List<Object>> series;
    private final List<Snapshot> snapshots;
    private final double[] fillVsDepth;
    private final double[] fillVsDepthInitial;
    private final double wallSeconds;
    private final double wallSecondsBefore;
    private final long stepsThisRun;
    private final long steps;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double dxUm;
    /** The step of the linearized ξ steps and the step after a fallback to the stabilized scheme, s ({@link TimeStepControl}). */
    private final double dtS;
    private final double dtStabilizedS;
    /** Time average of the capillary time dilation over the solver's steps ({@link AllenCahnStep#averageTimeDilation()}). */
    private final double capillaryTimeDilation;
    private final double timeS;
    private final String mode;
    private final PhaseFieldParameters params;
    private final Map<String, Double> timing;
    private final String interfaceNote;
    private final double fillFractionInitial;
    private final int pores;
    private final double stabilization;
    /** Fraction of the solver's ξ steps (equilibration included) that ran on the stabilized scheme (0 for it: all). */
    private final double stabilizedStepFraction;
    private final Geometry.Side side;
    private final int zScaffoldStart;
    private final float[] xiFinal;
    private final float[] phi;
    /** Input mask path as given, null for a synthetic geometry. */
    private final String input;
    private final String inputSha256;
    private final List<String> warnings;
    private final Map<String, Object> equilibration;
    private final List<Map<String, Object>> cycles;
    private final double timeToShortS;
    private final Map<String, Object> protocol;
    private final Map<String, Object> resolution;
    private final boolean[] openSection;
    private final float[] reactionFinal;

    PhaseFieldResult(PhaseFieldSolver s, RunMetrics rm, Map<String, Double> fin, List<List<Object>> series, List<Snapshot> snaps,
            String status, String message, double wall, double wallBefore, long stepsThisRun, String mode, java.nio.file.Path input,
            PhaseFieldRun.Equilibration eq, List<Map<String, Object>> cycles, double timeToShortS, boolean cycling, boolean stripFirst,
            Map<String, Object> resolutionHook, List<String> warnings) {
        this.status = status;
        this.message = message;
        Map<String, Double> fm = new LinkedHashMap<>(fin);
        for (Map.Entry<String, String> e : DEPRECATED_ALIASES.entrySet()) {
            fm.put(e.getKey(), fin.get(e.getValue()));
        }
        this.finalMetrics = java.util.Collections.unmodifiableMap(fm);
        this.series = List.copyOf(series);
        this.snapshots = List.copyOf(snaps);
        this.input = input == null ? null : input.toString();
        this.inputSha256 = org.porophase.core.Sha256.ofFileOrNull(input);
        this.warnings = List.copyOf(warnings);
        this.equilibration = eq.toJson();
        List<Map<String, Object>> cyc = new java.util.ArrayList<>();
        for (Map<String, Object> c : cycles) {
            cyc.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(c)));
        }
        this.cycles = List.copyOf(cyc);
        this.timeToShortS = timeToShortS;
        this.fillVsDepth = rm.fillVsDepth(s.xi());
        this.fillVsDepthInitial = rm.fillVsDepth(s.geometry().xi0);
        this.fillFractionInitial = rm.fillFraction(s.geometry().xi0);
        this.pores = rm.poreCount();
        this.wallSeconds = wall;
        this.wallSecondsBefore = wallBefore;
        this.stepsThisRun = stepsThisRun;
        this.steps = s.steps();
        Geometry g = s.geometry();
        nx = g.nx;
        ny = g.ny;
        nz = g.nz;
        dxUm = g.dxUm;
        dtS = s.parameters().linearizedTimeStep();
        dtStabilizedS = s.parameters().stabilizedTimeStep();
        capillaryTimeDilation = s.allenCahn.averageTimeDilation();
        timeS = s.time();
        this.mode = mode;
        this.params = s.parameters().copy();
        this.protocol = new LinkedHashMap<>();
        protocol.put("mode", cycling ? "cycling" : stripFirst ? "stripping" : "plating");
        protocol.put("cycles", (int) Math.round(params.cycles));
        protocol.put("capacity_mAh_cm2", cycling ? params.capacityMahCm2 : null);
        protocol.put("half_cycle_s", cycling ? params.capacityMahCm2 * 3600 / Math.abs(params.currentDensityMaCm2) : null);
        protocol.put("strip_first", stripFirst);
        protocol.put("current_density_mA_cm2", Math.abs(params.currentDensityMaCm2));
        protocol.put("end_time_s", cycling ? 2 * Math.round(params.cycles) * params.capacityMahCm2 * 3600 / Math.abs(params.currentDensityMaCm2) : params.timeS);
        this.resolution = new LinkedHashMap<>();
        resolution.put("interface_width_um", params.interfaceWidthUm());
        resolution.put("physical_interface_width_um", params.physicalInterfaceWidthUm());
        resolution.put("interface_scale", params.interfaceScale);
        resolution.put("dx_um", s.geometry().dxUm);
        resolution.put("cells_per_interface", params.interfaceWidthUm() / s.geometry().dxUm);
        resolution.put("interface_pore_fraction", params.interfacePoreFraction);
        resolution.put("narrowest_pore_um", null); // from Resolution (H2) through PhaseFieldRun.Options.resolution
        if (resolutionHook != null) {
            resolution.putAll(resolutionHook);
        }
        this.interfaceNote = g.interfaceNote;
        this.stabilization = s.stabilization();
        this.stabilizedStepFraction = s.allenCahn.stabilizedStepFraction();
        this.side = g.side;
        this.zScaffoldStart = g.zScaffoldStart;
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("connectivity_s", s.nanosConnectivity / 1e9);
        timing.put("explicit_s", s.nanosExplicit / 1e9);
        timing.put("reaction_potential_s", s.nanosIonic / 1e9);
        timing.put("xi_solve_s", s.nanosXi / 1e9);
        timing.put("front_conservation_s", s.nanosFronts / 1e9);
        timing.put("concentration_s", s.nanosC / 1e9);
        timing.put("multigrid_levels", (double) s.ionic().levels());
        timing.put("xi_pcg_iterations", (double) s.totalXiIterations);
        timing.put("xi_pcg_cell_iterations", (double) s.allenCahn.totalCellIterations);
        timing.put("xi_region_fallbacks", (double) s.regionFallbacks);
        if (s.allenCahn.linearized) {
            timing.put("xi_linearized_fallbacks", (double) s.allenCahn.fallbacks); // only with the option: no golden key changes
        }
        timing.put("potential_mgpcg_iterations", (double) s.totalIonicIterations);
        timing.put("concentration_mgpcg_iterations", (double) s.totalCIterations);
        timing.put("concentration_passes_skipped", (double) s.electro.skippedConcentrationPasses);
        timing.put("open_cells", (double) s.openCells());
        timing.put("ionic_cells", (double) s.ionicCells());
        timing.put("modelled_bytes", s.modelledBytes());
        this.timing = java.util.Collections.unmodifiableMap(timing);
        xiFinal = new float[g.size()];
        phi = new float[g.size()];
        double[] xiS = s.xi();
        for (int i = 0; i < xiFinal.length; i++) {
            xiFinal[i] = g.open[i] ? (float) xiS[i] : 0f;
            phi[i] = (float) g.phi[i];
        }
        // the snapshot section (x–z plane at y = ny/2): open cells and the final reaction rate
        openSection = new boolean[nx * nz];
        reactionFinal = new float[nx * nz];
        double[] r = s.reactionRate();
        int y = ny / 2;
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * (y + ny * z);
                openSection[x + nx * z] = g.open[i];
                reactionFinal[x + nx * z] = r == null ? 0f : (float) r[i];
            }
        }
    }

    public String status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** Final metrics (unmodifiable). */
    public Map<String, Double> finalMetrics() {
        return finalMetrics;
    }

    /** Time-series rows, {@link RunMetrics#COLUMNS} order (unmodifiable). */
    public List<List<Object>> series() {
        return series;
    }

    /** Snapshots in time order (unmodifiable). */
    public List<Snapshot> snapshots() {
        return snapshots;
    }

    /** Final fill fraction per depth cell; shared, do not modify. */
    public double[] fillVsDepth() {
        return fillVsDepth;
    }

    /** Initial fill fraction per depth cell; shared, do not modify. */
    public double[] fillVsDepthInitial() {
        return fillVsDepthInitial;
    }

    public double wallSeconds() {
        return wallSeconds;
    }

    public double wallSecondsBefore() {
        return wallSecondsBefore;
    }

    public long stepsThisRun() {
        return stepsThisRun;
    }

    public long steps() {
        return steps;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    public double dxUm() {
        return dxUm;
    }

    public double dtS() {
        return dtS;
    }

    public double timeS() {
        return timeS;
    }

    public String mode() {
        return mode;
    }

    public PhaseFieldParameters params() {
        return params;
    }

    /** Solver timings and counters (unmodifiable). */
    public Map<String, Double> timing() {
        return timing;
    }

    public String interfaceNote() {
        return interfaceNote;
    }

    public double fillFractionInitial() {
        return fillFractionInitial;
    }

    public int pores() {
        return pores;
    }

    public double stabilization() {
        return stabilization;
    }

    public Geometry.Side side() {
        return side;
    }

    public int zScaffoldStart() {
        return zScaffoldStart;
    }

    /** Final ξ over the whole grid (float), for the 3D volume output; shared, do not modify. */
    public float[] xiFinal() {
        return xiFinal;
    }

    /** Solid fraction ϕ over the whole grid; shared, do not modify. */
    public float[] phi() {
        return phi;
    }

    /** Input mask path as given, null for a synthetic (ideal) geometry. */
    public String input() {
        return input;
    }

    /** SHA-256 of the input mask file, null without one. */
    public String inputSha256() {
        return inputSha256;
    }

    /** Warnings of the run (unmodifiable; the message of a run that did not complete). */
    public List<String> warnings() {
        return warnings;
    }

    /** The capillary equilibration before the run (requested/used seconds, steps, final rate, outcome; unmodifiable). */
    public Map<String, Object> equilibration() {
        return java.util.Collections.unmodifiableMap(equilibration);
    }

    /** One row per half-cycle ({@link PhaseFieldRun#CYCLE_COLUMNS}; one row for a run without cycling); unmodifiable. */
    public List<Map<String, Object>> cycles() {
        return cycles;
    }

    /** Time of the short (Li at the counter electrode), s; NaN when none. */
    public double timeToShortS() {
        return timeToShortS;
    }

    /** Protocol: mode (plating / stripping / cycling), cycles, capacity, half-cycle time, strip_first, |I|, end time (unmodifiable). */
    public Map<String, Object> protocol() {
        return java.util.Collections.unmodifiableMap(protocol);
    }

    /** Resolution used (interface width, scale, dx, cells per interface, narrowest pore, …; unmodifiable). */
    public Map<String, Object> resolution() {
        return java.util.Collections.unmodifiableMap(resolution);
    }

    /** Open (pore / Li) cells of the snapshot section (nx × nz, x–z plane at y = ny/2); shared, do not modify. */
    public boolean[] openSection() {
        return openSection;
    }

    /** Reaction rate R (ξ s⁻¹) of the last step on the snapshot section (nx × nz); shared, do not modify. */
    public float[] reactionFinal() {
        return reactionFinal;
    }

    /** Cells × steps of this run per wall second. */
    public double cellUpdatesPerSecond() {
        return wallSeconds > 0 ? (double) nx * ny * nz * stepsThisRun / wallSeconds : 0;
    }

    /** Result as a JSON-ready map (key order fixed). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        if (!message.isEmpty()) {
            m.put("message", message);
        }
        m.put("mode", mode);
        m.put("protocol", protocol);
        m.put("equilibration", equilibration);
        m.put("time_to_short_s", timeToShortS);
        for (Map.Entry<String, Double> e : finalMetrics.entrySet()) {
            if (!"time_s".equals(e.getKey()) && !"steps".equals(e.getKey()) && !DEPRECATED_ALIASES.containsKey(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put("fill_fraction_initial", fillFractionInitial);
        m.put("cycles", cycles);
        m.put("pores", pores);
        m.put("steps", steps);
        m.put("wall_seconds", wallSeconds + wallSecondsBefore);
        m.put("cell_updates_per_second", cellUpdatesPerSecond());
        m.put("time_s", timeS);
        m.put("dt_s", dtS);
        m.put("dt_stabilized_s", dtStabilizedS);
        m.put("dx_um", dxUm);
        m.put("grid", new int[] {nx, ny, nz});
        m.put("box_um", new double[] {nx * dxUm, ny * dxUm, nz * dxUm});
        m.put("li_side", side.name().toLowerCase(Locale.ROOT));
        m.put("resolution", resolution);
        m.put("interface_width_note", interfaceNote);
        m.put("interface_length_um", params.effectiveInterfaceLengthUm());
        m.put("exchange_current_density_A_m2", params.exchangeCurrentDensity());
        m.put("stabilization_per_s", stabilization);
        // 1 + SΔt slows capillary relaxation only in the stabilized ξ step; the linearized step (the default) relaxes at
        // the physical rate; its fallback steps run on the stabilized one, so the time average of 1 + SΔt over those
        // steps and 1 over the others is reported (1 + f·SΔt at a uniform step)
        m.put("capillary_time_dilation", capillaryTimeDilation);
        m.put("xi_stabilized_step_fraction", stabilizedStepFraction);
        m.put("metric_definitions", definitions());
        Map<String, Object> dep = new LinkedHashMap<>();
        for (String old : new String[] {"max_over_mean_current_density", "max_current_density_A_m2", "mean_current_density_A_m2", "applied_overpotential_V"}) {
            m.put(old, finalMetrics.get(old));
            String now = DEPRECATED_ALIASES.get(old);
            dep.put(old, "alias of " + now + (now.startsWith("llzo_") ? " (bulk LLZO current density, not a hot-spot measure: see hot_spot_ratio)" : "")
                    + "; removed in the next release");
        }
        m.put("deprecated_keys", dep);
        m.put("timing_s", timing);
        m.put("parameters", params.toMap());
        m.put("software", "PoroPhase " + org.porophase.config.Version.get());
        m.put("input", input);
        m.put("input_sha256", inputSha256);
        m.put("warnings", warnings);
        return m;
    }

    /** Every metric's one-line definition: the time-series metrics, time_to_short_s and the per-cycle columns. */
    public static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>(RunMetrics.DEFINITIONS);
        d.put("time_to_short_s", "model time (after the equilibration) at which Li metal (xi >= 0.5) first occupies the last cell layer before the counter electrode (0 when the impregnation already reaches it, with a warning); null when it never does");
        for (Map.Entry<String, String> e : PhaseFieldRun.CYCLE_DEFINITIONS.entrySet()) {
            d.put("cycles." + e.getKey(), e.getValue());
        }
        return d;
    }
}
