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
import java.util.Collections;
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
        return new TiffTags(tags, order == ByteOrder.BIG_ENDIAN, big);
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
