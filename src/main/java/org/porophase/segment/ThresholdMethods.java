package org.porophase.segment;

import java.util.Arrays;

import ij.process.AutoThresholder;
import org.porophase.core.PoroPhaseException;

/**
 * The one resolver of threshold-method names: ImageJ's {@link AutoThresholder} methods (Default,
 * Huang, Intermodes, IsoData, IJ_IsoData, Li, MaxEntropy, Mean, MinError, Minimum, Moments, Otsu,
 * Percentile, RenyiEntropy, Shanbhag, Triangle, Yen; the methods of Image&gt;Adjust&gt;Threshold,
 * see ImageJ's AutoThresholder for the references of each) plus {@link #MANUAL} for a user-given
 * gray value. Names match case-insensitively, surrounding blanks ignored. Used by the SEM
 * segmentation ({@link SegmentationOptions}, {@link Segmenter2D}), the volume stack histogram
 * ({@link StackHistogram#autoThreshold}) and the option/dialog layers.
 */
public final class ThresholdMethods {
    /** The method name for a user-given threshold. */
    public static final String MANUAL = "Manual";

    private ThresholdMethods() {
    }

    /** All accepted method names: ImageJ's auto-threshold methods (as ImageJ spells them), then "Manual". */
    public static String[] names() {
        String[] m = AutoThresholder.getMethods();
        String[] all = Arrays.copyOf(m, m.length + 1);
        all[m.length] = MANUAL;
        return all;
    }

    /** The ImageJ method for a name (case-insensitive), or null for "Manual"; throws for an empty or unknown name. */
    public static AutoThresholder.Method resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new PoroPhaseException("threshold method is empty: use one of " + String.join(", ", names()));
        }
        String n = name.trim();
        if (n.equalsIgnoreCase(MANUAL)) {
            return null;
        }
        for (AutoThresholder.Method m : AutoThresholder.Method.values()) {
            if (m.name().equalsIgnoreCase(n)) {
                return m;
            }
        }
        throw new PoroPhaseException("unknown threshold method '" + name + "': use one of " + String.join(", ", names()));
    }

    /** The ImageJ auto-threshold method for a name; throws for "Manual", an empty or an unknown name. */
    public static AutoThresholder.Method resolveAuto(String name) {
        AutoThresholder.Method m = resolve(name);
        if (m == null) {
            throw new PoroPhaseException("threshold method '" + name + "' is not an automatic method: use one of "
                    + String.join(", ", AutoThresholder.getMethods()) + ", or give the threshold itself");
        }
        return m;
    }

    /** The method name as ImageJ spells it (matched case-insensitively), or "Manual". */
    public static String canonical(String name) {
        AutoThresholder.Method m = resolve(name);
        return m == null ? MANUAL : m.name();
    }
}
