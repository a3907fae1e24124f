package org.porophase.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.porophase.core.Calibration;
import org.porophase.core.CalibrationSource;
import org.porophase.core.PoroPhaseException;

/**
 * The pixel-honesty policy of the SEM analysis ({@code units} in plugin.yml, {@code --units um|px}):
 * <ul>
 * <li>{@code um} (default): results in µm need a calibration. An image without one (no vendor, ImageJ or
 * Bio-Formats pixel size and no {@code --pixel-size}) is refused with the file and the fix, instead of reporting
 * pixel counts under µm names;</li>
 * <li>{@code px}: results in pixels: the image is measured with a pixel of 1 × 1 (a file's calibration, if it has
 * one, is named in a warning and not used), and every length key and column says so ({@link Calibration#pixelUnitKey}:
 * {@code _um} → {@code _px}, {@code _um2} → {@code _px2}, {@code _per_um} → {@code _per_px}).</li>
 * </ul>
 */
public final class PixelUnits {
    private PixelUnits() {
    }

    public static final String UM = "um";
    public static final String PX = "px";

    /** "um" (also "µm", "micron") or "px" (also "pixel"), else an error naming the allowed values. */
    public static String parse(String units) {
        String u = units == null ? UM : units.strip().toLowerCase(Locale.ROOT);
        switch (u) {
            case "": case "um": case "µm": case "micron": case "microns":
                return UM;
            case "px": case "pixel": case "pixels":
                return PX;
            default:
                throw new PoroPhaseException("--units must be um or px, got '" + units + "'");
        }
    }

    /**
     * Applies the policy to an image about to be analysed.
     *
     * @throws PoroPhaseException for an uncalibrated image with units um: "FILE has no pixel size …: pass --pixel-size
     *                            UM (…), or --units px for results in pixels"
     */
    public static SemImage apply(SemImage img, String units) {
        String u = parse(units);
        Calibration cal = img.calibration();
        String name = img.path() != null ? img.path().toString() : img.title();
        if (u.equals(UM)) {
            if (!cal.isCalibrated()) {
                String why = img.warnings().stream().filter(w -> w.startsWith("ignored")).findFirst().map(w -> " (" + w + ")").orElse("");
                throw new PoroPhaseException(name + " has no pixel size: no vendor, ImageJ or Bio-Formats calibration in the file" + why
                        + "; results in µm would be pixel counts. Pass --pixel-size UM (e.g. the scale bar's length over its pixels),"
                        + " or --units px for results in pixels (Fiji: the 'pixel_size_um' or 'units' field)");
            }
            return img;
        }
        List<String> warnings = new ArrayList<>(img.warnings());
        warnings.remove(SemReader.UNCALIBRATED_WARNING);
        String detail = "pixel units requested (--units px)";
        if (cal.isCalibrated()) {
            detail += "; the file's calibration " + SemReader.fmt(cal.pixelWidthUm()) + " µm (" + cal.source().key() + ") not used";
            warnings.add("results in pixels (--units px) although the file is calibrated (" + SemReader.fmt(cal.pixelWidthUm()) + " µm, "
                    + cal.source().key() + "); omit --units px for results in µm");
        } else {
            warnings.add("results in pixels (--units px): lengths in px, areas in px², S_c in px⁻¹; R_J (eq. 2) needs µm and is left out");
        }
        return new SemImage(img.processor(), Calibration.of2D(1.0, 1.0, CalibrationSource.NONE, detail), warnings, img.path(), img.title(),
                img.bitDepth(), img.metadata(), img.metadataImageHeight());
    }
}
