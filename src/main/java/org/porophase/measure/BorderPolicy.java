package org.porophase.measure;

import org.porophase.core.PoroPhaseException;

/**
 * How pores cut by the image frame enter the per-pore statistics. Porosity, total pore area, total
 * pore perimeter and the specific surface area (eq. 3) always use every pore pixel and every
 * boundary inside the image, whatever the policy: they are densities and are unbiased by the frame.
 * A pore "touches the border" when at least one of its pixels lies in the first or last row or
 * column of the image.
 */
public enum BorderPolicy {
    /**
     * Every pore is counted and enters the shape statistics, including pores cut by the frame (their
     * area, perimeter and Feret are those of the visible part). Biased: cut pores look smaller.
     */
    INCLUDE,
    /**
     * Default. Pores touching the border count for porosity, total pore area and total perimeter but
     * are excluded from the pore count, the per-pore shape statistics and the mean sizes. Simple, but
     * the counted sample is biased toward small pores (a large pore is more likely to touch the frame),
     * and the count per area under-estimates the number density.
     */
    EXCLUDE_FROM_SHAPE,
    /**
     * Unbiased counting frame, associated-point form of Gundersen's rule (Gundersen, J. Microsc. 111
     * (1977) 219–223): the counting frame F is the image inset by a guard margin g pixels on every
     * side, {@code [g, W−g) × [g, H−g)}. Each pore has one associated point, its first pixel in raster
     * order (topmost row, leftmost pixel of that row); a pore is counted iff its associated point lies
     * in F. Since every pore in the plane has exactly one associated point, the number of counted pores
     * divided by the area of F is an unbiased estimator of the number density N_A, and the counted
     * pores are an unbiased (number-weighted) sample for size and shape distributions — provided every
     * counted pore is seen whole, i.e. g is at least the largest pore extent. With the automatic guard,
     * g = the largest bounding-box side (px) of the pores that do not touch the border (at least 1,
     * at most a quarter of the smaller image side); counted pores that still touch the border are
     * reported in a warning and left out of the shape statistics (but still counted).
     */
    GUARD_FRAME;

    /** Parses a policy name (case-insensitive; '-' accepted for '_'). */
    public static BorderPolicy parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            for (BorderPolicy b : values()) {
                if (b.name().equals(n)) {
                    return b;
                }
            }
        }
        throw new PoroPhaseException("border policy must be one of INCLUDE, EXCLUDE_FROM_SHAPE, GUARD_FRAME, got '"
                + name + "'");
    }
}
