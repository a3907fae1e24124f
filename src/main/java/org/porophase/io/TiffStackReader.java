package org.porophase.io;

import static org.porophase.core.Calibration.toMicrons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalInt;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.TiffDecoder;
import ij.measure.Calibration;
import ij.plugin.FileInfoVirtualStack;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Multi-page TIFF (ImageJ hyperstack files and ordinary multi-page TIFFs, uncompressed or
 * LZW/deflate/PackBits) read as a virtual stack: each slice is decoded only when it is needed, so the
 * whole file never has to fit in memory. Uses ImageJ's {@link TiffDecoder} and
 * {@link FileInfoVirtualStack}.
 * <p>
 * Checks at open time: every page has the same size and type ("mixed slice sizes" error), and
 * every page's data lies inside the file ("truncated" error).
 */
public final class TiffStackReader {
    private TiffStackReader() {
    }

    /** Reads the page descriptions of a TIFF (no pixel data). */
    public static FileInfo[] pages(Path file) {
        Path abs = file.toAbsolutePath();
        // before ImageJ's decoder: not a pipe or device, no IFD loop, no absurd count, one slice fits, no cut-off data
        InputFiles.requireRegularFile(file, "TIFF file");
        InputFiles.checkTiff(file, 1);
        TiffDecoder td = new TiffDecoder(abs.getParent().toString() + java.io.File.separator, abs.getFileName().toString());
        FileInfo[] info;
        try {
            info = td.getTiffInfo();
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read TIFF " + file + ": " + e.getMessage() + " (is it a valid TIFF file?)", e);
        }
        if (info == null || info.length == 0) {
            throw new PoroPhaseException("cannot read TIFF " + file + ": no images found");
        }
        return info;
    }

    /** Number of slices of a TIFF file (pages, or ImageJ's 'images=' for contiguous stacks). */
    public static int sliceCount(Path file) {
        FileInfo[] info = pages(file);
        return info.length == 1 ? Math.max(1, info[0].nImages) : info.length;
    }

    public static ImagePlusSource open(Path file) {
        return open(file, null);
    }

    /**
     * Opens a multi-page TIFF as a volume.
     * <p>
     * Voxel size, first that applies:
     * <ul>
     * <li>an ImageJ description ({@code ImageJ=…}, {@code unit=}, {@code spacing=}): ImageJ's calibration (z = 1 unit
     * when ImageJ wrote no {@code spacing=}, which is ImageJ's convention for a spacing of exactly 1);</li>
     * <li>otherwise x, y from the vendor tags (Zeiss SmartSEM, FEI/Thermo, TESCAN, Olympus SIS, Digital Micrograph;
     * one parser each, in {@link VendorMetadata}, chosen as for single images by {@link SemReader}) or from a TIFF
     * resolution in a metric unit; a resolution in inches is a print setting and never a voxel size; z from
     * {@code sliceSpacingUm} ({@code --slice-spacing}), else from the Zeiss FIB-SEM milling position (the step of
     * {@code AP_FIB_SLICE_Y} from page to page, when it is the same for every page), else unknown: the analysis
     * asks for {@code --slice-spacing} (never a default of 1 unit).</li>
     * </ul>
     *
     * @param sliceSpacingUm the slice spacing z in µm given by the user, or null
     */
    public static ImagePlusSource open(Path file, Double sliceSpacingUm) {
        FileInfo[] info = pages(file);
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + file + ": " + e.getMessage(), e);
        }
        FileInfo[] slices;
        if (info.length == 1 && info[0].nImages > 1) {
            FileInfo fi = info[0];
            int n = fi.nImages;
            long size = (long) fi.width * fi.height * fi.getBytesPerPixel();
            long end = fi.getOffset() + n * (size + fi.getGap()) - fi.getGap();
            if (fi.compression <= FileInfo.COMPRESSION_NONE && end > fileSize) {
                long whole = (fileSize - fi.getOffset()) / Math.max(1, size + fi.getGap());
                throw new PoroPhaseException("TIFF " + file + " is truncated: its header announces " + n + " slices of " + fi.width + "×"
                        + fi.height + " but the file holds only " + whole + " complete slices; re-save the stack");
            }
            slices = new FileInfo[n];
            for (int i = 0; i < n; i++) {
                FileInfo c = (FileInfo) fi.clone();
                c.nImages = 1;
                c.longOffset = fi.getOffset() + i * (size + fi.getGap());
                c.offset = 0;
                slices[i] = c;
            }
        } else {
            slices = info;
        }
        FileInfo f0 = slices[0];
        for (int i = 0; i < slices.length; i++) {
            FileInfo f = slices[i];
            if (f.width != f0.width || f.height != f0.height || f.getBytesPerPixel() != f0.getBytesPerPixel()
                    || f.fileType != f0.fileType) {
                throw new PoroPhaseException("TIFF " + file + " has mixed slice sizes or types: page " + (i + 1) + " is " + f.width + "×"
                        + f.height + " (" + f.getBytesPerPixel() * 8 + "-bit) but page 1 is " + f0.width + "×" + f0.height + " ("
                        + f0.getBytesPerPixel() * 8 + "-bit); a volume needs identical slices");
            }
            if (f.fileType == FileInfo.RGB || f.fileType == FileInfo.RGB48 || f.fileType == FileInfo.RGB_PLANAR) {
                throw new PoroPhaseException("TIFF " + file + " is RGB; convert it to 8-bit grayscale first");
            }
            if (f.stripOffsets != null && f.stripLengths != null) {
                for (int s = 0; s < f.stripOffsets.length && s < f.stripLengths.length; s++) {
                    long o = f.stripOffsets[s] & 0xffffffffL;
                    if (o + f.stripLengths[s] > fileSize) {
                        throw new PoroPhaseException("TIFF " + file + " is truncated: the data of page " + (i + 1)
                                + " extends beyond the end of the file; re-save the stack");
                    }
                }
            } else if (f.compression <= FileInfo.COMPRESSION_NONE
                    && f.getOffset() + (long) f.width * f.height * f.getBytesPerPixel() > fileSize) {
                throw new PoroPhaseException("TIFF " + file + " is truncated: the data of page " + (i + 1)
                        + " extends beyond the end of the file; re-save the stack");
            }
        }
        FileInfoVirtualStack vstack = new FileInfoVirtualStack(slices);
        ImagePlus imp = new ImagePlus(file.getFileName().toString(), vstack);
        Calibration cal = new Calibration();
        // (an ImageJ description's unit/spacing, or the TIFF resolution ImageJ's decoder read)
        String unit = f0.unit;
        double pw = f0.pixelWidth;
        double ph = f0.pixelHeight;
        double pd = f0.pixelDepth;
        String badSpacing = null;
        if (f0.description != null) {
            for (String line : f0.description.split("\n")) {
                String l = line.trim();
                if (l.startsWith("spacing=")) {
                    pd = parseSpacing(l.substring(8));
                    if (Double.isNaN(pd)) {
                        badSpacing = l;
                    }
                } else if (l.startsWith("unit=")) {
                    unit = l.substring(5);
                }
            }
        }
        String unitProblem = null;
        boolean lengthUnit = unit != null && !Double.isNaN(toMicrons(unit));
        if (unit != null && !unit.isBlank() && !lengthUnit && !unit.equalsIgnoreCase("pixel") && !unit.equalsIgnoreCase("pixels")) {
            unitProblem = "the unit '" + unit + "' of " + file.getFileName() + " is not a length unit PoroPhase knows (nm, µm, mm, cm, m)";
        }
        if (lengthUnit && pw > 0 && badSpacing == null) {
            // TIFF resolutions are rationals: 0.85 comes back as 0.8500004; keep 6 significant digits
            cal.pixelWidth = round6(pw);
            cal.pixelHeight = round6(ph > 0 ? ph : pw);
            cal.pixelDepth = round6(pd > 0 ? pd : pw);
            cal.setUnit(unit);
        }
        boolean imagej = f0.description != null && f0.description.startsWith("ImageJ");
        String xySource = null;
        double vx = Double.NaN;
        double vy = Double.NaN;
        String inchNote = null;
        if (!imagej) {
            List<VendorMetadata.Found> found = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            SemReader.vendorTags(file, f0.width, found, new LinkedHashMap<>(), new OptionalInt[] {OptionalInt.empty()}, ignored);
            found.removeIf(f -> !org.porophase.core.Calibration.plausible(f.pixelWidthUm())
                    || !org.porophase.core.Calibration.plausible(f.pixelHeightUm()));
            found.sort((a, b) -> Integer.compare(SemReader.rank(a.source()), SemReader.rank(b.source())));
            if (!found.isEmpty()) {
                vx = found.get(0).pixelWidthUm();
                vy = found.get(0).pixelHeightUm();
                xySource = found.get(0).source().key() + " " + found.get(0).detail();
            } else if (cal.scaled() && "inch".equalsIgnoreCase(cal.getUnit()) || unit != null && unit.toLowerCase(java.util.Locale.ROOT).startsWith("inch")) {
                inchNote = String.format(java.util.Locale.ROOT, "the TIFF resolution of %s is in inches (%s dpi): a print setting,"
                        + " not a voxel size", file.getFileName(), SemReader.fmt(pw > 0 ? 1 / pw : Double.NaN));
                cal = new Calibration();
            } else if (cal.scaled()) {
                double f = toMicrons(cal.getUnit());
                vx = cal.pixelWidth * f;
                vy = cal.pixelHeight * f;
                xySource = "TIFF resolution (" + cal.getUnit() + ")";
            }
        }
        imp.setCalibration(cal);
        ImagePlusSource src = new ImagePlusSource(imp, "TIFF " + file.getFileName() + " (" + f0.width + "×" + f0.height + "×"
                + slices.length + ", " + f0.getBytesPerPixel() * 8 + "-bit)");
        // never fall back silently to 1 µm: no voxel size, and the reason, so the analysis asks for --voxel-size
        if (badSpacing != null) {
            src.vsSource = "malformed '" + badSpacing + "' in the ImageJ description of " + file.getFileName()
                    + " (not a positive number), so the slice spacing is unknown";
            src.vs = null;
        } else if (unitProblem != null) {
            src.vsSource = unitProblem;
            src.vs = null;
        } else if (inchNote != null) {
            src.vs = null;
            src.vsSource = inchNote;
        } else if (imagej && sliceSpacingUm != null && src.vs != null) {
            src.vs = new VoxelSize(src.vs.x(), src.vs.y(), sliceSpacingUm);
            src.vsSource = "image calibration (" + cal.getUnit() + ") for x, y; z = --slice-spacing " + SemReader.fmt(sliceSpacingUm) + " µm";
        } else if (!imagej) {
            String zSource = null;
            double vz = Double.NaN;
            if (sliceSpacingUm != null) {
                vz = sliceSpacingUm;
                zSource = "--slice-spacing " + SemReader.fmt(sliceSpacingUm) + " µm";
            } else if (slices.length == 1 && xySource != null) {
                // one page: there is no slice spacing to know; z is taken equal to x so that a 2D image can be
                // read as a one-slice volume (transport in x and y, a mask), and said so
                vz = vx;
                zSource = "a single page (no slice spacing; z taken equal to x)";
            } else if (slices.length > 1 && xySource != null && xySource.startsWith("zeiss")) {
                double[] step = zeissFibStep(file, slices.length);
                if (step != null) {
                    vz = step[0];
                    zSource = String.format(java.util.Locale.ROOT, "Zeiss FIB milling position: AP_FIB_SLICE_Y steps by %s µm per page"
                            + " (Slice Index %d … %d, tag 34118; check it against the run's slice thickness, or pass --slice-spacing)",
                            SemReader.fmt(vz), (int) step[1], (int) step[2]);
                }
            }
            if (xySource != null && zSource != null) {
                src.vs = new VoxelSize(vx, vy, vz);
                src.vsSource = "x, y: " + xySource + "; z: " + zSource;
            } else if (xySource != null) {
                src.vs = null;
                src.vsSource = String.format(java.util.Locale.ROOT, "x, y = %s × %s µm from %s, but the slice spacing z is not in the file;"
                        + " pass --slice-spacing Z in µm", SemReader.fmt(vx), SemReader.fmt(vy), xySource);
            } else {
                src.vs = null;
                src.vsSource = "none (no vendor pixel size and no metric TIFF resolution in " + file.getFileName() + ")";
            }
        }
        return src;
    }

    /**
     * The slice spacing of an ImageJ description's {@code spacing=} value, NaN when it is not a positive
     * finite number. Guards against a malformed value ("0.5um", "1,2", "") silently becoming ImageJ's
     * default of 1 (a wrong z spacing biases S_V without any sign).
     */
    static double parseSpacing(String v) {
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) && d > 0 ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The slice step of a Zeiss FIB-SEM stack from its per-page {@code AP_FIB_SLICE_Y}: {step µm, first index, last
     * index} when every page has it and all page-to-page steps agree within 2 %, else null.
     */
    static double[] zeissFibStep(Path file, int pages) {
        List<TiffTags> tags;
        try {
            tags = TiffTags.readPages(file, pages);
        } catch (PoroPhaseException e) {
            return null;
        }
        if (tags.size() != pages || pages < 2) {
            return null;
        }
        double[][] pos = new double[pages][];
        for (int i = 0; i < pages; i++) {
            java.util.Optional<String> z = tags.get(i).string(TiffTags.ZEISS_SEM);
            pos[i] = z.isPresent() ? VendorMetadata.zeissFibSlice(z.get()) : null;
            if (pos[i] == null) {
                return null;
            }
        }
        double first = Math.abs(pos[1][1] - pos[0][1]);
        if (!(first > 0)) {
            return null;
        }
        for (int i = 2; i < pages; i++) {
            if (Math.abs(Math.abs(pos[i][1] - pos[i - 1][1]) - first) > 0.02 * first) {
                return null;
            }
        }
        double mean = Math.abs(pos[pages - 1][1] - pos[0][1]) / (pages - 1);
        return new double[] {VendorMetadata.clean(mean), pos[0][0], pos[pages - 1][0]};
    }

    private static double round6(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }
}
