package org.porophase.analysis;

import java.util.Arrays;
import java.util.Locale;

import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SyntheticVolumes;

/**
 * Benchmark (not a unit test): the block-wise pipeline vs the streaming path on a generated N³ 8-bit
 * Boolean volume (r = 8 voxels, φ = 0.35, held in memory so the file system is not timed): porosity,
 * profile, S_V, Euler and 3D labelling, local thickness off (the streaming path cannot run it); then
 * block-wise with local thickness. Medians of REPS runs after a warm-up. Run with
 * {@code java -Xmx6g -cp target/classes:target/test-classes:<ij.jar>:<snakeyaml.jar> org.porophase.analysis.BlockwiseBench [N] [BLOCK] [REPS] [nolt|file]}.
 * <p>
 * {@code BlockwiseBench gen N CHUNK OUT.ome.zarr [RADIUS_VOXELS] [POROSITY] [THREADS]} generates the same kind of
 * volume (without noise) chunk by chunk straight into an 8-bit OME-Zarr ({@link #generateZarr}: never the whole volume
 * in memory; 1024³ in 28 s with -Xmx1g, 71 MB on disk), to be analysed with the CLI
 * ({@code analyze-volume OUT.ome.zarr --blockwise} vs {@code --streaming}; docs/blockwise.md).
 */
public final class BlockwiseBench {
    private BlockwiseBench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("gen")) {
            // gen N CHUNK OUT.ome.zarr [RADIUS_VOXELS] [POROSITY] [THREADS]
            int n = Integer.parseInt(args[1]);
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            long[] st = generateZarr(java.nio.file.Path.of(args[3]), n, Integer.parseInt(args[2]), args.length > 4 ? Double.parseDouble(args[4]) : 8,
                    args.length > 5 ? Double.parseDouble(args[5]) : 0.35, 5, args.length > 6 ? Integer.parseInt(args[6]) : 0);
            System.out.printf(Locale.ROOT, "generated %d³ uint8 (pores 60, solid 170) into %s: %d spheres, %d chunks written, %.1f MB on disk, "
                    + "%.1f s wall, %.1f s CPU (all threads), heap used %.0f MB%n", n, args[3], st[0], st[1], st[2] / 1e6,
                    (System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        VoxelSize vs = VoxelSize.iso(1);
        SyntheticVolumes.Boolean b = SyntheticVolumes.booleanSpheres(n, n, n, vs, 8, 0.35, 5);
        byte[][] g = SyntheticVolumes.toGray(b.volume(), 60, 170, 0, 10, 9);
        Object[] sl = new Object[n];
        System.arraycopy(g, 0, sl, 0, n);
        VolumeSource src = VolumeWriters.arraySource(n, n, sl, vs);
        VolumeOptions stream = VolumeOptions.defaults();
        stream.streaming = true;
        stream.localThickness = false;
        VolumeOptions blk = VolumeOptions.defaults();
        blk.localThickness = false;
        blk.blockwise = true;
        blk.blockSize = block;
        VolumeOptions blkLt = VolumeOptions.defaults();
        blkLt.blockwise = true;
        blkLt.blockSize = block;
        System.out.printf(Locale.ROOT, "%d³, block %d, %d threads%n", n, block, Runtime.getRuntime().availableProcessors());
        if (args.length > 3 && args[3].equals("file")) {
            // from a TIFF file: the slice reads are part of the time
            try {
                java.nio.file.Path f = java.nio.file.Files.createTempFile("blockbench", ".tif");
                VolumeWriters.writeTiff(f, VolumeWriters.toImagePlus("b", n, n, sl, vs));
                double fs = median(reps, () -> VolumeAnalyzer.analyze(f, stream));
                double fb = median(reps, () -> VolumeAnalyzer.analyze(f, blk));
                System.out.printf(Locale.ROOT, "TIFF file: streaming (no LT) %.2f s, block-wise (no LT) %.2f s%n", fs, fb);
                java.nio.file.Files.delete(f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        double ts = median(reps, () -> VolumeAnalyzer.analyze(src, stream));
        double tb = median(reps, () -> BlockwiseAnalyzer.analyze(src, blk));
        VolumeAnalysis a = BlockwiseAnalyzer.analyze(src, blk);
        System.out.printf(Locale.ROOT, "streaming (no LT)  %.2f s%nblock-wise (no LT) %.2f s  memory/worker %s  %s%n", ts, tb,
                a.blockwise().get("memory_per_worker_bytes"), a.timings());
        if (args.length > 3 && args[3].equals("nolt")) {
            return;
        }
        VolumeOptions memLt = VolumeOptions.defaults();
        double tm = median(Math.max(1, reps - 2), () -> VolumeAnalyzer.analyze(src, memLt));
        VolumeAnalysis ml = VolumeAnalyzer.analyze(src, memLt);
        System.out.printf(Locale.ROOT, "in-memory + LT     %.2f s  mask %s  %s%n", tm, ml.maskMemoryBytes(), ml.timings());
        double tl = median(Math.max(1, reps - 2), () -> BlockwiseAnalyzer.analyze(src, blkLt));
        VolumeAnalysis l = BlockwiseAnalyzer.analyze(src, blkLt);
        System.out.printf(Locale.ROOT, "block-wise + LT    %.2f s  memory/worker %s  %s  LT mean %.3f%n", tl,
                l.blockwise().get("memory_per_worker_bytes"), l.timings(), l.localThickness().meanVolumeWeighted);
    }

    /** CPU time of all threads of this JVM (ns). */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean o ? o.getProcessCpuTime() : 0;
    }

    /**
     * Generates an n³ Boolean-sphere volume (voxels of 1 µm, radius {@code r} voxels, porosity φ: Poisson centres
     * in the volume grown by r, as {@link SyntheticVolumes#booleanSpheres}) as an 8-bit OME-Zarr (pores 60, solid 170,
     * zstd, {@code chunk}³ chunks) chunk by chunk: the centres are bucketed by the chunks their balls reach, and each
     * chunk is painted from its bucket and written at once ({@link org.porophase.io.OmeZarrWriter#writeBox}), so the
     * heap holds the centres (12 bytes each), the buckets and one chunk per thread, never the volume (a 2048³ volume:
     * 1.7 M spheres, about 40 MB). Returns {spheres, chunks written, bytes on disk}.
     */
    static long[] generateZarr(java.nio.file.Path out, int n, int chunk, double r, double phi, long seed, int threads) {
        double vball = 4 * Math.PI * r * r * r / 3;
        double lambda = -Math.log(1 - phi) / vball;
        double e = n + 2 * r;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long count = Math.round(lambda * e * e * e);
        if (count > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(count + " spheres: use a larger radius");
        }
        int ns = (int) count;
        float[] c = new float[3 * ns];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (rnd.nextDouble() * e - r);
        }
        int nc = (n + chunk - 1) / chunk;
        int[] start = new int[nc * nc * nc + 1];
        int[][] bucket = new int[1][];
        for (int pass = 0; pass < 2; pass++) {
            int[] fill = pass == 0 ? null : new int[start[start.length - 1]];
            int[] at = pass == 0 ? null : start.clone();
            for (int i = 0; i < ns; i++) {
                int[] lo = new int[3];
                int[] hi = new int[3];
                boolean in = true;
                for (int a = 0; a < 3; a++) {
                    lo[a] = Math.max(0, (int) Math.floor((c[3 * i + a] - r - 0.5) / chunk));
                    hi[a] = Math.min(nc - 1, (int) Math.floor((c[3 * i + a] + r - 0.5) / chunk));
                    in &= lo[a] <= hi[a];
                }
                if (!in) {
                    continue;
                }
                for (int gz = lo[2]; gz <= hi[2]; gz++) {
                    for (int gy = lo[1]; gy <= hi[1]; gy++) {
                        for (int gx = lo[0]; gx <= hi[0]; gx++) {
                            int k = (gz * nc + gy) * nc + gx;
                            if (pass == 0) {
                                start[k + 1]++;
                            } else {
                                fill[at[k]++] = i;
                            }
                        }
                    }
                }
            }
            if (pass == 0) {
                for (int k = 0; k < nc * nc * nc; k++) {
                    start[k + 1] += start[k];
                }
            } else {
                bucket[0] = fill;
            }
        }
        int[] members = bucket[0];
        org.porophase.io.OmeZarrWriter.Boxes t = org.porophase.io.OmeZarrWriter.create(out, n, n, n, VoxelSize.iso(1),
                org.porophase.io.OmeZarrWriter.DataType.UINT8, org.porophase.io.OmeZarrWriter.Compression.ZSTD, chunk);
        double r2 = r * r;
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        int layer = nc * nc;
        for (int gz = 0; gz < nc; gz++) {
            int z0 = gz * chunk;
            int cd = Math.min(chunk, n - z0);
            org.porophase.core.Parallel.of(threads).forRange(layer, (long) layer * chunk * chunk * chunk, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    int gy = i / nc;
                    int gx = i % nc;
                    int x0 = gx * chunk;
                    int y0 = gy * chunk;
                    int cw = Math.min(chunk, n - x0);
                    int ch = Math.min(chunk, n - y0);
                    byte[] v = new byte[cw * ch * cd];
                    Arrays.fill(v, (byte) 170);
                    int k = (z0 / chunk * nc + gy) * nc + gx;
                    for (int j = start[k]; j < start[k + 1]; j++) {
                        int s = members[j];
                        double px = c[3 * s];
                        double py = c[3 * s + 1];
                        double pz = c[3 * s + 2];
                        int za = Math.max(0, (int) Math.ceil(pz - r - 0.5) - z0);
                        int zb = Math.min(cd - 1, (int) Math.floor(pz + r - 0.5) - z0);
                        for (int z = za; z <= zb; z++) {
                            double dz = z0 + z + 0.5 - pz;
                            int ya = Math.max(0, (int) Math.ceil(py - r - 0.5) - y0);
                            int yb = Math.min(ch - 1, (int) Math.floor(py + r - 0.5) - y0);
                            for (int y = ya; y <= yb; y++) {
                                double dy = y0 + y + 0.5 - py;
                                double q = r2 - dz * dz - dy * dy;
                                if (q < 0) {
                                    continue;
                                }
                                double hw = Math.sqrt(q);
                                int xa = Math.max(0, (int) Math.ceil(px - hw - 0.5) - x0);
                                int xb = Math.min(cw - 1, (int) Math.floor(px + hw - 0.5) - x0);
                                if (xa <= xb) {
                                    Arrays.fill(v, (z * ch + y) * cw + xa, (z * ch + y) * cw + xb + 1, (byte) 60);
                                }
                            }
                        }
                    }
                    org.porophase.io.OmeZarrWriter.writeBox(t, x0, y0, z0, cw, ch, cd, v);
                    written.incrementAndGet();
                }
            });
        }
        org.porophase.io.OmeZarrWriter.finish(t);
        long bytes;
        try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(out)) {
            bytes = w.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return new long[] {ns, written.get(), bytes};
    }

    private static double median(int reps, Runnable r) {
        r.run(); // warm-up
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
