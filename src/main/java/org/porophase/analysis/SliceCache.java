package org.porophase.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * The last slices read from a slice-based source, kept for the blocks that read them again: a block-wise
 * run on one machine reads a layer of blocks (and their halos) from the same slices, which a TIFF stack or
 * a raw/NRRD file would otherwise read and decode once per block. Least recently used slices leave first;
 * the slices are shared, never modified (boxes are copied out of them). Safe for concurrent reads.
 */
final class SliceCache implements VolumeSource {
    private final VolumeSource src;
    private final int capacity;
    private final Map<Integer, Object> slices;

    SliceCache(VolumeSource src, int capacity) {
        this.src = src;
        this.capacity = capacity;
        this.slices = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Object> e) {
                return size() > SliceCache.this.capacity;
            }
        };
    }

    /** Slices kept at most. */
    int capacity() {
        return capacity;
    }

    @Override
    public Object slice(int z) {
        synchronized (slices) {
            Object s = slices.get(z);
            if (s != null) {
                return s;
            }
        }
        Object s = src.slice(z);
        synchronized (slices) {
            slices.put(z, s);
        }
        return s;
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
    public String description() {
        return src.description();
    }

    @Override
    public void close() {
        src.close();
    }
}
