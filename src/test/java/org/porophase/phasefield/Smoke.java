package org.porophase.phasefield;

public class Smoke {
    public static void main(String[] a) {
        double pore = Double.parseDouble(a[0]);
        double dx = Double.parseDouble(a[1]);
        double tEnd = Double.parseDouble(a[2]);
        double dt = Double.parseDouble(a[3]);
        double width = a.length > 4 ? Double.parseDouble(a[4]) : 50;
        double height = a.length > 5 ? Double.parseDouble(a[5]) : 50;
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = dx;
        IdealScaffold sc = IdealScaffold.channels2D(pore, 0.5, width, height, dx / 4);
        Geometry g = sc.toGeometry(p);
        try (Par par = new Par(1)) {
            PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
            RunMetrics rm = new RunMetrics(s);
            System.out.println("grid " + g.nx + "x" + g.ny + "x" + g.nz + " S=" + s.stabilization() + " pores=" + rm.poreCount());
            System.out.println(rm.compute());
            long t0 = System.nanoTime();
            int nsteps = (int) Math.round(tEnd / dt);
            for (int k = 0; k < nsteps; k++) {
                s.step(dt);
                if ((k + 1) % Math.max(1, nsteps / 10) == 0) {
                    System.out.printf("t=%.1f it xi=%d psi=%d c=%d V=%.5g  %s%n", s.time, s.lastXiIterations, s.lastPsiIterations*1000+s.lastPsiItA, s.lastCIterations,
                            s.electrodePotentialV(), rm.compute());
                }
            }
            System.out.printf("wall %.2f s  explicit %.2f ionic %.2f xi %.2f c %.2f%n", (System.nanoTime() - t0) / 1e9, s.nanosExplicit/1e9, s.nanosIonic/1e9, s.nanosXi/1e9, s.nanosC/1e9);
        }
    }
}
