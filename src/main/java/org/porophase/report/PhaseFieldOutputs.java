package org.porophase.report;

import org.porophase.core.Csv;
import org.porophase.core.Json;
import org.porophase.core.OutputNames;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.porophase.core.AtomicFiles;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.RunMetrics;
import org.porophase.phasefield.Snapshot;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/**
 * Writes one phase-field run to a folder, each file atomically, named {@code STEM.<what>.<ext>}
 * ({@link OutputNames}; STEM is the mask's stem, or {@code ideal-2d} / {@code ideal-3d}):
 * {@code STEM.phasefield.json}, {@code STEM.timeseries.csv}, {@code STEM.fill-vs-depth.csv},
 * {@code STEM.snapshots.tif} (hyperstack), {@code STEM.xi-tNNNNNN.Ns.png} per snapshot,
 * {@code STEM.current-density-final.png} and, for 3D runs, {@code STEM.xi-final-3d.tif}.
 */
public final class PhaseFieldOutputs {
    private PhaseFieldOutputs() {
    }

    /** Every file name {@link #write} may produce for {@code stem}, except the per-snapshot PNGs. */
    public static List<String> names(String stem) {
        List<String> n = new ArrayList<>();
        for (String s : new String[] {OutputNames.PHASEFIELD_JSON, OutputNames.TIMESERIES_CSV, OutputNames.FILL_VS_DEPTH_CSV,
                OutputNames.SNAPSHOTS_TIF, OutputNames.XI_FINAL_3D_TIF, OutputNames.CURRENT_DENSITY_FINAL_PNG}) {
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
                ImageWriters.checkNotInput(p, input);
                writeGrayPng(s.channels[0], s.width, s.height, 0, 1, p);
                out.add(p);
            }
            Snapshot last = r.snapshots().get(r.snapshots().size() - 1);
            double jmax = 0;
            for (float v : last.channels[3]) {
                jmax = Math.max(jmax, v);
            }
            p = OutputNames.path(dir, stem, OutputNames.CURRENT_DENSITY_FINAL_PNG);
            ImageWriters.checkNotInput(p, input);
            writeGrayPng(last.channels[3], last.width, last.height, 0, jmax > 0 ? jmax : 1, p);
            out.add(p);
        }
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

    /** A float image as 8-bit gray PNG, [lo, hi] → [0, 255], non-finite values black. */
    private static void writeGrayPng(float[] f, int w, int h, double lo, double hi, Path p) {
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < w * h; i++) {
            double v = f[i];
            int b = Double.isFinite(v) ? (int) Math.round(255 * (v - lo) / (hi - lo)) : 0;
            px[i] = (byte) Math.max(0, Math.min(255, b));
        }
        AtomicFiles.write(p, o -> {
            if (!ImageIO.write(bi, "png", o)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
