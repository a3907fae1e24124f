package org.porophase.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import org.porophase.analysis.SemAnalysisOptions;
import org.porophase.filter.NoiseEstimator;
import org.porophase.measure.BorderPolicy;
import org.porophase.measure.PoreAnalysis;
import org.porophase.measure.PoreMeasurer;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;
import org.porophase.synth.SemSynthesizer.Synthetic;

/**
 * Benchmark (not a unit test): the default SEM segmentation on realistic renderings with exact truth, swept over
 * seeds; prints per-case medians of the S_c error (against the exact union perimeter) and of the pore-count error.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.porophase.segment.SegmentationBench [seeds]}
 */
public final class SegmentationBench {

    record Case(String name, SemSynthesizer.Builder p) {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } finally {
            System.exit(0); // ImageJ's Gaussian blur (synth) leaves pool threads
        }
    }

    static void run(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        String variant = args.length > 2 ? args[2] : "default";
        List<Case> cases = new ArrayList<>();
        for (double r : new double[] {10, 15}) {
            for (double blur : new double[] {1.0, 1.5}) {
                for (double snr : new double[] {5, 7}) {
                    cases.add(new Case(String.format(Locale.ROOT, "boolean r=%.0f blur=%.1f snr=%.0f shading=0.15", r, blur, snr),
                            Params.builder().model(Model.BOOLEAN).width(512).height(512).pixelSizeUm(0.1).radiusUm(r * 0.1)
                                    .porosity(0.45).blurPx(blur).snr(snr).shading(0.15)));
                }
            }
        }
        for (double blur : new double[] {1.0, 1.5}) {
            for (double snr : new double[] {5, 7}) {
                cases.add(new Case(String.format(Locale.ROOT, "cylinders d=20 gap=2 blur=%.1f snr=%.0f", blur, snr),
                        Params.builder().model(Model.CYLINDERS).width(512).height(512).pixelSizeUm(0.1).poreDiameterUm(2.0)
                                .porosity(0.42).minGapPx(2).blurPx(blur).snr(snr)));
            }
        }
        for (double blur : new double[] {1.0, 1.5}) {
            cases.add(new Case(String.format(Locale.ROOT, "cylinders d=20 gap=3 blur=%.1f snr=5", blur),
                    Params.builder().model(Model.CYLINDERS).width(512).height(512).pixelSizeUm(0.1).poreDiameterUm(2.0)
                            .porosity(0.36).minGapPx(3).blurPx(blur).snr(5)));
            cases.add(new Case(String.format(Locale.ROOT, "cylinders d=20 touching 0.3 blur=%.1f snr=5", blur),
                    Params.builder().model(Model.CYLINDERS).width(512).height(512).pixelSizeUm(0.1).poreDiameterUm(2.0)
                            .porosity(0.35).touchFraction(0.3).blurPx(blur).snr(5)));
            cases.add(new Case(String.format(Locale.ROOT, "boolean r=15 blur=%.1f snr=7 streaks=20", blur),
                    Params.builder().model(Model.BOOLEAN).width(512).height(512).pixelSizeUm(0.1).radiusUm(1.5)
                            .porosity(0.45).blurPx(blur).snr(7).streaks(20).shading(0.15).shadingProfile(SemSynthesizer.Shading.RADIAL)));
        }
        if (only.equals("time")) {
            time(variant);
            System.exit(0);
        }
        for (Case c : cases) {
            if (!c.name().contains(only)) {
                continue;
            }
            double[] sc = new double[seeds];
            double[] scMask = new double[seeds];
            double[] cnt = new double[seeds];
            double[] iso = new double[seeds];
            long t = 0;
            for (int s = 0; s < seeds; s++) {
                SemSynthesizer.Builder pb = c.p().seed(1000 + s);
                if (System.getenv("CLEAN") != null) {
                    pb.snr(Double.NaN).noise(0).shading(0).grain(false);
                    if (System.getenv("CLEAN").equals("noblur")) {
                        pb.blurPx(0);
                    }
                }
                Synthetic syn = SemSynthesizer.generate(pb.build());
                ImageProcessor img = syn.image();
                long t0 = System.nanoTime();
                NoiseEstimator.Choice ch = NoiseEstimator.choose(img);
                SegmentationOptions o = SemAnalysisOptions.defaults().segmentation(ch);
                if (variant.equals("gauss-auto")) { // the default before issue 12: the Gaussian of the position-noise rule
                    o.setDenoise(ch.gaussianSigmaPx() > 0 ? org.porophase.filter.Denoise.GAUSSIAN : org.porophase.filter.Denoise.NONE)
                            .setDenoiseRadiusPx(ch.gaussianSigmaPx() > 0 ? ch.gaussianSigmaPx() : 1);
                } else if (variant.startsWith("nlm")) {
                    o.setDenoise(org.porophase.filter.Denoise.NLM).setDenoiseRadiusPx(variant.length() > 3 ? Integer.parseInt(variant.substring(3)) : 4);
                } else if (variant.equals("median")) {
                    o.setDenoise(org.porophase.filter.Denoise.MEDIAN).setDenoiseRadiusPx(1);
                } else if (variant.startsWith("g")) {
                    o.setDenoise(org.porophase.filter.Denoise.GAUSSIAN).setDenoiseRadiusPx(Double.parseDouble(variant.substring(1)));
                } else if (variant.equals("none")) {
                    o.setDenoise(org.porophase.filter.Denoise.NONE);
                }
                SegmentationResult seg = Segmenter2D.segment(img, o);
                t += System.nanoTime() - t0;
                double pw = syn.params().pixelSizeUm();
                PoreAnalysis pa = PoreMeasurer.measure(seg.mask(), pw, pw, BorderPolicy.INCLUDE);
                PoreAnalysis pm = PoreMeasurer.measure((ByteProcessor) syn.poreMask(), pw, pw, BorderPolicy.INCLUDE);
                double truthSc = syn.truth().containsKey("perimeter_density_per_um_realization")
                        ? ((Number) syn.truth().get("perimeter_density_per_um_realization")).doubleValue()
                        : ((Number) syn.truth().get("perimeter_density_per_um")).doubleValue();
                sc[s] = pa.specificSurfaceAreaPerUm() / truthSc - 1;
                int w = img.getWidth();
                int h = img.getHeight();
                iso[s] = org.porophase.measure.IsolinePerimeter.density(seg.filtered(), (byte[]) seg.mask().getPixels(), w, h,
                        seg.threshold(), pw, pw, null) / truthSc - 1;
                scMask[s] = pm.specificSurfaceAreaPerUm() / truthSc - 1;
                if (syn.truth().containsKey("pore_count")) { // touching pores: one component per cluster of tangent disks
                    String key = syn.truth().containsKey("pore_clusters") ? "pore_clusters" : "pore_count";
                    cnt[s] = pa.totalPoreComponents() / ((Number) syn.truth().get(key)).doubleValue() - 1;
                }
            }
            System.out.printf(Locale.ROOT, "%-48s S_c %+6.2f %% (mask %+5.2f %%)  iso %+6.2f %%  count %+6.2f %%  %.0f ms/img%n", c.name(),
                    100 * median(sc), 100 * median(scMask), 100 * median(iso), 100 * median(cnt), t / 1e6 / seeds);
        }
        SemAnalysisOptions bo = SemAnalysisOptions.defaults();
        if (variant.equals("nodeconv")) {
            bo.deconvolve = "none";
        }
        org.porophase.analysis.SemAnalyzer an = new org.porophase.analysis.SemAnalyzer(bo);
        for (String name : new String[] {"sem_cylinders_fei", "sem_cylinders_tescan", "sem_boolean_zeiss"}) {
            if (!name.contains(only) && !only.equals("bundled")) {
                continue;
            }
            try {
                java.nio.file.Path f = java.nio.file.Path.of("test-images", name + ".tif");
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> t = (java.util.Map<String, Object>) new org.yaml.snakeyaml.Yaml()
                        .load(java.nio.file.Files.readString(f.resolveSibling(name + ".truth.json")));
                long t0 = System.nanoTime();
                java.util.Map<String, Object> r = an.analyze(f).summary();
                long t1 = System.nanoTime();
                double sc = ((Number) (t.containsKey("specific_surface_per_um") ? t.get("specific_surface_per_um")
                        : t.get("perimeter_density_per_um_realization"))).doubleValue();
                System.out.printf(Locale.ROOT, "%-48s S_c %+6.2f %%  iso %+6.2f %%  count %s / %s  porosity %.4f / %s  %s  %.0f ms%n", name,
                        100 * (((Number) r.get("specific_surface_area_per_um")).doubleValue() / sc - 1),
                        100 * (((Number) r.get("specific_surface_area_isoline_per_um")).doubleValue() / sc - 1),
                        r.get("pore_count"), t.get("pore_count"), ((Number) r.get("porosity")).doubleValue(),
                        t.containsKey("porosity") ? t.get("porosity") : t.get("porosity_realization"), r.get("denoise_applied"), (t1 - t0) / 1e6);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        System.exit(0);
    }

    /** Default pipeline (estimate + segment) on a 1024² Boolean rendering at SNR 7: 2 warm-ups, median of 5, 1 and all threads. */
    static void time(String variant) {
        Synthetic syn = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(1024).height(1024).radiusUm(1.5)
                .porosity(0.45).blurPx(1.0).snr(7).seed(1).build());
        for (int threads : new int[] {1, 0}) {
            double[] t = new double[7];
            for (int k = 0; k < t.length; k++) {
                long t0 = System.nanoTime();
                NoiseEstimator.Choice ch = NoiseEstimator.choose(syn.image());
                SegmentationOptions o = SemAnalysisOptions.defaults().segmentation(ch);
                if (variant.equals("gauss-auto")) {
                    o.setDenoise(org.porophase.filter.Denoise.GAUSSIAN).setDenoiseRadiusPx(ch.gaussianSigmaPx());
                }
                if (variant.equals("nodeconv")) {
                    o.setDeconvolveSigmaPx(Double.NaN);
                }
                if (threads == 1 && o.getDenoise() == org.porophase.filter.Denoise.NLM) {
                    // NLM alone, single-threaded, for the speed-up of the parallel bands
                    float[] f = new float[1024 * 1024];
                    byte[] px = (byte[]) syn.image().getPixels();
                    for (int i = 0; i < f.length; i++) {
                        f[i] = px[i] & 0xff;
                    }
                    org.porophase.filter.NonLocalMeans.filter(f, 1024, 1024, ch.noiseSigma(), 0.8 * ch.noiseSigma(), 1, 3, 1);
                } else {
                    Segmenter2D.segment(syn.image(), o);
                }
                t[k] = (System.nanoTime() - t0) / 1e6;
            }
            double[] m = Arrays.copyOfRange(t, 2, t.length);
            System.out.printf(Locale.ROOT, "1024² %s, %s: %.0f ms%n", variant, threads == 1 ? "NLM/denoise on 1 thread" : "full pipeline, all "
                    + Runtime.getRuntime().availableProcessors() + " threads", median(m));
        }
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
