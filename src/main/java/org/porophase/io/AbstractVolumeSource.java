package org.porophase.io;

import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * The state every volume reader has: the grid size in voxels, the output bit depth (8, 16 or 32 =
 * float) and the voxel size in µm with its provenance. The reader's constructor sets the fields
 * once (they are not changed afterwards); the accessors of {@link VolumeSource} read them.
 */
abstract class AbstractVolumeSource implements VolumeSource {
    /** Slice width and height, number of slices (voxels). */
    protected int w;
    protected int h;
    protected int d;
    /** Bit depth of the slice arrays (8 = byte[], 16 = short[], 32 = float[]). */
    protected int bitDepth;
    /** Voxel size in µm, or null when the file has none. */
    protected VoxelSize vs;
    /** Where {@link #vs} came from (human-readable). */
    protected String vsSource;

    @Override
    public final int width() {
        return w;
    }

    @Override
    public final int height() {
        return h;
    }

    @Override
    public final int depth() {
        return d;
    }

    @Override
    public final int bitDepth() {
        return bitDepth;
    }

    @Override
    public final VoxelSize voxelSize() {
        return vs;
    }

    @Override
    public final String voxelSizeSource() {
        return vsSource;
    }
}
