package org.porophase.segment;

/**
 * Which gray values are pore: dark pores are {@code v ≤ threshold}, bright pores are
 * {@code v > threshold}; for already segmented (label) volumes, pores are {@code v == poreValue}.
 *
 * @param threshold  threshold in the data's gray units (ignored when label mode)
 * @param darkPores  pores are the dark class
 * @param labelMode  pores are exactly {@code poreValue}
 * @param poreValue  the pore label (label mode)
 * @param method     how the threshold was chosen (e.g. "Otsu (auto, stack histogram)", "manual", "label")
 */
public record ThresholdRule(double threshold, boolean darkPores, boolean labelMode, double poreValue, String method) implements java.io.Serializable {

    public static ThresholdRule label(double poreValue) {
        return new ThresholdRule(Double.NaN, true, true, poreValue, "label value " + poreValue);
    }

    public boolean isPore(float v) {
        if (labelMode) {
            return v == poreValue;
        }
        return darkPores ? v <= threshold : v > threshold;
    }
}
