package org.porophase.io;

import org.porophase.core.Calibration;
import org.porophase.core.CalibrationSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.porophase.core.PoroPhaseException;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.Opener;
import ij.io.TiffDecoder;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * Reads one SEM image: pixels through ImageJ's own decoders (headless-safe), and the pixel size from
 * the file's metadata, with provenance and warnings.
 * <p>
 * <b>Pixels.</b> TIFF (any compression ImageJ's {@link TiffDecoder}/{@link FileOpener} support) and
 * PNG/JPEG/BMP/GIF ({@link Opener#openUsingImageIO}). Gray 8/16/32-bit images are kept as they are;
 * RGB and indexed-colour images become 8-bit luminance (Rec. 601: 0.299 R + 0.587 G + 0.114 B) with a
 * warning; an inverting LUT is applied to the values with a warning. A stack or multi-page file gives
 * its first slice with a warning (volumes are analysed by the 3D command). Images smaller than
 * {@value #MIN_SIZE}×{@value #MIN_SIZE} pixels are refused.
 * <p>
 * <b>Calibration</b>, first valid source wins:
 * <ol>
 * <li>user override ({@code pixelSizeOverrideUm}, source USER; a warning when the file disagrees by more
 * than 1 %);</li>
 * <li>ImageJ TIFF calibration: ImageDescription "ImageJ=…" with a length unit (nm, µm/micron/um, mm, cm,
 * m), or a TIFF resolution in centimetres. A resolution in inches written by a non-ImageJ program (72 dpi
 * and the like) is a print setting, not a pixel size: ignored with a warning;</li>
 * <li>FEI / Thermo Fisher tag 34682 (or 34680);</li>
 * <li>Zeiss SmartSEM tag 34118 (the stored-resolution rule of {@link VendorMetadata#zeiss});</li>
 * <li>TESCAN tag 50431 or sidecar {@code <basename>.hdr} / {@code <basename>-<ext>.hdr};</li>
 * <li>Hitachi sidecar {@code <basename>.txt};</li>
 * <li>JEOL sidecar {@code <basename>.txt}, or a JEOL SightX TIFF (XML ImageDescription);</li>
 * <li>Olympus SIS tag 33560 (first or second page); Digital Micrograph TIFF tags 65009/65010 (formats and
 * sources: {@link VendorMetadata}; all TIFF tags are read in one place, {@link #vendorTags}).</li>
 * </ol>
 * A bare TIFF resolution in inch or cm that gives ≥ 1 µm is a print setting and ignored with a warning; a chosen
 * pixel outside 0.1 nm … 50 µm ({@link Calibration#semWarning}) is warned about. JPEG/PNG/GIF/BMP inputs are
 * read with a warning (lossy, no metadata). An uncalibrated image is refused for µm results by {@link PixelUnits}
 * (the analysis), not here: {@code info} describes it.
 * Every candidate must be finite and within 1 pm … 1 mm ({@link Calibration#plausible}), else it is
 * ignored with a warning. Sources that disagree with the chosen one by more than 1 % give a warning. With
 * no source: {@link Calibration#uncalibrated()} and the warning
 * "uncalibrated: results in pixels; pass --pixel-size UM".
 */
public final class SemReader {
    private SemReader() {
    }

    /** Smallest accepted image: {@value} × {@value} pixels. */
    public static final int MIN_SIZE = 8;
    /** Relative difference above which two calibrations are said to disagree. */
    public static final double DISAGREE = 0.01;
    /** Sidecar text files larger than this are not read. */
    private static final long MAX_SIDECAR_BYTES = 1L << 20;
    public static final String UNCALIBRATED_WARNING = "uncalibrated: no pixel size in the file, so analyze refuses it for µm results;"
            + " pass --pixel-size UM, or --units px for results in pixels";

    /**
     * Reads an SEM image file.
     *
     * @param file                the image file
     * @param pixelSizeOverrideUm the user's pixel size in µm, or null to use the file's calibration
     * @throws PoroPhaseException for a missing, empty, unreadable, unsupported, corrupt or too small file,
     *                            or an invalid override
     */
    public static SemImage read(Path file, Double pixelSizeOverrideUm) {
        validateOverride(pixelSizeOverrideUm);
        if (file == null) {
            throw new PoroPhaseException("no image file given: pass the path of an SEM image (TIFF, PNG, JPEG, BMP or GIF)");
        }
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new PoroPhaseException("image file not found: " + abs + " (check the path and spelling)");
        }
        if (Files.isDirectory(abs)) {
            throw new PoroPhaseException(abs + " is a folder, not an image file: pass one image file (or use the batch mode for folders)");
        }
        InputFiles.requireRegularFile(abs, "image file");
        long size;
        byte[] head = new byte[16];
        int nhead;
        try {
            size = Files.size(abs);
            try (InputStream in = Files.newInputStream(abs)) {
                nhead = in.readNBytes(head, 0, head.length);
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + abs + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new PoroPhaseException("image file is empty (0 bytes): " + abs + " (the file was not written completely; copy it again)");
        }
        String format = format(head, nhead);
        List<String> warnings = new ArrayList<>();
        ImagePlus imp;
        if (format == null) {
            if (!BioFormats.isAvailable()) {
                throw new PoroPhaseException("not an image file PoroPhase can read: " + abs
                        + " (supported: TIFF, PNG, JPEG, BMP, GIF, and inside Fiji every format Bio-Formats reads; convert it to TIFF)");
            }
            try {
                imp = BioFormats.open(abs, false);
            } catch (PoroPhaseException e) {
                throw new PoroPhaseException("not an image file PoroPhase can read: " + abs + " (not TIFF, PNG, JPEG, BMP or GIF, and "
                        + e.getMessage() + ")", e);
            }
            format = "bio-formats";
        } else {
            imp = decode(abs, format, size, warnings);
        }
        if (format.equals("jpeg")) {
            warnings.add("JPEG is lossy: its 8×8-block artefacts and ringing at pore edges bias the threshold and the perimeter,"
                    + " and it keeps no microscope metadata; export the microscope's TIFF if you can");
        } else if (format.equals("png") || format.equals("gif") || format.equals("bmp")) {
            warnings.add(format.toUpperCase(Locale.ROOT) + " export: the microscope's metadata (vendor pixel size, data-bar height) is not"
                    + " kept; the pixel size must come from --pixel-size");
        }
        String title = abs.getFileName().toString();
        int bitDepth = imp.getBitDepth();
        ImageProcessor ip;
        int slices = imp.getStackSize();
        if (slices > 1) {
            warnings.add("file " + title + " has " + slices + " slices: read only the first slice as the SEM image"
                    + " (volumes are analysed by the 3D command)");
            ip = imp.getStack().getProcessor(1);
            ip.setColorModel(imp.getProcessor().getColorModel());
        } else {
            ip = imp.getProcessor();
        }
        if (ip == null) {
            throw new PoroPhaseException("cannot decode the pixels of " + abs + " (the file is corrupt or in a variant ImageJ does not support; re-save it as TIFF)");
        }
        checkSize(ip, abs.toString());
        ip = toGray(ip, title, warnings);

        FileInfo fi = imp.getOriginalFileInfo();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("file.format", format);
        metadata.put("file.bit_depth", Integer.toString(bitDepth));
        List<VendorMetadata.Found> candidates = new ArrayList<>();
        Optional<VendorMetadata.Found> ij = imagejCalibration(imp.getCalibration(), fi, warnings);
        if (format.equals("bio-formats")) {
            ij = ij.map(f -> new VendorMetadata.Found(CalibrationSource.BIOFORMATS, f.pixelWidthUm(), f.pixelHeightUm(),
                    "Bio-Formats physical pixel size " + f.detail().replaceFirst("^ImageJ calibration ", ""), f.metadata(), f.imageHeight()));
        }
        ij.ifPresent(candidates::add);
        OptionalInt[] databar = {OptionalInt.empty()};
        if (format.equals("tiff")) {
            vendorTags(abs, ip.getWidth(), candidates, metadata, databar, warnings);
        }
        sidecars(abs, ip.getWidth(), candidates, metadata, warnings);
        return assemble(ip, abs, title, bitDepth, candidates, metadata, databar[0], pixelSizeOverrideUm, warnings);
    }

    /**
     * Builds an {@link SemImage} from an image already open in ImageJ/Fiji: the current slice (duplicated,
     * so the open image is never changed), the ImagePlus calibration, and vendor tags/sidecars of the file it
     * was opened from, when {@link ImagePlus#getOriginalFileInfo()} names an existing file.
     */
    public static SemImage fromImagePlus(ImagePlus imp, Double pixelSizeOverrideUm) {
        validateOverride(pixelSizeOverrideUm);
        if (imp == null || imp.getProcessor() == null) {
            throw new PoroPhaseException("no image open: open an SEM image first");
        }
        List<String> warnings = new ArrayList<>();
        String title = imp.getTitle();
        if (imp.getStackSize() > 1) {
            warnings.add("image " + title + " has " + imp.getStackSize() + " slices: analysing slice " + imp.getCurrentSlice()
                    + " only (volumes are analysed by the 3D command)");
        }
        ImageProcessor ip = imp.getProcessor().duplicate();
        checkSize(ip, title);
        ip = toGray(ip, title, warnings);
        FileInfo fi = imp.getOriginalFileInfo();
        Path path = null;
        if (fi != null && fi.fileName != null && fi.directory != null && !fi.fileName.isEmpty()) {
            try {
                Path p = Paths.get(fi.directory, fi.fileName).toAbsolutePath().normalize();
                if (Files.isRegularFile(p)) {
                    path = p;
                }
            } catch (RuntimeException e) {
                // an unusable path in the FileInfo: no file metadata
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("file.bit_depth", Integer.toString(imp.getBitDepth()));
        List<VendorMetadata.Found> candidates = new ArrayList<>();
        imagejCalibration(imp.getCalibration(), fi, warnings).ifPresent(candidates::add);
        OptionalInt[] databar = {OptionalInt.empty()};
        if (path != null) {
            byte[] head = new byte[8];
            int n = 0;
            try (InputStream in = Files.newInputStream(path)) {
                n = in.readNBytes(head, 0, 8);
            } catch (IOException e) {
                warnings.add("could not re-read " + path + " for vendor metadata: " + e.getMessage());
            }
            if (n >= 4 && TiffTags.isTiff(head)) {
                metadata.put("file.format", "tiff");
                vendorTags(path, ip.getWidth(), candidates, metadata, databar, warnings);
            }
            sidecars(path, ip.getWidth(), candidates, metadata, warnings);
        }
        return assemble(ip, path, title, imp.getBitDepth(), candidates, metadata, databar[0], pixelSizeOverrideUm, warnings);
    }

    private static void validateOverride(Double um) {
        if (um == null) {
            return;
        }
        if (!Double.isFinite(um) || um <= 0) {
            throw new PoroPhaseException("invalid pixel size " + um + " µm: --pixel-size must be a positive number in µm (e.g. 0.0125)");
        }
        if (!Calibration.plausible(um)) {
            throw new PoroPhaseException(String.format(Locale.ROOT,
                    "implausible pixel size %g µm: --pixel-size is in µm and must lie between 1e-6 (1 pm) and 1000 (1 mm)", um));
        }
    }

    private static void checkSize(ImageProcessor ip, String what) {
        if (ip.getWidth() < MIN_SIZE || ip.getHeight() < MIN_SIZE) {
            throw new PoroPhaseException("image too small: " + ip.getWidth() + "×" + ip.getHeight() + " pixels in " + what
                    + "; at least " + MIN_SIZE + "×" + MIN_SIZE + " pixels are needed");
        }
    }

    /** File format from the leading bytes: "tiff", "png", "jpeg", "gif", "bmp", or null. */
    static String format(byte[] h, int n) {
        if (n >= 4 && TiffTags.isTiff(h)) {
            return "tiff";
        }
        if (n >= 8 && (h[0] & 0xFF) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return "png";
        }
        if (n >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (n >= 6 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8') {
            return "gif";
        }
        if (n >= 14 && h[0] == 'B' && h[1] == 'M') {
            return "bmp";
        }
        return null;
    }

    private static ImagePlus decode(Path abs, String format, long size, List<String> warnings) {
        String corrupt = "cannot decode " + abs + ": the " + format.toUpperCase(Locale.ROOT)
                + " file is corrupt, truncated or in a variant ImageJ does not support";
        ImagePlus imp;
        try {
            if (format.equals("tiff")) {
                // before ImageJ's decoder sees the file: loops in the IFD chain, absurd counts, size vs heap, truncation
                FileInfo[] info = InputFiles.tiffInfo(abs, 1);
                int pages = info.length > 1 ? info.length : Math.max(1, info[0].nImages);
                // only the first page is analysed: decode only it (a stack would need all pages in memory)
                FileInfo first = (FileInfo) info[0].clone();
                first.nImages = 1;
                imp = new FileOpener(first).openImage();
                if (imp != null && pages > 1 && imp.getStackSize() == 1) {
                    warnings.add("file " + abs.getFileName() + " has " + pages + " slices: read only the first slice as the SEM image"
                            + " (volumes are analysed by the 3D command)");
                }
            } else {
                imp = Opener.openUsingImageIO(abs.toString());
            }
        } catch (PoroPhaseException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new PoroPhaseException(corrupt + " (its header declares an image too large for the available memory;"
                    + " if the image is genuine, raise the Java heap with -Xmx)", e);
        } catch (Throwable e) {
            throw new PoroPhaseException(corrupt + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; re-save it as TIFF)", e);
        }
        if (imp == null || imp.getProcessor() == null || imp.getWidth() <= 0 || imp.getHeight() <= 0) {
            throw new PoroPhaseException(corrupt + " (no pixels could be decoded; re-save it as TIFF)");
        }
        return imp;
    }

    /** Gray conversion: RGB / colour LUT → 8-bit luminance; inverting LUT applied to the values. */
    static ImageProcessor toGray(ImageProcessor ip, String title, List<String> warnings) {
        if (ip instanceof ColorProcessor) {
            int[] rgb = (int[]) ip.getPixels();
            boolean gray = true;
            byte[] out = new byte[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                int c = rgb[i];
                int r = (c >> 16) & 0xFF;
                int g = (c >> 8) & 0xFF;
                int b = c & 0xFF;
                if (r != g || g != b) {
                    gray = false;
                }
                out[i] = (byte) Math.min(255, (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b));
            }
            warnings.add("image " + title + " is RGB" + (gray ? " (gray content)" : " (colour content)")
                    + ": converted to 8-bit luminance (0.299 R + 0.587 G + 0.114 B)");
            return new ByteProcessor(ip.getWidth(), ip.getHeight(), out);
        }
        if (ip instanceof ByteProcessor && ip.isColorLut()) {
            ImageProcessor rgb = ip.convertToRGB();
            List<String> ignore = new ArrayList<>();
            ImageProcessor g = toGray(rgb, title, ignore);
            warnings.add("image " + title + " is 8-bit with a colour lookup table: converted to 8-bit luminance");
            return g;
        }
        if (ip.isInvertedLut()) {
            ImageProcessor d = ip.duplicate();
            d.resetMinAndMax();
            if (d instanceof ByteProcessor) {
                byte[] p = (byte[]) d.getPixels();
                for (int i = 0; i < p.length; i++) {
                    p[i] = (byte) (255 - (p[i] & 0xFF));
                }
            } else {
                d.invert();
            }
            d.setColorModel(null);
            warnings.add("image " + title + " uses an inverting lookup table: pixel values inverted so that bright means bright");
            return d;
        }
        return ip;
    }

    private static Optional<VendorMetadata.Found> imagejCalibration(ij.measure.Calibration cal, FileInfo fi, List<String> warnings) {
        if (cal == null || !cal.scaled()) {
            return Optional.empty();
        }
        String unit = cal.getUnit();
        boolean imagej = fi != null && fi.description != null && fi.description.startsWith("ImageJ");
        double pw = cal.pixelWidth;
        double ph = cal.pixelHeight;
        if (unit != null && (unit.equalsIgnoreCase("inch") || unit.equalsIgnoreCase("in") || unit.equalsIgnoreCase("inches"))) {
            if (!imagej) {
                warnings.add(String.format(Locale.ROOT, "ignored the TIFF resolution of %s dpi: a resolution in inches written by"
                        + " an ordinary image program is a print setting, not a pixel size", fmt(1.0 / pw)));
                return Optional.empty();
            }
            return Optional.of(new VendorMetadata.Found(CalibrationSource.IMAGEJ, VendorMetadata.clean(pw * 25400.0), VendorMetadata.clean(ph * 25400.0),
                    String.format(Locale.ROOT, "ImageJ calibration %.6g inch/pixel", pw), Map.of(), OptionalInt.empty()));
        }
        double f = Calibration.toMicrons(unit);
        if (unit == null || unit.isBlank()) {
            warnings.add("ignored a TIFF resolution without a length unit (ResolutionUnit = none): not a pixel size");
            return Optional.empty();
        }
        if (!Double.isFinite(f)) {
            warnings.add("ignored the ImageJ calibration with unit '" + unit + "': not a length unit PoroPhase knows"
                    + " (nm, µm, mm, cm, m)");
            return Optional.empty();
        }
        boolean tiffResolution = !imagej && fi != null && fi.fileFormat == FileInfo.TIFF;
        if (tiffResolution && unit.equalsIgnoreCase("cm") && pw * f >= 1.0) {
            // 28.35 px/cm = 72 dpi: programs write their print resolution in cm too; a real SEM pixel of ≥ 1 µm
            // stored as a bare TIFF resolution is far rarer than a print setting
            warnings.add(String.format(Locale.ROOT, "ignored the TIFF resolution of %s pixels/cm (%s dpi, a %s µm pixel): a resolution"
                    + " written by an ordinary image program is a print setting, not a pixel size; if it is the real pixel, pass"
                    + " --pixel-size %s", fmt(1.0 / pw), fmt(2.54 / pw), fmt(pw * f), fmt(pw * f)));
            return Optional.empty();
        }
        String what = imagej ? "ImageJ TIFF calibration" : (tiffResolution
                ? "TIFF resolution (ResolutionUnit " + unit + ")" : "ImageJ calibration");
        return Optional.of(new VendorMetadata.Found(CalibrationSource.IMAGEJ, VendorMetadata.clean(pw * f), VendorMetadata.clean(ph * f),
                String.format(Locale.ROOT, "%s %.6g × %.6g %s/pixel", what, pw, ph, unit), Map.of(), OptionalInt.empty()));
    }

    /** Olympus SIS tag: offset of the binary "SIS0" block (tifffile: OlympusSIS 33560; 33471 is its INI variant). */
    static final int OLYMPUS_SIS = 33560;
    /** TIFF Make tag (e.g. "JEOL Ltd.", "Olympus Soft Imaging Solutions"). */
    static final int MAKE = 271;

    /**
     * The one place that turns a TIFF's vendor tags into calibration candidates (used for single images and,
     * through {@link TiffStackReader}, for the x/y of multi-page stacks): FEI/Thermo 34682/34680, Zeiss 34118
     * (stored-resolution rule, {@link VendorMetadata#zeiss}), TESCAN 50431, Olympus SIS 33560 (first or
     * second page), Digital Micrograph 65009/65010, JEOL SightX (XML ImageDescription), and the warning for
     * an inch resolution written by an ordinary image program.
     */
    static void vendorTags(Path file, int width, List<VendorMetadata.Found> candidates, Map<String, String> metadata,
            OptionalInt[] databar, List<String> warnings) {
        List<TiffTags> pages;
        try {
            pages = TiffTags.readPages(file, 2);
        } catch (PoroPhaseException e) {
            warnings.add("could not read vendor TIFF tags: " + e.getMessage());
            return;
        }
        TiffTags tags = pages.get(0);
        tags.string(MAKE).ifPresent(m -> metadata.put("tiff.make", m));
        Optional<TiffTags.Tag> resUnit = tags.get(TiffTags.RESOLUTION_UNIT);
        Optional<TiffTags.Tag> xres = tags.get(TiffTags.X_RESOLUTION);
        Optional<String> description = tags.string(TiffTags.IMAGE_DESCRIPTION);
        boolean imagejDescription = description.map(d -> d.startsWith("ImageJ")).orElse(false);
        long unitCode = resUnit.isPresent() && resUnit.get().asLongs().length == 1 ? resUnit.get().asLongs()[0] : 2;
        double xresValue = xres.isPresent() && xres.get().asLongs().length == 2 && xres.get().asLongs()[1] != 0
                ? xres.get().asLongs()[0] / (double) xres.get().asLongs()[1] : Double.NaN;
        Optional<VendorMetadata.Found> sightx = VendorMetadata.jeolSightX(description.orElse(null), xresValue,
                unitCode == 3 ? 1e4 : 25400.0);
        sightx.ifPresent(candidates::add);
        if (sightx.isPresent()) {
            // the resolution is the camera's: used (over the magnification), so it is not an ignored print setting
            warnings.removeIf(w -> w.startsWith("ignored the TIFF resolution of"));
        } else if (description.map(d -> d.contains("<TemReporter")).orElse(false)) {
            warnings.add("JEOL SightX metadata found but not a TEM image in MAG mode (diffraction or STEM): no pixel size in µm");
        }
        if (!imagejDescription && sightx.isEmpty() && resUnit.isPresent() && unitCode == 2 && Double.isFinite(xresValue)
                && warnings.stream().noneMatch(w -> w.contains(" dpi"))) {
            warnings.add(String.format(Locale.ROOT, "ignored the TIFF resolution of %s dpi: a resolution in inches written by"
                    + " an ordinary image program is a print setting, not a pixel size", fmt(xresValue)));
        }
        for (int id : new int[] {TiffTags.FEI_HELIOS, TiffTags.FEI_SFEG}) {
            Optional<String> s = tags.string(id);
            if (s.isPresent()) {
                Optional<VendorMetadata.Found> f = VendorMetadata.fei(s.get(), id);
                if (f.isPresent()) {
                    candidates.add(f.get());
                    databar[0] = VendorMetadata.feiDatabarHeight(s.get());
                    break;
                }
                warnings.add("FEI metadata (tag " + id + ") found but it has no [Scan] or [EScan] PixelWidth");
            }
        }
        tags.string(TiffTags.ZEISS_SEM).ifPresent(s -> {
            Optional<VendorMetadata.Found> f = VendorMetadata.zeiss(s, width);
            if (f.isPresent()) {
                candidates.add(f.get());
            } else {
                warnings.add("Zeiss metadata (tag 34118) found but it has no AP_IMAGE_PIXEL_SIZE, AP_WIDTH or AP_PIXEL_SIZE");
            }
        });
        tags.string(TiffTags.TESCAN).ifPresent(s -> {
            Optional<VendorMetadata.Found> f = VendorMetadata.tescan(s, "tag 50431");
            if (f.isPresent()) {
                candidates.add(f.get());
            } else {
                warnings.add("TESCAN metadata (tag 50431) found but it has no PixelSizeX");
            }
        });
        VendorMetadata.digitalMicrograph(tags).ifPresent(candidates::add);
        for (TiffTags page : pages) {
            Optional<TiffTags.Tag> sis = page.get(OLYMPUS_SIS);
            if (sis.isPresent() && sis.get().asLongs().length == 1) {
                long off = sis.get().asLongs()[0];
                Optional<VendorMetadata.Found> f = VendorMetadata.olympusSis(TiffTags.bytesAt(file, off, 4096), off,
                        o -> TiffTags.bytesAt(file, o, 112));
                if (f.isPresent()) {
                    candidates.add(f.get());
                } else {
                    warnings.add("Olympus SIS metadata (tag 33560) found but it has no calibration block");
                }
                break;
            }
        }
    }

    private static void sidecars(Path file, int width, List<VendorMetadata.Found> candidates, Map<String, String> metadata,
            List<String> warnings) {
        Path dir = file.getParent();
        if (dir == null) {
            return;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        for (String txt : new String[] {base + ".txt", base + ".TXT"}) {
            Path p = dir.resolve(txt);
            Optional<String> s = sidecarText(p, warnings);
            if (s.isEmpty()) {
                continue;
            }
            String t = s.get();
            if (VendorMetadata.looksJeol(t)) {
                Optional<VendorMetadata.Found> f = VendorMetadata.jeol(t, width);
                if (f.isPresent()) {
                    candidates.add(withDetail(f.get(), p));
                } else {
                    warnings.add("JEOL sidecar " + p.getFileName() + " has no $$SM_MICRON_BAR / $$SM_MICRON_MARKER");
                }
            } else if (VendorMetadata.looksHitachi(t)) {
                Optional<VendorMetadata.Found> f = VendorMetadata.hitachi(t, width);
                if (f.isPresent()) {
                    candidates.add(withDetail(f.get(), p));
                } else {
                    warnings.add("Hitachi sidecar " + p.getFileName() + " has no PixelSize");
                }
            }
            break;
        }
        for (String hdr : new String[] {base + ".hdr", base + "-" + ext + ".hdr", name + ".hdr"}) {
            Path p = dir.resolve(hdr);
            Optional<String> s = sidecarText(p, warnings);
            if (s.isPresent()) {
                VendorMetadata.tescan(s.get(), "sidecar " + p.getFileName()).ifPresent(candidates::add);
                break;
            }
        }
    }

    private static VendorMetadata.Found withDetail(VendorMetadata.Found f, Path p) {
        return new VendorMetadata.Found(f.source(), f.pixelWidthUm(), f.pixelHeightUm(),
                f.detail().replace("(sidecar .txt)", "(sidecar " + p.getFileName() + ")"), f.metadata(), f.imageHeight());
    }

    private static Optional<String> sidecarText(Path p, List<String> warnings) {
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            if (Files.size(p) > MAX_SIDECAR_BYTES) {
                warnings.add("ignored sidecar " + p.getFileName() + ": larger than 1 MiB");
                return Optional.empty();
            }
            byte[] b = Files.readAllBytes(p);
            String s;
            if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
                s = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
            } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
                s = new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
            } else {
                s = new String(b, StandardCharsets.ISO_8859_1).replace("\0", "");
            }
            return Optional.of(s);
        } catch (IOException e) {
            warnings.add("could not read sidecar " + p.getFileName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static SemImage assemble(ImageProcessor ip, Path path, String title, int bitDepth, List<VendorMetadata.Found> candidates,
            Map<String, String> metadata, OptionalInt databar, Double override, List<String> warnings) {
        List<VendorMetadata.Found> valid = new ArrayList<>();
        OptionalInt scanHeight = OptionalInt.empty();
        for (VendorMetadata.Found f : candidates) {
            metadata.putAll(f.metadata());
            if (!Calibration.plausible(f.pixelWidthUm()) || !Calibration.plausible(f.pixelHeightUm())) {
                warnings.add(String.format(Locale.ROOT, "ignored the %s pixel size %s (%s): not a plausible pixel size"
                        + " (must be between 1 pm and 1 mm)", f.source().key(), fmt(f.pixelWidthUm()) + " µm", f.detail()));
                continue;
            }
            valid.add(f);
            if (scanHeight.isEmpty() && f.imageHeight().isPresent()) {
                scanHeight = f.imageHeight();
            }
        }
        if (scanHeight.isEmpty() && databar.isPresent() && databar.getAsInt() < ip.getHeight()) {
            scanHeight = OptionalInt.of(ip.getHeight() - databar.getAsInt());
        }
        Calibration cal;
        if (override != null) {
            String detail = "user override --pixel-size " + fmt(override) + " µm";
            if (!valid.isEmpty()) {
                VendorMetadata.Found file = valid.get(0);
                double rel = Math.abs(file.pixelWidthUm() - override) / override;
                if (rel > DISAGREE) {
                    String msg = String.format(Locale.ROOT, "the pixel size given (%s µm) differs by %.1f %% from the file's"
                            + " %s calibration (%s µm, %s); using the given value", fmt(override), 100 * rel, file.source().key(),
                            fmt(file.pixelWidthUm()), file.detail());
                    warnings.add(msg);
                    detail += "; file says " + fmt(file.pixelWidthUm()) + " µm (" + file.source().key() + ")";
                } else {
                    detail += "; agrees with the file (" + file.source().key() + ")";
                }
            }
            cal = Calibration.of2D(override, override, CalibrationSource.USER, detail);
        } else if (!valid.isEmpty()) {
            valid.sort((a, b) -> Integer.compare(rank(a.source()), rank(b.source())));
            VendorMetadata.Found best = valid.get(0);
            for (int i = 1; i < valid.size(); i++) {
                VendorMetadata.Found o = valid.get(i);
                double rel = Math.abs(o.pixelWidthUm() - best.pixelWidthUm()) / best.pixelWidthUm();
                if (rel > DISAGREE) {
                    warnings.add(String.format(Locale.ROOT, "calibrations disagree: using %s %s µm (%s); %s says %s µm (%s)",
                            best.source().key(), fmt(best.pixelWidthUm()), best.detail(), o.source().key(), fmt(o.pixelWidthUm()), o.detail()));
                }
            }
            cal = Calibration.of2D(best.pixelWidthUm(), best.pixelHeightUm(), best.source(), best.detail());
            if (best.source() != CalibrationSource.IMAGEJ) {
                // a vendor pixel size was found: the TIFF resolution it replaces (none, or a print dpi) is no news
                warnings.removeIf(w -> w.startsWith("ignored a TIFF resolution without a length unit")
                        || w.startsWith("ignored the TIFF resolution of") && w.contains("print setting"));
            }
            String unusual = Calibration.semWarning(best.pixelWidthUm(), best.source().key() + " " + best.detail());
            if (unusual != null) {
                warnings.add(unusual);
            }
        } else {
            cal = Calibration.uncalibrated();
            warnings.add(UNCALIBRATED_WARNING);
        }
        return new SemImage(ip, cal, warnings, path, title, bitDepth, metadata, scanHeight);
    }

    static int rank(CalibrationSource s) {
        switch (s) {
            case IMAGEJ: return 0;
            case FEI: return 1;
            case ZEISS: return 2;
            case TESCAN: return 3;
            case HITACHI: return 4;
            case JEOL: return 5;
            case OLYMPUS_SIS: return 6;
            case DIGITAL_MICROGRAPH: return 7;
            case BIOFORMATS: return 8;
            default: return 9;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }
}
