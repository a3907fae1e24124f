package org.porophase.core;

import org.porophase.core.Csv;
import org.porophase.core.Json;
import org.porophase.core.AtomicFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;

class UtilTest {

    @Test
    void jsonWritesNestedValuesAndNullsNonFinite() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1.5);
        m.put("b", Double.NaN);
        m.put("c", Arrays.asList(1, "x\"y", true));
        m.put("d", new double[] {0.25, 2});
        m.put("e", null);
        assertEquals("{\"a\":1.5,\"b\":null,\"c\":[1,\"x\\\"y\",true],\"d\":[0.25,2],\"e\":null}", Json.write(m));
        assertTrue(Json.pretty(m).contains("\n  \"a\": 1.5,"));
    }

    @Test
    void csvQuotesAndFormats() {
        String csv = Csv.table(List.of("name", "value"), List.of(List.of("a,b", 0.1), Arrays.asList("c", Double.NaN)));
        assertEquals("name,value\n\"a,b\",0.1\nc,\n", csv);
        assertEquals("1.234567891e-07", Csv.cell(1.2345678912e-7));
    }

    @Test
    void atomicWriteReplacesWholeAndLeavesNoTemp(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        // a failing writer leaves the old content and no temporary file behind
        assertThrows(PoroPhaseException.class, () -> AtomicFiles.write(f, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
        assertFalse(Files.exists(dir.resolve("sub/.out.txt.part")));
    }
}
