package org.porophase.transport;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeReaders;

/**
 * Benchmark of the transport solve on a real volume (not a unit test; run by hand):
 * <pre>
 *   java -cp target/classes:target/test-classes:CP org.porophase.transport.TransportBench FILE LO HI VOXEL_UM [REPEATS] [THREADS] [SIDES] [AXES] [R]
 * </pre>
 * SIDES: no-flux (default; = mirror) or periodic; AXES: x, y, z or all (default); R &gt; 0: the two-phase solve
 * ({@link TwoPhaseConduction}, the rest at R × the phase, at most 20000 iterations) instead of the one-phase one.
 * the phase is lo ≤ value ≤ hi (NMC pore: 0 0; FiberForm pore: 0 89). Per axis: the median over the
 * repeats of the wall time and of the process CPU time of the solve (the phase indicator is built once),
 * the iterations and the flux spread reached. On a shared machine the CPU time is the fairer number:
 * wall ≈ CPU/threads on an idle machine.
 */
public final class TransportBench {
    private TransportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        double lo = Double.parseDouble(args[1]);
        double hi = Double.parseDouble(args[2]);
        VoxelSize vs = VoxelSize.iso(Double.parseDouble(args[3]));
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        SideBoundary sides = args.length > 6 ? SideBoundary.parse(args[6]) : SideBoundary.NO_FLUX;
        PhaseGrid g;
        try (VolumeSource src = VolumeReaders.open(file, null)) {
            g = PhaseGrid.ofRange(src, vs, lo, hi, "value in [" + lo + ", " + hi + "]", threads);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%s %d×%d×%d, voxel %s µm, phase fraction %.4f, %s sides, %d threads, %d repeats, solver memory %.1f B/voxel%n",
                file.getFileName(), g.width(), g.height(), g.depth(), vs, g.fraction(), sides.key(), threads, repeats,
                TortuositySolver.memoryBytes(g, Axis.Z) / (double) g.voxels());
        double ratio = args.length > 8 ? Double.parseDouble(args[8]) : 0;
        if (ratio > 0) {
            for (Axis a : Axis.parseList(args.length > 7 ? args[7] : "all", g.depth())) {
                double[] wall = new double[repeats];
                double[] cpu = new double[repeats];
                TwoPhaseResult r = null;
                for (int k = 0; k < repeats; k++) {
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    r = TwoPhaseConduction.solve(g, a, new TransportOptions(1e-4, 1e-5, 20000, threads, sides), ratio);
                    wall[k] = (System.nanoTime() - t0) / 1e9;
                    cpu[k] = (os.getProcessCpuTime() - c0) / 1e9;
                }
                Arrays.sort(wall);
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "%s: two-phase R %g: sigma_eff/sigma_phase %.5f (series %.5f, parallel %.5f)  iterations %d  converged %b  "
                        + "flux spread %.1e  median wall %.2f s  median CPU %.2f s  (%d B/voxel)%n", a.letter(), ratio, r.relativeConductivity(), r.seriesBound(),
                        r.parallelBound(), r.iterations(), r.converged(), r.fluxSpread(), wall[repeats / 2], cpu[repeats / 2], TwoPhaseConduction.BYTES_PER_VOXEL);
            }
            return;
        }
        for (Axis a : Axis.parseList(args.length > 7 ? args[7] : "all", g.depth())) {
            double[] wall = new double[repeats];
            double[] cpu = new double[repeats];
            TransportResult r = null;
            for (int k = 0; k < repeats; k++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                r = TortuositySolver.solve(g, a, TransportOptions.defaults().withThreads(threads).withSides(sides));
                wall[k] = (System.nanoTime() - t0) / 1e9;
                cpu[k] = (os.getProcessCpuTime() - c0) / 1e9;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "%s: D_eff/D0 %.5f  tau %.4f  tau_perc %.4f  percolation %.4f  beta %.3f  iterations %d  flux spread %.1e  "
                    + "in/out %.1e  median wall %.2f s  median CPU %.2f s%n", a.letter(), r.relativeDiffusivity(), r.tauTotal(), r.tauPercolating(),
                    r.percolationFactor(), r.bruggemanExponent(), r.iterations(), r.fluxSpread(), r.inOutAgreement(), wall[repeats / 2], cpu[repeats / 2]);
        }
    }
}
