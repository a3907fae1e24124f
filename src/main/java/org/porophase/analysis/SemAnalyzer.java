package org.porophase.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import org.porophase.core.PoroPhaseException;
import org.porophase.segment.InfoBarDetector;
import org.porophase.segment.Roi2D;
import org.porophase.segment.SpecimenRegion;
import org.porophase.measure.PorosityProfile2D;
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
 * The SEM cross-section pipeline: read (with calibration) → exclude the info bar → region (the user's
 * ROI, the ImageJ selection and/or the detected specimen band) → segment pores inside it → measure inside it
 * (porosity per region pixel, the region's edge treated as the image frame: {@link PoreMeasurer}) → the
 * porosity profile across the thickness ({@link PorosityProfile2D}, by option). One instance per options set; {@link #analyze} is thread-safe (no shared mutable state),
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

    /** Analyses an image already open in ImageJ (calibration from the ImagePlus / its file), whole or inside the options' ROI. */
    public SemAnalysisResult analyze(ImagePlus imp) {
        return analyze(imp, null);
    }

    /**
     * As {@link #analyze(ImagePlus)} inside {@code selection}: the image's area selection rasterised by the front
     * end (ui.ij, {@code use_image_roi}), on the whole image; null = the options' ROI, if any.
     */
    public SemAnalysisResult analyze(ImagePlus imp, Roi2D.Region selection) {
        return analyze(SemReader.fromImagePlus(imp, options.pixelSizeUm), selection);
    }

    /** Analyses an image already read. The image is never modified. */
    public SemAnalysisResult analyze(SemImage img) {
        return analyze(img, null);
    }

    /**
     * Analyses an image inside a region given by the caller (an ImageJ selection, rasterised on the whole
     * image; null = the options' ROI, if any). The image is never modified.
     */
    public SemAnalysisResult analyze(SemImage img, Roi2D.Region given) {
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

        // 2. Region: the user's ROI (or the ImageJ selection), then the specimen band inside it.
        int w = cropped.getWidth();
        Roi2D.Region user = given != null ? clip(given, w, rowsKept, img, warnings) : userRegion(img, w, rowsKept, height, warnings);
        byte[] region = user == null ? null : user.inside();
        SpecimenRegion.Band band = null;
        if (options.autoSpecimenRegion()) {
            band = SpecimenRegion.detect(cropped, region);
            if (band.detected()) {
                region = Roi2D.intersect(region, band.region(w, rowsKept));
                if (org.porophase.core.PixelRegion.count(region) == 0) {
                    throw new PoroPhaseException(name(img) + ": the specimen band (rows " + band.top() + "–" + (band.bottom() - 1)
                            + ") and the ROI do not overlap: nothing to analyse; check --roi or use --specimen-region none");
                }
            } else {
                warnings.add("specimen region: " + band.method());
            }
        }

        // 3. Segmentation (inside the region: outside pixels are left out of the histogram and solid in the mask).
        NoiseEstimator.Choice noise = options.autoDenoise() ? NoiseEstimator.choose(cropped, region) : null;
        SegmentationOptions segOptions = options.segmentation(noise);
        SegmentationResult seg = region == null ? Segmenter2D.segment(cropped, segOptions) : Segmenter2D.segment(cropped, segOptions, region);
        warnings.addAll(seg.warnings());

        // 4. Measurement, in µm (or pixels when uncalibrated), inside the region.
        var cal = img.calibration();
        PoreAnalysis pores = PoreMeasurer.measure(seg.mask(), cal.pixelWidthUm(), cal.pixelHeightUm(), options.borderPolicy(), -1, region);
        PorosityProfile2D profile = null;
        if (options.porosityProfile) {
            int surface = band != null && band.detected() ? band.top() : firstRow(region, w);
            profile = PorosityProfile2D.of(seg.mask(), region, surface, cal.pixelHeightUm(), options.profileBin(cal.pixelHeightUm()));
        }
        LocalThickness2D thickness = null;
        if (options.localThickness) {
            if (Math.abs(cal.pixelWidthUm() / cal.pixelHeightUm() - 1) < 1e-3) {
                thickness = LocalThickness2D.of(seg.mask(), cal.pixelWidthUm());
            } else {
                warnings.add("local thickness skipped: it needs square pixels (pixel " + cal.pixelWidthUm() + " × " + cal.pixelHeightUm() + ")");
            }
        }
        SemAnalysisResult r = new SemAnalysisResult(img, options, rowsKept, barDetected, cropMethod, cropped, noise, segOptions, seg, pores, thickness, warnings);
        r.setRegion(user, band, region, profile);
        return r;
    }

    /** The ROI of the options (--roi, --roi-polygon, --roi-mask) on the analysed rows, or null. */
    private Roi2D.Region userRegion(SemImage img, int w, int rows, int height, List<String> warnings) {
        Roi2D.Region full;
        try {
            if (options.roi != null) {
                full = Roi2D.rectangle(options.roi, w, height);
            } else if (options.roiPolygon != null) {
                full = Roi2D.polygon(options.roiPolygon, w, height);
            } else if (options.roiMask != null) {
                Path f = Path.of(options.roiMask);
                if (!java.nio.file.Files.isRegularFile(f)) {
                    throw new PoroPhaseException("--roi-mask " + f + ": no such file; give a mask image (non-zero = inside) of the input's size");
                }
                ImagePlus m = ij.IJ.openImage(f.toString());
                return Roi2D.mask(m == null ? null : m.getProcessor(), f.toString(), w, rows, height);
            } else {
                return null;
            }
        } catch (PoroPhaseException e) {
            throw new PoroPhaseException(name(img) + ": " + e.getMessage());
        }
        return clip(full, w, rows, img, warnings);
    }

    /** A region of the whole image cut to the analysed rows (the info bar removed). */
    private static Roi2D.Region clip(Roi2D.Region full, int w, int rows, SemImage img, List<String> warnings) {
        if (full.height() == rows) {
            return full;
        }
        byte[] in = java.util.Arrays.copyOf(full.inside(), w * rows);
        Roi2D.Region r = new Roi2D.Region(in, w, rows, full.source(), full.detail());
        long lost = full.pixels() - r.pixels();
        if (r.pixels() == 0) {
            throw new PoroPhaseException(name(img) + ": the ROI (" + full.detail() + ") lies in the info bar (rows " + rows
                    + " and below): nothing to analyse; move it into the image rows 0–" + (rows - 1));
        }
        if (lost > 0 && warnings != null) {
            warnings.add("ROI: " + lost + " pixel(s) in the info bar (rows " + rows + " and below) left out");
        }
        return r;
    }

    /** First row with a region pixel (0 for no region). */
    private static int firstRow(byte[] region, int w) {
        if (region == null) {
            return 0;
        }
        for (int i = 0; i < region.length; i++) {
            if (region[i] != 0) {
                return i / w;
            }
        }
        return 0;
    }

    static String name(SemImage img) {
        return img.path() != null ? img.path().toString() : img.title();
    }
}
