package org.porophase.core;

import java.util.Locale;

/**
 * The one calibration concept of PoroPhase: the physical spacing of the sampling grid in µm
 * (x = pixel width, y = pixel height, z = slice spacing; z is NaN for a 2D image), where it came
 * from ({@link CalibrationSource}) and a human-readable provenance ({@code detail}, e.g.
 * "[Scan] PixelWidth=1.0E-8 m (tag 34682)"). It is also the one place that knows
 * <ul>
 * <li>length units ({@link #toMicrons}: m, cm, mm, µm, nm, pm, Å, inch and their spelled-out
 * names, as found in image metadata and headers),</li>
 * <li>validation: plausible pixel sizes ({@link #plausible}, 1 pm … 1 mm, for calibrations read
 * from metadata) and valid voxel spacings ({@link #checkSpacing}, positive and finite, used by
 * {@link VoxelSize}).</li>
 * </ul>
 * The conversion from and to ImageJ's {@code ij.measure.Calibration} is the adapter
 * {@code io.ImageJCalibration} (core is plain Java).
 * {@link VoxelSize} is the thin spacing-only view ({@link #voxelSize()}) that the 3D measurements take.
 *
 * @param x      spacing along x (pixel width) in µm; 1 when uncalibrated
 * @param y      spacing along y (pixel height) in µm; 1 when uncalibrated
 * @param z      spacing along z (slice spacing) in µm; NaN for a 2D image
 * @param source where the value came from
 * @param detail human-readable provenance
 */
public record Calibration(double x, double y, double z, CalibrationSource source, String detail) {

    /** Smallest pixel size accepted from any source: 1 pm = 1e-6 µm. */
    public static final double MIN_PLAUSIBLE_UM = 1e-6;
    /** Largest pixel size accepted from any source: 1 mm = 1000 µm. */
    public static final double MAX_PLAUSIBLE_UM = 1000.0;

    /** A 2D calibration (z unused, NaN). */
    public static Calibration of2D(double pixelWidthUm, double pixelHeightUm, CalibrationSource source, String detail) {
        return new Calibration(pixelWidthUm, pixelHeightUm, Double.NaN, source, detail);
    }

    /** A 3D calibration with the spacing of {@code vs}. */
    public static Calibration of3D(VoxelSize vs, CalibrationSource source, String detail) {
        return new Calibration(vs.x(), vs.y(), vs.z(), source, detail);
    }

    /** One pixel = one "pixel" unit (2D), source {@link CalibrationSource#NONE}. */
    public static Calibration uncalibrated() {
        return of2D(1.0, 1.0, CalibrationSource.NONE, "no calibration found");
    }

    /** Pixel width (x) in µm. */
    public double pixelWidthUm() {
        return x;
    }

    /** Pixel height (y) in µm. */
    public double pixelHeightUm() {
        return y;
    }

    /** True unless the source is {@link CalibrationSource#NONE}. */
    public boolean isCalibrated() {
        return source != CalibrationSource.NONE;
    }

    /** "µm" when calibrated, else "pixel". */
    public String unit() {
        return isCalibrated() ? "µm" : "pixel";
    }

    /** The spacing as a {@link VoxelSize} (3D calibrations only: z must be set). */
    public VoxelSize voxelSize() {
        return new VoxelSize(x, y, z);
    }

    /** True when {@code um} is finite and within [{@link #MIN_PLAUSIBLE_UM}, {@link #MAX_PLAUSIBLE_UM}]. */
    public static boolean plausible(double um) {
        return Double.isFinite(um) && um >= MIN_PLAUSIBLE_UM && um <= MAX_PLAUSIBLE_UM;
    }

    /** Typical SEM pixel sizes: 0.1 nm … 50 µm (a pixel outside is warned about, with the fix). */
    public static final double SEM_MIN_UM = 1e-4;
    public static final double SEM_MAX_UM = 50;
    /** Typical voxel spacings of XCT (≈ 50 nm … 1 mm) and FIB-SEM serial sectioning (≥ 1 nm): 1 nm … 100 µm without a warning. */
    public static final double VOLUME_MIN_UM = 1e-3;
    public static final double VOLUME_MAX_UM = 100;

    /**
     * A warning for an SEM pixel outside {@link #SEM_MIN_UM} … {@link #SEM_MAX_UM} (accepted, since it passed
     * {@link #plausible}, but unusual enough to be a unit mistake), or null.
     */
    public static String semWarning(double um, String source) {
        if (!Double.isFinite(um) || um >= SEM_MIN_UM && um <= SEM_MAX_UM) {
            return null;
        }
        return String.format(Locale.ROOT, "pixel size %s µm (%s) is outside the usual SEM range 0.1 nm … 50 µm: check the unit,"
                + " or pass the right one with --pixel-size UM", fmt(um), source);
    }

    /**
     * A warning for a voxel spacing outside {@link #VOLUME_MIN_UM} … {@link #VOLUME_MAX_UM} (e.g. a MetaImage/NRRD
     * spacing read in mm, the ITK convention, from a scanner that wrote µm: 0.85 becomes 850 µm), or null.
     */
    public static String volumeWarning(VoxelSize vs, String source) {
        double lo = Math.min(vs.x(), Math.min(vs.y(), vs.z()));
        double hi = Math.max(vs.x(), Math.max(vs.y(), vs.z()));
        if (lo >= VOLUME_MIN_UM && hi <= VOLUME_MAX_UM) {
            return null;
        }
        return String.format(Locale.ROOT, "voxel size %s,%s,%s µm (%s) is outside the usual XCT / FIB-SEM range 1 nm … 100 µm%s:"
                + " check the unit of the header, or pass the right size with --voxel-size X,Y,Z (µm)", fmt(vs.x()), fmt(vs.y()), fmt(vs.z()),
                source, hi > VOLUME_MAX_UM && source != null && source.contains("mm") ? " (a spacing in µm read as mm gives 1000× too large voxels)" : "");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }

    /**
     * The pixel-unit name of a result key or column: {@code _um2} → {@code _px2}, {@code _um3} → {@code _px3},
     * {@code _per_um} → {@code _per_px}, {@code _um} → {@code _px} (at the end of the name); other names unchanged.
     */
    public static String pixelUnitKey(String key) {
        if (key == null) {
            return null;
        }
        return key.replaceAll("_per_um$", "_per_px").replaceAll("_um([23]?)$", "_px$1");
    }

    /** Throws unless x, y and z are positive finite numbers (a voxel spacing in µm). */
    public static void checkSpacing(double x, double y, double z) {
        if (!(x > 0) || !(y > 0) || !(z > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new PoroPhaseException("voxel size must be three positive finite numbers in µm, got " + x + "," + y + "," + z
                    + " (pass --voxel-size X,Y,Z)");
        }
    }

    /**
     * µm per one {@code unit} (case-insensitive, blanks and quotes ignored, μ/µ alike): m, cm, mm,
     * µm/um/micron, nm, pm, Å/angstrom, inch and their spelled-out names; NaN when the unit is
     * unknown or means "pixel". Note that an inch "calibration" of an ordinary TIFF is a print
     * resolution: the SEM reader rejects it before converting.
     */
    public static double toMicrons(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        String u = unit.strip().toLowerCase(Locale.ROOT).replace("\"", "").replace('μ', 'µ');
        switch (u) {
            case "m": case "meter": case "meters": case "metre": case "metres":
                return 1e6;
            case "cm": case "centimeter": case "centimeters": case "centimetre": case "centimetres":
                return 1e4;
            case "mm": case "millimeter": case "millimeters": case "millimetre": case "millimetres":
                return 1e3;
            case "µm": case "um": case "micron": case "microns": case "micrometer": case "micrometre":
            case "micrometers": case "micrometres": case "µ": case "\\u00b5m":
                return 1;
            case "nm": case "nanometer": case "nanometers": case "nanometre": case "nanometres":
                return 1e-3;
            case "pm":
                return 1e-6;
            case "å": case "a": case "angstrom": case "\u212b":
                return 1e-4;
            case "inch": case "inches": case "in":
                return 25400;
            default:
                return Double.NaN;
        }
    }
}
