package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * {@code --threads} bounds chunk decoding (issue 14): a chunk layer read slice by slice is decoded on the calling
 * thread alone with 1 thread, and on two threads at once with 2 (proved by a latch that only two concurrent decodes
 * open); {@link VolumeReaders#open(Path, String, Double, int)} hands the setting to the Zarr reader.
 */
class ChunkDecodeThreadsTest {
    static final int W = 128;
    static final int H = 128;
    static final int D = 16;
    static final int C = 16;

    /** An in-memory 8-bit array of 16³ chunks (value = chunk x + 10·chunk y + z) that records which threads decode it. */
    static final class Recording extends ChunkStore {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger decoded = new AtomicInteger();
        final CountDownLatch two = new CountDownLatch(2);

        Recording() {
            super(new int[] {D, H, W}, new int[] {C, C, C}, ChunkType.zarrV2("|u1", "test"), 0, "test array");
        }

        @Override
        Decoded read(int[] grid) {
            threads.add(Thread.currentThread());
            decoded.incrementAndGet();
            two.countDown();
            try {
                two.await(2, TimeUnit.SECONDS); // released at once when two decodes run concurrently
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = new byte[C * C * C];
            for (int z = 0; z < C; z++) {
                java.util.Arrays.fill(b, z * C * C, (z + 1) * C * C, (byte) (grid[2] + 10 * grid[1] + z));
            }
            return new Decoded(b, new int[] {C, C, C}, cStrides(new int[] {C, C, C}), type);
        }

        @Override
        String key(int[] grid) {
            return grid[0] + "/" + grid[1] + "/" + grid[2];
        }
    }

    private static Set<Thread> readAll(int threads) {
        Recording store = new Recording();
        ChunkedVolume v = new ChunkedVolume(store, 2, 1, 0, new int[] {-1, -1, -1}, VoxelSize.iso(1), "test", "test volume");
        v.decodeThreads(threads);
        for (int z = 0; z < D; z++) {
            byte[] s = (byte[]) v.slice(z);
            assertEquals((byte) (7 + 10 * 3 + z), s[(3 * C + 1) * W + 7 * C + 2], "chunk (7, 3) of slice " + z);
        }
        assertEquals((W / C) * (H / C), store.decoded.get(), "every chunk of the layer decoded once");
        return store.threads;
    }

    @Test
    void oneThreadDecodesOnTheCallingThreadOnly() {
        assertEquals(Set.of(Thread.currentThread()), readAll(1));
    }

    @Test
    void twoThreadsDecodeOnTwoThreadsAtOnce() {
        Set<Thread> t = readAll(2);
        assertEquals(2, t.size(), "two decoding threads: " + t);
    }

    @Test
    void theReaderTakesTheThreadSetting(@TempDir Path tmp) {
        byte[][] s = new byte[4][40 * 30];
        for (int z = 0; z < 4; z++) {
            for (int i = 0; i < s[z].length; i++) {
                s[z][i] = (byte) (i * 7 + z);
            }
        }
        Path zarr = tmp.resolve("v.ome.zarr");
        OmeZarrWriter.write(zarr, VolumeWriters.arraySource(40, 30, s, VoxelSize.iso(1)), VoxelSize.iso(1), OmeZarrWriter.DataType.UINT8,
                OmeZarrWriter.Compression.GZIP, 8);
        for (int t : new int[] {1, 2}) {
            try (VolumeSource v = VolumeReaders.open(zarr, null, null, t)) {
                assertTrue(v instanceof ChunkedVolume, v.getClass().getName());
                assertEquals(t, ((ChunkedVolume) v).decodeThreads());
                for (int z = 0; z < 4; z++) {
                    assertArrayEquals(s[z], (byte[]) v.slice(z));
                }
            }
        }
    }
}
