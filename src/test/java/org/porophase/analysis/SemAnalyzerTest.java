package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Vendor;

/** The whole SEM pipeline (file → calibration → info bar → segmentation → measurement) against analytic truth. */
class SemAnalyzerTest {

    static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    static SemSynthesizer.Synthetic write(Path file, SemSynthesizer.Params p) {
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(p);
        SemSynthesizer.write(s, file);
        return s;
    }

    /**
     * Parallel cylinders (non-touching disks of one diameter, FEI metadata, info bar, noise 12, blur 1 px):
     * S_c = 4φ/δ exactly. Tolerances: porosity ±0.01 and S_c ±3 % (the targets), count exact
     * (pores don't touch), mean diameter ±2 %.
     */
    @Test
    void parallelCylindersMatchEquationOne(@TempDir Path dir) {
        Path f = dir.resolve("cyl.tif");
        SemSynthesizer.Synthetic s = write(f, SemSynthesizer.Params.builder().model(Model.CYLINDERS).width(640).height(480)
                .pixelSizeUm(0.05).poreDiameterUm(1.5).porosity(0.4).noise(12).blurPx(1.0).infoBarPx(56)
                .vendor(Vendor.FEI).seed(7).build());
        Map<String, Object> r = new SemAnalyzer(SemAnalysisOptions.defaults()).analyze(f).summary();
        Map<String, Object> t = s.truth();
        assertEquals("fei", r.get("calibration_source"));
        assertEquals(0.05, num(r, "pixel_size_um"), 1e-12);
        assertEquals(480, num(r, "rows_analyzed"), 0, "info bar excluded exactly");
        assertEquals(num(t, "porosity"), num(r, "porosity"), 0.01);
        assertEquals(num(t, "pore_count"), num(r, "pore_count"), 0);
        assertEquals(num(t, "specific_surface_per_um"), num(r, "specific_surface_area_per_um"), 0.03 * num(t, "specific_surface_per_um"));
        assertEquals(1.5, num(r, "mean_pore_diameter_um"), 0.02 * 1.5);
        // 2D local thickness of a disk runs up to 1.5 px low (centre-to-nearest-solid-centre convention)
        assertEquals(1.5, num(r, "local_thickness_mean_um"), 1.5 * 0.05);
        assertEquals(num(t, "specific_surface_per_um"), num(r, "ideal_cylinder_specific_surface_per_um"),
                0.03 * num(t, "specific_surface_per_um"));
        // eq. 2 at d = 5 µm from the measured S_c
        double sc = num(r, "specific_surface_area_per_um");
        assertEquals(1 - 1 / (5 * sc), num(r, "current_density_reduction"), 1e-12);
    }

    /**
     * Boolean model of overlapping disks (Zeiss metadata, info bar, noise 6, blur 0.7 px). Porosity ±0.01 of
     * the realization. Perimeter density: the truth counts the sharp cusps where disks intersect; the
     * PSF and any smoothing round them, so the estimate runs low: −2.5 % at this noise, up to −6 % on noisy
     * images (see NoiseEstimator). Tolerance −5 % … +3 % of the realization's exact boundary length.
     */
    @Test
    void booleanModelPorosityAndPerimeterDensity(@TempDir Path dir) {
        Path f = dir.resolve("bool.tif");
        SemSynthesizer.Synthetic s = write(f, SemSynthesizer.Params.builder().model(Model.BOOLEAN).width(640).height(480)
                .pixelSizeUm(0.05).radiusUm(1.0).porosity(0.4).noise(6).blurPx(0.7).infoBarPx(40)
                .vendor(Vendor.ZEISS).seed(3).build());
        Map<String, Object> r = new SemAnalyzer(SemAnalysisOptions.defaults()).analyze(f).summary();
        Map<String, Object> t = s.truth();
        assertEquals("zeiss", r.get("calibration_source"));
        assertEquals(480, num(r, "rows_analyzed"), 0);
        assertEquals(num(t, "porosity_realization"), num(r, "porosity"), 0.01);
        double la = num(t, "perimeter_density_per_um_realization");
        double rel = num(r, "specific_surface_area_per_um") / la - 1;
        assertTrue(rel > -0.05 && rel < 0.03, "perimeter density error " + rel);
    }

    @Test
    void pixelSizeOverrideAndUncalibratedInput(@TempDir Path dir) {
        Path f = dir.resolve("plain.tif");
        write(f, SemSynthesizer.Params.builder().width(256).height(192).pixelSizeUm(0.05).poreDiameterUm(1.0)
                .porosity(0.3).vendor(Vendor.NONE).seed(2).build());
        // no calibration and µm outputs asked for (the default): refused, naming the file and both fixes
        PoroPhaseException refused = assertThrows(PoroPhaseException.class, () -> new SemAnalyzer(SemAnalysisOptions.defaults()).analyze(f));
        assertTrue(refused.getMessage().contains("plain.tif") && refused.getMessage().contains("--pixel-size")
                && refused.getMessage().contains("--units px"), refused.getMessage());
        SemAnalysisOptions px = SemAnalysisOptions.defaults();
        px.units = "px";
        SemAnalysisResult plain = new SemAnalyzer(px).analyze(f);
        Map<String, Object> r = plain.summary();
        assertEquals("none", r.get("calibration_source"));
        assertEquals("pixel", r.get("length_unit"));
        assertTrue(plain.warnings().stream().anyMatch(w -> w.contains("--units px")), plain.warnings().toString());
        // pixel units: every length key says _px (areas _px2, S_c _per_px); no _um key is left but the calibration's own
        assertTrue(r.containsKey("total_pore_perimeter_px") && r.containsKey("total_pore_area_px2")
                && r.containsKey("specific_surface_area_per_px"), r.keySet().toString());
        assertTrue(r.keySet().stream().filter(k -> k.endsWith("_um") || k.endsWith("_um2") || k.endsWith("_per_um"))
                .allMatch(k -> k.equals("pixel_size_um") || k.equals("pixel_height_um") || k.equals("impregnation_depth_um")), r.keySet().toString());
        assertEquals(null, r.get("current_density_reduction"), "R_J needs µm");
        assertEquals("diameter_px", plain.column("diameter_um"));
        assertTrue(plain.poreColumns().contains("area_px2") && plain.poreColumns().contains("ecd_px"), plain.poreColumns().toString());
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.pixelSizeUm = 0.05;
        Map<String, Object> c = new SemAnalyzer(o).analyze(f).summary();
        assertEquals("user", c.get("calibration_source"));
        // same pixels: lengths scale by the pixel size, areas by its square, porosity unchanged
        assertEquals(num(r, "porosity"), num(c, "porosity"), 1e-12);
        assertEquals(num(r, "total_pore_perimeter_px") * 0.05, num(c, "total_pore_perimeter_um"), 1e-9);
        assertEquals(num(r, "total_pore_area_px2") * 0.05 * 0.05, num(c, "total_pore_area_um2"), 1e-9);
        assertEquals(num(r, "specific_surface_area_per_px") / 0.05, num(c, "specific_surface_area_per_um"), 1e-9);
    }

    @Test
    void manualCropAndNoAutocrop(@TempDir Path dir) {
        Path f = dir.resolve("bar.tif");
        write(f, SemSynthesizer.Params.builder().width(256).height(200).pixelSizeUm(0.05).poreDiameterUm(1.0)
                .porosity(0.3).infoBarPx(40).vendor(Vendor.IMAGEJ).seed(2).build());
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.cropBottomPx = 50;
        assertEquals(190, num(new SemAnalyzer(o).analyze(f).summary(), "rows_analyzed"), 0);
        o.cropBottomPx = null;
        o.autocrop = false;
        assertEquals(240, num(new SemAnalyzer(o).analyze(f).summary(), "rows_analyzed"), 0);
        o.cropBottomPx = 236;
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> new SemAnalyzer(o).analyze(f));
        assertTrue(e.getMessage().contains("rows left"), e.getMessage());
    }

    @Test
    void badInputFailsClearlyAndWritesNothing(@TempDir Path dir) throws IOException {
        SemAnalysisOptions px = SemAnalysisOptions.defaults();
        px.units = "px"; // these inputs have no calibration: in pixel units each fails for its own reason
        SemAnalyzer a = new SemAnalyzer(px);
        assertTrue(assertThrows(PoroPhaseException.class, () -> a.analyze(dir.resolve("missing.tif"))).getMessage().contains("missing.tif"));
        Path empty = Files.createFile(dir.resolve("empty.tif"));
        assertTrue(assertThrows(PoroPhaseException.class, () -> a.analyze(empty)).getMessage().contains("empty.tif"));
        Path garbage = dir.resolve("garbage.tif");
        Files.write(garbage, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 2, 3});
        assertThrows(PoroPhaseException.class, () -> a.analyze(garbage));
        Path one = dir.resolve("one.tif");
        new FileSaver(new ImagePlus("one", new ByteProcessor(1, 1))).saveAsTiff(one.toString());
        assertThrows(PoroPhaseException.class, () -> a.analyze(one));
        Path uniform = dir.resolve("uniform.tif");
        ByteProcessor u = new ByteProcessor(64, 64);
        u.setValue(128);
        u.fill();
        new FileSaver(new ImagePlus("u", u)).saveAsTiff(uniform.toString());
        assertTrue(assertThrows(PoroPhaseException.class, () -> a.analyze(uniform)).getMessage().contains("uniform"));
        try (var s = Files.list(dir)) {
            assertEquals(4, s.count(), "nothing written beside the four inputs");
        }
    }

    @Test
    void rgbIsConvertedWithWarningAndAllSolidGivesZero(@TempDir Path dir) {
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(SemSynthesizer.Params.builder().width(200).height(160)
                .pixelSizeUm(0.1).poreDiameterUm(2).porosity(0.3).seed(5).build());
        Path rgb = dir.resolve("rgb.tif");
        new FileSaver(new ImagePlus("rgb", s.image().convertToColorProcessor())).saveAsTiff(rgb.toString());
        SemAnalysisOptions given = SemAnalysisOptions.defaults();
        given.pixelSizeUm = 0.1; // a plain RGB TIFF has no calibration
        SemAnalysisResult r = new SemAnalyzer(given).analyze(rgb);
        assertTrue(r.warnings().stream().anyMatch(w -> w.toLowerCase().contains("rgb")), r.warnings().toString());
        assertEquals(num(s.truth(), "porosity"), r.pores().porosity(), 0.01);
        // a binary mask image that is all solid except one speck below the minimum size: porosity 0, a warning
        ByteProcessor solid = new ByteProcessor(64, 64);
        solid.setValue(255);
        solid.fill();
        solid.set(10, 10, 0);
        Path sp = dir.resolve("solid.tif");
        new FileSaver(new ImagePlus("solid", solid)).saveAsTiff(sp.toString());
        SemAnalysisResult z = new SemAnalyzer(given).analyze(sp);
        assertEquals(0, z.pores().porosity(), 0);
        assertFalse(z.warnings().isEmpty());
    }
}
