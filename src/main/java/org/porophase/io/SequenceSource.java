package org.porophase.io;

import org.porophase.core.Calibration;
import org.porophase.core.VoxelSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.process.ImageProcessor;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.NaturalOrder;

/**
 * A folder of 2D slice images (TIFF, PNG, BMP, JPEG, GIF, PGM…) read in natural order
 * ("slice2" before "slice10"), one file per slice, on demand.
 * <p>
 * Bad input: when the file names end in numbers and a number is missing from the run (e.g.
 * slice_0001, slice_0002, slice_0004) the folder is rejected with the missing numbers named;
 * slices of a different size or type are rejected (TIFF headers are checked at open time, other
 * formats when the slice is read). Voxel size: x/y from the first slice's calibration and z from an
 * ImageJ "spacing=" description, when present.
 */
public final class SequenceSource extends AbstractVolumeSource {
    static final Pattern IMAGE_EXT = Pattern.compile("(?i).*\\.(tif|tiff|png|bmp|jpg|jpeg|gif|pgm|dcm)$");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)(?=\\D*$)");

    private final Path dir;
    private final List<Path> files;

    public SequenceSource(Path dir) {
        this(dir, null);
    }

    /**
     * A slice folder; {@code sliceSpacingUm} ({@code --slice-spacing}) is z when given. Slices without an ImageJ
     * calibration take x, y from the first slice's vendor tags ({@link SemReader#vendorTags}: Zeiss, FEI, TESCAN, …)
     * and z from {@code sliceSpacingUm} or, for Zeiss FIB-SEM slices, from the step of {@code AP_FIB_SLICE_Y}
     * from file to file (when it is the same for all); otherwise the analysis asks for it.
     */
    public SequenceSource(Path dir, Double sliceSpacingUm) {
        this.dir = dir;
        this.files = list(dir);
        if (files.isEmpty()) {
            throw new PoroPhaseException("folder " + dir + " contains no slice images (.tif, .png, .bmp, .jpg, …)");
        }
        checkGaps(dir, files);
        d = files.size();
        String n0 = files.get(0).getFileName().toString().toLowerCase(Locale.ROOT);
        if (n0.endsWith(".tif") || n0.endsWith(".tiff")) {
            InputFiles.checkTiff(files.get(0), 1); // before ImageJ's Opener: IFD loops, absurd sizes, truncation
        }
        ImagePlus first = new Opener().openImage(files.get(0).toString());
        if (first == null) {
            throw new PoroPhaseException("cannot open slice " + files.get(0) + " (unsupported or corrupt image)");
        }
        if (first.getStackSize() > 1) {
            throw new PoroPhaseException("slice " + files.get(0) + " is itself a stack of " + first.getStackSize()
                    + " images; a slice folder must hold one 2D image per file");
        }
        if (first.getBitDepth() == 24) {
            throw new PoroPhaseException("slice " + files.get(0) + " is RGB; convert the slices to 8-bit grayscale first");
        }
        w = first.getWidth();
        h = first.getHeight();
        bitDepth = first.getBitDepth();
        // check TIFF headers of all slices (cheap) for mixed sizes
        for (Path p : files) {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".tif") || n.endsWith(".tiff")) {
                FileInfo fi = TiffStackReader.pages(p)[0];
                if (fi.width != w || fi.height != h || fi.getBytesPerPixel() * 8 != (bitDepth == 24 ? 8 : bitDepth)) {
                    throw mixed(p, fi.width, fi.height, fi.getBytesPerPixel() * 8);
                }
            }
        }
        FileInfo ofi = first.getOriginalFileInfo();
        var c = first.getCalibration();
        boolean printDpi = c.scaled() && c.getUnit() != null && c.getUnit().toLowerCase(Locale.ROOT).startsWith("inch")
                && (ofi == null || ofi.description == null || !ofi.description.startsWith("ImageJ"));
        if (printDpi && vendorXY(files.get(0), w) == null) {
            vs = null;
            vsSource = String.format(Locale.ROOT, "the TIFF resolution of %s is in inches (%s dpi): a print setting, not a voxel size",
                    files.get(0).getFileName(), SemReader.fmt(1 / c.pixelWidth));
        } else if (!printDpi && ImageJCalibration.voxelSizeOf(c, c.pixelWidth) != null) {
            double pz = c.pixelWidth;
            String zsrc = "z = x (no spacing in the slice files)";
            if (ofi != null && ofi.description != null) {
                Matcher m = Pattern.compile("(?m)^\\s*spacing=(.*)$").matcher(ofi.description);
                if (m.find()) {
                    pz = TiffStackReader.parseSpacing(m.group(1));
                    zsrc = "z from the slice description's spacing";
                }
            }
            if (Double.isNaN(pz)) {
                // a malformed spacing= must not become 1 µm (or x) without a word: no voxel size, and why
                vs = null;
                vsSource = "malformed '" + m(ofi.description) + "' in the ImageJ description of " + files.get(0).getFileName()
                        + " (not a positive number), so the slice spacing is unknown";
            } else if (sliceSpacingUm != null) {
                VoxelSize xy = ImageJCalibration.voxelSizeOf(c, pz);
                vs = new VoxelSize(xy.x(), xy.y(), sliceSpacingUm);
                vsSource = "first slice calibration (" + c.getUnit() + "), z = --slice-spacing " + SemReader.fmt(sliceSpacingUm) + " µm";
            } else {
                vs = ImageJCalibration.voxelSizeOf(c, pz);
                vsSource = "first slice calibration (" + c.getUnit() + "), " + zsrc;
            }
        } else if (vendorXY(files.get(0), w) != null) {
            VendorMetadata.Found f = vendorXY(files.get(0), w);
            String xy = f.source().key() + " " + f.detail() + " of " + files.get(0).getFileName();
            double[] step = sliceSpacingUm == null && f.source() == org.porophase.core.CalibrationSource.ZEISS ? zeissFibStep(files) : null;
            if (sliceSpacingUm != null) {
                vs = new VoxelSize(f.pixelWidthUm(), f.pixelHeightUm(), sliceSpacingUm);
                vsSource = "x, y: " + xy + "; z: --slice-spacing " + SemReader.fmt(sliceSpacingUm) + " µm";
            } else if (step != null) {
                vs = new VoxelSize(f.pixelWidthUm(), f.pixelHeightUm(), step[0]);
                vsSource = "x, y: " + xy + "; z: Zeiss FIB milling position, AP_FIB_SLICE_Y steps by " + SemReader.fmt(step[0])
                        + " µm per file (tag 34118; check it against the run's slice thickness, or pass --slice-spacing)";
            } else {
                vs = null;
                vsSource = "x, y = " + SemReader.fmt(f.pixelWidthUm()) + " × " + SemReader.fmt(f.pixelHeightUm()) + " µm from " + xy
                        + ", but the slice spacing z is not in the files; pass --slice-spacing Z in µm";
            }
        } else if (c.getUnit() != null && !c.getUnit().isBlank() && !c.getUnit().toLowerCase(Locale.ROOT).startsWith("pixel")
                && Double.isNaN(Calibration.toMicrons(c.getUnit()))) {
            vs = null;
            vsSource = "the unit '" + c.getUnit() + "' of " + files.get(0).getFileName() + " is not a length unit PoroPhase knows (nm, µm, mm, cm, m)";
        } else {
            vs = null;
            vsSource = "none (slices are not spatially calibrated)";
        }
    }

    /** The best plausible vendor-tag calibration of a TIFF slice, or null (not a TIFF, no vendor tag). */
    private static VendorMetadata.Found vendorXY(Path slice, int width) {
        String n = slice.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".tif") && !n.endsWith(".tiff")) {
            return null;
        }
        List<VendorMetadata.Found> found = new ArrayList<>();
        SemReader.vendorTags(slice, width, found, new java.util.LinkedHashMap<>(), new java.util.OptionalInt[] {java.util.OptionalInt.empty()},
                new ArrayList<>());
        found.removeIf(f -> !Calibration.plausible(f.pixelWidthUm()) || !Calibration.plausible(f.pixelHeightUm()));
        found.sort((a, b) -> Integer.compare(SemReader.rank(a.source()), SemReader.rank(b.source())));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Zeiss FIB slice step over the files (as {@link TiffStackReader#zeissFibStep} over pages), null when not uniform. */
    private static double[] zeissFibStep(List<Path> files) {
        if (files.size() < 2 || files.size() > 100_000) {
            return null;
        }
        double[] ys = new double[files.size()];
        for (int i = 0; i < files.size(); i++) {
            double[] pos;
            try {
                pos = TiffTags.read(files.get(i)).string(TiffTags.ZEISS_SEM).map(VendorMetadata::zeissFibSlice).orElse(null);
            } catch (PoroPhaseException e) {
                return null;
            }
            if (pos == null) {
                return null;
            }
            ys[i] = pos[1];
        }
        double first = Math.abs(ys[1] - ys[0]);
        for (int i = 2; i < ys.length; i++) {
            if (!(first > 0) || Math.abs(Math.abs(ys[i] - ys[i - 1]) - first) > 0.02 * first) {
                return null;
            }
        }
        return first > 0 ? new double[] {VendorMetadata.clean(Math.abs(ys[ys.length - 1] - ys[0]) / (ys.length - 1))} : null;
    }

    private static String m(String description) {
        Matcher m = Pattern.compile("(?m)^\\s*(spacing=.*)$").matcher(description);
        return m.find() ? m.group(1).trim() : "spacing=";
    }

    private PoroPhaseException mixed(Path p, int pw, int ph, int bits) {
        return new PoroPhaseException("mixed slice sizes in " + dir + ": " + p.getFileName() + " is " + pw + "×" + ph + " " + bits
                + "-bit but " + files.get(0).getFileName() + " is " + w + "×" + h + " " + bitDepth
                + "-bit; all slices of a volume must have the same size and type");
    }

    /** Image files of a folder in natural order. */
    public static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> IMAGE_EXT.matcher(p.getFileName().toString()).matches())
                    .forEach(out::add);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString(), NaturalOrder::compare));
        return out;
    }

    private static void checkGaps(Path dir, List<Path> files) {
        if (files.size() < 2) {
            return;
        }
        long prev = Long.MIN_VALUE;
        String prevPrefix = null;
        List<String> missing = new ArrayList<>();
        for (Path p : files) {
            String n = p.getFileName().toString();
            Matcher m = TRAILING_NUMBER.matcher(n);
            if (!m.find()) {
                return; // names without numbers: no gap check
            }
            String prefix = n.substring(0, m.start());
            long v;
            try {
                v = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return;
            }
            if (prevPrefix != null && prefix.equals(prevPrefix) && v > prev + 1) {
                for (long k = prev + 1; k < v && missing.size() < 10; k++) {
                    missing.add(Long.toString(k));
                }
            }
            prevPrefix = prefix;
            prev = v;
        }
        if (!missing.isEmpty()) {
            throw new PoroPhaseException("missing slices in " + dir + ": the numbered slice files skip number(s) " + String.join(", ", missing)
                    + "; restore the missing files (or renumber the slices) so the volume's z spacing is right");
        }
    }

    @Override
    public String description() {
        return "slice folder " + dir.getFileName() + " (" + w + "×" + h + "×" + files.size() + ", " + bitDepth + "-bit)";
    }

    /** Synchronized: ImageJ's Opener is not documented as thread-safe; decoding is serialized. */
    @Override
    public synchronized Object slice(int z) {
        Path p = files.get(z);
        ImagePlus imp = new Opener().openImage(p.toString());
        if (imp == null) {
            throw new PoroPhaseException("cannot open slice " + p + " (unsupported or corrupt image)");
        }
        ImageProcessor ip = imp.getProcessor();
        if (ip.getWidth() != w || ip.getHeight() != h || imp.getBitDepth() != bitDepth) {
            throw mixed(p, ip.getWidth(), ip.getHeight(), imp.getBitDepth());
        }
        return ip.getPixels();
    }
}
