package org.porophase.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.OutputFolder;
import org.porophase.core.PoroPhaseException;
import org.porophase.synth.SemSynthesizer;
import org.porophase.ui.cli.AnalyzeCommandTest;
import org.porophase.ui.cli.AnalyzeCommandTest.Run;

/**
 * "Nothing lost, nothing mixed": the guards of the output folder, through the CLI as a user runs it.
 * Every case ends by asserting the exact set of files in the folder (hidden ones included).
 */
class OutputSafetyTest {

    static final List<String> SEM_SET = List.of("mask.tif", "pores.csv", "psd.csv", "qc.png", "summary.json");

    static Path image(Path dir, String name, long seed) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(160).height(128)
                .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).infoBarPx(16)
                .vendor(SemSynthesizer.Vendor.FEI).seed(seed).build()), f);
        Files.deleteIfExists(dir.resolve(name.replaceFirst("\\.tif$", "") + ".truth.json")); // the generator's sidecar
        return f;
    }

    static Run run(String... args) {
        return AnalyzeCommandTest.run(args);
    }

    /** Every file and folder in {@code dir}, recursively, as relative paths ("x/report.html"). */
    static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Set<String> set(List<String> inputs, Map<String, List<String>> sets, String... more) {
        Set<String> s = new TreeSet<>(inputs);
        for (Map.Entry<String, List<String>> e : sets.entrySet()) {
            for (String suffix : e.getValue()) {
                s.add(e.getKey() + "." + suffix);
            }
        }
        s.addAll(Arrays.asList(more));
        return s;
    }

    static Map<String, List<String>> sem(String... stems) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String s : stems) {
            m.put(s, SEM_SET);
        }
        return m;
    }

    @Test
    void outputsIntoTheInputFolderNeverOverwriteAnInput(@TempDir Path tmp) throws IOException {
        Path s = tmp.resolve("s");
        Path a = image(s, "a.tif", 1);
        Path userMask = image(s, "a.mask.tif", 2); // the user's own image that happens to have an output's name
        byte[] before = Files.readAllBytes(userMask);

        Run r = run("analyze", a.toString(), userMask.toString(), "--out", s.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("error: --out " + s + " would overwrite the input " + userMask
                + " (it is the mask a.tif produces): choose another output folder"), r.err());
        assertArrayEquals(before, Files.readAllBytes(userMask));
        assertEquals(Set.of("a.tif", "a.mask.tif"), files(s), "nothing written");

        // folder mode: a.mask.tif is not PoroPhase's (no provenance tag), so it is an input like any other
        r = run("analyze", s.toString(), "--out", s.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("would overwrite the input " + userMask + " (it is the mask a.tif produces)"), r.err());
        assertArrayEquals(before, Files.readAllBytes(userMask));
        assertEquals(Set.of("a.tif", "a.mask.tif"), files(s));

        // named alone, a.tif would still write over the user's a.mask.tif: refused as well
        r = run("analyze", a.toString(), "--out", s.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(userMask + ", which PoroPhase did not write"), r.err());
        assertArrayEquals(before, Files.readAllBytes(userMask));
        assertEquals(Set.of("a.tif", "a.mask.tif"), files(s));
    }

    @Test
    void aSymlinkedInputIsRecognisedByItsRealPath(@TempDir Path tmp) throws IOException {
        Path s = tmp.resolve("s");
        Path a = image(s, "a.tif", 1);
        Path real = image(tmp.resolve("masks"), "m.tif", 2);
        Path link;
        try {
            link = Files.createSymbolicLink(s.resolve("a.mask.tif"), real);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links on this file system: " + e);
            return;
        }
        byte[] before = Files.readAllBytes(real);
        Run r = run("analyze", a.toString(), real.toString(), "--out", s.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("would overwrite the input " + real + " (it is the mask a.tif produces)"), r.err());
        assertArrayEquals(before, Files.readAllBytes(real));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Set.of("a.tif", "a.mask.tif"), files(s));
    }

    @Test
    void aFolderRunIntoItselfNeverAnalysesItsOwnOutputs(@TempDir Path tmp) throws IOException {
        Path s = tmp.resolve("s");
        image(s, "a.tif", 1);
        image(s, "b.tif", 2);
        Run r = run("analyze", s.toString(), "--out", s.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Set<String> expected = set(List.of("a.tif", "b.tif"), sem("a", "b"), "summary.csv");
        assertEquals(expected, files(s));
        // the masks carry PoroPhase's provenance tag
        assertTrue(Files.readString(s.resolve("a.mask.tif"), StandardCharsets.ISO_8859_1).contains("porophase_output=mask.tif"));

        r = run("analyze", s.toString(), "--out", s.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped 4 PoroPhase output file(s)"), r.err());
        List<String> csv = Files.readAllLines(s.resolve("summary.csv"));
        assertEquals(3, csv.size(), "two inputs, not their outputs: " + csv);
        assertEquals(expected, files(s));

        // a glob does the same; an output named explicitly is analysed, with a warning
        r = run("analyze", s.resolve("*.tif").toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, Files.readAllLines(tmp.resolve("o").resolve("summary.csv")).size());
        r = run("analyze", s.resolve("a.mask.tif").toString(), "--out", tmp.resolve("o2").toString(), "-q");
        assertTrue(r.err().contains("warning: " + s.resolve("a.mask.tif") + ": is an output PoroPhase wrote"), r.err());
    }

    @Test
    void sameFileNamesFromTwoFoldersGetTwoStems(@TempDir Path tmp) throws IOException {
        Path x1 = image(tmp.resolve("d1"), "x.tif", 1);
        Path x2 = image(tmp.resolve("d2"), "x.tif", 2);
        Path out = tmp.resolve("o");
        Run r = run("analyze", x1.toString(), x2.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(set(List.of(), sem("x__d1", "x__d2"), "summary.csv"), files(out));
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.get(0).startsWith("file,status,error,warnings,stem,"), csv.get(0));
        assertTrue(csv.get(1).startsWith(x1 + ",ok,,,x__d1,"), csv.get(1));
        assertTrue(csv.get(2).startsWith(x2 + ",ok,,,x__d2,"), csv.get(2));
        assertTrue(Files.readString(out.resolve("x__d2.summary.json")).contains(x2.toString()), "d2's summary is d2's");

        // compare: one report folder each
        Path cmp = tmp.resolve("c");
        r = run("compare", x1.toString(), x2.toString(), "--no-phasefield", "--out", cmp.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Set<String> names = files(cmp);
        assertTrue(names.contains("x__d1/x__d1.summary.json") && names.contains("x__d2/report.html") && names.contains("summary.csv"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.equals("summary.csv") || n.startsWith("x__d1") || n.startsWith("x__d2")), names.toString());
    }

    @Test
    void aFailingInputLeavesTheEarlierSetWhole(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        image(in, "a.tif", 1);
        Path b = image(in, "b.tif", 2);
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", in.toString(), "--out", out.toString(), "-q").code());
        Map<String, byte[]> old = new LinkedHashMap<>();
        for (String suffix : SEM_SET) {
            old.put(suffix, Files.readAllBytes(out.resolve("b." + suffix)));
        }
        Files.write(b, new byte[] {'I', 'I', 42, 0, 99, 0, 0, 0}); // b is now broken
        Run r = run("analyze", in.toString(), "--out", out.toString(), "-q");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("b.tif"), r.err());
        for (String suffix : SEM_SET) {
            assertArrayEquals(old.get(suffix), Files.readAllBytes(out.resolve("b." + suffix)), "b." + suffix + " of the earlier run");
        }
        assertEquals(set(List.of(), sem("a", "b"), "summary.csv"), files(out), "no partial new files, no staging folder");
    }

    @Test
    void aWriterThatFailsHalfwayChangesNothing(@TempDir Path out) throws IOException {
        Files.writeString(out.resolve("x.summary.json"), "{\"software\": \"PoroPhase old\"}");
        Files.writeString(out.resolve("x.pores.csv"), "old");
        try (OutputFolder f = OutputFolder.open(out, "--out", List.of())) {
            assertThrows(PoroPhaseException.class, () -> f.commitFiles("x", d -> {
                try {
                    Files.writeString(d.resolve("x.pores.csv"), "new");
                    Files.writeString(d.resolve("x.mask.tif"), "new");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new PoroPhaseException("rendering failed");
            }));
        }
        assertEquals("old", Files.readString(out.resolve("x.pores.csv")));
        assertEquals(Set.of("x.summary.json", "x.pores.csv"), files(out));
    }

    @Test
    void aRerunRemovesTheStaleSnapshotsOfItsStem(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("pf");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("other.xi-t000001.0s.png"), "another stem's");
        String[] base = {"phasefield", "--ideal", "--pore-size", "1.5", "--porosity", "0.5", "--width", "3", "--height", "8", "--time", "4",
                "--dt", "1", "-q", "--out", out.toString()}; // 1-s steps: a snapshot at every second
        Run r = run(concat(base, "--snapshots", "5"));
        assertEquals(0, r.code(), r.err());
        long first = files(out).stream().filter(n -> n.matches("ideal-2d\\.xi-t.*\\.png")).count();
        assertEquals(5, first, files(out).toString());
        r = run(concat(base, "--snapshots", "2"));
        assertEquals(0, r.code(), r.err());
        Set<String> names = files(out);
        Set<String> snaps = names.stream().filter(n -> n.matches("ideal-2d\\.xi-t.*\\.png")).collect(Collectors.toSet());
        assertEquals(Set.of("ideal-2d.xi-t000000.0s.png", "ideal-2d.xi-t000004.0s.png"), snaps, names.toString());
        Set<String> expected = new TreeSet<>(snaps);
        expected.addAll(List.of("notes.txt", "other.xi-t000001.0s.png", "ideal-2d.phasefield.json", "ideal-2d.timeseries.csv",
                "ideal-2d.fill-vs-depth.csv", "ideal-2d.snapshots.tif", "ideal-2d.current-density-final.png", "ideal-2d.cycles.csv",
                "ideal-2d.reaction-final.png"));
        assertEquals(expected, names);
    }

    @Test
    void leftoversOfAKilledRunAreCleaned(@TempDir Path tmp) throws IOException {
        Path a = image(tmp.resolve("in"), "a.tif", 1);
        Path out = tmp.resolve("out");
        Path staging = Files.createDirectories(out.resolve(".porophase-staging-a-dead1"));
        Files.writeString(staging.resolve("a.mask.tif"), "half");
        Files.writeString(out.resolve(".pp-12345.part"), "half");
        Files.writeString(out.resolve(".a.summary.json8817263.part"), "half (earlier versions' temporary name)");
        Path report = Files.createDirectories(out.resolve("old"));
        Files.writeString(report.resolve(".pp-999.part"), "half");
        Files.writeString(report.resolve("report.html"), "kept");
        Files.writeString(out.resolve(".hidden-user-file"), "kept");
        Run r = run("analyze", a.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(set(List.of(), sem("a"), ".hidden-user-file", "old", "old/report.html"), files(out));
    }

    @Test
    void anExistingFileAsTheOutputFolderIsRefusedAndKept(@TempDir Path tmp) throws IOException {
        Path a = image(tmp.resolve("in"), "a.tif", 1);
        Path out = Files.writeString(tmp.resolve("results"), "user data");
        Run r = run("analyze", a.toString(), "--out", out.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(out + " (--out) is an existing file, not a folder: give a folder name"), r.err());
        assertEquals("user data", Files.readString(out));
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path a = image(tmp.resolve("in"), "a.tif", 1);
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (FileChannel ch = FileChannel.open(out.resolve(".porophase.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock()) {
            assertTrue(lock != null && lock.isValid());
            ch.write(ByteBuffer.wrap("4242\n".getBytes(StandardCharsets.US_ASCII)), 0);
            Run r = run("analyze", a.toString(), "--out", out.toString(), "-q");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("error: " + out + " is in use by another PoroPhase run (pid 4242); wait for it or choose another --out"),
                    r.err());
            assertEquals(Set.of(".porophase.lock"), files(out), "nothing written");
        }
        // the same holds within one process: a second run while the first holds the folder
        try (OutputFolder held = OutputFolder.open(out, "--out", List.of())) {
            Run r = run("compare", a.toString(), "--no-phasefield", "--out", out.toString(), "-q");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("is in use by another PoroPhase run (pid " + ProcessHandle.current().pid()), r.err());
        }
        Files.deleteIfExists(out.resolve(".porophase.lock"));
        assertEquals(0, run("analyze", a.toString(), "--out", out.toString(), "-q").code());
        assertEquals(set(List.of(), sem("a")), files(out), "the lock file goes with the run");
    }

    @Test
    void aReadOnlyOutputFolderIsBadInput(@TempDir Path tmp) throws IOException {
        Path a = image(tmp.resolve("in"), "a.tif", 1);
        Path out = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(out.resolve("a.summary.json"), "{\"software\": \"PoroPhase earlier\"}");
        try {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions on this file system");
        }
        try {
            Assumptions.assumeFalse(Files.isWritable(out), "running as root: permissions are not enforced, a read-only folder cannot be made");
            Run r = run("analyze", a.toString(), "--out", out.toString(), "-q");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("error: cannot write into the output folder " + out + " (--out): permission denied"), r.err());
            assertEquals(Set.of("a.summary.json"), files(out));
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aLongStemThatTheFileSystemAcceptsIsWritten(@TempDir Path tmp) throws IOException {
        String stem = "s".repeat(230);
        Path a = image(tmp.resolve("in"), stem + ".tif", 1);
        Path out = tmp.resolve("out");
        Run r = run("analyze", a.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(set(List.of(), sem(stem)), files(out));
        assertFalse(Files.readString(out.resolve(stem + ".summary.json")).isEmpty());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(Arrays.asList(a));
        l.addAll(Arrays.asList(b));
        return l.toArray(new String[0]);
    }
}
