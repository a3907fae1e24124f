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

    /** The analysed (cropped) SEM image, 8-bit, with the pore outlines (yellow) as an overlay, calibrated. */
    public static ImagePlus semQc(SemAnalysisResult r) {
        ImagePlus imp = r.analyzedImage();
        imp.setTitle(r.baseTitle() + "-qc");
        ImageProcessor shown = imp.getProcessor();
        if (!(shown instanceof ByteProcessor)) {
            shown.resetMinAndMax();
            imp.setProcessor(shown.convertToByte(true));
        }
        ByteProcessor mask = (ByteProcessor) r.segmentation().mask().duplicate();
        mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
        Roi outline = ThresholdToSelection.run(new ImagePlus("mask", mask));
        if (outline != null) {
            outline.setStrokeColor(Color.YELLOW);
            outline.setStrokeWidth(Math.max(1, imp.getWidth() / 1024.0));
            imp.setOverlay(new Overlay(outline));
        }
        return imp;
    }

    /** The porosity profile of a volume analysis as an ImageJ plot. */
    public static Plot volumeProfilePlot(VolumeAnalysis a) {
        String ax = VolumeOptions.axisName(a.axis());
        Plot p = new Plot("Porosity profile along " + ax, "position along " + ax + " (µm)", "porosity");
        double[] x = a.profilePositions();
        double[] y = a.profilePorosity();
        p.setLimits(0, x.length == 0 ? 1 : x[x.length - 1] + x[0], 0, 1);
        p.add("line", x, y);
        p.addLegend(String.format(Locale.ROOT, "mean porosity %.4f", a.porosity()));
        return p;
    }

    /** {@link #volumeProfilePlot} rendered as an image. */
    public static ImagePlus volumeProfile(VolumeAnalysis a) {
        return volumeProfilePlot(a).getImagePlus();
    }
}
