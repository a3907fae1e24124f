package org.porophase.io;

import com.github.luben.zstd.Zstd;

import org.porophase.core.PoroPhaseException;

/**
 * The Blosc 1 container (the chunk format of numcodecs' / Zarr v3's {@code blosc} codec and of
 * N5's blosc compression), decoded in Java per the c-blosc format (README_CHUNK_FORMAT.rst and
 * {@code blosc_d} in c-blosc's blosc.c):
 * <ul>
 * <li>a 16-byte header: version, versionlz, flags, typesize, then little-endian nbytes,
 * blocksize, cbytes; flags bit 0 byte shuffle, bit 1 memcpyed (the data follow uncompressed),
 * bit 2 bit shuffle, bit 4 "don't split", bits 5–7 the compressor (0 blosclz, 1 lz4/lz4hc,
 * 2 snappy, 3 zlib, 4 zstd);</li>
 * <li>then one int32 start offset per block, and per block {@code typesize} split streams (when
 * not a leftover block, typesize ≤ 16, blocksize/typesize ≥ 128 and bit 4 clear) or one, each
 * an int32 compressed size followed by the data (stored raw when that size equals the stream's
 * decoded size);</li>
 * <li>per block, byte unshuffle (element bytes regrouped, the {@code blocksize % typesize}
 * trailing bytes stay as they are) or bit unshuffle (bitshuffle's bit transpose on groups of 8
 * elements: bit k of byte j of element i is bit i%8 of byte i/8 of row 8j+k; format version 2
 * only when the element count is a multiple of 8, later versions on the largest multiple of 8 with
 * the rest copied).</li>
 * </ul>
 * lz4 via lz4-java, zstd via zstd-jni, zlib via java.util.zip, blosclz by hand ({@link #blosclz}).
 * Snappy and Blosc 2 extended headers are refused with a message.
 */
final class Blosc {
    private Blosc() {
    }

    static final String COMPRESSORS = "blosclz, lz4, lz4hc, zlib, zstd";

    static final ChunkCodecs.Codec CODEC = new ChunkCodecs.Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            return Blosc.decode(in, key);
        }

        @Override
        public String name() {
            return "blosc";
        }
    };

    private static int i32(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    private static PoroPhaseException bad(String key, String what) {
        return new PoroPhaseException("chunk " + key + " is corrupt: its blosc data " + what
                + "; the file is damaged or truncated — copy or re-export the array");
    }

    /** Decodes one blosc chunk. */
    static byte[] decode(byte[] in, String key) {
        if (in.length < 16) {
            throw bad(key, "is shorter than the 16-byte blosc header (" + in.length + " bytes)");
        }
        int version = in[0] & 0xff;
        int flags = in[2] & 0xff;
        int typesize = in[3] & 0xff;
        int nbytes = i32(in, 4);
        int blocksize = i32(in, 8);
        int cbytes = i32(in, 12);
        if (nbytes < 0 || blocksize < 0 || cbytes < 16 || cbytes > in.length) {
            throw bad(key, "header is inconsistent (nbytes " + nbytes + ", blocksize " + blocksize + ", cbytes " + cbytes
                    + ", " + in.length + " bytes present)");
        }
        byte[] out = new byte[nbytes];
        if (nbytes == 0) {
            return out;
        }
        if ((flags & 0x02) != 0) { // memcpyed
            if (16L + nbytes > in.length) {
                throw bad(key, "is truncated (" + in.length + " bytes for " + nbytes + " stored uncompressed)");
            }
            System.arraycopy(in, 16, out, 0, nbytes);
            return out;
        }
        if ((flags & 0x05) == 0x05) {
            throw new PoroPhaseException("chunk " + key + " is a Blosc 2 chunk with an extended header, which PoroPhase does not read; "
                    + "re-save it with Blosc 1 (numcodecs.Blosc) or gzip / zstd");
        }
        if (blocksize <= 0 || typesize <= 0) {
            throw bad(key, "header has blocksize " + blocksize + " and typesize " + typesize);
        }
        int comp = (flags & 0xe0) >> 5;
        if (comp == 2 || comp > 4) {
            throw new PoroPhaseException("chunk " + key + " uses blosc compressor " + (comp == 2 ? "snappy" : "#" + comp)
                    + ", which PoroPhase does not read; supported inside blosc: " + COMPRESSORS);
        }
        boolean dontSplit = (flags & 0x10) != 0;
        int nblocks = (int) ((nbytes + (long) blocksize - 1) / blocksize);
        int leftover = nbytes % blocksize;
        if (16L + 4L * nblocks > in.length) {
            throw bad(key, "is truncated before its block offsets");
        }
        byte[] tmp = new byte[blocksize];
        for (int j = 0; j < nblocks; j++) {
            boolean last = j == nblocks - 1 && leftover > 0;
            int bsize = last ? leftover : blocksize;
            int src = i32(in, 16 + 4 * j);
            int nsplits = !dontSplit && typesize <= 16 && bsize / typesize >= 128 && !last ? typesize : 1;
            int neblock = bsize / nsplits;
            boolean shuffled = (flags & 0x01) != 0 && typesize > 1 || (flags & 0x04) != 0;
            byte[] dst = shuffled ? tmp : out;
            int dpos = shuffled ? 0 : j * blocksize;
            for (int s = 0; s < nsplits; s++) {
                if (src < 16 || src + 4L > in.length) {
                    throw bad(key, "block " + j + " starts outside the chunk");
                }
                int cb = i32(in, src);
                src += 4;
                if (cb < 0 || src + (long) cb > in.length) {
                    throw bad(key, "block " + j + " claims " + cb + " compressed bytes, beyond the chunk");
                }
                if (cb == neblock) {
                    System.arraycopy(in, src, dst, dpos, neblock);
                } else {
                    int n = decompress(comp, in, src, cb, dst, dpos, neblock, key);
                    if (n != neblock) {
                        throw bad(key, "block " + j + " decodes to " + n + " bytes instead of " + neblock);
                    }
                }
                src += cb;
                dpos += neblock;
            }
            if ((flags & 0x01) != 0 && typesize > 1) {
                unshuffle(typesize, bsize, tmp, out, j * blocksize);
            } else if ((flags & 0x04) != 0) {
                bitunshuffle(typesize, bsize, tmp, out, j * blocksize, version);
            }
        }
        return out;
    }

    private static int decompress(int comp, byte[] in, int off, int len, byte[] out, int oo, int n, String key) {
        try {
            switch (comp) {
                case 0:
                    return blosclz(in, off, len, out, oo, n, key);
                case 1:
                    return net.jpountz.lz4.LZ4Factory.fastestJavaInstance().safeDecompressor().decompress(in, off, len, out, oo, n);
                case 3: {
                    byte[] d = ChunkCodecs.inflate(java.util.Arrays.copyOfRange(in, off, off + len), n, key, false);
                    System.arraycopy(d, 0, out, oo, Math.min(n, d.length));
                    return d.length;
                }
                default: {
                    long r = Zstd.decompressByteArray(out, oo, n, in, off, len);
                    if (Zstd.isError(r)) {
                        throw bad(key, "zstd stream cannot be decoded (" + Zstd.getErrorName(r) + ")");
                    }
                    return (int) r;
                }
            }
        } catch (PoroPhaseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(key, "stream cannot be decoded (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /** Byte unshuffle of one block (c-blosc's {@code _unshuffle}). */
    static void unshuffle(int ts, int bsize, byte[] src, byte[] dst, int doff) {
        int ne = bsize / ts;
        for (int j = 0; j < ts; j++) {
            int so = j * ne;
            for (int i = 0; i < ne; i++) {
                dst[doff + i * ts + j] = src[so + i];
            }
        }
        int done = ne * ts;
        System.arraycopy(src, done, dst, doff + done, bsize - done);
    }

    /** Bit unshuffle of one block (bitshuffle's {@code bshuf_untrans_bit_elem}; see the class comment for the leftover rule). */
    static void bitunshuffle(int ts, int bsize, byte[] src, byte[] dst, int doff, int version) {
        int size = bsize / ts;
        if (version <= 2 && size % 8 != 0) {
            System.arraycopy(src, 0, dst, doff, bsize);
            return;
        }
        size -= size % 8;
        int rowBytes = size / 8;
        java.util.Arrays.fill(dst, doff, doff + size * ts, (byte) 0);
        for (int j = 0; j < ts; j++) {
            for (int k = 0; k < 8; k++) {
                int row = (j * 8 + k) * rowBytes;
                int bit = 1 << k;
                for (int g = 0; g < rowBytes; g++) {
                    int v = src[row + g] & 0xff;
                    if (v == 0) {
                        continue;
                    }
                    int e0 = g * 8;
                    for (int m = 0; m < 8; m++) {
                        if ((v & (1 << m)) != 0) {
                            dst[doff + (e0 + m) * ts + j] |= (byte) bit;
                        }
                    }
                }
            }
        }
        int done = size * ts;
        System.arraycopy(src, done, dst, doff + done, bsize - done);
    }

    /**
     * BloscLZ decompression (c-blosc's {@code blosclz_decompress}, a FastLZ level-1 variant): a
     * control byte with value &lt; 32 starts a literal run of ctrl+1 bytes; otherwise its top 3 bits
     * give the match length − 2 (7 = extended by following bytes, each 255 continuing) and its low 5
     * bits the high byte of distance − 1, the next byte the low byte; distance − 1 = 8191 + a 16-bit
     * big-endian value when that low byte is 255 and the high bits are 31. The first control byte's
     * bit 5 is a marker and masked off. Matches copy byte by byte (they may overlap).
     *
     * @return the number of bytes written
     */
    static int blosclz(byte[] in, int off, int len, byte[] out, int oo, int maxout, String key) {
        int ip = off;
        int ipLimit = off + len;
        int op = oo;
        int opLimit = oo + maxout;
        if (len <= 0) {
            throw bad(key, "blosclz stream is empty");
        }
        int ctrl = in[ip++] & 31;
        boolean loop = true;
        while (loop) {
            if (ctrl >= 32) {
                int mlen = (ctrl >> 5) - 1;
                int ofs = (ctrl & 31) << 8;
                if (mlen == 6) {
                    int code;
                    do {
                        if (ip >= ipLimit) {
                            throw bad(key, "blosclz stream ends inside a match length");
                        }
                        code = in[ip++] & 0xff;
                        mlen += code;
                    } while (code == 255);
                }
                if (ip >= ipLimit) {
                    throw bad(key, "blosclz stream ends inside a match");
                }
                int code = in[ip++] & 0xff;
                int dist = ofs + code + 1;
                if (code == 255 && ofs == (31 << 8)) {
                    if (ip + 2 > ipLimit) {
                        throw bad(key, "blosclz stream ends inside a far match");
                    }
                    dist = ((in[ip] & 0xff) << 8 | (in[ip + 1] & 0xff)) + 8191 + 1;
                    ip += 2;
                }
                mlen += 3;
                if (op + mlen > opLimit || op - dist < oo) {
                    throw bad(key, "blosclz match reaches outside the block");
                }
                for (int r = op - dist, e = op + mlen; op < e; ) {
                    out[op++] = out[r++];
                }
            } else {
                int n = ctrl + 1;
                if (op + n > opLimit || ip + n > ipLimit) {
                    throw bad(key, "blosclz literal run reaches outside the block");
                }
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            }
            loop = ip < ipLimit;
            if (loop) {
                ctrl = in[ip++] & 0xff;
            }
        }
        return op - oo;
    }
}
