package org.porophase.analysis;

import java.io.Serializable;

/**
 * One block of a {@link BlockPlan}'s grid: the box [x0, x0+w) × [y0, y0+h) × [z0, z0+d) in voxels of
 * the analysed box (the crop box; the whole volume without a crop), with its index
 * {@code (bz·nby + by)·nbx + bx} in the grid.
 */
public record Block(int index, int x0, int y0, int z0, int w, int h, int d) implements Serializable {
    /** Voxels of the block. */
    public long voxels() {
        return (long) w * h * d;
    }
}
