package org.porophase.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import org.porophase.core.PoroPhaseException;
import org.porophase.segment.InfoBarDetector;
import org.porophase.io.SemImage;
import org.porophase.io.SemReader;
import org.porophase.measure.PoreAnalysis;
import org.porophase.measure.PoreMeasurer;
import org.porophase.filter.NoiseEstimator;
import org.porophase.segment.SegmentationOptions;
import org.porophase.segment.SegmentationResult;
import org.porophase.segment.Segmenter2D;
import org.porophase.binary.LocalThickness2D;

/**
 * The SEM cross-section pipeline: read (with calibration) → exclude the info bar → segment pores →
 * measure. One instance per options set; {@link #analyze} is thread-safe (no shared mutable state),
 * so a batch can run files in parallel.
 */
public final class SemAnalyzer {

    /** Smallest analysable area after cropping (rows and columns). */
    public static final int MIN_SIZE_PX = 8;

    private final SemAnalysisOptions options;

    public SemAnalyzer(SemAnalysisOptions options) {
        this.options = options.validate();
    }

    public SemAnalysisOptions options() {
        return options;
    }

    /** Reads and analyses a file. */
    public SemAnalysisResult analyze(Path file) {
        SemImage img = SemReader.read(file, options.pixelSizeUm);
        return analyze(img);
    }

    /** Analyses an image already open in ImageJ (calibration from the ImagePlus / its file). */
    public SemAnalysisResult analyze(ImagePlus imp) {
        return analyze(SemReader.fromImagePlus(imp, options.pixelSizeUm));
    }

    /** Analyses an image already read. The image is never modified. */
    public SemAnalysisResult analyze(SemImage img) {
        img = org.porophase.io.PixelUnits.apply(img, options.units); // uncalibrated + µm: refused; px: pixel units
        ImageProcessor ip = img.processor();
        int height = ip.getHeight();
        List<String> warnings = new ArrayList<>(img.warnings());

        // 1. Info bar: manual override > automatic detection > nothing.
        int rowsKept;
        String cropMethod;
        boolean barDetected = false;
        if (options.cropBottomPx != null) {
            rowsKept = height - options.cropBottomPx;
            cropMethod = "manual (" + options.cropBottomPx + " rows removed)";
        } else if (options.autocrop) {
            InfoBarDetector.InfoBar bar = InfoBarDetector.detect(ip, img.metadataImageHeight());
            rowsKept = bar.rowsKept();
            barDetected = bar.detected();
            cropMethod = bar.method();
        } else {
            rowsKept = height;
            cropMethod = "none (autocrop off)";
        }
        if (rowsKept < MIN_SIZE_PX) {
            throw new PoroPhaseException(name(img) + ": only " + rowsKept + " of " + height
                    + " rows left after removing the info bar; need at least " + MIN_SIZE_PX
                    + " (check --crop-bottom, or use --no-autocrop)");
        }
        ImageProcessor cropped = ip;
        if (rowsKept < height) {
            ImageProcessor dup = ip.duplicate();
            dup.setRoi(0, 0, ip.getWidth(), rowsKept);
            cropped = dup.crop();
        }

        // 2. Segmentation.
        NoiseEstimator.Choice noise = options.autoDenoise() ? NoiseEstimator.choose(cropped) : null;
        SegmentationOptions segOptions = options.segmentation(noise);
        SegmentationResult seg = Segmenter2D.segment(cropped, segOptions);
        warnings.addAll(seg.warnings());

        // 3. Measurement, in µm (or pixels when uncalibrated).
        var cal = img.calibration();
        PoreAnalysis pores = PoreMeasurer.measure(seg.mask(), cal.pixelWidthUm(), cal.pixelHeightUm(), options.borderPolicy());
        LocalThickness2D thickness = null;
        if (options.localThickness) {
            if (Math.abs(cal.pixelWidthUm() / cal.pixelHeightUm() - 1) < 1e-3) {
                thickness = LocalThickness2D.of(seg.mask(), cal.pixelWidthUm());
            } else {
                warnings.add("local thickness skipped: it needs square pixels (pixel " + cal.pixelWidthUm() + " × " + cal.pixelHeightUm() + ")");
            }
        }
        return new SemAnalysisResult(img, options, rowsKept, barDetected, cropMethod, cropped, noise, segOptions, seg, pores, thickness, warnings);
    }

    static String name(SemImage img) {
        return img.path() != null ? img.path().toString() : img.title();
    }
}
