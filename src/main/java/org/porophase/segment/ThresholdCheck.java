package org.porophase.segment;

import java.util.Locale;

import org.porophase.core.InvalidValueException;

/**
 * A manual threshold must split the data: with dark pores a pixel is pore when its gray value
 * v ≤ t, with bright pores when v &gt; t, so a threshold outside [min, max) of the analysed gray
 * values makes every pixel pore or none. Such a threshold is a wrong value for this image, not a
 * dense or a fully porous sample, and is refused with the data's range. (A threshold inside the
 * range that still finds no pore, e.g. after the removal of specks, is a valid dense result.)
 */
public final class ThresholdCheck {
    private ThresholdCheck() {
    }

    /**
     * Throws an {@link InvalidValueException} unless {@code min ≤ threshold < max}.
     *
     * @param what "the image", "the volume" (for the message; a volume's elements are voxels)
     * @param note how the values were obtained, e.g. " (after median denoising)", or ""
     */
    public static void requireSplits(double threshold, double min, double max, boolean poresBright, String what, String note) {
        if (!Double.isFinite(threshold)) {
            throw new InvalidValueException("threshold " + threshold + " is not a number: give a gray value, or leave --threshold out for the automatic --threshold-method");
        }
        if (threshold >= min && threshold < max) {
            return;
        }
        boolean above = threshold >= max;
        boolean allPore = above != poresBright;
        throw new InvalidValueException(String.format(Locale.ROOT,
                "threshold %s is %s %s's %s gray value %s%s: %s %s is pore (pores %s: gray %s threshold); "
                        + "choose a threshold from %s to below %s, or leave --threshold out for the automatic --threshold-method",
                fmt(threshold), above ? (threshold == max ? "equal to" : "above") : "below", what, above ? "maximum" : "minimum",
                fmt(above ? max : min), note, allPore ? "every" : "no", what.contains("volume") ? "voxel" : "pixel", poresBright ? "bright" : "dark", poresBright ? ">" : "≤",
                fmt(min), fmt(max)));
    }

    /** A value as a user reads it: whole numbers without decimals, others to 6 significant digits. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 ? b.toPlainString() : b.toString();
    }
}
