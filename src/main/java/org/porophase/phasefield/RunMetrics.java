package org.porophase.phasefield;

import org.porophase.binary.DistanceTransform;
import org.porophase.binary.PoreLabeling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of merit of a phase-field state, computed from the fields (ξ, the reference ξ_ref, the geometry
 * and the solver's reaction field), independently of the controller. Units µm / SI. The reference
 * ξ_ref is the geometry's {@code xi0}: the run driver ({@link PhaseFieldRun}) hands the metrics the
 * capillary-equilibrated geometry, so ξ_ref = ξ_eq (the state after the zero-current equilibration)
 * and every "deposited Li" metric sees plating only, not the meniscus relaxing to its contact angle
 * (docs/phase-field.md, pitfall 9).
 * <p>
 * Every metric's one-line definition is in {@link #DEFINITIONS} (written into result.json and the docs);
 * the column order of the time series is {@link #COLUMNS}.
 */
public final class RunMetrics {
    /** Share of the largest slice mean |Δξ| above which a depth slice belongs to the advancing zone of the WCI. */
    static final double ADVANCING_ZONE = 0.01;
    /** Active interface: cells whose reaction weight h'(ξ)h(ϕ)e exceeds this fraction of the largest weight. */
    static final double ACTIVE_FRACTION = 0.01;

    /** One-line definition of every metric (result.json "metric_definitions", docs). */
    public static final Map<String, String> DEFINITIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("time_s", "model time since the end of the capillary equilibration, s");
        d.put("steps", "time steps since the end of the capillary equilibration");
        d.put("half_cycle", "index (0-based) of the half-cycle the row ends in (always 0 without cycling)");
        d.put("current_density_mA_cm2", "applied current density of the last step, mA/cm2 (> 0 plating, < 0 stripping)");
        d.put("applied_charge_mC_cm2", "controller charge: integral of the applied current density over time, mC/cm2");
        d.put("plated_charge_mC_cm2", "n F C_m (sum of (xi - xi_eq) dV over the open cells) / electrode area, mC/cm2 (Li metal gained since the equilibrated start)");
        d.put("counter_charge_mC_cm2", "integral over time of the ionic current through the counter-electrode face (from psi and c at that face, independent of the controller), mC/cm2");
        d.put("charge_balance_rel_error", "(plated_charge - applied_charge) / integral of |applied current| dt (0 before any charge passed)");
        d.put("counter_charge_balance_rel_error", "(plated_charge - counter_charge) / integral of |applied current| dt: the independent charge balance");
        d.put("fill_fraction", "sum of xi / number of scaffold pore cells (Li share of the pore space), clamped to [0, 1]");
        d.put("front_height_mean_um", "per pore (6-/4-connected scaffold pore cells) and lateral column: Li height dx * sum_z xi; mean over the pore's columns, averaged over pores weighted by their column counts, um");
        d.put("front_height_std_um", "standard deviation of those column Li heights within each pore, averaged over pores weighted by their column counts, um");
        d.put("channel_front_spread_um", "channels = connected pore sections of the depth slice at the mean front height; each channel's mean column Li height (of its pore); population standard deviation over the channels (0 with fewer than 2, and below 1e-6 of a cell: round-off), um");
        d.put("wall_creep_index", "deposited Li only, dxi = xi - xi_eq; per depth slice and pore section, s = (distance to the wall) / (section half-width); near-wall band s <= 1/3, centre band s >= 2/3, each cell weighted by the length of its extent across the section inside the band (sub-cell: the bands have their exact width on any grid); F_w, F_c = band-weighted mean dxi over the advancing zone (slices whose mean |dxi| exceeds 1 % of the largest), D = depth of that zone; WCI = (F_w - F_c) / max(|F_w| + |F_c|, 2 h_0 / D), h_0 = 1 nm (band heights F D below h_0 read as no creep): 0 uniform, 1 wall film only, -1 central finger; 0 when nothing was deposited (largest slice mean |dxi| < 1e-6)");
        d.put("wci_unresolved_sections", "pore sections of the advancing zone too narrow (< 3 cells across) to split into near-wall and centre cells: not in the WCI");
        d.put("wci_sections", "pore sections of the advancing zone");
        d.put("contact_area_um2", "Li|LLZO contact: sum over open-solid cell faces of h(xi of the open cell) * face area, um2 (2D: per um of depth, i.e. um)");
        d.put("contact_area_ratio", "contact_area_um2 / flat projected electrode area (nx ny dx2; 2D nx dx): ties to R_J of eq. 2 (1 for a perfect flat contact)");
        d.put("interface_void_fraction", "fraction of the open-solid faces in contact at the equilibrated start (xi_eq >= 0.5) that lost contact (xi < 0.5); 0 when none was in contact");
        d.put("hot_spot_ratio", "local current density at the active interface, j = |R| / w per cell (w the reaction weight h'(xi) h(phi_LLZO) e, e = 1 on the Li connected to the current collector and its rim: j is the current per unit of active Li|LLZO contact, i0 times the Butler-Volmer bracket of the cell, |c exp(-beta n eta) - exp(alpha n eta)| with eta = V - phi, evaluated on the row's own xi, phi, c and V, not from the last step's R, whose weights belong to the front one step earlier); active interface = open cells with w > 1 % of the largest; ratio = max j / (sum |R| / sum w), the largest over the contact-weighted mean; 1 = the same kinetics everywhere, 0 when no cell reacts (mean j < 1e-12 L_eta; not bulk LLZO)");
        d.put("active_interface_cells", "number of cells of the active interface (reaction weight h'(xi) h(phi_LLZO) e > 1 % of its largest value)");
        d.put("dead_li_fraction", "dead Li volume / total Li volume: Li metal (open cells with xi >= 0.5) not face-connected through such cells to the current-collector face z = 0, sum of xi dV, over sum of xi dV of all open cells");
        d.put("dead_li_volume_um3", "sum of xi dV over the dead Li cells, um3 (2D: of the slab one cell thick)");
        d.put("trapped_void_fraction", "scaffold pore cells with xi < 0.5 in vacuum components (6-/4-connected) that do not reach the far (counter) end of the scaffold, over all scaffold pore cells; closed pores of the geometry count from t = 0");
        d.put("shorted", "1 when Li metal (xi >= 0.5) occupies a cell of the last layer before the counter electrode (z = nz - 1), else 0; the run stops (status shorted) when Li arrives at a cell of that layer that had none at the equilibrated start");
        d.put("cell_potential_V", "metal potential V of the connected Li vs the counter electrode, V (negative when plating; includes the ohmic drop)");
        d.put("kinetic_overpotential_V", "|R|-weighted mean over the active interface of eta = V - phi (phi the electrolyte potential at the cell), V");
        d.put("cell_potential_integral_V_s", "integral of cell_potential_V over time, V s (its difference over a half-cycle / the half-cycle time = the mean cell potential)");
        d.put("llzo_current_density_max_A_m2", "largest local ionic current density |sigma grad phi| over the LLZO cells (phi_LLZO > 1/2) carrying current, A/m2 (bulk measure, not the hot-spot metric)");
        d.put("llzo_current_density_mean_A_m2", "mean of |sigma grad phi| over the same LLZO cells, A/m2");
        d.put("llzo_current_density_max_over_mean", "llzo_current_density_max / mean: dominated by the bulk LLZO, about 1.1 whatever the front does (use hot_spot_ratio for hot spots)");
        d.put("c_min", "smallest c/c0 over the cells carrying ionic current");
        d.put("c_max", "largest c/c0 over the cells carrying ionic current");
        DEFINITIONS = Collections.unmodifiableMap(d);
    }

    /** Time-series column names (CSV header), all keys of {@link #DEFINITIONS} except the 3D-only helpers. */
    public static final List<String> COLUMNS = List.of("time_s", "steps", "half_cycle", "current_density_mA_cm2", "applied_charge_mC_cm2",
            "plated_charge_mC_cm2", "counter_charge_mC_cm2", "charge_balance_rel_error", "counter_charge_balance_rel_error", "fill_fraction",
            "front_height_mean_um", "front_height_std_um", "channel_front_spread_um", "wall_creep_index", "wci_unresolved_sections", "wci_sections",
            "contact_area_um2", "contact_area_ratio", "interface_void_fraction", "hot_spot_ratio", "active_interface_cells", "dead_li_fraction",
            "dead_li_volume_um3", "trapped_void_fraction", "shorted", "cell_potential_V", "kinetic_overpotential_V", "cell_potential_integral_V_s",
            "llzo_current_density_max_A_m2", "llzo_current_density_mean_A_m2", "llzo_current_density_max_over_mean", "c_min", "c_max");

    /** The run driver's bookkeeping for one row (what the fields alone cannot give). */
    public static final class Ledger {
        public double timeS;
        public long steps;
        public int halfCycle;
        public double currentMaCm2;
        /** ∫I dt, mC cm⁻². */
        public double appliedMcCm2;
        /** ∫|I| dt, mC cm⁻². */
        public double absoluteMcCm2;
        /** ∫ counter-face current dt, mC cm⁻². */
        public double counterMcCm2;
        /** ∫V dt, V s. */
        public double potentialIntegralVs;
    }

    private final PhaseFieldSolver s;
    private final Geometry g;
    private final PhaseFieldParameters p;
    private final int[] poreLabel;
    private final int nPores;
    /**
     * Per scaffold pore cell: the length (in cells) of the cell's extent across its section that lies in the
     * near-wall band (s ≤ 1/3) and in the centre band (s ≥ 2/3) of the wall-creep index ({@link #classify}).
     */
    private final float[] bandWall;
    private final float[] bandCentre;
    /** In-slice pore section of each scaffold pore cell (per-slice ids, −1 elsewhere). */
    private final int[] section;
    private final int[] sectionsPerSlice;
    /** Per slice: flags of the sections that are unresolved (no near-wall or no centre cell). */
    private final boolean[][] unresolved;
    private final int nPoreCells;
    private final int[] poreCellsPerSlice;
    /** Open cell of each open–solid face (a cell with k such faces is listed k times). */
    private final int[] contactFaceOpen;
    private final double faceArea;
    private final double projectedArea;

    /** Metrics of a solver's run (reference ξ_ref = the solver geometry's xi0). */
    public RunMetrics(PhaseFieldSolver solver) {
        this(solver.geometry(), solver.parameters(), solver);
    }

    /** Field-only metrics on a geometry (no solver: the reaction and potential metrics read 0). */
    public RunMetrics(Geometry g, PhaseFieldParameters p) {
        this(g, p, null);
    }

    private RunMetrics(Geometry g, PhaseFieldParameters p, PhaseFieldSolver solver) {
        this.s = solver;
        this.g = g;
        this.p = p;
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
        bandWall = new float[n];
        bandCentre = new float[n];
        section = new int[n];
        java.util.Arrays.fill(section, -1);
        sectionsPerSlice = new int[nzS];
        unresolved = new boolean[nzS][];
        classify();
        // open–solid faces
        int plane = g.nx * g.ny;
        List<Integer> faces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!g.open[i]) {
                continue;
            }
            int x = i % g.nx;
            int y = (i / g.nx) % g.ny;
            int z = i / plane;
            if (x > 0 && !g.open[i - 1]) {
                faces.add(i);
            }
            if (x < g.nx - 1 && !g.open[i + 1]) {
                faces.add(i);
            }
            if (y > 0 && !g.open[i - g.nx]) {
                faces.add(i);
            }
            if (y < g.ny - 1 && !g.open[i + g.nx]) {
                faces.add(i);
            }
            if (z > 0 && !g.open[i - plane]) {
                faces.add(i);
            }
            if (z < g.nz - 1 && !g.open[i + plane]) {
                faces.add(i);
            }
        }
        contactFaceOpen = new int[faces.size()];
        for (int k = 0; k < contactFaceOpen.length; k++) {
            contactFaceOpen[k] = faces.get(k);
        }
        boolean three = g.ny > 1;
        faceArea = three ? g.dxUm * g.dxUm : g.dxUm;
        projectedArea = three ? plane * g.dxUm * g.dxUm : g.nx * g.dxUm;
    }

    /**
     * Near-wall / centre band weights per depth slice (see {@link #DEFINITIONS} "wall_creep_index"). The
     * distance d of a cell centre to the wall face is the in-slice Euclidean distance to the nearest
     * solid cell centre minus ½ cell; the section half-width R is the largest d, plus ½ cell when that
     * maximum is a plateau of face-adjacent cells (an even number of cells across), so that a channel of
     * w cells has R = w/2 exact. A cell covers the wall distances [d − ½, d + ½] (the part beyond R folded
     * back: the centre cell of an odd width covers [R − ½, R] twice); its band weights are the lengths of
     * that extent inside [0, R/3] and [2R/3, R] ({@link #bandOverlap}). So the bands have their exact width
     * R/3 on any grid — classes by cell centre gave 5 of 16 half-width cells (0.31 R) at 4 cells per
     * interface and 11 of 32 (0.34 R) at 8 — and the WCI is a sub-cell integral over fixed fractions of the
     * section. Sections of 1–2 cells across have no near-wall/centre split (a cell in both bands:
     * unresolved, counted).
     */
    private void classify() {
        int nx = g.nx;
        int ny = g.ny;
        int plane = nx * ny;
        boolean[] sl = new boolean[plane];
        boolean[] notSl = new boolean[plane];
        int[] lab = new int[plane];
        for (int z = g.zScaffoldStart; z < g.zScaffoldEnd; z++) {
            int k = z - g.zScaffoldStart;
            boolean any = false;
            for (int xy = 0; xy < plane; xy++) {
                sl[xy] = g.pore[xy + plane * z];
                notSl[xy] = !sl[xy];
                any |= sl[xy];
            }
            if (!any) {
                unresolved[k] = new boolean[0];
                continue;
            }
            double[] d = DistanceTransform.distanceTo(notSl, nx, ny, 1);
            int nl = PoreLabeling.labelGrid(sl, lab, nx, ny, 1, 6);
            sectionsPerSlice[k] = nl;
            double[] dmax = new double[nl];
            for (int xy = 0; xy < plane; xy++) {
                if (sl[xy]) {
                    double dd = Math.min(d[xy], 1e9) - 0.5;
                    d[xy] = dd;
                    dmax[lab[xy]] = Math.max(dmax[lab[xy]], dd);
                }
            }
            boolean[] plateau = new boolean[nl];
            for (int xy = 0; xy < plane; xy++) {
                if (!sl[xy]) {
                    continue;
                }
                int l = lab[xy];
                if (plateau[l] || Math.abs(d[xy] - dmax[l]) > 1e-9) {
                    continue;
                }
                int x = xy % nx;
                int y = xy / nx;
                if (x + 1 < nx && sl[xy + 1] && Math.abs(d[xy + 1] - dmax[l]) <= 1e-9
                        || y + 1 < ny && sl[xy + nx] && Math.abs(d[xy + nx] - dmax[l]) <= 1e-9) {
                    plateau[l] = true;
                }
            }
            boolean[] hasWall = new boolean[nl];
            boolean[] hasCentre = new boolean[nl];
            boolean[] both = new boolean[nl];
            for (int xy = 0; xy < plane; xy++) {
                if (!sl[xy]) {
                    continue;
                }
                int l = lab[xy];
                int i = xy + plane * z;
                section[i] = l;
                double r = dmax[l] + (plateau[l] ? 0.5 : 0);
                double ow = bandOverlap(d[xy], r, 0, r / 3);
                double oc = bandOverlap(d[xy], r, 2 * r / 3, r);
                bandWall[i] = (float) ow;
                bandCentre[i] = (float) oc;
                if (ow > 1e-9 && oc > 1e-9) {
                    both[l] = true;
                }
                if (ow > 1e-9) {
                    hasWall[l] = true;
                }
                if (oc > 1e-9) {
                    hasCentre[l] = true;
                }
            }
            unresolved[k] = new boolean[nl];
            for (int l = 0; l < nl; l++) {
                unresolved[k][l] = !(hasWall[l] && hasCentre[l]) || both[l];
            }
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                if (sl[xy] && unresolved[k][lab[xy]]) {
                    bandWall[i] = 0;
                    bandCentre[i] = 0;
                }
            }
        }
    }

    /**
     * Length of the wall-distance extent of a cell with centre distance d (cells) in a section of half-width r
     * that lies in [a, b]: the extent [d − ½, d + ½], its part beyond r folded back onto [2r − d − ½, r].
     */
    static double bandOverlap(double d, double r, double a, double b) {
        double lo = Math.max(0, d - 0.5);
        double hi = Math.min(d + 0.5, r);
        double o = Math.max(0, Math.min(hi, b) - Math.max(lo, a));
        if (d + 0.5 > r) {
            double lo2 = Math.max(0, 2 * r - d - 0.5);
            o += Math.max(0, Math.min(r, b) - Math.max(lo2, a));
        }
        return o;
    }

    /** Metrics of the solver's current state without a driver (time and steps from the solver; no charge ledger). */
    public Map<String, Double> compute() {
        Ledger led = new Ledger();
        led.timeS = s.time();
        led.steps = s.steps();
        led.currentMaCm2 = s.currentDensityMaCm2();
        return compute(led);
    }

    /** Metrics of the solver's current state with the driver's ledger, keyed as {@link #COLUMNS}. */
    public Map<String, Double> compute(Ledger led) {
        return compute(led, Fields.live(s));
    }

    /**
     * The solver fields a metrics row reads: the live arrays, or copies taken after a step so that the
     * row can be computed on another thread while the run goes on (the same numbers either way).
     */
    static final class Fields {
        final double[] xi;
        final double[] reaction;
        final double[] psi;
        final double[] c;
        final double vVolts;

        private Fields(double[] xi, double[] reaction, double[] psi, double[] c, double vVolts) {
            this.xi = xi;
            this.reaction = reaction;
            this.psi = psi;
            this.c = c;
            this.vVolts = vVolts;
        }

        static Fields live(PhaseFieldSolver s) {
            return new Fields(s.xi(), s.reactionRate(), s.potentialScaled(), s.concentration(), s.electrodePotentialV());
        }

        static Fields copy(PhaseFieldSolver s) {
            return new Fields(s.xi().clone(), s.reactionRate(), s.potentialScaled().clone(), s.concentration().clone(), s.electrodePotentialV());
        }
    }

    /** A copy of a ledger (for a row computed while the driver's ledger moves on). */
    static Ledger copy(Ledger a) {
        Ledger b = new Ledger();
        b.timeS = a.timeS;
        b.steps = a.steps;
        b.halfCycle = a.halfCycle;
        b.currentMaCm2 = a.currentMaCm2;
        b.appliedMcCm2 = a.appliedMcCm2;
        b.absoluteMcCm2 = a.absoluteMcCm2;
        b.counterMcCm2 = a.counterMcCm2;
        b.potentialIntegralVs = a.potentialIntegralVs;
        return b;
    }

    /** Metrics of the given fields of this metrics' solver with a ledger, keyed as {@link #COLUMNS}. */
    Map<String, Double> compute(Ledger led, Fields f) {
        double[] xi = f.xi;
        double[] ref = g.xi0;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("time_s", led.timeS);
        m.put("steps", (double) led.steps);
        m.put("half_cycle", (double) led.halfCycle);
        m.put("current_density_mA_cm2", led.currentMaCm2);
        double plated = platedChargeMcCm2(xi, ref);
        m.put("applied_charge_mC_cm2", led.appliedMcCm2);
        m.put("plated_charge_mC_cm2", plated);
        m.put("counter_charge_mC_cm2", led.counterMcCm2);
        m.put("charge_balance_rel_error", led.absoluteMcCm2 > 0 ? (plated - led.appliedMcCm2) / led.absoluteMcCm2 : 0.0);
        m.put("counter_charge_balance_rel_error", led.absoluteMcCm2 > 0 ? (plated - led.counterMcCm2) / led.absoluteMcCm2 : 0.0);
        m.put("fill_fraction", fillFraction(xi));
        double[] fh = frontHeights(xi);
        m.put("front_height_mean_um", fh[0]);
        m.put("front_height_std_um", fh[1]);
        m.put("channel_front_spread_um", channelFrontSpread(xi));
        double[] w = wallCreep(xi, ref);
        m.put("wall_creep_index", w[0]);
        m.put("wci_unresolved_sections", w[1]);
        m.put("wci_sections", w[2]);
        m.put("contact_area_um2", contactAreaUm2(xi));
        m.put("contact_area_ratio", contactAreaRatio(xi));
        m.put("interface_void_fraction", interfaceVoidFraction(xi, ref));
        double[] r = f.reaction;
        boolean[] conn = connectedLi(xi); // one flood for the reaction weights and the dead Li
        double[] wts = reactionWeights(xi, conn);
        boolean[] active = active(wts);
        double[] hs = hotSpot(localRates(wts, f.psi, f.c, f.vVolts / p.thermalVoltage(), p), wts, active, noReactionRate());
        m.put("hot_spot_ratio", hs[0]);
        m.put("active_interface_cells", hs[1]);
        double[] dl = deadLi(xi, conn);
        m.put("dead_li_fraction", dl[1] > 0 ? dl[0] / dl[1] : 0.0);
        m.put("dead_li_volume_um3", dl[0]);
        m.put("trapped_void_fraction", trappedVoidFraction(xi));
        m.put("shorted", shorted(xi) ? 1.0 : 0.0);
        double vt = p.thermalVoltage();
        double vVolts = f.vVolts;
        m.put("cell_potential_V", vVolts);
        m.put("kinetic_overpotential_V", kineticOverpotentialV(r, active, f.psi, vVolts, vt));
        m.put("cell_potential_integral_V_s", led.potentialIntegralVs);
        double mx = 0;
        double sum = 0;
        int cnt = 0;
        double cmin = Double.POSITIVE_INFINITY;
        double cmax = Double.NEGATIVE_INFINITY;
        double[] c = f.c;
        for (int i : s.ionIdx) {
            double ji = s.currentDensity(f.psi, i); // the current density is non-zero on ionic cells only
            if (!(ji > 0)) {
                continue;
            }
            cmin = Math.min(cmin, c[i]);
            cmax = Math.max(cmax, c[i]);
            if (!g.open[i] && g.phi[i] > 0.5) {
                mx = Math.max(mx, ji);
                sum += ji;
                cnt++;
            }
        }
        double mean = cnt > 0 ? sum / cnt : 0;
        m.put("llzo_current_density_max_A_m2", mx);
        m.put("llzo_current_density_mean_A_m2", mean);
        m.put("llzo_current_density_max_over_mean", mean > 0 ? mx / mean : 0.0);
        m.put("c_min", cnt > 0 ? cmin : 1.0);
        m.put("c_max", cnt > 0 ? cmax : 1.0);
        // former names for listeners written against them (not time-series columns; see PhaseFieldResult.DEPRECATED_ALIASES)
        for (Map.Entry<String, String> e : PhaseFieldResult.DEPRECATED_ALIASES.entrySet()) {
            m.put(e.getKey(), m.get(e.getValue()));
        }
        return m;
    }

    /** nFC_m^s Σ(ξ − ξ_ref)dV / A over the open cells, mC cm⁻² (2D: slab one cell thick over its face). */
    public double platedChargeMcCm2(double[] xi, double[] ref) {
        double sum = 0;
        for (int i = 0; i < xi.length; i++) {
            if (g.open[i]) {
                sum += xi[i] - ref[i];
            }
        }
        double dx = g.dxUm;
        double volM3 = sum * dx * dx * dx * 1e-18;
        double areaM2 = g.nx * g.ny * dx * dx * 1e-12;
        return p.currentConstant() * volM3 / areaM2 * 0.1;
    }

    /**
     * Li fraction of the scaffold pore space, Σξ / N over the scaffold pore cells, <b>clamped</b> to
     * [0, 1] (the semi-implicit step overshoots 1 by ~10⁻⁵ in fully plated cells); only the reported
     * fraction is clamped, the plated charge uses the unclamped ∫ξ dV.
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

    /** Fill fraction per scaffold depth slice (depth = (k + ½)·dx from the scaffold surface), clamped to [0, 1]. */
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

    /** Li height dx·Σ_z ξ of pore {@code label} in column xy, µm. */
    private double columnHeight(double[] xi, int xy, int label) {
        int plane = g.nx * g.ny;
        double h = 0;
        for (int z = g.zScaffoldStart; z < g.zScaffoldEnd; z++) {
            int i = xy + plane * z;
            if (poreLabel[i] == label) {
                h += xi[i];
            }
        }
        return h * g.dxUm;
    }

    /** {mean, std} of front heights (µm), see {@link #DEFINITIONS}. */
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

    /** Channel-to-channel front spread (µm), see {@link #DEFINITIONS}. */
    public double channelFrontSpread(double[] xi) {
        int nzS = g.zScaffoldEnd - g.zScaffoldStart;
        if (nzS <= 0 || nPores == 0) {
            return 0;
        }
        double mean = frontHeights(xi)[0];
        int k = (int) Math.floor(mean / g.dxUm);
        k = Math.max(0, Math.min(nzS - 1, k));
        // nearest slice with pore sections (a real scaffold may have a solid slice there)
        int kk = -1;
        for (int d = 0; d < nzS && kk < 0; d++) {
            if (k - d >= 0 && sectionsPerSlice[k - d] > 0) {
                kk = k - d;
            } else if (k + d < nzS && sectionsPerSlice[k + d] > 0) {
                kk = k + d;
            }
        }
        if (kk < 0 || sectionsPerSlice[kk] < 2) {
            return 0;
        }
        int plane = g.nx * g.ny;
        int z = kk + g.zScaffoldStart;
        int ns = sectionsPerSlice[kk];
        double[] sum = new double[ns];
        int[] cnt = new int[ns];
        for (int xy = 0; xy < plane; xy++) {
            int i = xy + plane * z;
            int l = section[i];
            if (l < 0) {
                continue;
            }
            sum[l] += columnHeight(xi, xy, poreLabel[i]);
            cnt[l]++;
        }
        double a = 0;
        int m = 0;
        for (int l = 0; l < ns; l++) {
            if (cnt[l] > 0) {
                a += sum[l] / cnt[l];
                m++;
            }
        }
        if (m < 2) {
            return 0;
        }
        // two passes: Σh²/m − μ² cancels to ~10⁻¹⁴ µm² at h ≈ 5 µm, which read as a spread of ~10⁻⁷ µm between equal channels
        double mu = a / m;
        double v = 0;
        for (int l = 0; l < ns; l++) {
            if (cnt[l] > 0) {
                double d = sum[l] / cnt[l] - mu;
                v += d * d;
            }
        }
        double spread = Math.sqrt(v / m);
        return spread < SPREAD_FLOOR * g.dxUm ? 0 : spread;
    }

    /** Channel-to-channel front spreads below this fraction of a cell are round-off of the column heights and read as 0. */
    static final double SPREAD_FLOOR = 1e-6;

    /** The wall-creep index of the deposited Li (ξ − ξ_ref), see {@link #DEFINITIONS}. */
    public double wallCreepIndex(double[] xi, double[] ref) {
        return wallCreep(xi, ref)[0];
    }

    /** Largest slice-mean |ξ − ξ_eq| below which no Li counts as deposited (the WCI is then 0). */
    static final double NO_DEPOSIT = 1e-6;
    /**
     * Deposited Li height (µm) below which the WCI reads no creep: the WCI's denominator is at least twice this
     * height (over the advancing zone's depth), so a redistribution of a few 10⁻⁵ µm reads ≈ 0.01, not ±1. 1 nm (a few atomic layers; 2 s of plating at 0.2 mA cm⁻² in 50 % pores); the zero-current drift
     * after the equilibration (≈ 10⁻⁵ µm of redistribution in 300 s) read as ±1 without it.
     */
    static final double DEPOSIT_FLOOR_UM = 1e-3;

    /** {WCI, unresolved sections in the advancing zone, sections in the advancing zone}. */
    public double[] wallCreep(double[] xi, double[] ref) {
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
                    a += Math.abs(xi[i] - ref[i]);
                }
            }
            sliceMean[k] = poreCellsPerSlice[k] > 0 ? a / poreCellsPerSlice[k] : 0;
            best = Math.max(best, sliceMean[k]);
        }
        if (best <= NO_DEPOSIT) {
            return new double[] {0, 0, 0}; // nothing deposited (e.g. zero current): round-off must not read as ±1
        }
        double sw = 0;
        double sc = 0;
        double nw = 0;
        double nc = 0;
        int nUnres = 0;
        int nSec = 0;
        int zoneSlices = 0;
        for (int k = 0; k < nzS; k++) {
            if (sliceMean[k] < ADVANCING_ZONE * best) {
                continue;
            }
            zoneSlices++;
            for (boolean u : unresolved[k]) {
                nSec++;
                nUnres += u ? 1 : 0;
            }
            int z = k + g.zScaffoldStart;
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                double ow = bandWall[i];
                double oc = bandCentre[i];
                if (ow > 0 || oc > 0) {
                    double dxi = xi[i] - ref[i];
                    sw += ow * dxi;
                    nw += ow;
                    sc += oc * dxi;
                    nc += oc;
                }
            }
        }
        double wci = 0;
        if (nw > 0 && nc > 0) {
            double fw = sw / nw;
            double fc = sc / nc;
            // F·(zone depth) is the band's mean deposited Li height; heights below DEPOSIT_FLOOR_UM are no deposit
            double den = Math.max(Math.abs(fw) + Math.abs(fc), 2 * DEPOSIT_FLOOR_UM / (zoneSlices * g.dxUm));
            wci = (fw - fc) / den;
        }
        return new double[] {wci, nUnres, nSec};
    }

    private static double hClamped(double x) {
        return x <= 0 ? 0 : x >= 1 ? 1 : x * x * x * (x * (6 * x - 15) + 10);
    }

    /** Li|LLZO contact area Σ h(ξ)·face area over the open–solid faces, µm² (2D: µm per µm of depth). */
    public double contactAreaUm2(double[] xi) {
        double a = 0;
        for (int i : contactFaceOpen) {
            a += hClamped(xi[i]);
        }
        return a * faceArea;
    }

    /** Contact area over the flat projected electrode area. */
    public double contactAreaRatio(double[] xi) {
        return projectedArea > 0 ? contactAreaUm2(xi) / projectedArea : 0;
    }

    /** Fraction of the faces in contact in the reference (ξ_ref ≥ ½) that are no longer (ξ &lt; ½). */
    public double interfaceVoidFraction(double[] xi, double[] ref) {
        long n0 = 0;
        long lost = 0;
        for (int i : contactFaceOpen) {
            if (ref[i] >= 0.5) {
                n0++;
                if (xi[i] < 0.5) {
                    lost++;
                }
            }
        }
        return n0 > 0 ? (double) lost / n0 : 0;
    }

    /**
     * The active interface: open cells whose reaction weight h'(ξ)·h(ϕ)·e exceeds {@link #ACTIVE_FRACTION}
     * of the largest, e = 1 on the Li connected to the current collector ({@link #connectedLi}) and on its
     * rim (a cell with ξ &lt; ½ face-adjacent to a connected cell) — the contract's electronic connection.
     */
    public boolean[] activeInterface(double[] xi) {
        return active(reactionWeights(xi));
    }

    /** Cells whose weight exceeds {@link #ACTIVE_FRACTION} of the largest (none when all are 0). */
    static boolean[] active(double[] w) {
        double mx = 0;
        for (double v : w) {
            mx = Math.max(mx, v);
        }
        boolean[] a = new boolean[w.length];
        if (mx > 0) {
            for (int i = 0; i < w.length; i++) {
                a[i] = w[i] > ACTIVE_FRACTION * mx;
            }
        }
        return a;
    }

    /**
     * The reaction weight h'(ξ)·h(ϕ)·e of every open cell (0 elsewhere): the solver's R is this weight times a
     * constant times the Butler–Volmer bracket of the cell, so |R|/weight is the local current density per unit
     * of active contact.
     */
    public double[] reactionWeights(double[] xi) {
        return reactionWeights(xi, connectedLi(xi));
    }

    /** {@link #reactionWeights(double[])} with the connected Li ({@link #connectedLi}) already found. */
    double[] reactionWeights(double[] xi, boolean[] conn) {
        int n = xi.length;
        int plane = g.nx * g.ny;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (!g.open[i]) {
                continue;
            }
            boolean e = conn[i];
            if (!e && xi[i] < 0.5) {
                int x = i % g.nx;
                int y = (i / g.nx) % g.ny;
                int z = i / plane;
                e = x > 0 && conn[i - 1] || x < g.nx - 1 && conn[i + 1] || y > 0 && conn[i - g.nx] || y < g.ny - 1 && conn[i + g.nx]
                        || z > 0 && conn[i - plane] || z < g.nz - 1 && conn[i + plane];
            }
            if (e) {
                double t = xi[i] <= 0 || xi[i] >= 1 ? 0 : xi[i] * (1 - xi[i]);
                w[i] = 30 * t * t * hClamped(g.phi[i]);
            }
        }
        return w;
    }

    /**
     * {hot-spot ratio, active cells}: the local current density of a cell of the active interface is j = |R|/w
     * (w its reaction weight h'(ξ)h(ϕ)e: the current per unit of active Li|LLZO contact, i₀ times the cell's
     * Butler–Volmer bracket); ratio = max j / (Σ|R| / Σw), the largest over the contact-weighted mean. 1 when the
     * kinetics is the same everywhere; {0, n} when no active cell reacts (mean j ≤ {@code minRate}, s⁻¹: at zero
     * current |R| is round-off, ≈ 10⁻¹⁸, and its max/mean would be noise). Not a per-cell max/mean of |R|: that one
     * measured how finely the grid samples the diffuse reaction profile (3.2 / 4.2 / 5.0 at 4 / 8 / 16 cells per
     * interface on the same 5 µm channel), not where the current goes.
     */
    public static double[] hotSpot(double[] r, double[] w, boolean[] active, double minRate) {
        int n = 0;
        double mx = 0;
        double sum = 0;
        double sw = 0;
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                n++;
                double a = r == null ? 0 : Math.abs(r[i]);
                mx = Math.max(mx, a / w[i]);
                sum += a;
                sw += w[i];
            }
        }
        return new double[] {sum > 0 && sum / sw > minRate ? mx / (sum / sw) : 0, n};
    }

    /**
     * The reaction of the given state at its own potentials, L_η·w·[c̃ e^{−βnη} − e^{αnη}] per cell with η = V − ψ (ψ units),
     * w the reaction weights of that state (0 where w = 0): the solver's R up to its constant normalisation of w, taken
     * on one state. The solver's R of the last step cannot serve the hot spot: it was formed with the weights of ξⁿ,
     * the front one step behind the ξⁿ⁺¹ of the row, so |R|/w(ξⁿ⁺¹) read the front's motion per step at its thin
     * tails (0.6 µm channels: 1.040 / 1.025 / 1.018 at Δt = 1 / 0.5 / 0.25 s for a bracket uniform to 1 %). Without
     * potentials (null) R is all 0.
     */
    static double[] localRates(double[] w, double[] psiScaled, double[] c, double vScaled, PhaseFieldParameters p) {
        double[] r = new double[w.length];
        if (psiScaled == null || c == null) {
            return r;
        }
        double an = p.alpha * p.electrons;
        double bn = p.beta * p.electrons;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                double eta = vScaled - psiScaled[i];
                r[i] = p.reactionConstant * w[i] * (c[i] * Math.exp(-bn * eta) - Math.exp(an * eta));
            }
        }
        return r;
    }

    /** Mean local current density (|R|/w, s⁻¹) below which no cell counts as reacting: 10⁻¹² L_η. */
    double noReactionRate() {
        return 1e-12 * p.reactionConstant;
    }

    /** |R|-weighted mean of η = V − φ over the active cells, V; 0 without reaction. */
    public static double kineticOverpotentialV(double[] r, boolean[] active, double[] psiScaled, double vVolts, double thermalV) {
        if (r == null || psiScaled == null) {
            return 0;
        }
        double sw = 0;
        double se = 0;
        for (int i = 0; i < r.length; i++) {
            if (active[i]) {
                double a = Math.abs(r[i]);
                sw += a;
                se += a * (vVolts - psiScaled[i] * thermalV);
            }
        }
        return sw > 0 ? se / sw : 0;
    }

    /**
     * Electronically connected Li metal: open cells with ξ ≥ ½ face-connected through such cells to
     * the current-collector face z = 0.
     */
    public boolean[] connectedLi(double[] xi) {
        int n = xi.length;
        int plane = g.nx * g.ny;
        boolean[] li = new boolean[n];
        for (int i = 0; i < n; i++) {
            li[i] = g.open[i] && xi[i] >= 0.5;
        }
        boolean[] reach = new boolean[n];
        int[] q = new int[n];
        int qt = 0;
        for (int xy = 0; xy < plane; xy++) {
            if (li[xy]) {
                reach[xy] = true;
                q[qt++] = xy;
            }
        }
        PoreLabeling.flood(li, reach, q, qt, g.nx, g.ny, g.nz, 6);
        return reach;
    }

    /** {dead Li volume, total Li volume} (Σ ξ dV, µm³; 2D of the slab one cell thick), see {@link #DEFINITIONS}. */
    public double[] deadLi(double[] xi) {
        return deadLi(xi, connectedLi(xi));
    }

    /** {@link #deadLi(double[])} with the connected Li ({@link #connectedLi}) already found. */
    double[] deadLi(double[] xi, boolean[] conn) {
        double dead = 0;
        double tot = 0;
        for (int i = 0; i < xi.length; i++) {
            if (!g.open[i]) {
                continue;
            }
            tot += Math.max(0, xi[i]);
            if (xi[i] >= 0.5 && !conn[i]) {
                dead += xi[i];
            }
        }
        double dv = g.dxUm * g.dxUm * g.dxUm;
        return new double[] {dead * dv, tot * dv};
    }

    /** Dead Li volume / total Li volume. */
    public double deadLiFraction(double[] xi) {
        double[] d = deadLi(xi);
        return d[1] > 0 ? d[0] / d[1] : 0;
    }

    /**
     * True when Li metal arrived at the last layer: a cell of z = nz − 1 with ξ ≥ ½ that had ξ_ref &lt; ½
     * (Li already there at the equilibrated start — impregnation through the whole scaffold — is not a new short).
     */
    public boolean newShort(double[] xi) {
        int plane = g.nx * g.ny;
        int base = plane * (g.nz - 1);
        for (int xy = 0; xy < plane; xy++) {
            int i = base + xy;
            if (g.open[i] && xi[i] >= 0.5 && g.xi0[i] < 0.5) {
                return true;
            }
        }
        return false;
    }

    /** True when Li metal (ξ ≥ ½) occupies a cell of the last layer z = nz − 1 (a short). */
    public boolean shorted(double[] xi) {
        int plane = g.nx * g.ny;
        int base = plane * (g.nz - 1);
        for (int xy = 0; xy < plane; xy++) {
            if (g.open[base + xy] && xi[base + xy] >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /** Trapped-void fraction, see {@link #DEFINITIONS}. */
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

    /** A time-series row back as a map (keys {@link #COLUMNS}; a shorter row of an older checkpoint leaves keys out). */
    public static Map<String, Double> map(List<Object> row) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < Math.min(row.size(), COLUMNS.size()); k++) {
            Object o = row.get(k);
            m.put(COLUMNS.get(k), o == null ? Double.NaN : ((Number) o).doubleValue());
        }
        return m;
    }
}
