package org.porophase.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ij.io.FileInfo;
import ij.io.TiffDecoder;

import org.porophase.core.MemoryCheck;
import org.porophase.core.PoroPhaseException;

/**
 * The checks every reader makes on an input file before it reads it, so that a hostile or damaged
 * file gets a quick message naming it, never a hang, a raw exception or silently wrong pixels:
 * <ul>
 * <li>{@link #requireRegularFile}: refuses what is not a regular file (a FIFO, a device, a socket, a
 * folder) without opening it: reading a named pipe blocks until someone writes into it, and a device
 * never ends;</li>
 * <li>{@link #checkTiff}: walks the TIFF's IFD chain ({@link TiffTags#layout}) before ImageJ sees it
 * (loops, impossible offsets and counts), says when the decoded image would not fit in the heap,
 * and refuses pixel data cut off by a truncated copy;</li>
 * <li>{@link #requireSliceFits}: refuses one image plane that Java cannot hold in an array or the heap
 * cannot hold at all (MetaImage, NRRD, HDF5 headers can declare anything).</li>
 * </ul>
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Largest Java array ImageJ can allocate for one image plane (elements). */
    public static final long MAX_PLANE_PIXELS = Integer.MAX_VALUE - 8L;

    /**
     * Guards against inputs that are not regular files: a FIFO (named pipe) would block the reader
     * forever, a device would be read without end, a folder is no image. Does not open the file.
     *
     * @param file the path
     * @param what what the file should be, for the message ("image file", "mask file", "checkpoint")
     * @return the same path
     * @throws PoroPhaseException naming the path and what it is instead
     */
    public static Path requireRegularFile(Path file, String what) {
        if (file == null) {
            throw new PoroPhaseException("no " + what + " given");
        }
        if (Files.isRegularFile(file)) {
            if (!Files.isReadable(file)) {
                throw new PoroPhaseException("cannot read " + what + " " + file + ": permission denied (check the file's permissions)");
            }
            return file;
        }
        if (!Files.exists(file)) {
            throw new PoroPhaseException(what + " not found: " + file + " (check the path and spelling)");
        }
        if (Files.isDirectory(file)) {
            throw new PoroPhaseException(file + " is a folder, not a " + what + ": pass one file");
        }
        throw new PoroPhaseException(file + " is " + kind(file) + ", not a regular file: PoroPhase reads " + what
                + "s only from regular files (reading a pipe or device would block or never end); copy the data into a file first");
    }

    /** True when the path exists and is neither a regular file nor a folder (a FIFO, device or socket). */
    public static boolean isSpecial(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    /** "a named pipe (FIFO)", "a character device", … from the Unix file mode; "a special file" elsewhere. */
    public static String kind(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            switch (mode & 0170000) {
                case 0010000: return "a named pipe (FIFO)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: return "a special file";
            }
        } catch (IOException | RuntimeException e) {
            return "a special file (a pipe, device or socket)";
        }
    }

    /**
     * Checks a TIFF before it is handed to ImageJ: the IFD chain ({@link TiffTags#layout}: loops,
     * offsets, counts), a sensible first-page size, whether the decoded pages fit in the heap, and that
     * no page's pixel data is cut off.
     *
     * @param file  the TIFF
     * @param pages how many pages will be decoded at once (1 for a single image or a streamed volume;
     *              {@code Integer.MAX_VALUE} for all of them)
     * @return the layout
     * @throws PoroPhaseException "corrupt TIFF", "truncated TIFF" or "too large for the available memory"
     */
    public static TiffTags.Layout checkTiff(Path file, int pages) {
        TiffTags.Layout l = TiffTags.layout(file);
        if (l.width() <= 0 || l.height() <= 0) {
            throw new PoroPhaseException(file + ": corrupt TIFF: the first page declares a size of " + l.width() + " × " + l.height()
                    + " pixels; the file is damaged — re-export it");
        }
        int n = Math.min(Math.max(1, pages), l.pages());
        long per = l.decodedBytesPerPage();
        long bytes = per > Long.MAX_VALUE / n ? Long.MAX_VALUE : per * n;
        requireMemory(file, bytes, l.width() + " × " + l.height() + " pixels" + (n > 1 ? " × " + n + " pages" : ""));
        requirePlane(file, l.width(), l.height());
        l.requireComplete();
        return l;
    }

    /**
     * Guards against one image plane too large to decode: more pixels than a Java array holds, or more
     * bytes than the heap has.
     *
     * @param file          the input, for the message
     * @param bytesPerPixel bytes per pixel of the decoded plane
     */
    public static void requireSliceFits(Path file, long width, long height, int bytesPerPixel) {
        long px = width > 0 && height > Long.MAX_VALUE / width ? Long.MAX_VALUE : width * height;
        long bytes = px > Long.MAX_VALUE / Math.max(1, bytesPerPixel) ? Long.MAX_VALUE : px * Math.max(1, bytesPerPixel);
        requireMemory(file, bytes, "one slice of " + width + " × " + height + " pixels");
        requirePlane(file, width, height);
    }

    private static void requireMemory(Path file, long bytes, String what) {
        MemoryCheck.requireForInput(bytes, file + " (" + what + ")");
    }

    private static void requirePlane(Path file, long width, long height) {
        long px = width > 0 && height > Long.MAX_VALUE / width ? Long.MAX_VALUE : width * height;
        if (px > MAX_PLANE_PIXELS) {
            throw new PoroPhaseException(String.format(Locale.ROOT, "%s: too large: %d × %d = %.3g Gpixel in one plane, more than the"
                    + " 2^31 − 1 pixels an ImageJ image can hold (more memory does not help); crop the image or split it into tiles",
                    file, width, height, px / 1e9));
        }
    }

    /**
     * The page descriptions ImageJ's decoder gives for a TIFF, after {@link #checkTiff} (so the decoder
     * cannot hang or over-allocate) and with ImageJ's own view of the pixel data checked against the file
     * length (a truncated file would otherwise be decoded with zero-filled rows). Every reader that hands
     * a TIFF to ImageJ uses this, so that every command rejects a damaged file the same way.
     *
     * @param pages how many pages will be decoded at once (see {@link #checkTiff})
     */
    public static FileInfo[] tiffInfo(Path file, int pages) {
        checkTiff(file, pages);
        Path abs = file.toAbsolutePath();
        String corrupt = "cannot decode " + abs + ": the TIFF file is corrupt, truncated or in a variant ImageJ does not support";
        FileInfo[] info;
        try {
            info = new TiffDecoder(abs.getParent().toString() + java.io.File.separator, abs.getFileName().toString()).getTiffInfo();
        } catch (IOException | RuntimeException e) {
            throw new PoroPhaseException(corrupt + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "; re-save it as TIFF)", e);
        }
        if (info == null || info.length == 0 || info[0] == null) {
            throw new PoroPhaseException(corrupt + " (no image directory found; re-save it as TIFF)");
        }
        long size;
        try {
            size = Files.size(abs);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + abs + ": " + e.getMessage(), e);
        }
        checkTiffBounds(info, size, abs);
        if (info[0].width <= 0 || info[0].height <= 0) {
            throw new PoroPhaseException(corrupt + " (image size " + info[0].width + "×" + info[0].height + ")");
        }
        return info;
    }

    /** Uncompressed TIFF data that runs past the end of the file is a truncated file: ImageJ would pad with zeros. */
    static void checkTiffBounds(FileInfo[] info, long size, Path abs) {
        for (FileInfo fi : info) {
            if (fi == null) {
                continue;
            }
            long end;
            if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length > 0
                    && fi.stripOffsets.length == fi.stripLengths.length) {
                end = 0;
                for (int i = 0; i < fi.stripOffsets.length; i++) {
                    end = Math.max(end, (fi.stripOffsets[i] & 0xFFFFFFFFL) + (fi.stripLengths[i] & 0xFFFFFFFFL));
                }
            } else if (fi.compression == FileInfo.COMPRESSION_NONE) {
                end = fi.getOffset() + (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel());
            } else {
                continue;
            }
            if (end > size) {
                throw new PoroPhaseException("cannot decode " + abs + ": the TIFF file is truncated (its pixel data should end at byte "
                        + end + " but the file has " + size + " bytes); copy the file again");
            }
            if (fi.compression == FileInfo.COMPRESSION_NONE && fi.nImages <= 1) {
                long need = (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel());
                if (fi.getOffset() + need > size) {
                    throw new PoroPhaseException("cannot decode " + abs + ": the TIFF file is truncated (" + need
                            + " bytes of pixels declared, " + Math.max(0, size - fi.getOffset()) + " present); copy the file again");
                }
            }
        }
    }

}
