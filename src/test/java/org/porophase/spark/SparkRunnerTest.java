package org.porophase.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.config.PluginConfig;
import org.porophase.core.OutputFolder;
import org.porophase.pipeline.AnalyzeJob;
import org.porophase.pipeline.StagedBatch;
import org.porophase.synth.SemSynthesizer;
import org.porophase.ui.cli.AnalyzeCommandTest;

/**
 * The Spark runner in {@code local[2]} (one session for the class): the summary table of {@code analyze}
 * equals the CLI's {@code summary.csv} on the bundled test images, a corrupt file is listed with the CLI's
 * reason while the others complete, each item's files are the CLI's, nothing is left in staging, a retried
 * task's set is committed once, and a 4-run sweep gives 4 rows.
 */
class SparkRunnerTest {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = session();
    }

    /** The tests' session: local[2], no UI, 2 shuffle partitions, loopback only. */
    static SparkSession session() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("PoroPhase tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                // the test class path holds jhdf's lz4-java 1.8 beside Spark's newer fork of it (same package); Spark's
                // block compression would pick the old one: zstd here (spark-submit runs with Spark's own class path)
                .config("spark.io.compression.codec", "zstd")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    record Run(int code, String err) {
    }

    static Run spark(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
        int code = PoroPhaseSpark.run(spark, args, err);
        return new Run(code, b.toString(StandardCharsets.UTF_8));
    }

    /** The bundled test images and a truncated TIFF, in a fresh folder. */
    static Path inputs(Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (Stream<Path> s = Files.list(Path.of("test-images"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".tif")).toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        byte[] head = Files.readAllBytes(Path.of("test-images/sem_cylinders_fei.tif"));
        Files.write(in.resolve("corrupt.tif"), java.util.Arrays.copyOf(head, 4096));
        return in;
    }

    @Test
    void analyzeGivesTheClisSummaryAndOutputs(@TempDir Path tmp) throws IOException {
        Path in = inputs(tmp);
        Path cliOut = tmp.resolve("cli");
        Path sparkOut = tmp.resolve("spark");
        AnalyzeCommandTest.Run cli = AnalyzeCommandTest.run("analyze", in.toString(), "--out", cliOut.toString(), "--quiet");
        assertEquals(1, cli.code(), cli.err());
        Run r = spark("analyze", in.toString(), "--out", sparkOut.toString(), "--quiet");
        assertEquals(1, r.code(), r.err());

        List<List<String>> a = csv(Files.readString(cliOut.resolve("summary.csv")));
        List<List<String>> b = csv(Files.readString(sparkOut.resolve("summary.csv")));
        assertEquals(a.get(0), b.get(0), "columns");
        assertEquals(6, a.size(), "header + 4 test images + the corrupt file");
        assertEquals(a.size(), b.size(), "rows");
        int numbers = 0;
        for (int i = 1; i < a.size(); i++) {
            for (int c = 0; c < a.get(0).size(); c++) {
                String x = a.get(i).get(c);
                String y = b.get(i).get(c);
                Double dx = number(x);
                if (dx != null) {
                    numbers++;
                    assertEquals(dx, number(y), "row " + i + " " + a.get(0).get(c) + ": " + x + " vs " + y);
                } else {
                    assertEquals(x, y, "row " + i + " " + a.get(0).get(c));
                }
            }
        }
        assertTrue(numbers > 50, "numbers compared: " + numbers);
        int status = a.get(0).indexOf("status");
        int error = a.get(0).indexOf("error");
        List<String> corrupt = b.stream().filter(row -> row.get(0).endsWith("corrupt.tif")).findFirst().orElseThrow();
        assertEquals("failed", corrupt.get(status));
        assertTrue(corrupt.get(error).contains("corrupt.tif"), corrupt.get(error));
        assertEquals(4, b.stream().filter(row -> "ok".equals(row.get(status))).count());
        assertTrue(r.err().contains("error: " + in.resolve("corrupt.tif")), r.err());

        // each item's files exactly as the CLI writes them; nothing left in staging
        Set<String> cliFiles = names(cliOut);
        Set<String> sparkFiles = names(sparkOut);
        sparkFiles.remove("summary.parquet");
        assertEquals(cliFiles, sparkFiles);
        assertTrue(cliFiles.contains("xct_boolean_spheres_80.summary.json") && cliFiles.contains("sem_cylinders_fei.mask.tif"), cliFiles.toString());

        // the Parquet table: the same rows, typed
        Dataset<Row> p = spark.read().parquet(sparkOut.resolve("summary.parquet").toString());
        assertEquals(5, p.count());
        int porosity = a.get(0).indexOf("porosity");
        Row fei = p.filter("stem = 'sem_cylinders_fei'").first();
        List<String> feiCsv = b.stream().filter(row -> row.get(0).endsWith("sem_cylinders_fei.tif")).findFirst().orElseThrow();
        // the CSV holds 10 significant digits (core.Csv), Parquet the double itself
        assertEquals(Double.parseDouble(feiCsv.get(porosity)), fei.getDouble(fei.fieldIndex("porosity")), 1e-9);
        assertEquals(1, p.filter("status = 'failed'").count());
    }

    @Test
    void aRetriedItemIsCommittedOnce(@TempDir Path tmp) throws IOException {
        // what a retried task leaves: attempt 0 wrote its whole set and was lost, attempt 1 finished;
        // Spark returns attempt 1's outcome only, and only that set is moved in
        Path f = tmp.resolve("small.tif");
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(256).height(192).pixelSizeUm(0.05)
                .poreDiameterUm(1.0).porosity(0.3).infoBarPx(32).vendor(SemSynthesizer.Vendor.FEI).seed(3).build()), f);
        Path out = tmp.resolve("out");
        AnalyzeJob job = new AnalyzeJob(PluginConfig.defaults(), null);
        try (OutputFolder folder = OutputFolder.open(out, "--out", List.of(f)); Distributed d = new Distributed(spark, folder)) {
            StagedBatch.Outcome lost = StagedBatch.analyze(job, 0, f, "small", d.area().resolve("item-0-attempt-0-1"));
            StagedBatch.Outcome kept = StagedBatch.analyze(job, 0, f, "small", d.area().resolve("item-0-attempt-1-2"));
            assertTrue(lost.ok() && kept.ok());
            assertNotEquals(lost.staged(), kept.staged());
            List<Path> moved = StagedBatch.commit(StagedBatch.Kind.ANALYZE, folder, "small", Path.of(kept.staged()));
            assertTrue(moved.size() >= 4, moved.toString());
            assertTrue(Files.exists(Path.of(lost.staged())), "the lost attempt's set stays in staging until the run ends");
        }
        Set<String> files = names(out);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(files.size(), s.count(), "no staging folder, no lock file left: " + files);
        }
        assertEquals(Set.of("small.summary.json", "small.pores.csv", "small.psd.csv", "small.mask.tif", "small.qc.png"), files);
    }

    @Test
    void aSweepGivesOneRowPerRun(@TempDir Path tmp) throws IOException {
        Path yml = tmp.resolve("sweep.yml");
        Files.writeString(yml, String.join("\n",
                "command: phasefield",
                "base:",
                "  ideal: true",
                "  time_s: 20",
                "  snapshots: 2",
                "  interface_pore_fraction: 0.25",
                "  cells_per_interface: 2",
                "grid:",
                "  pore_size_um: [5, 10]",
                "  current_density_mA_cm2: [0.1, 0.2]",
                ""));
        Path out = tmp.resolve("out");
        Run r = spark("sweep", yml.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<List<String>> t = csv(Files.readString(out.resolve("sweep.csv")));
        assertEquals(5, t.size(), "header + 4 runs: " + t);
        List<String> h = t.get(0);
        assertEquals(List.of("run", "stem", "input", "status", "error", "pore_size_um", "current_density_mA_cm2"), h.subList(0, 7));
        Set<String> points = new TreeSet<>();
        for (List<String> row : t.subList(1, 5)) {
            assertEquals("ok", row.get(h.indexOf("status")), row.toString());
            assertEquals("completed", row.get(h.indexOf("result_status")), row.toString());
            points.add(row.get(5) + "/" + row.get(6));
            double fill = Double.parseDouble(row.get(h.indexOf("fill_fraction")));
            assertTrue(fill >= 0 && fill <= 1, row.toString());
            assertTrue(Files.exists(out.resolve(row.get(1) + ".phasefield.json")), row.get(1));
        }
        assertEquals(Set.of("5/0.1", "5/0.2", "10/0.1", "10/0.2"), points);
        assertEquals(4, spark.read().parquet(out.resolve("sweep.parquet").toString()).count());
        // the run with twice the current plates more in the same time
        assertTrue(fill(t, "5", "0.2") > fill(t, "5", "0.1"), t.toString());
    }

    @Test
    void badUsageIsRefusedBeforeAnythingRuns(@TempDir Path tmp) {
        Run r = spark("analyze", "test-images", "--out", tmp.resolve("o").toString(), "--pixel-size", "-1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--pixel-size (pixel_size_um) = -1"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
        Run u = spark("analyze", "test-images", "--out", tmp.resolve("o").toString(), "--no-such-option");
        assertEquals(2, u.code(), u.err());
        assertTrue(u.err().contains("unknown option --no-such-option"), u.err());
        // the block-wise τ of the volume command refuses periodic sides (a block's opposite sides are not neighbours), as analyze-volume does
        Run t = spark("volume", "test-images/xct_boolean_spheres_80.tif", "--out", tmp.resolve("o").toString(), "--tau-rev", "--side-boundary",
                "periodic");
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("--tau-rev with --side-boundary periodic"), t.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    private static double fill(List<List<String>> t, String pore, String current) {
        List<String> h = t.get(0);
        return t.subList(1, t.size()).stream().filter(r -> r.get(5).equals(pore) && r.get(6).equals(current))
                .mapToDouble(r -> Double.parseDouble(r.get(h.indexOf("fill_fraction")))).findFirst().orElseThrow();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
        }
    }

    private static Double number(String s) {
        if (s.isEmpty() || !s.matches("[-+0-9.eEInfinityaN]+")) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and newlines. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
