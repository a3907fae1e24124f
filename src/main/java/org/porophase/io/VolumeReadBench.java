package org.porophase.io;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.ImagePlus;
import ij.ImageStack;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * The chunked-read measurement of {@code bench --volume-io}: a generated n³ uint8 volume written
 * once as OME-Zarr (gzip, c³ chunks) and once as a multi-page TIFF, then each read slice by slice
 * in order (every voxel summed, so nothing is skipped), best of {@code reps} runs. Reports MB/s
 * (10⁶ bytes of voxels per second) and the live heap of each read: the heap in use after a full
 * collection in the middle of every chunk layer, minus that before the read (a Zarr read holds one
 * chunk layer, ≈ n² · c bytes; the TIFF reader one slice).
 */
public final class VolumeReadBench {
    private VolumeReadBench() {
    }

    /** Runs the measurement in {@code dir} (files are written there and left for inspection). */
    public static Map<String, Object> run(Path dir, int n, int chunk, int reps) {
        if (n < 16 || n > 2048 || chunk < 8 || chunk > n) {
            throw new PoroPhaseException("bench --volume-io: size must be 16 … 2048 and the chunk 8 … size (got " + n + ", " + chunk + ")");
        }
        Object[] slices = new Object[n];
        for (int z = 0; z < n; z++) {
            byte[] sl = new byte[n * n];
            long h = 0x9E3779B97F4A7C15L * (z + 1);
            for (int i = 0; i < sl.length; i++) {
                h ^= h << 13;
                h ^= h >>> 7;
                h ^= h << 17;
                int x = i % n;
                int y = i / n;
                // a smooth gray-level field with 3 bits of noise: compresses about 1.5× with gzip, like a noisy CT slice
                sl[i] = (byte) ((int) (96 + 60 * Math.sin(x * 0.05) * Math.cos(y * 0.04 + z * 0.03)) + (int) (h & 7));
            }
            slices[z] = sl;
        }
        VolumeSource gen = VolumeWriters.arraySource(n, n, slices, VoxelSize.iso(1));
        Path zarr = dir.resolve("bench-" + n + ".ome.zarr");
        Path tif = dir.resolve("bench-" + n + ".tif");
        long t0 = System.nanoTime();
        OmeZarrWriter.write(zarr, gen, VoxelSize.iso(1), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, chunk);
        double writeZarr = (System.nanoTime() - t0) * 1e-9;
        ImageStack st = new ImageStack(n, n);
        for (int z = 0; z < n; z++) {
            st.addSlice(null, slices[z]);
        }
        t0 = System.nanoTime();
        VolumeWriters.writeTiff(tif, new ImagePlus("bench", st));
        double writeTif = (System.nanoTime() - t0) * 1e-9;
        st = null;
        slices = null;
        gen = null;
        System.gc();
        double mb = (double) n * n * n / 1e6;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("volume_voxels", n + "x" + n + "x" + n);
        m.put("chunk", chunk);
        m.put("volume_mb", mb);
        m.put("zarr_write_seconds", writeZarr);
        m.put("tiff_write_seconds", writeTif);
        m.put("zarr_bytes_on_disk", sizeOnDisk(zarr));
        long[] zr = read(zarr, reps, chunk);
        long[] tr = read(tif, reps, chunk);
        if (zr[2] != tr[2]) {
            throw new PoroPhaseException("bench --volume-io: the Zarr and TIFF copies read differently (checksums " + zr[2] + " vs " + tr[2] + ")");
        }
        m.put("zarr_read_seconds", zr[0] * 1e-9);
        m.put("zarr_read_mb_per_s", mb / (zr[0] * 1e-9));
        m.put("zarr_read_live_heap_mb", zr[1] / 1e6);
        m.put("zarr_read_cpu_seconds", zr[3] * 1e-9);
        m.put("tiff_read_seconds", tr[0] * 1e-9);
        m.put("tiff_read_mb_per_s", mb / (tr[0] * 1e-9));
        m.put("tiff_read_live_heap_mb", tr[1] / 1e6);
        m.put("tiff_read_cpu_seconds", tr[3] * 1e-9);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("zarr_chunk_layer_mb", (double) n * n * chunk / 1e6);
        m.put("checksum_equal", true);
        return m;
    }

    private static long sizeOnDisk(Path p) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(p)) {
            return s.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * {best nanoseconds, largest live heap above the baseline, checksum, process CPU nanoseconds of the best run}: the live
     * heap is sampled after a full collection in the middle of every chunk layer (cache full), outside the timed part.
     */
    private static long[] read(Path p, int reps, int chunk) {
        long best = Long.MAX_VALUE;
        long bestCpu = 0;
        long peak = 0;
        long sum = 0;
        for (int r = 0; r < reps; r++) {
            System.gc();
            long base = heapUsed();
            long t = 0;
            long cpu = 0;
            sum = 0;
            try (VolumeSource v = VolumeReaders.open(p, null)) {
                for (int z = 0; z < v.depth(); z++) {
                    long t0 = System.nanoTime();
                    long c0 = cpuNanos();
                    byte[] s = (byte[]) v.slice(z);
                    for (byte b : s) {
                        sum += b & 0xff;
                    }
                    t += System.nanoTime() - t0;
                    cpu += cpuNanos() - c0;
                    if (z % chunk == chunk / 2) {
                        System.gc();
                        peak = Math.max(peak, heapUsed() - base);
                    }
                }
            }
            if (t < best) {
                best = t;
                bestCpu = cpu;
            }
        }
        return new long[] {best, peak, sum, bestCpu};
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    private static long heapUsed() {
        long u = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                u += b.getUsage().getUsed();
            }
        }
        return u;
    }
}
