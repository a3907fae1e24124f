package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.ui.cli.AnalyzeCommandTest;

/**
 * Damaged checkpoints: {@code --resume} from a bit-flipped, truncated or semantically inconsistent file
 * gives exit code 2 and one message naming the file and the field, never a raw exception; a checkpoint
 * of an older format (version 1, no checksum) is still read.
 */
class CheckpointCorruptionTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private Path good;
    private byte[] payload; // decompressed

    @BeforeEach
    void writeOne() throws IOException {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        p.timeS = 2;
        // 2 µm of Li in the 4 µm scaffold: a front that reacts (the default 5 µm fills it completely, and a
        // scaffold full of Li has only buried contacts, which do not react in the local model)
        p.impregnationUm = 2;
        Geometry g = IdealScaffold.channels2D(1.5, 0.5, 3, 4, 0.0625).toGeometry(p);
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.threads = 1;
        o.snapshots = 2;
        o.checkpoint = tmp.resolve("run.ckpt");
        new PhaseFieldRun(g, p, o).run(null);
        good = o.checkpoint;
        payload = gunzip(Files.readAllBytes(good));
    }

    private static byte[] gunzip(byte[] b) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(b);
        }
        return bo.toByteArray();
    }

    /** Recomputes the trailing CRC32 of a version-2 payload after an edit, so only the field checks can catch it. */
    private static byte[] resealed(byte[] p) {
        CRC32 crc = new CRC32();
        crc.update(p, 0, p.length - 8);
        ByteBuffer.wrap(p).putLong(p.length - 8, crc.getValue());
        return p;
    }

    /** Offsets in the version-2 payload: [nx, first value of xi array's length field]. */
    private int[] offsets(byte[] p) {
        ByteBuffer b = ByteBuffer.wrap(p);
        int pos = 8; // magic, version
        pos += 2 + (b.getShort(pos) & 0xFFFF); // mode
        int np = b.getInt(pos);
        pos += 4;
        for (int k = 0; k < np; k++) {
            pos += 2 + (b.getShort(pos) & 0xFFFF) + 8;
        }
        int nxAt = pos;
        int n = b.getInt(pos) * b.getInt(pos + 4) * b.getInt(pos + 8);
        pos += 12 + 8 + 8 + 8;
        pos += 2 + (b.getShort(pos) & 0xFFFF); // side
        pos += 2 + (b.getShort(pos) & 0xFFFF); // note
        pos += 4 + 8 * n; // phi
        pos += 4 + n; // open
        pos += 4 + n; // pore
        pos += 4 + 8 * n; // xi0
        return new int[] {nxAt, pos};
    }

    private void refused(Path f, String... causes) {
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        for (String c : causes) {
            assertTrue(e.getMessage().contains(c), "says '" + c + "': " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        Path out = tmp.resolve("out-" + f.getFileName());
        AnalyzeCommandTest.Run r = assertTimeoutPreemptively(LIMIT,
                () -> AnalyzeCommandTest.run("phasefield", "--resume", f.toString(), "-q", "--out", out.toString()));
        String where = "exit " + r.code() + ", stderr: " + r.err(); System.out.println("MSG " + f.getFileName() + " -> " + r.code() + " " + r.err().strip());
        assertEquals(2, r.code(), where);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), where);
        assertTrue(errors.get(0).contains(f.getFileName().toString()), where);
        assertFalse(r.err().contains("at org.") || r.err().contains("null"), where);
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), "nothing written: " + where);
            } catch (IOException x) {
                throw new AssertionError(x);
            }
        }
    }

    @Test
    void theGoodOneResumes() {
        Checkpoint.State st = Checkpoint.read(good);
        assertEquals(st.geometry.size(), st.xi.length);
        assertTrue(st.steps > 0);
    }

    @Test
    void bitFlipInTheCompressedData() throws IOException {
        byte[] b = Files.readAllBytes(good);
        // whole bytes in the middle of the deflate stream: a single flipped bit near its end can land in
        // the final block's unused padding bits, which decode to the same data (nothing to detect)
        for (int at : new int[] {b.length / 3, b.length / 2, 2 * b.length / 3}) {
            byte[] c = b.clone();
            c[at] ^= (byte) 0xFF;
            Path f = Files.write(tmp.resolve("flip" + at + ".ckpt"), c);
            refused(f, "corrupt checkpoint", "start a new run");
        }
    }

    @Test
    void bitFlipInAValueIsCaughtByTheChecksum() throws IOException {
        byte[] p = payload.clone();
        int xi = offsets(p)[1];
        p[xi + 4 + 8 * 3 + 7] ^= 0x01; // a low mantissa bit of xi[3]: still a plausible number
        Path f = Files.write(tmp.resolve("value.ckpt"), gzip(p));
        refused(f, "checksum mismatch");
    }

    @Test
    void truncated() throws IOException {
        byte[] b = Files.readAllBytes(good);
        for (int len : new int[] {5, 40, b.length / 2, b.length - 9}) {
            Path f = Files.write(tmp.resolve("cut" + len + ".ckpt"), Arrays.copyOf(b, len));
            refused(f, "corrupt checkpoint");
        }
        // cut in the decompressed data, re-compressed: gzip is intact, the payload ends early
        Path f = Files.write(tmp.resolve("short.ckpt"), gzip(Arrays.copyOf(payload, payload.length / 2)));
        refused(f, "ends early");
    }

    @Test
    void wrongNx() throws IOException {
        byte[] p = payload.clone();
        int nxAt = offsets(p)[0];
        ByteBuffer b = ByteBuffer.wrap(p);
        int nx = b.getInt(nxAt);
        b.putInt(nxAt, nx + 1);
        Path f = Files.write(tmp.resolve("nx.ckpt"), gzip(resealed(p)));
        refused(f, "nx × ny × nz = ", "but the phi array has");
        b.putInt(nxAt, -nx);
        Path g = Files.write(tmp.resolve("nxneg.ckpt"), gzip(resealed(p)));
        refused(g, "nx = " + (-nx));
    }

    @Test
    void nanInXi() throws IOException {
        byte[] p = payload.clone();
        int xi = offsets(p)[1];
        ByteBuffer.wrap(p).putDouble(xi + 4 + 8 * 5, Double.NaN);
        Path f = Files.write(tmp.resolve("nan.ckpt"), gzip(resealed(p)));
        refused(f, "xi[5] = NaN");
    }

    @Test
    void notACheckpoint() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.ckpt"), "hello");
        refused(f, "not a PoroPhase phase-field checkpoint");
        Path g = Files.write(tmp.resolve("other.ckpt"), gzip("PPFX and more".getBytes(StandardCharsets.US_ASCII)));
        refused(g, "not a PoroPhase phase-field checkpoint");
    }

    /** A checkpoint of format version 1 ("PPF1", no version, no checksum) still resumes. */
    @Test
    void versionOneIsStillRead() throws IOException {
        byte[] p = payload;
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        v1.write(new byte[] {'P', 'P', 'F', '1'});
        // without magic + version, the version-3 tail (current density 8 B, reaction flag 1 B, the run
        // scalars: count 4 B and per scalar its UTF name and 8 B, no run arrays 4 B) and the CRC
        int scalars = 4;
        for (String k : Checkpoint.read(good).runScalars.keySet()) {
            scalars += 2 + k.getBytes(StandardCharsets.UTF_8).length + 8;
        }
        v1.write(p, 8, p.length - 8 - (8 + 1 + scalars + 4) - 8);
        Path f = Files.write(tmp.resolve("v1.ckpt"), gzip(v1.toByteArray()));
        Checkpoint.State a = Checkpoint.read(f);
        Checkpoint.State b = Checkpoint.read(good);
        assertEquals(b.steps, a.steps);
        assertTrue(Arrays.equals(b.xi, a.xi));
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.threads = 1;
        assertEquals("completed", PhaseFieldRun.resume(f, 3, o).run(null).status());
    }

    /**
     * Version 3 keeps the operating point and the driver's state: a solver stripping at −0.5 mA cm⁻²
     * with the reaction switched off and on, checkpointed mid-way, continues as the uninterrupted one
     * (to 1e-7 in ξ: the solvers' initial guesses — the extrapolation history — are not saved, and the
     * solves converge to their tolerances from either guess).
     */
    @Test
    void theOperatingPointAndRunStateResumeExactly() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.25;
        p.timeS = 100;
        p.impregnationUm = 2;
        Geometry g = IdealScaffold.channels2D(1.5, 0.5, 3, 4, 0.0625).toGeometry(p);
        org.porophase.core.Parallel par = org.porophase.core.Parallel.of(1);
        PhaseFieldSolver a = new PhaseFieldSolver(g, p, par);
        a.setReactionEnabled(false);
        a.step(1);
        a.setReactionEnabled(true);
        a.setCurrentDensityMaCm2(-0.5);
        a.step(1);
        a.setReactionEnabled(false);
        Path ck = tmp.resolve("op.ckpt");
        double[] ref = a.xi.clone();
        Checkpoint.write(ck, a, List.of(), List.of(), 0, "t", java.util.Map.of("cycle", 3.0), java.util.Map.of("xi_eq", ref));
        Checkpoint.State st = Checkpoint.read(ck);
        assertEquals(-0.5, st.currentDensityMaCm2);
        assertFalse(st.reactionEnabled);
        assertEquals(3.0, st.runScalars.get("cycle"));
        assertTrue(Arrays.equals(ref, st.runArrays.get("xi_eq")));
        PhaseFieldSolver b = new PhaseFieldSolver(st.geometry, st.params, par, st.solverState());
        assertEquals(-0.5, b.currentDensityMaCm2());
        assertFalse(b.reactionEnabled());
        for (PhaseFieldSolver s : new PhaseFieldSolver[] {a, b}) {
            s.step(1);
            s.setReactionEnabled(true);
            s.step(1);
        }
        double worst = 0;
        for (int i = 0; i < a.xi.length; i++) {
            worst = Math.max(worst, Math.abs(a.xi[i] - b.xi[i]));
        }
        System.out.println("resume: max |xi difference| " + worst);
        assertTrue(worst < 1e-7, "xi continues: " + worst);
        assertEquals(a.electrodePotentialV(), b.electrodePotentialV(), 1e-6 * Math.abs(a.electrodePotentialV()));
    }
}
