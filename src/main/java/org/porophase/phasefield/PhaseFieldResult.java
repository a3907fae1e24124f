package org.porophase.phasefield;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.porophase.core.AtomicFiles;
import org.porophase.report.Csv;
import org.porophase.report.Json;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import ij.process.FloatProcessor;

/**
 * Outcome of a {@link PhaseFieldRun}: final metrics, time series, fill-vs-depth profile, snapshots,
 * timing; JSON / CSV / TIFF / PNG writers (all atomic).
 */
public final class PhaseFieldResult {
    public final String status;
    public final String message;
    public final Map<String, Double> finalMetrics;
    public final List<List<Object>> series;
    public final List<Snapshot> snapshots;
    public final double[] fillVsDepth;
    public final double[] fillVsDepthInitial;
    public final double wallSeconds;
    public final double wallSecondsBefore;
    public final long stepsThisRun;
    public final long steps;
    public final int nx;
    public final int ny;
    public final int nz;
    public final double dxUm;
    public final double dtS;
    public final double timeS;
    public final String mode;
    public final PhaseFieldParameters params;
    public final Map<String, Double> timing = new LinkedHashMap<>();
    public final String interfaceNote;
    public final double fillFractionInitial;
    public final int pores;
    public final double stabilization;
    public final Geometry.Side side;
    public final int zScaffoldStart;
    /** Final ξ over the whole grid (float), for the 3D volume output. */
    public final float[] xiFinal;
    public final float[] phi;

    PhaseFieldResult(PhaseFieldSolver s, RunMetrics rm, Map<String, Double> fin, List<List<Object>> series, List<Snapshot> snaps,
            String status, String message, double wall, double wallBefore, long stepsThisRun, String mode) {
        this.status = status;
        this.message = message;
        this.finalMetrics = fin;
        this.series = series;
        this.snapshots = snaps;
        this.fillVsDepth = rm.fillVsDepth(s.xi);
        this.fillVsDepthInitial = rm.fillVsDepth(s.g.xi0);
        this.fillFractionInitial = rm.fillFraction(s.g.xi0);
        this.pores = rm.poreCount();
        this.wallSeconds = wall;
        this.wallSecondsBefore = wallBefore;
        this.stepsThisRun = stepsThisRun;
        this.steps = s.steps;
        Geometry g = s.g;
        nx = g.nx;
        ny = g.ny;
        nz = g.nz;
        dxUm = g.dxUm;
        dtS = s.p.timeStep();
        timeS = s.time;
        this.mode = mode;
        this.params = s.p.copy();
        this.interfaceNote = g.interfaceNote;
        this.stabilization = s.stabilization();
        this.side = g.side;
        this.zScaffoldStart = g.zScaffoldStart;
        timing.put("explicit_s", s.nanosExplicit / 1e9);
        timing.put("reaction_potential_s", s.nanosIonic / 1e9);
        timing.put("xi_solve_s", s.nanosXi / 1e9);
        timing.put("concentration_s", s.nanosC / 1e9);
        timing.put("multigrid_levels", (double) s.ionic.levels());
        timing.put("xi_pcg_iterations", (double) s.totalXiIterations);
        timing.put("potential_mgpcg_iterations", (double) s.totalIonicIterations);
        timing.put("concentration_mgpcg_iterations", (double) s.totalCIterations);
        timing.put("open_cells", (double) s.openCells());
        timing.put("ionic_cells", (double) s.ionicCells());
        timing.put("modelled_bytes", s.modelledBytes());
        xiFinal = new float[g.size()];
        phi = new float[g.size()];
        for (int i = 0; i < xiFinal.length; i++) {
            xiFinal[i] = g.open[i] ? (float) s.xi[i] : 0f;
            phi[i] = (float) g.phi[i];
        }
    }

    /** Cells × steps of this run per wall second. */
    public double cellUpdatesPerSecond() {
        return wallSeconds > 0 ? (double) nx * ny * nz * stepsThisRun / wallSeconds : 0;
    }

    /** Result as a JSON-ready map (key order fixed). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        if (!message.isEmpty()) {
            m.put("message", message);
        }
        m.put("mode", mode);
        m.put("wall_creep_index", finalMetrics.get("wall_creep_index"));
        m.put("fill_fraction", finalMetrics.get("fill_fraction"));
        m.put("fill_fraction_initial", fillFractionInitial);
        m.put("max_over_mean_current_density", finalMetrics.get("max_over_mean_current_density"));
        m.put("max_current_density_A_m2", finalMetrics.get("max_current_density_A_m2"));
        m.put("mean_current_density_A_m2", finalMetrics.get("mean_current_density_A_m2"));
        m.put("plated_charge_mC_cm2", finalMetrics.get("plated_charge_mC_cm2"));
        m.put("charge_balance_rel_error", finalMetrics.get("charge_balance_rel_error"));
        m.put("applied_overpotential_V", finalMetrics.get("applied_overpotential_V"));
        m.put("trapped_void_fraction", finalMetrics.get("trapped_void_fraction"));
        m.put("front_height_mean_um", finalMetrics.get("front_height_mean_um"));
        m.put("front_height_std_um", finalMetrics.get("front_height_std_um"));
        m.put("c_min", finalMetrics.get("c_min"));
        m.put("c_max", finalMetrics.get("c_max"));
        m.put("pores", pores);
        m.put("steps", steps);
        m.put("wall_seconds", wallSeconds + wallSecondsBefore);
        m.put("cell_updates_per_second", cellUpdatesPerSecond());
        m.put("time_s", timeS);
        m.put("dt_s", dtS);
        m.put("dx_um", dxUm);
        m.put("grid", new int[] {nx, ny, nz});
        m.put("box_um", new double[] {nx * dxUm, ny * dxUm, nz * dxUm});
        m.put("li_side", side.name().toLowerCase(Locale.ROOT));
        m.put("interface_width_note", interfaceNote);
        m.put("interface_length_um", params.interfaceLengthUm());
        m.put("exchange_current_density_A_m2", params.exchangeCurrentDensity());
        m.put("stabilization_per_s", stabilization);
        m.put("capillary_time_dilation", 1 + stabilization * dtS);
        m.put("timing_s", timing);
        m.put("parameters", params.toMap());
        return m;
    }

    /** Time-series table as CSV text. */
    public String seriesCsv() {
        return Csv.table(RunMetrics.COLUMNS, series);
    }

    /** Fill fraction vs depth (from the scaffold surface) as CSV text. */
    public String fillVsDepthCsv() {
        List<List<?>> rows = new ArrayList<>();
        for (int k = 0; k < fillVsDepth.length; k++) {
            rows.add(List.of((k + 0.5) * dxUm, fillVsDepthInitial[k], fillVsDepth[k]));
        }
        return Csv.table(List.of("depth_um", "fill_fraction_initial", "fill_fraction_final"), rows);
    }

    /** Snapshots as a hyperstack (C = 4 fields, Z = 1, T = frames), µm calibration, Li side at the top. */
    public ImagePlus snapshotsImage() {
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
        imp.getCalibration().pixelWidth = dxUm;
        imp.getCalibration().pixelHeight = dxUm;
        imp.getCalibration().setUnit("µm");
        if (snapshots.size() > 1) {
            imp.getCalibration().frameInterval = snapshots.get(1).timeS - snapshots.get(0).timeS;
            imp.getCalibration().setTimeUnit("s");
        }
        return imp;
    }

    /** Writes result.json, timeseries.csv, fill_vs_depth.csv, snapshots.tif, xi_*.png (and xi_final_3d.tif for 3D) into {@code dir}. */
    public List<Path> write(Path dir) {
        List<Path> out = new ArrayList<>();
        Path p = dir.resolve("result.json");
        AtomicFiles.writeString(p, Json.pretty(toJson()));
        out.add(p);
        p = dir.resolve("timeseries.csv");
        AtomicFiles.writeString(p, seriesCsv());
        out.add(p);
        p = dir.resolve("fill_vs_depth.csv");
        AtomicFiles.writeString(p, fillVsDepthCsv());
        out.add(p);
        ImagePlus imp = snapshotsImage();
        if (imp != null) {
            p = dir.resolve("snapshots.tif");
            writeTiff(imp, p);
            out.add(p);
            for (Snapshot s : snapshots) {
                p = dir.resolve(String.format(Locale.ROOT, "xi_t%08.1fs.png", s.timeS).replace(' ', '0'));
                writePng(s.channels[0], s.width, s.height, 0, 1, p);
                out.add(p);
            }
            Snapshot last = snapshots.get(snapshots.size() - 1);
            double jmax = 0;
            for (float v : last.channels[3]) {
                jmax = Math.max(jmax, v);
            }
            p = dir.resolve("current_density_final.png");
            writePng(last.channels[3], last.width, last.height, 0, jmax > 0 ? jmax : 1, p);
            out.add(p);
        }
        if (ny > 1) {
            ImageStack st = new ImageStack(nx, ny);
            for (int z = 0; z < nz; z++) {
                float[] sl = new float[nx * ny];
                System.arraycopy(xiFinal, nx * ny * z, sl, 0, nx * ny);
                st.addSlice("z=" + z, new FloatProcessor(nx, ny, sl));
            }
            ImagePlus v = new ImagePlus("xi_final_3d", st);
            v.getCalibration().pixelWidth = dxUm;
            v.getCalibration().pixelHeight = dxUm;
            v.getCalibration().pixelDepth = dxUm;
            v.getCalibration().setUnit("µm");
            p = dir.resolve("xi_final_3d.tif");
            writeTiff(v, p);
            out.add(p);
        }
        return out;
    }

    /** Writes an ImagePlus (stack / hyperstack) as TIFF, atomically. */
    public static void writeTiff(ImagePlus imp, Path p) {
        FileInfo fi = imp.getFileInfo();
        FileSaver fs = new FileSaver(imp);
        fi.description = fs.getDescriptionString();
        if (imp.getStackSize() > 1) {
            fi.sliceLabels = imp.getStack().getSliceLabels();
        }
        AtomicFiles.write(p, o -> new TiffEncoder(fi).write(o));
    }

    private static void writePng(float[] f, int w, int h, double lo, double hi, Path p) {
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < w * h; i++) {
            double v = f[i];
            int b = Double.isFinite(v) ? (int) Math.round(255 * (v - lo) / (hi - lo)) : 0;
            px[i] = (byte) Math.max(0, Math.min(255, b));
        }
        AtomicFiles.write(p, o -> {
            if (!ImageIO.write(bi, "png", o)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }
}
