package org.porophase.io;

import org.porophase.core.Calibration;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import ij.process.ImageProcessor;

/**
 * A single SEM image as read by {@link SemReader}: gray pixels, pixel calibration with provenance,
 * the vendor metadata that was found, and the warnings raised while reading.
 */
public final class SemImage {
    private final ImageProcessor processor;
    private final Calibration calibration;
    private final List<String> warnings;
    private final Path path;
    private final String title;
    private final int bitDepth;
    private final Map<String, String> metadata;
    private final OptionalInt metadataImageHeight;

    public SemImage(ImageProcessor processor, Calibration calibration, List<String> warnings, Path path,
            String title, int bitDepth, Map<String, String> metadata, OptionalInt metadataImageHeight) {
        this.processor = processor;
        this.calibration = calibration;
        this.warnings = List.copyOf(warnings);
        this.path = path;
        this.title = title;
        this.bitDepth = bitDepth;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.metadataImageHeight = metadataImageHeight == null ? OptionalInt.empty() : metadataImageHeight;
    }

    /** Gray pixels (8-, 16- or 32-bit as in the file; RGB is converted to 8-bit luminance). */
    public ImageProcessor processor() {
        return processor;
    }

    public Calibration calibration() {
        return calibration;
    }

    /** Warnings for the user (conversions, ignored calibrations, disagreements). */
    public List<String> warnings() {
        return warnings;
    }

    /** The file read, or null for an image that has no file. */
    public Path path() {
        return path;
    }

    public String title() {
        return title;
    }

    /** Bit depth of the image in the file (8, 16, 24 for RGB, 32). */
    public int bitDepth() {
        return bitDepth;
    }

    /** Vendor key/values found (prefixed by vendor, e.g. "fei.[Scan] PixelWidth"), for provenance. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Height in rows of the scanned area according to the vendor metadata (e.g. FEI {@code [Image] ResolutionY}),
     * when the metadata says so; empty otherwise. Smaller than the image height when a data bar is appended.
     */
    public OptionalInt metadataImageHeight() {
        return metadataImageHeight;
    }

    public int width() {
        return processor.getWidth();
    }

    public int height() {
        return processor.getHeight();
    }
}
