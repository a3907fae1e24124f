package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import ij.ImagePlus;
import ij.measure.Measurements;
import ij.measure.ResultsTable;
import ij.plugin.filter.ParticleAnalyzer;
import ij.plugin.filter.RankFilters;
import ij.process.AutoThresholder;
import ij.process.ImageProcessor;
import org.porophase.analysis.SemAnalysisOptions;
import org.porophase.core.PoroPhaseException;
import org.porophase.analysis.SemAnalysisResult;
import org.porophase.analysis.SemAnalyzer;
import org.porophase.core.CalibrationSource;
import org.porophase.core.Calibration;
import org.porophase.io.SemImage;
import org.porophase.synth.SemSynthesizer;
import org.porophase.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: throughput of the SEM analysis on a generated image (default 4096 × 4096, Boolean
 * disk model with known perimeter density), next to ImageJ's own Median + Otsu threshold + Analyze
 * Particles (area, perimeter, Feret, shape, centroid) on the same pixels in the same run. Prints
 * the median of the timed repetitions, Mpixel/s, and each method's perimeter-density error against
 * the analytic truth. With {@code --volume-io DIR}: the chunked-read measurement of
 * {@link org.porophase.io.VolumeReadBench} instead.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the SEM analysis against ImageJ's threshold + Analyze Particles on a generated image.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Bounds of --reps and --size (the synthesizer renders at most 10⁸ pixels). */
    static final int MAX_REPS = 1000;
    static final int MIN_SIZE = 64;
    static final int MAX_SIZE = 10000;

    @Option(names = "--size", paramLabel = "PX", description = "Image width = height in pixels, 64 … 10000 (default 4096).")
    int size = 4096;
    @Option(names = "--reps", paramLabel = "N", description = "Timed repetitions of each method, 1 … 1000 (default 5; one warm-up first).")
    int reps = 5;
    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;
    @Option(names = "--volume-io", paramLabel = "DIR", description = "Instead: read a generated --io-size³ uint8 volume slice by slice as "
            + "OME-Zarr (gzip, 64³ chunks) and as a multi-page TIFF, both written into DIR; MB/s and peak heap of each.")
    java.nio.file.Path volumeIo;
    @Option(names = "--io-size", paramLabel = "N", description = "Edge of the --volume-io volume, 16 … 2048 (default 512).")
    int ioSize = 512;

    @Override
    public Integer call() {
        if (reps < 1 || reps > MAX_REPS) {
            throw new PoroPhaseException("--reps = " + reps + " is out of range: a whole number ≥ 1 and ≤ " + MAX_REPS
                    + " (timed repetitions of each method; default 5)");
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new PoroPhaseException("--size = " + size + " is out of range: a whole number ≥ " + MIN_SIZE + " and ≤ " + MAX_SIZE
                    + " pixels (the synthetic image is size × size; default 4096)");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (volumeIo != null) {
            Map<String, Object> m = org.porophase.io.VolumeReadBench.run(volumeIo, ioSize, Math.min(64, ioSize), Math.min(reps, 3));
            if (json) {
                out.println(Json.write(m));
            } else {
                out.printf(java.util.Locale.ROOT, "Reading a %s uint8 volume slice by slice (best of %d):%n", m.get("volume_voxels"), Math.min(reps, 3));
                out.printf(java.util.Locale.ROOT, "  OME-Zarr gzip 64^3: %.0f MB/s, live heap %.0f MB (one chunk layer %.0f MB), %.0f MB on disk%n",
                        m.get("zarr_read_mb_per_s"), m.get("zarr_read_live_heap_mb"), m.get("zarr_chunk_layer_mb"),
                        ((Number) m.get("zarr_bytes_on_disk")).doubleValue() / 1e6);
                out.printf(java.util.Locale.ROOT, "  TIFF stack:         %.0f MB/s, live heap %.0f MB%n", m.get("tiff_read_mb_per_s"), m.get("tiff_read_live_heap_mb"));
            }
            out.flush();
            return 0;
        }
        double pixel = 0.05;
        SemSynthesizer.Synthetic syn = SemSynthesizer.generate(SemSynthesizer.Params.builder()
                .model(SemSynthesizer.Model.BOOLEAN).width(size).height(size).pixelSizeUm(pixel)
                .radiusUm(1.0).porosity(0.4).noise(10).blurPx(1.0).seed(42).build());
        ImageProcessor ip = syn.image();
        double truthLa = ((Number) syn.truth().get("perimeter_density_per_um_realization")).doubleValue();
        SemImage img = new SemImage(ip, Calibration.of2D(pixel, pixel, CalibrationSource.USER, "bench"),
                java.util.List.of(), null, "bench", 8, Map.of(), OptionalInt.empty());
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.autocrop = false;
        o.localThickness = false; // ImageJ's Analyze Particles has no counterpart; timed separately below
        SemAnalyzer analyzer = new SemAnalyzer(o);

        double[] ours = new double[reps];
        double[] theirs = new double[reps];
        SemAnalysisResult r = analyzer.analyze(img);
        double ijPerimeter = imagejAnalyzeParticles(ip, pixel);
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r = analyzer.analyze(img);
            ours[i] = (System.nanoTime() - t0) * 1e-9;
            t0 = System.nanoTime();
            ijPerimeter = imagejAnalyzeParticles(ip, pixel);
            theirs[i] = (System.nanoTime() - t0) * 1e-9;
        }
        long tl = System.nanoTime();
        org.porophase.binary.LocalThickness2D.of(r.segmentation().mask(), pixel);
        double tLocal = (System.nanoTime() - tl) * 1e-9;
        double mpix = (double) size * size / 1e6;
        double tOurs = median(ours);
        double tIj = median(theirs);
        double areaUm2 = (double) size * size * pixel * pixel;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image_px", size + "x" + size);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("repetitions", reps);
        m.put("porophase_seconds_median", tOurs);
        m.put("porophase_mpixel_per_s", mpix / tOurs);
        m.put("imagej_seconds_median", tIj);
        m.put("imagej_mpixel_per_s", mpix / tIj);
        m.put("speedup_vs_imagej", tIj / tOurs);
        m.put("local_thickness_2d_seconds", tLocal);
        m.put("truth_perimeter_density_per_um", truthLa);
        m.put("porophase_perimeter_density_per_um", r.pores().specificSurfaceAreaPerUm());
        m.put("porophase_perimeter_error", r.pores().specificSurfaceAreaPerUm() / truthLa - 1);
        m.put("imagej_perimeter_density_per_um", ijPerimeter / areaUm2);
        m.put("imagej_perimeter_error", ijPerimeter / areaUm2 / truthLa - 1);
        m.put("pore_count", r.pores().totalPoreComponents());
        if (json) {
            out.println(Json.write(m));
        } else {
            out.printf("SEM analysis of a %dx%d image (%.1f Mpixel), %d cores, median of %d runs%n", size, size, mpix,
                    Runtime.getRuntime().availableProcessors(), reps);
            out.printf("  PoroPhase (auto denoise, Otsu, clean-up, labels, Crofton perimeter, Feret): %.3f s  %.1f Mpixel/s%n", tOurs, mpix / tOurs);
            out.printf("  ImageJ (Median, Otsu, Analyze Particles: area, perimeter, Feret, shape): %.3f s  %.1f Mpixel/s%n", tIj, mpix / tIj);
            out.printf("  speed-up %.2fx%n", tIj / tOurs);
            out.printf("  + 2D local-thickness pore size distribution (not in the timing above): %.3f s%n", tLocal);
            out.printf("  perimeter density vs truth %.5f /µm: PoroPhase %+.2f %%, ImageJ %+.2f %%%n", truthLa,
                    100 * (r.pores().specificSurfaceAreaPerUm() / truthLa - 1), 100 * (ijPerimeter / areaUm2 / truthLa - 1));
        }
        out.flush();
        return 0;
    }

    /** ImageJ's usual macro: Median (r = 1), setAutoThreshold("Otsu"), Analyze Particles size=4-∞. Returns Σ perimeter (µm). */
    static double imagejAnalyzeParticles(ImageProcessor source, double pixel) {
        ImageProcessor ip = source.duplicate();
        new RankFilters().rank(ip, 1.0, RankFilters.MEDIAN);
        ImagePlus imp = new ImagePlus("bench", ip);
        ij.measure.Calibration cal = imp.getCalibration();
        cal.pixelWidth = pixel;
        cal.pixelHeight = pixel;
        cal.setUnit("micron");
        ip.setAutoThreshold(AutoThresholder.Method.Otsu, false, ImageProcessor.NO_LUT_UPDATE);
        ResultsTable rt = new ResultsTable();
        int measurements = Measurements.AREA | Measurements.PERIMETER | Measurements.FERET | Measurements.SHAPE_DESCRIPTORS
                | Measurements.CENTROID;
        ParticleAnalyzer pa = new ParticleAnalyzer(ParticleAnalyzer.SHOW_NONE, measurements, rt, 4 * pixel * pixel,
                Double.POSITIVE_INFINITY);
        pa.setHideOutputImage(true);
        pa.analyze(imp, ip);
        double sum = 0;
        int col = rt.getColumnIndex("Perim.");
        for (int i = 0; i < rt.size(); i++) {
            sum += rt.getValueAsDouble(col, i);
        }
        return sum;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
