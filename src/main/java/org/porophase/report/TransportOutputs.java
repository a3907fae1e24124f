package org.porophase.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.porophase.analysis.TransportAnalysis;
import org.porophase.core.AtomicFiles;
import org.porophase.core.Csv;
import org.porophase.core.Json;
import org.porophase.core.OutputNames;
import org.porophase.transport.TransportResult;

/**
 * The files of a {@code transport} run: {@code STEM.transport.json} (all axes, keys with units),
 * per solved axis {@code STEM.tau-profile-A.csv} (the τ(z) profile) with its plot {@code STEM.tau-profile-A.png} and
 * {@code STEM.potential-A.png} (the potential on the central section containing the axis, the QC image); with the
 * drainage {@code STEM.drainage-A.csv} and its plot {@code STEM.drainage-A.png}.
 */
public final class TransportOutputs {
    public static final String JSON = OutputNames.TRANSPORT_JSON;
    /** Header of the τ(z) profile CSV. */
    public static final List<String> PROFILE_COLUMNS = List.of("plane", "position_um", "phase_fraction", "percolating_fraction",
            "relative_diffusivity", "tortuosity_factor");

    private TransportOutputs() {
    }

    public static String profileName(TransportResult r) {
        return OutputNames.tauProfileCsv(String.valueOf(r.axis().letter()));
    }

    public static String potentialName(TransportResult r) {
        return OutputNames.potentialPng(String.valueOf(r.axis().letter()));
    }

    public static List<Path> write(TransportAnalysis a, Path dir, String stem) {
        Path input = a.input() == null ? null : Path.of(a.input());
        List<Path> out = new ArrayList<>();
        Path p = OutputNames.path(dir, stem, JSON);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Json.pretty(a.toJson()));
        out.add(p);
        for (TransportResult r : a.results()) {
            p = OutputNames.path(dir, stem, profileName(r));
            ImageWriters.checkNotInput(p, input);
            AtomicFiles.writeString(p, Csv.table(PROFILE_COLUMNS, profileRows(r)));
            out.add(p);
            p = OutputNames.path(dir, stem, OutputNames.tauProfilePng(String.valueOf(r.axis().letter())));
            ImageWriters.savePng(tauProfilePlot(r).getImagePlus(), p, input);
            out.add(p);
            p = OutputNames.path(dir, stem, potentialName(r));
            ImageWriters.savePng(potentialImage(r), p, input);
            out.add(p);
        }
        for (TransportAnalysis.AxisOutcome o : a.axes()) {
            if (o.drainage() != null) {
                p = OutputNames.path(dir, stem, OutputNames.drainageCsv(String.valueOf(o.axis().letter())));
                ImageWriters.checkNotInput(p, input);
                AtomicFiles.writeString(p, Csv.table(List.of("radius_um", "invaded_fraction"), o.drainage().rows()));
                out.add(p);
                p = OutputNames.path(dir, stem, OutputNames.drainagePng(String.valueOf(o.axis().letter())));
                ImageWriters.savePng(drainagePlot(o.drainage(), a.phase()).getImagePlus(), p, input);
                out.add(p);
            }
        }
        return out;
    }

    /** The drainage curve as an ImageJ plot: invaded fraction of the phase against the sphere radius (the CSV's numbers). */
    public static ij.gui.Plot drainagePlot(org.porophase.transport.Drainage.Result d, String phase) {
        ij.gui.Plot p = new ij.gui.Plot("Drainage from the " + d.axis().letter() + "0 face", "sphere radius (µm)", "invaded fraction of the " + phase);
        double[] r = d.radiusUm();
        p.setLimits(0, r.length == 0 ? 1 : r[0] * 1.05, 0, 1);
        p.add("line", r, d.saturation());
        p.addLegend(String.format(java.util.Locale.ROOT, "breakthrough %.4g µm, r50 %.4g µm, constriction %.3f", d.breakthroughRadiusUm(), d.r50Um(),
                d.constrictionFactor()));
        return p;
    }

    /** τ(z) as an ImageJ plot against the position along the axis (the profile CSV's numbers; undefined planes left out). */
    public static ij.gui.Plot tauProfilePlot(TransportResult r) {
        double[] pos = r.profilePositionsUm();
        double[] tau = r.profileTau();
        int n = 0;
        for (double t : tau) {
            n += Double.isFinite(t) ? 1 : 0;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0, j = 0; k < pos.length; k++) {
            if (Double.isFinite(tau[k])) {
                x[j] = pos[k];
                y[j++] = tau[k];
            }
        }
        ij.gui.Plot p = new ij.gui.Plot("Tortuosity factor along " + r.axis().letter(), "position along " + r.axis().letter() + " (µm)",
                "tau(" + r.axis().letter() + ") = eps/(D/D0)");
        p.add("line", x, y);
        p.addLegend(String.format(java.util.Locale.ROOT, "tau = %.4f overall", r.tauTotal()));
        return p;
    }

    /** Rows of the τ(z) CSV. */
    public static List<List<Object>> profileRows(TransportResult r) {
        List<List<Object>> rows = new ArrayList<>();
        double[] pos = r.profilePositionsUm();
        double[] tau = r.profileTau();
        for (int k = 0; k < pos.length; k++) {
            rows.add(List.of(k, pos[k], r.profilePhaseFraction()[k], r.profilePercolatingFraction()[k],
                    r.profileRelativeDiffusivity()[k], Double.isFinite(tau[k]) ? tau[k] : ""));
        }
        return rows;
    }

    /**
     * The potential u ∈ [0, 1] of the central section as a colour image (blue u = 0 at the outlet to red
     * u = 1 at the inlet, dark grey where nothing was solved), the inlet at the top, enlarged by an
     * integer factor to at least 256 pixels on the short side.
     */
    public static ImagePlus potentialImage(TransportResult r) {
        int w = r.sectionWidth();
        int h = r.sectionHeight();
        int k = Math.max(1, Math.min(8, 256 / Math.max(1, Math.min(w, h))));
        ColorProcessor cp = new ColorProcessor(w * k, h * k);
        float[] s = r.section();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float u = s[x + w * y];
                int rgb = Float.isNaN(u) ? 0x282828 : Color.HSBtoRGB((float) (0.6667 * (1 - Math.max(0, Math.min(1, u)))), 0.85f, 0.95f) & 0xffffff;
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        cp.set(x * k + dx, y * k + dy, rgb);
                    }
                }
            }
        }
        return new ImagePlus("potential along " + r.axis().letter() + " (" + r.sectionAxes() + ")", cp);
    }
}
