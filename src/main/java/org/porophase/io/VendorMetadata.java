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
 * ({@code AP_IMAGE_PIXEL_SIZE}, {@code AP_WIDTH}, {@code AP_PIXEL_SIZE}) then "{@code Image Pixel Size = 2.233 nm}"; units
 * pm, nm, µm (byte 0xB5), mm; the stored-resolution rule is in {@link #zeiss}. Source: MaMMoS-project/sem_io
 * {@code extract_params_Zeiss}, ks00x/zeiss_tiff_meta, hyperspy/rosettasciio {@code _axes_zeiss}.</li>
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
 * size is scaled by fullWidth / imageWidth. JEOL SightX TIFFs: {@link #jeolSightX}.</li>
 * <li><b>Olympus SIS</b>: {@link #olympusSis}; <b>Digital Micrograph</b> TIFFs: {@link #digitalMicrograph}.</li>
 * </ul>
 * Each {@link Found#detail()} names the field that gave the value (written to the JSON as {@code calibration_detail}).
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

    /** Zeiss SmartSEM's reference display width: {@code AP_PIXEL_SIZE} is the pixel of a 1024-pixel-wide display. */
    public static final int ZEISS_DISPLAY_WIDTH = 1024;

    /** Zeiss SmartSEM text as code → "Label = value" (the value line that follows each {@code AP_…}/{@code DP_…} code line). */
    static Map<String, String> zeissCodes(String text) {
        String[] lines = text.split("\\r?\\n|\\r");
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.length; i++) {
            String code = lines[i].strip();
            if (code.matches("[A-Z]{2}_[A-Z0-9_]+") && lines[i + 1].contains("=")) {
                codes.putIfAbsent(code, lines[i + 1].strip());
            }
        }
        return codes;
    }

    /** The length in µm of a Zeiss value line "Label = 5.965 µm", NaN when it has no number with a length unit. */
    static double zeissLength(String line) {
        if (line == null) {
            return Double.NaN;
        }
        int eq = line.indexOf('=');
        Matcher nu = NUM_UNIT.matcher(line.substring(eq + 1).strip());
        return nu.lookingAt() ? number(nu.group(1)) * Calibration.toMicrons(nu.group(2)) : Double.NaN;
    }

    /**
     * Zeiss SmartSEM text from TIFF tag 34118, for an image stored {@code imageWidth} pixels wide.
     * <p>
     * SmartSEM's {@code AP_PIXEL_SIZE} ("Pixel Size = 5.825 nm") is the pixel of its 1024-pixel-wide
     * <em>display</em>, not of the stored image (hyperspy/rosettasciio {@code _axes_zeiss}: "the scale is tied
     * with physical display and needs to be multiplied with factor, which is the 1024 (1k) divide by
     * horizontal pixel n"). The stored pixel, first field found:
     * <ol>
     * <li>{@code AP_IMAGE_PIXEL_SIZE} ("Image Pixel Size = 12.33 nm"), the stored image's pixel, when the tag has it;</li>
     * <li>{@code AP_WIDTH} / width: the scanned field width ("Width = 5.965 µm") over the stored pixels;</li>
     * <li>{@code AP_PIXEL_SIZE} × 1024 / width;</li>
     * <li>a bare "Pixel Size = …" line (older SmartSEM versions without code lines), × 1024 / width.</li>
     * </ol>
     * Measured on the rosettasciio test files: 512 × 384 (AP_WIDTH 5.965 µm → 11.65 nm; AP_PIXEL_SIZE says 5.825 nm),
     * 1024 × 768 (AP_IMAGE_PIXEL_SIZE 2.615 µm), 2048 × 1536 FIB-SEM stack (AP_IMAGE_PIXEL_SIZE 12.33 nm; AP_PIXEL_SIZE
     * 24.65 nm, AP_WIDTH 25.24 µm / 2048 = 12.32 nm). Pixels are square (one value for x and y).
     */
    public static Optional<Found> zeiss(String text, int imageWidth) {
        String[] lines = text.split("\\r?\\n|\\r");
        Map<String, String> m = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (eq > 0 && m.size() < MAX_ENTRIES) {
                m.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        Map<String, String> codes = zeissCodes(text);
        String imagePx = codes.get("AP_IMAGE_PIXEL_SIZE");
        String imageField = "AP_IMAGE_PIXEL_SIZE";
        if (imagePx == null) {
            // a value labelled "Image Pixel Size" is the stored image's pixel whatever code line precedes it
            for (Map.Entry<String, String> c : codes.entrySet()) {
                if (c.getValue().matches("(?i)Image\\s+Pixel\\s+Size\\s*[=:].*")) {
                    imagePx = c.getValue();
                    imageField = c.getKey();
                    break;
                }
            }
        }
        String fieldWidth = codes.get("AP_WIDTH");
        String displayPx = codes.get("AP_PIXEL_SIZE");
        double um = Double.NaN;
        String detail = null;
        if (Calibration.plausible(zeissLength(imagePx))) {
            um = zeissLength(imagePx);
            detail = imageField + " \"" + imagePx + "\" (tag 34118)";
        } else if (imageWidth > 0 && Calibration.plausible(zeissLength(fieldWidth) / imageWidth)) {
            um = zeissLength(fieldWidth) / imageWidth;
            detail = "AP_WIDTH \"" + fieldWidth + "\" / " + imageWidth + " px (tag 34118)";
        } else {
            String line = displayPx;
            String field = "AP_PIXEL_SIZE";
            if (line == null) {
                for (String l : lines) {
                    if (ZEISS_PIXEL.matcher(l.strip()).matches()) {
                        line = l.strip();
                        field = "Pixel Size line";
                        break;
                    }
                }
            }
            if (line == null) {
                return Optional.empty();
            }
            Matcher pm = ZEISS_PIXEL.matcher(line);
            String value = pm.matches() ? pm.group(1) : line.substring(line.indexOf('=') + 1);
            Matcher nu = NUM_UNIT.matcher(value.strip());
            if (nu.lookingAt()) {
                um = number(nu.group(1)) * Calibration.toMicrons(nu.group(2));
            }
            if (imageWidth > 0 && imageWidth != ZEISS_DISPLAY_WIDTH) {
                um = um * ZEISS_DISPLAY_WIDTH / imageWidth;
                detail = field + " \"" + line + "\" × 1024 / " + imageWidth + " px (SmartSEM's display pixel, tag 34118)";
            } else {
                detail = field + " \"" + line + "\" (tag 34118)";
            }
        }
        return Optional.of(new Found(CalibrationSource.ZEISS, clean(um), clean(um), detail, prefixed("zeiss", m), OptionalInt.empty()));
    }

    /**
     * The FIB milling position of one page of a Zeiss FIB-SEM stack: {@code AP_FIB_SLICE_INDEX} ("Slice Index = 5")
     * and {@code AP_FIB_SLICE_Y} ("Slice Y = 2.048 µm"); null when the page's tag lacks either.
     */
    public static double[] zeissFibSlice(String text) {
        Map<String, String> codes = zeissCodes(text);
        String idx = codes.get("AP_FIB_SLICE_INDEX");
        double y = zeissLength(codes.get("AP_FIB_SLICE_Y"));
        if (idx == null || !Double.isFinite(y)) {
            return null;
        }
        double i = number(idx.substring(idx.indexOf('=') + 1));
        return Double.isFinite(i) ? new double[] {i, y} : null;
    }

    /**
     * Olympus Soft Imaging Solutions (SIS / analySIS, Olympus Stream) block that TIFF tag 33560 points to
     * (magic "SIS0"). No specification is published; layout as decoded by tifffile {@code read_sis} (BSD):
     * header {@code <4s6xhhhhh6x32sh} (60 bytes, the last value the number of sub-tags), then sub-tags
     * {@code <hhI} (type, count, offset); sub-tag type 1 at its offset: {@code <10xhdd8xd}: length exponent e,
     * x and y calibration, magnification; pixel size = calibration × 10^e m. {@code block} holds the file bytes
     * from the structure's start; {@code base} is that start's file offset (sub-tag offsets are absolute).
     */
    public static Optional<Found> olympusSis(byte[] block, long base, java.util.function.LongFunction<byte[]> readAt) {
        if (block.length < 60 || block[0] != 'S' || block[1] != 'I' || block[2] != 'S' || block[3] != '0') {
            return Optional.empty();
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(block).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = b.getShort(58);
        for (int i = 0; i < n && 60 + 8 * i + 8 <= block.length; i++) {
            int type = b.getShort(60 + 8 * i);
            long off = b.getInt(60 + 8 * i + 4) & 0xFFFFFFFFL;
            if (type != 1) {
                continue;
            }
            byte[] g = readAt.apply(off);
            if (g.length < 44) {
                return Optional.empty();
            }
            java.nio.ByteBuffer gb = java.nio.ByteBuffer.wrap(g).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int e = gb.getShort(10);
            double xcal = gb.getDouble(12);
            double ycal = gb.getDouble(20);
            double mag = gb.getDouble(36);
            double f = Math.pow(10, e) * 1e6;
            String detail = String.format(Locale.ROOT, "SIS0 block (tag 33560): calibration %s × 10^%d m per pixel, magnification %s",
                    SemReader.fmt(xcal), e, SemReader.fmt(mag));
            Map<String, String> md = new LinkedHashMap<>();
            md.put("olympus_sis.pixelsizex_m", Double.toString(xcal * Math.pow(10, e)));
            md.put("olympus_sis.pixelsizey_m", Double.toString(ycal * Math.pow(10, e)));
            md.put("olympus_sis.magnification", Double.toString(mag));
            return Optional.of(new Found(CalibrationSource.OLYMPUS_SIS, clean(xcal * f), clean(ycal * f), detail, md, OptionalInt.empty()));
        }
        return Optional.empty();
    }

    /**
     * A TIFF saved by Gatan Digital Micrograph: private tags 65009 (x scale, DOUBLE), 65010 (y scale) with
     * units in 65003 (x) and 65004 (y), e.g. "µm" (tag numbers as read by hyperspy/rosettasciio
     * {@code _add_axes_digital_micrograph}; measured on its test_loading_image_saved_with_DM.tif: 0.16867 µm).
     */
    public static Optional<Found> digitalMicrograph(TiffTags tags) {
        double sx = tags.doubleValue(65009);
        double sy = tags.doubleValue(65010);
        String ux = tags.string(65003).orElse("");
        String uy = tags.string(65004).orElse(ux);
        if (!Double.isFinite(sx) || ux.isEmpty()) {
            return Optional.empty();
        }
        double fx = Calibration.toMicrons(ux.replace("\u00fe", "").strip());
        double fy = Calibration.toMicrons(uy.replace("\u00fe", "").strip());
        if (!Double.isFinite(fy)) {
            fy = fx;
        }
        if (!Double.isFinite(sy)) {
            sy = sx;
        }
        String detail = "Digital Micrograph tags 65009/65010 = " + SemReader.fmt(sx) + " / " + SemReader.fmt(sy) + " " + ux.strip()
                + " (unit tag 65003)";
        return Optional.of(new Found(CalibrationSource.DIGITAL_MICROGRAPH, clean(sx * fx), clean(sy * fy), detail,
                Map.of("dm.65003", ux, "dm.65009", Double.toString(sx), "dm.65010", Double.toString(sy)), OptionalInt.empty()));
    }

    private static String xml(String text, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    /**
     * JEOL SightX (TEM) TIFF: ImageDescription holds the XML "TemReporter" report; in image (MAG) mode the pixel
     * is the TIFF resolution's length at the camera divided by the magnification {@code SelectorValue}
     * (hyperspy/rosettasciio {@code _axes_jeol_sightx}: scale = (1/XResolution) [inch or cm] / mag). Diffraction
     * (DIFF) images are in reciprocal space and STEM ({@code eosASID}) images have no such rule: no pixel size (empty),
 * as in rosettasciio (its Ronchigram test file stays uncalibrated, its TEM-mag file gives 1.8208 nm).
     *
     * @param xres TIFF XResolution (pixels per unit), {@code unitUm} µm per resolution unit (25400 inch, 10000 cm)
     */
    public static Optional<Found> jeolSightX(String description, double xres, double unitUm) {
        if (description == null || !description.contains("<TemReporter")) {
            return Optional.empty();
        }
        String mode = xml(description, "ModeString");
        String mag = xml(description, "SelectorValue");
        String eos = xml(description, "EosMode");
        if (!"eosTEM".equals(eos) || !"MAG".equals(mode) || mag == null || !(xres > 0) || !(unitUm > 0)) {
            return Optional.empty();
        }
        double m = number(mag);
        double um = unitUm / xres / m;
        String detail = String.format(Locale.ROOT, "JEOL SightX ImageDescription (%s, ModeString MAG, SelectorValue %s): TIFF resolution"
                + " %s px per %s / magnification", eos, mag, SemReader.fmt(xres), unitUm == 25400 ? "inch" : "cm");
        return Optional.of(new Found(CalibrationSource.JEOL, clean(um), clean(um), detail,
                Map.of("jeol_sightx.ModeString", mode, "jeol_sightx.SelectorValue", mag), OptionalInt.empty()));
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
        String mag = null;
        for (Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey();
            String key = k.substring(k.indexOf(']') + 1).strip();
            if (ps == null && key.equalsIgnoreCase("PixelSize")) {
                ps = e.getValue();
            } else if (ds == null && key.equalsIgnoreCase("DataSize")) {
                ds = e.getValue();
            } else if (mag == null && key.equalsIgnoreCase("Magnification")) {
                mag = e.getValue();
            }
        }
        if (ps == null) {
            return Optional.empty();
        }
        double um = number(ps) * 1e-3;
        OptionalInt height = OptionalInt.empty();
        String scaled = "";
        if (ds != null) {
            Matcher dm = DATA_SIZE.matcher(ds);
            if (dm.find()) {
                int dw = Integer.parseInt(dm.group(1));
                if (dw == imageWidth) {
                    height = OptionalInt.of(Integer.parseInt(dm.group(2)));
                } else if (dw > 0 && imageWidth > 0) {
                    // PixelSize refers to the DataSize scan; an image saved at another width has proportionally larger pixels
                    um *= (double) dw / imageWidth;
                    scaled = String.format(Locale.ROOT, ", scaled by DataSize width %d / image width %d", dw, imageWidth);
                }
            }
        }
        return Optional.of(new Found(CalibrationSource.HITACHI, clean(um), clean(um), "[SemImageFile] PixelSize=" + ps + " nm"
                + (ds == null ? "" : ", DataSize=" + ds) + (mag == null ? "" : ", Magnification=" + mag) + scaled + " (sidecar .txt)",
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
