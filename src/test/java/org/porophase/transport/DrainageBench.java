package org.porophase.transport;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeReaders;

/**
 * Benchmark of the drainage simulation (not a unit test; run by hand):
 * <pre>
 *   java -cp target/classes:target/test-classes:CP org.porophase.transport.DrainageBench FILE LO HI VOXEL_UM AXES [REPEATS] [THREADS]
 *   java ... DrainageBench random N POROSITY SEED AXES [REPEATS] [THREADS]     (overlapping random spheres, pore = gaps)
 *   java ... DrainageBench tile FILE LO HI VOXEL_UM AXES [REPEATS] [THREADS]    (the volume mirrored to 2×2×2 its size)
 * </pre>
 * the phase is lo ≤ value ≤ hi (NMC pore: 0 0; FiberForm pore: 0 89). Per axis: breakthrough radius,
 * r₅₀, local-thickness r₅₀, constriction factor, and the medians over the repeats of the wall time and
 * of the process CPU time (drainage with its local thickness). On a shared machine the CPU time is the
 * fairer number.
 */
public final class DrainageBench {
    private DrainageBench() {
    }

    public static void main(String[] args) throws Exception {
        PhaseGrid g;
        String what;
        int a0;
        if (args[0].equals("random")) {
            int n = Integer.parseInt(args[1]);
            double porosity = Double.parseDouble(args[2]);
            long seed = Long.parseLong(args[3]);
            g = randomSpheres(n, porosity, seed);
            what = "random spheres " + n + "³";
            a0 = 4;
        } else if (args[0].equals("tile")) {
            Path file = Path.of(args[1]);
            PhaseGrid one;
            try (VolumeSource src = VolumeReaders.open(file, null)) {
                one = PhaseGrid.ofRange(src, VoxelSize.iso(Double.parseDouble(args[4])), Double.parseDouble(args[2]), Double.parseDouble(args[3]),
                        "phase", 2);
            }
            g = mirrored(one);
            what = file.getFileName() + " mirrored 2×2×2";
            a0 = 5;
        } else {
            Path file = Path.of(args[0]);
            double lo = Double.parseDouble(args[1]);
            double hi = Double.parseDouble(args[2]);
            VoxelSize vs = VoxelSize.iso(Double.parseDouble(args[3]));
            try (VolumeSource src = VolumeReaders.open(file, null)) {
                g = PhaseGrid.ofRange(src, vs, lo, hi, "value in [" + lo + ", " + hi + "]", 2);
            }
            what = file.getFileName().toString();
            a0 = 4;
        }
        String axes = args[a0];
        int repeats = args.length > a0 + 1 ? Integer.parseInt(args[a0 + 1]) : 3;
        int threads = args.length > a0 + 2 ? Integer.parseInt(args[a0 + 2]) : 2;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%s %d×%d×%d, voxel %s µm, phase fraction %.4f, %d threads, %d repeats%n", what, g.width(), g.height(),
                g.depth(), g.voxel(), g.fraction(), threads, repeats);
        for (char c : axes.toCharArray()) {
            Axis a = Axis.parseList(String.valueOf(c), g.depth()).get(0);
            double[] wall = new double[repeats];
            double[] cpu = new double[repeats];
            Drainage.Result r = null;
            for (int k = 0; k < repeats; k++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                r = Drainage.compute(g, a, 0.5, threads);
                wall[k] = (System.nanoTime() - t0) / 1e9;
                cpu[k] = (os.getProcessCpuTime() - c0) / 1e9;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "%s: levels %d  breakthrough %.4f µm  r50 %.4f µm  LT r50 %.4f µm  constriction %.4f  final invaded %.5f  "
                    + "median wall %.2f s  median CPU %.2f s%n", a.letter(), r.radiusUm().length, r.breakthroughRadiusUm(), r.r50Um(),
                    r.localThicknessR50Um(), r.constrictionFactor(), r.saturation()[r.saturation().length - 1], wall[repeats / 2], cpu[repeats / 2]);
        }
    }

    /** The grid and its mirror images, 2× along each axis. */
    static PhaseGrid mirrored(PhaseGrid g) {
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        byte[][] s = new byte[2 * d][4 * w * h];
        for (int z = 0; z < 2 * d; z++) {
            byte[] src = g.slices()[z < d ? z : 2 * d - 1 - z];
            for (int y = 0; y < 2 * h; y++) {
                int ys = y < h ? y : 2 * h - 1 - y;
                for (int x = 0; x < 2 * w; x++) {
                    int xs = x < w ? x : 2 * w - 1 - x;
                    s[z][x + 2 * w * y] = src[xs + w * ys];
                }
            }
        }
        return new PhaseGrid(2 * w, 2 * h, 2 * d, g.voxel(), s, g.name());
    }

    /** Pore space between overlapping random spheres of radius n/16 (solid), to the given porosity (approximately). */
    static PhaseGrid randomSpheres(int n, double porosity, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        double rad = n / 16.0;
        // Boolean model: porosity = exp(−λ·4/3 π r³)
        double lambda = -Math.log(porosity) / (4.0 / 3 * Math.PI * rad * rad * rad);
        int count = (int) Math.round(lambda * (double) n * n * n);
        byte[][] s = new byte[n][n * n];
        for (byte[] sl : s) {
            Arrays.fill(sl, (byte) 1);
        }
        int rr = (int) Math.ceil(rad);
        for (int c = 0; c < count; c++) {
            double cx = rnd.nextDouble() * n;
            double cy = rnd.nextDouble() * n;
            double cz = rnd.nextDouble() * n;
            for (int z = Math.max(0, (int) cz - rr); z <= Math.min(n - 1, (int) cz + rr); z++) {
                for (int y = Math.max(0, (int) cy - rr); y <= Math.min(n - 1, (int) cy + rr); y++) {
                    for (int x = Math.max(0, (int) cx - rr); x <= Math.min(n - 1, (int) cx + rr); x++) {
                        double dx = x + 0.5 - cx;
                        double dy = y + 0.5 - cy;
                        double dz = z + 0.5 - cz;
                        if (dx * dx + dy * dy + dz * dz < rad * rad) {
                            s[z][x + n * y] = 0;
                        }
                    }
                }
            }
        }
        return new PhaseGrid(n, n, n, VoxelSize.iso(1), s, "pore");
    }
}
