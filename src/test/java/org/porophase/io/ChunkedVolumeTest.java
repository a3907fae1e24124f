package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The chunk cache of {@link ChunkedVolume}: each chunk decoded once in slice order, bounded by one layer; concurrent boxes. */
class ChunkedVolumeTest {

    static int val(int z, int y, int x) {
        return (z * 31 + y * 7 + x) & 0xff;
    }

    /** A 40×36×20 (x,y,z) uint8 store in 8³ chunks that counts its chunk reads. */
    static ChunkStore counting(AtomicInteger reads) {
        int[] shape = {20, 36, 40};
        int[] chunk = {8, 8, 8};
        return new ChunkStore(shape, chunk, new ChunkType('u', 1, ByteOrder.LITTLE_ENDIAN), 0, "test store") {
            @Override
            Decoded read(int[] g) {
                reads.incrementAndGet();
                byte[] b = new byte[512];
                for (int z = 0; z < 8; z++) {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            b[(z * 8 + y) * 8 + x] = (byte) val(g[0] * 8 + z, g[1] * 8 + y, g[2] * 8 + x);
                        }
                    }
                }
                return new Decoded(b, chunk, ChunkStore.cStrides(chunk), type);
            }

            @Override
            String key(int[] g) {
                return java.util.Arrays.toString(g);
            }
        };
    }

    @Test
    void slicesInOrderDecodeEveryChunkOnceWithinTwoLayersOfMemoryPerThread() {
        AtomicInteger reads = new AtomicInteger();
        ChunkedVolume v = new ChunkedVolume(counting(reads), 2, 1, 0, new int[] {-1, -1, -1}, null, "none", "test");
        v.decodeThreads(1);
        // 5 × 5 chunks per layer (40/8, ⌈36/8⌉), each held as 8·8·8 voxels of 1 byte: two layers for one thread
        assertEquals(2 * 40L * 40 * 8, v.cacheBytes());
        for (int z = 0; z < 20; z++) {
            byte[] s = (byte[]) v.slice(z);
            for (int y = 0; y < 36; y++) {
                for (int x = 0; x < 40; x++) {
                    assertEquals((byte) val(z, y, x), s[y * 40 + x]);
                }
            }
        }
        assertEquals(3 * 5 * 5, reads.get(), "each of the 75 chunks decoded exactly once");
    }

    @Test
    void twoThreadsEachInItsOwnLayerDoNotEvictEachOthersChunks() {
        // as a loop split into two z ranges reads them (Parallel: [0, 10) and [10, 20)), interleaved on one thread so
        // the order is fixed: with one layer of cache for both, every slice decoded its whole layer again (≈ 20 × 25 reads)
        AtomicInteger reads = new AtomicInteger();
        ChunkedVolume v = new ChunkedVolume(counting(reads), 2, 1, 0, new int[] {-1, -1, -1}, null, "none", "test");
        v.decodeThreads(2);
        for (int k = 0; k < 10; k++) {
            for (int z : new int[] {k, 10 + k}) {
                byte[] s = (byte[]) v.slice(z);
                assertEquals((byte) val(z, 35, 39), s[35 * 40 + 39]);
            }
        }
        assertEquals(3 * 5 * 5, reads.get(), "each of the 75 chunks decoded exactly once");
    }

    @Test
    void concurrentBoxesEqualTheTruth() throws Exception {
        ChunkedVolume v = new ChunkedVolume(counting(new AtomicInteger()), 2, 1, 0, new int[] {-1, -1, -1}, null, "none", "test");
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                fs.add(ex.submit(() -> {
                    Random r = new Random(seed);
                    for (int k = 0; k < 50; k++) {
                        int w = 1 + r.nextInt(20);
                        int h = 1 + r.nextInt(20);
                        int d = 1 + r.nextInt(10);
                        int x0 = r.nextInt(40 - w + 1);
                        int y0 = r.nextInt(36 - h + 1);
                        int z0 = r.nextInt(20 - d + 1);
                        byte[] b = (byte[]) v.readBox(x0, y0, z0, w, h, d);
                        for (int z = 0; z < d; z++) {
                            for (int y = 0; y < h; y++) {
                                for (int x = 0; x < w; x++) {
                                    assertEquals((byte) val(z0 + z, y0 + y, x0 + x), b[(z * h + y) * w + x]);
                                }
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            ex.shutdown();
        }
    }

    /**
     * {@link ChunkedVolume#releaseCache}: the decoded chunks are let go (also through a view over the volume), and
     * reading again still gives the voxels, decoding the chunks again.
     */
    @Test
    void releasingTheCacheFreesItsChunksAndReadingAgainStillWorks() {
        AtomicInteger reads = new AtomicInteger();
        ChunkedVolume v = new ChunkedVolume(counting(reads), 2, 1, 0, new int[] {-1, -1, -1}, null, "none", "test");
        v.decodeThreads(1);
        for (int z = 0; z < 20; z++) {
            v.slice(z);
        }
        assertEquals(2 * 5 * 5, v.cachedChunks(), "two layers of 5 × 5 chunks kept");
        new org.porophase.core.ForwardingVolumeSource(v) {
        }.releaseCache();
        assertEquals(0, v.cachedChunks(), "a view passes the call on");
        byte[] s = (byte[]) v.slice(19);
        assertEquals((byte) val(19, 35, 39), s[35 * 40 + 39]);
        assertEquals(3 * 5 * 5 + 5 * 5, reads.get(), "the last layer decoded again");
    }

    /**
     * The in-memory analysis of a chunked volume holds no decoded chunk once the volume is in memory as the mask: the
     * cache (up to a third of the heap) used to stay filled for the whole analysis and fail the later memory checks.
     */
    @Test
    void theInMemoryAnalysisLetsTheChunkCacheGo() {
        AtomicInteger reads = new AtomicInteger();
        ChunkedVolume v = new ChunkedVolume(counting(reads), 2, 1, 0, new int[] {-1, -1, -1}, null, "none", "test");
        v.decodeThreads(2);
        org.porophase.analysis.VolumeOptions o = org.porophase.analysis.VolumeOptions.defaults();
        o.voxelSize = org.porophase.core.VoxelSize.iso(1);
        o.threads = 2;
        org.porophase.analysis.VolumeAnalysis a = org.porophase.analysis.VolumeAnalyzer.analyze(v, o);
        assertEquals(true, a.toJson().get("in_memory_mask"), "analysed in memory");
        assertEquals(true, reads.get() >= 3 * 5 * 5, "every chunk read: " + reads.get());
        assertEquals(0, v.cachedChunks(), "no decoded chunk kept after the volume went into memory");
    }
}
