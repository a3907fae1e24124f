package org.porophase.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.ForwardingVolumeSource;
import org.porophase.core.VolumeSource;

/**
 * The last slices read from a slice-based source, kept for the blocks that read them again: a block-wise
 * run on one machine reads a layer of blocks (and their halos) from the same slices, which a TIFF stack or
 * a raw/NRRD file would otherwise read and decode once per block. Least recently used slices leave first;
 * the slices are shared, never modified (boxes are copied out of them). Safe for concurrent reads.
 */
final class SliceCache extends ForwardingVolumeSource {
    private final int capacity;
    private final Map<Integer, Object> slices;

    SliceCache(VolumeSource src, int capacity) {
        super(src);
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

    /** Frees the kept slices, then the wrapped source's cache. */
    @Override
    public void releaseCache() {
        synchronized (slices) {
            slices.clear();
        }
        super.releaseCache();
    }

    /** Closes the wrapped source (this view owns it). */
    @Override
    public void close() {
        src.close();
    }
}
