package org.porophase.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.Calibration;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.SemImage;
import org.porophase.io.SemReader;
import org.porophase.io.VolumeReaders;
import org.porophase.segment.InfoBarDetector;

/**
 * What PoroPhase reads from an input, without segmenting it (the {@code info} command and the Fiji
 * "Image Info" command): dimensions, bit depth, vendor, calibration with the field it came from, the data-bar
 * rows ({@link InfoBarDetector}, as the analysis would exclude them) and the warnings the analysis would give.
 * <p>
 * A single image is read by {@link SemReader} (the same code path as {@code analyze}); a volume (multi-page
 * TIFF, slice folder, .mhd/.nrrd/.h5) is opened by {@link VolumeReaders} (headers and tags only, no slice is
 * decoded). Keys (JSON): {@code file, kind (image|volume), format, width_px, height_px, slices, bit_depth, vendor,
 * pixel_size_um, pixel_height_um, slice_spacing_um, length_unit, calibration_source, calibration_detail,
 * data_bar_rows, rows_analyzed, info_bar_method, metadata_image_height, warnings}; a value the input does not
 * have is null.
 */
public final class InputInfo {
    private InputInfo() {
    }

    /** Vendor names by the prefix of {@link SemImage#metadata()} keys ({@code io.VendorMetadata}). */
    private static final Map<String, String> VENDORS = new LinkedHashMap<>();

    static {
        VENDORS.put("fei.", "FEI / Thermo Fisher");
        VENDORS.put("zeiss.", "Zeiss SmartSEM");
        VENDORS.put("tescan.", "TESCAN");
        VENDORS.put("hitachi.", "Hitachi");
        VENDORS.put("jeol.", "JEOL");
        VENDORS.put("jeol_sightx.", "JEOL SightX");
        VENDORS.put("olympus_sis.", "Olympus SIS");
        VENDORS.put("dm.", "Gatan Digital Micrograph");
    }

    /**
     * Describes one input: an image file, or a volume (a multi-page file, a MetaImage/NRRD/HDF5 file, or, with
     * {@code folderAsVolume}, a folder of slices).
     *
     * @param sliceSpacingUm {@code --slice-spacing} for volumes (null = from the file)
     * @throws org.porophase.core.PoroPhaseException when the input cannot be read (message names it and the fix)
     */
    public static Map<String, Object> of(Path input, Double sliceSpacingUm) {
        if (Files.isDirectory(input) || VolumeReaders.isVolume(input)) {
            return volume(input, sliceSpacingUm);
        }
        return image(input);
    }

    /** Describes one image file as {@code analyze} reads it. */
    public static Map<String, Object> image(Path file) {
        return image(SemReader.read(file, null), file.toString());
    }

    /** Describes an image already read (e.g. the current Fiji image, {@link SemReader#fromImagePlus}); {@code label} names it. */
    public static Map<String, Object> image(SemImage img, String label) {
        Calibration cal = img.calibration();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", label);
        m.put("kind", "image");
        m.put("format", img.metadata().get("file.format"));
        m.put("width_px", img.width());
        m.put("height_px", img.height());
        m.put("slices", 1);
        m.put("bit_depth", img.bitDepth());
        m.put("vendor", vendor(img));
        m.put("pixel_size_um", cal.isCalibrated() ? cal.pixelWidthUm() : null);
        m.put("pixel_height_um", cal.isCalibrated() ? cal.pixelHeightUm() : null);
        m.put("slice_spacing_um", null);
        m.put("length_unit", cal.isCalibrated() ? "um" : "pixel");
        m.put("calibration_source", cal.source().key());
        m.put("calibration_detail", cal.detail());
        InfoBarDetector.InfoBar bar = InfoBarDetector.detect(img.processor(), img.metadataImageHeight());
        m.put("data_bar_rows", img.height() - bar.rowsKept());
        m.put("rows_analyzed", bar.rowsKept());
        m.put("info_bar_method", bar.method());
        m.put("metadata_image_height", img.metadataImageHeight().isPresent() ? img.metadataImageHeight().getAsInt() : null);
        m.put("warnings", new ArrayList<>(img.warnings()));
        return m;
    }

    /** Describes a volume as {@code analyze-volume} opens it (no slice decoded). */
    public static Map<String, Object> volume(Path input, Double sliceSpacingUm) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        try (VolumeSource src = VolumeReaders.open(input, null, sliceSpacingUm)) {
            VoxelSize vs = src.voxelSize();
            m.put("file", input.toString());
            m.put("kind", "volume");
            m.put("format", src.description());
            m.put("width_px", src.width());
            m.put("height_px", src.height());
            m.put("slices", src.depth());
            m.put("bit_depth", src.bitDepth());
            m.put("vendor", vendorOf(src.voxelSizeSource()));
            m.put("pixel_size_um", vs == null ? null : vs.x());
            m.put("pixel_height_um", vs == null ? null : vs.y());
            m.put("slice_spacing_um", vs == null ? null : vs.z());
            m.put("length_unit", vs == null ? "pixel" : "um");
            m.put("calibration_source", vs == null ? "none" : sliceSpacingUm != null ? "user" : "file");
            m.put("calibration_detail", src.voxelSizeSource());
            m.put("data_bar_rows", null);
            m.put("rows_analyzed", null);
            m.put("info_bar_method", null);
            m.put("metadata_image_height", null);
            if (vs == null) {
                warnings.add("no voxel size: analyze-volume needs " + (src.voxelSizeSource() != null && src.voxelSizeSource().contains("--slice-spacing")
                        ? "--slice-spacing Z" : "--voxel-size X,Y,Z") + " (µm)");
            } else {
                String w = Calibration.volumeWarning(vs, src.voxelSizeSource());
                if (w != null) {
                    warnings.add(w);
                }
            }
        }
        m.put("warnings", warnings);
        return m;
    }

    private static String vendor(SemImage img) {
        for (Map.Entry<String, String> v : VENDORS.entrySet()) {
            if (img.metadata().keySet().stream().anyMatch(k -> k.startsWith(v.getKey()))) {
                return v.getValue();
            }
        }
        String make = img.metadata().get("tiff.make");
        if (make != null && !make.isBlank()) {
            return make.strip();
        }
        switch (img.calibration().source()) {
            case IMAGEJ: return "ImageJ";
            case BIOFORMATS: return "Bio-Formats";
            default: return null;
        }
    }

    private static String vendorOf(String voxelSizeSource) {
        if (voxelSizeSource == null) {
            return null;
        }
        String s = voxelSizeSource.toLowerCase(Locale.ROOT);
        String[][] keys = {{"zeiss", "Zeiss SmartSEM"}, {"fei", "FEI / Thermo Fisher"}, {"tescan", "TESCAN"}, {"olympus_sis", "Olympus SIS"},
            {"digital_micrograph", "Gatan Digital Micrograph"}, {"metaimage", "MetaImage"}, {"nrrd", "NRRD"}, {"hdf5", "HDF5"},
            {"image calibration", "ImageJ"}};
        for (String[] k : keys) {
            if (s.contains(k[0])) {
                return k[1];
            }
        }
        return null;
    }

    /** A short human-readable block (the {@code info} command without {@code --json}); the warnings are counted, each front end lists them (stderr, Log). */
    public static String text(Map<String, Object> m) {
        StringBuilder b = new StringBuilder();
        b.append(m.get("file")).append('\n');
        b.append(String.format(Locale.ROOT, "  %-12s %s, %s × %s%s px, %s-bit%n", "image:", m.get("kind"), m.get("width_px"), m.get("height_px"),
                Integer.valueOf(1).equals(m.get("slices")) ? "" : " × " + m.get("slices"), m.get("bit_depth")));
        b.append(String.format(Locale.ROOT, "  %-12s %s%n", "format:", m.get("format")));
        b.append(String.format(Locale.ROOT, "  %-12s %s%n", "vendor:", m.get("vendor") == null ? "none found" : m.get("vendor")));
        Object px = m.get("pixel_size_um");
        String size = px == null ? "none (uncalibrated)"
                : m.get("slice_spacing_um") != null ? fmt(px) + " × " + fmt(m.get("pixel_height_um")) + " × " + fmt(m.get("slice_spacing_um")) + " µm"
                : fmt(px) + (m.get("pixel_height_um") != null && !m.get("pixel_height_um").equals(px) ? " × " + fmt(m.get("pixel_height_um")) : "") + " µm";
        b.append(String.format(Locale.ROOT, "  %-12s %s%n", "pixel size:", size));
        b.append(String.format(Locale.ROOT, "  %-12s %s: %s%n", "source:", m.get("calibration_source"), m.get("calibration_detail")));
        if (m.get("rows_analyzed") != null) {
            b.append(String.format(Locale.ROOT, "  %-12s %s rows (analysed rows 0 … %d; %s)%n", "data bar:", m.get("data_bar_rows"),
                    ((Number) m.get("rows_analyzed")).intValue() - 1, m.get("info_bar_method")));
        }
        if (m.get("warnings") instanceof List<?> w && !w.isEmpty()) {
            b.append(String.format(Locale.ROOT, "  %-12s %d (listed as warnings)%n", "warnings:", w.size()));
        }
        return b.toString();
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.6g", n.doubleValue()).replaceAll("(\\.\\d*?)0+($|e)", "$1$2")
                .replaceAll("\\.($|e)", "$1") : String.valueOf(v);
    }
}
