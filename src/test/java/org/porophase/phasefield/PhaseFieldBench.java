package org.porophase.phasefield;

import org.porophase.core.Parallel;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (not a unit test): {@code java -cp … org.porophase.phasefield.PhaseFieldBench [2d] [3d STEPS] [threads N]}.
 * <ul>
 * <li>STREAM-like triad a = b + s·c (3 × 2²⁴ doubles, best of 5, all threads), measured in the same run;</li>
 * <li>the paper's 2D case: 50 × 50 µm² (48 µm scaffold of 5 µm channels at 50 % + 2 µm Li), dx = 0.25 µm,
 * 1000 s at 0.2 mA cm⁻², dt = 1 s;</li>
 * <li>3D 128³: 1.5 µm cylinders (square lattice, 50 %), dx = 0.25 µm, 32 × 32 × 32 µm³, STEPS steps of dt3d
 * (default 1 s; 1000 steps = the full run; fewer steps give the per-step time and the projected time for 1000 s).</li>
 * </ul>
 * Prints steps, seconds, cell-updates/s, the modelled memory traffic per second and its ratio to the triad bandwidth.
 */
public final class PhaseFieldBench {
    private PhaseFieldBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean do2d = args.length == 0;
        int steps3d = 0;
        int threads = 0;
        double dt3d = 1;
        for (int k = 0; k < args.length; k++) {
            if (args[k].equals("dt3d")) {
                dt3d = Double.parseDouble(args[++k]);
                continue;
            }
            if (args[k].equals("2d")) {
                do2d = true;
            } else if (args[k].equals("3d")) {
                steps3d = k + 1 < args.length ? Integer.parseInt(args[++k]) : 1000;
            } else if (args[k].equals("threads")) {
                threads = Integer.parseInt(args[++k]);
            }
        }
        int nt = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        double bw = triad(nt);
        System.out.printf(Locale.ROOT, "machine: %d processors, %d threads used; STREAM-like triad bandwidth %.2f GB/s%n",
                Runtime.getRuntime().availableProcessors(), nt, bw / 1e9);
        if (do2d) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            IdealScaffold sc = IdealScaffold.channels2D(5, 0.5, 50, 48, p.dxUm / 4);
            report("2D paper case 50x50 um2, dx 0.25 um, 1000 s", sc.toGeometry(p), p, threads, bw);
        }
        if (steps3d > 0) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            p.dtS = dt3d;
            if (System.getProperty("pf.tol") != null) {
                p.cgTolerance = Double.parseDouble(System.getProperty("pf.tol"));
            }
            p.timeS = steps3d * p.dtS;
            IdealScaffold sc = IdealScaffold.cylinders3D(1.5, 0.5, false, 32, 30, p.dxUm / 2);
            Geometry g = sc.toGeometry(p);
            if (steps3d >= 1000) {
                report("3D " + g.nx + "x" + g.ny + "x" + g.nz + " cylinders 1.5 um, dx 0.25 um, " + steps3d + " s", g, p, threads, bw);
            } else {
                // short run: per-step times after the first (cold) steps, projected to 1000 steps
                Parallel par = Parallel.of(threads);
                PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
                long t0 = System.nanoTime();
                double warm = 0;
                int warmSteps = Math.min(5, steps3d / 2);
                for (int k = 0; k < steps3d; k++) {
                    long a = System.nanoTime();
                    s.step(p.dtS);
                    double sec = (System.nanoTime() - a) / 1e9;
                    if (k >= warmSteps) {
                        warm += sec;
                    }
                    System.out.printf(Locale.ROOT, "  3D step %d: %.3f s (xi it %d, potential it %d)%n", k + 1, sec, s.lastXiIterations, s.lastPsiIterations);
                }
                double per = warm / (steps3d - warmSteps);
                double total = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "3D %dx%dx%d: %d steps in %.1f s; steady %.3f s/step = %.3g cell-updates/s -> projected %.0f s for 1000 s of plating at dt %.3g s (limit 600 s); modelled traffic %.2f GB/s = %.0f%% of triad%n",
                        g.nx, g.ny, g.nz, steps3d, total, per, g.size() / per, per * 1000 / p.dtS, p.dtS, s.modelledBytes() / total / 1e9, 100 * s.modelledBytes() / total / bw);
            }
        }
    }

    private static PhaseFieldResult report(String name, Geometry g, PhaseFieldParameters p, int threads, double bw) {
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 5;
        o.threads = threads;
        long t0 = System.nanoTime();
        PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(null);
        double total = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> t = r.timing();
        double bytesPerS = t.get("modelled_bytes") / r.wallSeconds();
        System.out.printf(Locale.ROOT, "%s: grid %dx%dx%d, status %s, %d steps in %.2f s (incl. setup %.2f s); %.3g cell-updates/s%n", name, r.nx(), r.ny(), r.nz(),
                r.status(), r.stepsThisRun(), r.wallSeconds(), total, r.cellUpdatesPerSecond());
        System.out.printf(Locale.ROOT, "  phases: explicit %.2f s, reaction+potential %.2f s, xi solve %.2f s, concentration %.2f s (overlapped)%n",
                t.get("explicit_s"), t.get("reaction_potential_s"), t.get("xi_solve_s"), t.get("concentration_s"));
        System.out.printf(Locale.ROOT, "  iterations/step: xi PCG %.1f, potential MG-PCG %.1f, concentration MG-PCG %.1f; open cells %.0f, ionic cells %.0f%n",
                t.get("xi_pcg_iterations") / r.stepsThisRun(), t.get("potential_mgpcg_iterations") / r.stepsThisRun(),
                t.get("concentration_mgpcg_iterations") / r.stepsThisRun(), t.get("open_cells"), t.get("ionic_cells"));
        System.out.printf(Locale.ROOT, "  modelled memory traffic %.2f GB/s = %.0f%% of the triad bandwidth%n", bytesPerS / 1e9, 100 * bytesPerS / bw);
        System.out.printf(Locale.ROOT, "  WCI %.4f, fill %.4f, V %.5f V, charge error %.1e, max/mean j %.3f%n", r.finalMetrics().get("wall_creep_index"),
                r.finalMetrics().get("fill_fraction"), r.finalMetrics().get("applied_overpotential_V"), r.finalMetrics().get("charge_balance_rel_error"),
                r.finalMetrics().get("max_over_mean_current_density"));
        return r;
    }

    /** Best-of-5 triad bandwidth (bytes/s, STREAM convention 24 B per element). */
    static double triad(int threads) throws Exception {
        int n = 1 << 24;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
        double best = 0;
        Parallel par = Parallel.of(threads);
        for (int rep = 0; rep < 6; rep++) {
            final double s = 3.0 + rep;
            long t0 = System.nanoTime();
            par.forRange(n, n, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    a[i] = b[i] + s * c[i];
                }
            });
            double sec = (System.nanoTime() - t0) / 1e9;
            if (rep > 0) {
                best = Math.max(best, 24.0 * n / sec);
            }
        }
        if (a[n / 2] < 0) {
            System.out.println();
        }
        return best;
    }
}
