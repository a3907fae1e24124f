package org.porophase.phasefield;

import org.porophase.binary.DistanceTransform;
import org.porophase.binary.PoreLabeling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of merit of a phase-field state (docs/phase-field.md, "Figures of merit"), all in µm / SI.
 *
 * <ul>
 * <li><b>plated_charge_mC_cm2</b> = nFC_m^s (∫ξ dV − ∫ξ₀ dV) / A (A = electrode area); with
 * <b>charge_balance_rel_error</b> = plated / (I·t) − 1 (validation check 4).</li>
 * <li><b>fill_fraction</b> = Σξ / N over the scaffold pore cells (Li fraction of the pore space), and
 * per depth slice for the fill-vs-depth profile; clamped to [0, 1] (ξ overshoots 1 by ~10⁻⁵ in fully
 * plated cells, see {@link #fillFraction}).</li>
 * <li><b>front_height_mean_um / std_um</b>: pores = 6-(4-)connected components of scaffold pore cells;
 * for each lateral column (x, y) of a pore, the Li height is dx·Σ_z ξ over that pore's cells in the
 * column; mean and standard deviation over the pore's columns, then averaged over pores weighted by
 * their number of columns.</li>
 * <li><b>wall_creep_index</b> (WCI): in each depth slice, each pore section (connected pore cells of
 * the slice) is split by the in-slice distance d from a cell centre to the pore wall, normalized by
 * the section's maximum d: s = d/d_max. Near-wall cells: s ≤ 1/3; centre cells: s ≥ 2/3 (for a channel
 * of width δ: the outer sixths vs the central third). With Δξ = ξ − ξ₀ (new Li) and F_w, F_c the mean
 * Δξ over near-wall and centre cells of the <em>advancing zone</em> (slices whose mean |Δξ| over pore
 * cells exceeds 1 % of the largest slice mean), WCI = (F_w − F_c)/(|F_w| + |F_c|) ∈ [−1, 1]:
 * 0 for a front that advances uniformly across the pore, → 1 when new Li only creeps along the walls
 * (the centre gets none, or loses Li to the walls). Sections of fewer than 3 cells across (unresolved)
 * have no wall/centre split and do not contribute; WCI = 0 when no cell contributes.</li>
 * <li><b>trapped_void_fraction</b>: scaffold pore cells with ξ &lt; ½ in vacuum components (6-/4-connected)
 * that do not reach the far (counter) end of the scaffold, per pore cell (closed pores included).</li>
 * <li><b>max_over_mean_current_density</b>: max / mean of the local ionic current density |σ∇φ| over
 * LLZO cells (h(ϕ) &gt; ½) of the ionic domain — 1 for a uniform current, large at hot spots.</li>
 * <li><b>applied_overpotential_V</b>: electrode potential V vs. the counter electrode (negative when
 * plating; includes the ohmic drop).</li>
 * </ul>
 */
public final class RunMetrics {
    /** Time-series column names (CSV header). */
    public static final List<String> COLUMNS = List.of("time_s", "steps", "plated_charge_mC_cm2", "charge_balance_rel_error",
            "fill_fraction", "front_height_mean_um", "front_height_std_um", "wall_creep_index", "trapped_void_fraction",
            "max_current_density_A_m2", "mean_current_density_A_m2", "max_over_mean_current_density", "applied_overpotential_V",
            "c_min", "c_max");

    private final PhaseFieldSolver s;
    private final Geometry g;
    private final int[] poreLabel;
    private final int nPores;
    private final byte[] cls;
    private final int nPoreCells;
    private final int[] poreCellsPerSlice;

    public RunMetrics(PhaseFieldSolver solver) {
        this.s = solver;
        this.g = solver.g;
        int n = g.size();
        poreLabel = new int[n];
        nPores = PoreLabeling.labelGrid(g.pore, poreLabel, g.nx, g.ny, g.nz, 6);
        int c = 0;
        int nzS = g.zScaffoldEnd - g.zScaffoldStart;
        poreCellsPerSlice = new int[nzS];
        for (int i = 0; i < n; i++) {
            if (g.pore[i]) {
                c++;
                poreCellsPerSlice[i / (g.nx * g.ny) - g.zScaffoldStart]++;
            }
        }
        nPoreCells = c;
        cls = classify();
    }

    /** 1 = near-wall, 2 = centre, 0 = other (see class doc). */
    private byte[] classify() {
        int nx = g.nx;
        int ny = g.ny;
        int plane = nx * ny;
        byte[] out = new byte[g.size()];
        boolean[] sl = new boolean[plane];
        boolean[] notSl = new boolean[plane];
        int[] lab = new int[plane];
        for (int z = g.zScaffoldStart; z < g.zScaffoldEnd; z++) {
            for (int xy = 0; xy < plane; xy++) {
                sl[xy] = g.pore[xy + plane * z];
                notSl[xy] = !sl[xy];
            }
            double[] d = DistanceTransform.distanceTo(notSl, nx, ny, 1);
            int nl = PoreLabeling.labelGrid(sl, lab, nx, ny, 1, 6);
            double[] dmax = new double[nl];
            for (int xy = 0; xy < plane; xy++) {
                if (sl[xy]) {
                    double dd = Math.min(d[xy], 1e9) - 0.5;
                    d[xy] = dd;
                    dmax[lab[xy]] = Math.max(dmax[lab[xy]], dd);
                }
            }
            for (int xy = 0; xy < plane; xy++) {
                if (!sl[xy] || dmax[lab[xy]] < 1.0) {
                    continue; // unresolved section (< 3 cells across)
                }
                double r = d[xy] / dmax[lab[xy]];
                if (r <= 1.0 / 3.0 + 1e-9) {
                    out[xy + plane * z] = 1;
                } else if (r >= 2.0 / 3.0 - 1e-9) {
                    out[xy + plane * z] = 2;
                }
            }
        }
        return out;
    }

    /** Metrics of the current state, keyed as {@link #COLUMNS}. */
    public Map<String, Double> compute() {
        PhaseFieldParameters p = s.p;
        double[] xi = s.xi;
        double[] xi0 = g.xi0;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("time_s", s.time);
        m.put("steps", (double) s.steps);
        double plated = platedChargeMcCm2();
        double expected = p.currentDensityMaCm2 * s.time;
        m.put("plated_charge_mC_cm2", plated);
        m.put("charge_balance_rel_error", expected != 0 ? plated / expected - 1 : 0.0);
        m.put("fill_fraction", fillFraction(xi));
        // front heights
        double[] fh = frontHeights(xi);
        m.put("front_height_mean_um", fh[0]);
        m.put("front_height_std_um", fh[1]);
        m.put("wall_creep_index", wallCreepIndex(xi, xi0));
        m.put("trapped_void_fraction", trappedVoidFraction(xi));
        double[] j = s.currentDensity();
        double mx = 0;
        double sum = 0;
        int cnt = 0;
        for (int i : s.ionIdx) {
            if (s.hphi[i] > 0.5) {
                mx = Math.max(mx, j[i]);
                sum += j[i];
                cnt++;
            }
        }
        double mean = cnt > 0 ? sum / cnt : 0;
        m.put("max_current_density_A_m2", mx);
        m.put("mean_current_density_A_m2", mean);
        m.put("max_over_mean_current_density", mean > 0 ? mx / mean : 0.0);
        m.put("applied_overpotential_V", s.electrodePotentialV());
        double cmin = Double.POSITIVE_INFINITY;
        double cmax = Double.NEGATIVE_INFINITY;
        for (int i : s.ionIdx) {
            cmin = Math.min(cmin, s.c[i] * p.c0);
            cmax = Math.max(cmax, s.c[i] * p.c0);
        }
        m.put("c_min", cmin / p.c0);
        m.put("c_max", cmax / p.c0);
        return m;
    }

    /** nFC_m^s (∫ξ − ∫ξ₀) / A, mC cm⁻². */
    public double platedChargeMcCm2() {
        double volM3 = s.platedVolumeUm3() * 1e-18;
        double areaM2 = s.electrodeAreaUm2() * 1e-12;
        return s.p.currentConstant() * volM3 / areaM2 * 0.1;
    }

    /**
     * Li fraction of the scaffold pore space, Σξ / N over the scaffold pore cells, <b>clamped</b> to
     * [0, 1]: the semi-implicit Allen–Cahn step does not bound ξ, which overshoots 1 by up to ~10⁻⁵ in
     * fully plated cells (a filled scaffold read 1.0000083), and a fraction of the pore space cannot
     * exceed 1. Only the reported fraction is clamped; ξ itself and the plated charge (which uses the
     * unclamped ∫ξ dV) are untouched, so the charge balance is unaffected.
     */
    public double fillFraction(double[] xi) {
        if (nPoreCells == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < xi.length; i++) {
            if (g.pore[i]) {
                sum += xi[i];
            }
        }
        return clamp01(sum / nPoreCells);
    }

    private static double clamp01(double f) {
        return f > 1 ? 1 : f < 0 ? 0 : f;
    }

    /** Fill fraction per scaffold depth slice (depth = (k + ½)·dx from the scaffold surface), clamped to [0, 1] like {@link #fillFraction}. */
    public double[] fillVsDepth(double[] xi) {
        int plane = g.nx * g.ny;
        int nzS = g.zScaffoldEnd - g.zScaffoldStart;
        double[] out = new double[nzS];
        for (int k = 0; k < nzS; k++) {
            int z = k + g.zScaffoldStart;
            double s0 = 0;
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                if (g.pore[i]) {
                    s0 += xi[i];
                }
            }
            out[k] = poreCellsPerSlice[k] > 0 ? clamp01(s0 / poreCellsPerSlice[k]) : Double.NaN;
        }
        return out;
    }

    /** {mean, std} of front heights (µm), see class doc. */
    public double[] frontHeights(double[] xi) {
        int plane = g.nx * g.ny;
        double wMean = 0;
        double wStd = 0;
        long wTot = 0;
        if (nPores == 0) {
            return new double[] {0, 0};
        }
        double[] hAcc = new double[nPores];
        boolean[] touched = new boolean[nPores];
        int[] touchedList = new int[nPores];
        double[] sum = new double[nPores];
        double[] sum2 = new double[nPores];
        int[] ncol = new int[nPores];
        for (int xy = 0; xy < plane; xy++) {
            int nt = 0;
            for (int z = g.zScaffoldStart; z < g.zScaffoldEnd; z++) {
                int i = xy + plane * z;
                int l = poreLabel[i];
                if (l < 0) {
                    continue;
                }
                if (!touched[l]) {
                    touched[l] = true;
                    touchedList[nt++] = l;
                    hAcc[l] = 0;
                }
                hAcc[l] += xi[i] * g.dxUm;
            }
            for (int t = 0; t < nt; t++) {
                int l = touchedList[t];
                touched[l] = false;
                sum[l] += hAcc[l];
                sum2[l] += hAcc[l] * hAcc[l];
                ncol[l]++;
            }
        }
        for (int l = 0; l < nPores; l++) {
            if (ncol[l] == 0) {
                continue;
            }
            double mean = sum[l] / ncol[l];
            double var = Math.max(0, sum2[l] / ncol[l] - mean * mean);
            wMean += mean * ncol[l];
            wStd += Math.sqrt(var) * ncol[l];
            wTot += ncol[l];
        }
        return new double[] {wTot > 0 ? wMean / wTot : 0, wTot > 0 ? wStd / wTot : 0};
    }

    /** The wall-creep index, see class doc. */
    public double wallCreepIndex(double[] xi, double[] xi0) {
        int plane = g.nx * g.ny;
        int nzS = g.zScaffoldEnd - g.zScaffoldStart;
        double[] sliceMean = new double[nzS];
        double best = 0;
        for (int k = 0; k < nzS; k++) {
            int z = k + g.zScaffoldStart;
            double a = 0;
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                if (g.pore[i]) {
                    a += Math.abs(xi[i] - xi0[i]);
                }
            }
            sliceMean[k] = poreCellsPerSlice[k] > 0 ? a / poreCellsPerSlice[k] : 0;
            best = Math.max(best, sliceMean[k]);
        }
        if (best <= 0) {
            return 0;
        }
        double sw = 0;
        double sc = 0;
        long nw = 0;
        long nc = 0;
        for (int k = 0; k < nzS; k++) {
            if (sliceMean[k] < 0.01 * best) {
                continue;
            }
            int z = k + g.zScaffoldStart;
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                if (cls[i] == 1) {
                    sw += xi[i] - xi0[i];
                    nw++;
                } else if (cls[i] == 2) {
                    sc += xi[i] - xi0[i];
                    nc++;
                }
            }
        }
        if (nw == 0 || nc == 0) {
            return 0;
        }
        double fw = sw / nw;
        double fc = sc / nc;
        double den = Math.abs(fw) + Math.abs(fc);
        return den > 0 ? (fw - fc) / den : 0;
    }

    /** Trapped-void fraction, see class doc. */
    public double trappedVoidFraction(double[] xi) {
        if (nPoreCells == 0) {
            return 0;
        }
        int n = xi.length;
        int plane = g.nx * g.ny;
        boolean[] vac = new boolean[n];
        for (int i = 0; i < n; i++) {
            vac[i] = g.pore[i] && xi[i] < 0.5;
        }
        boolean[] reach = new boolean[n];
        int[] q = new int[n];
        int qt = 0;
        int zl = g.zScaffoldEnd - 1;
        for (int xy = 0; xy < plane; xy++) {
            int i = xy + plane * zl;
            if (vac[i]) {
                reach[i] = true;
                q[qt++] = i;
            }
        }
        PoreLabeling.flood(vac, reach, q, qt, g.nx, g.ny, g.nz, 6);
        int trapped = 0;
        for (int i = 0; i < n; i++) {
            if (vac[i] && !reach[i]) {
                trapped++;
            }
        }
        return (double) trapped / nPoreCells;
    }

    /** Number of pores (connected pore components of the scaffold). */
    public int poreCount() {
        return nPores;
    }

    /** Time series row in {@link #COLUMNS} order. */
    public static List<Object> row(Map<String, Double> m) {
        List<Object> r = new ArrayList<>(COLUMNS.size());
        for (String k : COLUMNS) {
            r.add(m.get(k));
        }
        return r;
    }
}
