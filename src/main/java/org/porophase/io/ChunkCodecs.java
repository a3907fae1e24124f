package org.porophase.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;

import org.porophase.core.PoroPhaseException;

/**
 * The byte-level compressors of chunked formats: gzip and zlib ({@code java.util.zip}), zstd
 * ({@code zstd-jni}), lz4 (numcodecs' framing and N5's {@code LZ4BlockOutputStream} framing, via
 * {@code lz4-java}) and blosc ({@link Blosc}). Decoding a damaged chunk throws a
 * {@link PoroPhaseException} naming the chunk.
 */
final class ChunkCodecs {
    private ChunkCodecs() {
    }

    /** Compressor names the readers accept, for messages. */
    static final String SUPPORTED = "raw/null, gzip, zlib, zstd, lz4, blosc (blosclz, lz4, lz4hc, zlib, zstd inside; byte and bit shuffle)";

    /** One compressor: decodes a chunk's bytes. */
    interface Codec {
        /**
         * @param expected decoded size when known (a hint), else −1
         * @param key      the chunk, for messages
         */
        byte[] decode(byte[] in, int expected, String key);

        String name();
    }

    static final Codec RAW = new Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            return in;
        }

        @Override
        public String name() {
            return "raw";
        }
    };

    static final Codec GZIP = new Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            try {
                byte[] fast = gunzipOneMember(in, expected);
                if (fast != null) {
                    return fast;
                }
            } catch (java.util.zip.DataFormatException | RuntimeException e) {
                throw corrupt("gzip", key, e);
            }
            try (InputStream s = new GZIPInputStream(new ByteArrayInputStream(in), 1 << 16)) {
                return readAll(s, expected);
            } catch (IOException | RuntimeException e) {
                throw corrupt("gzip", key, e);
            }
        }

        @Override
        public String name() {
            return "gzip";
        }
    };

    static final Codec ZLIB = new Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            return inflate(in, expected, key, false);
        }

        @Override
        public String name() {
            return "zlib";
        }
    };

    static final Codec ZSTD = new Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            try {
                long n = Zstd.getFrameContentSize(in);
                if (n >= 0 && n < Integer.MAX_VALUE - 8) {
                    byte[] out = new byte[(int) n];
                    long r = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
                    if (Zstd.isError(r)) {
                        throw new IOException(Zstd.getErrorName(r));
                    }
                    return r == n ? out : java.util.Arrays.copyOf(out, (int) r);
                }
                try (InputStream s = new ZstdInputStream(new ByteArrayInputStream(in))) {
                    return readAll(s, expected);
                }
            } catch (IOException | RuntimeException e) {
                throw corrupt("zstd", key, e);
            }
        }

        @Override
        public String name() {
            return "zstd";
        }
    };

    /** numcodecs LZ4: a 4-byte little-endian decoded size, then one lz4 block. */
    static final Codec LZ4 = new Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            try {
                if (in.length < 4) {
                    throw new IOException("shorter than its 4-byte header");
                }
                int n = (in[0] & 0xff) | (in[1] & 0xff) << 8 | (in[2] & 0xff) << 16 | (in[3] & 0xff) << 24;
                if (n < 0) {
                    throw new IOException("negative decoded size");
                }
                byte[] out = new byte[n];
                net.jpountz.lz4.LZ4Factory.fastestJavaInstance().safeDecompressor().decompress(in, 4, in.length - 4, out, 0);
                return out;
            } catch (IOException | RuntimeException e) {
                throw corrupt("lz4", key, e);
            }
        }

        @Override
        public String name() {
            return "lz4";
        }
    };

    /** N5's lz4: lz4-java's LZ4BlockOutputStream framing. */
    static final Codec LZ4_BLOCK = new Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            try (InputStream s = new net.jpountz.lz4.LZ4BlockInputStream(new ByteArrayInputStream(in),
                    net.jpountz.lz4.LZ4Factory.fastestJavaInstance().fastDecompressor())) {
                return readAll(s, expected);
            } catch (IOException | RuntimeException e) {
                throw corrupt("lz4", key, e);
            }
        }

        @Override
        public String name() {
            return "lz4";
        }
    };

    /**
     * gzip (RFC 1952) of one member decoded straight into a buffer of the expected size: header (with
     * its optional extra, name, comment and header-CRC fields), raw deflate, then the trailer's CRC-32
     * and size checked. Returns null when the stream is not that simple case (unknown size, more than
     * one member), for the general stream decoder.
     */
    static byte[] gunzipOneMember(byte[] in, int expected) throws java.util.zip.DataFormatException {
        if (expected <= 0 || in.length < 18 || (in[0] & 0xff) != 0x1f || (in[1] & 0xff) != 0x8b || in[2] != 8) {
            return null;
        }
        int flg = in[3] & 0xff;
        int p = 10;
        if ((flg & 4) != 0) {
            p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
        }
        for (int bit : new int[] {8, 16}) {
            if ((flg & bit) != 0) {
                while (p < in.length && in[p] != 0) {
                    p++;
                }
                p++;
            }
        }
        if ((flg & 2) != 0) {
            p += 2;
        }
        if (p >= in.length - 8) {
            return null;
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(in, p, in.length - p);
            byte[] out = new byte[expected];
            int n = inf.inflate(out);
            if (!inf.finished() || n != expected || inf.getRemaining() != 8) {
                return null; // larger, smaller or multi-member: the stream decoder says what is wrong
            }
            int t = in.length - 8;
            long crc = (in[t] & 0xffL) | (in[t + 1] & 0xffL) << 8 | (in[t + 2] & 0xffL) << 16 | (in[t + 3] & 0xffL) << 24;
            java.util.zip.CRC32 c = new java.util.zip.CRC32();
            c.update(out, 0, n);
            if (c.getValue() != crc) {
                throw new java.util.zip.DataFormatException("CRC-32 mismatch");
            }
            return out;
        } finally {
            inf.end();
        }
    }

    static PoroPhaseException corrupt(String codec, String key, Exception e) {
        if (e instanceof PoroPhaseException p) {
            return p;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PoroPhaseException("chunk " + key + " is corrupt: its " + codec + " data cannot be decoded (" + m
                + "); the file is damaged or truncated — copy or re-export the array", e);
    }

    static byte[] inflate(byte[] in, int expected, String key, boolean raw) {
        Inflater inf = new Inflater(raw);
        try {
            inf.setInput(in);
            ByteArrayOutputStream bo = new ByteArrayOutputStream(expected > 0 ? expected : Math.max(64, 4 * in.length));
            byte[] buf = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException("the stream ends early");
                }
                bo.write(buf, 0, n);
            }
            return bo.toByteArray();
        } catch (DataFormatException | RuntimeException e) {
            throw corrupt("zlib", key, e);
        } finally {
            inf.end();
        }
    }

    static byte[] readAll(InputStream s, int expected) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream(expected > 0 ? expected : 1 << 16);
        s.transferTo(bo);
        return bo.toByteArray();
    }

    /** gzip-compresses (writer side). */
    static byte[] gzip(byte[] in, int level) {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream(Math.max(64, in.length / 4));
            try (GZIPOutputStream g = new GZIPOutputStream(bo, 1 << 16) {
                {
                    def.setLevel(level);
                }
            }) {
                g.write(in);
            }
            return bo.toByteArray();
        } catch (IOException e) {
            throw new PoroPhaseException("gzip compression failed: " + e.getMessage(), e);
        }
    }

    /** zlib-compresses (writer side and tests). */
    static byte[] zlib(byte[] in, int level) {
        Deflater df = new Deflater(level);
        try {
            df.setInput(in);
            df.finish();
            ByteArrayOutputStream bo = new ByteArrayOutputStream(Math.max(64, in.length / 4));
            byte[] buf = new byte[1 << 16];
            while (!df.finished()) {
                bo.write(buf, 0, df.deflate(buf));
            }
            return bo.toByteArray();
        } finally {
            df.end();
        }
    }

    /** zstd-compresses (writer side). */
    static byte[] zstd(byte[] in, int level) {
        return Zstd.compress(in, level);
    }
}
