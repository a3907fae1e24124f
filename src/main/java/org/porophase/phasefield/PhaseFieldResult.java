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
    private final double dtS;
    private final double timeS;
    private final String mode;
    private final PhaseFieldParameters params;
    private final Map<String, Double> timing;
    private final String interfaceNote;
    private final double fillFractionInitial;
    private final int pores;
    private final double stabilization;
    private final Geometry.Side side;
    private final int zScaffoldStart;
    private final float[] xiFinal;
    private final float[] phi;
    /** Input mask path as given, null for a synthetic geometry. */
    private final String input;
    private final String inputSha256;
    private final List<String> warnings;

    PhaseFieldResult(PhaseFieldSolver s, RunMetrics rm, Map<String, Double> fin, List<List<Object>> series, List<Snapshot> snaps,
            String status, String message, double wall, double wallBefore, long stepsThisRun, String mode, java.nio.file.Path input) {
        this.status = status;
        this.message = message;
        this.finalMetrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fin));
        this.series = List.copyOf(series);
        this.snapshots = List.copyOf(snaps);
        this.input = input == null ? null : input.toString();
        this.inputSha256 = org.porophase.core.Sha256.ofFileOrNull(input);
        this.warnings = "completed".equals(status) ? List.of() : List.of("run " + status + ": " + message);
        this.fillVsDepth = rm.fillVsDepth(s.xi);
        this.fillVsDepthInitial = rm.fillVsDepth(s.g.xi0);
        this.fillFractionInitial = rm.fillFraction(s.g.xi0);
        this.pores = rm.poreCount();
        this.wallSeconds = wall;
        this.wallSecondsBefore = wallBefore;
        this.stepsThisRun = stepsThisRun;
        this.steps = s.steps;
        Geometry g = s.g;
        nx = g.nx;
        ny = g.ny;
        nz = g.nz;
        dxUm = g.dxUm;
        dtS = s.p.timeStep();
        timeS = s.time;
        this.mode = mode;
        this.params = s.p.copy();
        this.interfaceNote = g.interfaceNote;
        this.stabilization = s.stabilization();
        this.side = g.side;
        this.zScaffoldStart = g.zScaffoldStart;
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("explicit_s", s.nanosExplicit / 1e9);
        timing.put("reaction_potential_s", s.nanosIonic / 1e9);
        timing.put("xi_solve_s", s.nanosXi / 1e9);
        timing.put("concentration_s", s.nanosC / 1e9);
        timing.put("multigrid_levels", (double) s.ionic.levels());
        timing.put("xi_pcg_iterations", (double) s.totalXiIterations);
        timing.put("potential_mgpcg_iterations", (double) s.totalIonicIterations);
        timing.put("concentration_mgpcg_iterations", (double) s.totalCIterations);
        timing.put("open_cells", (double) s.openCells());
        timing.put("ionic_cells", (double) s.ionicCells());
        timing.put("modelled_bytes", s.modelledBytes());
        this.timing = java.util.Collections.unmodifiableMap(timing);
        xiFinal = new float[g.size()];
        phi = new float[g.size()];
        for (int i = 0; i < xiFinal.length; i++) {
            xiFinal[i] = g.open[i] ? (float) s.xi[i] : 0f;
            phi[i] = (float) g.phi[i];
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
        m.put("wall_creep_index", finalMetrics.get("wall_creep_index"));
        m.put("fill_fraction", finalMetrics.get("fill_fraction"));
        m.put("fill_fraction_initial", fillFractionInitial);
        m.put("max_over_mean_current_density", finalMetrics.get("max_over_mean_current_density"));
        m.put("max_current_density_A_m2", finalMetrics.get("max_current_density_A_m2"));
        m.put("mean_current_density_A_m2", finalMetrics.get("mean_current_density_A_m2"));
        m.put("plated_charge_mC_cm2", finalMetrics.get("plated_charge_mC_cm2"));
        m.put("charge_balance_rel_error", finalMetrics.get("charge_balance_rel_error"));
        m.put("applied_overpotential_V", finalMetrics.get("applied_overpotential_V"));
        m.put("trapped_void_fraction", finalMetrics.get("trapped_void_fraction"));
        m.put("front_height_mean_um", finalMetrics.get("front_height_mean_um"));
        m.put("front_height_std_um", finalMetrics.get("front_height_std_um"));
        m.put("c_min", finalMetrics.get("c_min"));
        m.put("c_max", finalMetrics.get("c_max"));
        m.put("pores", pores);
        m.put("steps", steps);
        m.put("wall_seconds", wallSeconds + wallSecondsBefore);
        m.put("cell_updates_per_second", cellUpdatesPerSecond());
        m.put("time_s", timeS);
        m.put("dt_s", dtS);
        m.put("dx_um", dxUm);
        m.put("grid", new int[] {nx, ny, nz});
        m.put("box_um", new double[] {nx * dxUm, ny * dxUm, nz * dxUm});
        m.put("li_side", side.name().toLowerCase(Locale.ROOT));
        m.put("interface_width_note", interfaceNote);
        m.put("interface_length_um", params.interfaceLengthUm());
        m.put("exchange_current_density_A_m2", params.exchangeCurrentDensity());
        m.put("stabilization_per_s", stabilization);
        m.put("capillary_time_dilation", 1 + stabilization * dtS);
        m.put("timing_s", timing);
        m.put("parameters", params.toMap());
        m.put("software", "PoroPhase " + org.porophase.config.Version.get());
        m.put("input", input);
        m.put("input_sha256", inputSha256);
        m.put("warnings", warnings);
        return m;
    }
}
