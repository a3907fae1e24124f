package org.porophase.io;

import java.nio.ByteOrder;
import java.util.Locale;

import org.porophase.core.PoroPhaseException;

/**
 * The element type of a chunked array (Zarr v2 {@code dtype} such as {@code "<u2"}, Zarr v3
 * {@code data_type} such as {@code "uint16"}, N5 {@code dataType}): kind ({@code 'u'} unsigned,
 * {@code 'i'} signed, {@code 'f'} float, {@code 'b'} bool), size in bytes and byte order. The
 * slices a reader returns follow {@link org.porophase.core.VolumeSource}: uint8 and bool as 8-bit,
 * uint16 as 16-bit, every other type as 32-bit float (int32/uint32/int64 above 2^24 lose
 * precision as float does; float64 is rounded to float).
 */
record ChunkType(char kind, int bytes, ByteOrder order) {

    static final String SUPPORTED = "uint8, uint16, uint32, uint64, int8, int16, int32, int64, float32, float64, bool";

    /** Bit depth of the slices (8, 16 or 32 = float). */
    int bitDepth() {
        if (kind == 'b' || kind == 'u' && bytes == 1) {
            return 8;
        }
        return kind == 'u' && bytes == 2 ? 16 : 32;
    }

    /** Zarr v3 / N5 name ("uint16", "float32", …). */
    String name() {
        return kind == 'b' ? "bool" : (kind == 'u' ? "uint" : kind == 'i' ? "int" : "float") + (8 * bytes);
    }

    /** Zarr v2 typestr ("|u1", "<u2", ">f4", …). */
    String zarrV2() {
        return (bytes == 1 ? "|" : order == ByteOrder.BIG_ENDIAN ? ">" : "<") + kind + bytes;
    }

    ChunkType withOrder(ByteOrder o) {
        return new ChunkType(kind, bytes, o);
    }

    /** Parses a Zarr v2 typestr such as {@code "<u2"}, {@code "|u1"}, {@code ">f8"}, {@code "|b1"}. */
    static ChunkType zarrV2(String s, String source) {
        if (s != null && s.length() >= 3) {
            char e = s.charAt(0);
            char k = s.charAt(1);
            ByteOrder o = e == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if (e == '<' || e == '>' || e == '|') {
                try {
                    int n = Integer.parseInt(s.substring(2));
                    ChunkType t = new ChunkType(k, n, o);
                    if (t.valid()) {
                        return t;
                    }
                } catch (NumberFormatException ignored) {
                    // error below
                }
            }
        }
        throw new PoroPhaseException(source + ": unsupported dtype " + (s == null ? "(missing)" : "'" + s + "'")
                + "; supported: |u1 <u2 >u2 <u4 <u8 |i1 <i2 <i4 <i8 <f4 <f8 |b1 (either byte order)");
    }

    /** Parses a Zarr v3 / N5 data type name ("uint8" … "float64", "bool"); byte order comes from a codec. */
    static ChunkType named(String s, ByteOrder o, String source) {
        String n = s == null ? "" : s.toLowerCase(Locale.ROOT);
        ChunkType t = switch (n) {
            case "bool" -> new ChunkType('b', 1, o);
            case "uint8" -> new ChunkType('u', 1, o);
            case "uint16" -> new ChunkType('u', 2, o);
            case "uint32" -> new ChunkType('u', 4, o);
            case "uint64" -> new ChunkType('u', 8, o);
            case "int8" -> new ChunkType('i', 1, o);
            case "int16" -> new ChunkType('i', 2, o);
            case "int32" -> new ChunkType('i', 4, o);
            case "int64" -> new ChunkType('i', 8, o);
            case "float32" -> new ChunkType('f', 4, o);
            case "float64" -> new ChunkType('f', 8, o);
            default -> null;
        };
        if (t == null) {
            throw new PoroPhaseException(source + ": unsupported data type " + (s == null ? "(missing)" : "'" + s + "'")
                    + "; supported: " + SUPPORTED);
        }
        return t;
    }

    private boolean valid() {
        return switch (kind) {
            case 'u', 'i' -> bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8;
            case 'f' -> bytes == 4 || bytes == 8;
            case 'b' -> bytes == 1;
            default -> false;
        };
    }

    /** Element {@code i} of {@code b} as a double. */
    double get(byte[] b, int i) {
        int o = i * bytes;
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        switch (bytes) {
            case 1:
                return kind == 'i' ? b[o] : b[o] & 0xff;
            case 2: {
                int v = le ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 : (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
                return kind == 'i' ? (short) v : v;
            }
            case 4: {
                int v = le ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24
                        : (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
                return kind == 'f' ? Float.intBitsToFloat(v) : kind == 'i' ? v : v & 0xffffffffL;
            }
            default: {
                long v = 0;
                for (int k = 0; k < 8; k++) {
                    v |= (long) (b[o + (le ? k : 7 - k)] & 0xff) << (8 * k);
                }
                if (kind == 'f') {
                    return Double.longBitsToDouble(v);
                }
                return kind == 'i' || v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
        }
    }

    /** Unsigned 16-bit element {@code i} of {@code b}. */
    short getU16(byte[] b, int i) {
        int o = 2 * i;
        return (short) (order == ByteOrder.LITTLE_ENDIAN ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 : (b[o] & 0xff) << 8 | (b[o + 1] & 0xff));
    }
}
