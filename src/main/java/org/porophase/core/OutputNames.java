package org.porophase.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 * STEM.mask.tif, STEM.thickness.tif, STEM.labels.tif (or STEM.mask.ome.zarr, STEM.thickness.ome.zarr, STEM.labels.ome.zarr)</td></tr>
 * <tr><td>phasefield</td><td>OUT/</td><td>STEM.phasefield.json, STEM.timeseries.csv, STEM.fill-vs-depth.csv,
 * STEM.snapshots.tif, STEM.xi-tNNNNNN.Ns.png (one per snapshot), STEM.current-density-final.png,
 * STEM.xi-final-3d.tif (3D only)</td></tr>
 * <tr><td>compare</td><td>OUT/STEM/</td><td>STEM.summary.json, STEM.comparison.csv, STEM.profile.csv, STEM.psd.csv,
 * STEM.qc.png, STEM.profile.png, STEM.psd.png, STEM.sc-rj.png, STEM.xi-final.png, STEM.snapshots.png,
 * STEM.current-density-final.png, STEM.fill-vs-time.png, STEM.contact-vs-time.png, STEM.conductivity.png and report.html
 * (the folder's entry page, no stem)</td></tr>
 * <tr><td>transport</td><td>OUT/</td><td>STEM.transport.json; per solved axis A: STEM.tau-profile-A.csv, STEM.potential-A.png,
 * STEM.drainage-A.csv (with --drainage)</td></tr>
 * </table>
 * {@code summary} is the JSON of one analysis (2D, 3D, compare), {@code phasefield} the JSON of one run;
 * {@code psd} is the local-thickness pore size distribution (2D: area, 3D: volume fractions);
 * {@code profile} the porosity profile (per row in 2D compare, per plane along the axis in 3D).
 * {@code summary.csv} (a batch's table) sits in OUT/ itself.
 * <p>
 * These names are also what protects the user's files: {@code pipeline} checks every name a batch
 * will write against every input before writing anything, removes only names of this convention
 * ({@link #belongsTo}) when it replaces an earlier run's set, and never takes them as inputs from a
 * folder ({@link #isOwnOutput}); a batch gives every input its own stem ({@link #uniqueStems}).
 */
public final class OutputNames {
    private OutputNames() {
    }

    public static final String SUMMARY_JSON = "summary.json";
    public static final String PORES_CSV = "pores.csv";
    public static final String PSD_CSV = "psd.csv";
    public static final String MASK_TIF = "mask.tif";
    /** The mask as an OME-Zarr image (a folder; {@code volume_format zarr}). */
    public static final String MASK_ZARR = "mask.ome.zarr";
    public static final String QC_PNG = "qc.png";
    public static final String PROFILE_CSV = "profile.csv";
    public static final String PROFILE_PNG = "profile.png";
    public static final String PHASEFIELD_JSON = "phasefield.json";
    public static final String TIMESERIES_CSV = "timeseries.csv";
    public static final String FILL_VS_DEPTH_CSV = "fill-vs-depth.csv";
    public static final String SNAPSHOTS_TIF = "snapshots.tif";
    public static final String XI_FINAL_3D_TIF = "xi-final-3d.tif";
    public static final String CURRENT_DENSITY_FINAL_PNG = "current-density-final.png";
    /** Per-half-cycle table of a phase-field run. */
    public static final String CYCLES_CSV = "cycles.csv";
    /** Final reaction-rate map of a phase-field run. */
    public static final String REACTION_FINAL_PNG = "reaction-final.png";
    /** Compare: Li|LLZO contact-area ratio vs time of the real, ideal and flat runs. */
    public static final String CONTACT_VS_TIME_PNG = "contact-vs-time.png";
    public static final String COMPARISON_CSV = "comparison.csv";
    public static final String PSD_PNG = "psd.png";
    public static final String SC_RJ_PNG = "sc-rj.png";
    public static final String XI_FINAL_PNG = "xi-final.png";
    public static final String SNAPSHOTS_PNG = "snapshots.png";
    public static final String FILL_VS_TIME_PNG = "fill-vs-time.png";
    /** The compare folder's entry page (no stem). */
    public static final String REPORT_HTML = "report.html";
    /** compare's conductivity bar chart (real, ideal, eq. 7). */
    public static final String CONDUCTIVITY_PNG = "conductivity.png";
    /** transport's result (all axes). */
    public static final String TRANSPORT_JSON = "transport.json";
    /** The transport axes a per-axis file can carry. */
    public static final List<String> AXES = List.of("x", "y", "z");

    /** transport's τ(z) profile along {@code axis} (x, y or z). */
    public static String tauProfileCsv(String axis) {
        return "tau-profile-" + axis + ".csv";
    }

    /** transport's potential on the central section along {@code axis}. */
    public static String potentialPng(String axis) {
        return "potential-" + axis + ".png";
    }

    /** transport's drainage (mercury intrusion) curve from the inlet face of {@code axis}. */
    public static String drainageCsv(String axis) {
        return "drainage-" + axis + ".csv";
    }

    /** transport's plot of the τ(z) profile along {@code axis} (the numbers of {@link #tauProfileCsv}). */
    public static String tauProfilePng(String axis) {
        return "tau-profile-" + axis + ".png";
    }

    /** transport's plot of the drainage curve of {@code axis} (the numbers of {@link #drainageCsv}). */
    public static String drainagePng(String axis) {
        return "drainage-" + axis + ".png";
    }
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

    /** The combined table of a batch, in the output folder itself (no stem). */
    public static final String SUMMARY_CSV = "summary.csv";
    /** analyze-volume's local-thickness map (save_thickness): pore diameter in µm per voxel, a 32-bit float stack. */
    public static final String THICKNESS_TIF = "thickness.tif";
    /** The local-thickness map as an OME-Zarr image (float32; {@code volume_format zarr}). */
    public static final String THICKNESS_ZARR = "thickness.ome.zarr";
    /** analyze-volume's 6-connected pore labels (save_labels) as a TIFF stack (16-bit up to 65535 labels, else 32-bit float). */
    public static final String LABELS_TIF = "labels.tif";
    /** The pore labels as an OME-Zarr image (uint32; {@code volume_format zarr}). */
    public static final String LABELS_ZARR = "labels.ome.zarr";

    /** Every {@code <what>.<ext>} suffix PoroPhase writes (or wrote), without the per-snapshot PNGs. */
    public static final List<String> SUFFIXES = suffixes();

    private static List<String> suffixes() {
        List<String> s = new ArrayList<>(List.of(SUMMARY_JSON, PORES_CSV, PSD_CSV, MASK_TIF, MASK_ZARR, QC_PNG, PROFILE_CSV, PROFILE_PNG,
                PHASEFIELD_JSON, TIMESERIES_CSV, FILL_VS_DEPTH_CSV, SNAPSHOTS_TIF, XI_FINAL_3D_TIF, CURRENT_DENSITY_FINAL_PNG,
                COMPARISON_CSV, PSD_PNG, SC_RJ_PNG, XI_FINAL_PNG, SNAPSHOTS_PNG, FILL_VS_TIME_PNG, THICKNESS_TIF, THICKNESS_ZARR, LABELS_TIF, LABELS_ZARR, CYCLES_CSV, REACTION_FINAL_PNG,
                CONTACT_VS_TIME_PNG, CONDUCTIVITY_PNG, TRANSPORT_JSON));
        s.addAll(transportAxisSuffixes());
        return List.copyOf(s);
    }

    private static List<String> transportAxisSuffixes() {
        List<String> s = new ArrayList<>();
        for (String a : AXES) {
            s.add(tauProfileCsv(a));
            s.add(potentialPng(a));
            s.add(drainageCsv(a));
            s.add(tauProfilePng(a));
            s.add(drainagePng(a));
        }
        return s;
    }

    /** The files {@code transport} may write for {@code stem}. */
    public static List<String> transportNames(String stem) {
        List<String> n = new ArrayList<>();
        n.add(name(stem, TRANSPORT_JSON));
        for (String s : transportAxisSuffixes()) {
            n.add(name(stem, s));
        }
        return n;
    }

    /** The ξ snapshot PNG suffix pattern ({@link #xiSnapshotPng}). */
    private static final Pattern XI_SNAPSHOT = Pattern.compile("xi-t[0-9.]+s\\.png");

    /** The files {@code analyze} may write for {@code stem} (2D or 3D: which is known only after reading the input). */
    public static List<String> analyzeNames(String stem) {
        return names(stem, SUMMARY_JSON, PORES_CSV, PSD_CSV, MASK_TIF, MASK_ZARR, QC_PNG, PROFILE_CSV, PROFILE_PNG, THICKNESS_TIF, THICKNESS_ZARR,
                LABELS_TIF, LABELS_ZARR);
    }

    /** True for an output that is a folder (an OME-Zarr image: {@code *.zarr}), moved in and replaced as a whole. */
    public static boolean isFolderOutput(String name) {
        return name.endsWith(".zarr");
    }

    /** The files {@code phasefield} may write for {@code stem}, except the per-snapshot PNGs ({@link #belongsTo} knows those). */
    public static List<String> phaseFieldNames(String stem) {
        return names(stem, PHASEFIELD_JSON, TIMESERIES_CSV, FILL_VS_DEPTH_CSV, SNAPSHOTS_TIF, XI_FINAL_3D_TIF, CURRENT_DENSITY_FINAL_PNG, CYCLES_CSV,
                REACTION_FINAL_PNG);
    }

    /** The files of a compare report folder {@code OUT/STEM/} for {@code stem}, report.html included. */
    public static List<String> compareNames(String stem) {
        List<String> n = new ArrayList<>(names(stem, SUMMARY_JSON, COMPARISON_CSV, PROFILE_CSV, PSD_CSV, QC_PNG, PROFILE_PNG, PSD_PNG,
                SC_RJ_PNG, XI_FINAL_PNG, SNAPSHOTS_PNG, CURRENT_DENSITY_FINAL_PNG, FILL_VS_TIME_PNG, CONTACT_VS_TIME_PNG, CONDUCTIVITY_PNG));
        n.add(REPORT_HTML);
        return n;
    }

    private static List<String> names(String stem, String... suffixes) {
        List<String> n = new ArrayList<>(suffixes.length);
        for (String s : suffixes) {
            n.add(name(stem, s));
        }
        return n;
    }

    /**
     * The {@code <what>.<ext>} of a file name of {@code stem} ({@code a.mask.tif}, {@code "a"} → {@code mask.tif}), or
     * null when the name is not one PoroPhase writes for that stem ({@code a.b.summary.json} is not stem {@code a}'s).
     */
    public static String suffixOf(String name, String stem) {
        if (!name.startsWith(stem + ".")) {
            return null;
        }
        String rest = name.substring(stem.length() + 1);
        return SUFFIXES.contains(rest) || XI_SNAPSHOT.matcher(rest).matches() ? rest : null;
    }

    /** True when {@code name} is one of the outputs PoroPhase writes for {@code stem} (old snapshot PNGs included). */
    public static boolean belongsTo(String name, String stem) {
        return suffixOf(name, stem) != null;
    }

    /** What a file of this suffix holds, in words, for messages ("mask", "summary", "ξ snapshot"). */
    public static String describe(String suffix) {
        if (suffix == null) {
            return "output";
        }
        if (XI_SNAPSHOT.matcher(suffix).matches()) {
            return "ξ snapshot";
        }
        return switch (suffix) {
            case SUMMARY_JSON -> "summary";
            case PORES_CSV -> "pore table";
            case PSD_CSV -> "pore size distribution";
            case MASK_TIF, MASK_ZARR -> "mask";
            case QC_PNG -> "QC overlay";
            case PROFILE_CSV -> "porosity profile";
            case PROFILE_PNG -> "porosity profile plot";
            case PHASEFIELD_JSON -> "phase-field result";
            case REPORT_HTML -> "report page";
            case SUMMARY_CSV -> "batch summary";
            default -> suffix.substring(0, suffix.lastIndexOf('.') < 0 ? suffix.length() : suffix.lastIndexOf('.')).replace('-', ' ');
        };
    }

    /**
     * True for a file name PoroPhase writes: {@code STEM.<what>.<ext>} for every suffix it knows
     * ({@link #SUFFIXES}, ξ snapshots), {@code summary.csv} and {@code report.html}. Folder and glob
     * listings never take these as inputs (see {@code pipeline.Batch.expand}: a TIFF of such a name that
     * PoroPhase did not write is a user's image).
     */
    public static boolean isOwnOutput(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals(SUMMARY_CSV) || n.equals(REPORT_HTML)) {
            return true;
        }
        for (String s : SUFFIXES) {
            if (n.endsWith("." + s) && n.length() > s.length() + 1) {
                return true;
            }
        }
        return n.matches(".+\\.xi-t[0-9.]+s\\.png");
    }

    /**
     * Stems unique within a batch, in input order. An input keeps its own stem ({@link #stem(Path)})
     * unless another input of the batch has the same one (compared ignoring case, as on macOS and
     * Windows file systems): then both get their parent folder's name appended ({@code d1/x.tif} →
     * {@code x__d1}, {@code d2/x.tif} → {@code x__d2}); where that still collides (same folder,
     * {@code x.tif} and {@code x.png}), an 8-hex-digit hash of the absolute path instead ({@code x__1f3a9c02}).
     * The same path given twice keeps one stem.
     */
    public static Map<Path, String> uniqueStems(List<Path> inputs) {
        Map<Path, String> first = new LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Path p : inputs) {
            Path n = p.toAbsolutePath().normalize();
            if (!first.containsKey(n)) {
                first.put(n, stem(p));
                count.merge(key(stem(p)), 1, Integer::sum);
            }
        }
        Map<String, Integer> second = new HashMap<>();
        for (Map.Entry<Path, String> e : first.entrySet()) {
            if (count.get(key(e.getValue())) > 1) {
                Path parent = e.getKey().getParent();
                String pn = parent == null || parent.getFileName() == null ? "root" : parent.getFileName().toString();
                e.setValue(e.getValue() + "__" + pn);
                second.merge(key(e.getValue()), 1, Integer::sum);
            }
        }
        for (Map.Entry<Path, String> e : first.entrySet()) {
            if (second.getOrDefault(key(e.getValue()), 0) > 1) {
                e.setValue(stem(e.getKey()) + "__" + shortHash(e.getKey().toString()));
            }
        }
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path p : inputs) {
            out.put(p, first.get(p.toAbsolutePath().normalize()));
        }
        return out;
    }

    private static String key(String stem) {
        return stem.toLowerCase(Locale.ROOT);
    }

    /** First 8 hex digits of the SHA-256 of {@code s}. */
    static String shortHash(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (java.security.NoSuchAlgorithmException e) {
            return Integer.toHexString(s.hashCode());
        }
    }
}
