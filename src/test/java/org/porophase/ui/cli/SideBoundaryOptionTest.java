package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.analysis.CompareOptions;
import org.porophase.analysis.CompareResult;
import org.porophase.analysis.ScaffoldComparison;
import org.porophase.config.ParamSpec;
import org.porophase.config.PluginConfig;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.transport.Axis;
import org.porophase.transport.PhaseGrid;
import org.porophase.transport.SideBoundary;
import org.porophase.transport.TortuositySolver;
import org.porophase.transport.TransportOptions;

/**
 * The side-boundary option reaches every τ entry point with the transport command's semantics: analyze-volume
 * {@code --conduction}, compare's real vs ideal vs eq. 7 (3D volume and 2D section) and the block-wise
 * {@code --tau-rev} (which refuses periodic sides). The geometry is a solid band tilted by one voxel per plane that
 * leaves one side of the box and re-enters at the other: with no-flux sides it does not connect the two faces, with
 * periodic sides it is the same discrete problem as the band unwrapped in a box wide enough to hold it, so the current
 * I = D·A/L through the two boxes agrees (the truth of transport.PeriodicSidesTest).
 */
class SideBoundaryOptionTest {
    @TempDir
    Path tmp;

    private static final int W = 15;
    private static final int H = 4;
    private static final int D = 30;
    /** Band width: solid fraction 9/15, f = 0.4; an unwrapped piece of the band lives W + B − 1 = 23 < D planes. */
    private static final int B = 9;
    private static final VoxelSize VS = new VoxelSize(1, 1.5, 2);

    private static boolean band(int x, int z) {
        return Math.floorMod(x - 7 - z, W) < B;
    }

    /** Labelled volume: the band is the solid (85), the rest pore (0). */
    private Path bandVolume() {
        Object[] sl = new Object[D];
        for (int z = 0; z < D; z++) {
            byte[] s = new byte[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    s[x + W * y] = (byte) (band(x, z) ? 85 : 0);
                }
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("band.nrrd");
        VolumeWriters.writeNrrd(in, VolumeWriters.arraySource(W, H, sl, VS), VS, true);
        return in;
    }

    /** I·L/A of the band unwrapped (x − z ∈ [0, B)) in a box D + B wide with no-flux sides: its D_eff/D₀ times its width. */
    private static double unwrappedCurrent() {
        int wide = D + B;
        byte[][] g = new byte[D][wide * H];
        for (int z = 0; z < D; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < wide; x++) {
                    g[z][x + wide * y] = (byte) (x - z >= 0 && x - z < B ? 1 : 0);
                }
            }
        }
        PhaseGrid u = new PhaseGrid(wide, H, D, VS, g, "unwrapped band");
        return TortuositySolver.solve(u, Axis.Z, TransportOptions.defaults().withThreads(2)).relativeDiffusivity() * wide;
    }

    /** No output: the folder is absent or empty (the output folder of a refused run holds no file, not even its lock). */
    private static boolean empty(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ?([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void declaredLikeTheTransportOption() throws Exception {
        PluginConfig cfg = PluginConfig.defaults();
        ParamSpec t = cfg.command("transport").param("side_boundary");
        ParamSpec v = cfg.command("analyze-volume").param("side_boundary");
        assertEquals(t.choices(), v.choices());
        assertEquals(t.asString(), v.asString());
        // one option for compare too (it binds the analyze-volume block); a bad value names the flag and the choices
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("compare", bandVolume().toString(), "--side-boundary", "wrap",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--side-boundary") && r.err().contains("'wrap'") && r.err().contains("periodic"), r.err());
        assertTrue(empty(tmp.resolve("o")));
    }

    @Test
    void analyzeVolumeConductionWithPeriodicSides() throws Exception {
        Path in = bandVolume();
        double truth = unwrappedCurrent() / W;
        AnalyzeCommandTest.Run nf = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--pore-value", "0", "--conduction",
                "--no-local-thickness", "--json", "--threads", "2");
        assertEquals(0, nf.code(), nf.err());
        assertTrue(nf.out().contains("\"real_skipped\"") && nf.out().contains("does not percolate along z")
                && nf.out().contains("--side-boundary periodic"), nf.out());
        assertTrue(nf.out().contains("\"real_side_boundary\": \"no-flux\"") && nf.out().contains("\"side_boundary\": \"no-flux\""), nf.out());
        AnalyzeCommandTest.Run p = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--pore-value", "0", "--conduction",
                "--no-local-thickness", "--side-boundary", "periodic", "--conductivity", "2e-4", "--json", "--threads", "2", "--out",
                tmp.resolve("av").toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(0.4, number(p.out(), "porosity"), 1e-12);
        assertEquals(truth, number(p.out(), "real_relative_conductivity"), 2e-4 * truth);
        assertEquals(0.6 / truth, number(p.out(), "real_tortuosity_factor"), 2e-4 * 0.6 / truth);
        assertTrue(p.out().contains("\"real_side_boundary\": \"periodic\""), p.out());
        assertEquals(2e-4 / number(p.out(), "real_relative_conductivity"), number(p.out(), "real"), 1e-12); // sigma_h = sigma_m / real
        String saved = Files.readString(tmp.resolve("av/band.summary.json"));
        assertTrue(saved.contains("\"side_boundary\": \"periodic\""), saved);
        // mirror is no-flux (one operator): the solid does not percolate, recorded as no-flux
        AnalyzeCommandTest.Run m = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--pore-value", "0", "--conduction",
                "--no-local-thickness", "--side-boundary", "mirror", "--json", "--threads", "2");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("\"real_side_boundary\": \"no-flux\"") && m.out().contains("\"real_skipped\""), m.out());
    }

    @Test
    void compareOnAVolumeWithPeriodicSides() throws Exception {
        Path in = bandVolume();
        double truth = unwrappedCurrent() / W;
        AnalyzeCommandTest.Run nf = AnalyzeCommandTest.run("compare", in.toString(), "--pore-value", "0", "--no-phasefield", "--quiet",
                "--threads", "2", "--out", tmp.resolve("nf").toString());
        assertEquals(0, nf.code(), nf.err());
        String j = Files.readString(tmp.resolve("nf/band/band.summary.json"));
        assertTrue(j.contains("\"real_skipped\"") && j.contains("\"real_side_boundary\": \"no-flux\""), j);
        AnalyzeCommandTest.Run p = AnalyzeCommandTest.run("compare", in.toString(), "--pore-value", "0", "--no-phasefield", "--quiet",
                "--threads", "2", "--side-boundary", "periodic", "--out", tmp.resolve("p").toString());
        assertEquals(0, p.code(), p.err());
        j = Files.readString(tmp.resolve("p/band/band.summary.json"));
        assertEquals(truth, number(j, "real_relative_conductivity"), 2e-4 * truth);
        assertEquals(0.6, number(j, "ideal_relative_conductivity"), 1e-12);
        assertEquals(0.4, number(j, "bruggeman_eq7_relative_conductivity"), 1e-12);
        assertTrue(j.contains("\"real_side_boundary\": \"periodic\"") && j.contains("\"side_boundary\": \"periodic\""), j);
        assertTrue(Files.readString(tmp.resolve("p/band/report.html")).contains("Side faces of the solve: periodic"));
    }

    @Test
    void compareOnASectionAlongTheThicknessWithPeriodicSides() throws Exception {
        // the same band in 2D: rows are the thickness (conduction from the top edge down), wrapping in x
        int w = 40;
        int h = 80;
        int b = 24; // an unwrapped piece lives w + b − 1 = 63 < 80 rows
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bp.set(x, y, Math.floorMod(x - 1 - y, w) < b ? 200 : 40); // no pore fragment below min_pore_area_px at a corner
            }
        }
        ImagePlus imp = new ImagePlus("section", bp);
        imp.getCalibration().pixelWidth = 0.1;
        imp.getCalibration().pixelHeight = 0.1;
        imp.getCalibration().setUnit("micron");
        Path f = tmp.resolve("section.tif");
        assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
        CompareOptions o = CompareOptions.defaults();
        o.runPhaseField = false;
        o.analysis.autocrop = false;
        o.section = "thickness";
        o.threads = 2;
        CompareResult nf = ScaffoldComparison.run(f, o);
        assertNull(nf.conduction.real());
        assertEquals(SideBoundary.NO_FLUX, nf.conduction.sides());
        o.volume.sideBoundary = SideBoundary.PERIODIC;
        CompareResult p = ScaffoldComparison.run(f, o);
        assertEquals(SideBoundary.PERIODIC, p.conduction.sides());
        // truth: the band x − y ∈ [0, b) in a box h + b wide, no-flux, same current
        int wide = h + b;
        byte[] g = new byte[wide * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wide; x++) {
                g[x + wide * y] = (byte) (x - y >= 0 && x - y < b ? 1 : 0);
            }
        }
        double truth = TortuositySolver.solve(new PhaseGrid(wide, h, 1, VoxelSize.iso(0.1), new byte[][] {g}, "unwrapped"), Axis.Y,
                TransportOptions.defaults().withThreads(2)).relativeDiffusivity() * wide / w;
        assertEquals(truth, p.conduction.realRelative(), 2e-4 * truth);
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) p.summary().get("conductivity");
        assertEquals("periodic", c.get("real_side_boundary"));
    }

    @Test
    void blockwiseTauRefusesPeriodicSidesAndRecordsNoFlux() throws Exception {
        Path in = bandVolume();
        Path out = tmp.resolve("blk");
        AnalyzeCommandTest.Run bad = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--pore-value", "0", "--blockwise",
                "--block-size", "8", "--tau-rev", "--side-boundary", "periodic", "--out", out.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--tau-rev with --side-boundary periodic") && bad.err().contains("--side-boundary no-flux"), bad.err());
        assertTrue(empty(out), "nothing written");
        AnalyzeCommandTest.Run ok = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--pore-value", "0", "--blockwise",
                "--block-size", "8", "--tau-rev", "--json", "--threads", "2");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("\"tau_rev_side_boundary\": \"no-flux\"") && ok.out().contains("\"tau_global_side_boundary\": \"no-flux\""),
                ok.out());
        // tau_rev is block-wise only: without --blockwise it is refused instead of silently doing nothing
        AnalyzeCommandTest.Run mem = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--pore-value", "0", "--tau-rev",
                "--out", out.toString());
        assertEquals(2, mem.code(), mem.err());
        assertTrue(mem.err().contains("tau_rev is the block-wise tortuosity statistic: add --blockwise"), mem.err());
        assertTrue(empty(out), "nothing written");
    }
}
