package org.porophase.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.BlockSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * A chunked array ({@link ChunkStore}: Zarr v2/v3, N5, OME-Zarr level) read as an x, y, z volume,
 * chunk by chunk: {@link #slice} decodes only the chunks that intersect slice z and
 * {@link #readBox} only those that intersect the box; the whole volume is never allocated.
 * <p>
 * Decoded chunks are kept in a small least-recently-used cache of two chunk layers (all chunks of one
 * z range) per thread of the thread setting ({@link #decodeThreads}), so reading slices in order — also by
 * several threads each in its own z range — decodes every chunk exactly once. The cache
 * is bounded by a third of the free heap at opening (fewer chunks are then kept and some are
 * decoded again, never an OutOfMemoryError); {@link #cacheBytes()} states its bound. An analysis that has read
 * the volume into memory frees the cache ({@link #releaseCache()}): held for the rest of the analysis, up to a third
 * of the heap made the later memory checks (labels, local thickness) refuse volumes that fit.
 * <p>
 * Axes: {@code ax, ay, az} are the array axes of x, y and z ({@code az = -1} for a 2D array: one
 * slice); every other axis (OME-Zarr t, c) is held at the index given in {@code fixed}.
 * Thread-safe: decoding happens outside the cache's lock. Reading slices in order decodes each new chunk
 * layer on {@link #decodeThreads} threads (the analysis's {@code --threads}; 1 = the calling thread only);
 * {@link #readBox} decodes on the calling thread (block-wise tasks are the parallelism).
 */
final class ChunkedVolume extends AbstractVolumeSource implements BlockSource {
    private final ChunkStore store;
    private final int ax;
    private final int ay;
    private final int az;
    private final int[] fixed;
    private final int cx;
    private final int cy;
    private final int cz;
    private final int ncx;
    private final int ncy;
    private final String desc;
    private volatile int capacity;
    /** Chunks affordable in a third of the free heap at opening. */
    private final long affordable;
    private final long layer;
    private final long blockBytes;
    private final Map<Long, Object> cache;
    /** Threads that decode a layer read slice by slice ({@link Parallel}'s setting: ≤ 0 all processors, 1 the caller only). */
    private volatile int threads;

    ChunkedVolume(ChunkStore store, int ax, int ay, int az, int[] fixed, VoxelSize vs, String vsSource, String description) {
        this.store = store;
        this.ax = ax;
        this.ay = ay;
        this.az = az;
        this.fixed = fixed.clone();
        this.desc = description;
        w = store.shape[ax];
        h = store.shape[ay];
        d = az < 0 ? 1 : store.shape[az];
        bitDepth = store.type.bitDepth();
        this.vs = vs;
        this.vsSource = vsSource;
        cx = Math.min(store.chunk[ax], Math.max(1, w));
        cy = Math.min(store.chunk[ay], Math.max(1, h));
        cz = az < 0 ? 1 : Math.min(store.chunk[az], Math.max(1, d));
        if (w == 0 || h == 0 || d == 0) {
            throw new PoroPhaseException(description + " is empty (shape " + Arrays.toString(store.shape) + ")");
        }
        if ((long) w * h > InputFiles.MAX_PLANE_PIXELS) {
            throw new PoroPhaseException(description + ": a slice of " + w + " × " + h + " voxels is larger than one Java array can hold ("
                    + InputFiles.MAX_PLANE_PIXELS + "); crop the volume first (e.g. write a sub-array)");
        }
        if ((long) store.chunk[ax] * store.chunk[ay] * (az < 0 ? 1 : store.chunk[az]) * store.type.bytes() > InputFiles.MAX_PLANE_PIXELS
                || store.chunkBytes() > InputFiles.MAX_PLANE_PIXELS) {
            throw new PoroPhaseException(description + ": one chunk of " + java.util.Arrays.toString(store.chunk) + " × " + store.type.bytes()
                    + " bytes is larger than 2 GB; PoroPhase decodes one chunk at a time (re-chunk the array, e.g. to 64³ or 128³)");
        }
        ncx = (w + cx - 1) / cx;
        ncy = (h + cy - 1) / cy;
        int outBytes = bitDepth / 8;
        blockBytes = (long) cx * cy * cz * outBytes;
        long sliceBytes = (long) w * h * outBytes;
        // one decoded chunk (raw + converted) and one slice must fit; the cache takes what a third of the heap allows
        MemoryCheck.requireForInput(sliceBytes + blockBytes + 2 * store.chunkBytes(), description);
        layer = (long) ncx * ncy;
        affordable = Math.max(1, MemoryCheck.available() / 3 / Math.max(1, blockBytes));
        sizeCache();
        cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Object> e) {
                return size() > capacity;
            }
        };
    }

    /** Limits the decoding of a layer to {@code threads} threads ({@link Parallel#of}: ≤ 0 = all processors). */
    void decodeThreads(int threads) {
        this.threads = threads;
        sizeCache();
    }

    /**
     * Cache capacity: two chunk layers per thread of the thread setting (a loop split by {@link Parallel} into
     * contiguous z ranges has each thread read its own range in order, reading planes z and z + 1 across a layer
     * boundary), within the affordable third of the heap. One layer for all threads made two threads in different
     * layers evict each other's chunks, so every slice decoded a whole layer again.
     */
    private void sizeCache() {
        long layers = 2L * Parallel.threads(threads);
        capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.min(layer * layers, affordable));
    }

    /** Empties the decoded-chunk cache (the volume has been read into memory); reading again decodes again. */
    @Override
    public void releaseCache() {
        synchronized (cache) {
            cache.clear();
        }
    }

    /** Decoded chunks held now. */
    int cachedChunks() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** The decoding thread setting ({@link #decodeThreads(int)}). */
    int decodeThreads() {
        return threads;
    }

    /** Upper bound of the decoded-chunk cache in bytes (two chunk layers of ⌈w/cx⌉·⌈h/cy⌉·cx·cy·cz voxels per thread, within a third of the heap). */
    long cacheBytes() {
        return capacity * blockBytes;
    }

    @Override
    public int[] chunkShape() {
        return new int[] {cx, cy, cz};
    }

    @Override
    public String description() {
        return desc;
    }

    private Object newArray(int n) {
        return bitDepth == 8 ? new byte[n] : bitDepth == 16 ? new short[n] : new float[n];
    }

    /** The decoded chunk (gx, gy, gz) as an x-fastest block of its (edge-clipped) extent. */
    private Object block(int gx, int gy, int gz) {
        long key = ((long) gz * ncy + gy) * ncx + gx;
        synchronized (cache) {
            Object b = cache.get(key);
            if (b != null) {
                return b;
            }
        }
        Object b = decode(gx, gy, gz);
        synchronized (cache) {
            cache.put(key, b);
        }
        return b;
    }

    private Object decode(int gx, int gy, int gz) {
        int ex = Math.min(cx, w - gx * cx);
        int ey = Math.min(cy, h - gy * cy);
        int ez = Math.min(cz, d - gz * cz);
        int n = ds(ex, ey, ez);
        Object out = newArray(n);
        int[] grid = new int[store.ndim()];
        for (int a = 0; a < grid.length; a++) {
            grid[a] = fixed[a] < 0 ? 0 : fixed[a] / store.chunk[a];
        }
        grid[ax] = gx * cx / store.chunk[ax];
        grid[ay] = gy * cy / store.chunk[ay];
        if (az >= 0) {
            grid[az] = gz * cz / store.chunk[az];
        }
        ChunkStore.Decoded dc = store.read(grid);
        int base = 0;
        boolean inside = dc != null;
        if (dc != null) {
            for (int a = 0; a < grid.length; a++) {
                if (fixed[a] >= 0) {
                    int local = fixed[a] % store.chunk[a];
                    inside &= local < dc.extent()[a];
                    base += local * dc.strides()[a];
                }
            }
        }
        if (!inside) {
            fill(out, 0, n);
            return out;
        }
        int sx = dc.strides()[ax];
        int sy = dc.strides()[ay];
        int sz = az < 0 ? 0 : dc.strides()[az];
        int vx = Math.min(ex, dc.extent()[ax]);
        int vy = Math.min(ey, dc.extent()[ay]);
        int vz = az < 0 ? 1 : Math.min(ez, dc.extent()[az]);
        byte[] data = dc.data();
        ChunkType t = dc.type();
        long need = 0;
        for (int a = 0; a < grid.length; a++) {
            need = Math.max(need, (long) (dc.extent()[a] - 1) * dc.strides()[a]);
        }
        if ((long) data.length < (need + 1) * t.bytes()) {
            throw new PoroPhaseException("chunk " + store.key(grid) + " of " + store.description + " holds " + data.length
                    + " bytes but its shape needs " + (need + 1) * t.bytes() + " (the chunk is truncated or the metadata is wrong)");
        }
        for (int z = 0; z < ez; z++) {
            for (int y = 0; y < ey; y++) {
                int o = (z * ey + y) * ex;
                if (z >= vz || y >= vy) {
                    fill(out, o, o + ex);
                    continue;
                }
                int src = base + z * sz + y * sy;
                if (out instanceof byte[] ob) {
                    if (sx == 1 && t.bytes() == 1) {
                        System.arraycopy(data, src, ob, o, vx);
                    } else {
                        for (int x = 0; x < vx; x++) {
                            ob[o + x] = data[(src + x * sx) * t.bytes()];
                        }
                    }
                } else if (out instanceof short[] os) {
                    for (int x = 0; x < vx; x++) {
                        os[o + x] = t.getU16(data, src + x * sx);
                    }
                } else {
                    float[] of = (float[]) out;
                    for (int x = 0; x < vx; x++) {
                        of[o + x] = (float) t.get(data, src + x * sx);
                    }
                }
                if (vx < ex) {
                    fill(out, o + vx, o + ex);
                }
            }
        }
        return out;
    }

    private static int ds(int ex, int ey, int ez) {
        return ex * ey * ez;
    }

    private void fill(Object out, int from, int to) {
        double f = store.fill;
        if (f == 0) {
            return; // new arrays are zero
        }
        if (out instanceof byte[] b) {
            Arrays.fill(b, from, to, (byte) (long) f);
        } else if (out instanceof short[] s) {
            Arrays.fill(s, from, to, (short) (long) f);
        } else {
            Arrays.fill((float[]) out, from, to, (float) f);
        }
    }

    @Override
    public Object slice(int z) {
        if (z < 0 || z >= d) {
            throw new PoroPhaseException("slice " + z + " is outside 0…" + (d - 1) + " of " + desc);
        }
        prefetchLayer(z / cz);
        return readBox(0, 0, z, w, h, 1);
    }

    /**
     * Decodes the chunks of layer {@code gz} that are not cached, in parallel on the shared pool
     * ({@link Parallel}) on at most {@link #decodeThreads} threads, when the whole layer fits the cache: reading slices in order then decodes a
     * layer with all cores instead of one chunk at a time.
     */
    private void prefetchLayer(int gz) {
        int n = ncx * ncy;
        if (n < 2 || capacity < n) {
            return;
        }
        java.util.List<int[]> missing = new java.util.ArrayList<>();
        synchronized (cache) {
            for (int gy = 0; gy < ncy; gy++) {
                for (int gx = 0; gx < ncx; gx++) {
                    if (!cache.containsKey(((long) gz * ncy + gy) * ncx + gx)) {
                        missing.add(new int[] {gx, gy});
                    }
                }
            }
        }
        if (missing.size() < 2) {
            return;
        }
        Parallel.of(threads).forRange(missing.size(), missing.size() * blockBytes, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                block(missing.get(i)[0], missing.get(i)[1], gz);
            }
        });
    }

    @Override
    public Object readBox(int x0, int y0, int z0, int bw, int bh, int bd) {
        BlockSource.checkBox(this, x0, y0, z0, bw, bh, bd);
        long n = (long) bw * bh * bd;
        if (n > InputFiles.MAX_PLANE_PIXELS) {
            throw new PoroPhaseException("box " + bw + " × " + bh + " × " + bd + " of " + desc + " is larger than one Java array can hold; read smaller boxes");
        }
        MemoryCheck.requireForInput(n * (bitDepth / 8), "box " + bw + " × " + bh + " × " + bd + " of " + desc);
        Object out = newArray((int) n);
        for (int gz = z0 / cz; gz <= (z0 + bd - 1) / cz; gz++) {
            for (int gy = y0 / cy; gy <= (y0 + bh - 1) / cy; gy++) {
                for (int gx = x0 / cx; gx <= (x0 + bw - 1) / cx; gx++) {
                    Object b = block(gx, gy, gz);
                    int ex = Math.min(cx, w - gx * cx);
                    int ey = Math.min(cy, h - gy * cy);
                    int bx0 = Math.max(x0, gx * cx);
                    int bx1 = Math.min(x0 + bw, gx * cx + ex);
                    int by0 = Math.max(y0, gy * cy);
                    int by1 = Math.min(y0 + bh, gy * cy + ey);
                    int bz0 = Math.max(z0, gz * cz);
                    int bz1 = Math.min(z0 + bd, gz * cz + Math.min(cz, d - gz * cz));
                    int len = bx1 - bx0;
                    for (int z = bz0; z < bz1; z++) {
                        for (int y = by0; y < by1; y++) {
                            int src = ((z - gz * cz) * ey + (y - gy * cy)) * ex + (bx0 - gx * cx);
                            int dst = ((z - z0) * bh + (y - y0)) * bw + (bx0 - x0);
                            System.arraycopy(b, src, out, dst, len);
                        }
                    }
                }
            }
        }
        return out;
    }
}
