package org.porophase.core;

/**
 * A segmented volume read slice by slice: each voxel is {@link #SOLID}, {@link #PORE} or
 * {@link #OUTSIDE} (outside the region of interest: excluded from every measure, neither pore nor
 * solid). Implementations are safe for concurrent {@link #slice(int)} calls; callers must not
 * modify the returned arrays.
 */
public interface MaskSource {
    byte SOLID = 0;
    byte PORE = 1;
    byte OUTSIDE = 2;

    int width();

    int height();

    int depth();

    VoxelSize voxelSize();

    /** Codes of slice z, row-major, width*height long. */
    byte[] slice(int z);
}
