package org.porophase.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.phasefield.PhaseFieldEstimate;
import org.porophase.synth.SemSynthesizer;
import org.porophase.ui.cli.AnalyzeCommandTest;
import org.porophase.ui.cli.AnalyzeCommandTest.Run;

/**
 * Work that would not fit is refused before it starts, quickly and with the numbers (reliability
 * issue): phase-field grids too large for the heap or the solver, rasters too large for an array,
 * compare without phase-field on a large field, batches scheduled within a memory budget, unbounded
 * synth/bench requests. Only timeouts are timed.
 */
class BoundedWorkTest {
    @TempDir
    Path tmp;

    private static Run run(String... args) {
        return AnalyzeCommandTest.run(args);
    }

    /** A refusal names the grid's memory, the bytes per cell and the fixes (coarser dx, smaller domain). */
    private static void assertMemoryRefusal(Run r) {
        assertEquals(2, r.code(), r.err());
        String e = r.err();
        assertTrue(e.startsWith("error: phasefield --ideal"), e);
        assertTrue(e.contains("needs ≈ ") && e.contains("B per cell"), e);
        // a coarser dx that fits (with its memory), or, when no coarser dx keeps the resolution rule, a coarser interface
        assertTrue(e.contains("a coarser --dx (") && e.contains(" needs ") || e.contains("a coarser interface (") && e.contains("the resolution rule allows dx ≤"),
                "suggests a dx that fits, with its memory: " + e);
        assertTrue(e.contains("--ideal-width/--ideal-height"), e);
        assertFalse(e.contains("OutOfMemory") || e.contains("NegativeArraySize") || e.contains("null"), e);
    }

    @Test
    void theReadmeThreeDCaseIsRefusedBeforeAllocatingWhenTheHeapIsTooSmall() {
        // the former default 3D ideal scaffold (50 × 50 × 48 µm at dx 0.25 µm, within the 3D rule's dx ≤ 0.27 µm):
        // 201 × 201 × 200 = 8.1 M cells ≈ 7.5 GiB (today's default is 2 × 2 cylinders, 18 µm: 0.15 M cells, see ResolutionTest.threeDDefaultsFitMinutesNotHours)
        double need = 8.08e6 * PhaseFieldEstimate.BYTES_PER_CELL_3D;
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < need, "the heap could hold the README 3D case");
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("phasefield", "--ideal", "--3d", "--ideal-width", "50", "--ideal-height", "48",
                "--dx", "0.25", "--quiet", "--out", tmp.toString()));
        assertMemoryRefusal(r);
        assertTrue(r.err().contains("201 × 201 × 200 grid at --dx 0.25 µm"), r.err());
        assertTrue(r.err().contains("the Java heap has") && r.err().contains("java -Xmx"), r.err());
        assertTrue(r.err().contains("1000 steps"), "the time estimate: " + r.err());
    }

    @Test
    void gridsBeyondTheSolverAreRefusedWhateverTheHeap() {
        // 3D at dx 0.05 µm: 10⁹ cells; 2D at dx 0.001 µm: 2.5·10⁹ cells (was NegativeArraySizeException)
        for (String[] a : new String[][] {{"--3d", "--dx", "0.05", "--ideal-width", "50", "--ideal-height", "48"}, {"--dx", "0.001"}, {"--3d", "--dx", "0.001"}}) {
            String[] args = concat(new String[] {"phasefield", "--ideal", "--quiet", "--out", tmp.toString()}, a);
            Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(args));
            assertMemoryRefusal(r);
            assertTrue(r.err().contains("more than the solver's limit"), r.err());
        }
    }

    @Test
    void aGridTooCoarseForTheChannelsSaysSoNotInvertTheMask() {
        // the resolution rule refuses it first, with the numbers and the fix
        Run u = run("phasefield", "--ideal", "--dx", "100", "--quiet", "--out", tmp.toString());
        assertEquals(2, u.code(), u.err());
        assertTrue(u.err().contains("under-resolved") && u.err().contains("use dx_um ≤ 0.1563 (or 0 = automatic) or force"), u.err());
        // forced, the grid still cannot hold the channels
        Run r = run("phasefield", "--ideal", "--dx", "100", "--force", "--quiet", "--out", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--dx 100 µm is too coarse for 5 µm pores"), r.err());
        assertTrue(r.err().contains("use --dx 1.25 µm or finer"), r.err());
        assertFalse(r.err().contains("invert"), r.err());
    }

    @Test
    void snapshotsAndThreadsAreRangeChecked() {
        Run s = run("phasefield", "--ideal", "--snapshots", "100000", "--out", tmp.toString());
        assertEquals(2, s.code(), s.err());
        assertTrue(s.err().contains("--snapshots (snapshots) = 100000 is out of range"), s.err());
        Run t = run("phasefield", "--ideal", "--threads", "100000", "--out", tmp.toString());
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("--threads (threads) = 100000 is out of range"), t.err());
    }

    @Test
    void compareWithoutPhaseFieldAtALargePixelSizeBuildsNoGrid() {
        // 256 × 192 px at 10 µm: 2.6 × 1.9 mm; the twin at dx/4 = 0.0625 µm would be 41 k × 31 k pixels
        Path f = tmp.resolve("wide.tif");
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(256).height(192)
                .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).seed(3).build()), f);
        Path out = tmp.resolve("cmp");
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> run("compare", f.toString(), "--no-phasefield", "--pixel-size", "10", "--quiet", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("wide").resolve("wide.summary.json")), r.err());
        // with the phase-field on, the same field is refused with the numbers instead of running out of memory
        Run pf = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> run("compare", f.toString(), "--pixel-size", "10", "--time", "1", "--quiet", "--out", tmp.resolve("cmp2").toString()));
        assertEquals(2, pf.code(), pf.err());
        assertTrue(pf.err().contains("phase-field on the real sample") && pf.err().contains("needs ≈ ") && pf.err().contains("--no-phasefield"), pf.err());
    }

    @Test
    void batchKeepsConcurrentEstimatesWithinTheBudget() {
        List<Path> files = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Batch.Result r = Batch.run(files, f -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(50);
            } finally {
                running.decrementAndGet();
            }
            return Map.of("ok", 1);
        }, 4, null, f -> 600L << 20, 1000L << 20);
        assertEquals(0, r.failed());
        assertEquals(1, peak.get(), "two 600 MiB files never run together in a 1000 MiB budget");
    }

    @Test
    void anOutOfMemoryBesideOtherFilesIsRetriedAlone() {
        // each file "runs out of memory" when another one runs at the same time, and works alone: the
        // reproduction of two 16384² images in one folder (each alone or --threads 1 worked)
        List<Path> files = List.of(Path.of("big1.tif"), Path.of("big2.tif"));
        AtomicInteger running = new AtomicInteger();
        Batch.Result r = Batch.run(files, f -> {
            running.incrementAndGet();
            try {
                // in the parallel pass both start together; alone (the retry) nobody comes within the wait
                long until = System.nanoTime() + 1_000_000_000L;
                while (running.get() < 2 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                if (running.get() > 1) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return Map.of("ok", 1);
            } finally {
                running.decrementAndGet();
            }
        }, 2, null, f -> 1L << 20, 1L << 30);
        assertEquals(0, r.failed(), r.errors().toString());
    }

    @Test
    void anOutOfMemoryAloneSaysWhatItNeededAndWhatToDo() {
        Batch.Result r = Batch.run(List.of(Path.of("huge.tif")), f -> {
            throw new OutOfMemoryError("Java heap space");
        }, 1, null, f -> 9L << 30, 6L << 30);
        String e = r.errors().get(Path.of("huge.tif"));
        assertTrue(e.startsWith("out of memory while analysing huge.tif (needs ≈ 9.00 GiB, the heap has "), e);
        assertTrue(e.contains("-Xmx"), e);
    }

    @Test
    void theHeaderGivesTheEstimate() throws IOException {
        Path f = tmp.resolve("est.tif");
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(300).height(200)
                .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).seed(4).build()), f);
        assertEquals(300L * 200 * (Batch.SEM_BYTES_PER_PIXEL + 1), Batch.estimateBytes(f));
        assertEquals(0, Batch.estimateBytes(tmp.resolve("missing.tif")));
        Files.writeString(tmp.resolve("x.txt"), "not an image");
        assertTrue(Batch.estimateBytes(tmp.resolve("x.txt")) > 0);
    }

    @Test
    void synthAndBenchRefuseUnboundedRequestsQuickly() {
        Path out = tmp.resolve("s.tif");
        Run c = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("synth", "--count", "100000000", "--out", out.toString()));
        assertEquals(2, c.code(), c.err());
        assertTrue(c.err().contains("--count 100000000 non-touching pores") && c.err().contains("at most about"), c.err());
        Run e = run("synth", "--count", "1e8", "--out", out.toString());
        assertEquals(2, e.code(), e.err());
        Run b = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("bench", "--reps", "0"));
        assertEquals(2, b.code(), b.err());
        assertTrue(b.err().contains("--reps = 0 is out of range: a whole number ≥ 1"), b.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
