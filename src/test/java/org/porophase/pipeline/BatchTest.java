package org.porophase.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.NaturalOrder;

class BatchTest {

    @Test
    void naturalOrder() {
        List<String> names = new ArrayList<>(Arrays.asList("slice10.tif", "slice2.tif", "Slice1.tif", "slice002b.tif", "a"));
        names.sort(NaturalOrder::compare);
        assertEquals(Arrays.asList("a", "Slice1.tif", "slice2.tif", "slice002b.tif", "slice10.tif"), names);
    }

    @Test
    void expandListsImagesSkipsOthersAndOwnOutputs(@TempDir Path dir) throws IOException {
        for (String n : new String[] {"b10.tif", "b2.tif", "notes.pdf", "b2.txt", "b2.mask.tif", ".hidden.tif", "c.png"}) {
            Files.writeString(dir.resolve(n), "x");
        }
        List<Path> skipped = new ArrayList<>();
        List<Path> files = Batch.expand(List.of(dir), skipped);
        assertEquals(Arrays.asList("b2.tif", "b10.tif", "c.png"), files.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of(dir.resolve("notes.pdf")), skipped);
        List<Path> glob = Batch.expand(List.of(dir.resolve("b*.tif")), null);
        assertEquals(2, glob.size());
    }

    @Test
    void batchGoesPastFailuresAndKeepsOrder() {
        List<Path> files = List.of(Path.of("ok1"), Path.of("bad"), Path.of("ok2"), Path.of("crash"));
        int[] progressCalls = {0};
        Batch.Result r = Batch.run(files, f -> {
            if (f.toString().equals("bad")) {
                throw new PoroPhaseException("corrupt TIFF");
            }
            if (f.toString().equals("crash")) {
                throw new IllegalStateException("boom");
            }
            return Map.of("porosity", f.toString().equals("ok1") ? 0.25 : 0.5);
        }, 2, (done, total, f, err) -> {
            synchronized (progressCalls) {
                progressCalls[0]++;
            }
        });
        assertEquals(4, progressCalls[0]);
        assertEquals(2, r.failed());
        assertEquals(0.25, r.summaries().get(0).get("porosity"));
        assertNull(r.summaries().get(1));
        assertEquals("corrupt TIFF", r.errors().get(Path.of("bad")));
        assertTrue(r.errors().get(Path.of("crash")).contains("boom"));
        String csv = r.toCsv();
        assertTrue(csv.startsWith("file,status,error,warnings,stem,porosity\nok1,ok,,,ok1,0.25\nbad,failed,corrupt TIFF,,bad,\n"), csv);
    }

    /**
     * Every warning of an analysed file reaches the {@code warnings} column of summary.csv (and stderr), and an
     * uncalibrated file is a failed row whose error names the fix, while the batch goes on (exit 1).
     */
    @Test
    void summaryCsvCarriesWarningsAndTheUncalibratedRefusal(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectory(dir.resolve("in"));
        // a 100 µm FEI pixel: accepted (within 1 pm … 1 mm) but outside the usual SEM range, so warned about
        String fei = "[Scan]\r\nPixelWidth=1e-004\r\nPixelHeight=1e-004\r\n";
        org.porophase.io.RawTiff.write(in.resolve("coarse.tif"), List.of(org.porophase.io.RawTiff.pattern(128, 96, 0).ascii(34682, fei)), Map.of());
        org.porophase.io.RawTiff.write(in.resolve("plain.tif"), List.of(org.porophase.io.RawTiff.pattern(128, 96, 1)), Map.of());
        Path out = dir.resolve("out");
        org.porophase.ui.cli.AnalyzeCommandTest.Run r = org.porophase.ui.cli.AnalyzeCommandTest.run("analyze", in.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("warning: " + in.resolve("coarse.tif") + ": pixel size 100 µm"), r.err());
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(lines.get(0).startsWith("file,status,error,warnings,stem,"), lines.get(0));
        String coarse = lines.stream().filter(l -> l.contains("coarse.tif")).findFirst().orElseThrow();
        assertTrue(coarse.contains(",ok,,") && coarse.contains("is outside the usual SEM range 0.1 nm … 50 µm"), coarse);
        String plain = lines.stream().filter(l -> l.contains("plain.tif")).findFirst().orElseThrow();
        assertTrue(plain.contains(",failed,") && plain.contains("has no pixel size") && plain.contains("--units px"), plain);
    }
}
