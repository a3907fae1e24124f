package org.porophase.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import org.porophase.segment.SegmentationOptions;
import org.porophase.segment.SegmentationResult;
import org.porophase.segment.Segmenter2D;

/**
 * Benchmark (not a unit test): segmentation + measurement of a generated 4096×4096 8-bit SEM-like
 * image (Boolean model of dark disks r = 20 px, porosity ≈ 0.45, blur σ = 1 px, noise SD 12), default
 * options (Otsu, median r = 1, min pore 4 px, fill holes), EXCLUDE_FROM_SHAPE.
 * Run: {@code java -Xmx4g -cp target/classes:target/test-classes:<ij.jar> org.porophase.measure.MeasureBench [size] [reps]}
 */
public final class MeasureBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        double r = 20, lambda = 0.6 / (Math.PI * r * r);
        Random rnd = new Random(1);
        int count = (int) Math.round(lambda * (n + 2 * r) * (n + 2 * r));
        List<double[]> c = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            c.add(new double[] {-r + (n + 2 * r) * rnd.nextDouble(), -r + (n + 2 * r) * rnd.nextDouble()});
        }
        FloatProcessor f = TestImages.grayDisks(n, n, c, r, 60, 180, 1.0, 12, 2);
        float[] p = (float[]) f.getPixels();
        byte[] b = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(p[i])));
        }
        ByteProcessor gray = new ByteProcessor(n, n, b);
        double mpx = (double) n * n / 1e6;
        System.out.printf("generated %dx%d (%d disks) in %.1f s; %d cores%n", n, n, count, (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors());
        SegmentationOptions opt = new SegmentationOptions();
        for (int k = 0; k <= reps; k++) {
            long a = System.nanoTime();
            SegmentationResult s = Segmenter2D.segment(gray, opt);
            long bT = System.nanoTime();
            PoreAnalysis pa = PoreMeasurer.measure(s.mask(), 0.05, 0.05, BorderPolicy.EXCLUDE_FROM_SHAPE);
            long e = System.nanoTime();
            System.out.printf("%s: segment %.2f s (%.1f Mpx/s), measure %.2f s (%.1f Mpx/s), total %.2f s (%.1f Mpx/s);"
                    + " porosity %.4f (Boolean truth %.4f), S %.4f /µm, %d pores (%d counted)%n",
                    k == 0 ? "warm-up" : "run " + k, (bT - a) / 1e9, mpx / ((bT - a) / 1e9), (e - bT) / 1e9,
                    mpx / ((e - bT) / 1e9), (e - a) / 1e9, mpx / ((e - a) / 1e9), pa.porosity(), 1 - Math.exp(-0.6),
                    pa.specificSurfaceAreaPerUm(), pa.totalPoreComponents(), pa.poreCount());
        }
    }
}
