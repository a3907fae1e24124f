package org.porophase.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.porophase.analysis.SemAnalysisOptions;
import org.porophase.filter.Denoise;
import org.porophase.filter.NoiseEstimator;
import org.porophase.measure.BorderPolicy;
import org.porophase.measure.IsolinePerimeter;
import org.porophase.measure.PoreAnalysis;
import org.porophase.measure.PoreMeasurer;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;
import org.porophase.synth.SemSynthesizer.Synthetic;

/**
 * The default 2D pipeline ({@code denoise: auto} → non-local means, {@code deconvolve: auto}, Otsu, clean-up, grey-level split) on realistic renderings with exact
 * truth, over 3 seeds each (medians). Bounds are the measured values with a margin (SegmentationBench has the sweep on
 * 512² images):
 * <ul>
 * <li>non-touching pores 2 px apart (δ = 20 px, φ = 0.40, PSF blur 1 px, SNR 5 and 7, 400² px): pore count within 2 %
 * (bench: −1.7 % and −0.9 %; the old Gaussian default −13.7 % and −12.9 %);</li>
 * <li>Boolean disks r = 15 px, φ = 0.45, blur 1 px, SNR 5, shading 0.15 (384², seeds 1000–1002): Crofton S_c median
 * −3.0 % (−1.3 / −3.9 / −3.0 %; bound −4.5 … 0 %; session-6 default without the split −3.2 %, the Gaussian default
 * before it −8.5 %), isoline −1.8 % (bound −3.5 … 0 %; without the split −2.0 %).</li>
 * </ul>
 */
class ThinWallSegmentationTest {

    record Run(double countErr, double croftonErr, double isoErr, Denoise applied) {
    }

    static Run run(Params p) {
        Synthetic s = SemSynthesizer.generate(p);
        NoiseEstimator.Choice ch = NoiseEstimator.choose(s.image());
        SegmentationOptions o = SemAnalysisOptions.defaults().segmentation(ch);
        SegmentationResult seg = Segmenter2D.segment(s.image(), o);
        double pw = p.pixelSizeUm();
        PoreAnalysis pa = PoreMeasurer.measure(seg.mask(), pw, pw, BorderPolicy.INCLUDE);
        Object tSc = s.truth().containsKey("perimeter_density_per_um_realization") ? s.truth().get("perimeter_density_per_um_realization")
                : s.truth().get("perimeter_density_per_um");
        double sc = ((Number) tSc).doubleValue();
        double iso = IsolinePerimeter.density(seg.filtered(), (byte[]) seg.mask().getPixels(), p.width(), p.height(), seg.threshold(), pw, pw, null);
        double cnt = s.truth().containsKey("pore_count") ? pa.totalPoreComponents() / ((Number) s.truth().get("pore_count")).doubleValue() - 1 : 0;
        return new Run(cnt, pa.specificSurfaceAreaPerUm() / sc - 1, iso / sc - 1, o.getDenoise());
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    @Test
    void poresTwoPixelsApartAreCounted() {
        for (double snr : new double[] {5, 7}) {
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                Run r = run(Params.builder().model(Model.CYLINDERS).width(400).height(400).poreDiameterUm(2.0).porosity(0.40)
                        .minGapPx(2).blurPx(1.0).snr(snr).seed(1000 + k).build());
                assertEquals(Denoise.NLM, r.applied());
                c[k] = r.countErr();
            }
            assertTrue(Math.abs(median(c)) <= 0.02, "SNR " + snr + ": count error " + Arrays.toString(c));
        }
    }

    /**
     * At a PSF blur of 1.5 px a 2-px wall peaks below the contrast's midpoint; the default's deconvolution lifts it back:
     * count within 2 % at SNR 12 (ThinWallGrid: −0.5 %; without the deconvolution −5.6 %).
     */
    @Test
    void poresTwoPixelsApartAtBlurOneAndAHalf() {
        double[] c = new double[3];
        for (int k = 0; k < 3; k++) {
            Run r = run(Params.builder().model(Model.CYLINDERS).width(400).height(400).poreDiameterUm(2.0).porosity(0.40)
                    .minGapPx(2).blurPx(1.5).snr(12).seed(1000 + k).build());
            c[k] = r.countErr();
        }
        assertTrue(Math.abs(median(c)) <= 0.02, "count error " + Arrays.toString(c));
    }

    /**
     * Non-touching cylinders 2 px apart (δ = 20 px, φ = 0.42, 384² px, blur 1.5 px, SNR 5 — the ThinWallGrid {@code cyl}
     * case, seeds 3000 and 3001): the default, with the grey-level split, keeps every pore (measured: exact in both; the
     * session-6 default without the split −5.6 %), and the Crofton S_c keeps its noise-roughness excess in bounds
     * (measured +2.97 % and +2.74 %, bound 0 … +3.5 %; without the split +2.80 % and +2.58 %).
     */
    @Test
    void cylindersAtSnrFiveKeepEveryPore() {
        for (int k = 0; k < 2; k++) {
            Run r = run(Params.builder().model(Model.CYLINDERS).width(384).height(384).pixelSizeUm(0.1).poreDiameterUm(2.0)
                    .porosity(0.42).minGapPx(2).blurPx(1.5).snr(5).seed(3000 + k).build());
            assertTrue(Math.abs(r.countErr()) <= 0.02, "seed " + k + ": count error " + r.countErr());
            assertTrue(r.croftonErr() > 0 && r.croftonErr() <= 0.035, "seed " + k + ": Crofton S_c error " + r.croftonErr());
        }
    }

    @Test
    void booleanDisksKeepTheirPerimeter() {
        double[] iso = new double[3];
        double[] cr = new double[3];
        for (int k = 0; k < 3; k++) {
            Run r = run(Params.builder().model(Model.BOOLEAN).width(384).height(384).radiusUm(1.5).porosity(0.45)
                    .blurPx(1.0).snr(5).shading(0.15).seed(1000 + k).build());
            iso[k] = r.isoErr();
            cr[k] = r.croftonErr();
        }
        assertTrue(median(iso) > -0.035 && median(iso) < 0, "isoline S_c error " + Arrays.toString(iso));
        assertTrue(median(cr) > -0.045 && median(cr) < 0, "Crofton S_c error " + Arrays.toString(cr));
    }

    /**
     * The bundled parallel-cylinder images through the whole default analysis: Crofton S_c within 1 % of 4φ/δ
     * (measured +0.2 %, +0.4 % with the deconvolution; +0.4 %, +0.9 % without), pore counts exact, porosity within 0.002.
     */
    @Test
    void bundledCylindersStayWithinOnePercent() throws java.io.IOException {
        org.porophase.analysis.SemAnalyzer a = new org.porophase.analysis.SemAnalyzer(SemAnalysisOptions.defaults());
        for (String name : new String[] {"sem_cylinders_fei", "sem_cylinders_tescan"}) {
            java.nio.file.Path f = java.nio.file.Path.of("test-images", name + ".tif");
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> t = (java.util.Map<String, Object>) new org.yaml.snakeyaml.Yaml()
                    .load(java.nio.file.Files.readString(f.resolveSibling(name + ".truth.json")));
            java.util.Map<String, Object> r = a.analyze(f).summary();
            double sc = ((Number) t.get("specific_surface_per_um")).doubleValue();
            assertEquals(sc, ((Number) r.get("specific_surface_area_per_um")).doubleValue(), 0.01 * sc, name);
            assertEquals(((Number) t.get("pore_count")).intValue(), ((Number) r.get("pore_count")).intValue(), name);
            assertEquals(((Number) t.get("porosity")).doubleValue(), ((Number) r.get("porosity")).doubleValue(), 0.002, name);
            assertEquals("nlm r=2.0 px", r.get("denoise_applied"), name);
        }
    }

    /** A clean image needs no filter; a noisy one gets non-local means with the estimated noise σ. */
    @Test
    void autoChoosesNonLocalMeansOnlyForNoise() {
        SemSynthesizer.Builder b = Params.builder().model(Model.BOOLEAN).width(256).height(256).radiusUm(1.5).blurPx(1.0).seed(3);
        NoiseEstimator.Choice clean = NoiseEstimator.choose(SemSynthesizer.generate(b.noise(0).grain(false).build()).image());
        assertEquals(Denoise.NONE, clean.denoise());
        NoiseEstimator.Choice noisy = NoiseEstimator.choose(SemSynthesizer.generate(b.snr(5).build()).image());
        assertEquals(Denoise.NLM, noisy.denoise());
        assertEquals(NoiseEstimator.AUTO_NLM_SEARCH_PX, noisy.radiusPx(), 0);
        // σ at mid-gray 26; the rendering's noise is half signal-proportional, so the estimate lies within 25 %
        assertEquals(26, noisy.noiseSigma(), 6.5);
        SegmentationOptions o = SemAnalysisOptions.defaults().segmentation(noisy);
        assertEquals(noisy.noiseSigma(), o.getNoiseSigma(), 0);
    }
}
