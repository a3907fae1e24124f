package org.porophase.phasefield;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.AtomicFiles;
import org.porophase.io.InputFiles;

/**
 * Checkpoint file of a phase-field run (gzip'd binary, written atomically): parameters, geometry,
 * solver state (ξ, c, ψ, V, t, step), the time series and snapshots so far. {@link #read} restores a
 * run that continues exactly where it stopped.
 * <p>
 * <b>Format.</b> Version 3 ("PPF2" mark, version 3, written now): magic, version, the payload, then
 * the CRC32 of everything before it. The payload of version 3 is that of version 2 followed by the
 * solver's operating point (signed current density, reaction on/off, {@link SolverState}) and the run
 * driver's own state (named scalars and named per-cell arrays, e.g. the equilibrated reference ξ and
 * the cycle counters). Versions 2 and 1 ("PPF1", no version number, no checksum) are still read (their
 * operating point is the parameters' current with the reaction on, and no driver state).
 * <p>
 * <b>Damaged files.</b> {@link #read} guards against a bit-flipped, truncated or semantically
 * inconsistent checkpoint (which would otherwise give raw EOF / array-index exceptions, or resume a
 * run on garbage): the checksum is verified, every count is checked against the grid before anything
 * is allocated, and every field is validated (grid sizes and spacing positive, scaffold range inside the
 * grid, every array the grid's length, values finite). The message names the file and the field.
 */
public final class Checkpoint {
    private static final int MAGIC_V1 = 0x50504631; // "PPF1"
    private static final int MAGIC = 0x50504632; // "PPF2"
    private static final int VERSION = 3;
    private static final int VERSION_2 = 2;
    /** Most parameters, series columns and snapshot channels a checkpoint may declare. */
    private static final int MAX_SMALL_COUNT = 10_000;
    /** Most time-series rows or snapshots (one per step at most). */
    private static final int MAX_ROWS = 50_000_000;

    /** What a checkpoint holds. */
    public static final class State {
        public PhaseFieldParameters params;
        public Geometry geometry;
        public double[] xi;
        public double[] c;
        public double[] psi;
        public double v;
        public double time;
        public long steps;
        public List<List<Object>> series = new ArrayList<>();
        public List<Snapshot> snapshots = new ArrayList<>();
        public double wallSecondsBefore;
        public String mode = "";
        /** The applied (signed) current density at the checkpoint, mA cm⁻² (versions 1–2: the parameters'). */
        public double currentDensityMaCm2;
        /** Whether the reaction was on (versions 1–2: true). */
        public boolean reactionEnabled = true;
        /** The run driver's named scalars and per-cell arrays (each the grid's length); empty before version 3. */
        public Map<String, Double> runScalars = new LinkedHashMap<>();
        public Map<String, double[]> runArrays = new LinkedHashMap<>();

        /** The solver state to continue from. */
        SolverState solverState() {
            return new SolverState(xi, c, psi, v, time, steps, currentDensityMaCm2, reactionEnabled);
        }
    }

    private Checkpoint() {
    }

    /** Writes the checkpoint atomically (format version 3, with its CRC32), without run-driver state. */
    public static void write(Path file, PhaseFieldSolver s, List<List<Object>> series, List<Snapshot> snaps, double wallSeconds, String mode) {
        write(file, s, series, snaps, wallSeconds, mode, Map.of(), Map.of());
    }

    /**
     * Writes the checkpoint atomically (format version 3, with its CRC32), with the run driver's named
     * scalars and per-cell arrays (each of the grid's length), returned by {@link #read} in
     * {@link State#runScalars} and {@link State#runArrays}.
     */
    public static void write(Path file, PhaseFieldSolver s, List<List<Object>> series, List<Snapshot> snaps, double wallSeconds, String mode,
            Map<String, Double> runScalars, Map<String, double[]> runArrays) {
        for (Map.Entry<String, double[]> e : runArrays.entrySet()) {
            if (e.getValue().length != s.g.size()) {
                throw new IllegalArgumentException("run array " + e.getKey() + " has " + e.getValue().length + " values, the grid " + s.g.size());
            }
        }
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(gz, crc), 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(mode);
            Map<String, Double> pm = s.p.toMap();
            out.writeInt(pm.size());
            for (Map.Entry<String, Double> e : pm.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            Geometry g = s.g;
            out.writeInt(g.nx);
            out.writeInt(g.ny);
            out.writeInt(g.nz);
            out.writeDouble(g.dxUm);
            out.writeInt(g.zScaffoldStart);
            out.writeInt(g.zScaffoldEnd);
            out.writeDouble(g.maskPixelUm);
            out.writeUTF(g.side.name());
            out.writeUTF(g.interfaceNote);
            doubles(out, g.phi);
            bools(out, g.open);
            bools(out, g.pore);
            doubles(out, g.xi0);
            doubles(out, s.xi);
            doubles(out, s.c);
            doubles(out, s.psi);
            out.writeDouble(s.v);
            out.writeDouble(s.time);
            out.writeLong(s.steps);
            out.writeDouble(wallSeconds);
            out.writeInt(series.size());
            for (List<Object> row : series) {
                out.writeInt(row.size());
                for (Object o : row) {
                    out.writeDouble(o == null ? Double.NaN : ((Number) o).doubleValue());
                }
            }
            out.writeInt(snaps.size());
            for (Snapshot sn : snaps) {
                out.writeDouble(sn.timeS);
                out.writeLong(sn.step);
                out.writeInt(sn.width);
                out.writeInt(sn.height);
                out.writeInt(sn.channels.length);
                for (float[] f : sn.channels) {
                    floats(out, f);
                }
            }
            SolverState ss = s.state();
            out.writeDouble(ss.currentDensityMaCm2);
            out.writeBoolean(ss.reactionEnabled);
            out.writeInt(runScalars.size());
            for (Map.Entry<String, Double> e : runScalars.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.writeInt(runArrays.size());
            for (Map.Entry<String, double[]> e : runArrays.entrySet()) {
                out.writeUTF(e.getKey());
                doubles(out, e.getValue());
            }
            out.flush();
            new DataOutputStream(gz).writeLong(crc.getValue());
            gz.finish();
        });
    }

    private static void doubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        byte[] buf = new byte[8 * Math.min(a.length, 8192)];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (int i = 0; i < a.length; i += 8192) {
            int m = Math.min(8192, a.length - i);
            bb.clear();
            bb.asDoubleBuffer().put(a, i, m);
            out.write(buf, 0, 8 * m);
        }
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        byte[] buf = new byte[4 * Math.min(a.length, 8192)];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (int i = 0; i < a.length; i += 8192) {
            int m = Math.min(8192, a.length - i);
            bb.clear();
            bb.asFloatBuffer().put(a, i, m);
            out.write(buf, 0, 4 * m);
        }
    }

    private static void bools(DataOutputStream out, boolean[] a) throws IOException {
        out.writeInt(a.length);
        byte[] buf = new byte[Math.min(a.length, 1 << 16)];
        for (int i = 0; i < a.length; i += buf.length) {
            int m = Math.min(buf.length, a.length - i);
            for (int k = 0; k < m; k++) {
                buf[k] = (byte) (a[i + k] ? 1 : 0);
            }
            out.write(buf, 0, m);
        }
    }

    /** Reads a checkpoint written by {@link #write} (format version 3, or versions 2 and 1), validating every field. */
    public static State read(Path file) {
        if (file != null && !Files.exists(file)) {
            throw new PoroPhaseException("checkpoint file not found: " + file + " (pass the file written with --checkpoint)");
        }
        InputFiles.requireRegularFile(file, "checkpoint");
        Reader r = new Reader(file);
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16), crc))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_V1) {
                throw new PoroPhaseException(file + " is not a PoroPhase phase-field checkpoint (unknown format mark); pass the file written with --checkpoint");
            }
            int version = 1;
            if (magic == MAGIC) {
                version = in.readInt();
                if (version != VERSION && version != VERSION_2) {
                    throw new PoroPhaseException(file + ": checkpoint format version " + version + " is not one this PoroPhase reads (1, 2, 3);"
                            + " resume it with the PoroPhase version that wrote it, or start a new run");
                }
            }
            State st = r.payload(in, version);
            if (magic == MAGIC) {
                long computed = crc.getValue();
                long stored = in.readLong();
                if (stored != computed) {
                    throw r.corrupt(String.format(java.util.Locale.ROOT, "checksum mismatch (stored CRC32 %08x, computed %08x)", stored, computed));
                }
            }
            if (in.read() != -1) { // also makes gzip verify its own trailer
                throw r.corrupt("unexpected data after the end of the checkpoint");
            }
            return st;
        } catch (java.io.EOFException e) {
            throw r.corrupt("the file ends early (it was cut off while written or copied)");
        } catch (java.util.zip.ZipException e) {
            if (String.valueOf(e.getMessage()).contains("Not in GZIP format")) {
                throw new PoroPhaseException(file + " is not a PoroPhase phase-field checkpoint (not gzip data); pass the file written with --checkpoint");
            }
            throw r.corrupt("the compressed data is damaged (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (java.io.UTFDataFormatException e) {
            throw r.corrupt("a text field is not valid UTF-8");
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read checkpoint " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Parses and validates the payload; every message names the file and the field. */
    private static final class Reader {
        private final Path file;
        private long n;
        private String dims;

        Reader(Path file) {
            this.file = file;
        }

        PoroPhaseException corrupt(String what) {
            return new PoroPhaseException(file + ": corrupt checkpoint: " + what + "; the file is damaged, start a new run");
        }

        private int count(DataInputStream in, String field, int max) throws IOException {
            int k = in.readInt();
            if (k < 0 || k > max) {
                throw corrupt(field + " = " + k + " (expected 0 … " + max + ")");
            }
            return k;
        }

        private int positive(DataInputStream in, String field) throws IOException {
            int k = in.readInt();
            if (k <= 0) {
                throw corrupt(field + " = " + k + " (a grid size must be positive)");
            }
            return k;
        }

        private double finite(double v, String field, boolean positive) {
            if (!Double.isFinite(v) || (positive ? v <= 0 : false)) {
                throw corrupt(field + " = " + v + (positive ? " (must be a positive number)" : " (must be a finite number)"));
            }
            return v;
        }

        private int length(DataInputStream in, String field) throws IOException {
            int k = in.readInt();
            if (k != n) {
                throw corrupt(dims + " = " + n + " but the " + field + " array has " + k + " values");
            }
            return k;
        }

        private double[] doubles(DataInputStream in, String field, boolean checkFinite) throws IOException {
            double[] a = new double[length(in, field)];
            byte[] buf = new byte[8 * Math.min(a.length, 8192)];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            for (int i = 0; i < a.length; i += 8192) {
                int m = Math.min(8192, a.length - i);
                in.readFully(buf, 0, 8 * m);
                bb.clear();
                bb.asDoubleBuffer().get(a, i, m);
            }
            if (checkFinite) {
                for (int i = 0; i < a.length; i++) {
                    if (!Double.isFinite(a[i])) {
                        throw corrupt(field + "[" + i + "] = " + a[i] + " (values must be finite)");
                    }
                }
            }
            return a;
        }

        private boolean[] bools(DataInputStream in, String field) throws IOException {
            boolean[] a = new boolean[length(in, field)];
            byte[] buf = new byte[Math.min(a.length, 1 << 16)];
            for (int i = 0; i < a.length; i += buf.length) {
                int m = Math.min(buf.length, a.length - i);
                in.readFully(buf, 0, m);
                for (int k = 0; k < m; k++) {
                    if (buf[k] != 0 && buf[k] != 1) {
                        throw corrupt(field + "[" + (i + k) + "] = " + buf[k] + " (a flag must be 0 or 1)");
                    }
                    a[i + k] = buf[k] != 0;
                }
            }
            return a;
        }

        State payload(DataInputStream in, int version) throws IOException {
            State st = new State();
            st.mode = in.readUTF();
            int np = count(in, "the parameter count", MAX_SMALL_COUNT);
            Map<String, Double> pm = new LinkedHashMap<>();
            for (int k = 0; k < np; k++) {
                String key = in.readUTF();
                pm.put(key, in.readDouble());
            }
            st.params = new PhaseFieldParameters();
            try {
                st.params.setAll(pm);
                st.params.validate();
            } catch (PoroPhaseException e) {
                throw corrupt("parameter " + e.getMessage());
            }
            int nx = positive(in, "nx");
            int ny = positive(in, "ny");
            int nz = positive(in, "nz");
            n = (long) nx * ny * nz;
            dims = "nx × ny × nz";
            if (n > Integer.MAX_VALUE - 8) {
                throw corrupt("nx × ny × nz = " + nx + " × " + ny + " × " + nz + " = " + n + " cells, more than a Java array holds");
            }
            // several n-long arrays follow: refuse before allocating what the heap cannot hold
            org.porophase.core.MemoryCheck.require(n * (8 * 7 + 2), file + ": resuming this checkpoint (" + nx + " × " + ny + " × " + nz + " cells)");
            double dx = finite(in.readDouble(), "dx_um", true);
            int zs = in.readInt();
            int ze = in.readInt();
            if (zs < 0 || ze < zs || ze > nz) {
                throw corrupt("the scaffold layers " + zs + " … " + ze + " do not lie inside nz = " + nz);
            }
            double mp = finite(in.readDouble(), "mask pixel size", true);
            String sideName = in.readUTF();
            Geometry.Side side;
            try {
                side = Geometry.Side.valueOf(sideName);
            } catch (IllegalArgumentException e) {
                throw corrupt("Li side '" + sideName + "' (expected one of " + java.util.Arrays.toString(Geometry.Side.values()) + ")");
            }
            String note = in.readUTF();
            double[] phi = doubles(in, "phi", true);
            boolean[] open = bools(in, "open");
            boolean[] pore = bools(in, "pore");
            double[] xi0 = doubles(in, "xi0", true);
            st.geometry = Geometry.restore(nx, ny, nz, dx, zs, ze, phi, open, pore, xi0, mp, side, note);
            st.xi = doubles(in, "xi", true);
            st.c = doubles(in, "c", true);
            st.psi = doubles(in, "psi", true);
            st.v = finite(in.readDouble(), "V (applied overpotential)", false);
            st.time = in.readDouble();
            if (!(Double.isFinite(st.time) && st.time >= 0)) {
                throw corrupt("time = " + st.time + " s (must be ≥ 0)");
            }
            st.steps = in.readLong();
            if (st.steps < 0) {
                throw corrupt("steps = " + st.steps + " (must be ≥ 0)");
            }
            st.wallSecondsBefore = in.readDouble();
            if (!(Double.isFinite(st.wallSecondsBefore) && st.wallSecondsBefore >= 0)) {
                throw corrupt("wall seconds = " + st.wallSecondsBefore + " (must be ≥ 0)");
            }
            int nr = count(in, "the time-series row count", MAX_ROWS);
            for (int r = 0; r < nr; r++) {
                int m = count(in, "the column count of time-series row " + (r + 1), MAX_SMALL_COUNT);
                List<Object> row = new ArrayList<>(m);
                for (int k = 0; k < m; k++) {
                    row.add(in.readDouble());
                }
                st.series.add(row);
            }
            int ns = count(in, "the snapshot count", MAX_ROWS);
            for (int k = 0; k < ns; k++) {
                double t = in.readDouble();
                long step = in.readLong();
                int w = in.readInt();
                int h = in.readInt();
                int nc = count(in, "the channel count of snapshot " + (k + 1), MAX_SMALL_COUNT);
                if (w <= 0 || h <= 0 || (long) w * h > n) {
                    throw corrupt("snapshot " + (k + 1) + " is " + w + " × " + h + " pixels (the grid has " + n + " cells)");
                }
                float[][] ch = new float[nc][w * h];
                byte[] buf = new byte[4 * Math.min(w * h, 8192)];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                for (int c = 0; c < nc; c++) {
                    for (int i = 0; i < w * h; i += 8192) {
                        int m = Math.min(8192, w * h - i);
                        in.readFully(buf, 0, 4 * m);
                        bb.clear();
                        bb.asFloatBuffer().get(ch[c], i, m);
                    }
                }
                st.snapshots.add(new Snapshot(t, step, w, h, ch));
            }
            st.currentDensityMaCm2 = st.params.currentDensityMaCm2;
            if (version >= 3) {
                st.currentDensityMaCm2 = finite(in.readDouble(), "current density", false);
                st.reactionEnabled = in.readBoolean();
                int ns2 = count(in, "the run-scalar count", MAX_SMALL_COUNT);
                for (int k = 0; k < ns2; k++) {
                    String key = in.readUTF();
                    st.runScalars.put(key, in.readDouble());
                }
                int na = count(in, "the run-array count", MAX_SMALL_COUNT);
                for (int k = 0; k < na; k++) {
                    String key = in.readUTF();
                    st.runArrays.put(key, doubles(in, "run array " + key, false));
                }
            }
            return st;
        }
    }
}
