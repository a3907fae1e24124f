package org.porophase.phasefield;

import org.porophase.ui.cli.AnalyzeCommandTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.porophase.core.Sha256;
import org.porophase.core.OutputNames;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.ui.cli.PhaseFieldCommand;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ByteProcessor;
import picocli.CommandLine;

/** Driver features: checkpoint / resume, divergence handling, CLI outputs and errors. */
class RunAndCliTest {
    @TempDir
    Path tmp;

    private static PhaseFieldRun.Options opts() {
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = 3;
        o.seriesRows = 10;
        o.threads = 1;
        return o;
    }

    private static PhaseFieldParameters small() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        p.timeS = 20;
        p.dtS = 1; // a fixed step: the run stopped at 10 s lands on a step of the straight run
        return p;
    }

    /** A run stopped at 10 s and resumed to 20 s ends in exactly the state of a straight 20 s run. */
    @Test
    void checkpointResumeIsExact() {
        PhaseFieldParameters p = small();
        Geometry g = IdealScaffold.channels2D(1.5, 0.5, 6, 8, 0.0625).toGeometry(p);
        PhaseFieldResult straight = new PhaseFieldRun(g, p, opts()).run(null);
        PhaseFieldParameters p10 = p.copy();
        p10.timeS = 10;
        PhaseFieldRun.Options o = opts();
        o.checkpoint = tmp.resolve("run.ckpt");
        PhaseFieldResult first = new PhaseFieldRun(g, p10, o).run(null);
        assertEquals(10, first.steps());
        assertTrue(Files.isRegularFile(o.checkpoint));
        PhaseFieldRun.Options o2 = opts();
        PhaseFieldResult resumed = PhaseFieldRun.resume(o.checkpoint, 20, o2).run(null);
        assertEquals(20, resumed.steps());
        assertArrayEquals(straight.xiFinal(), resumed.xiFinal(), 1e-6f);
        // the WCI is now of the deposited Li only (small Δξ): the resumed PCG starts from another initial guess, so
        // it agrees to the solver tolerance, not to round-off
        assertEquals(straight.finalMetrics().get("wall_creep_index"), resumed.finalMetrics().get("wall_creep_index"), 1e-5);
        assertEquals("done before the checkpoint", resumed.equilibration().get("outcome"));
        assertEquals(straight.finalMetrics().get("contact_area_ratio"), resumed.finalMetrics().get("contact_area_ratio"), 1e-6);
        assertEquals(straight.finalMetrics().get("counter_charge_mC_cm2"), resumed.finalMetrics().get("counter_charge_mC_cm2"), 1e-4);
        assertEquals(straight.finalMetrics().get("plated_charge_mC_cm2"), resumed.finalMetrics().get("plated_charge_mC_cm2"), 1e-9);
    }

    /** An impossible current makes the state non-finite: the run stops, says so, keeps the last good state. */
    @Test
    void divergenceStopsWithLastGoodState() {
        PhaseFieldParameters p = small();
        p.currentDensityMaCm2 = 1e12;
        Geometry g = IdealScaffold.channels2D(1.5, 0.5, 3, 8, 0.0625).toGeometry(p);
        PhaseFieldResult r = new PhaseFieldRun(g, p, opts()).run(null);
        assertEquals("diverged", r.status());
        assertTrue(r.message().contains("diverged") && r.message().contains("last good state"), r.message());
        for (float v : r.xiFinal()) {
            assertTrue(Float.isFinite(v) && v > -0.6f && v < 1.6f);
        }
    }

    @Test
    void cliRunsOnAMaskAndWritesOutputs() throws Exception {
        ByteProcessor bp = new ByteProcessor(24, 32);
        for (int r = 0; r < 32; r++) {
            for (int c = 6; c < 18; c++) {
                bp.set(c, r, 255);
            }
        }
        ImagePlus imp = new ImagePlus("mask", bp);
        Path mask = tmp.resolve("mask.tif");
        IJ.saveAsTiff(imp, mask.toString());
        Path out = tmp.resolve("out");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("phasefield", mask.toString(), "--pixel-size", "0.25", "--time", "5", "--dt", "1",
                "--impregnation", "2", "--snapshots", "2", "--json", "-q", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        String json = run.out();
        for (String k : new String[] {"wall_creep_index", "fill_fraction", "llzo_current_density_max_over_mean", "plated_charge_mC_cm2", "\"steps\":5",
                "wall_seconds", "cell_potential_V", "kinetic_overpotential_V", "trapped_void_fraction", "front_height_mean_um", "front_height_std_um",
                "channel_front_spread_um", "contact_area_ratio", "interface_void_fraction", "hot_spot_ratio", "dead_li_fraction", "time_to_short_s",
                "counter_charge_balance_rel_error", "\"equilibration\"", "\"protocol\"", "\"cycles\"", "\"resolution\"", "\"metric_definitions\"",
                "interface_width_note", "grid", "dx_um", "dt_s", "time_s"}) {
            assertTrue(json.contains(k), "JSON lacks " + k + ": " + json);
        }
        String stem = OutputNames.stem(mask);
        for (String f : new String[] {".phasefield.json", ".timeseries.csv", ".fill-vs-depth.csv", ".snapshots.tif", ".current-density-final.png",
                ".reaction-final.png", ".cycles.csv"}) {
            assertTrue(Files.size(out.resolve(stem + f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve(stem + ".phasefield.json")).contains(Sha256.of(mask)), "input_sha256 of the mask");
        ImagePlus hs = new Opener().openImage(out.resolve(stem + ".snapshots.tif").toString());
        assertNotNull(hs);
        assertEquals(4, hs.getNChannels());
        assertEquals(2, hs.getNFrames());
        assertTrue(Files.readString(out.resolve(stem + ".timeseries.csv")).startsWith(String.join(",", RunMetrics.COLUMNS)));
        assertTrue(Files.readString(out.resolve(stem + ".cycles.csv")).startsWith(String.join(",", PhaseFieldRun.CYCLE_COLUMNS)));
        // the ξ PNG is in colour: LLZO grey, empty pore black, Li light blue are all there
        ImagePlus png = new Opener().openImage(OutputNames.path(out, stem, OutputNames.xiSnapshotPng(0)).toString());
        assertNotNull(png);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        int[] px = (int[]) png.getProcessor().convertToRGB().getPixels();
        for (int v : px) {
            colours.add(v & 0xffffff);
        }
        assertTrue(colours.contains(0x969696) && colours.contains(0x000000) && colours.contains(0xaad7ff), "pore, LLZO, Li colours");
        // non-binary mask → bad input: exit 2, message on stderr
        bp.set(0, 0, 7);
        Path bad = tmp.resolve("bad.tif");
        IJ.saveAsTiff(new ImagePlus("bad", bp), bad.toString());
        run = AnalyzeCommandTest.run("phasefield", bad.toString(), "--pixel-size", "0.25", "--out", tmp.resolve("o2").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("not binary"), run.err());
    }

    @Test
    void cliIdealRun() {
        Path out = tmp.resolve("ideal");
        int rc = org.porophase.ui.cli.PoroPhaseCli.commandLine().execute("phasefield", "--ideal", "--pore-size", "1.5", "--porosity", "0.5", "--width", "3", "--height", "8",
                "--time", "4", "-q", "--out", out.toString());
        assertEquals(0, rc);
        assertTrue(Files.isRegularFile(out.resolve("ideal-2d.phasefield.json")));
    }
}
