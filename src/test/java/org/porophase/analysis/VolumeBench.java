package org.porophase.analysis;

import org.porophase.core.Parallel;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.AutoThresholder;
import ij.process.StackStatistics;

import org.porophase.io.VolumeWriters;
import org.porophase.binary.ComponentLabeler;
import org.porophase.measure.IntrinsicVolumes;
import org.porophase.binary.LocalThickness;
import org.porophase.segment.StackHistogram;
import org.porophase.segment.ThresholdRule;
import org.porophase.segment.ThresholdedMask;
import org.porophase.synth.SyntheticVolumes;
import org.porophase.filter.Denoise3D;

/**
 * Benchmark on a generated N³ volume (default 512³): Boolean model of pore balls (r = 8 voxels,
 * φ = 0.35) rendered as 8-bit gray. Times: stack histogram + Otsu (ours, streaming) vs ImageJ's
 * {@code StackStatistics} + {@code AutoThresholder}; streaming threshold → porosity profile + Crofton
 * surface + Euler (1 and all threads); streaming 3D labelling; local thickness. Prints seconds,
 * voxels/s and heap use. Not a unit test; run with
 * {@code java -Xmx8g -cp target/classes:target/test-classes:<ij.jar> org.porophase.analysis.VolumeBench [N]}.
 */
public final class VolumeBench {
    private VolumeBench() {
    }

    private static long peak() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                s += p.getPeakUsage().getUsed();
            }
        }
        return s;
    }

    private static long base;

    private static void resetPeak() {
        System.gc();
        base = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static void line(String what, double secs, long voxels, String extra) {
        System.out.printf(Locale.ROOT, "%-52s %8.2f s %10.1f Mvox/s  heap: resident %6.0f MiB, step peak +%6.0f MiB  %s%n", what, secs,
                voxels / secs / 1e6, base / 1048576.0, Math.max(0, peak() - base) / 1048576.0, extra);
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("filters")) {
            filters(args.length > 1 ? Integer.parseInt(args[1]) : 256);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int threads = Runtime.getRuntime().availableProcessors();
        long nv = (long) n * n * n;
        System.out.printf("VolumeBench %d³ = %d voxels, %d threads, max heap %d MiB, java %s%n", n, nv, threads,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        long t0 = System.nanoTime();
        VoxelSize vs = VoxelSize.iso(0.85);
        SyntheticVolumes.Boolean b = SyntheticVolumes.booleanSpheres(n, n, n, vs, 8 * 0.85, 0.35, 42);
        byte[][] gray = new byte[n][];
        for (int z = 0; z < n; z++) {
            byte[] m = b.volume().slice(z);
            byte[] g = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                g[i] = (byte) (m[i] == 1 ? 50 + ((i * 31 + z * 17) & 31) : 160 + ((i * 13 + z * 7) & 31));
            }
            gray[z] = g;
        }
        Object[] sl = new Object[n];
        System.arraycopy(gray, 0, sl, 0, n);
        VolumeSource src = VolumeWriters.arraySource(n, n, sl, vs);
        System.out.printf("generated in %.1f s (%d balls)%n", (System.nanoTime() - t0) / 1e9, b.germs());

        // ImageJ: stack histogram + threshold
        ImageStack st = new ImageStack(n, n);
        for (Object s : sl) {
            st.addSlice(null, s);
        }
        ImagePlus imp = new ImagePlus("bench", st);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = cal.pixelHeight = cal.pixelDepth = 0.85;
        cal.setUnit("micron");
        resetPeak();
        t0 = System.nanoTime();
        StackStatistics ss = new StackStatistics(imp);
        int ijThr = new AutoThresholder().getThreshold(AutoThresholder.Method.Otsu, ss.histogram);
        line("ImageJ StackStatistics + AutoThresholder(Otsu)", (System.nanoTime() - t0) / 1e9, nv, "threshold " + ijThr);

        resetPeak();
        t0 = System.nanoTime();
        StackHistogram h = StackHistogram.compute(src, null, threads);
        ThresholdRule rule = h.autoThreshold("Otsu", true);
        line("PoroPhase StackHistogram + Otsu (streaming)", (System.nanoTime() - t0) / 1e9, nv, "threshold " + rule.threshold());

        MaskSource mask = new ThresholdedMask(src, rule, vs, null);
        for (int t : new int[] {1, threads}) {
            resetPeak();
            t0 = System.nanoTime();
            IntrinsicVolumes m = IntrinsicVolumes.measure(mask, 2, t);
            line("threshold+porosity profile+surface+Euler, " + t + " thr", (System.nanoTime() - t0) / 1e9, nv,
                    String.format(Locale.ROOT, "phi %.4f (model %.4f) Sv %.5f (model %.5f) chi %d", m.porosity(), b.porosity(),
                            m.specificSurfaceArea(), b.sv(), m.euler()));
        }
        resetPeak();
        t0 = System.nanoTime();
        ComponentLabeler lab = ComponentLabeler.label(mask, threads);
        ComponentLabeler.Stats s = lab.stats(ComponentLabeler.faceMask("axis", 2), 2, 0);
        line("streaming 3D labelling (6-conn) + open/closed", (System.nanoTime() - t0) / 1e9, nv,
                String.format(Locale.ROOT, "%d components, open %d closed %d, tables %d MiB", s.components(), s.openCount(), s.closedCount(),
                        lab.memoryBytes() >> 20));
        lab = null;
        // end to end from disk: TIFF read slice by slice (virtual stack), Otsu, labelling, measures
        try {
            java.nio.file.Path tif = java.nio.file.Files.createTempFile("porophase-bench", ".tif");
            VolumeWriters.writeTiff(tif, imp);
            VolumeOptions o = VolumeOptions.defaults();
            o.localThickness = false;
            resetPeak();
            t0 = System.nanoTime();
            VolumeAnalysis a = VolumeAnalyzer.analyze(tif, o);
            line("VolumeAnalyzer from TIFF file (no local thickness)", (System.nanoTime() - t0) / 1e9, nv,
                    "steps " + a.timings() + " in-memory mask " + a.inMemory());
            java.nio.file.Files.deleteIfExists(tif);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sl = null;
        imp = null;
        st = null;
        src = null;
        gray = null;
        BinaryVolume bv = b.volume();
        b = null;
        resetPeak();
        t0 = System.nanoTime();
        LocalThickness lt = LocalThickness.compute(bv, 0.5, threads);
        line("local thickness (EDT + ridge-ball caps)", (System.nanoTime() - t0) / 1e9, nv,
                String.format(Locale.ROOT, "mean %.3f µm, p50 %.3f, levels %d, estimate %d MiB", lt.meanVolumeWeighted, lt.p50, lt.diameters.length,
                        LocalThickness.memoryNeeded(n, n, n) >> 20));
    }

    /** 3D median and Gaussian: ImageJ's Filters3D / GaussianBlur3D vs the streaming Denoise3D. */
    static void filters(int n) {
        int threads = Runtime.getRuntime().availableProcessors();
        long nv = (long) n * n * n;
        System.out.printf("VolumeBench filters %d³, %d threads%n", n, threads);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        Object[] sl = new Object[n];
        ImageStack st = new ImageStack(n, n);
        for (int z = 0; z < n; z++) {
            byte[] b = new byte[n * n];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            sl[z] = b;
            st.addSlice(null, b);
        }
        VoxelSize vs = VoxelSize.iso(1);
        VolumeSource src = VolumeWriters.arraySource(n, n, sl, vs);
        resetPeak();
        long t0 = System.nanoTime();
        ij.plugin.Filters3D.filter(st, ij.plugin.Filters3D.MEDIAN, 1, 1, 1);
        line("ImageJ Filters3D median r=1 (7-voxel ellipsoid)", (System.nanoTime() - t0) / 1e9, nv, "in memory, new stack");
        for (String mode : new String[] {"MEDIAN", "GAUSSIAN"}) {
            Denoise3D f = new Denoise3D(src, Denoise3D.Mode.valueOf(mode), 1.0, vs);
            resetPeak();
            t0 = System.nanoTime();
            Parallel.of(threads).forRange(n, Long.MAX_VALUE, (a, b2) -> {
                for (int z = a; z < b2; z++) {
                    f.slice(z);
                }
            });
            line("PoroPhase Denoise3D " + mode.toLowerCase(Locale.ROOT) + (mode.equals("MEDIAN") ? " 3x3x3 (27 voxels)" : " sigma 1"),
                    (System.nanoTime() - t0) / 1e9, nv, "streaming");
        }
        ImagePlus imp = new ImagePlus("g", st.duplicate());
        resetPeak();
        t0 = System.nanoTime();
        ij.plugin.GaussianBlur3D.blur(imp, 1, 1, 1);
        line("ImageJ GaussianBlur3D sigma 1", (System.nanoTime() - t0) / 1e9, nv, "in memory, in place");
    }
}
