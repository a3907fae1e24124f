package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract a hostile test checked: one-line usage errors, absurd times refused, a resumed checkpoint untouched. */
class CliContractTest {

    @Test
    void usageErrorsAreOneLine() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "x.tif", "--frobnicate");
        assertEquals(2, r.code());
        assertEquals("error: Unknown option: '--frobnicate' (see 'porophase analyze --help')", r.err().trim());
        r = AnalyzeCommandTest.run("frobnicate");
        assertEquals(2, r.code());
        assertEquals(1, r.err().trim().split("\n").length, r.err());
    }

    @Test
    void timesThatCannotBeSimulatedAreRefused() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("phasefield", "--ideal", "--time", "1e300", "-q");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--time (time_s) = 1e300 s is out of range"), r.err());
        r = AnalyzeCommandTest.run("phasefield", "--ideal", "--time", "20", "--dt", "50", "-q");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dt_s = 50.0 s is longer than the simulated time"), r.err());
    }

    @Test
    void resumeNeverRewritesItsCheckpointAndMustGoForward(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("run.ckpt");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("phasefield", "--ideal", "--ideal-width", "8", "--ideal-height", "8", "--pore-size", "2",
                "--time", "4", "--checkpoint", ck.toString(), "-q", "--out", dir.resolve("a").toString());
        assertEquals(0, r.code(), r.err());
        byte[] before = Files.readAllBytes(ck);
        r = AnalyzeCommandTest.run("phasefield", "--resume", ck.toString(), "--time", "6", "-q", "--out", dir.resolve("b").toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(before, Files.readAllBytes(ck), "the checkpoint resumed from is an input");
        r = AnalyzeCommandTest.run("phasefield", "--resume", ck.toString(), "--time", "2", "-q", "--out", dir.resolve("c").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already at t = 4.0 s"), r.err());
        assertFalse(Files.exists(dir.resolve("c")), "nothing written");
    }
}
