package org.porophase.report;

import java.awt.Color;
import java.util.Locale;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.porophase.analysis.SemAnalysisResult;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeOptions;

/**
 * Figures of single analyses, rendered headless-safe with ImageJ (the compare figures are in
 * {@link CompareReport}, the phase-field images in {@link PhaseFieldOutputs}).
 */
public final class Figures {
    private Figures() {
    }

    /** Fill of the excluded info-bar rows in the QC figure (translucent red). */
    static final Color BAR_FILL = new Color(255, 0, 0, 80);
    /** Outline of the analysed region (specimen band / ROI) in the QC figure. */
    static final Color REGION = Color.CYAN;

    /**
     * The QC figure of a section: the whole input image, 8-bit and calibrated, with overlays: the pore
     * outlines (yellow), the info-bar rows excluded from the analysis (translucent red, labelled with the
     * number of rows and how they were found), and the outline of the analysed region (cyan: the specimen
     * band and/or the ROI; none when the whole analysed image is measured).
     */
    public static ImagePlus semQc(SemAnalysisResult r) {
        ImagePlus imp = r.fullImage();
        imp.setTitle(r.baseTitle() + "-qc");
        ImageProcessor shown = imp.getProcessor();
        if (!(shown instanceof ByteProcessor)) {
            shown.resetMinAndMax();
            imp.setProcessor(shown.convertToByte(true));
        }
        double stroke = Math.max(1, imp.getWidth() / 1024.0);
        Overlay ov = new Overlay();
        ByteProcessor mask = (ByteProcessor) r.segmentation().mask().duplicate();
        mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
        Roi outline = ThresholdToSelection.run(new ImagePlus("mask", mask));
        if (outline != null) {
            outline.setStrokeColor(Color.YELLOW);
            outline.setStrokeWidth(stroke);
            ov.add(outline);
        }
        byte[] region = r.region();
        if (region != null) {
            ByteProcessor rm = new ByteProcessor(mask.getWidth(), mask.getHeight());
            for (int i = 0; i < region.length; i++) {
                rm.set(i, region[i] != 0 ? 255 : 0);
            }
            rm.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
            Roi ro = ThresholdToSelection.run(new ImagePlus("region", rm));
            if (ro != null) {
                ro.setStrokeColor(REGION);
                ro.setStrokeWidth(2 * stroke);
                ov.add(ro);
            }
        }
        int h = imp.getHeight();
        int kept = r.rowsAnalyzed();
        if (kept < h) {
            Roi bar = new Roi(0, kept, imp.getWidth(), h - kept);
            bar.setFillColor(BAR_FILL);
            ov.add(bar);
            Roi edge = new ij.gui.Line(0, kept, imp.getWidth(), kept);
            edge.setStrokeColor(Color.RED);
            edge.setStrokeWidth(stroke);
            ov.add(edge);
            String label = String.format(Locale.ROOT, "excluded: %d rows (%s)", h - kept, r.barMethod());
            ij.gui.TextRoi t = new ij.gui.TextRoi(label, 4, Math.max(0, kept - 4 - 12 * stroke),
                    new java.awt.Font("SansSerif", java.awt.Font.BOLD, (int) Math.round(12 * stroke)));
            t.setStrokeColor(Color.RED);
            ov.add(t);
        }
        if (ov.size() > 0) {
            imp.setOverlay(ov);
        }
        return imp;
    }

    /**
     * A porosity profile as an ImageJ plot: porosity (0–1) against position, with the mean porosity in the
     * legend. The one plot of both profiles (volume along its axis, section across its thickness).
     */
    public static Plot profilePlot(String title, String xLabel, double[] x, double[] y, double meanPorosity) {
        Plot p = new Plot(title, xLabel, "porosity");
        p.setLimits(0, x.length == 0 ? 1 : x[x.length - 1] + x[0], 0, 1); // first centre = half a bin: the last bin's end
        p.add("line", x, y);
        p.addLegend(String.format(Locale.ROOT, "mean porosity %.4f", meanPorosity));
        return p;
    }

    /** The porosity profile of a volume analysis as an ImageJ plot. */
    public static Plot volumeProfilePlot(VolumeAnalysis a) {
        String ax = VolumeOptions.axisName(a.axis());
        return profilePlot("Porosity profile along " + ax, "position along " + ax + " (µm)", a.profilePositions(), a.profilePorosity(),
                a.porosity());
    }

    /** The porosity profile across the thickness of a section ({@code porosity_profile}); null when it was not computed. */
    public static Plot sectionProfilePlot(SemAnalysisResult r) {
        if (r.profile() == null) {
            return null;
        }
        String unit = r.image().calibration().isCalibrated() ? "µm" : "px";
        return profilePlot("Porosity across the thickness", String.format(Locale.ROOT, "depth below the specimen surface (%s, bins of %.3g)",
                unit, r.profile().binUm()), r.profile().positionsUm(), r.profile().porosity(), r.pores().porosity());
    }

    /** {@link #volumeProfilePlot} rendered as an image. */
    public static ImagePlus volumeProfile(VolumeAnalysis a) {
        return volumeProfilePlot(a).getImagePlus();
    }
}
