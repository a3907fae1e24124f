package org.porophase.core;

/**
 * A {@link VolumeSource} that forwards every call to another one: the base of the views and filters
 * over a source (cropping, caching, denoising, box access) so each overrides only what it changes.
 * The wrapped source belongs to whoever opened it: {@link #close()} does nothing here, and a wrapper
 * that owns its source overrides it.
 */
public abstract class ForwardingVolumeSource implements VolumeSource {
    /** The wrapped source. */
    protected final VolumeSource src;

    protected ForwardingVolumeSource(VolumeSource src) {
        this.src = src;
    }

    @Override
    public int width() {
        return src.width();
    }

    @Override
    public int height() {
        return src.height();
    }

    @Override
    public int depth() {
        return src.depth();
    }

    @Override
    public int bitDepth() {
        return src.bitDepth();
    }

    @Override
    public VoxelSize voxelSize() {
        return src.voxelSize();
    }

    @Override
    public String voxelSizeSource() {
        return src.voxelSizeSource();
    }

    @Override
    public Object slice(int z) {
        return src.slice(z);
    }

    @Override
    public String description() {
        return src.description();
    }

    /** Passes the call on to the wrapped source (a view that keeps slices of its own frees them too). */
    @Override
    public void releaseCache() {
        src.releaseCache();
    }

    @Override
    public void close() {
    }
}
