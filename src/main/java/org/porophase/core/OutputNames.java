package org.porophase.core;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The one naming convention of every output file: {@code STEM.<what>.<ext>}.
 * <p>
 * {@code STEM} is the input's file name without its last extension ({@link #stem(Path)}:
 * {@code sample.tif} → {@code sample}, a slice folder {@code scan/} → {@code scan}); a phase-field run on
 * an ideal geometry has the stem {@code ideal-2d} or {@code ideal-3d} ({@link #phaseFieldStem}).
 * {@code <what>} says what the file holds, lower case, words joined by '-'; {@code <ext>} is the format.
 * The same {@code <what>} means the same thing in 2D, 3D, phase-field and compare.
 *
 * <table>
 * <caption>Files per command</caption>
 * <tr><th>command</th><th>folder</th><th>files</th></tr>
 * <tr><td>analyze (2D SEM)</td><td>OUT/</td><td>STEM.summary.json, STEM.pores.csv, STEM.psd.csv, STEM.mask.tif, STEM.qc.png</td></tr>
 * <tr><td>analyze-volume (3D)</td><td>OUT/</td><td>STEM.summary.json, STEM.profile.csv, STEM.profile.png, STEM.psd.csv,
 * STEM.mask.tif</td></tr>
 * <tr><td>phasefield</td><td>OUT/</td><td>STEM.phasefield.json, STEM.timeseries.csv, STEM.fill-vs-depth.csv,
 * STEM.snapshots.tif, STEM.xi-tNNNNNN.Ns.png (one per snapshot), STEM.current-density-final.png,
 * STEM.xi-final-3d.tif (3D only)</td></tr>
 * <tr><td>compare</td><td>OUT/STEM/</td><td>STEM.summary.json, STEM.comparison.csv, STEM.profile.csv, STEM.psd.csv,
 * STEM.qc.png, STEM.profile.png, STEM.psd.png, STEM.sc-rj.png, STEM.xi-final.png, STEM.snapshots.png,
 * STEM.current-density-final.png, STEM.fill-vs-time.png and report.html (the folder's entry page, no stem)</td></tr>
 * </table>
 * {@code summary} is the JSON of one analysis (2D, 3D, compare), {@code phasefield} the JSON of one run;
 * {@code psd} is the local-thickness pore size distribution (2D: area, 3D: volume fractions);
 * {@code profile} the porosity profile (per row in 2D compare, per plane along the axis in 3D).
 * Writers never overwrite the input ({@link ImageWriters#checkNotInput}).
 */
public final class OutputNames {
    private OutputNames() {
    }

    public static final String SUMMARY_JSON = "summary.json";
    public static final String PORES_CSV = "pores.csv";
    public static final String PSD_CSV = "psd.csv";
    public static final String MASK_TIF = "mask.tif";
    public static final String QC_PNG = "qc.png";
    public static final String PROFILE_CSV = "profile.csv";
    public static final String PROFILE_PNG = "profile.png";
    public static final String PHASEFIELD_JSON = "phasefield.json";
    public static final String TIMESERIES_CSV = "timeseries.csv";
    public static final String FILL_VS_DEPTH_CSV = "fill-vs-depth.csv";
    public static final String SNAPSHOTS_TIF = "snapshots.tif";
    public static final String XI_FINAL_3D_TIF = "xi-final-3d.tif";
    public static final String CURRENT_DENSITY_FINAL_PNG = "current-density-final.png";
    public static final String COMPARISON_CSV = "comparison.csv";
    public static final String PSD_PNG = "psd.png";
    public static final String SC_RJ_PNG = "sc-rj.png";
    public static final String XI_FINAL_PNG = "xi-final.png";
    public static final String SNAPSHOTS_PNG = "snapshots.png";
    public static final String FILL_VS_TIME_PNG = "fill-vs-time.png";
    /** The compare folder's entry page (no stem). */
    public static final String REPORT_HTML = "report.html";
    /** Stem of a phase-field run on the ideal 2D channels. */
    public static final String IDEAL_2D = "ideal-2d";
    /** Stem of a phase-field run on the ideal 3D cylinders. */
    public static final String IDEAL_3D = "ideal-3d";

    /** {@code STEM.what.ext}: {@code suffix} is one of the constants ({@code what.ext}). */
    public static String name(String stem, String suffix) {
        return stem + "." + suffix;
    }

    /** {@code dir/STEM.what.ext}. */
    public static Path path(Path dir, String stem, String suffix) {
        return dir.resolve(name(stem, suffix));
    }

    /** The stem of an input: its file (or folder) name without the last extension. */
    public static String stem(Path input) {
        Path f = input.getFileName();
        String n = f == null ? input.toString() : f.toString();
        return stem(n);
    }

    /** The stem of a file name or image title: without the last extension. */
    public static String stem(String name) {
        int i = name.lastIndexOf('.');
        return i > 0 ? name.substring(0, i) : name;
    }

    /** Stem of a phase-field run: the mask's stem, or {@link #IDEAL_2D} / {@link #IDEAL_3D} without a mask. */
    public static String phaseFieldStem(Path mask, boolean threeD) {
        return mask != null ? stem(mask) : threeD ? IDEAL_3D : IDEAL_2D;
    }

    /** Suffix of the ξ snapshot PNG at time t: {@code xi-t000010.0s.png}. */
    public static String xiSnapshotPng(double timeS) {
        return String.format(Locale.ROOT, "xi-t%08.1fs.png", timeS).replace(' ', '0');
    }

    /** True for a file name PoroPhase writes ({@code x.mask.tif}, {@code x.qc.png}, …): folder listings skip them. */
    public static boolean isOwnOutput(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String s : new String[] {MASK_TIF, QC_PNG, PROFILE_PNG, PORES_CSV, PSD_CSV, PROFILE_CSV, SNAPSHOTS_TIF, XI_FINAL_3D_TIF,
                CURRENT_DENSITY_FINAL_PNG, PSD_PNG, SC_RJ_PNG, XI_FINAL_PNG, SNAPSHOTS_PNG, FILL_VS_TIME_PNG, "thickness.tif"}) {
            if (n.endsWith("." + s)) {
                return true;
            }
        }
        return n.matches(".*\\.xi-t[0-9.]+s\\.png");
    }
}
