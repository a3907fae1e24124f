package org.porophase.analysis;

import org.porophase.core.VoxelSize;
import org.porophase.core.VolumeSource;
import org.porophase.core.BinaryVolume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.VolumeWriters;
import org.porophase.measure.IntrinsicVolumes;
import org.porophase.synth.SyntheticVolumes;

/** End-to-end: read → segment → measure → outputs. */
class VolumeAnalyzerTest {
    @TempDir
    Path tmp;

    private static VolumeOptions opts() {
        VolumeOptions o = VolumeOptions.defaults();
        o.threads = 2;
        return o;
    }

    @Test
    void grayBooleanVolumeThroughTheWholePipeline() {
        // 96³ gray Boolean model (r = 6 voxels, φ = 0.3) with blur and noise, written as TIFF and read
        // back. With a 3D Gaussian (σ = 0.7 voxel) and Otsu on the stack histogram the segmentation must recover the
        // noise-free mask's porosity within 0.02 and its Crofton S_V within 8 % (noise and blur move the
        // boundary by a fraction of a voxel; the estimator itself is tested on exact masks elsewhere).
        VoxelSize vs = VoxelSize.iso(0.85);
        SyntheticVolumes.Boolean b = SyntheticVolumes.booleanSpheres(96, 96, 96, vs, 6 * 0.85, 0.3, 5);
        byte[][] g = SyntheticVolumes.toGray(b.volume(), 60, 170, 0.8, 12, 9);
        Object[] sl = new Object[g.length];
        System.arraycopy(g, 0, sl, 0, g.length);
        Path f = tmp.resolve("boolean.tif");
        VolumeWriters.writeTiff(f, VolumeWriters.toImagePlus("b", 96, 96, sl, vs));
        assertTrue(VolumeAnalyzer.isVolume(f));
        IntrinsicVolumes truth = IntrinsicVolumes.measure(b.volume(), 2, 2);
        VolumeOptions o = opts();
        o.denoise = "gaussian";
        o.gaussianSigmaVoxels = 0.7;
        o.writeMask = true;
        Path out = tmp.resolve("out");
        VolumeAnalysis a = new org.porophase.pipeline.AnalyzeJob(
                org.porophase.config.PluginConfig.defaults(), out).volume(f, o);
        System.out.printf("pipeline: phi %.4f (mask %.4f), Sv %.4f (mask %.4f), mean LT %.3f, open %d closed %d, threshold %s%n",
                a.porosity(), truth.porosity(), a.specificSurfaceArea(), truth.specificSurfaceArea(), a.meanPoreDiameter(),
                a.components().openCount(), a.components().closedCount(), a.thresholdMethod());
        assertEquals(truth.porosity(), a.porosity(), 0.02);
        assertEquals(truth.specificSurfaceArea(), a.specificSurfaceArea(), 0.08 * truth.specificSurfaceArea());
        assertEquals(0.85, a.voxelSize().x(), 1e-5);
        Map<String, Object> j = a.toJson();
        for (String k : List.of("voxel_size_um", "porosity", "surface_area_um2", "specific_surface_area_per_um", "porosity_profile",
                "open_porosity", "closed_porosity", "open_pore_count", "closed_pore_count", "mean_pore_diameter_um")) {
            assertTrue(j.containsKey(k), k);
            assertNotNull(j.get(k), k);
        }
        assertEquals(a.porosity(), (Double) j.get("open_porosity") + (Double) j.get("closed_porosity"), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> prof = (Map<String, Object>) j.get("porosity_profile");
        assertEquals("z", prof.get("axis"));
        assertEquals(96, ((double[]) prof.get("position_um")).length);
        assertTrue(Files.exists(out.resolve("boolean.summary.json")));
        assertTrue(Files.exists(out.resolve("boolean.profile.csv")));
        assertTrue(Files.exists(out.resolve("boolean.profile.png")));
        assertTrue(Files.exists(out.resolve("boolean.psd.csv")));
        assertTrue(Files.exists(out.resolve("boolean.mask.tif")));
    }

    @Test
    void anisotropicVoxelsGiveTheSameMicronResults() {
        // The same Boolean structure sampled with 1×1×1 µm and 1×1×2 µm voxels (z resolution halved):
        // porosity within 0.01, S_V within 4 % and mean local thickness within 2 µm (one coarse voxel).
        double r = 7;
        SyntheticVolumes.Boolean fine = SyntheticVolumes.booleanSpheres(80, 80, 80, VoxelSize.iso(1), r, 0.3, 21);
        BinaryVolume coarse = SyntheticVolumes.balls(80, 80, 40, new VoxelSize(1, 1, 2), fine.centres(), r);
        VolumeOptions o = opts();
        o.poreValue = 1.0;
        VolumeAnalysis a1 = VolumeAnalyzer.analyze(asSource(fine.volume()), o);
        VolumeAnalysis a2 = VolumeAnalyzer.analyze(asSource(coarse), o);
        System.out.printf("aniso: phi %.4f/%.4f Sv %.4f/%.4f LT %.3f/%.3f%n", a1.porosity(), a2.porosity(), a1.specificSurfaceArea(),
                a2.specificSurfaceArea(), a1.meanPoreDiameter(), a2.meanPoreDiameter());
        assertEquals(a1.porosity(), a2.porosity(), 0.01);
        assertEquals(a1.specificSurfaceArea(), a2.specificSurfaceArea(), 0.04 * a1.specificSurfaceArea());
        assertEquals(a1.meanPoreDiameter(), a2.meanPoreDiameter(), 2.0);
        assertEquals(2.0, a2.voxelSize().z());
    }

    /** A 0/1 mask as an 8-bit gray source. */
    static VolumeSource asSource(BinaryVolume v) {
        Object[] sl = new Object[v.depth()];
        for (int z = 0; z < v.depth(); z++) {
            sl[z] = v.slice(z).clone();
        }
        return VolumeWriters.arraySource(v.width(), v.height(), sl, v.voxelSize());
    }

    @Test
    void cylinderRoiSurfacesAndNaN() {
        // A membrane (z 10..29 of 40) of known porosity 0.25 inside a round field of view (outside = 0),
        // air (bright pores = low... here pores are value 50, solid 200, air 50) above and below; NaN voxels
        // in one slice. Auto cylinder, surface detection: porosity of the slab between the surfaces = 0.25
        // within 0.01 (the cylinder rim excluded), NaN voxels excluded and reported.
        int n = 64;
        int d = 40;
        float[][] sl = new float[d][n * n];
        int nan = 0;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double rr = Math.hypot(x + 0.5 - 32, y + 0.5 - 32);
                    float v;
                    if (rr > 28) {
                        v = 0; // outside the reconstruction
                    } else if (z < 10 || z >= 30) {
                        v = 50; // air = pore gray
                    } else {
                        v = ((x / 2 + y / 2) % 2 == 0 && (x / 2) % 2 == 0) ? 50 : 200; // 25 % pore pattern
                    }
                    if (z == 20 && x == 30 && y < 10 + 10 && y >= 10) {
                        v = Float.NaN;
                        nan++;
                    }
                    sl[z][y * n + x] = v;
                }
            }
        }
        Object[] o2 = new Object[d];
        System.arraycopy(sl, 0, o2, 0, d);
        VolumeOptions o = opts();
        o.cylinder = "auto";
        o.detectSurfaces = true;
        o.threshold = 120.0;
        o.localThickness = false;
        VolumeAnalysis a = VolumeAnalyzer.analyze(VolumeWriters.arraySource(n, n, o2, VoxelSize.iso(2)), o);
        System.out.printf("membrane: phi %.4f surfaces %d..%d cyl %s nan %d%n", a.porosity(), a.surfaces()[0], a.surfaces()[1], a.cylinder(), a.nanVoxels());
        assertEquals(10, a.surfaces()[0]);
        assertEquals(29, a.surfaces()[1]);
        assertEquals(nan, a.nanVoxels());
        assertEquals(0.25, a.porosity(), 0.01);
        assertEquals(20, a.profilePorosity().length);
        assertTrue(a.toJson().containsKey("surfaces"));
    }

    @Test
    void bilayerOpenClosedThroughTheAnalyzer() {
        SyntheticVolumes.Bilayer b = SyntheticVolumes.bilayer(64, 64, 64, 0.85, 6, 5, 2, 4);
        VolumeOptions o = opts();
        o.poreValue = 1.0;
        o.localThickness = false;
        VolumeAnalysis a = VolumeAnalyzer.analyze(asSource(b.volume()), o);
        assertEquals(b.openCount(), a.components().openCount());
        assertEquals(b.closedCount(), a.components().closedCount());
        assertEquals(b.percolatingCount(), a.components().percolatingCount());
        assertEquals(a.porosity(), a.openPorosity() + a.closedPorosity(), 1e-12);
        assertTrue(a.percolatingPorosity() < a.openPorosity());
        assertTrue(!a.inMemory() || a.maskMemoryBytes() == 64L * 64 * 64);
    }

    @Test
    void streamingAndInMemoryGiveIdenticalResults() {
        // The beyond-memory path (every pass re-reads and re-filters the slices; small-object removal
        // through the labeller's streaming view) must give exactly the in-memory results.
        SyntheticVolumes.Boolean b = SyntheticVolumes.booleanSpheres(48, 48, 48, VoxelSize.iso(1), 3, 0.25, 8);
        byte[][] g = SyntheticVolumes.toGray(b.volume(), 60, 170, 0.8, 20, 3);
        Object[] sl = new Object[g.length];
        System.arraycopy(g, 0, sl, 0, g.length);
        VolumeAnalysis[] r = new VolumeAnalysis[2];
        for (int k = 0; k < 2; k++) {
            VolumeOptions o = opts();
            o.denoise = "median";
            o.minPoreVoxels = 20;
            o.cylinder = "24,24,22";
            o.localThickness = false;
            o.streaming = k == 1;
            r[k] = VolumeAnalyzer.analyze(VolumeWriters.arraySource(48, 48, sl, VoxelSize.iso(1)), o);
        }
        assertTrue(r[0].inMemory());
        assertTrue(!r[1].inMemory());
        assertTrue(r[0].components().removedCount() > 0);
        assertEquals(r[0].measures().poreVoxels, r[1].measures().poreVoxels);
        assertEquals(r[0].measures().roiVoxels, r[1].measures().roiVoxels);
        assertEquals(r[0].surfaceArea(), r[1].surfaceArea(), 1e-9);
        assertEquals(r[0].measures().euler(), r[1].measures().euler());
        assertEquals(r[0].components(), r[1].components());
        VolumeOptions bad = opts();
        bad.streaming = true;
        assertThrows(PoroPhaseException.class, () -> VolumeAnalyzer.analyze(VolumeWriters.arraySource(48, 48, sl, VoxelSize.iso(1)), bad));
    }

    @Test
    void missingVoxelSizeIsAnActionableError() {
        Object[] sl = {new byte[4], new byte[4]};
        PoroPhaseException e = assertThrows(PoroPhaseException.class,
                () -> VolumeAnalyzer.analyze(VolumeWriters.arraySource(2, 2, sl, null), opts()));
        assertTrue(e.getMessage().contains("--voxel-size"), e.getMessage());
    }

    @Test
    void bundledTestImageMatchesItsTruth() throws Exception {
        // test-images/xct_boolean_spheres_80.tif (noise + blur) against its .truth.json: porosity
        // within 0.02 and S_V within 10 % of the noise-free mask (r = 5 voxels, noisy and blurred gray input:
        // the blur of the rendering rounds the balls' intersections, measured −6 %).
        Path f = Path.of("test-images/xct_boolean_spheres_80.tif");
        Assumptions.assumeTrue(Files.exists(f), "test image not present");
        String truth = Files.readString(Path.of("test-images/xct_boolean_spheres_80.truth.json"));
        double phi = num(truth, "porosity_noise_free_mask");
        double sv = num(truth, "specific_surface_area_per_um_noise_free_mask_crofton");
        VolumeOptions o = opts();
        o.denoise = "gaussian";
        o.gaussianSigmaVoxels = 0.7;
        o.localThickness = false;
        VolumeAnalysis a = VolumeAnalyzer.analyze(f, o);
        System.out.printf("test image: phi %.4f (truth %.4f) Sv %.4f (truth %.4f)%n", a.porosity(), phi, a.specificSurfaceArea(), sv);
        assertEquals(phi, a.porosity(), 0.02);
        assertEquals(sv, a.specificSurfaceArea(), 0.10 * sv);
    }

    static double num(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(json);
        assertTrue(m.find(), key);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void realGrayXctSkipsCleanlyWhenAbsent() {
        // Optional: PuMA FiberForm, real grayscale XCT 100³, voxel 1.3 µm (the file's 0.01 inch
        // calibration is wrong, so it is overridden). FiberForm is a highly porous carbon-fibre preform:
        // Otsu on the stack histogram must give a porosity between 0.7 and 0.95, open ≫ closed.
        Path f = Path.of("../shared/data/puma_100_fiberform.tif");
        if (!Files.exists(f)) {
            f = Path.of("../../shared/data/puma_100_fiberform.tif");
        }
        Assumptions.assumeTrue(Files.exists(f), "shared data not present");
        VolumeOptions o = opts();
        o.voxelSize = VoxelSize.iso(1.3);
        VolumeAnalysis a = VolumeAnalyzer.analyze(f, o);
        System.out.printf("puma: phi %.4f Sv %.4f open %.4f closed %.4f perc %.4f LT %.3f threshold %s%n", a.porosity(), a.specificSurfaceArea(),
                a.openPorosity(), a.closedPorosity(), a.percolatingPorosity(), a.meanPoreDiameter(), a.threshold());
        assertTrue(a.porosity() > 0.7 && a.porosity() < 0.95, "porosity " + a.porosity());
        assertTrue(a.openPorosity() > 10 * a.closedPorosity());
    }

    @Test
    void realDataSkipsCleanlyWhenAbsent() {
        // Optional: the TauFactor electrode (3 phases, pore = 0), 256³, voxel 0.390625 µm.
        Path f = Path.of("../shared/data/taufactor_electrode.tiff");
        if (!Files.exists(f)) {
            f = Path.of("../../shared/data/taufactor_electrode.tiff"); // from a worktree folder
        }
        Assumptions.assumeTrue(Files.exists(f), "shared data not present");
        VolumeOptions o = opts();
        o.poreValue = 0.0;
        o.voxelSize = VoxelSize.iso(0.390625);
        o.localThickness = false;
        o.crop = "0,0,0,128,128,128";
        VolumeAnalysis a = VolumeAnalyzer.analyze(f, o);
        System.out.printf("taufactor crop: phi %.4f Sv %.4f open %.4f closed %.4f perc %.4f euler %d%n", a.porosity(), a.specificSurfaceArea(),
                a.openPorosity(), a.closedPorosity(), a.percolatingPorosity(), a.measures().euler());
        assertTrue(a.porosity() > 0.05 && a.porosity() < 0.8);
        assertEquals(a.porosity(), a.openPorosity() + a.closedPorosity(), 1e-12);
    }

    /** A single SEM section as a volume: its data bar is left out, as analyze leaves it out (porosity of the scan, not of the frame). */
    @Test
    void aSingleSemSectionIsAnalysedWithoutItsDataBar() {
        org.porophase.synth.SemSynthesizer.Synthetic syn = org.porophase.synth.SemSynthesizer.generate(org.porophase.synth.SemSynthesizer.Params
                .builder().model(org.porophase.synth.SemSynthesizer.Model.CYLINDERS).width(200).height(150).pixelSizeUm(0.1).poreDiameterUm(1.5)
                .porosity(0.3).infoBarPx(40).vendor(org.porophase.synth.SemSynthesizer.Vendor.FEI).seed(3).build());
        Path in = tmp.resolve("section.tif");
        org.porophase.synth.SemSynthesizer.write(syn, in);
        VolumeAnalysis a = VolumeAnalyzer.analyze(in, VolumeOptions.defaults());
        assertTrue(a.warnings().stream().anyMatch(w -> w.startsWith("data bar excluded: rows 150")), a.warnings().toString());
        double truth = ((Number) syn.truth().get("porosity")).doubleValue();
        assertEquals(truth, a.porosity(), 0.02, "the scan's porosity; with the 40 black bar rows it would read about 0.44");
    }
}
