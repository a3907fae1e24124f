package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.config.PluginConfig;
import org.porophase.core.PoroPhaseException;
import org.porophase.pipeline.PhaseFieldJob;
import org.porophase.ui.cli.AnalyzeCommandTest;

/** The resolution rule (issue 11, item 3): interface width and dx from the narrowest pore, refusal of under-resolved runs. */
class ResolutionTest {
    @TempDir
    Path tmp;

    /** Ideal 5 / 1.5 / 0.6 µm channels at 50 %: interface δ/8, dx = interface/4, 32 cells per channel, 64 per period. */
    @Test
    void idealChannels() {
        double[][] cases = {{5, 0.625, 0.15625}, {1.5, 0.1875, 0.046875}, {0.6, 0.075, 0.01875}};
        for (double[] c : cases) {
            PhaseFieldParameters p = new PhaseFieldParameters();
            Resolution r = Resolution.forIdeal(c[0], 0.5, p);
            System.out.printf(Locale.ROOT, "ideal %.3g um: %s%n", c[0], r.message());
            assertEquals(c[0], r.narrowestPoreUm(), 0);
            assertEquals(c[1], r.interfaceWidthUm(), 1e-12);
            assertEquals(c[1] / p.physicalInterfaceWidthUm(), r.scale(), 1e-12);
            assertEquals(c[2], r.dxUm(), 1e-12);
            assertTrue(r.automatic());
            assertFalse(r.underResolved());
            assertEquals(32, c[0] / r.dxUm(), 1e-9, "channel in whole cells");
            assertEquals(64, c[0] / 0.5 / r.dxUm(), 1e-9, "period in whole cells");
            r.apply(p);
            assertEquals(c[2], p.dxUm, 1e-12);
            assertEquals(r.scale(), p.interfaceScale, 0);
            assertEquals(c[1], p.interfaceWidthUm(), 1e-12, "effective width follows the scale");
        }
        // the physical width is kept when it is the smaller one (wide pores)
        PhaseFieldParameters p = new PhaseFieldParameters();
        Resolution wide = Resolution.forIdeal(20, 0.5, p);
        assertEquals(1, wide.scale(), 1e-12);
        assertEquals(p.physicalInterfaceWidthUm(), wide.interfaceWidthUm(), 1e-12);
        assertEquals(20, Math.rint(20 / wide.dxUm()) * wide.dxUm(), 1e-9);
        assertTrue(wide.dxUm() <= p.physicalInterfaceWidthUm() / 4 + 1e-12);
        // porosity 0.4: period k/0.4 whole and wall even
        Resolution r4 = Resolution.forIdeal(1.5, 0.4, new PhaseFieldParameters());
        double k = 1.5 / r4.dxUm();
        assertEquals(Math.rint(k), k, 1e-9);
        assertEquals(Math.rint(k / 0.4), k / 0.4, 1e-6);
        assertEquals(0, (Math.round(k / 0.4) - Math.round(k)) % 2);
        IdealScaffold sc = IdealScaffold.channels2DForGrid(1.5, 0.4, 0, 2, r4.dxUm());
        assertEquals(0.4, sc.rasterPorosity(), 1e-12);
    }

    /** A 2D mask with two pore sizes: the 5th percentile by pore area picks the narrow pores when they hold ≥ 5 % of the pore area, else the wide ones. */
    @Test
    void maskPercentile() {
        double px = 0.1;
        // 200 × 100 px: two 10 px (1 µm) channels and two 40 px (4 µm) channels: narrow = 20 % of the pore area
        boolean[] a = channels(200, 100, new int[][] {{10, 20}, {40, 50}, {70, 110}, {130, 170}});
        double wa = Resolution.narrowestPore(a, 200, 1, 100, px);
        assertEquals(1.0, wa, 0.11, "narrow channels hold 20 % of the pore area");
        // one 4 px (0.4 µm) channel beside four 40 px ones: 2.4 % of the pore area, below the 5th percentile
        boolean[] b = channels(220, 100, new int[][] {{2, 6}, {10, 50}, {60, 100}, {110, 150}, {160, 200}});
        double wb = Resolution.narrowestPore(b, 220, 1, 100, px);
        assertEquals(4.0, wb, 0.11, "a narrow pore under 5 % of the pore area does not set the resolution");
        // 1 px and 3 px channels: floored at 4 px (a narrower pore's width is uncertain by ±1 px, ≥ 25 %)
        boolean[] c = channels(40, 20, new int[][] {{5, 6}, {20, 21}});
        assertEquals(0.4, Resolution.narrowestPore(c, 40, 1, 20, px), 1e-12);
        boolean[] c3 = channels(40, 20, new int[][] {{5, 8}, {20, 23}});
        assertEquals(Resolution.MASK_MIN_PIXELS * px, Resolution.narrowestPore(c3, 40, 1, 20, px), 1e-12);
        // 6 px channels: above the floor, measured (bins of half a pixel)
        boolean[] c6 = channels(40, 20, new int[][] {{5, 11}, {20, 26}});
        assertEquals(0.6, Resolution.narrowestPore(c6, 40, 1, 20, px), 0.051);
        PhaseFieldParameters p = new PhaseFieldParameters();
        Resolution r = Resolution.forMask(a, 200, 1, 100, px, p);
        assertEquals(wa / 8, r.interfaceWidthUm(), 1e-12);
        assertEquals(wa / 32, r.dxUm(), 1e-12);
        System.out.printf(Locale.ROOT, "mask two sizes: w_min %.4g um (20 %% narrow), %.4g um (2.4 %% narrow); %s%n", wa, wb, r.message());
        // 3D: the same channels as slabs
        boolean[] v = new boolean[40 * 6 * 20];
        for (int z = 0; z < 20; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 10; x < 20; x++) {
                    v[x + 40 * (y + 6 * z)] = true;
                }
            }
        }
        assertEquals(1.0, Resolution.narrowestPore(v, 40, 6, 20, px), 0.11);
    }

    /** Pores as vertical channels [x0, x1) of a mx × mz mask. */
    static boolean[] channels(int mx, int mz, int[][] spans) {
        boolean[] m = new boolean[mx * mz];
        for (int z = 0; z < mz; z++) {
            for (int[] s : spans) {
                for (int x = s[0]; x < s[1]; x++) {
                    m[x + mx * z] = true;
                }
            }
        }
        return m;
    }

    /** Explicit dx too coarse, or pores narrower than 2·W_ϕ: refused with the numbers and the fix unless forced. */
    @Test
    void underResolvedIsRefusedUnlessForced() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        Resolution r = Resolution.forIdeal(0.6, 0.5, p);
        assertTrue(r.underResolved());
        assertTrue(r.message().contains("dx_um ≤ 0.01875") && r.message().contains("force") && r.message().contains("0.6"), r.message());
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> r.require(false, "phasefield --ideal"));
        assertTrue(e.getMessage().startsWith("phasefield --ideal: under-resolved"), e.getMessage());
        r.require(true, "forced");
        PhaseFieldParameters q = new PhaseFieldParameters();
        q.interfacePoreFraction = 0.4;
        Resolution n = Resolution.forIdeal(0.6, 0.5, q);
        assertTrue(n.underResolved());
        assertTrue(n.message().contains("interface_pore_fraction ≤ 0.295"), n.message());
        // an explicit dx within the rule is fine
        PhaseFieldParameters ok = new PhaseFieldParameters();
        ok.dxUm = 0.15;
        assertFalse(Resolution.forIdeal(5, 0.5, ok).underResolved());
    }

    /** Through the job and the CLI: exit code 2 with the message; force builds the run and flags it. */
    @Test
    void cliRefusesUnderResolvedRuns() {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("phasefield", "--ideal", "--pore-size", "0.6", "--dx", "0.25", "--time", "1",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("under-resolved") && run.err().contains("dx_um ≤ 0.01875") && run.err().contains("force"), run.err());
        PluginConfig cfg = PluginConfig.defaults().with("phasefield",
                Map.of("ideal", true, "pore_size_um", 0.6, "dx_um", 0.25, "time_s", 1.0, "force", true, "ideal_height_um", 4.0), "test");
        PhaseFieldJob job = PhaseFieldJob.create(cfg, (ij.ImagePlus) null, null, null);
        assertTrue(job.forcedUnderResolved());
        assertTrue(job.resolution().underResolved());
        assertEquals(0.25, job.dxUm(), 0);
        // automatic: the rule's dx and scale reach the job
        PluginConfig auto = PluginConfig.defaults().with("phasefield", Map.of("ideal", true, "pore_size_um", 5.0, "time_s", 1.0), "test");
        PhaseFieldJob j2 = PhaseFieldJob.create(auto, (ij.ImagePlus) null, null, null);
        assertFalse(j2.forcedUnderResolved());
        assertEquals(0.15625, j2.dxUm(), 1e-12);
        assertEquals(0.625 / new PhaseFieldParameters().physicalInterfaceWidthUm(), j2.resolution().scale(), 1e-12);
        System.out.println("job: " + j2.estimate().describe() + "; " + j2.resolution().message());
        // the flat reference at the resolution of the 5 µm scaffold
        PluginConfig flat = PluginConfig.defaults().with("phasefield", Map.of("flat", true, "pore_size_um", 5.0, "time_s", 1.0), "test");
        PhaseFieldJob j3 = PhaseFieldJob.create(flat, (ij.ImagePlus) null, null, null);
        assertEquals(0.15625, j3.dxUm(), 1e-12);
        assertTrue(j3.mode().startsWith("flat reference"), j3.mode());
        System.out.println("flat job: " + j3.mode() + "; " + j3.estimate().describe());
    }

    /**
     * The default 3D ideal case (5 µm cylinders, square lattice, 50 %): 2 × 2 lattice cells, 18 µm scaffold, the
     * 3D interface fraction 0.25 (the physical 1.1 µm interface, still ≤ 0.295 of the pore: not under-resolved), dx with
     * 23 cells per lattice spacing: 46 × 46 × 73 = 0.15 M cells, ≈ 150 MiB, about half a minute of estimate for 1000 s
     * (at 0.125: 82 × 82 × 131 = 0.88 M cells; the former default, 50 × 50 × 48 µm at 0.25 µm, 8.1 M cells, 7.5 GiB, ~2 h).
     */
    @Test
    void threeDDefaultsFitMinutesNotHours() {
        PhaseFieldParameters p = PhaseFieldParameters.defaults();
        p.interfacePoreFraction = PluginConfig.defaults().getDouble("phasefield", "ideal_3d_interface_pore_fraction");
        Resolution r = Resolution.forCylinders(5, 0.5, false, p);
        assertFalse(r.underResolved(), r.message());
        assertEquals(1.0, r.scale(), 1e-12);
        r.apply(p);
        PhaseFieldEstimate e = PhaseFieldEstimate.ideal(true, 5, 0.5, false, 0, 0, p, 10, 2);
        System.out.println("3D default: " + r.message() + "; " + e.describe());
        assertEquals(46, e.nx);
        assertEquals(46, e.ny);
        assertEquals(73, e.nz);
        assertTrue(e.bytes() < 0.25 * (1L << 30), e.describe());
        assertTrue(e.seconds() < 120, e.describe());
        PhaseFieldParameters q = PhaseFieldParameters.defaults();
        Resolution.forCylinders(5, 0.5, false, q).apply(q);
        PhaseFieldEstimate e8 = PhaseFieldEstimate.ideal(true, 5, 0.5, false, 0, 0, q, 10, 2);
        assertEquals(82L * 82 * 131, (long) e8.cells());
        System.out.println("3D at interface_pore_fraction 0.125: " + e8.describe());
    }
}
