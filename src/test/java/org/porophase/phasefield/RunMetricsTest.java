package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ground truths of every {@link RunMetrics} metric on hand-made fields where the answer is known,
 * zero included. The geometries are built cell by cell ({@link Geometry#restore}) so the channel widths
 * in cells are exact: a dense Li layer z &lt; zs, then vertical channels (open columns) in LLZO down to nz.
 */
class RunMetricsTest {
    static final double DX = 0.25;

    /**
     * nx × nz grid, Li layer of zs rows, pore columns given by {@code poreCols}, Li impregnated fully
     * (ξ = 1) down to row zs + fill − 1 of every channel.
     */
    static Geometry channels(int nx, int nz, int zs, boolean[] poreCols, int fill) {
        int n = nx * nz;
        double[] phi = new double[n];
        boolean[] open = new boolean[n];
        boolean[] pore = new boolean[n];
        double[] xi0 = new double[n];
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * z;
                boolean o = z < zs || poreCols[x];
                open[i] = o;
                pore[i] = z >= zs && poreCols[x];
                phi[i] = o ? 0 : 1;
                xi0[i] = o && z < zs + fill ? 1 : 0;
            }
        }
        return Geometry.restore(nx, 1, nz, DX, zs, nz, phi, open, pore, xi0, DX, Geometry.Side.TOP, "test");
    }

    /** Columns [a, b) open, repeated: channels of width w cells with period per cells, starting at off. */
    static boolean[] cols(int nx, int w, int per, int off) {
        boolean[] c = new boolean[nx];
        for (int x = 0; x < nx; x++) {
            int k = Math.floorMod(x - off, per);
            c[x] = k < w;
        }
        return c;
    }

    private static RunMetrics metrics(Geometry g) {
        return new RunMetrics(g, new PhaseFieldParameters());
    }

    /** Fill rows [z0, z1) of the pore cells of the columns that pass {@code which}. */
    private static double[] fillRows(Geometry g, double[] base, int z0, int z1, java.util.function.IntPredicate which, double v) {
        double[] xi = base.clone();
        for (int z = z0; z < z1; z++) {
            for (int x = 0; x < g.nx; x++) {
                int i = x + g.nx * z;
                if (g.pore[i] && which.test(x)) {
                    xi[i] = v;
                }
            }
        }
        return xi;
    }

    @Test
    void wallCreepIndexOnTheDepositedLi() {
        // 2 channels of 12 cells (3 µm), period 24
        Geometry g = channels(48, 60, 4, cols(48, 12, 24, 6), 20);
        RunMetrics m = metrics(g);
        int zs = g.zScaffoldStart;
        // nothing deposited: 0, no section counted
        assertEquals(0.0, m.wallCreepIndex(g.xi0, g.xi0));
        // uniform flat advance by 4 rows → exactly 0
        double[] flat = fillRows(g, g.xi0, zs + 20, zs + 24, x -> true, 1);
        double[] w = m.wallCreep(flat, g.xi0);
        assertEquals(0.0, w[0], 1e-12);
        assertEquals(0.0, w[1]);
        assertEquals(8.0, w[2], "2 sections × 4 slices in the advancing zone");
        // film only along the walls (the first and last column of each channel) → 1
        double[] film = fillRows(g, g.xi0, zs + 20, zs + 32, x -> x == 6 || x == 17 || x == 30 || x == 41, 1);
        assertEquals(1.0, m.wallCreepIndex(film, g.xi0), 1e-12);
        // central finger → −1
        double[] finger = fillRows(g, g.xi0, zs + 20, zs + 32, x -> x == 11 || x == 12 || x == 35 || x == 36, 1);
        assertEquals(-1.0, m.wallCreepIndex(finger, g.xi0), 1e-12);
        // relative to an equilibrated reference with a meniscus: the meniscus itself is not creep
        double[] eq = fillRows(g, g.xi0, zs + 20, zs + 22, x -> x == 6 || x == 17 || x == 30 || x == 41, 1);
        double[] eqPlusFlat = fillRows(g, eq, zs + 22, zs + 26, x -> true, 1);
        assertEquals(0.0, m.wallCreepIndex(eqPlusFlat, eq), 1e-12);
        assertTrue(m.wallCreepIndex(eqPlusFlat, g.xi0) > 0.05, "against the flat start the meniscus reads as creep");
    }

    /**
     * The WCI bands are sub-cell integrals over fixed fractions of the section: a deposit growing linearly with the
     * distance d to the wall, dξ = d (cells), has the continuum WCI (F_w − F_c)/(F_w + F_c) with F_w = R/6, F_c = 5R/6:
     * −2/3 for any half-width R. 12-cell channels (bands of whole cells): exact; 16-cell channels (a band edge
     * inside a cell): −0.65625 (the cell-centre value weighted by its overlap), within 0.015; classes by cell centre
     * gave −0.625 there.
     */
    @Test
    void wallCreepBandsHaveTheirExactWidth() {
        for (int w : new int[] {12, 16}) {
            Geometry g = channels(2 * w + 4, 60, 4, cols(2 * w + 4, w, w + 2, 1), 20);
            RunMetrics m = metrics(g);
            int zs = g.zScaffoldStart;
            double[] xi = g.xi0.clone();
            for (int z = zs + 20; z < zs + 24; z++) {
                for (int x = 0; x < g.nx; x++) {
                    int i = x + g.nx * z;
                    if (g.pore[i]) {
                        int k = Math.floorMod(x - 1, w + 2);
                        double d = Math.min(k + 0.5, w - k - 0.5);
                        xi[i] = 0.01 * d;
                    }
                }
            }
            double wci = m.wallCreepIndex(xi, g.xi0);
            System.out.printf(java.util.Locale.ROOT, "linear deposit, %d-cell channels: WCI %.6f (continuum -2/3)%n", w, wci);
            assertEquals(-2.0 / 3.0, wci, w == 12 ? 1e-12 : 0.015);
        }
        // a film filling the near-wall band exactly (2 + 2/3 of the 8 half-width cells: the third cell is 2/3 in the band) reads 1
        assertEquals(2.0 / 3.0, RunMetrics.bandOverlap(2.5, 8, 0, 8.0 / 3), 1e-12);
        assertEquals(1.0, RunMetrics.bandOverlap(7.5, 8, 16.0 / 3, 8), 1e-12);
        assertEquals(1.0, RunMetrics.bandOverlap(1.5, 1.5, 1, 1.5), 1e-12, "centre cell of a 3-cell channel: both halves in the centre band");
    }

    /** A redistribution of 10⁻⁵ µm with nothing deposited (zero current after the equilibration) reads ≈ 0, not ±1. */
    @Test
    void wallCreepOfARedistributionWithoutDepositIsSmall() {
        Geometry g = channels(48, 60, 4, cols(48, 12, 24, 6), 20);
        RunMetrics m = metrics(g);
        int zs = g.zScaffoldStart;
        double[] xi = g.xi0.clone();
        // Li moves from the centre to the walls in one slice: +4e-5 at the walls, -4e-5 at the centre (net 0)
        for (int x = 0; x < g.nx; x++) {
            int i = x + g.nx * (zs + 20);
            if (g.pore[i]) {
                int k = Math.floorMod(x - 6, 24);
                xi[i] += k <= 1 || k >= 10 ? 4e-5 : k >= 4 && k <= 7 ? -4e-5 : 0;
            }
        }
        double wci = m.wallCreepIndex(xi, g.xi0);
        // F_w - F_c = 8e-5 over one slice (D = 0.25 um): 8e-5 * 0.25 / 2e-3 = 0.01
        assertEquals(0.01, wci, 1e-9);
    }

    @Test
    void narrowChannelsAreClassifiedOrCounted() {
        // 3-cell channels: wall, centre, wall → a wall film reads 1
        Geometry g3 = channels(24, 40, 4, cols(24, 3, 6, 1), 10);
        RunMetrics m3 = metrics(g3);
        int zs = g3.zScaffoldStart;
        double[] film = fillRows(g3, g3.xi0, zs + 10, zs + 14, x -> Math.floorMod(x - 1, 6) != 1, 1);
        double[] w3 = m3.wallCreep(film, g3.xi0);
        assertEquals(1.0, w3[0], 1e-12);
        assertEquals(0.0, w3[1], "3-cell channels are resolved");
        // 4-cell channels: wall, centre, centre, wall
        Geometry g4 = channels(24, 40, 4, cols(24, 4, 8, 2), 10);
        RunMetrics m4 = metrics(g4);
        double[] finger = fillRows(g4, g4.xi0, zs + 10, zs + 14, x -> Math.floorMod(x - 2, 8) == 1 || Math.floorMod(x - 2, 8) == 2, 1);
        assertEquals(-1.0, m4.wallCreepIndex(finger, g4.xi0), 1e-12);
        // 2-cell channels: no split; reported as unresolved instead of silently skipped
        Geometry g2 = channels(24, 40, 4, cols(24, 2, 6, 2), 10);
        RunMetrics m2 = metrics(g2);
        double[] adv = fillRows(g2, g2.xi0, zs + 10, zs + 14, x -> true, 1);
        double[] w2 = m2.wallCreep(adv, g2.xi0);
        assertEquals(0.0, w2[0]);
        assertEquals(16.0, w2[1], "4 channels × 4 slices unresolved");
        assertEquals(w2[1], w2[2]);
    }

    @Test
    void channelFrontSpread() {
        Geometry g = channels(48, 60, 4, cols(48, 12, 24, 6), 20);
        RunMetrics m = metrics(g);
        int zs = g.zScaffoldStart;
        assertEquals(0.0, m.channelFrontSpread(g.xi0), 1e-12);
        double[] flat = fillRows(g, g.xi0, zs + 20, zs + 24, x -> true, 1);
        assertEquals(0.0, m.channelFrontSpread(flat), 1e-12);
        // one channel 1 µm (4 rows) ahead: the two channel means differ by 1 µm → population std 0.5 µm
        double[] ahead = fillRows(g, g.xi0, zs + 20, zs + 24, x -> x < 24, 1);
        assertEquals(0.5, m.channelFrontSpread(ahead), 1e-12);
        double[] fh = m.frontHeights(ahead);
        assertEquals(5.5, fh[0], 1e-12);
        assertEquals(0.0, fh[1], 1e-12, "flat within each pore");
        // channels equal up to round-off read exactly 0 (the one-pass variance gave ~1e-7 um here), a real lag does not
        double[] partial = fillRows(g, g.xi0, zs + 20, zs + 21, x -> true, 0.37);
        for (int k = 1; k <= 3; k++) {
            double[] noisy = partial.clone();
            for (int i = 0; i < noisy.length; i++) {
                if (g.pore[i] && noisy[i] > 0 && noisy[i] < 1 && (i % g.nx) < 24) {
                    noisy[i] += k * 1e-13;
                }
            }
            assertEquals(0.0, m.channelFrontSpread(noisy), 0.0, "round-off " + k);
        }
        double[] lag = partial.clone();
        for (int i = 0; i < lag.length; i++) {
            if (g.pore[i] && lag[i] > 0 && lag[i] < 1 && (i % g.nx) < 24) {
                lag[i] += 0.004; // 0.004 of a row (0.25 um): 0.5 nm between the two channel means
            }
        }
        assertEquals(0.0005, m.channelFrontSpread(lag), 1e-9);
    }

    @Test
    void contactAreaAndInterfaceVoids() {
        // flat interface: 4 rows of Li on dense LLZO (no pores)
        int nx = 20;
        int nz = 12;
        Geometry flat = channels(nx, nz, 4, new boolean[nx], 0);
        RunMetrics m = metrics(flat);
        assertEquals(1.0, m.contactAreaRatio(flat.xi0), 1e-12);
        assertEquals(nx * DX, m.contactAreaUm2(flat.xi0), 1e-12, "2D: µm² per µm of depth");
        assertEquals(0.0, m.interfaceVoidFraction(flat.xi0, flat.xi0), "no gap → 0");
        // half of the contact row emptied (a void at the interface)
        double[] v = flat.xi0.clone();
        for (int x = 0; x < nx / 2; x++) {
            v[x + nx * 3] = 0;
        }
        assertEquals(0.5, m.interfaceVoidFraction(v, flat.xi0), 1e-12);
        assertEquals(0.5, m.contactAreaRatio(v), 1e-12);
        // ξ = ½ on the contact row: h(½) = ½
        double[] half = flat.xi0.clone();
        for (int x = 0; x < nx; x++) {
            half[x + nx * 3] = 0.5;
        }
        assertEquals(0.5, m.contactAreaRatio(half), 1e-12);
        assertEquals(0.0, m.interfaceVoidFraction(half, flat.xi0), "ξ = ½ still in contact");
        // channels filled to the bottom: walls add contact: 2 channels of 4 cells, 8 rows deep
        Geometry ch = channels(16, 12, 4, cols(16, 4, 8, 2), 8);
        RunMetrics mc = metrics(ch);
        // faces: top of the 8 wall columns (8) + 2 walls × 2 channels × 8 rows (32) + channel bottoms? none (open to nz)
        assertEquals((8 + 32) / 16.0, mc.contactAreaRatio(ch.xi0), 1e-12);
        assertEquals(0.0, mc.interfaceVoidFraction(ch.xi0, ch.xi0));
    }

    @Test
    void deadLiShortAndTrappedVoids() {
        Geometry g = channels(16, 40, 4, cols(16, 4, 8, 2), 8);
        RunMetrics m = metrics(g);
        assertEquals(0.0, m.deadLiFraction(g.xi0), "all Li connected to z = 0");
        assertFalse(m.shorted(g.xi0));
        // an island of 2 × 2 cells detached below the front
        double[] xi = g.xi0.clone();
        for (int z = 20; z < 22; z++) {
            xi[3 + 16 * z] = 1;
            xi[4 + 16 * z] = 1;
        }
        double total = 0;
        for (int i = 0; i < xi.length; i++) {
            total += g.open[i] ? xi[i] : 0;
        }
        assertEquals(4 / total, m.deadLiFraction(xi), 1e-12);
        assertEquals(4 * DX * DX * DX, m.deadLi(xi)[0], 1e-12);
        // Li at the last layer = short
        double[] sh = g.xi0.clone();
        sh[3 + 16 * 39] = 0.6;
        assertTrue(m.shorted(sh));
        // a Li bridge across both channels at z = 20 traps the vacuum between the front (z = 12) and it
        double[] bridge = g.xi0.clone();
        for (int x = 0; x < 16; x++) {
            if (g.pore[x + 16 * 20]) {
                bridge[x + 16 * 20] = 1;
            }
        }
        assertEquals(0.0, m.trappedVoidFraction(g.xi0));
        assertEquals(8.0 / 36.0, m.trappedVoidFraction(bridge), 1e-12, "rows 12..19 of the 36 pore rows, per pore cell");
        assertEquals(0.0, m.platedChargeMcCm2(g.xi0, g.xi0));
    }

    /**
     * Hot spots on the active interface only: a front row (ξ = ½) on diffuse walls (h(ϕ) &gt; 0 at the
     * wall-adjacent cells) is the active interface; reaction elsewhere (bulk) does not count.
     */
    @Test
    void hotSpotAndKineticOverpotential() {
        Geometry g = channels(16, 20, 4, cols(16, 4, 8, 2), 4);
        for (int z = 4; z < 20; z++) {
            for (int x : new int[] {2, 5, 10, 13}) {
                g.phi[x + 16 * z] = 0.3;
            }
        }
        double[] xi = g.xi0.clone();
        for (int x = 0; x < 16; x++) {
            if (g.pore[x + 16 * 8]) {
                xi[x + 16 * 8] = 0.5;
            }
        }
        RunMetrics m = metrics(g);
        boolean[] act = m.activeInterface(xi);
        int na = 0;
        for (int i = 0; i < act.length; i++) {
            if (act[i]) {
                na++;
                assertEquals(8, i / 16, "front row");
            }
        }
        assertEquals(4, na, "the 4 wall-adjacent front cells");
        double[] r = new double[xi.length];
        double[] w = m.reactionWeights(xi);
        assertEquals(0.0, RunMetrics.hotSpot(r, w, act, 0)[0], "no reaction");
        for (int x : new int[] {2, 5, 10, 13}) {
            r[x + 16 * 8] = 1e-3;
        }
        r[3 + 16 * 2] = 5e-3; // bulk / buried reaction: not at the active interface
        assertEquals(1.0, RunMetrics.hotSpot(r, w, act, 0)[0], 1e-12);
        r[2 + 16 * 8] = 2e-3; // one cell at twice the rest: max/mean = 2 / (5/4)
        assertEquals(1.6, RunMetrics.hotSpot(r, w, act, 0)[0], 1e-12);
        // round-off reaction (zero current) is no reaction
        double[] tiny = new double[xi.length];
        for (int x : new int[] {2, 5, 10, 13}) {
            tiny[x + 16 * 8] = 1e-18 * (1 + x);
        }
        assertEquals(0.0, RunMetrics.hotSpot(tiny, w, act, 1e-15)[0]);
        // the same kinetics on unequal contact weights: R proportional to w reads uniform (a per-cell max/mean of R reads 1.4 here)
        double[] xi2 = xi.clone();
        xi2[5 + 16 * 8] = 0.3;
        xi2[10 + 16 * 8] = 0.7;
        double[] w2 = m.reactionWeights(xi2);
        boolean[] act3 = RunMetrics.active(w2);
        double[] r2 = new double[xi.length];
        for (int i = 0; i < r2.length; i++) {
            r2[i] = 2e-3 * w2[i];
        }
        assertEquals(1.0, RunMetrics.hotSpot(r2, w2, act3, 0)[0], 1e-12);
        r2[2 + 16 * 8] *= 3; // three times the local current density on one contact cell
        double sr = 0;
        double sw = 0;
        for (int i = 0; i < r2.length; i++) {
            if (act3[i]) {
                sr += r2[i];
                sw += w2[i];
            }
        }
        assertEquals(3 * 2e-3 / (sr / sw), RunMetrics.hotSpot(r2, w2, act3, 0)[0], 1e-12);
        // Li cut off from the current collector is not active: empty the channel above the front
        double[] cut = xi.clone();
        for (int x = 2; x < 6; x++) {
            cut[x + 16 * 6] = 0;
        }
        boolean[] act2 = m.activeInterface(cut);
        assertTrue(!act2[2 + 16 * 8] && act2[10 + 16 * 8], "dead Li does not react");
        // η = V − φ: uniform φ = 0.01 V (ψ in RT/F units), V = −0.05 V → −0.06 V
        double vt = new PhaseFieldParameters().thermalVoltage();
        double[] psi = new double[xi.length];
        java.util.Arrays.fill(psi, 0.01 / vt);
        assertEquals(-0.06, RunMetrics.kineticOverpotentialV(r, act, psi, -0.05, vt), 1e-12);
    }

    /**
     * The hot spot's reaction of one state at its own potentials ({@link RunMetrics#localRates}): R = L_η·w·[c̃e^{−βnη} −
     * e^{αnη}], η = V − ψ. Known answers: η = 0 and c̃ = 1 → no reaction (hot spot 0); a uniform η on unequal weights →
     * ratio 1 whatever the weights; one cell at another η → its bracket over the contact-weighted mean bracket.
     */
    @Test
    void hotSpotOfTheStateAtItsOwnPotentials() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        double an = p.alpha * p.electrons;
        double bn = p.beta * p.electrons;
        double[] w = {0, 0.2, 1.0, 0.5, 0.005, 0};
        boolean[] act = RunMetrics.active(w);
        assertTrue(!act[4] && act[3], "the 1 % cut");
        double[] c = {1, 1, 1, 1, 1, 1};
        double[] psi = new double[6];
        double floor = 1e-12 * p.reactionConstant;
        double[] r0 = RunMetrics.localRates(w, psi, c, 0, p);
        assertEquals(0.0, RunMetrics.hotSpot(r0, w, act, floor)[0], "equilibrium: no cell reacts");
        double v = -0.4; // plating: V below the conductor (ψ units, ≈ −10 mV)
        double[] r = RunMetrics.localRates(w, psi, c, v, p);
        double bracket = Math.exp(-bn * v) - Math.exp(an * v);
        assertEquals(p.reactionConstant * 0.5 * bracket, r[3], 1e-15);
        assertEquals(0.0, r[0]);
        assertEquals(1.0, RunMetrics.hotSpot(r, w, act, floor)[0], 1e-12, "uniform kinetics on unequal weights");
        psi[1] = 0.3; // the conductor 0.3 RT/F higher at cell 1: η = −0.7 there
        r = RunMetrics.localRates(w, psi, c, v, p);
        double b1 = Math.exp(bn * 0.7) - Math.exp(-an * 0.7);
        double mean = (0.2 * b1 + 1.0 * bracket + 0.5 * bracket) / 1.7;
        assertEquals(b1 / mean, RunMetrics.hotSpot(r, w, act, floor)[0], 1e-12);
        assertEquals(0.0, RunMetrics.hotSpot(RunMetrics.localRates(w, null, c, v, p), w, act, floor)[0], "no potentials: no reaction");
    }

    @Test
    void everyColumnHasADefinition() {
        for (String k : RunMetrics.COLUMNS) {
            assertTrue(RunMetrics.DEFINITIONS.containsKey(k) && !RunMetrics.DEFINITIONS.get(k).isBlank(), k);
        }
        for (String k : PhaseFieldRun.CYCLE_COLUMNS) {
            assertTrue(PhaseFieldRun.CYCLE_DEFINITIONS.containsKey(k), k);
        }
    }
}
