package org.porophase.phasefield;

import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Driver of a phase-field run (issue 11, contract §7):
 * <ol>
 * <li><b>Capillary equilibration</b> at zero current with the reaction off, for {@code equilibration_s}
 * of model time, or (0 = automatic) until the largest |Δξ| per second falls below
 * {@link #EQUILIBRATION_RATE} s⁻¹, at most {@link #EQUILIBRATION_MAX_S} s. The equilibrated ξ becomes
 * the reference ξ_eq of the metrics ({@link RunMetrics}: the run continues on a copy of the geometry
 * whose {@code xi0} is ξ_eq, so checkpoints keep it) and the clock restarts at 0.</li>
 * <li><b>The run</b>: {@code cycles = 0}: one galvanostatic run of {@code time_s} at +I (plating), or
 * −I with {@link PhaseFieldParameters#stripFirst} (plugin.yml {@code strip_first}); {@code cycles = N}: N × (plate, strip) — (strip, plate) with
 * stripFirst — of {@code capacity_mAh_cm2} each, half-cycle time = capacity / |I|. Steps are shortened
 * to end exactly on the half-cycle ends.</li>
 * </ol>
 * The run stops with status "shorted" when Li metal reaches the last cell layer before the counter
 * electrode, "contact_lost" when no active Li|LLZO contact can pass the current (stripping to the
 * end), "diverged" (the solver's message; last good state kept), "cancelled"; else "completed". It
 * records the time series ({@link RunMetrics#COLUMNS}), one row per half-cycle ({@link #CYCLE_COLUMNS}),
 * snapshots (delivered to a {@link Listener} as they come) and periodic atomic checkpoints; a resumed
 * run continues exactly.
 */
public final class PhaseFieldRun {
    /** Automatic equilibration ends when max |Δξ|/Δt falls below this, s⁻¹. */
    public static final double EQUILIBRATION_RATE = 1e-6;
    /** Longest automatic equilibration, s of model time. */
    public static final double EQUILIBRATION_MAX_S = 2000;
    /**
     * Largest |counter_charge_balance_rel_error| of a run without a warning: the independent charge balance (plated
     * charge against the ionic current through the counter-electrode face) of every run is checked against it. Measured
     * at the default cg_tolerance 10⁻⁴: ≤ 2 × 10⁻⁵ (ideal channels, the real masks of the goldens); cg_tolerance 0.3 gives
     * 0.006 (one 5 µm channel period, 50 s) to −0.043 (the same, 8 µm scaffold).
     */
    public static final double COUNTER_BALANCE_LIMIT = 1e-3;
    /** Columns of the per-half-cycle table (result.json "cycles", {@code STEM.cycles.csv}). */
    public static final List<String> CYCLE_COLUMNS = List.of("cycle", "half", "complete", "end_time_s", "charge_mC_cm2", "plated_charge_mC_cm2",
            "contact_area_ratio", "interface_void_fraction", "dead_li_fraction", "mean_cell_potential_V", "kinetic_overpotential_V");

    /** One-line definition of each {@link #CYCLE_COLUMNS} column. */
    public static final Map<String, String> CYCLE_DEFINITIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cycle", "cycle number, from 1 (a run without cycling is cycle 1, one half)");
        d.put("half", "plate (I > 0) or strip (I < 0)");
        d.put("complete", "1 when the half-cycle ran to its end, 0 when the run stopped inside it (short, lost contact, divergence, cancel)");
        d.put("end_time_s", "model time at the end of the half-cycle (or where the run stopped), s");
        d.put("charge_mC_cm2", "applied charge of the half-cycle, integral of I dt, mC/cm2 (signed)");
        d.put("plated_charge_mC_cm2", "change of plated_charge_mC_cm2 over the half-cycle (Li metal gained, from the fields), mC/cm2");
        d.put("contact_area_ratio", "contact_area_ratio at the end of the half-cycle");
        d.put("interface_void_fraction", "interface_void_fraction at the end of the half-cycle");
        d.put("dead_li_fraction", "dead_li_fraction at the end of the half-cycle");
        d.put("mean_cell_potential_V", "time average of cell_potential_V over the half-cycle, V");
        d.put("kinetic_overpotential_V", "kinetic_overpotential_V at the end of the half-cycle, V");
        CYCLE_DEFINITIONS = java.util.Collections.unmodifiableMap(d);
    }

    /** Callbacks from the run (all optional). */
    public interface Listener {
        /** Called about every percent: fraction of the simulated time done, and the latest metrics. */
        default void progress(double fraction, Map<String, Double> metrics) {
        }

        /** Called for each snapshot as it is taken. */
        default void snapshot(Snapshot s) {
        }

        /** Polled every step: true stops the run (result status "cancelled"). */
        default boolean cancelled() {
            return false;
        }
    }

    /** Run options (not physics: those are {@link PhaseFieldParameters}). */
    public static final class Options {
        /** Number of snapshots including t = 0 and the end (≥ 1; 1 = final only). */
        public int snapshots = 10;
        /**
         * Time-series rows (approximately, plus first and last and one at every half-cycle end). 100 since session 8
         * (was 200): a row costs about half a step (its floods and passes over the grid), so with the 2-s automatic step
         * 200 rows took 20 % of the paper case's CPU; 100 rows sample a 1000-s run every 10 s.
         */
        public int seriesRows = 100;
        /** Checkpoint file (null = none). */
        public Path checkpoint;
        /** Wall seconds between checkpoints. */
        public double checkpointEverySeconds = 60;
        /** Threads (≤ 0 = all processors). */
        public int threads = 0;
        /** Free text recorded in the result ("ideal 2D channels …", "mask file.tif"). */
        public String mode = "";
        /** The input mask file, recorded with its SHA-256 in the result (null for a synthetic geometry). */
        public Path input;
        /** Skip the capillary equilibration (tests and benchmarks of the bare solver; the reference is then the seeded ξ₀). */
        public boolean skipEquilibration;
        /**
         * Resolution used (interface width, scale, dx, narrowest pore, …; from {@code Resolution} via the
         * job), recorded in result.json "resolution"; null = only what the parameters say.
         */
        public Map<String, Object> resolution;
        /** Extra warnings to record in the result (e.g. an under-resolved geometry run with force). */
        public List<String> warnings = new ArrayList<>();
    }

    /** What the equilibration did (result.json "equilibration"). */
    public static final class Equilibration {
        /** Requested equilibration_s (0 = automatic). */
        public double requestedS;
        /** Model time actually equilibrated, s (NaN for a resumed run: done before its checkpoint). */
        public double usedS = Double.NaN;
        public long steps;
        /** max |Δξ|/Δt of the last equilibration step, s⁻¹. */
        public double finalRatePerS = Double.NaN;
        /** "converged", "time limit", "fixed time", "skipped" or "done before the checkpoint". */
        public String outcome = "";

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requested_s", requestedS);
            m.put("used_s", usedS);
            m.put("steps", steps);
            m.put("final_rate_per_s", finalRatePerS);
            m.put("rate_criterion_per_s", EQUILIBRATION_RATE);
            m.put("max_automatic_s", EQUILIBRATION_MAX_S);
            m.put("outcome", outcome);
            return m;
        }
    }

    /** The current schedule: segments (half-cycles) with their end times and signs. */
    static final class Schedule {
        final double[] ends;
        final int[] signs;
        final double magnitude;
        final boolean cycling;

        Schedule(PhaseFieldParameters p, boolean stripFirst) {
            magnitude = Math.abs(p.currentDensityMaCm2);
            int sign0 = stripFirst ? -1 : 1;
            int cycles = (int) Math.round(p.cycles);
            cycling = cycles > 0;
            if (cycling) {
                if (!(magnitude > 0)) {
                    throw new PoroPhaseException("phasefield: cycles = " + cycles + " needs a current density > 0 (the half-cycle time is capacity / |I|)");
                }
                double half = p.capacityMahCm2 * 3600 / magnitude; // mAh cm⁻² · 3600 s/h / (mA cm⁻²)
                ends = new double[2 * cycles];
                signs = new int[2 * cycles];
                for (int k = 0; k < ends.length; k++) {
                    ends[k] = (k + 1) * half;
                    signs[k] = k % 2 == 0 ? sign0 : -sign0;
                }
            } else {
                ends = new double[] {p.timeS};
                signs = new int[] {sign0};
            }
        }

        double end() {
            return ends[ends.length - 1];
        }

        double start(int k) {
            return k == 0 ? 0 : ends[k - 1];
        }

        /** Segment of time t (the one that runs from t on; the last at or after the end). */
        int segmentAt(double t) {
            for (int k = 0; k < ends.length; k++) {
                if (t < ends[k] - 1e-9 * Math.max(1, ends[k])) {
                    return k;
                }
            }
            return ends.length - 1;
        }

        double current(int k) {
            return signs[k] * magnitude;
        }

        /** ∫I dt (signed = false: ∫|I| dt) from 0 to t, mC cm⁻². */
        double charge(double t, boolean signed) {
            double q = 0;
            for (int k = 0; k < ends.length; k++) {
                double a = start(k);
                double b = Math.min(ends[k], t);
                if (b > a) {
                    q += (signed ? signs[k] : 1) * magnitude * (b - a);
                }
            }
            return q;
        }
    }

    private final PhaseFieldParameters p;
    private final Options o;
    private final Geometry g;
    private final Checkpoint.State resumed;

    /** A new run on a geometry. */
    public PhaseFieldRun(Geometry g, PhaseFieldParameters p, Options o) {
        this.g = g;
        this.p = p;
        this.o = o;
        this.resumed = null;
    }

    private PhaseFieldRun(Checkpoint.State st, PhaseFieldParameters p, Options o) {
        this.g = st.geometry;
        this.p = p;
        this.o = o;
        this.resumed = st;
        if (!st.series.isEmpty()) {
            if (st.series.get(0).size() != RunMetrics.COLUMNS.size()) {
                throw new PoroPhaseException("checkpoint written by an older PoroPhase (time series of " + st.series.get(0).size() + " columns, now "
                        + RunMetrics.COLUMNS.size() + "): it cannot be resumed by this version; start the run again");
            }
        }
    }

    /**
     * Resumes from a checkpoint. The physics parameters are the checkpoint's; {@code timeS} (if &gt; 0)
     * replaces the end time so that a run can be extended (cycles = 0 only; a cycling run ends with its
     * last half-cycle). The checkpoint's geometry is the equilibrated one: no second equilibration.
     */
    public static PhaseFieldRun resume(Path checkpoint, double timeS, Options o) {
        Checkpoint.State st = Checkpoint.read(checkpoint);
        PhaseFieldParameters p = st.params.copy();
        if (timeS > 0) {
            p.timeS = timeS;
        }
        if (o.mode == null || o.mode.isEmpty()) {
            o.mode = st.mode;
        }
        return new PhaseFieldRun(st, p, o);
    }

    public Geometry geometry() {
        return g;
    }

    /** The model parameters of this run (a resumed run's are the checkpoint's, with the new end time). */
    public PhaseFieldParameters parameters() {
        return p;
    }

    /** Model seconds of the run after the equilibration: time_s, or 2·cycles·capacity/|I| when cycling. */
    public double endTimeS() {
        return new Schedule(p, p.stripFirst).end();
    }

    /** Simulated seconds still to run: the end time minus the resumed state's time (all of it for a new run; the equilibration not included). */
    public double remainingSeconds() {
        return endTimeS() - (resumed != null ? resumed.time : 0);
    }

    /** Mutable bookkeeping of one run. */
    private static final class State {
        PhaseFieldSolver s;
        RunMetrics rm;
        final RunMetrics.Ledger led = new RunMetrics.Ledger();
        final List<List<Object>> series = new ArrayList<>();
        final List<Snapshot> snaps = new ArrayList<>();
    }

    /** Runs the protocol and returns the result (status "completed", "shorted", "contact_lost", "diverged" or "cancelled"). */
    public PhaseFieldResult run(Listener listener) {
        Listener l = listener != null ? listener : new Listener() {
        };
        long wall0 = System.nanoTime();
        Parallel par = Parallel.of(o.threads);
        Schedule sch = new Schedule(p, p.stripFirst);
        State st = new State();
        Equilibration eq = new Equilibration();
        eq.requestedS = p.equilibrationS;
        double wallBefore = 0;
        String status = "completed";
        String message = "";
        if (resumed != null) {
            st.s = new PhaseFieldSolver(g, p, par, resumed.xi, resumed.c, resumed.psi, resumed.v, resumed.time, resumed.steps);
            st.series.addAll(resumed.series);
            st.snaps.addAll(resumed.snapshots);
            wallBefore = resumed.wallSecondsBefore;
            eq.outcome = "done before the checkpoint";
            Map<String, Double> last = st.series.isEmpty() ? Map.of() : RunMetrics.map(st.series.get(st.series.size() - 1));
            st.led.counterMcCm2 = last.getOrDefault("counter_charge_mC_cm2", 0.0);
            st.led.potentialIntegralVs = last.getOrDefault("cell_potential_integral_V_s", 0.0);
        } else {
            PhaseFieldSolver s0 = new PhaseFieldSolver(g, p, par);
            s0.checkElectrochemistry();
            Geometry gEq = g;
            if (o.skipEquilibration) {
                eq.outcome = "skipped";
                eq.usedS = 0;
            } else {
                try {
                    gEq = equilibrate(s0, eq, l);
                } catch (PhaseFieldSolver.DivergenceException e) {
                    status = "diverged";
                    message = "during the capillary equilibration: " + e.getMessage();
                }
                if (gEq == null) {
                    status = "cancelled";
                    message = "run cancelled during the capillary equilibration at t = " + s0.time() + " s";
                }
            }
            if ("completed".equals(status)) {
                if (gEq == g) {
                    st.s = s0;
                } else {
                    s0 = null; // the equilibration solver goes before the run's is built (one solver's memory at a time)
                    st.s = new PhaseFieldSolver(gEq, p, par);
                }
            } else {
                st.s = s0; // the failed equilibration's state, for the result
                gEq = g;
            }
        }
        PhaseFieldSolver s = st.s;
        st.rm = new RunMetrics(s);
        RunMetrics rm = st.rm;
        double tEnd = sch.end();
        TimeStepControl ctl = new TimeStepControl(p);
        if (resumed != null) {
            ctl.restoreFrom(resumed.runScalars);
            s.allenCahn.restoreSchemeState(resumed.runScalars);
        }
        double dt = ctl.nominal();
        long stepsStart = s.steps();
        double timeToShort = Double.NaN;
        List<String> startWarnings = new ArrayList<>();
        if (resumed != null) {
            // a shorted run stays shorted
            Map<String, Double> last = st.series.isEmpty() ? Map.of() : RunMetrics.map(st.series.get(st.series.size() - 1));
            if (last.getOrDefault("shorted", 0.0) > 0) {
                timeToShort = firstShort(st.series);
            }
        }
        if ("completed".equals(status)) {
            int totalSteps = 0;
            for (int k = sch.segmentAt(s.time()); k < sch.ends.length; k++) {
                totalSteps += (int) Math.max(0, Math.ceil((sch.ends[k] - Math.max(sch.start(k), s.time())) / dt - 1e-9));
            }
            int every = Math.max(1, totalSteps / Math.max(1, o.seriesRows));
            int nSnap = Math.max(1, o.snapshots);
            double[] snapTimes = new double[nSnap];
            for (int k = 0; k < nSnap; k++) {
                snapTimes[k] = nSnap == 1 ? tEnd : tEnd * k / (nSnap - 1);
            }
            int nextSnap = 0;
            while (nextSnap < nSnap && snapTimes[nextSnap] < s.time() - 1e-9) {
                nextSnap++;
            }
            int seg = sch.segmentAt(s.time());
            s.setCurrentDensityMaCm2(sch.current(seg));
            if (resumed == null) {
                ledger(st, sch, seg);
                Map<String, Double> m0 = rm.compute(st.led);
                st.series.add(RunMetrics.row(m0));
                l.progress(0, m0);
                if (m0.get("shorted") > 0) {
                    // Li impregnated through the whole scaffold: shorted from the start; the run goes on (it
                    // stops only when Li arrives at another cell of that layer) and says so
                    timeToShort = 0;
                    startWarnings.add("the Li touches the counter electrode (last cell layer) from the start: the impregnation reaches "
                            + "through the scaffold (reduce impregnation_depth_um, or add counter_layer_um); time_to_short_s = 0");
                }
            }
            if (nextSnap < nSnap && Math.abs(snapTimes[nextSnap] - s.time()) < 1e-9
                    && (st.snaps.isEmpty() || st.snaps.get(st.snaps.size() - 1).step != s.steps())) {
                Snapshot sn = Snapshot.of(s);
                st.snaps.add(sn);
                l.snapshot(sn);
                nextSnap++;
            }
            long lastCkpt = System.nanoTime();
            int lastPct = -1;
            long k = 0;
            // with more than one thread a metrics row is computed from copies of the fields on a pool thread
            // while the next steps run; rows are collected in order (identical numbers either way)
            final boolean async = s.par.threads() > 1;
            RowTask pending = null;
            java.util.concurrent.Future<?> pendingFuture = null;
            while ("completed".equals(status) && s.time() < tEnd - 1e-9 * Math.max(1, tEnd)) {
                if (l.cancelled()) {
                    status = "cancelled";
                    message = "run cancelled at t = " + s.time() + " s";
                    break;
                }
                seg = sch.segmentAt(s.time());
                double segEnd = sch.ends[seg];
                double h = ctl.next(s);
                double rem = segEnd - s.time();
                if (rem > h && rem < 1.25 * h) {
                    h = 0.5 * rem; // two steps of at least h/2 instead of a sliver at the segment's end
                }
                h = Math.min(h, rem);
                boolean endsSegment = false;
                if (segEnd - (s.time() + h) <= 1e-9 * Math.max(1, segEnd)) {
                    endsSegment = true;
                }
                if (h <= 1e-12) {
                    break;
                }
                s.setCurrentDensityMaCm2(sch.current(seg));
                try {
                    s.step(h);
                } catch (PhaseFieldSolver.DivergenceException e) {
                    boolean noContact = e.getMessage() != null && e.getMessage().contains("no active Li|LLZO contact");
                    status = noContact ? "contact_lost" : "diverged";
                    message = e.getMessage();
                    break;
                } catch (PoroPhaseException e) {
                    if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("contact")) {
                        status = "contact_lost";
                        message = e.getMessage();
                        break;
                    }
                    throw e;
                }
                if (endsSegment && Math.abs(s.time() - segEnd) < 1e-6 * Math.max(1, segEnd)) {
                    // land exactly on the half-cycle end (no round-off drift of the schedule)
                    setTime(s, segEnd);
                }
                ctl.committed(s);
                k++;
                double vVolts = s.electrodePotentialV();
                st.led.potentialIntegralVs += vVolts * h;
                st.led.counterMcCm2 += counterMaCm2(s) * h;
                boolean shorted = rm.newShort(s.xi());
                if (shorted) {
                    status = "shorted";
                    timeToShort = Double.isNaN(timeToShort) ? s.time() : timeToShort;
                    message = String.format(Locale.ROOT, "Li metal reached the counter electrode (last cell layer) at t = %.6g s", s.time());
                }
                boolean last = s.time() >= tEnd - 1e-9 * Math.max(1, tEnd);
                if (k % every == 0 || last || endsSegment || shorted) {
                    ledger(st, sch, seg);
                    if (pending != null) {
                        Parallel.await(pendingFuture);
                        lastPct = collectRow(st, pending, tEnd, lastPct, l);
                    }
                    pending = new RowTask(rm, RunMetrics.copy(st.led), async ? RunMetrics.Fields.copy(s) : RunMetrics.Fields.live(s));
                    pendingFuture = s.par.submit(pending);
                    if (!async) {
                        lastPct = collectRow(st, pending, tEnd, lastPct, l);
                        pending = null;
                    }
                }
                while (nextSnap < nSnap && s.time() >= snapTimes[nextSnap] - 0.5 * h) {
                    Snapshot sn = Snapshot.of(s);
                    st.snaps.add(sn);
                    l.snapshot(sn);
                    nextSnap++;
                }
                if (o.checkpoint != null && (System.nanoTime() - lastCkpt) / 1e9 >= o.checkpointEverySeconds) {
                    if (pending != null) {
                        Parallel.await(pendingFuture);
                        lastPct = collectRow(st, pending, tEnd, lastPct, l);
                        pending = null;
                    }
                    addRowIfNew(st, sch, seg);
                    Checkpoint.write(o.checkpoint, s, st.series, st.snaps, wallBefore + (System.nanoTime() - wall0) / 1e9, o.mode, driverState(s, ctl), Map.of());
                    lastCkpt = System.nanoTime();
                }
            }
            if (pending != null) {
                Parallel.await(pendingFuture);
                collectRow(st, pending, tEnd, lastPct, l);
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        int segNow = sch.segmentAt(Math.max(0, s.time() - 1e-9 * Math.max(1, s.time())));
        ledger(st, sch, segNow);
        Map<String, Double> fin = rm.compute(st.led);
        if (st.series.isEmpty() || ((Number) st.series.get(st.series.size() - 1).get(1)).longValue() != s.steps()) {
            st.series.add(RunMetrics.row(fin));
        }
        if (!"completed".equals(status) && (st.snaps.isEmpty() || st.snaps.get(st.snaps.size() - 1).step != s.steps())) {
            Snapshot sn = Snapshot.of(s);
            st.snaps.add(sn);
            l.snapshot(sn);
        }
        if (o.checkpoint != null) {
            Checkpoint.write(o.checkpoint, s, st.series, st.snaps, wallBefore + wall, o.mode, driverState(s, ctl), Map.of());
        }
        l.progress(1, fin);
        List<Map<String, Object>> cycles = cycleTable(st.series, sch);
        List<String> warnings = new ArrayList<>(o.warnings);
        warnings.addAll(startWarnings);
        if (!"completed".equals(status)) {
            warnings.add("run " + status + ": " + message);
        }
        double counterBalance = fin.getOrDefault("counter_charge_balance_rel_error", 0.0);
        if (Math.abs(counterBalance) > COUNTER_BALANCE_LIMIT) {
            warnings.add(String.format(Locale.ROOT, "charge balance against the counter-electrode face: plated and counter-face charge differ by "
                    + "%.3g of the charge passed (limit %.0e): the potential is not solved tightly enough for this run; lower cg_tolerance "
                    + "(now %.3g)", counterBalance, COUNTER_BALANCE_LIMIT, p.cgTolerance));
        }
        if (s.allenCahn.linearized && s.allenCahn.stabilizedStepFraction() > 0.1) {
            warnings.add(String.format(Locale.ROOT, "%.0f %% of the xi steps ran on the stabilized scheme (the linearized step did not hold: "
                    + "typically a contact line on a 3D staircase wall whose local mode is faster than 1/dt); capillary relaxation there is "
                    + "slowed by 1 + S dt = %.3g, so the wall-creep index holds a time-step part: compare with a run at dt_s = %.3g s "
                    + "(docs/phasefield-engine.md, \"3D: the linearized step\")", 100.0 * s.allenCahn.stabilizedStepFraction(),
                    1 + s.stabilization() * ctl.stabilized(), 0.5 * ctl.stabilized()));
        }
        return new PhaseFieldResult(s, rm, fin, st.series, st.snaps, status, message, wall, wallBefore, s.steps() - stepsStart, o.mode, o.input,
                eq, cycles, timeToShort, sch.cycling, p.stripFirst, o.resolution, warnings);
    }

    /** Runs the zero-current, reaction-off equilibration on s0; returns the geometry with xi0 = ξ_eq (null when cancelled). */
    private Geometry equilibrate(PhaseFieldSolver s0, Equilibration eq, Listener l) {
        boolean auto = !(p.equilibrationS > 0);
        double limit = auto ? EQUILIBRATION_MAX_S : p.equilibrationS;
        TimeStepControl ctl = new TimeStepControl(p);
        s0.setReactionEnabled(false);
        s0.setCurrentDensityMaCm2(0);
        double[] xi = s0.xi();
        double[] prev = new double[xi.length];
        double rate = Double.NaN;
        eq.outcome = auto ? "time limit" : "fixed time";
        while (s0.time() < limit - 1e-9 * limit) {
            if (l.cancelled()) {
                return null;
            }
            double[] x = s0.xi();
            System.arraycopy(x, 0, prev, 0, x.length);
            double h = Math.min(ctl.next(s0), limit - s0.time());
            s0.step(h);
            ctl.committed(s0);
            eq.steps++;
            x = s0.xi();
            double mx = 0;
            for (int i = 0; i < x.length; i++) {
                if (g.open[i]) {
                    mx = Math.max(mx, Math.abs(x[i] - prev[i]));
                }
            }
            rate = mx / h;
            if (auto && rate < EQUILIBRATION_RATE) {
                eq.outcome = "converged";
                break;
            }
        }
        eq.usedS = s0.time();
        eq.finalRatePerS = rate;
        double[] xiEq = s0.xi().clone();
        return Geometry.restore(g.nx, g.ny, g.nz, g.dxUm, g.zScaffoldStart, g.zScaffoldEnd, g.phi, g.open, g.pore, xiEq, g.maskPixelUm, g.side,
                g.interfaceNote);
    }

    /** The run driver's scalars of a checkpoint: the time-step control's and the ξ scheme choice's state. */
    private static Map<String, Double> driverState(PhaseFieldSolver s, TimeStepControl ctl) {
        Map<String, Double> m = new LinkedHashMap<>(s.allenCahn.schemeState());
        ctl.saveTo(m);
        return m;
    }

    /** Sets the solver clock (to land exactly on a half-cycle end). */
    private static void setTime(PhaseFieldSolver s, double t) {
        s.time = t; // H3: needs a clock setter from H1 if the field moves
    }

    /** Counter-face ionic current as a density, mA cm⁻² (positive when plating). */
    private static double counterMaCm2(PhaseFieldSolver s) {
        Geometry g = s.geometry();
        double areaM2 = g.nx * g.ny * g.dxUm * g.dxUm * 1e-12; // 2D: the slab one cell thick
        return s.counterCurrentA() / areaM2 * 0.1;
    }

    /** A metrics row to compute (on the calling thread or a pool thread). */
    private static final class RowTask implements Runnable {
        private final RunMetrics rm;
        private final RunMetrics.Ledger led;
        private final RunMetrics.Fields fields;
        private Map<String, Double> row;

        RowTask(RunMetrics rm, RunMetrics.Ledger led, RunMetrics.Fields fields) {
            this.rm = rm;
            this.led = led;
            this.fields = fields;
        }

        @Override
        public void run() {
            row = rm.compute(led, fields);
        }
    }

    /** Appends a computed row (none when t is null; its task must have finished) and reports progress; returns the last percentage reported. */
    private static int collectRow(State st, RowTask t, double tEnd, int lastPct, Listener l) {
        if (t == null) {
            return lastPct;
        }
        Map<String, Double> m = t.row;
        st.series.add(RunMetrics.row(m));
        double time = m.get("time_s");
        int pct = (int) (100 * time / Math.max(tEnd, 1e-300));
        if (pct != lastPct) {
            l.progress(time / tEnd, m);
            return pct;
        }
        return lastPct;
    }

    private void ledger(State st, Schedule sch, int seg) {
        RunMetrics.Ledger led = st.led;
        led.timeS = st.s.time();
        led.steps = st.s.steps();
        led.halfCycle = seg;
        led.currentMaCm2 = sch.current(seg);
        led.appliedMcCm2 = sch.charge(led.timeS, true);
        led.absoluteMcCm2 = sch.charge(led.timeS, false);
    }

    private void addRowIfNew(State st, Schedule sch, int seg) {
        if (!st.series.isEmpty() && ((Number) st.series.get(st.series.size() - 1).get(1)).longValue() == st.s.steps()) {
            return;
        }
        ledger(st, sch, seg);
        st.series.add(RunMetrics.row(st.rm.compute(st.led)));
    }

    private static double firstShort(List<List<Object>> series) {
        for (List<Object> r : series) {
            Map<String, Double> m = RunMetrics.map(r);
            if (m.getOrDefault("shorted", 0.0) > 0) {
                return m.get("time_s");
            }
        }
        return Double.NaN;
    }

    /** One row per half-cycle run (a partial last one marked complete = 0), from the series rows at the half-cycle ends. */
    static List<Map<String, Object>> cycleTable(List<List<Object>> series, Schedule sch) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (series.isEmpty()) {
            return out;
        }
        List<Map<String, Double>> rows = new ArrayList<>();
        for (List<Object> r : series) {
            rows.add(RunMetrics.map(r));
        }
        Map<String, Double> start = rows.get(0);
        Map<String, Double> lastRow = rows.get(rows.size() - 1);
        double tLast = lastRow.get("time_s");
        for (int k = 0; k < sch.ends.length; k++) {
            double end = sch.ends[k];
            double tol = 1e-6 * Math.max(1, end);
            Map<String, Double> endRow = null;
            boolean complete = true;
            for (Map<String, Double> r : rows) {
                if (Math.abs(r.get("time_s") - end) <= tol) {
                    endRow = r;
                }
            }
            if (endRow == null) {
                if (tLast > sch.start(k) + tol && tLast < end) {
                    endRow = lastRow;
                    complete = false;
                } else {
                    break;
                }
            }
            Map<String, Object> c = new LinkedHashMap<>();
            double t0 = start.get("time_s");
            double t1 = endRow.get("time_s");
            c.put("cycle", k / 2 + 1);
            c.put("half", sch.signs[k] > 0 ? "plate" : "strip");
            c.put("complete", complete ? 1 : 0);
            c.put("end_time_s", t1);
            c.put("charge_mC_cm2", endRow.get("applied_charge_mC_cm2") - start.get("applied_charge_mC_cm2"));
            c.put("plated_charge_mC_cm2", endRow.get("plated_charge_mC_cm2") - start.get("plated_charge_mC_cm2"));
            c.put("contact_area_ratio", endRow.get("contact_area_ratio"));
            c.put("interface_void_fraction", endRow.get("interface_void_fraction"));
            c.put("dead_li_fraction", endRow.get("dead_li_fraction"));
            c.put("mean_cell_potential_V", t1 > t0 ? (endRow.get("cell_potential_integral_V_s") - start.get("cell_potential_integral_V_s")) / (t1 - t0) : Double.NaN);
            c.put("kinetic_overpotential_V", endRow.get("kinetic_overpotential_V"));
            out.add(c);
            if (!complete) {
                break;
            }
            start = endRow;
        }
        return out;
    }
}
