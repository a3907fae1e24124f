package org.porophase.core;

/**
 * The physical size of one pixel, in µm, and where it came from.
 *
 * @param pixelWidthUm  pixel width (x) in µm; 1 when uncalibrated
 * @param pixelHeightUm pixel height (y) in µm; 1 when uncalibrated
 * @param source        where the value came from
 * @param detail        human-readable provenance, e.g. "[Scan] PixelWidth=1.0E-8 m (tag 34682)"
 */
public record PixelCalibration(double pixelWidthUm, double pixelHeightUm, CalibrationSource source, String detail) {

    /** Smallest pixel size accepted from any source: 1 pm = 1e-6 µm. */
    public static final double MIN_PLAUSIBLE_UM = 1e-6;
    /** Largest pixel size accepted from any source: 1 mm = 1000 µm. */
    public static final double MAX_PLAUSIBLE_UM = 1000.0;

    /** One pixel = one "pixel" unit, source {@link CalibrationSource#NONE}. */
    public static PixelCalibration uncalibrated() {
        return new PixelCalibration(1.0, 1.0, CalibrationSource.NONE, "no calibration found");
    }

    /** True unless the source is {@link CalibrationSource#NONE}. */
    public boolean isCalibrated() {
        return source != CalibrationSource.NONE;
    }

    /** "µm" when calibrated, else "pixel". */
    public String unit() {
        return isCalibrated() ? "µm" : "pixel";
    }

    /** True when {@code um} is finite and within [{@link #MIN_PLAUSIBLE_UM}, {@link #MAX_PLAUSIBLE_UM}]. */
    public static boolean plausible(double um) {
        return Double.isFinite(um) && um >= MIN_PLAUSIBLE_UM && um <= MAX_PLAUSIBLE_UM;
    }
}
