package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.synth.SemSynthesizer;
import picocli.CommandLine;

/** The CLI as a user runs it: JSON keys, folders with bad files, exit codes, outputs. */
public class AnalyzeCommandTest {

    static final List<String> REQUIRED_KEYS = List.of("pixel_size_um", "calibration_source", "rows_analyzed", "porosity",
            "pore_count", "total_pore_area_um2", "total_pore_perimeter_um", "analyzed_area_um2",
            "specific_surface_area_per_um", "mean_pore_diameter_um", "ideal_cylinder_specific_surface_per_um");

    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        CommandLine cl = PoroPhaseCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path image(Path dir, String name, long seed) {
        Path f = dir.resolve(name);
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(256).height(192)
                .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).infoBarPx(32)
                .vendor(SemSynthesizer.Vendor.FEI).seed(seed).build()), f);
        return f;
    }

    @Test
    void jsonHasTheDocumentedKeys(@TempDir Path dir) {
        Path f = image(dir, "a.tif", 1);
        Run r = run("analyze", f.toString(), "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        String json = r.out().trim();
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        for (String k : REQUIRED_KEYS) {
            assertTrue(json.contains("\"" + k + "\":"), "missing " + k + " in " + json);
        }
        assertTrue(json.contains("\"calibration_source\":\"fei\""), json);
        assertTrue(json.contains("\"rows_analyzed\":192"), json);
    }

    @Test
    void folderGoesPastBadFilesAndReportsThem(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path good = image(in, "good1.tif", 1);
        image(in, "good2.tif", 2);
        Files.write(in.resolve("broken.tif"), new byte[] {'I', 'I', 42, 0, 99, 0, 0, 0});
        Files.writeString(in.resolve("notes.pdf"), "not an image");
        byte[] before = Files.readAllBytes(good);
        Path out = dir.resolve("out");
        Run r = run("analyze", in.toString(), "--out", out.toString(), "--json");
        assertEquals(1, r.code(), "exit code 1 when a file failed");
        assertTrue(r.err().contains("broken.tif") && r.err().contains("FAILED"), r.err());
        assertTrue(r.err().contains("skipped") && r.err().contains("notes.pdf"), r.err());
        assertTrue(r.out().contains("\"failed\":1") && r.out().contains("\"files\":3"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith(in.resolve("broken.tif") + ",failed,"), csv.get(1));
        assertTrue(csv.get(2).contains(",ok,"), csv.get(2));
        for (String s : new String[] {"good1.summary.json", "good1.pores.csv", "good1.mask.tif", "good1.qc.png", "good2.summary.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(s)), s);
        }
        try (var s = Files.list(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial files left");
        }
        assertArrayEquals(before, Files.readAllBytes(good), "input untouched");
    }

    @Test
    void usageErrorsExitTwoWithOneLine(@TempDir Path dir) {
        Path f = image(dir, "a.tif", 1);
        Run r = run("analyze", f.toString(), "--threshold-method", "Bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --threshold-method (threshold_method) = 'Bogus' is not one of Default, Huang"), r.err());
        Run m = run("analyze", dir.resolve("nothing-here").toString());
        assertEquals(2, m.code(), "a missing input is bad input, as in every command");
        assertTrue(m.err().contains("nothing-here"), m.err());
        Run c = run("analyze", f.toString(), "--config", dir.resolve("none.yml").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("config file not found"), c.err());
    }

    @Test
    void humanReadableSummaryAndBench(@TempDir Path dir) {
        Run h = run("analyze", image(dir, "a.tif", 1).toString(), "--quiet");
        assertEquals(0, h.code(), h.err());
        assertTrue(h.out().contains("calibration: fei (0.05 µm/px), rows analysed 192") && h.out().contains("eq. 3"), h.out());
        Run b = run("bench", "--size", "256", "--reps", "1", "--json");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("\"porophase_mpixel_per_s\":") && b.out().contains("\"imagej_mpixel_per_s\":"), b.out());
    }
}
