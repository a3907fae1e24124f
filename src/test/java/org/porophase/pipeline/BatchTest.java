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
}
