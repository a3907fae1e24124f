package org.porophase.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.porophase.core.PoroPhaseException;

/**
 * A small, independent reader of the first IFD (image file directory) of a TIFF file: classic TIFF and
 * BigTIFF, little-endian ("II") and big-endian ("MM").
 * <p>
 * Used to get the vendor tags that ImageJ's decoder does not keep: 34682 (FEI/Thermo Fisher xT INI
 * text), 34118 (Zeiss SmartSEM), 50431 (TESCAN INI text), and 270 (ImageDescription). Every read is
 * bounded by the file size and by {@link #MAX_VALUE_BYTES}; garbage offsets give a clear
 * {@link PoroPhaseException}, never an out-of-memory error. Tag numbers: TIFF 6.0 specification; vendor
 * tags as registered in tifffile (FEI_HELIOS 34682, CZ_SEM 34118, TVIPS/TESCAN 50431 per the NexusLIMS
 * TESCAN extractor).
 */
public final class TiffTags {
    public static final int IMAGE_DESCRIPTION = 270;
    public static final int X_RESOLUTION = 282;
    public static final int Y_RESOLUTION = 283;
    public static final int RESOLUTION_UNIT = 296;
    /** FEI SFEG metadata (older FEI instruments), INI text. */
    public static final int FEI_SFEG = 34680;
    /** FEI / Thermo Fisher xT metadata ("FEI_HELIOS"), INI text. */
    public static final int FEI_HELIOS = 34682;
    /** Zeiss SmartSEM metadata ("CZ_SEM"). */
    public static final int ZEISS_SEM = 34118;
    /** TESCAN metadata, INI text. */
    public static final int TESCAN = 50431;

    /** Largest tag value read (16 MiB); larger declared values are skipped. */
    public static final long MAX_VALUE_BYTES = 16L << 20;
    private static final int MAX_ENTRIES = 10_000;

    /** One tag: its raw bytes in file order and, for integer/rational types, the decoded numbers. */
    public record Tag(int id, int type, long count, byte[] bytes, long[] numbers) {
        /**
         * Text value: ASCII/BYTE/UNDEFINED bytes decoded as UTF-8 when valid, else ISO-8859-1 (Zeiss writes
         * "µ" as the single byte 0xB5); NUL bytes and trailing blanks removed.
         */
        public String asString() {
            if (bytes == null) {
                return "";
            }
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                s = new String(bytes, StandardCharsets.ISO_8859_1);
            }
            return s.replace("\0", "").strip();
        }

        /** Numeric values (SHORT/LONG/LONG8/BYTE; RATIONAL as numerator, denominator pairs). */
        public long[] asLongs() {
            return numbers == null ? new long[0] : numbers.clone();
        }
    }

    private final Map<Integer, Tag> tags;
    private final boolean bigEndian;
    private final boolean bigTiff;

    private TiffTags(Map<Integer, Tag> tags, boolean bigEndian, boolean bigTiff) {
        this.tags = Collections.unmodifiableMap(tags);
        this.bigEndian = bigEndian;
        this.bigTiff = bigTiff;
    }

    /** True when the first bytes are a TIFF or BigTIFF signature. */
    public static boolean isTiff(byte[] head) {
        if (head == null || head.length < 4) {
            return false;
        }
        boolean ii = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
        boolean mm = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return ii || mm;
    }

    /**
     * Reads the tags of the first IFD.
     *
     * @throws PoroPhaseException if the file is not a TIFF, cannot be read, or its header points outside the file
     */
    public static TiffTags read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read TIFF tags of " + file + ": " + e.getMessage(), e);
        }
    }

    private static TiffTags read(FileChannel ch, Path file) throws IOException {
        List<TiffTags> one = readPages(ch, file, 1);
        return one.get(0);
    }

    /**
     * Reads the tags of the first {@code maxPages} IFDs (pages) of the chain: vendor metadata that is
     * per page (a Zeiss FIB-SEM stack's slice position) or only in a later page (Olympus SIS puts its
     * calibration in the second IFD, after an RGB preview). The chain stops at a null pointer, at a
     * pointer outside the file, or at an IFD already visited (a loop).
     *
     * @throws PoroPhaseException as {@link #read(Path)} for the first IFD
     */
    public static List<TiffTags> readPages(Path file, int maxPages) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readPages(ch, file, Math.max(1, maxPages));
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read TIFF tags of " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<TiffTags> readPages(FileChannel ch, Path file, int maxPages) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad(file, "file too short for a TIFF header (" + size + " bytes)");
        }
        ByteBuffer head = readAt(ch, 0, 16 > size ? (int) size : 16, size, file);
        byte b0 = head.get(0);
        byte b1 = head.get(1);
        ByteOrder order;
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw bad(file, "not a TIFF file (no II/MM byte-order mark)");
        }
        head.order(order);
        int magic = head.getShort(2) & 0xFFFF;
        boolean big;
        long ifd;
        if (magic == 42) {
            big = false;
            ifd = head.getInt(4) & 0xFFFFFFFFL;
        } else if (magic == 43) {
            if (size < 16) {
                throw bad(file, "file too short for a BigTIFF header");
            }
            big = true;
            ifd = head.getLong(8);
        } else {
            throw bad(file, "not a TIFF file (magic number " + magic + ", expected 42 or 43)");
        }
        if (ifd < 8 || ifd >= size) {
            throw bad(file, "first IFD offset " + ifd + " lies outside the file (" + size + " bytes); the file is truncated or corrupt");
        }
        List<TiffTags> pages = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (pages.size() < maxPages && ifd >= 8 && ifd < size && seen.add(ifd)) {
            long[] next = {0};
            try {
                pages.add(readIfd(ch, file, order, big, ifd, size, next));
            } catch (PoroPhaseException e) {
                if (pages.isEmpty()) {
                    throw e;
                }
                break; // a damaged later IFD: keep the pages read so far (the pixel reader reports the damage)
            }
            ifd = next[0];
        }
        return pages;
    }

    private static TiffTags readIfd(FileChannel ch, Path file, ByteOrder order, boolean big, long ifd, long size, long[] nextOut)
            throws IOException {
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        ByteBuffer cb = readAt(ch, ifd, countSize, size, file).order(order);
        long n = big ? cb.getLong(0) : (cb.getShort(0) & 0xFFFF);
        if (n <= 0 || n > MAX_ENTRIES) {
            throw bad(file, "first IFD declares " + n + " entries; the file is corrupt");
        }
        long entriesBytes = n * entrySize;
        if (ifd + countSize + entriesBytes > size) {
            throw bad(file, "first IFD (" + n + " entries at offset " + ifd + ") runs past the end of the file; the file is truncated");
        }
        ByteBuffer eb = readAt(ch, ifd + countSize, (int) entriesBytes, size, file).order(order);
        Map<Integer, Tag> tags = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int base = i * entrySize;
            int id = eb.getShort(base) & 0xFFFF;
            int type = eb.getShort(base + 2) & 0xFFFF;
            long count = big ? eb.getLong(base + 4) : (eb.getInt(base + 4) & 0xFFFFFFFFL);
            int unit = typeSize(type);
            if (unit == 0 || count < 0) {
                continue; // unknown type: skip, as the TIFF specification asks
            }
            long nbytes = count * unit;
            if (count > MAX_VALUE_BYTES || nbytes > MAX_VALUE_BYTES) {
                continue;
            }
            int inline = big ? 8 : 4;
            byte[] bytes = new byte[(int) nbytes];
            if (nbytes <= inline) {
                eb.position(base + (big ? 12 : 8));
                eb.get(bytes);
            } else {
                long off = big ? eb.getLong(base + 12) : (eb.getInt(base + 8) & 0xFFFFFFFFL);
                if (off < 0 || off + nbytes > size) {
                    continue; // value outside the file: ignore this tag, keep the others
                }
                readAt(ch, off, (int) nbytes, size, file).get(bytes);
            }
            tags.put(id, new Tag(id, type, count, bytes, numbers(type, count, bytes, order)));
        }
        int offSize = big ? 8 : 4;
        long nextPos = ifd + countSize + entriesBytes;
        if (nextOut != null) {
            nextOut[0] = 0;
            if (nextPos + offSize <= size) {
                ByteBuffer nb = readAt(ch, nextPos, offSize, size, file).order(order);
                nextOut[0] = big ? nb.getLong(0) : nb.getInt(0) & 0xFFFFFFFFL;
            }
        }
        return new TiffTags(tags, order == ByteOrder.BIG_ENDIAN, big);
    }

    /**
     * Reads {@code length} bytes at {@code offset} of the file (bounded by the file size), e.g. a vendor
     * structure a tag points to (Olympus SIS tag 33560 holds the offset of its "SIS0" block).
     */
    public static byte[] bytesAt(Path file, long offset, int length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset < 0 || offset >= size) {
                return new byte[0];
            }
            int n = (int) Math.min(length, size - offset);
            byte[] b = new byte[n];
            readAt(ch, offset, n, size, file).get(b);
            return b;
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A DOUBLE (type 12) or FLOAT (type 11) tag's first value, NaN when absent or of another type. */
    public double doubleValue(int id) {
        Tag t = tags.get(id);
        if (t == null || t.bytes() == null) {
            return Double.NaN;
        }
        ByteBuffer b = ByteBuffer.wrap(t.bytes()).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (t.type() == 12 && t.bytes().length >= 8) {
            return b.getDouble(0);
        }
        if (t.type() == 11 && t.bytes().length >= 4) {
            return b.getFloat(0);
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------ structure of the whole file

    /** Most IFDs (pages) a TIFF may have; a longer chain is a damaged file (a loop through garbage). */
    public static final int MAX_IFDS = 1_000_000;
    /** Most strips or tiles one page may have (ImageJ allocates one int per strip). */
    public static final long MAX_STRIPS = 1L << 24;

    /**
     * The first page of a TIFF and what the whole IFD chain says: number of pages and whether every
     * page's pixel data lies inside the file.
     *
     * @param file       the file (for messages)
     * @param fileSize   its size in bytes
     * @param bigTiff    BigTIFF (64-bit offsets)
     * @param pages      number of IFDs in the chain
     * @param width      image width of the first page, pixels
     * @param height     image height of the first page, pixels
     * @param samples    samples per pixel of the first page (1 gray, 3 RGB, …)
     * @param bits       bits per sample of the first page
     * @param compression TIFF compression code of the first page (1 = none)
     * @param shortPage  1-based number of the first page whose pixel data runs past the end of the
     *                   file, 0 when all are complete
     * @param shortEnd   the byte where that page's pixel data should end
     */
    public record Layout(Path file, long fileSize, boolean bigTiff, int pages, long width, long height, int samples, int bits,
            int compression, int shortPage, long shortEnd) {
        /** Pixels of one page (saturating at {@link Long#MAX_VALUE}). */
        public long pixels() {
            return width > 0 && height > Long.MAX_VALUE / width ? Long.MAX_VALUE : width * height;
        }

        /**
         * Heap bytes ImageJ needs for one decoded page: 1, 2 or 4 bytes per sample (1-bit is expanded to
         * 8-bit, 64-bit float becomes 32-bit), 8-bit RGB packed in an int per pixel.
         */
        public long decodedBytesPerPage() {
            long per = bits <= 8 ? 1 : bits <= 16 ? 2 : 4;
            long perPixel = samples >= 3 && bits <= 8 ? 4 : Math.max(1, samples) * per;
            long px = pixels();
            return px > Long.MAX_VALUE / perPixel ? Long.MAX_VALUE : px * perPixel;
        }

        /**
         * Guards against silently zero-filled pixels: a truncated file whose IFD survived still
         * declares strips or tiles past its end, which ImageJ would read as zeros.
         *
         * @throws PoroPhaseException naming the file, the page and the missing bytes
         */
        public void requireComplete() {
            if (shortPage > 0) {
                throw new PoroPhaseException(file + ": truncated TIFF: the pixel data of page " + shortPage + " should end at byte "
                        + shortEnd + " but the file has only " + fileSize + " bytes; the file was not copied completely — copy it again");
            }
        }
    }

    /** Tags ImageJ's TiffDecoder allocates arrays or strings for: their values must lie inside the file. */
    private static final java.util.Set<Integer> DECODED_TAGS = java.util.Set.of(256, 257, 258, 259, 262, 270, 273, 274, 277, 278, 279,
            282, 283, 284, 296, 305, 306, 315, 316, 317, 320, 322, 323, 324, 325, 339, 347, 33628, 34122, 43314, 50838, 50839);

    /**
     * Walks the whole IFD chain of a TIFF (classic or BigTIFF, either byte order) without decoding pixels,
     * and returns its {@link Layout}.
     * <p>
     * Guards against files that hang or crash ImageJ's {@code TiffDecoder}, which follows next-IFD
     * pointers without remembering where it has been and allocates whatever counts a tag declares:
     * <ul>
     * <li>a next-IFD pointer to itself, to an earlier IFD or into one (a loop: the decoder never ends);</li>
     * <li>IFD or value offsets outside the file, and IFDs that run past its end (truncated files);</li>
     * <li>a chain longer than {@link #MAX_IFDS} or than the file could hold (12 bytes per IFD at least);</li>
     * <li>entry counts and tag value counts larger than the file (absurd allocations).</li>
     * </ul>
     * Pixel data past the end of the file is recorded, not thrown, so that a caller can first say that a
     * genuine but huge image needs more memory ({@link Layout#requireComplete()} then refuses a truncated one).
     *
     * @throws PoroPhaseException "FILE: corrupt TIFF: …" (or "truncated TIFF") naming the IFD and what is wrong
     */
    public static Layout layout(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return layout(ch, file);
        } catch (IOException e) {
            throw new PoroPhaseException(file + ": cannot read the TIFF: " + e.getMessage(), e);
        }
    }

    private static Layout layout(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        String corrupt = file + ": corrupt TIFF: ";
        String damaged = "; the file is damaged — re-export it";
        if (size < 8) {
            throw new PoroPhaseException(file + ": truncated TIFF: " + size + " bytes, too short for a TIFF header; copy the file again");
        }
        ByteBuffer head = readAt(ch, 0, (int) Math.min(16, size), size, file);
        ByteOrder order = head.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (!isTiff(java.util.Arrays.copyOf(head.array(), 4))) {
            throw new PoroPhaseException(corrupt + "no TIFF signature (II*/MM*)" + damaged);
        }
        head.order(order);
        boolean big = (head.getShort(2) & 0xFFFF) == 43;
        if (big && size < 16) {
            throw new PoroPhaseException(file + ": truncated TIFF: " + size + " bytes, too short for a BigTIFF header; copy the file again");
        }
        long next = big ? head.getLong(8) : head.getInt(4) & 0xFFFFFFFFL;
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        int offSize = big ? 8 : 4;
        // IFD start → {end, 1-based index}: a pointer to a known start is a loop, one inside an IFD a damaged chain
        java.util.TreeMap<Long, long[]> seen = new java.util.TreeMap<>();
        long maxIfds = Math.min(MAX_IFDS, size / 12);
        int pages = 0;
        long w0 = 0;
        long h0 = 0;
        int spp0 = 1;
        int bits0 = 1;
        int comp0 = 1;
        int shortPage = 0;
        long shortEnd = 0;
        String from = big ? "the BigTIFF header" : "the TIFF header";
        while (next != 0) {
            int index = pages + 1;
            if (next < 0 || next < (big ? 16 : 8) || next >= size) {
                String what = pages == 0 ? "the first IFD offset " + Long.toUnsignedString(next) : "the next-IFD offset "
                        + Long.toUnsignedString(next) + " of IFD " + pages;
                throw new PoroPhaseException(file + ": truncated or corrupt TIFF: " + what + " lies outside the file (" + size
                        + " bytes); the file was not copied completely or is damaged — copy or re-export it");
            }
            Map.Entry<Long, long[]> prev = seen.floorEntry(next);
            if (prev != null && prev.getKey() == next) {
                throw new PoroPhaseException(corrupt + (pages == 0 ? from : "IFD " + pages) + " points back to IFD " + prev.getValue()[1]
                        + " (a loop)" + damaged);
            }
            if (prev != null && next < prev.getValue()[0]) {
                throw new PoroPhaseException(corrupt + "IFD " + pages + " points into the middle of IFD " + prev.getValue()[1]
                        + " (offset " + next + ")" + damaged);
            }
            if (index > maxIfds) {
                throw new PoroPhaseException(corrupt + "more than " + maxIfds + " IFDs (pages) in a file of " + size
                        + " bytes: the chain of IFDs does not end" + damaged);
            }
            if (next + countSize > size) {
                throw new PoroPhaseException(file + ": truncated TIFF: IFD " + index + " at offset " + next
                        + " runs past the end of the file; copy the file again");
            }
            ByteBuffer cb = readAt(ch, next, countSize, size, file).order(order);
            long n = big ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
            if (n <= 0 || n > MAX_ENTRIES) {
                throw new PoroPhaseException(corrupt + "IFD " + index + " declares " + Long.toUnsignedString(n) + " entries" + damaged);
            }
            long end = next + countSize + n * entrySize + offSize;
            if (end > size) {
                throw new PoroPhaseException(file + ": truncated TIFF: IFD " + index + " (" + n + " entries at offset " + next
                        + ") runs past the end of the file (" + size + " bytes); copy the file again");
            }
            Map.Entry<Long, long[]> after = seen.ceilingEntry(next);
            if (after != null && after.getKey() < end) {
                throw new PoroPhaseException(corrupt + "IFD " + index + " overlaps IFD " + after.getValue()[1] + damaged);
            }
            seen.put(next, new long[] {end, index});
            ByteBuffer eb = readAt(ch, next + countSize, (int) (n * entrySize + offSize), size, file).order(order);
            long width = 0;
            long height = 0;
            int spp = 1;
            int bits = 1;
            int comp = 1;
            long[] offsets = null;
            long[] counts = null;
            for (int i = 0; i < n; i++) {
                int base = i * entrySize;
                int id = eb.getShort(base) & 0xFFFF;
                int type = eb.getShort(base + 2) & 0xFFFF;
                long count = big ? eb.getLong(base + 4) : eb.getInt(base + 4) & 0xFFFFFFFFL;
                int unit = typeSize(type);
                if (unit == 0 || !DECODED_TAGS.contains(id)) {
                    continue; // unknown type or a tag ImageJ does not decode: not its problem
                }
                if (count < 0 || count > size / unit + 1) {
                    throw new PoroPhaseException(corrupt + "IFD " + index + " tag " + id + " declares " + Long.toUnsignedString(count)
                            + " values, more than the file's " + size + " bytes can hold" + damaged);
                }
                long nbytes = count * unit;
                long valuePos = base + (big ? 12 : 8);
                boolean inline = nbytes <= offSize;
                long off = inline ? -1 : big ? eb.getLong(base + 12) : eb.getInt(base + 8) & 0xFFFFFFFFL;
                if (!inline && (off < 0 || off + nbytes > size)) {
                    throw new PoroPhaseException(file + ": truncated or corrupt TIFF: the value of tag " + id + " in IFD " + index + " ("
                            + nbytes + " bytes at offset " + Long.toUnsignedString(off) + ") lies outside the file (" + size
                            + " bytes); copy or re-export the file");
                }
                boolean wanted = id == 256 || id == 257 || id == 258 || id == 259 || id == 277 || id == 273 || id == 279
                        || id == 324 || id == 325;
                if (!wanted || count == 0) {
                    continue;
                }
                if ((id == 273 || id == 279 || id == 324 || id == 325) && count > MAX_STRIPS) {
                    throw new PoroPhaseException(corrupt + "IFD " + index + " declares " + count + " strips or tiles (at most "
                            + MAX_STRIPS + " are supported)" + damaged);
                }
                long[] v = id == 258 || id == 259 || id == 277 || id == 256 || id == 257 ? new long[] {value(eb, ch, type, inline, valuePos,
                        off, 0, order, size, file)} : values(eb, ch, type, count, inline, valuePos, off, order, size, file);
                switch (id) {
                    case 256: width = v[0]; break;
                    case 257: height = v[0]; break;
                    case 258: bits = (int) Math.min(Integer.MAX_VALUE, v[0]); break;
                    case 259: comp = (int) Math.min(Integer.MAX_VALUE, v[0]); break;
                    case 277: spp = (int) Math.min(Integer.MAX_VALUE, v[0]); break;
                    case 273: case 324: offsets = v; break;
                    default: counts = v; break;
                }
            }
            if (shortPage == 0 && offsets != null) {
                long dataEnd = 0;
                for (int s = 0; s < offsets.length; s++) {
                    long len;
                    if (counts != null && s < counts.length) {
                        len = counts[s];
                    } else if (comp == 1 && offsets.length == 1) {
                        long per = (Math.max(1, spp) * (long) Math.max(1, bits) + 7) / 8;
                        len = width > 0 && height > 0 && width < (1L << 31) && height < (1L << 31) ? width * height * per : 0;
                    } else {
                        len = 0;
                    }
                    dataEnd = Math.max(dataEnd, offsets[s] + len);
                }
                if (dataEnd > size || dataEnd < 0) {
                    shortPage = index;
                    shortEnd = dataEnd;
                }
            }
            if (pages == 0) {
                w0 = width;
                h0 = height;
                spp0 = spp;
                bits0 = bits;
                comp0 = comp;
            }
            pages = index;
            next = big ? eb.getLong((int) (n * entrySize)) : eb.getInt((int) (n * entrySize)) & 0xFFFFFFFFL;
        }
        if (pages == 0) {
            throw new PoroPhaseException(corrupt + "no image directory (first IFD offset 0)" + damaged);
        }
        return new Layout(file, size, big, pages, w0, h0, spp0, bits0, comp0, shortPage, shortEnd);
    }

    /** Unsigned integer values of a SHORT/LONG/LONG8 tag (BYTE too); other types give zeros. */
    private static long[] values(ByteBuffer eb, FileChannel ch, int type, long count, boolean inline, long valuePos, long off,
            ByteOrder order, long size, Path file) throws IOException {
        int unit = typeSize(type);
        ByteBuffer b = inline ? eb.duplicate().order(order).position((int) valuePos).slice().order(order)
                : readAt(ch, off, (int) (count * unit), size, file).order(order);
        long[] r = new long[(int) count];
        for (int i = 0; i < count; i++) {
            r[i] = number(b, type, i);
        }
        return r;
    }

    private static long value(ByteBuffer eb, FileChannel ch, int type, boolean inline, long valuePos, long off, int i, ByteOrder order,
            long size, Path file) throws IOException {
        ByteBuffer b = inline ? eb.duplicate().order(order).position((int) valuePos).slice().order(order)
                : readAt(ch, off, typeSize(type), size, file).order(order);
        return number(b, type, i);
    }

    private static long number(ByteBuffer b, int type, int i) {
        switch (type) {
            case 1: case 6: case 7: return b.get(i) & 0xFF;
            case 3: case 8: return b.getShort(2 * i) & 0xFFFF;
            case 4: case 9: case 13: return b.getInt(4 * i) & 0xFFFFFFFFL;
            case 16: case 17: case 18: return b.getLong(8 * i);
            default: return 0;
        }
    }

    private static long[] numbers(int type, long count, byte[] bytes, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        switch (type) {
            case 1: case 6: case 7: {
                if (count > 65536) {
                    return null;
                }
                long[] r = new long[(int) count];
                for (int i = 0; i < count; i++) {
                    r[i] = type == 6 ? bytes[i] : bytes[i] & 0xFF;
                }
                return r;
            }
            case 3: case 8: {
                long[] r = new long[(int) count];
                for (int i = 0; i < count; i++) {
                    r[i] = type == 8 ? b.getShort(2 * i) : b.getShort(2 * i) & 0xFFFF;
                }
                return r;
            }
            case 4: case 9: case 13: {
                long[] r = new long[(int) count];
                for (int i = 0; i < count; i++) {
                    r[i] = type == 9 ? b.getInt(4 * i) : b.getInt(4 * i) & 0xFFFFFFFFL;
                }
                return r;
            }
            case 5: case 10: {
                long[] r = new long[(int) (2 * count)];
                for (int i = 0; i < 2 * count; i++) {
                    r[i] = type == 10 ? b.getInt(4 * i) : b.getInt(4 * i) & 0xFFFFFFFFL;
                }
                return r;
            }
            case 16: case 17: case 18: {
                long[] r = new long[(int) count];
                for (int i = 0; i < count; i++) {
                    r[i] = b.getLong(8 * i);
                }
                return r;
            }
            default:
                return null;
        }
    }

    private static int typeSize(int type) {
        switch (type) {
            case 1: case 2: case 6: case 7: return 1;
            case 3: case 8: return 2;
            case 4: case 9: case 11: case 13: return 4;
            case 5: case 10: case 12: case 16: case 17: case 18: return 8;
            default: return 0;
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int len, long size, Path file) throws IOException {
        if (pos < 0 || len < 0 || pos + len > size) {
            throw bad(file, "read of " + len + " bytes at offset " + pos + " lies outside the file (" + size + " bytes); the file is truncated or corrupt");
        }
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) {
                throw bad(file, "unexpected end of file at offset " + (pos + buf.position()));
            }
        }
        buf.flip();
        return buf;
    }

    private static PoroPhaseException bad(Path file, String what) {
        return new PoroPhaseException("cannot read TIFF tags of " + file + ": " + what);
    }

    /** All tags of the first IFD, by tag number, in file order. */
    public Map<Integer, Tag> tags() {
        return tags;
    }

    public Optional<Tag> get(int id) {
        return Optional.ofNullable(tags.get(id));
    }

    /** The text of a tag (see {@link Tag#asString()}), or empty when absent or blank. */
    public Optional<String> string(int id) {
        Tag t = tags.get(id);
        if (t == null) {
            return Optional.empty();
        }
        String s = t.asString();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    public boolean bigTiff() {
        return bigTiff;
    }
}
