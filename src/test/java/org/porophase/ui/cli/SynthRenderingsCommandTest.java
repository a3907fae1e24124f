package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import picocli.CommandLine;

/** {@code synth} options of issue 12: SNR, 2-px gaps, touching pores, radial shading, charging streaks; bad values refused. */
class SynthRenderingsCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new SynthCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> truth(Path tif) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(tif.resolveSibling(tif.getFileName().toString().replace(".tif", ".truth.json"))));
    }

    @Test
    void newRenderingOptionsReachTheTruth() throws Exception {
        StringWriter err = new StringWriter();
        Path gap = dir.resolve("gap2.tif");
        assertEquals(0, run(err, "--model", "cylinders", "--width", "200", "--height", "160", "--pore-diameter", "2", "--porosity", "0.3",
                "--min-gap-px", "2", "--snr", "7", "--out", gap.toString()), err.toString());
        Map<String, Object> t = truth(gap);
        assertEquals(2, ((Number) t.get("min_gap_px")).intValue());
        assertEquals(130 / 7.0, ((Number) t.get("noise")).doubleValue(), 1e-12);
        Path touch = dir.resolve("touch.tif");
        assertEquals(0, run(err, "--model", "cylinders", "--width", "200", "--height", "160", "--pore-diameter", "2", "--porosity", "0.3",
                "--touch-fraction", "0.4", "--out", touch.toString()), err.toString());
        t = truth(touch);
        assertTrue(((Number) t.get("pore_clusters")).intValue() < ((Number) t.get("pore_count")).intValue());
        Path art = dir.resolve("art.tif");
        assertEquals(0, run(err, "--model", "boolean", "--width", "200", "--height", "160", "--radius", "1", "--shading", "0.1",
                "--shading-profile", "radial", "--streaks", "4", "--streak-amplitude", "50", "--out", art.toString()), err.toString());
        t = truth(art);
        assertEquals("radial", t.get("shading_profile"));
        assertEquals(4, ((Number) t.get("streaks")).intValue());
    }

    @Test
    void badValuesAreRefusedWithTheOptionNamed() {
        String[][] bad = {{"--shading-profile", "spiral"}, {"--snr", "0"}, {"--min-gap-px", "1"}, {"--touch-fraction", "1.5"}, {"--streaks", "-1"}};
        for (String[] b : bad) {
            StringWriter err = new StringWriter();
            Path out = dir.resolve("bad.tif");
            assertEquals(2, run(err, b[0], b[1], "--out", out.toString()), String.join(" ", b));
            assertTrue(err.toString().contains(b[0]), err.toString());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", b));
        }
    }
}
