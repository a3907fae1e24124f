package org.porophase.phasefield;

import org.porophase.core.Parallel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Driver of a phase-field run: time stepping under galvanostatic control, the time series
 * ({@link RunMetrics}), snapshots (delivered to a {@link Listener} as they come), periodic atomic
 * checkpoints, resume, cancellation and divergence handling (the run stops with a clear message and
 * the last good state is kept, in the result and in the checkpoint).
 */
public final class PhaseFieldRun {
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
        /** Time-series rows (approximately, plus first and last). */
        public int seriesRows = 200;
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
    }

    /**
     * Resumes from a checkpoint. The physics parameters are the checkpoint's; {@code timeS} (if &gt; 0)
     * replaces the end time so that a run can be extended.
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

    /** Simulated seconds still to run: the end time minus the resumed state's time (all of it for a new run). */
    public double remainingSeconds() {
        return p.timeS - (resumed != null ? resumed.time : 0);
    }

    /** Runs to {@code p.timeS} and returns the result (status "completed", "diverged" or "cancelled"). */
    public PhaseFieldResult run(Listener listener) {
        Listener l = listener != null ? listener : new Listener() {
        };
        long wall0 = System.nanoTime();
        { // one shared pool (core.Parallel); nothing to close
            Parallel par = Parallel.of(o.threads);
            PhaseFieldSolver s;
            List<List<Object>> series = new ArrayList<>();
            List<Snapshot> snaps = new ArrayList<>();
            double wallBefore = 0;
            if (resumed != null) {
                s = new PhaseFieldSolver(g, p, par, resumed.xi, resumed.c, resumed.psi, resumed.v, resumed.time, resumed.steps);
                series.addAll(resumed.series);
                snaps.addAll(resumed.snapshots);
                wallBefore = resumed.wallSecondsBefore;
            } else {
                s = new PhaseFieldSolver(g, p, par);
            }
            s.checkElectrochemistry();
            RunMetrics rm = new RunMetrics(s);
            double tEnd = p.timeS;
            double dt = p.timeStep();
            long stepsStart = s.steps;
            int totalSteps = (int) Math.max(0, Math.ceil((tEnd - s.time) / dt - 1e-9));
            int every = Math.max(1, totalSteps / Math.max(1, o.seriesRows));
            int nSnap = Math.max(1, o.snapshots);
            double[] snapTimes = new double[nSnap];
            for (int k = 0; k < nSnap; k++) {
                snapTimes[k] = nSnap == 1 ? tEnd : tEnd * k / (nSnap - 1);
            }
            int nextSnap = 0;
            while (nextSnap < nSnap && snapTimes[nextSnap] < s.time - 1e-9) {
                nextSnap++;
            }
            if (resumed == null) {
                Map<String, Double> m0 = rm.compute();
                series.add(RunMetrics.row(m0));
                l.progress(0, m0);
            }
            if (nextSnap < nSnap && Math.abs(snapTimes[nextSnap] - s.time) < 1e-9 && (snaps.isEmpty() || snaps.get(snaps.size() - 1).step != s.steps)) {
                Snapshot sn = Snapshot.of(s);
                snaps.add(sn);
                l.snapshot(sn);
                nextSnap++;
            }
            String status = "completed";
            String message = "";
            long lastCkpt = System.nanoTime();
            int lastPct = -1;
            for (int k = 0; k < totalSteps; k++) {
                if (l.cancelled()) {
                    status = "cancelled";
                    message = "run cancelled at t = " + s.time + " s";
                    break;
                }
                double h = Math.min(dt, tEnd - s.time);
                if (h <= 1e-12) {
                    break;
                }
                try {
                    s.step(h);
                } catch (PhaseFieldSolver.DivergenceException e) {
                    status = "diverged";
                    message = e.getMessage();
                    break;
                }
                boolean last = k == totalSteps - 1;
                if ((k + 1) % every == 0 || last) {
                    Map<String, Double> m = rm.compute();
                    series.add(RunMetrics.row(m));
                    int pct = (int) (100 * s.time / Math.max(tEnd, 1e-300));
                    if (pct != lastPct) {
                        lastPct = pct;
                        l.progress(s.time / tEnd, m);
                    }
                }
                while (nextSnap < nSnap && s.time >= snapTimes[nextSnap] - 0.5 * dt) {
                    Snapshot sn = Snapshot.of(s);
                    snaps.add(sn);
                    l.snapshot(sn);
                    nextSnap++;
                }
                if (o.checkpoint != null && (System.nanoTime() - lastCkpt) / 1e9 >= o.checkpointEverySeconds) {
                    Checkpoint.write(o.checkpoint, s, series, snaps, wallBefore + (System.nanoTime() - wall0) / 1e9, o.mode);
                    lastCkpt = System.nanoTime();
                }
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            Map<String, Double> fin = rm.compute();
            if (series.isEmpty() || ((Number) series.get(series.size() - 1).get(1)).longValue() != s.steps) {
                series.add(RunMetrics.row(fin));
            }
            if (!"completed".equals(status) && (snaps.isEmpty() || snaps.get(snaps.size() - 1).step != s.steps)) {
                Snapshot sn = Snapshot.of(s);
                snaps.add(sn);
                l.snapshot(sn);
            }
            if (o.checkpoint != null) {
                Checkpoint.write(o.checkpoint, s, series, snaps, wallBefore + wall, o.mode);
            }
            l.progress(1, fin);
            return new PhaseFieldResult(s, rm, fin, series, snaps, status, message, wall, wallBefore, s.steps - stepsStart, o.mode, o.input);
        }
    }
}
