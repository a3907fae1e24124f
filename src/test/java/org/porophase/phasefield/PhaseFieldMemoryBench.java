package org.porophase.phasefield;

import java.util.Locale;

import org.porophase.core.Parallel;

/**
 * Measurement (not a unit test) behind {@link PhaseFieldEstimate}'s bytes per cell:
 * {@code java -Xmx4g -cp … org.porophase.phasefield.PhaseFieldMemoryBench 3d|2d DX [WIDTH HEIGHT]} (DX 0 = the resolution
 * rule's, WIDTH/HEIGHT 0 or absent = the automatic ideal box of 5 µm channels/cylinders) builds the
 * ideal scaffold, its geometry, the solver and the run metrics, takes two steps and a snapshot, and prints the
 * heap retained after a full GC at each stage, per grid cell. (The smallest heap of a whole run is measured with
 * the CLI: {@code java -XmxNm … phasefield --ideal [--3d] --dx DX --time 3 --out DIR}, bisecting N.)
 * Measured (JDK 17, G1): 3D dx 0.5 (1 M cells) raster 8 B, geometry 19, solver 919, metrics 5, steps 25,
 * snapshot 0.2 → 968 B/cell; 2D dx 0.25 (40 k cells) geometry 24, solver 771, metrics 5, steps 25,
 * snapshot 16 → 841 B/cell.
 */
public final class PhaseFieldMemoryBench {
    private PhaseFieldMemoryBench() {
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    public static void main(String[] a) throws Exception {
        boolean three = a[0].equals("3d");
        double dx = Double.parseDouble(a[1]);
        double w = a.length > 2 ? Double.parseDouble(a[2]) : 0; // 0 = the automatic strip
        double h = a.length > 3 ? Double.parseDouble(a[3]) : 0; // 0 = the automatic height (48 µm 2D, 18 µm 3D)
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = dx; // 0 = the resolution rule
        p.timeS = 3;
        (three ? Resolution.forCylinders(5, 0.5, false, p) : Resolution.forIdeal(5, 0.5, p)).apply(p);
        dx = p.dxUm;
        long u0 = used();
        IdealScaffold sc = three ? IdealScaffold.cylinders3DForGrid(5, 0.5, false, w, h, dx) : IdealScaffold.channels2DForGrid(5, 0.5, w, h, dx);
        sc.pore();
        long u1 = used();
        Geometry g = sc.toGeometry(p);
        double n = g.size();
        sc = null;
        long u2 = used();
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, Parallel.of(0));
        long u3 = used();
        RunMetrics rm = new RunMetrics(s);
        long u4 = used();
        s.step(1);
        s.step(1);
        rm.compute();
        long u5 = used();
        Snapshot sn = Snapshot.of(s);
        long u6 = used();
        System.out.printf(Locale.ROOT, "%s dx %.3g grid %dx%dx%d = %.0f cells; estimate %.0f B/cell%n", a[0], dx, g.nx, g.ny, g.nz, n,
                PhaseFieldEstimate.grid(g.nx, g.ny, g.nz, p, 1, 1, p.timeS).bytesPerCell());
        System.out.printf(Locale.ROOT, "B/cell: raster %.1f, geometry %.1f, solver %.1f, metrics %.1f, steps %.1f, snapshot %.1f, total %.1f (%s)%n",
                (u1 - u0) / n, (u2 - u0) / n, (u3 - u2) / n, (u4 - u3) / n, (u5 - u4) / n, (u6 - u5) / n, (u6 - u0) / n,
                sn == null || rm == null ? "" : "kept");
    }
}
