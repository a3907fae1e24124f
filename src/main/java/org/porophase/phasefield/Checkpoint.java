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

    private static double[] doubles(DataInputStream in) throws IOException {
        double[] a = new double[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static boolean[] bools(DataInputStream in) throws IOException {
        boolean[] a = new boolean[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readByte() != 0;
        }
        return a;
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
            Geometry.Side side = Geometry.Side.valueOf(in.readUTF());
            String note = in.readUTF();
            double[] phi = doubles(in);
            boolean[] open = bools(in);
            boolean[] pore = bools(in);
            double[] xi0 = doubles(in);
            st.geometry = Geometry.restore(nx, ny, nz, dx, zs, ze, phi, open, pore, xi0, mp, side, note);
            st.xi = doubles(in);
            st.c = doubles(in);
            st.psi = doubles(in);
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
                float[][] ch = new float[nc][w * h];
                for (int c = 0; c < nc; c++) {
                    for (int i = 0; i < w * h; i++) {
                        ch[c][i] = in.readFloat();
                    }
                }
                st.snapshots.add(new Snapshot(t, step, w, h, ch));
            }
            return st;
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read checkpoint " + file + ": " + e.getMessage() + " (the file may be truncated or from another version)", e);
        }
    }
}
