package org.porophase.report;

import org.porophase.core.Csv;
import org.porophase.core.Json;
import org.porophase.core.OutputNames;
import org.porophase.analysis.CompareResult;
import org.porophase.analysis.ConductivityComparison;
import org.porophase.analysis.RealSample;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.RunMetrics;
import org.porophase.phasefield.Snapshot;
import org.porophase.core.AtomicFiles;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;

/**
 * Writes the report folder {@code OUT/STEM/} of a {@link CompareResult}: {@code STEM.summary.json},
 * {@code STEM.comparison.csv}, {@code STEM.profile.csv}, {@code STEM.psd.csv}, PNG figures {@code STEM.<what>.png}
 * (ImageJ {@link Plot} and rendered images, headless-safe) and report.html (names: {@link OutputNames}). Every file is written
 * atomically; no file may be the input image.
 */
public final class CompareReport {
    /** Figure file-name suffixes ({@code STEM.<suffix>}, {@link OutputNames}), in report order. */
    public static final String QC = OutputNames.QC_PNG;
    public static final String PROFILE = OutputNames.PROFILE_PNG;
    public static final String PSD = OutputNames.PSD_PNG;
    public static final String BARS = OutputNames.SC_RJ_PNG;
    public static final String XI = OutputNames.XI_FINAL_PNG;
    public static final String SNAPSHOTS = OutputNames.SNAPSHOTS_PNG;
    public static final String CURRENT = OutputNames.CURRENT_DENSITY_FINAL_PNG;
    public static final String FILL = OutputNames.FILL_VS_TIME_PNG;
    public static final String CONTACT = OutputNames.CONTACT_VS_TIME_PNG;
    /** σ_eff/σ_LLZO real vs ideal vs eq. 7 (bar chart). */
    public static final String CONDUCTIVITY = OutputNames.CONDUCTIVITY_PNG;

    private static final Color REAL = new Color(220, 110, 30);
    private static final Color IDEAL = new Color(40, 100, 200);
    private static final Color FLAT = new Color(90, 160, 60);
    private static final Color[] RUN_COLORS = {REAL, IDEAL, FLAT};
    private static final String[] RUN_NAMES = {"real scaffold", "ideal channels", "flat interface"};
    private static final String[] RUN_SHORT = {"real", "ideal", "flat"};

    /** The phase-field runs of a comparison in figure order: real, ideal and (when run) flat. */
    static PhaseFieldResult[] runs(CompareResult r) {
        return r.pfFlat != null ? new PhaseFieldResult[] {r.pfReal, r.pfIdeal, r.pfFlat} : new PhaseFieldResult[] {r.pfReal, r.pfIdeal};
    }

    private CompareReport() {
    }

    /** Writes every output into {@code dir} (created if needed), stem {@code r.real.title()}; returns the files written. */
    public static List<Path> write(CompareResult r, Path dir, Path input) {
        return write(r, dir, r.real.title(), input);
    }

    /** Writes every output into {@code dir} (created if needed), named {@code stem.<what>.<ext>} (a batch's unique stem); returns the files written. */
    public static List<Path> write(CompareResult r, Path dir, String stem, Path input) {
        List<Path> out = new ArrayList<>();
        List<String> figs = new ArrayList<>();
        Path p = OutputNames.path(dir, stem, OutputNames.SUMMARY_JSON);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Json.pretty(r.summary()));
        out.add(p);
        p = OutputNames.path(dir, stem, OutputNames.COMPARISON_CSV);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Csv.table(List.of("metric", "real", "ideal", "ratio", "flat"), r.comparisonRows()));
        out.add(p);
        boolean profile = r.real.profile() != null && r.real.profile().size() > 0;
        boolean psdRows = r.real.psd() != null && r.real.psd().size() > 0;
        if (profile) {
            p = OutputNames.path(dir, stem, OutputNames.PROFILE_CSV);
            ImageWriters.checkNotInput(p, input);
            AtomicFiles.writeString(p, Csv.table(List.of("position_um", "porosity_real", "porosity_ideal"), profileRows(r)));
            out.add(p);
        }
        if (psdRows) {
            p = OutputNames.path(dir, stem, OutputNames.PSD_CSV);
            ImageWriters.checkNotInput(p, input);
            List<List<Object>> rows = new ArrayList<>();
            RealSample.Histogram h = r.real.psd();
            for (int k = 0; k < h.size(); k++) {
                rows.add(List.of(h.diameterUm()[k], h.fraction()[k]));
            }
            AtomicFiles.writeString(p, Csv.table(List.of("diameter_um", "pore_space_fraction"), rows));
            out.add(p);
        }
        png(qcImage(r), dir, stem, QC, input, out, figs);
        if (profile) {
            png(profilePlot(r), dir, stem, PROFILE, input, out, figs);
        }
        ImagePlus psd = psdPlot(r);
        if (psd != null) {
            png(psd, dir, stem, PSD, input, out, figs);
        }
        png(barChart(r), dir, stem, BARS, input, out, figs);
        if (r.conduction != null) {
            png(conductivityChart(r.conduction), dir, stem, CONDUCTIVITY, input, out, figs);
        }
        if (r.pfReal != null && r.pfIdeal != null) {
            PhaseFieldResult[] runs = runs(r);
            png(xiSideBySide(runs), dir, stem, XI, input, out, figs);
            png(snapshotGrid(runs), dir, stem, SNAPSHOTS, input, out, figs);
            ImagePlus cur = currentSideBySide(runs);
            if (cur != null) {
                png(cur, dir, stem, CURRENT, input, out, figs);
            }
            png(fillPlot(runs), dir, stem, FILL, input, out, figs);
            png(contactPlot(runs), dir, stem, CONTACT, input, out, figs);
        }
        p = dir.resolve(OutputNames.REPORT_HTML);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, html(r, figs));
        out.add(p);
        return out;
    }

    /** The QC figure: SEM, the pore outlines on the analysed image ({@link Figures#semQc}); volume, the central section of the mask. */
    public static ImagePlus qcImage(CompareResult r) {
        return r.real.sem() != null ? Figures.semQc(r.real.sem()) : r.real.sectionImage();
    }

    private static void png(ImagePlus imp, Path dir, String stem, String suffix, Path input, List<Path> out, List<String> figs) {
        Path p = OutputNames.path(dir, stem, suffix);
        ImageWriters.savePng(imp, p, input);
        out.add(p);
        figs.add(p.getFileName().toString());
    }

    /** Rows of porosity_profile.csv: position (µm), real porosity, ideal porosity (the twin's raster porosity, uniform). */
    static List<List<Object>> profileRows(CompareResult r) {
        List<List<Object>> rows = new ArrayList<>();
        double ideal = r.twin.rasterPorosity();
        RealSample.Profile pr = r.real.profile();
        for (int k = 0; k < pr.size(); k++) {
            rows.add(List.of(pr.positionUm()[k], pr.porosity()[k], ideal));
        }
        return rows;
    }

    /** Porosity profile of the real sample with the ideal twin's (uniform) porosity and the mean φ; ImageJ Plot. */
    public static ImagePlus profilePlot(CompareResult r) {
        double[] x = r.real.profile().positionUm();
        double[] y = r.real.profile().porosity();
        Plot pl = new Plot("Porosity profile", r.real.profileAxis(), "volume-3d".equals(r.real.kind()) ? "porosity of the slice" : "porosity of the row");
        pl.setSize(640, 400);
        pl.setFontSize(14);
        double ymax = 0;
        for (double v : y) {
            ymax = Double.isFinite(v) ? Math.max(ymax, v) : ymax;
        }
        ymax = Math.max(ymax, r.twin.rasterPorosity());
        double xmax = x[x.length - 1] + (x.length > 1 ? (x[1] - x[0]) / 2 : 0.5);
        pl.setLimits(0, xmax, 0, Math.min(1, ymax * 1.3 + 0.02));
        pl.setColor(REAL);
        pl.setLineWidth(2);
        pl.add("line", x, y);
        pl.setColor(IDEAL);
        pl.add("line", new double[] {0, xmax}, new double[] {r.twin.rasterPorosity(), r.twin.rasterPorosity()});
        pl.setColor(Color.BLACK);
        pl.addLegend(String.format(Locale.ROOT, "real, per %s (mean φ = %.3f)\tideal twin (%.3f)", "volume-3d".equals(r.real.kind()) ? "slice" : "row",
                r.porosity(), r.twin.rasterPorosity()), "top-right");
        return pl.getImagePlus();
    }

    /** Pore size distribution (2D local thickness, area fraction per bin) with δ marked; null when not computed. */
    public static ImagePlus psdPlot(CompareResult r) {
        if (r.real.psd() == null || r.real.psd().size() == 0) {
            return null;
        }
        double[] x = r.real.psd().diameterUm();
        double[] y = r.real.psd().fraction();
        double ymax = 0;
        for (double v : y) {
            ymax = Math.max(ymax, v);
        }
        boolean vol = "volume-3d".equals(r.real.kind());
        Plot pl = new Plot("Pore size distribution", "pore diameter (local thickness" + (vol ? ", 3D" : ", 2D") + "), µm",
                (vol ? "volume" : "area") + " fraction of pore space");
        pl.setSize(640, 400);
        pl.setFontSize(14);
        pl.setColor(Color.GRAY, new Color(150, 190, 230));
        pl.add("separated bar", x, y);
        double d = r.poreDiameterUm();
        double xmax = Math.max(x[x.length - 1] + (x.length > 1 ? x[1] - x[0] : 0), d) * 1.05;
        pl.setLimits(0, xmax, 0, ymax * 1.35); // headroom for the legend
        pl.setColor(REAL);
        pl.setLineWidth(2);
        pl.add("line", new double[] {d, d}, new double[] {0, ymax * 1.05});
        pl.setColor(Color.BLACK);
        pl.addLegend(String.format(Locale.ROOT, "local thickness (mean %.3g µm)\tmean pore diameter δ = %.3g µm", r.real.psdMeanUm(), d), "top-right");
        return pl.getImagePlus();
    }

    /**
     * Fill fraction vs time of both runs (ImageJ Plot). The y axis spans the data (both runs start
     * from the same impregnation, so a 0–1 axis would flatten the difference), and the legend gives
     * each run's Li gain.
     */
    public static ImagePlus fillPlot(PhaseFieldResult... runs) {
        return seriesPlot(runs, "fill_fraction", "Fill fraction vs time", "pore fill fraction (Li share of the pore space)", true, 1);
    }

    /**
     * Li|LLZO contact-area ratio (contact area / flat projected area, ties to R_J of eq. 2) vs time of
     * every run: the porous scaffolds keep contact where a flat interface loses it under stripping.
     */
    public static ImagePlus contactPlot(PhaseFieldResult... runs) {
        return seriesPlot(runs, "contact_area_ratio", "Li|LLZO contact area vs time", "contact area / flat projected area", false, Double.POSITIVE_INFINITY);
    }

    /** One time-series column of every run on one ImageJ Plot, y axis spanning the data (capped at yCap), legend with each run's change. */
    private static ImagePlus seriesPlot(PhaseFieldResult[] runs, String column, String title, String yLabel, boolean floorZero, double yCap) {
        Plot pl = new Plot(title, "time, s", yLabel);
        pl.setSize(640, 400);
        pl.setFontSize(14);
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        double tmax = 0;
        int it = RunMetrics.COLUMNS.indexOf("time_s");
        int iy = RunMetrics.COLUMNS.indexOf(column);
        StringBuilder legend = new StringBuilder();
        for (int k = 0; k < runs.length; k++) {
            List<List<Object>> s = runs[k].series();
            double[] t = new double[s.size()];
            double[] f = new double[s.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = ((Number) s.get(i).get(it)).doubleValue();
                f[i] = ((Number) s.get(i).get(iy)).doubleValue();
                ymin = Math.min(ymin, f[i]);
                ymax = Math.max(ymax, f[i]);
                tmax = Math.max(tmax, t[i]);
            }
            double gain = f.length > 0 ? f[f.length - 1] - f[0] : 0;
            pl.setColor(RUN_COLORS[k]);
            pl.setLineWidth(2);
            pl.add("line", t, f);
            legend.append(k > 0 ? "\t" : "").append(String.format(Locale.ROOT, "%s (%s%.3g)", RUN_NAMES[k], gain >= 0 ? "+" : "", gain));
        }
        if (!(ymax > ymin)) {
            ymin = ymin - 0.01;
            ymax = ymax + 0.01;
        }
        double pad = (ymax - ymin) * 0.15;
        pl.setLimits(0, tmax > 0 ? tmax : 1, floorZero ? Math.max(0, ymin - pad) : ymin - pad, Math.min(yCap, ymax + 2 * pad));
        pl.setColor(Color.BLACK);
        pl.addLegend(legend.toString(), "top-left");
        return pl.getImagePlus();
    }

    /** Bar chart: S_c (µm⁻¹) and R_J (–), measured vs ideal, with values, axes and legend. */
    public static ImagePlus barChart(CompareResult r) {
        int w = 720;
        int h = 450;
        ColorProcessor cp = canvas(w, h);
        cp.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        cp.setColor(Color.BLACK);
        String title = String.format(Locale.ROOT, "Real vs ideal twin (φ = %.3f, δ = %.3g µm, d = %.3g µm)", r.porosity(), r.poreDiameterUm(), r.impregnationUm);
        cp.drawString(title, (w - cp.getStringWidth(title)) / 2, 24);
        boolean vol = "volume-3d".equals(r.real.kind());
        panel(cp, 70, 70, 250, 300, vol ? "specific surface S_v, µm⁻¹" : "specific surface S_c, µm⁻¹", vol ? "S_v (3D) vs S_c" : "S_c",
                r.scRealPerUm, r.scIdealPerUm, vol ? "3D Crofton" : "eq. 3", "eq. 1: 4φ/δ");
        panel(cp, 440, 70, 250, 300, "current-density reduction R_J, –", "R_J (eq. 2)", r.rjReal, r.rjIdeal, vol ? "from S_v" : "from eq. 3", "from eq. 1");
        // legend
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int ly = 432;
        cp.setColor(REAL);
        cp.fillRect(220, ly - 12, 14, 14);
        cp.setColor(Color.BLACK);
        cp.drawString("real (measured)", 240, ly + 2);
        cp.setColor(IDEAL);
        cp.fillRect(380, ly - 12, 14, 14);
        cp.setColor(Color.BLACK);
        cp.drawString("ideal parallel cylinders", 400, ly + 2);
        return new ImagePlus("S_c and R_J real vs ideal", cp);
    }

    /** σ_eff/σ_LLZO of the real geometry (conduction solve), the ideal twin (1 − f) and eq. 7 (1 − 3f/2), three bars on [0, 1]. */
    public static ImagePlus conductivityChart(ConductivityComparison c) {
        int w = 560;
        int h = 420;
        ColorProcessor cp = canvas(w, h);
        cp.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        cp.setColor(Color.BLACK);
        String title = String.format(Locale.ROOT, "LLZO conduction: σ_eff/σ_LLZO (f = %.3f)", c.porosity());
        cp.drawString(title, (w - cp.getStringWidth(title)) / 2, 26);
        int x0 = 80;
        int y0 = 60;
        int pw = 440;
        int ph = 280;
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int k = 0; k <= 5; k++) {
            double t = k / 5.0;
            int yy = (int) Math.round(y0 + ph - t * ph);
            cp.setColor(new Color(225, 225, 225));
            cp.drawLine(x0 + 1, yy, x0 + pw, yy);
            cp.setColor(Color.BLACK);
            String s = String.format(Locale.ROOT, "%.1f", t);
            cp.drawString(s, x0 - 8 - cp.getStringWidth(s), yy + 6);
        }
        cp.drawLine(x0, y0, x0, y0 + ph);
        cp.drawLine(x0, y0 + ph, x0 + pw, y0 + ph);
        double[] v = {c.realRelative(), c.ideal(), c.bruggeman()};
        Color[] col = {REAL, IDEAL, new Color(120, 120, 120)};
        String[] lab = {"real (solve)", "ideal: 1 − f", "eq. 7: 1 − 3f/2"};
        int bw = pw / 5;
        for (int k = 0; k < 3; k++) {
            int bx = x0 + bw / 2 + k * (bw + bw / 2);
            cp.setColor(Color.BLACK);
            cp.drawString(lab[k], bx + (bw - cp.getStringWidth(lab[k])) / 2, y0 + ph + 20);
            if (!Double.isFinite(v[k])) {
                String s = k == 0 ? "not computed" : "none (f ≥ 2/3)";
                cp.drawString(s, bx + (bw - cp.getStringWidth(s)) / 2, y0 + ph - 8);
                continue;
            }
            int yv = (int) Math.round(y0 + ph - Math.max(0, Math.min(1, v[k])) * ph);
            cp.setColor(col[k]);
            cp.fillRect(bx, yv, bw, Math.max(1, y0 + ph - yv));
            cp.setColor(Color.BLACK);
            String s = String.format(Locale.ROOT, "%.4g", v[k]);
            cp.drawString(s, bx + (bw - cp.getStringWidth(s)) / 2, yv - 4);
        }
        if (c.real() != null) {
            String s = String.format(Locale.ROOT, "real: τ = %.3f along %s, percolation factor %.4f", c.real().tauTotal(), c.real().axis().letter(),
                    c.real().percolationFactor());
            cp.drawString(s, (w - cp.getStringWidth(s)) / 2, h - 20);
        }
        return new ImagePlus("LLZO conduction real vs ideal vs eq. 7", cp);
    }

    private static void panel(ColorProcessor cp, int x0, int y0, int pw, int ph, String yLabel, String name, double a, double b, String la, String lb) {
        double vmax = Math.max(0, Math.max(fin(a), fin(b)));
        double vmin = Math.min(0, Math.min(fin(a), fin(b)));
        if (vmax - vmin <= 0) {
            vmax = 1;
        }
        double step = niceStep((vmax - vmin) / 5);
        double top = Math.ceil(vmax * 1.15 / step) * step;
        double bot = Math.floor(vmin / step) * step;
        java.util.function.DoubleToIntFunction Y = v -> (int) Math.round(y0 + ph - (v - bot) / (top - bot) * ph);
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        cp.setColor(Color.BLACK);
        for (double t = bot; t <= top + 1e-9 * step; t += step) {
            int yy = Y.applyAsInt(t);
            cp.setColor(new Color(225, 225, 225));
            cp.drawLine(x0 + 1, yy, x0 + pw, yy);
            cp.setColor(Color.BLACK);
            cp.drawLine(x0 - 5, yy, x0, yy);
            String s = fmt(t, step);
            cp.drawString(s, x0 - 8 - cp.getStringWidth(s), yy + 6);
        }
        cp.drawLine(x0, y0, x0, y0 + ph);
        int y0line = Y.applyAsInt(0);
        cp.drawLine(x0, y0line, x0 + pw, y0line);
        double[] v = {a, b};
        Color[] c = {REAL, IDEAL};
        String[] lab = {la, lb};
        int bw = pw / 4;
        for (int k = 0; k < 2; k++) {
            int bx = x0 + pw / 8 + k * (bw + pw / 4);
            if (Double.isFinite(v[k])) {
                int yv = Y.applyAsInt(v[k]);
                cp.setColor(c[k]);
                cp.fillRect(bx, Math.min(yv, y0line), bw, Math.max(1, Math.abs(y0line - yv)));
                cp.setColor(Color.BLACK);
                String s = String.format(Locale.ROOT, "%.4g", v[k]);
                cp.drawString(s, bx + (bw - cp.getStringWidth(s)) / 2, v[k] >= 0 ? yv - 4 : yv + 16);
            }
            cp.setColor(Color.BLACK);
            cp.drawString(lab[k], bx + (bw - cp.getStringWidth(lab[k])) / 2, y0 + ph + 20);
        }
        cp.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        cp.drawString(name, x0 + (pw - cp.getStringWidth(name)) / 2, y0 - 22);
        // rotated y label: draw on a small processor and rotate
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int lw = cp.getStringWidth(yLabel) + 4;
        ColorProcessor tl = new ColorProcessor(lw, 18);
        tl.setColor(Color.WHITE);
        tl.fill();
        tl.setColor(Color.BLACK);
        tl.setAntialiasedText(true);
        tl.setFont(cp.getFont());
        tl.drawString(yLabel, 2, 15);
        ColorProcessor rot = (ColorProcessor) tl.rotateLeft();
        cp.insert(rot, Math.max(0, x0 - 62), y0 + (ph - lw) / 2);
    }

    private static double fin(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static double niceStep(double raw) {
        double e = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / e;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * e;
    }

    private static String fmt(double v, double step) {
        int dec = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + dec + "f", Math.abs(v) < step * 1e-6 ? 0.0 : v);
    }

    /**
     * Final ξ of both runs side by side (cross-sections, Li side at the top): LLZO tan, Li (ξ = 1)
     * light blue, empty pore (ξ = 0) black, blended by ξ and ϕ; same µm scale for both.
     */
    public static ImagePlus xiSideBySide(PhaseFieldResult... runs) {
        PhaseFieldResult real = runs[0];
        int maxH = 0;
        int sumW = 0;
        for (PhaseFieldResult r : runs) {
            maxH = Math.max(maxH, r.nz());
            sumW += r.nx();
        }
        int scale = Math.max(1, Math.min(8, 360 / Math.max(1, maxH)));
        scale = Math.max(1, Math.min(scale, 1500 / Math.max(1, sumW)));
        int pad = 20;
        int top = 40;
        ColorProcessor cp = canvas(pad + sumW * scale + runs.length * pad, top + maxH * scale + 60);
        int x0 = pad;
        for (int k = 0; k < runs.length; k++) {
            PhaseFieldResult r = runs[k];
            Snapshot s = r.snapshots().isEmpty() ? null : r.snapshots().get(r.snapshots().size() - 1);
            int nx = r.nx();
            paintXi(cp, r, s, x0, top, scale);
            cp.setColor(Color.BLACK);
            String t = String.format(Locale.ROOT, "%s, t = %.4g s", RUN_NAMES[k], s != null ? s.timeS : r.timeS());
            cp.drawString(t, x0, top - 12);
            x0 += nx * scale + pad;
        }
        int ly = top + maxH * scale + 24;
        xiLegend(cp, pad, ly);
        double barUm = niceStep(real.nx() * real.dxUm() / 4);
        int barPx = (int) Math.round(barUm / real.dxUm() * scale);
        cp.setColor(Color.BLACK);
        cp.fillRect(pad, ly + 14, barPx, 4);
        cp.drawString(String.format(Locale.ROOT, "%.3g µm  (Li enters from the top; grid %.3g µm)", barUm, real.dxUm()), pad + barPx + 8, ly + 22);
        return new ImagePlus("final xi", cp);
    }

    /** A white canvas with antialiased bold 14-pt text, for the rendered (non-Plot) figures. */
    private static ColorProcessor canvas(int w, int h) {
        ColorProcessor cp = new ColorProcessor(w, h);
        cp.setColor(Color.WHITE);
        cp.fill();
        cp.setAntialiasedText(true);
        cp.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        return cp;
    }

    /** Grid index of (x, z) on the central x–z section (y = ny/2; 2D runs have ny = 1), as the snapshots are taken. */
    private static int cell(PhaseFieldResult r, int x, int z) {
        return x + r.nx() * (r.ny() / 2 + r.ny() * z);
    }

    /** Colour of one cell: LLZO tan, Li light blue, empty pore black, blended by ξ and the solid fraction ϕ. */
    private static Color xiColor(double xi, double ph) {
        xi = Math.max(0, Math.min(1, xi));
        ph = Math.max(0, Math.min(1, ph));
        int rr = (int) Math.round((1 - ph) * xi * 150 + ph * 205);
        int gg = (int) Math.round((1 - ph) * xi * 200 + ph * 175);
        int bb = (int) Math.round((1 - ph) * xi * 255 + ph * 130);
        return new Color(rr, gg, bb);
    }

    /** Paints ξ of a snapshot (or the final state when s is null) of run r at (x0, y0), scale px per cell. */
    private static void paintXi(ColorProcessor cp, PhaseFieldResult r, Snapshot s, int x0, int y0, int scale) {
        for (int z = 0; z < r.nz(); z++) {
            for (int x = 0; x < r.nx(); x++) {
                int i = x + r.nx() * z;
                int c = cell(r, x, z);
                double xi = s != null && s.width == r.nx() ? s.channels[0][i] : r.xiFinal()[c];
                cp.setColor(xiColor(xi, r.phi()[c]));
                cp.fillRect(x0 + x * scale, y0 + z * scale, scale, scale);
            }
        }
    }

    private static void xiLegend(ColorProcessor cp, int x, int y) {
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        Object[][] legend = {{new Color(150, 200, 255), "Li (ξ = 1)"}, {Color.BLACK, "empty pore (ξ = 0)"}, {new Color(205, 175, 130), "LLZO"}};
        for (Object[] e : legend) {
            cp.setColor((Color) e[0]);
            cp.fillRect(x, y - 11, 12, 12);
            cp.setColor(Color.BLACK);
            cp.drawRect(x, y - 11, 12, 12);
            cp.drawString((String) e[1], x + 16, y + 1);
            x += cp.getStringWidth((String) e[1]) + 40;
        }
    }

    /**
     * ξ snapshots of both runs on a grid: rows real / ideal, columns the first, middle and last
     * snapshot times (same times in both runs), same µm scale.
     */
    public static ImagePlus snapshotGrid(PhaseFieldResult... runs) {
        PhaseFieldResult real = runs[0];
        int ns = Integer.MAX_VALUE;
        int maxW = 0;
        int maxH = 0;
        for (PhaseFieldResult r : runs) {
            ns = Math.min(ns, r.snapshots().size());
            maxW = Math.max(maxW, r.nx());
            maxH = Math.max(maxH, r.nz());
        }
        int[] pick = ns >= 3 ? new int[] {0, ns / 2, ns - 1} : ns == 2 ? new int[] {0, 1} : ns == 1 ? new int[] {0} : new int[] {-1};
        int scale = Math.max(1, Math.min(6, 900 / Math.max(1, pick.length * maxW)));
        scale = Math.max(1, Math.min(scale, 450 / Math.max(1, runs.length * maxH)));
        int pad = 16;
        int left = 60;
        int top = 40;
        int bottom = 40;
        int w = left + pick.length * (maxW * scale + pad);
        int h = top + runs.length * (maxH * scale + pad) + bottom;
        ColorProcessor cp = canvas(w, h);
        for (int c = 0; c < pick.length; c++) {
            int x0 = left + c * (maxW * scale + pad);
            Snapshot s0 = pick[c] >= 0 ? real.snapshots().get(pick[c]) : null;
            cp.setColor(Color.BLACK);
            cp.drawString(String.format(Locale.ROOT, "t = %.4g s", s0 != null ? s0.timeS : real.timeS()), x0, top - 14);
            for (int k = 0; k < runs.length; k++) {
                PhaseFieldResult r = runs[k];
                Snapshot s = pick[c] >= 0 ? r.snapshots().get(pick[c]) : null;
                int y0 = top + k * (maxH * scale + pad);
                paintXi(cp, r, s, x0, y0, scale);
                if (c == 0) {
                    cp.setColor(Color.BLACK);
                    cp.drawString(RUN_SHORT[k], 6, y0 + maxH * scale / 2);
                }
            }
        }
        xiLegend(cp, left, h - 14);
        return new ImagePlus("phase-field snapshots", cp);
    }

    /**
     * Final local ionic current density |σ∇φ| (A m⁻²) of both runs side by side on one colour scale
     * (0 to the larger run's 99.5th percentile, "fire"-like ramp; solid LLZO cells shown, pores grey), so
     * hot spots compare directly; null when the runs saved no snapshot.
     */
    public static ImagePlus currentSideBySide(PhaseFieldResult... runs) {
        Snapshot[] last = new Snapshot[runs.length];
        int nv = 0;
        for (int k = 0; k < runs.length; k++) {
            if (runs[k].snapshots().isEmpty()) {
                return null;
            }
            last[k] = runs[k].snapshots().get(runs[k].snapshots().size() - 1);
            for (float v : last[k].channels[3]) {
                if (Float.isFinite(v) && v > 0) {
                    nv++;
                }
            }
        }
        if (nv == 0) {
            return null;
        }
        float[] a = new float[nv];
        nv = 0;
        for (Snapshot s : last) {
            for (float v : s.channels[3]) {
                if (Float.isFinite(v) && v > 0) {
                    a[nv++] = v;
                }
            }
        }
        java.util.Arrays.sort(a);
        double vmax = a[Math.min(a.length - 1, (int) (0.995 * a.length))];
        int maxH = 0;
        int sumW = 0;
        for (PhaseFieldResult r : runs) {
            maxH = Math.max(maxH, r.nz());
            sumW += r.nx();
        }
        int scale = Math.max(1, Math.min(8, 360 / Math.max(1, maxH)));
        scale = Math.max(1, Math.min(scale, 1500 / Math.max(1, sumW)));
        int pad = 20;
        int top = 40;
        ColorProcessor cp = canvas(Math.max(pad + sumW * scale + runs.length * pad, 700), top + maxH * scale + 70);
        int x0 = pad;
        for (int k = 0; k < runs.length; k++) {
            PhaseFieldResult r = runs[k];
            Snapshot s = last[k];
            for (int z = 0; z < r.nz(); z++) {
                for (int x = 0; x < r.nx(); x++) {
                    int i = x + r.nx() * z;
                    float v = s.width == r.nx() ? s.channels[3][i] : Float.NaN;
                    boolean solid = r.phi()[cell(r, x, z)] > 0.5;
                    cp.setColor(solid && Float.isFinite(v) ? fire(v / vmax) : new Color(60, 60, 60));
                    cp.fillRect(x0 + x * scale, top + z * scale, scale, scale);
                }
            }
            Double hs = r.finalMetrics().get("hot_spot_ratio");
            cp.setColor(Color.BLACK);
            cp.drawString(String.format(Locale.ROOT, "%s, hot spot %.3g", RUN_SHORT[k], hs == null ? Double.NaN : hs), x0, top - 12);
            x0 += r.nx() * scale + pad;
        }
        // colour bar
        int by = top + maxH * scale + 20;
        int bw = Math.min(300, cp.getWidth() - 2 * pad - 120);
        for (int i = 0; i < bw; i++) {
            cp.setColor(fire(i / (double) (bw - 1)));
            cp.drawLine(pad + i, by, pad + i, by + 12);
        }
        cp.setColor(Color.BLACK);
        cp.drawRect(pad, by, bw, 13);
        cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        cp.drawString("0", pad, by + 30);
        String mx = String.format(Locale.ROOT, "%.3g A/m²", vmax);
        cp.drawString(mx, pad + bw - cp.getStringWidth(mx), by + 30);
        cp.drawString("local ionic current density in LLZO (grey: pore / Li)", pad + bw + 12, by + 12);
        return new ImagePlus("current density", cp);
    }

    /** Black → red → yellow → white ramp for t in [0, 1] (clipped). */
    private static Color fire(double t) {
        t = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(255 * Math.min(1, 3 * t));
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, 3 * t - 1)));
        int b = (int) Math.round(255 * Math.max(0, Math.min(1, 3 * t - 2)));
        return new Color(r, g, b);
    }

    /** The one-page HTML report. */
    public static String html(CompareResult r, List<String> figures) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PoroPhase compare: ")
                .append(esc(r.real.title())).append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:auto}"
                        + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%;border:1px solid #ddd;margin:4px}"
                        + ".figs{display:flex;flex-wrap:wrap}.figs figure{margin:4px;flex:1 1 45%}</style></head><body>\n");
        sb.append("<h1>Real vs ideal scaffold: ").append(esc(r.real.title())).append("</h1>\n");
        sb.append("<p>Measured sample (S_c = P_p/A_t, eq. 3, for an image; S_v by Crofton for a volume) against its ideal parallel-cylinder twin "
                + "with the same porosity φ and mean pore diameter δ (S_c = 4φ/δ, eq. 1); R_J = 1 − 1/(d·S_c) (eq. 2); phase-field Li plating "
                + "(eqs. 8–12) on the segmented geometry and on the ideal twin with the same parameters (the notes say which plane or volume "
                + "was simulated; Zhang et al., ACS AMI 2024).</p>\n");
        sb.append("<ul>\n");
        for (String n : r.notes()) {
            sb.append("<li>").append(esc(n)).append("</li>\n");
        }
        sb.append("</ul>\n");
        boolean flat = r.pfFlat != null;
        sb.append("<h2>Comparison</h2>\n<table><tr><th>metric</th><th>real</th><th>ideal</th><th>real / ideal</th>")
                .append(flat ? "<th>flat</th>" : "").append("</tr>\n");
        for (List<Object> row : r.comparisonRows()) {
            sb.append("<tr><td>").append(esc((String) row.get(0))).append("</td>");
            for (int k = 1; k < (flat ? 5 : 4); k++) {
                sb.append("<td>").append(num(row.get(k))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        if (r.conduction != null) {
            ConductivityComparison c = r.conduction;
            sb.append("<h2>Ionic conduction through the LLZO: real vs ideal vs eq. 7</h2>\n<p>σ_eff/σ_LLZO of the segmented geometry "
                    + "(steady conduction through its solid along the thickness, docs/transport.md), of the ideal parallel-cylinder twin "
                    + "(1 − f, τ = 1) and of Bruggeman's relation as used in the paper (eq. 7, 1 − 3f/2); f = 1 − solid fraction of the box.")
                    .append(c.real() == null ? " Real value not computed: " + esc(c.realSkipped()) + "." : " Real geometry: " + esc(c.geometry()) + ".")
                    .append(c.sides() == null ? "" : " Side faces of the solve: " + esc(c.sides().key()) + " (side_boundary).")
                    .append("</p>\n<table><tr><th>quantity</th><th>real geometry</th><th>ideal twin</th><th>eq. 7 (Bruggeman)</th></tr>\n");
            sb.append("<tr><td>σ_eff/σ_LLZO</td><td>").append(num(c.realRelative())).append("</td><td>").append(num(c.ideal()))
                    .append("</td><td>").append(num(c.bruggeman())).append("</td></tr>\n");
            sb.append("<tr><td>tortuosity factor τ</td><td>").append(c.real() == null ? "" : num(c.real().tauTotal()))
                    .append("</td><td>1</td><td></td></tr>\n");
            if (c.measuredSigmaSCm() != null) {
                double sm = c.measuredSigmaSCm();
                sb.append("<tr><td>σ_h from σ_m = ").append(num(sm)).append(" S/cm, S/cm</td><td>").append(num(sm / c.realRelative()))
                        .append("</td><td>").append(num(sm / c.ideal())).append("</td><td>").append(num(sm / c.bruggeman())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<h2>Figures</h2>\n<div class=\"figs\">\n");
        for (String f : figures) {
            sb.append("<figure><img src=\"").append(esc(f)).append("\" alt=\"").append(esc(f)).append("\"><figcaption>").append(esc(caption(f)))
                    .append("</figcaption></figure>\n");
        }
        sb.append("</div>\n<h2>Parameters</h2>\n");
        table(sb, flatten("", r.options.toMap()));
        sb.append("<h2>Provenance</h2>\n");
        table(sb, flatten("", r.provenance));
        String stem = r.real.title();
        List<String> files = new ArrayList<>(List.of(OutputNames.name(stem, OutputNames.SUMMARY_JSON), OutputNames.name(stem, OutputNames.COMPARISON_CSV)));
        if (r.real.profile() != null && r.real.profile().size() > 0) {
            files.add(OutputNames.name(stem, OutputNames.PROFILE_CSV));
        }
        if (r.real.psd() != null && r.real.psd().size() > 0) {
            files.add(OutputNames.name(stem, OutputNames.PSD_CSV));
        }
        sb.append("<p>Files: ");
        for (int k = 0; k < files.size(); k++) {
            sb.append(k > 0 ? ", " : "").append("<a href=\"").append(esc(files.get(k))).append("\">").append(esc(files.get(k))).append("</a>");
        }
        sb.append(".</p>\n</body></html>\n");
        return sb.toString();
    }

    private static String caption(String file) {
        String f = file;
        for (String c : new String[] {QC, PROFILE, PSD, BARS, XI, SNAPSHOTS, CURRENT, FILL, CONTACT, CONDUCTIVITY}) {
            if (file.endsWith("." + c)) {
                f = c;
            }
        }
        switch (f) {
            case QC: return "Segmentation QC: pore outlines (yellow) on the analysed image (volume: central section of the pore mask, white = pore).";
            case PROFILE: return "Porosity profile of the real sample (per row of the analysed image or per slice of the volume) and the uniform porosity of the ideal twin.";
            case PSD: return "Pore size distribution by local thickness (largest inscribed disk in 2D, sphere in 3D); the line marks δ used for the ideal twin.";
            case CONDUCTIVITY: return "σ_eff/σ_LLZO: conduction solve through the segmented solid, ideal parallel cylinders (1 − f) and eq. 7 (1 − 3f/2).";
            case BARS: return "S_c and R_J: measured (eq. 3) vs ideal parallel cylinders (eq. 1).";
            case XI: return "Final Li order parameter ξ, real scaffold, ideal channels (and flat interface), same scale.";
            case SNAPSHOTS: return "Li order parameter ξ at the first, middle and last snapshot: real scaffold, ideal channels (and flat interface), top to bottom.";
            case CURRENT: return "Final local ionic current density in the LLZO, one colour scale for all runs; the titles give the hot-spot ratio (max/mean reaction rate at the active interface).";
            case FILL: return "Pore fill fraction vs time of the phase-field runs.";
            case CONTACT: return "Li|LLZO contact area over the flat projected area vs time (real, ideal and flat interface): where contact is kept or lost.";
            default: return file;
        }
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        sb.append("<table><tr><th>name</th><th>value</th></tr>\n");
        for (String[] kv : rows) {
            sb.append("<tr><td>").append(esc(kv[0])).append("</td><td>").append(esc(kv[1])).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static List<String[]> flatten(String prefix, Map<?, ?> m) {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map) {
                rows.addAll(flatten(k, (Map<?, ?>) e.getValue()));
            } else {
                Object v = e.getValue();
                rows.add(new String[] {k, v == null ? "" : v instanceof String ? (String) v : Json.write(v)});
            }
        }
        return rows;
    }

    private static String num(Object o) {
        if (o instanceof Number) {
            double v = ((Number) o).doubleValue();
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "–";
        }
        return esc(String.valueOf(o));
    }

    private static String esc(String s) {
        if (s == null) {
            throw new PoroPhaseException("internal: null text in the report");
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
