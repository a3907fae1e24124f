package org.porophase.core;

import java.util.Locale;

/** Length units found in image metadata, converted to µm. */
public final class Units {
    private Units() {
    }

    /** µm per one {@code unit}; NaN when the unit is unknown or means "pixel". */
    public static double toMicrons(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        String u = unit.trim().toLowerCase(Locale.ROOT).replace("\"", "");
        switch (u) {
            case "µm": case "μm": case "um": case "micron": case "microns": case "micrometer": case "micrometre":
            case "micrometers": case "micrometres": case "\\u00b5m":
                return 1;
            case "nm": case "nanometer": case "nanometre": case "nanometers":
                return 1e-3;
            case "mm": case "millimeter": case "millimetre": case "millimeters":
                return 1e3;
            case "cm": case "centimeter": case "centimetre":
                return 1e4;
            case "m": case "meter": case "metre":
                return 1e6;
            case "inch": case "inches": case "in":
                return 25400;
            default:
                return Double.NaN;
        }
    }
}
