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
 */
public final class BlockwiseBench {
    private BlockwiseBench() {
    }

    public static void main(String[] args) {
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
