package org.porophase.phasefield;

import org.porophase.core.Parallel;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (not a unit test): {@code java -cp … org.porophase.phasefield.PhaseFieldBench [2d] [dx D] [time T] [3d STEPS] [threads N]}
 * or {@code … PhaseFieldBench ionic [2d] [3d] [repeats R]} (the stand-alone ionic solve, below),
 * or {@code … PhaseFieldBench scaling [pore P] [dx D] [time T] [repeats R]} (whole runs at the resolution rule, or at dx D, with 1 and 2
 * threads, alternately: {@link #scalingBench}).
 * <ul>
 * <li>STREAM-like triad a = b + s·c (3 × 2²⁴ doubles, best of 5, all threads), measured in the same run;</li>
 * <li>the paper's 2D case: 50 × 50 µm² (48 µm scaffold of 5 µm channels at 50 % + 2 µm Li), dx = 0.25 µm,
 * 1000 s at 0.2 mA cm⁻², dt = 1 s;</li>
 * <li>3D 128³: 1.5 µm cylinders (square lattice, 50 %), dx = 0.25 µm, 32 × 32 × 32 µm³, STEPS steps of dt3d
 * (default 1 s; 1000 steps = the full run; fewer steps give the per-step time and the projected time for 1000 s).</li>
 * </ul>
 * Prints steps, seconds, cell-updates/s, the modelled memory traffic per second and its ratio to the triad bandwidth.
 *
 * <p>{@code ionic}: the ionic potential solve alone ({@link IonicSolver}: MG-preconditioned CG) on channel
 * geometries built with {@link Geometry#fromCanonicalMask} at an explicit dx and interface scale — 2D: 50 × 48 µm²
 * of 5 µm channels at 50 % + 2 µm Li, dx 0.125 µm (400 × 400), interface scale 0.568 (0.625 µm); 3D: 1.6 µm
 * cylinders on a 2 µm square lattice (50 %), 32 × 32 × 30 µm³ + 2 µm Li, dx 0.25 µm (128³), scale 0.5. Right-hand
 * side and shift: a linearised reaction conductance 0.1/dx² on the conductor cells within two cells of the Li
 * layer, solved from zero to 10⁻⁶ relative. 1 and 2 threads alternate, R repeats (default 7) each, medians; the
 * STREAM-like triad is measured in the same run (1 and 2 threads, medians of 7), and the load average is printed
 * before and after. Reported: iterations, s/iteration, cell-updates/s (domain cells × iterations / s), the
 * modelled bytes per iteration ({@link IonicSolver#modelledBytesPerIteration}) / time / triad.
 */
public final class PhaseFieldBench {
    private PhaseFieldBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ionic")) {
            ionicBench(args);
            return;
        }
        if (args.length > 0 && args[0].equals("scaling")) {
            scalingBench(args);
            return;
        }
        if (args.length > 0 && args[0].equals("machine")) {
            machineBench(args.length > 1 ? Integer.parseInt(args[1]) : 7);
            return;
        }
        boolean do2d = args.length == 0;
        int steps3d = 0;
        int threads = 0;
        double dt3d = 1;
        double dx2d = 0.25;
        double time2d = 1000;
        for (int k = 0; k < args.length; k++) {
            if (args[k].equals("dx")) {
                dx2d = Double.parseDouble(args[++k]);
                continue;
            }
            if (args[k].equals("time")) {
                time2d = Double.parseDouble(args[++k]);
                continue;
            }
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
            p.dxUm = dx2d; // explicit (the default 0 means automatic, from the resolution rule)
            p.timeS = time2d;
            IdealScaffold sc = IdealScaffold.channels2D(5, 0.5, 50, 48, p.dxUm / 4);
            report(String.format(Locale.ROOT, "2D paper case 50x50 um2, dx %.4g um, %.4g s", dx2d, time2d), sc.toGeometry(p), p, threads, bw);
        }
        if (steps3d > 0) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            p.dxUm = 0.25;
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

    // ------------------------------------------------------------------ thread scaling of whole runs

    /**
     * {@code scaling [pore P] [dx D] [time T] [repeats R]}: the paper's 2D case (channels of P µm, default 5, at 50 %,
     * the default resolution rule as {@code phasefield --ideal} applies it, T s at 0.2 mA cm⁻², default 1000)
     * run R times (default 3) with 1 and with 2 threads, alternately (pairing keeps the ratio meaningful on a
     * machine whose speed drifts), after one untimed warm-up run. Per run: the wall time of the whole run
     * (equilibration, steps and metrics), the CPU time of the process over it, and cell-updates per wall
     * second (cells × steps / step-loop time); medians and the 2-thread speed-up (median of the paired
     * ratios), with the triad bandwidth of the same session for the fraction of memory bandwidth used.
     */
    private static void scalingBench(String[] args) throws Exception {
        double pore = 5;
        double time = 1000;
        int repeats = 3;
        double dx = 0;
        for (int k = 1; k < args.length; k++) {
            switch (args[k]) {
                case "pore": pore = Double.parseDouble(args[++k]); break;
                case "dx": dx = Double.parseDouble(args[++k]); break;
                case "time": time = Double.parseDouble(args[++k]); break;
                case "repeats": repeats = Integer.parseInt(args[++k]); break;
                default: throw new IllegalArgumentException(args[k]);
            }
        }
        System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        double[] triad1 = triadMedian(1, 5);
        double[] triad2 = triadMedian(2, 5);
        System.out.printf(Locale.ROOT, "triad: 1 thread %.2f GB/s, 2 threads %.2f GB/s (medians)%n", triad1[0] / 1e9, triad2[0] / 1e9);
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] wall = new double[2][repeats];
        double[][] cpu = new double[2][repeats];
        double[][] mainCpu = new double[2][repeats];
        double[][] rate = new double[2][repeats];
        double[][] bytes = new double[2][repeats];
        long cells = 0;
        for (int rep = -1; rep < repeats; rep++) {
            for (int t = 0; t < 2; t++) {
                PhaseFieldParameters p = new PhaseFieldParameters();
                p.timeS = time;
                Resolution.forIdeal(pore, 0.5, p).require(false, "bench").apply(p);
                if (dx > 0) {
                    p.dxUm = dx;
                }
                Geometry g = IdealScaffold.channels2DForGrid(pore, 0.5, 0, 0, p.dxUm).toGeometry(p);
                PhaseFieldRun.Options o = new PhaseFieldRun.Options();
                o.snapshots = 10;
                o.threads = t + 1;
                long c0 = sun.getProcessCpuTime();
                long m0 = tmx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(null);
                double w = (System.nanoTime() - t0) / 1e9;
                double c = (sun.getProcessCpuTime() - c0) / 1e9;
                double mc = (tmx.getCurrentThreadCpuTime() - m0) / 1e9;
                cells = (long) r.nx() * r.ny() * r.nz();
                if (rep >= 0) {
                    wall[t][rep] = w;
                    cpu[t][rep] = c;
                    mainCpu[t][rep] = mc;
                    rate[t][rep] = r.cellUpdatesPerSecond();
                    bytes[t][rep] = r.timing().get("modelled_bytes") / r.wallSeconds();
                }
                System.out.printf(Locale.ROOT, "  %s run, %d thread(s), grid %dx%d: %.2f s wall, %.2f s CPU (calling thread %.2f s), step loop %.2f s, %.3g cell-updates/s, WCI %.6f, kinetic eta %.6f mV%n",
                        rep < 0 ? "warm-up" : "timed", t + 1, r.nx(), r.nz(), w, c, mc, r.wallSeconds(), r.cellUpdatesPerSecond(),
                        r.finalMetrics().get("wall_creep_index"), 1e3 * r.finalMetrics().get("kinetic_overpotential_V"));
            }
        }
        double[] ratio = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            ratio[k] = wall[0][k] / wall[1][k];
        }
        System.out.printf(Locale.ROOT, "%.4g um channels at the rule, %d cells, %.4g s: 1 thread %.2f s wall / %.2f s CPU (%.3g cell-updates/s, modelled %.0f%% of the 1-thread triad); "
                + "2 threads %.2f s wall / %.2f s CPU (%.3g cell-updates/s, %.0f%% of the 2-thread triad); speed-up (median of paired ratios) %.2fx%n",
                pore, cells, time, median(wall[0]), median(cpu[0]), median(rate[0]), 100 * median(bytes[0]) / triad1[0],
                median(wall[1]), median(cpu[1]), median(rate[1]), 100 * median(bytes[1]) / triad2[0], median(ratio));
        double[] mratio = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            mratio[k] = mainCpu[0][k] / mainCpu[1][k];
        }
        System.out.printf(Locale.ROOT, "calling-thread CPU (the serial path, robust to load): 1 thread %.2f s, 2 threads %.2f s, ratio %.2fx (median of pairs)%n",
                median(mainCpu[0]), median(mainCpu[1]), median(mratio));
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    // ------------------------------------------------------------------ what two threads can give on this machine

    /**
     * {@code machine [R]}: the 2-thread speed-up the machine itself delivers, R pairs (default 7) alternating 1 and 2
     * threads, medians of the paired ratios: (a) compute-bound — 8 independent multiply–add chains per thread on
     * registers (no memory traffic), a fixed total of 2²⁸ updates split over the threads; (b) memory-bound — the
     * STREAM-like triad ({@link #triad}). A 2D ξ or ionic pass sits between the two (its vectors are L2-resident
     * for the ξ region, memory-bound for the ionic domain), so these bound what {@code --threads 2} can give.
     */
    private static void machineBench(int repeats) throws Exception {
        System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        double[] c1 = new double[repeats];
        double[] c2 = new double[repeats];
        double[] t1 = new double[repeats];
        double[] t2 = new double[repeats];
        double[] cr = new double[repeats];
        double[] tr = new double[repeats];
        computeSeconds(1);
        computeSeconds(2);
        for (int r = 0; r < repeats; r++) {
            c1[r] = computeSeconds(1);
            c2[r] = computeSeconds(2);
            t1[r] = triad(1);
            t2[r] = triad(2);
            cr[r] = c1[r] / c2[r];
            tr[r] = t2[r] / t1[r];
        }
        System.out.printf(Locale.ROOT, "compute-bound (8 FMA chains/thread, 2^28 updates): 1 thread %.3f s, 2 threads %.3f s (medians); "
                + "speed-up median %.2f (min %.2f, max %.2f)%n", median(c1), median(c2), median(cr), min(cr), max(cr));
        System.out.printf(Locale.ROOT, "triad (3 x 2^24 doubles): 1 thread %.2f GB/s, 2 threads %.2f GB/s (medians); "
                + "speed-up median %.2f (min %.2f, max %.2f)%n", median(t1) / 1e9, median(t2) / 1e9, median(tr), min(tr), max(tr));
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static volatile double sink;

    /** Seconds for 2²⁸ register-only multiply–adds split over {@code threads} (the best of 3). */
    private static double computeSeconds(int threads) {
        Parallel par = Parallel.of(threads);
        final int chunks = 64;
        final long perChunk = (1L << 28) / 8 / chunks;
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            double s = par.sum(chunks, Long.MAX_VALUE / 4, (lo, hi) -> {
                double acc = 0;
                for (int c = lo; c < hi; c++) {
                    double a0 = c, a1 = c + 1, a2 = c + 2, a3 = c + 3, a4 = c + 4, a5 = c + 5, a6 = c + 6, a7 = c + 7;
                    for (long k = 0; k < perChunk; k++) {
                        a0 = a0 * 0.999999 + 1e-6;
                        a1 = a1 * 0.999999 + 1e-6;
                        a2 = a2 * 0.999999 + 1e-6;
                        a3 = a3 * 0.999999 + 1e-6;
                        a4 = a4 * 0.999999 + 1e-6;
                        a5 = a5 * 0.999999 + 1e-6;
                        a6 = a6 * 0.999999 + 1e-6;
                        a7 = a7 * 0.999999 + 1e-6;
                    }
                    acc += a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
                }
                return acc;
            });
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            sink = s;
        }
        return best;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    // ------------------------------------------------------------------ stand-alone ionic solve

    private static void ionicBench(String[] args) throws Exception {
        boolean two = false;
        boolean three = false;
        int repeats = 7;
        for (int k = 1; k < args.length; k++) {
            switch (args[k]) {
                case "2d": two = true; break;
                case "3d": three = true; break;
                case "repeats": repeats = Integer.parseInt(args[++k]); break;
                default: throw new IllegalArgumentException(args[k]);
            }
        }
        if (!two && !three) {
            two = true;
            three = true;
        }
        System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        double[] triad1 = triadMedian(1, 7);
        double[] triad2 = triadMedian(2, 7);
        System.out.printf(Locale.ROOT, "triad (a = b + s*c, 3 x 2^24 doubles, 24 B/element): 1 thread median %.2f GB/s (min %.2f, max %.2f); 2 threads median %.2f GB/s (min %.2f, max %.2f)%n",
                triad1[0] / 1e9, triad1[1] / 1e9, triad1[2] / 1e9, triad2[0] / 1e9, triad2[1] / 1e9, triad2[2] / 1e9);
        if (two) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            p.dxUm = 0.125;
            p.interfaceScale = 0.568;
            int mx = 400;
            int mz = 384;
            boolean[] mask = new boolean[mx * mz];
            for (int z = 0; z < mz; z++) {
                for (int x = 0; x < mx; x++) {
                    int u = x % 80;
                    mask[x + mx * z] = u >= 20 && u < 60;
                }
            }
            Geometry g = Geometry.fromCanonicalMask(mask, mx, 1, mz, 0.125, Geometry.Side.TOP, p);
            ionicCase("2D 5 um channels, dx 0.125", g, p, repeats, triad1[0], triad2[0]);
        }
        if (three) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            p.dxUm = 0.25;
            p.interfaceScale = 0.5;
            int m = 128;
            int mz = 120;
            double a = 8;
            double r2 = a * a * 0.5 / Math.PI;
            boolean[] mask = new boolean[m * m * mz];
            for (int z = 0; z < mz; z++) {
                for (int y = 0; y < m; y++) {
                    for (int x = 0; x < m; x++) {
                        double u = x % 8 + 0.5 - a / 2;
                        double v = y % 8 + 0.5 - a / 2;
                        mask[x + m * (y + m * z)] = u * u + v * v < r2;
                    }
                }
            }
            Geometry g = Geometry.fromCanonicalMask(mask, m, m, mz, 0.25, Geometry.Side.TOP, p);
            ionicCase("3D 1.6 um cylinders, dx 0.25", g, p, repeats, triad1[0], triad2[0]);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static void ionicCase(String name, Geometry g, PhaseFieldParameters p, int repeats, double triad1, double triad2) {
        IonicProblems.Problem pr = IonicProblems.assemble(g.nx, g.ny, g.nz, g.dxUm, IonicProblems.conductivity(g, p.ionicThreshold));
        double[][] src = IonicProblems.frontSource(pr, g.zScaffoldStart + 2, 0.1 / (g.dxUm * g.dxUm));
        int m = pr.size();
        IonicSolver[] s = new IonicSolver[2];
        for (int t = 0; t < 2; t++) {
            s[t] = pr.solver(Parallel.of(t + 1));
            s[t].setShift(src[1]);
        }
        double tol = 1e-6;
        double[][] x = new double[2][m];
        int[] its = new int[2];
        // warm-up (JIT) and the repeat count per sample: at least ~0.2 s per sample
        int per = 1;
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < 3; k++) {
                java.util.Arrays.fill(x[t], 0);
                its[t] = s[t].solve(src[0], x[t], tol, 0, 1000);
            }
        }
        long a0 = System.nanoTime();
        java.util.Arrays.fill(x[0], 0);
        s[0].solve(src[0], x[0], tol, 0, 1000);
        double one = (System.nanoTime() - a0) / 1e9;
        per = (int) Math.max(1, Math.ceil(0.2 / one));
        double diff = 0;
        double max = 0;
        for (int q = 0; q < m; q++) {
            diff = Math.max(diff, Math.abs(x[0][q] - x[1][q]));
            max = Math.max(max, Math.abs(x[0][q]));
        }
        double[][] secPerIt = new double[2][repeats];
        for (int rep = 0; rep < repeats; rep++) {
            for (int tt = 0; tt < 2; tt++) {
                int t = (rep & 1) == 0 ? tt : 1 - tt; // alternate the order: no systematic drift bias
                int itSum = 0;
                long t0 = System.nanoTime();
                for (int k = 0; k < per; k++) {
                    java.util.Arrays.fill(x[t], 0);
                    itSum += s[t].solve(src[0], x[t], tol, 0, 1000);
                }
                secPerIt[t][rep] = (System.nanoTime() - t0) / 1e9 / itSum;
            }
        }
        double bytes = s[0].modelledBytesPerIteration();
        System.out.printf(Locale.ROOT, "%s: grid %dx%dx%d = %d cells, %d domain cells, %d levels, finest level in %s precision (porophase.mg.precision); %d solves per sample, %d samples per thread count%n",
                name, g.nx, g.ny, g.nz, g.size(), m, s[0].levels(), s[0].multigrid().singlePrecisionFinest() ? "single" : "double", per, repeats);
        System.out.printf(Locale.ROOT, "  iterations to 1e-6: %d (1 thread) / %d (2 threads); max |x1 - x2| / max |x| = %.1e%n", its[0], its[1], diff / max);
        double[] med = new double[2];
        for (int t = 0; t < 2; t++) {
            double[] v = secPerIt[t].clone();
            java.util.Arrays.sort(v);
            med[t] = v[v.length / 2];
            double bw = t == 0 ? triad1 : triad2;
            System.out.printf(Locale.ROOT, "  %d thread%s: median %.3f ms/iteration (min %.3f, max %.3f) = %.1f ms/solve; %.3g cell-updates/s; modelled %.1f MB/iteration -> %.2f GB/s = %.0f%% of the %d-thread triad%n",
                    t + 1, t == 0 ? " " : "s", 1e3 * med[t], 1e3 * v[0], 1e3 * v[v.length - 1], 1e3 * med[t] * its[t], m / med[t], bytes / 1e6, bytes / med[t] / 1e9,
                    100 * bytes / med[t] / bw, t + 1);
        }
        System.out.printf(Locale.ROOT, "  speed-up 2 vs 1 thread (ratio of medians): %.2fx%n", med[0] / med[1]);
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** Median, min and max of {@code repeats} triad timings (bytes/s) after one warm-up. */
    static double[] triadMedian(int threads, int repeats) {
        int n = 1 << 24;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
        int[] bounds = SlabExecutor.partition(n, threads, 1, 1);
        SlabExecutor team = SlabExecutor.of(threads);
        double[] bw = new double[repeats];
        for (int rep = -1; rep < repeats; rep++) {
            final double sc = 3.0 + rep;
            long t0 = System.nanoTime();
            team.run(bounds, (ch, lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    a[i] = b[i] + sc * c[i];
                }
            });
            double sec = (System.nanoTime() - t0) / 1e9;
            if (rep >= 0) {
                bw[rep] = 24.0 * n / sec;
            }
        }
        if (a[n / 2] < 0) {
            System.out.println();
        }
        java.util.Arrays.sort(bw);
        return new double[] {bw[repeats / 2], bw[0], bw[repeats - 1]};
    }
}
