package org.porophase.phasefield;

public class Smoke4 {
    public static void main(String[] a) {
        double pore = Double.parseDouble(a[0]);
        double dx = Double.parseDouble(a[1]);
        double tEnd = Double.parseDouble(a[2]);
        double dt = Double.parseDouble(a[3]);
        double width = Double.parseDouble(a[4]);
        double height = Double.parseDouble(a[5]);
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = dx;
        p.dtS = dt;
        p.timeS = tEnd;
        for (int k = 6; k + 1 < a.length; k += 2) p.set(a[k], Double.parseDouble(a[k + 1]));
        IdealScaffold sc = IdealScaffold.channels2D(pore, 0.5, width, height, dx / 4);
        Geometry g = sc.toGeometry(p);
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 2;
        PhaseFieldResult r = new PhaseFieldRun(g, p, o).run(null);
        System.out.println(r.finalMetrics);
        System.out.println(r.timing + " wall " + r.wallSeconds);
        Snapshot s0 = r.snapshots.get(0), s1 = r.snapshots.get(r.snapshots.size() - 1);
        int nx = s0.width;
        int x0 = 0, x1 = Math.min(nx, (int) Math.round(pore / 0.5 / dx));
        int zImp = g.zScaffoldStart + (int) Math.round(p.impregnationUm / dx);
        for (int z = Math.max(0, zImp - 12); z < Math.min(s0.height, zImp + 10); z++) {
            StringBuilder sb = new StringBuilder(String.format("z=%3d ", z));
            for (int x = x0; x < x1; x++) {
                float v1 = s1.channels[0][x + nx * z];
                sb.append(g.open[x + nx * z] ? (char) ('0' + Math.min(9, (int) (v1 * 10))) : '#');
            }
            System.out.println(sb);
        }
    }
}
