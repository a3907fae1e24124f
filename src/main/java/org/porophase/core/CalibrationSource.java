package org.porophase.core;

import java.util.Locale;

/**
 * Where a pixel size came from. Written to result JSON as {@code calibration_source} via {@link #key()}.
 */
public enum CalibrationSource {
    /** ImageJ TIFF calibration (ImageDescription "ImageJ=…" with a length unit), or a TIFF resolution in cm. */
    IMAGEJ,
    /** FEI / Thermo Fisher xT TIFF tag 34682 (INI text, {@code [Scan] PixelWidth} in metres). */
    FEI,
    /** Zeiss SmartSEM TIFF tag 34118 ({@code AP_PIXEL_SIZE}, "Image Pixel Size = 2.233 nm"). */
    ZEISS,
    /** Hitachi sidecar {@code <basename>.txt} ({@code [SemImageFile] PixelSize=} in nm). */
    HITACHI,
    /**
     * JEOL: sidecar {@code <basename>.txt} ({@code $$SM_MICRON_MARKER} / {@code $$SM_MICRON_BAR}), or a SightX
     * TIFF (ImageDescription XML "TemReporter": TIFF resolution / magnification).
     */
    JEOL,
    /** TESCAN TIFF tag 50431 or sidecar {@code <basename>.hdr} ({@code PixelSizeX/Y} in metres). */
    TESCAN,
    /** Olympus Soft Imaging Solutions TIFF tag 33560 (binary "SIS0" block: calibration × 10^exponent m). */
    OLYMPUS_SIS,
    /** TIFF saved by Gatan Digital Micrograph: private tags 65009/65010 (scale) with units in 65003/65004. */
    DIGITAL_MICROGRAPH,
    /** Bio-Formats' physical pixel size (OME metadata) of a format PoroPhase does not read itself (inside Fiji). */
    BIOFORMATS,
    /** Given by the user (--pixel-size, or --slice-spacing for z); always wins. */
    USER,
    /** No calibration found: results are in pixels. */
    NONE;

    /** Lower-case name used in JSON, e.g. "fei". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
