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
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.AtomicFiles;

/**
 * Checkpoint file of a phase-field run (gzip'd binary, written atomically): parameters, geometry,
 * solver state (ξ, c, ψ, V, t, step), the time series and snapshots so far. {@link #read} restores a
 * run that continues exactly where it stopped.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x50504631; // "PPF1"

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
    }

    private Checkpoint() {
    }

    /** Writes the checkpoint atomically. */
    public static void write(Path file, PhaseFieldSolver s, List<List<Object>> series, List<Snapshot> snaps, double wallSeconds, String mode) {
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
            out.writeInt(MAGIC);
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
                    for (float v : f) {
                        out.writeFloat(v);
                    }
                }
            }
            out.flush();
            gz.finish();
        });
    }

    private static void doubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    private static void bools(DataOutputStream out, boolean[] a) throws IOException {
        out.writeInt(a.length);
        for (boolean b : a) {
            out.writeByte(b ? 1 : 0);
        }
    }

    /** A length-prefixed array that must hold {@code expected} values (−1: any non-negative length). */
    private static double[] doubles(DataInputStream in, long expected, String what) throws IOException {
        double[] a = new double[length(in.readInt(), expected, what)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static boolean[] bools(DataInputStream in, long expected, String what) throws IOException {
        boolean[] a = new boolean[length(in.readInt(), expected, what)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readByte() != 0;
        }
        return a;
    }

    /** Thrown for a checkpoint whose sizes do not agree (caught in {@link #read} and reported with the file). */
    private static final class Corrupt extends IOException {
        private static final long serialVersionUID = 1L;

        Corrupt(String m) {
            super(m);
        }
    }

    private static int length(int n, long expected, String what) throws Corrupt {
        if (n < 0 || (expected >= 0 && n != expected)) {
            throw new Corrupt(what + " holds " + n + " values where the grid needs " + (expected >= 0 ? expected : "a count ≥ 0"));
        }
        return n;
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static State read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PoroPhaseException("checkpoint file not found: " + file + " (pass the file written with --checkpoint)");
        }
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new PoroPhaseException(file + " is not a PoroPhase phase-field checkpoint");
            }
            State st = new State();
            st.mode = in.readUTF();
            int np = in.readInt();
            Map<String, Double> pm = new LinkedHashMap<>();
            for (int k = 0; k < np; k++) {
                pm.put(in.readUTF(), in.readDouble());
            }
            st.params = new PhaseFieldParameters();
            st.params.setAll(pm);
            int nx = in.readInt();
            int ny = in.readInt();
            int nz = in.readInt();
            double dx = in.readDouble();
            int zs = in.readInt();
            int ze = in.readInt();
            double mp = in.readDouble();
            String sideName = in.readUTF();
            Geometry.Side side;
            try {
                side = Geometry.Side.valueOf(sideName);
            } catch (IllegalArgumentException e) {
                throw new Corrupt("unknown Li side '" + sideName + "'");
            }
            String note = in.readUTF();
            long cells = (long) nx * ny * nz;
            if (nx <= 0 || ny <= 0 || nz <= 0 || cells > PhaseFieldEstimate.MAX_CELLS || !(dx > 0) || zs < 0 || ze < zs || ze > nz) {
                throw new Corrupt("grid " + nx + " × " + ny + " × " + nz + " at dx " + dx + " µm (scaffold layers " + zs + "…" + ze
                        + ") is not a valid simulation grid");
            }
            double[] phi = doubles(in, cells, "the LLZO field");
            boolean[] open = bools(in, cells, "the open-cell flags");
            boolean[] pore = bools(in, cells, "the pore flags");
            double[] xi0 = doubles(in, cells, "the initial xi");
            st.geometry = Geometry.restore(nx, ny, nz, dx, zs, ze, phi, open, pore, xi0, mp, side, note);
            st.xi = doubles(in, cells, "xi");
            st.c = doubles(in, cells, "c");
            st.psi = doubles(in, cells, "the potential");
            st.v = in.readDouble();
            st.time = in.readDouble();
            st.steps = in.readLong();
            st.wallSecondsBefore = in.readDouble();
            int nr = in.readInt();
            for (int r = 0; r < nr; r++) {
                int m = in.readInt();
                List<Object> row = new ArrayList<>(m);
                for (int k = 0; k < m; k++) {
                    row.add(in.readDouble());
                }
                st.series.add(row);
            }
            int ns = in.readInt();
            for (int k = 0; k < ns; k++) {
                double t = in.readDouble();
                long step = in.readLong();
                int w = in.readInt();
                int h = in.readInt();
                int nc = in.readInt();
                if (w <= 0 || h <= 0 || nc <= 0 || nc > 16 || (long) w * h > cells) {
                    throw new Corrupt("snapshot " + (k + 1) + " of " + ns + " has " + nc + " channels of " + w + " × " + h + " cells");
                }
                float[][] ch = new float[nc][w * h];
                for (int c = 0; c < nc; c++) {
                    for (int i = 0; i < w * h; i++) {
                        ch[c][i] = in.readFloat();
                    }
                }
                st.snapshots.add(new Snapshot(t, step, w, h, ch));
            }
            return st;
        } catch (java.io.EOFException e) {
            throw new PoroPhaseException("cannot read checkpoint " + file + ": the file ends early (truncated, e.g. copied while a run "
                    + "was writing it): resume from a complete copy, or start the run again", e);
        } catch (Corrupt e) {
            throw new PoroPhaseException("cannot read checkpoint " + file + ": " + e.getMessage()
                    + " (the file is corrupt or from another version): resume from a complete copy, or start the run again", e);
        } catch (IOException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new PoroPhaseException("cannot read checkpoint " + file + ": " + why + " (the file may be truncated or from another version)", e);
        }
    }
}
