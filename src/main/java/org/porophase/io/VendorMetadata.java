package org.porophase.io;

import org.porophase.core.Calibration;
import org.porophase.core.CalibrationSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the pixel size that SEM vendors store in TIFF tags or sidecar text files. Each returns the
 * raw finding; {@link SemReader} validates plausibility and chooses among sources.
 * <p>
 * Formats (as found in public readers, checked with the project's search tool):
 * <ul>
 * <li><b>FEI / Thermo Fisher xT</b>: TIFF tag 34682 (older: 34680) holds INI text; {@code [Scan] PixelWidth}
 * and {@code PixelHeight} in metres, {@code [Image] ResolutionX/ResolutionY} (the scanned area, without
 * the data bar) and {@code [PrivateFei] DatabarHeight}. Source: MaMMoS-project/sem_io
 * ({@code TAGS = {"Zeiss": 34118, "ThermoFisher": 34682}}, TF_PARAM_LOCS), pynxtools-em tiff_fei docs.</li>
 * <li><b>Zeiss SmartSEM</b>: TIFF tag 34118, CR/LF separated lines in pairs: a code line
 * ({@code AP_PIXEL_SIZE}) then "{@code Image Pixel Size = 2.233 nm}" (V05: "Pixel Size = …"); units pm, nm,
 * µm (byte 0xB5), mm. Source: MaMMoS-project/sem_io {@code extract_params_Zeiss}, ks00x/zeiss_tiff_meta.</li>
 * <li><b>TESCAN</b>: TIFF tag 50431 holds INI text (section {@code [MAIN]}) with {@code PixelSizeX},
 * {@code PixelSizeY} in metres; the same text is written to a sidecar {@code .hdr}. Source: NexusLIMS TESCAN
 * extractor ({@code TESCAN_TIFF_TAG = 50431}), Gwyddion tescan.c.</li>
 * <li><b>Hitachi</b> (S-4800, SU, TM series): sidecar {@code <basename>.txt}, INI {@code [SemImageFile]}
 * with {@code PixelSize=} in nm and {@code DataSize=WxH}. Source: pjf32/EM-tool and IMBalENce/EM-tool
 * "SEM_Hitachi_Scale.ijm" (PixelSize read in nm); Bio-Formats HitachiReader documentation.</li>
 * <li><b>JEOL</b>: sidecar {@code <basename>.txt} with "{@code $$SM_MICRON_BAR 240}" (scale-bar length in pixels),
 * "{@code $$SM_MICRON_MARKER 10um}" (its length with unit) and "{@code $CM_FULL_SIZE 1280 960}"; pixel size =
 * marker length / bar pixels. Source: pjf32/EM-tool "JOEL_SEM_Scale.ijm". Assumption (documented): the bar
 * pixels refer to the {@code $CM_FULL_SIZE} width; when the saved image is narrower or wider, the pixel
 * size is scaled by fullWidth / imageWidth.</li>
 * </ul>
 */
public final class VendorMetadata {
    private VendorMetadata() {
    }

    /** Maximum number of metadata entries kept for provenance. */
    private static final int MAX_ENTRIES = 400;

    /**
     * A pixel size found in vendor metadata (not yet validated).
     *
     * @param imageHeight scan height in rows according to the metadata, when it says so
     */
    public record Found(CalibrationSource source, double pixelWidthUm, double pixelHeightUm, String detail,
            Map<String, String> metadata, OptionalInt imageHeight) {
    }

    private static final Pattern NUM_UNIT = Pattern.compile(
            "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-zµμ\\u00b5]*)");

    /** Rounds to 12 significant digits, so that 1e-7 m × 1e6 gives 0.1 µm and not 0.09999999999999999. */
    static double clean(double v) {
        return Double.isFinite(v) && v != 0 ? Double.parseDouble(String.format(Locale.ROOT, "%.12g", v)) : v;
    }

    /** Parses a number, tolerating "1.5e-008" and surrounding blanks; NaN when not a number. */
    public static double number(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** INI text to "[Section] key" → value (keys trimmed, sections kept as written). */
    public static Map<String, String> parseIni(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && m.size() < MAX_ENTRIES) {
                m.put((section.isEmpty() ? "" : section + " ") + line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return m;
    }

    private static String get(Map<String, String> ini, String section, String key) {
        String v = ini.get(section + " " + key);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : ini.entrySet()) {
            if (e.getKey().equalsIgnoreCase(section + " " + key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Map<String, String> prefixed(String vendor, Map<String, String> m) {
        Map<String, String> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(vendor + "." + k, v.length() > 200 ? v.substring(0, 200) : v));
        return r;
    }

    /** FEI / Thermo Fisher INI text from TIFF tag {@code tagId} (34682 or 34680). */
    public static Optional<Found> fei(String ini, int tagId) {
        Map<String, String> m = parseIni(ini);
        String section = "[Scan]";
        String pw = get(m, section, "PixelWidth");
        if (pw == null) {
            section = "[EScan]";
            pw = get(m, section, "PixelWidth");
        }
        if (pw == null) {
            return Optional.empty();
        }
        String ph = get(m, section, "PixelHeight");
        double w = number(pw) * 1e6;
        double h = ph == null ? w : number(ph) * 1e6;
        OptionalInt height = OptionalInt.empty();
        double ry = number(get(m, "[Image]", "ResolutionY"));
        if (ry >= 1 && ry == Math.rint(ry)) {
            height = OptionalInt.of((int) ry);
        }
        String detail = section + " PixelWidth=" + pw + " m" + (ph == null ? "" : ", PixelHeight=" + ph + " m")
                + " (tag " + tagId + ")";
        return Optional.of(new Found(CalibrationSource.FEI, clean(w), clean(h), detail, prefixed("fei", m), height));
    }

    /** FEI {@code [PrivateFei] DatabarHeight} in rows, when present and positive. */
    public static OptionalInt feiDatabarHeight(String ini) {
        double d = number(get(parseIni(ini), "[PrivateFei]", "DatabarHeight"));
        return d >= 1 && d == Math.rint(d) ? OptionalInt.of((int) d) : OptionalInt.empty();
    }

    private static final Pattern ZEISS_PIXEL = Pattern.compile("^\\s*(?:Image\\s+)?Pixel\\s+Size\\s*[=:]\\s*(.+)$",
            Pattern.CASE_INSENSITIVE);

    /** Zeiss SmartSEM text from TIFF tag 34118. */
    public static Optional<Found> zeiss(String text) {
        String[] lines = text.split("\\r?\\n|\\r");
        Map<String, String> m = new LinkedHashMap<>();
        String pixelLine = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int eq = line.indexOf('=');
            if (eq > 0 && m.size() < MAX_ENTRIES) {
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
            if (line.equalsIgnoreCase("AP_PIXEL_SIZE") && i + 1 < lines.length && lines[i + 1].contains("=")) {
                pixelLine = lines[i + 1].strip();
            }
        }
        if (pixelLine == null) {
            for (String l : lines) {
                if (ZEISS_PIXEL.matcher(l.strip()).matches()) {
                    pixelLine = l.strip();
                    break;
                }
            }
        }
        if (pixelLine == null) {
            return Optional.empty();
        }
        Matcher pm = ZEISS_PIXEL.matcher(pixelLine);
        String value = pm.matches() ? pm.group(1) : pixelLine.substring(pixelLine.indexOf('=') + 1);
        Matcher nu = NUM_UNIT.matcher(value.strip());
        double um = Double.NaN;
        if (nu.lookingAt()) {
            um = number(nu.group(1)) * Calibration.toMicrons(nu.group(2));
        }
        return Optional.of(new Found(CalibrationSource.ZEISS, clean(um), clean(um), "AP_PIXEL_SIZE \"" + pixelLine + "\" (tag 34118)",
                prefixed("zeiss", m), OptionalInt.empty()));
    }

    /** TESCAN INI text (TIFF tag 50431 or sidecar .hdr); {@code where} names it in the detail. */
    public static Optional<Found> tescan(String ini, String where) {
        Map<String, String> m = parseIni(ini);
        String px = null;
        String py = null;
        for (Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey();
            String key = k.substring(k.indexOf(']') + 1).strip();
            if (px == null && key.equalsIgnoreCase("PixelSizeX")) {
                px = e.getValue();
            } else if (py == null && key.equalsIgnoreCase("PixelSizeY")) {
                py = e.getValue();
            }
        }
        if (px == null) {
            return Optional.empty();
        }
        double w = number(px) * 1e6;
        double h = py == null ? w : number(py) * 1e6;
        String detail = "PixelSizeX=" + px + " m" + (py == null ? "" : ", PixelSizeY=" + py + " m") + " (" + where + ")";
        return Optional.of(new Found(CalibrationSource.TESCAN, clean(w), clean(h), detail, prefixed("tescan", m), OptionalInt.empty()));
    }

    /** True when sidecar text looks like a Hitachi SEM info file. */
    public static boolean looksHitachi(String text) {
        return text.contains("[SemImageFile]") || Pattern.compile("(?m)^\\s*PixelSize\\s*=").matcher(text).find();
    }

    /** True when sidecar text looks like a JEOL SEM info file. */
    public static boolean looksJeol(String text) {
        return text.contains("$$SM_MICRON") || text.contains("$CM_");
    }

    private static final Pattern DATA_SIZE = Pattern.compile("(\\d+)\\s*[xX*]\\s*(\\d+)");

    /** Hitachi sidecar text ({@code PixelSize=} nm); {@code imageWidth} checks {@code DataSize}. */
    public static Optional<Found> hitachi(String text, int imageWidth) {
        Map<String, String> m = parseIni(text);
        String ps = null;
        String ds = null;
        for (Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey();
            String key = k.substring(k.indexOf(']') + 1).strip();
            if (ps == null && key.equalsIgnoreCase("PixelSize")) {
                ps = e.getValue();
            } else if (ds == null && key.equalsIgnoreCase("DataSize")) {
                ds = e.getValue();
            }
        }
        if (ps == null) {
            return Optional.empty();
        }
        double um = number(ps) * 1e-3;
        OptionalInt height = OptionalInt.empty();
        if (ds != null) {
            Matcher dm = DATA_SIZE.matcher(ds);
            if (dm.find() && Integer.parseInt(dm.group(1)) == imageWidth) {
                height = OptionalInt.of(Integer.parseInt(dm.group(2)));
            }
        }
        return Optional.of(new Found(CalibrationSource.HITACHI, clean(um), clean(um), "[SemImageFile] PixelSize=" + ps + " nm (sidecar .txt)",
                prefixed("hitachi", m), height));
    }

    /** JEOL sidecar text; pixel = {@code $$SM_MICRON_MARKER} / {@code $$SM_MICRON_BAR} (scaled to the image width). */
    public static Optional<Found> jeol(String text, int imageWidth) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.strip();
            if (!line.startsWith("$")) {
                continue;
            }
            int sp = line.indexOf(' ');
            if (sp > 0 && m.size() < MAX_ENTRIES) {
                m.put(line.substring(0, sp), line.substring(sp + 1).strip());
            }
        }
        String bar = m.get("$$SM_MICRON_BAR");
        String marker = m.get("$$SM_MICRON_MARKER");
        if (bar == null || marker == null) {
            return Optional.empty();
        }
        double barPx = number(bar.split("\\s+")[0]);
        Matcher nu = NUM_UNIT.matcher(marker.strip());
        double markerUm = nu.lookingAt() ? number(nu.group(1)) * Calibration.toMicrons(nu.group(2).isEmpty() ? "um" : nu.group(2)) : Double.NaN;
        double um = markerUm / barPx;
        String detail = "$$SM_MICRON_MARKER " + marker + " / $$SM_MICRON_BAR " + bar + " px (sidecar .txt)";
        OptionalInt height = OptionalInt.empty();
        String full = m.get("$CM_FULL_SIZE");
        if (full != null) {
            String[] p = full.split("\\s+");
            if (p.length >= 2) {
                double fw = number(p[0]);
                double fh = number(p[1]);
                if (fw > 0 && fh > 0 && imageWidth > 0) {
                    if (fw != imageWidth) {
                        um *= fw / imageWidth;
                        detail += String.format(Locale.ROOT, ", scaled by $CM_FULL_SIZE width %d / image width %d", (int) fw, imageWidth);
                    }
                    height = OptionalInt.of((int) Math.round(fh * imageWidth / fw));
                }
            }
        }
        return Optional.of(new Found(CalibrationSource.JEOL, clean(um), clean(um), detail, prefixed("jeol", m), height));
    }

    /** All findings in a list, skipping empties (helper for callers that gather several sources). */
    static List<Found> present(List<Optional<Found>> all) {
        List<Found> r = new ArrayList<>();
        for (Optional<Found> f : all) {
            f.ifPresent(r::add);
        }
        return r;
    }
}
