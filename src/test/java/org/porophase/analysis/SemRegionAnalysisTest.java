package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.SemImage;
import org.porophase.io.SemReader;
import org.porophase.measure.PorosityProfile2D;
import org.porophase.report.Figures;
import org.porophase.report.SemOutputs;
import org.porophase.segment.Roi2D;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/**
 * The SEM pipeline inside a region (specimen band, ROI, ImageJ selection) and the porosity profile across the
 * thickness, against the generator's exact pore mask.
 */
class SemRegionAnalysisTest {

    static final double PX = 0.1;
    static final int W = 300, H = 260, TOP = 70, BOTTOM = 200;

    /** Membrane rows [TOP, BOTTOM) between smooth resin (gray 90) and mount (gray 150); {image, truth}. */
    static ByteProcessor[] crossSection(long seed) {
        int margin = 20; // the middle of a taller rendering: pores reach the membrane's surfaces
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(W).height(BOTTOM - TOP + 2 * margin)
                .pixelSizeUm(PX).porosity(0.3).noise(10).blurPx(1).grain(false).seed(seed).build());
        ByteProcessor img = new ByteProcessor(W, H);
        ByteProcessor truth = new ByteProcessor(W, H);
        Random r = new Random(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (y >= TOP && y < BOTTOM) {
                    img.set(x, y, s.image().get(x, y - TOP + margin));
                    truth.set(x, y, s.poreMask().get(x, y - TOP + margin) != 0 ? 255 : 0);
                } else {
                    img.set(x, y, (int) Math.round((y < TOP ? 90 : 150) + 6 * r.nextGaussian()));
                }
            }
        }
        return new ByteProcessor[] {img, truth};
    }

    static SemImage sem(ByteProcessor img) {
        return SemReader.fromImagePlus(new ImagePlus("section", img), PX);
    }

    static double truthPorosity(ByteProcessor truth, int x0, int y0, int x1, int y1) {
        long p = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n++;
                p += truth.get(x, y) != 0 ? 1 : 0;
            }
        }
        return p / (double) n;
    }

    @Test
    void specimenBandPorosityIsTheMembranes() {
        ByteProcessor[] cs = crossSection(3);
        double truth = truthPorosity(cs[1], 0, TOP, W, BOTTOM);
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.specimenRegion = "auto";
        o.porosityProfile = true;
        o.profileBinUm = 1.0;
        SemAnalysisResult r = new SemAnalyzer(o).analyze(sem(cs[0]));
        Map<String, Object> s = r.summary();
        @SuppressWarnings("unchecked")
        Map<String, Object> band = (Map<String, Object>) s.get("specimen_region");
        assertEquals(true, band.get("detected"));
        assertEquals(TOP, (int) band.get("top_row"));
        assertEquals(BOTTOM - 1, (int) band.get("bottom_row"));
        assertEquals("specimen-band", s.get("region_source"));
        // porosity of the membrane, not of the frame: within 0.01 of the exact band porosity
        assertEquals(truth, r.pores().porosity(), 0.01);
        // the whole-frame analysis is diluted by the resin and mount (the test can fail)
        double frame = new SemAnalyzer(SemAnalysisOptions.defaults()).analyze(sem(cs[0])).pores().porosity();
        assertTrue(Math.abs(frame - truth) > 0.05, "frame " + frame + " vs membrane " + truth);
        // A_t is the band's area
        assertEquals(r.pores().analysedPixels() * PX * PX, r.pores().analyzedAreaUm2(), 1e-9);
        assertEquals(W * (double) ((int) band.get("rows")), r.pores().analysedPixels(), 0);
        // profile: 10 rows per 1 µm bin from the detected surface; bin porosities against the truth of those rows
        PorosityProfile2D p = r.profile();
        int surface = p.surfaceRow();
        assertEquals(TOP, surface);
        double[] pos = p.positionsUm();
        double[] phi = p.porosity();
        assertEquals(0.5, pos[0], 1e-9);
        for (int i = 0; i + 1 < pos.length; i++) {
            assertEquals(i + 0.5, pos[i], 1e-9);
            int y0 = surface + 10 * i;
            int y1 = Math.min(y0 + 10, BOTTOM);
            if (y0 >= TOP + 1 && y1 <= BOTTOM - 1) {
                assertEquals(truthPorosity(cs[1], 0, y0, W, y1), phi[i], 0.03, "bin " + i);
            }
        }
        // the plot exists and the outputs carry the profile
        assertTrue(Figures.sectionProfilePlot(r) != null);
    }

    @Test
    void rectanglePolygonAndMaskRoisMeasureInside(@TempDir Path tmp) throws Exception {
        ByteProcessor[] cs = crossSection(5);
        double truth = truthPorosity(cs[1], 40, TOP + 10, 240, TOP + 110);
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.roi = "40," + (TOP + 10) + ",200,100";
        SemAnalysisResult rect = new SemAnalyzer(o).analyze(sem(cs[0]));
        assertEquals(200 * 100, rect.pores().analysedPixels());
        assertEquals(truth, rect.pores().porosity(), 0.01);
        assertEquals("rectangle", rect.summary().get("region_source"));
        // the same rectangle as a polygon and as a mask image: identical region, identical numbers
        SemAnalysisOptions op = SemAnalysisOptions.defaults();
        op.roiPolygon = "40," + (TOP + 10) + ",240," + (TOP + 10) + ",240," + (TOP + 110) + ",40," + (TOP + 110);
        SemAnalysisResult poly = new SemAnalyzer(op).analyze(sem(cs[0]));
        assertEquals(rect.pores().porosity(), poly.pores().porosity(), 0);
        assertEquals(rect.pores().totalPorePerimeterUm(), poly.pores().totalPorePerimeterUm(), 1e-9);
        ByteProcessor m = new ByteProcessor(W, H);
        m.setValue(255);
        m.setRoi(40, TOP + 10, 200, 100);
        m.fill();
        Path mf = tmp.resolve("roi-mask.tif");
        ij.IJ.saveAsTiff(new ImagePlus("m", m), mf.toString());
        SemAnalysisOptions om = SemAnalysisOptions.defaults();
        om.roiMask = mf.toString();
        SemAnalysisResult mask = new SemAnalyzer(om).analyze(sem(cs[0]));
        assertEquals(rect.pores().specificSurfaceAreaPerUm(), mask.pores().specificSurfaceAreaPerUm(), 1e-12);
        // a selection handed over by the front end (ui.ij.AnalyzePlugin.selection): the same again
        ImagePlus imp = new ImagePlus("section", cs[0].duplicate());
        imp.getCalibration().pixelWidth = PX;
        imp.getCalibration().pixelHeight = PX;
        imp.getCalibration().setUnit("micron");
        Roi2D.Region sel = Roi2D.of(Roi2D.rectangle("40," + (TOP + 10) + ",200,100", W, H).inside(), W, H, "imagej-roi", "rectangle", "selection");
        SemAnalysisResult fiji = new SemAnalyzer(SemAnalysisOptions.defaults()).analyze(imp, sel);
        assertEquals(rect.pores().porosity(), fiji.pores().porosity(), 0);
        assertEquals("imagej-roi", fiji.summary().get("region_source"));
        // outputs: profile files only when asked; the QC figure is the whole image
        o.porosityProfile = true;
        SemAnalysisResult withProfile = new SemAnalyzer(o).analyze(sem(cs[0]));
        List<Path> files = SemOutputs.write(withProfile, tmp, "sec");
        assertTrue(files.contains(tmp.resolve("sec.profile.csv")), files.toString());
        assertTrue(files.contains(tmp.resolve("sec.profile.png")), files.toString());
        List<String> csv = Files.readAllLines(tmp.resolve("sec.profile.csv"));
        assertEquals("bin,position_um,porosity,pore_pixels,region_pixels", csv.get(0));
        assertEquals(11, csv.size()); // 100 rows of 0.1 µm in 1 µm bins
        assertEquals(W, Figures.semQc(withProfile).getWidth());
        assertEquals(H, Figures.semQc(withProfile).getHeight());
    }

    @Test
    void badRoiNamesTheFixAndTwoShapesAreRefused() {
        ByteProcessor[] cs = crossSection(6);
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.roi = "1000,1000,10,10";
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> new SemAnalyzer(o).analyze(sem(cs[0])));
        assertTrue(e.getMessage().contains("--roi") && e.getMessage().contains("no pixel"), e.getMessage());
        SemAnalysisOptions two = SemAnalysisOptions.defaults();
        two.roi = "0,0,10,10";
        two.roiPolygon = "0,0,5,0,0,5";
        e = assertThrows(PoroPhaseException.class, () -> new SemAnalyzer(two));
        assertTrue(e.getMessage().contains("one of --roi"), e.getMessage());
    }

    @Test
    void infoBarAndRoiTogether() {
        // the ROI is given in image pixels; rows in the bar are cut with a warning
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(Params.builder().model(Model.BOOLEAN).width(256).height(200)
                .pixelSizeUm(PX).porosity(0.3).noise(10).blurPx(1).infoBarPx(40).seed(2).build());
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.roi = "0,150,256,90"; // rows 150–239; the bar starts at 200
        SemAnalysisResult r = new SemAnalyzer(o).analyze(SemReader.fromImagePlus(new ImagePlus("s", s.image()), PX));
        assertEquals(200, r.rowsAnalyzed());
        assertEquals(256 * 50, r.pores().analysedPixels());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("info bar")), r.warnings().toString());
        assertEquals("image", r.summary().get("bar_method"));
    }

    /**
     * The profile bin is in the measurement's unit: with units px {@code profile_bin_px} rows (default 10), keys say
     * {@code bin_px} / {@code position_px}; {@code profile_bin_px} also sets the bin in rows for µm results.
     */
    @Test
    void profileBinFollowsTheUnits() {
        ByteProcessor[] cs = crossSection(3);
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.specimenRegion = "auto";
        o.porosityProfile = true;
        o.units = "px";
        o.profileBinUm = 1.0; // µm: not used with units px
        SemAnalysisResult r = new SemAnalyzer(o).analyze(sem(cs[0]));
        assertEquals(SemAnalysisOptions.DEFAULT_PROFILE_BIN_PX, r.profile().binUm(), 0);
        assertEquals(5.0, r.profile().positionsUm()[0], 1e-9);
        @SuppressWarnings("unchecked")
        Map<String, Object> pr = (Map<String, Object>) r.summary().get("porosity_profile");
        assertEquals(10.0, ((Number) pr.get("bin_px")).doubleValue(), 0);
        assertTrue(pr.containsKey("position_px") && !pr.containsKey("position_um") && !pr.containsKey("bin_um"), pr.keySet().toString());
        o.profileBinPx = 20.0;
        assertEquals(10.0, new SemAnalyzer(o).analyze(sem(cs[0])).profile().positionsUm()[0], 1e-9);
        o.units = "um";
        SemAnalysisResult um = new SemAnalyzer(o).analyze(sem(cs[0]));
        assertEquals(20 * PX, um.profile().binUm(), 1e-12);
        assertEquals(10 * PX, um.profile().positionsUm()[0], 1e-9);
        o.profileBinPx = -1.0;
        assertThrows(org.porophase.core.PoroPhaseException.class, o::validate);
    }

    /**
     * The PSF σ that {@code deconvolve: auto} deconvolves with is estimated inside the ROI: on a frame whose resin band
     * holds sharp text and whose mount is rendered sharper (filter.NoiseEstimatorRegionTest) it is the specimen's 1.5 px,
     * where the whole frame gives under 1.2 px.
     */
    @Test
    void deconvolutionSigmaComesFromTheRegion() {
        ByteProcessor img = org.porophase.filter.NoiseEstimatorRegionTest.frame(3)[0];
        int top = org.porophase.filter.NoiseEstimatorRegionTest.TOP;
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.autocrop = false;
        o.roi = "0," + top + "," + img.getWidth() + ",200";
        String inside = (String) new SemAnalyzer(o).analyze(sem(img)).summary().get("deconvolve_applied");
        SemAnalysisOptions whole = SemAnalysisOptions.defaults();
        whole.autocrop = false;
        String frame = (String) new SemAnalyzer(whole).analyze(sem(img)).summary().get("deconvolve_applied");
        assertTrue(inside.startsWith("landweber sigma=1.5"), inside);
        double sigmaFrame = Double.parseDouble(frame.replaceAll("^landweber sigma=([0-9.]+) px.*$", "$1"));
        assertTrue(sigmaFrame < 1.2, frame);
    }

    /**
     * The isoline S_c of the summary is measured inside the region too (cells with a pixel outside skipped, divided by
     * the cells' area), as Crofton's is: on the membrane band the two agree within 4 % (the whole-frame isoline, divided
     * by the frame's area, would be about half).
     */
    @Test
    void isolineSpecificSurfaceIsTheRegions() {
        ByteProcessor[] cs = crossSection(7);
        SemAnalysisOptions o = SemAnalysisOptions.defaults();
        o.specimenRegion = "auto";
        SemAnalysisResult r = new SemAnalyzer(o).analyze(sem(cs[0]));
        Map<String, Object> s = r.summary();
        double crofton = (Double) s.get("specific_surface_area_per_um");
        double iso = (Double) s.get("specific_surface_area_isoline_per_um");
        assertEquals(crofton, iso, 0.04 * crofton, "crofton " + crofton + " isoline " + iso);
        double direct = org.porophase.measure.IsolinePerimeter.density(r.segmentation().filtered(),
                (byte[]) r.segmentation().mask().getPixels(), W, H, r.segmentation().threshold(), PX, PX, r.region());
        assertEquals(direct, iso, 1e-12);
        assertEquals(SemAnalysisResult.SPECIFIC_SURFACE_ESTIMATOR, s.get("specific_surface_area_estimator"));
    }
}
