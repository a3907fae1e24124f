package org.porophase.report;

import org.porophase.core.Csv;
import org.porophase.core.Json;
import org.porophase.core.OutputNames;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.AtomicFiles;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.phasefield.RunMetrics;
import org.porophase.phasefield.Snapshot;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;

/**
 * Writes one phase-field run to a folder, each file atomically, named {@code STEM.<what>.<ext>}
 * ({@link OutputNames}; STEM is the mask's stem, or {@code ideal-2d} / {@code ideal-3d}):
 * {@code STEM.phasefield.json}, {@code STEM.timeseries.csv}, {@code STEM.fill-vs-depth.csv},
 * {@code STEM.snapshots.tif} (hyperstack), {@code STEM.xi-tNNNNNN.Ns.png} per snapshot,
 * {@code STEM.current-density-final.png}, {@code STEM.reaction-final.png}, {@code STEM.cycles.csv} (one row per
 * half-cycle) and, for 3D runs, {@code STEM.xi-final-3d.tif}. The PNGs are rendered in colour: empty pore
 * black, LLZO grey, Li light blue (ξ blends pore → Li); the current-density and reaction maps use the
 * ImageJ "fire" LUT with a colour bar and its units.
 */
public final class PhaseFieldOutputs {
    private PhaseFieldOutputs() {
    }

    /** Every file name {@link #write} may produce for {@code stem}, except the per-snapshot PNGs. */
    public static List<String> names(String stem) {
        List<String> n = new ArrayList<>();
        for (String s : new String[] {OutputNames.PHASEFIELD_JSON, OutputNames.TIMESERIES_CSV, OutputNames.FILL_VS_DEPTH_CSV,
                OutputNames.SNAPSHOTS_TIF, OutputNames.XI_FINAL_3D_TIF, OutputNames.CURRENT_DENSITY_FINAL_PNG, OutputNames.CYCLES_CSV,
                OutputNames.REACTION_FINAL_PNG}) {
            n.add(OutputNames.name(stem, s));
        }
        return n;
    }

    /**
     * The stem of a run's outputs: the input mask's stem; else, for a mask given without a file (mode
     * {@code "mask TITLE"}, e.g. an image open in ImageJ or a resumed run), the stem of TITLE; else
     * {@code ideal-3d} for a 3D grid and {@code ideal-2d} for a 2D one.
     */
    public static String stem(PhaseFieldResult r) {
        if (r.input() != null) {
            return OutputNames.stem(Path.of(r.input()));
        }
        if (r.mode() != null && r.mode().startsWith("mask ") && r.mode().length() > 5) {
            return OutputNames.stem(r.mode().substring(5).trim());
        }
        return r.ny() > 1 ? OutputNames.IDEAL_3D : OutputNames.IDEAL_2D;
    }

    /** Writes the outputs into {@code dir} with the stem {@link #stem(PhaseFieldResult)}; returns the paths written. */
    public static List<Path> write(PhaseFieldResult r, Path dir) {
        return write(r, dir, stem(r));
    }

    /** Writes the outputs into {@code dir}; returns the paths written. */
    public static List<Path> write(PhaseFieldResult r, Path dir, String stem) {
        Path input = r.input() == null ? null : Path.of(r.input());
        List<Path> out = new ArrayList<>();
        Path p = OutputNames.path(dir, stem, OutputNames.PHASEFIELD_JSON);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Json.pretty(r.toJson()));
        out.add(p);
        p = OutputNames.path(dir, stem, OutputNames.TIMESERIES_CSV);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, seriesCsv(r));
        out.add(p);
        p = OutputNames.path(dir, stem, OutputNames.CYCLES_CSV);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, cyclesCsv(r));
        out.add(p);
        p = OutputNames.path(dir, stem, OutputNames.FILL_VS_DEPTH_CSV);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, fillVsDepthCsv(r));
        out.add(p);
        ImagePlus imp = snapshotsImage(r);
        if (imp != null) {
            p = OutputNames.path(dir, stem, OutputNames.SNAPSHOTS_TIF);
            ImageWriters.saveTiff(imp, p, input);
            out.add(p);
            for (Snapshot s : r.snapshots()) {
                p = OutputNames.path(dir, stem, OutputNames.xiSnapshotPng(s.timeS));
                ImageWriters.savePng(xiImage(r, s), p, input);
                out.add(p);
            }
            Snapshot last = r.snapshots().get(r.snapshots().size() - 1);
            p = OutputNames.path(dir, stem, OutputNames.CURRENT_DENSITY_FINAL_PNG);
            ImageWriters.savePng(currentDensityImage(r, last), p, input);
            out.add(p);
        }
        p = OutputNames.path(dir, stem, OutputNames.REACTION_FINAL_PNG);
        ImageWriters.savePng(reactionImage(r), p, input);
        out.add(p);
        if (r.ny() > 1) {
            int nx = r.nx();
            int ny = r.ny();
            float[] xi = r.xiFinal();
            ImageStack st = new ImageStack(nx, ny);
            for (int z = 0; z < r.nz(); z++) {
                float[] sl = new float[nx * ny];
                System.arraycopy(xi, nx * ny * z, sl, 0, nx * ny);
                st.addSlice("z=" + z, new FloatProcessor(nx, ny, sl));
            }
            ImagePlus v = new ImagePlus("xi_final_3d", st);
            v.getCalibration().pixelWidth = r.dxUm();
            v.getCalibration().pixelHeight = r.dxUm();
            v.getCalibration().pixelDepth = r.dxUm();
            v.getCalibration().setUnit("µm");
            p = OutputNames.path(dir, stem, OutputNames.XI_FINAL_3D_TIF);
            ImageWriters.saveTiff(v, p, input);
            out.add(p);
        }
        return out;
    }

    /** Time-series table as CSV text ({@link RunMetrics#COLUMNS}). */
    public static String seriesCsv(PhaseFieldResult r) {
        return Csv.table(RunMetrics.COLUMNS, r.series());
    }

    /** Per-half-cycle table as CSV text ({@link PhaseFieldRun#CYCLE_COLUMNS}). */
    public static String cyclesCsv(PhaseFieldResult r) {
        List<List<?>> rows = new ArrayList<>();
        for (Map<String, Object> c : r.cycles()) {
            List<Object> row = new ArrayList<>();
            for (String k : PhaseFieldRun.CYCLE_COLUMNS) {
                row.add(c.get(k));
            }
            rows.add(row);
        }
        return Csv.table(PhaseFieldRun.CYCLE_COLUMNS, rows);
    }

    /** Fill fraction vs depth (from the scaffold surface) as CSV text. */
    public static String fillVsDepthCsv(PhaseFieldResult r) {
        double[] fin = r.fillVsDepth();
        double[] ini = r.fillVsDepthInitial();
        List<List<?>> rows = new ArrayList<>();
        for (int k = 0; k < fin.length; k++) {
            rows.add(List.of((k + 0.5) * r.dxUm(), ini[k], fin[k]));
        }
        return Csv.table(List.of("depth_um", "fill_fraction_initial", "fill_fraction_final"), rows);
    }

    /** Snapshots as a hyperstack (C = 4 fields, Z = 1, T = frames), µm calibration, Li side at the top; null without snapshots. */
    public static ImagePlus snapshotsImage(PhaseFieldResult r) {
        List<Snapshot> snapshots = r.snapshots();
        if (snapshots.isEmpty()) {
            return null;
        }
        Snapshot s0 = snapshots.get(0);
        ImageStack st = new ImageStack(s0.width, s0.height);
        for (Snapshot s : snapshots) {
            for (int c = 0; c < s.channels.length; c++) {
                st.addSlice(String.format(Locale.ROOT, "%s t=%.4gs", Snapshot.CHANNELS[c], s.timeS), new FloatProcessor(s.width, s.height, s.channels[c]));
            }
        }
        ImagePlus imp = new ImagePlus("phasefield_snapshots", st);
        imp.setDimensions(Snapshot.CHANNELS.length, 1, snapshots.size());
        imp.setOpenAsHyperStack(true);
        imp.getCalibration().pixelWidth = r.dxUm();
        imp.getCalibration().pixelHeight = r.dxUm();
        imp.getCalibration().setUnit("µm");
        if (snapshots.size() > 1) {
            imp.getCalibration().frameInterval = snapshots.get(1).timeS - snapshots.get(0).timeS;
            imp.getCalibration().setTimeUnit("s");
        }
        return imp;
    }

    /** Empty pore, LLZO and Li colours of the rendered ξ images. */
    public static final Color PORE = Color.BLACK;
    public static final Color LLZO = new Color(150, 150, 150);
    public static final Color LI = new Color(170, 215, 255);

    /** Colour of an open cell of Li order parameter ξ: pore (ξ = 0) → Li (ξ = 1). */
    static Color xiColor(double xi) {
        double t = Double.isFinite(xi) ? Math.max(0, Math.min(1, xi)) : 0;
        return new Color((int) Math.round(t * LI.getRed()), (int) Math.round(t * LI.getGreen()), (int) Math.round(t * LI.getBlue()));
    }

    /** Pixels per cell of a rendered map: at least ~300 px on the long side, at most 8 per cell. */
    private static int scale(int w, int h) {
        return Math.max(1, Math.min(8, 300 / Math.max(1, Math.max(w, h))));
    }

    private static ColorProcessor canvas(int w, int h) {
        ColorProcessor cp = new ColorProcessor(w, h);
        cp.setColor(Color.WHITE);
        cp.fill();
        cp.setAntialiasedText(true);
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return cp;
    }

    /** ξ of a snapshot: pore black, LLZO grey, Li light blue, with a legend and the time. */
    public static ImagePlus xiImage(PhaseFieldResult r, Snapshot s) {
        int w = s.width;
        int h = s.height;
        boolean[] open = r.openSection();
        int sc = scale(w, h);
        int legend = 36;
        ColorProcessor cp = canvas(Math.max(w * sc, 330), h * sc + legend);
        for (int z = 0; z < h; z++) {
            for (int x = 0; x < w; x++) {
                int i = x + w * z;
                boolean op = open.length == w * h ? open[i] : true;
                cp.setColor(op ? xiColor(s.channels[0][i]) : LLZO);
                cp.fillRect(x * sc, z * sc, sc, sc);
            }
        }
        int y = h * sc + 14;
        int x = 4;
        Object[][] items = {{LI, "Li (xi = 1)"}, {PORE, "empty pore"}, {LLZO, "LLZO"}};
        for (Object[] e : items) {
            cp.setColor((Color) e[0]);
            cp.fillRect(x, y - 10, 11, 11);
            cp.setColor(Color.DARK_GRAY);
            cp.drawRect(x, y - 10, 11, 11);
            cp.setColor(Color.BLACK);
            cp.drawString((String) e[1], x + 14, y + 1);
            x += cp.getStringWidth((String) e[1]) + 28;
        }
        cp.drawString(String.format(Locale.ROOT, "t = %.4g s, Li enters from the top, %.3g um/cell", s.timeS, r.dxUm()), 4, y + 17);
        return new ImagePlus(String.format(Locale.ROOT, "xi t=%.4gs", s.timeS), cp);
    }

    /** The final local ionic current density |sigma grad phi| (A/m2), fire LUT over the ionic cells, open cells blue-grey, with a colour bar. */
    public static ImagePlus currentDensityImage(PhaseFieldResult r, Snapshot last) {
        return map(last.channels[3], last.width, last.height, r.openSection(), false, null, "local ionic current density", "A/m2",
                String.format(Locale.ROOT, "t = %.4g s; open (pore / Li) cells blue-grey", last.timeS));
    }

    /** The reaction rate |R| (xi per s) of the last step on the open cells, fire LUT, LLZO grey, with a colour bar. */
    public static ImagePlus reactionImage(PhaseFieldResult r) {
        Double hs = r.finalMetrics().get("hot_spot_ratio");
        float[] xi = new float[r.nx() * r.nz()];
        int y = r.ny() / 2;
        for (int z = 0; z < r.nz(); z++) {
            for (int x = 0; x < r.nx(); x++) {
                xi[x + r.nx() * z] = r.xiFinal()[x + r.nx() * (y + r.ny() * z)];
            }
        }
        return map(r.reactionFinal(), r.nx(), r.nz(), r.openSection(), true, xi, "reaction rate |R|", "1/s",
                String.format(Locale.ROOT, "t = %.4g s; hot_spot_ratio %.3g; LLZO grey, non-reacting Li dim blue", r.timeS(), hs == null ? Double.NaN : hs));
    }

    /**
     * A map of |v| on the cells of one class (onOpen: the open cells, else the solid/ionic ones), 0 to the
     * 99.5th percentile of the positive values on ImageJ's "fire" LUT, the other cells flat grey, and a
     * colour bar labelled with the range and units. With {@code xiBackground}, cells of the class below 1 % of
     * the range show ξ dimmed (Li dim blue, pore black) so the reacting front can be placed on the Li.
     */
    static ImagePlus map(float[] v, int w, int h, boolean[] open, boolean onOpen, float[] xiBackground, String what, String unit, String note) {
        int n = w * h;
        int np = 0;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            boolean op = open.length == n && open[i];
            float x = Math.abs(v[i]);
            if (op == onOpen && Float.isFinite(x) && x > 0) {
                a[np++] = x;
            }
        }
        double vmax = 0;
        if (np > 0) {
            float[] b = java.util.Arrays.copyOf(a, np);
            java.util.Arrays.sort(b);
            vmax = b[Math.min(np - 1, (int) (0.995 * np))];
        }
        if (!(vmax > 0)) {
            vmax = 1;
        }
        LUT lut = fireLut();
        int sc = scale(w, h);
        int barH = 72;
        int width = Math.max(w * sc, 440);
        ColorProcessor cp = canvas(width, h * sc + barH);
        Color other = onOpen ? LLZO : new Color(90, 100, 120);
        for (int z = 0; z < h; z++) {
            for (int x = 0; x < w; x++) {
                int i = x + w * z;
                boolean op = open.length == n && open[i];
                if (op != onOpen) {
                    cp.setColor(other);
                } else {
                    double t = Float.isFinite(v[i]) ? Math.min(1, Math.abs(v[i]) / vmax) : 0;
                    if (xiBackground != null && t < 0.01) {
                        Color c = xiColor(xiBackground[i]);
                        cp.setColor(new Color(c.getRed() / 2, c.getGreen() / 2, c.getBlue() / 2));
                    } else {
                        cp.setColor(new Color(lut.getRGB((int) Math.round(255 * t))));
                    }
                }
                cp.fillRect(x * sc, z * sc, sc, sc);
            }
        }
        int by = h * sc + 8;
        int bw = Math.min(256, width - 8);
        for (int i = 0; i < bw; i++) {
            cp.setColor(new Color(lut.getRGB((int) Math.round(255.0 * i / Math.max(1, bw - 1)))));
            cp.drawLine(4 + i, by, 4 + i, by + 10);
        }
        cp.setColor(Color.BLACK);
        cp.drawRect(4, by, bw, 11);
        cp.drawString("0", 4, by + 24);
        String mx = String.format(Locale.ROOT, "%.3g %s", vmax, unit);
        cp.drawString(mx, 4 + bw - cp.getStringWidth(mx), by + 24);
        cp.drawString(what + ", " + unit, 4, by + 40);
        cp.drawString(note, 4, by + 56);
        return new ImagePlus(what, cp);
    }

    /** ImageJ's "fire" LUT (built in, no file needed). */
    static LUT fireLut() {
        java.awt.image.IndexColorModel cm = ij.plugin.LutLoader.getLut("fire");
        if (cm != null && cm.getMapSize() == 256) {
            return new LUT(cm, 0, 255);
        }
        byte[] rr = new byte[256];
        byte[] gg = new byte[256];
        byte[] bb = new byte[256];
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0;
            rr[i] = (byte) Math.round(255 * Math.min(1, 3 * t));
            gg[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, 3 * t - 1)));
            bb[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, 3 * t - 2)));
        }
        return new LUT(rr, gg, bb);
    }
}
