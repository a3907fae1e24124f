package org.porophase.phasefield;

public class Smoke2 {
    public static void main(String[] a) {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        if (a.length > 0) p.reactionConstant = Double.parseDouble(a[0]);
        if (a.length > 1) p.contactAngleDeg = Double.parseDouble(a[1]);
        if (a.length > 2) p.cgTolerance = Double.parseDouble(a[2]);
        IdealScaffold sc = IdealScaffold.channels2D(5, 0.5, 50, 50, 0.0625);
        Geometry g = sc.toGeometry(p);
        try (Par par = new Par(1)) {
            PhaseFieldSolver s = new PhaseFieldSolver(g, p, par);
            for (int k = 0; k < 40; k++) {
                s.step(0.5);
                double mx = -9, mn = 9; int im = 0;
                for (int i : s.openIdx) { if (s.xi[i] > mx) { mx = s.xi[i]; im = i; } mn = Math.min(mn, s.xi[i]); }
                double pmin = 0, pmax = 0; int ip = 0;
                for (int i : s.ionIdx) { pmin = Math.min(pmin, s.psi[i]); if (s.psi[i] > pmax) { pmax = s.psi[i]; ip = i; } }
                System.out.printf("psimax at x=%d z=%d ion=%g open=%b src=%g xi=%g diag=%g%n", ip % 200, ip / 200, s.ion[ip], s.g.open[ip], s.source[ip], s.xi[ip], s.fx[ip]+s.fz[ip]);
                System.out.printf("lam=%g sH=%g sumR=%g ", s.lastLambda, s.lastSH, s.lastSumR); System.out.printf("k=%d V=%.4g xi[%g,%g]@%d,%d psi[%g,%g] it=%d,%d,%d R@=%g ion=%g%n", k, s.v, mn, mx, im % 200, im / 200, pmin, pmax,
                        s.lastXiIterations, s.lastPsiIterations, s.lastCIterations, s.reaction[im], s.ion[im]);
            }
        }
    }
}
