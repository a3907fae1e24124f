package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.BlockSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * Blosc (real c-blosc chunks from zarr-python's fixtures, and frames built here per the blosc
 * format), Zarr v3 with sharding, OME-Zarr 0.5 and N5 — each against the values they encode.
 */
class ChunkFormatsTest {
    @TempDir
    Path tmp;

    static final Path FIX = Path.of("src/test/resources/zarr-python-fixture");

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---------------------------------------------------------------- real blosc chunks (zarr-python fixture, c-blosc 1.x)

    @Test
    void realBloscChunksDecodeToTheirValues() throws IOException {
        // chunk [100,3,3] of arange(20000).reshape(200,10,10): value(z,y,x) = 100z + 10y + x
        for (String f : new String[] {"i4-c-blosc-zstd-shuffle.0.0.0", "i4-c-blosc-zstd-bitshuffle.0.0.0"}) {
            ByteBuffer b = le(Blosc.decode(Files.readAllBytes(FIX.resolve(f)), f));
            assertEquals(3600, b.capacity(), f);
            for (int z = 0; z < 100; z++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertEquals(100 * z + 10 * y + x, b.getInt(), f);
                    }
                }
            }
        }
        ByteBuffer b = le(Blosc.decode(Files.readAllBytes(FIX.resolve("i4-blosc-zstd-bitshuffle.0")), "bit"));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, b.getInt());
        }
        b = le(Blosc.decode(Files.readAllBytes(FIX.resolve("i8-blosc-lz4.0")), "lz4"));
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, b.getLong());
        }
    }

    @Test
    void realFortranOrderBloscArrayReadsAsVolume() {
        // a[i,j,k] = i + 20 j + 2000 k with axes (z, y, x): int32 → float slices
        try (VolumeSource v = VolumeReaders.open(FIX.resolve("f-order-blosc-zstd-shuffle.zarr"), null)) {
            assertEquals(10, v.width());
            assertEquals(100, v.height());
            assertEquals(20, v.depth());
            assertEquals(32, v.bitDepth());
            for (int z : new int[] {0, 7, 19}) {
                float[] s = (float[]) v.slice(z);
                for (int y = 0; y < 100; y++) {
                    for (int x = 0; x < 10; x++) {
                        assertEquals(z + 20 * y + 2000 * x, s[y * 10 + x], 0);
                    }
                }
            }
            float[] box = (float[]) assertInstanceOf(BlockSource.class, v).readBox(2, 28, 9, 3, 4, 2);
            assertEquals(10 + 20 * 29 + 2000 * 3, box[(1 * 4 + 1) * 3 + 1], 0);
        }
    }

    // ---------------------------------------------------------------- blosc frames built per the format

    /** Forward shuffles (the inverse of what the reader does), straight from the format description. */
    static byte[] shuffle(byte[] src, int ts) {
        int ne = src.length / ts;
        byte[] d = src.clone();
        for (int j = 0; j < ts; j++) {
            for (int i = 0; i < ne; i++) {
                d[j * ne + i] = src[i * ts + j];
            }
        }
        return d;
    }

    /** Bit shuffle of format version 2 (c-blosc 1.x): only when the element count is a multiple of 8, else the block is stored as is. */
    static byte[] bitshuffle(byte[] src, int ts) {
        int ne = src.length / ts;
        if (ne % 8 != 0) {
            return src.clone();
        }
        return bitshuffle8(src, ts);
    }

    /** Bit shuffle of the largest multiple of 8 elements, the rest copied (format version 3 and later). */
    static byte[] bitshuffle8(byte[] src, int ts) {
        int ne = src.length / ts;
        int n8 = ne - ne % 8;
        byte[] d = src.clone();
        Arrays.fill(d, 0, n8 * ts, (byte) 0);
        int row = n8 / 8;
        for (int i = 0; i < n8; i++) {
            for (int j = 0; j < ts; j++) {
                for (int k = 0; k < 8; k++) {
                    if ((src[i * ts + j] >> k & 1) != 0) {
                        d[(j * 8 + k) * row + i / 8] |= (byte) (1 << (i % 8));
                    }
                }
            }
        }
        return d;
    }

    /** A blosc 1 frame (version 2): comp 0 = blosclz streams given as raw (stored), 1 lz4, 3 zlib, 4 zstd. */
    static byte[] frame(byte[] data, int ts, int blocksize, int shuffleMode, int comp, boolean dontSplit) {
        int nblocks = (data.length + blocksize - 1) / blocksize;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] starts = new int[nblocks];
        int headerLen = 16 + 4 * nblocks;
        for (int j = 0; j < nblocks; j++) {
            starts[j] = headerLen + body.size();
            int bsize = Math.min(blocksize, data.length - j * blocksize);
            boolean last = bsize < blocksize;
            byte[] blk = Arrays.copyOfRange(data, j * blocksize, j * blocksize + bsize);
            if (shuffleMode == 1 && ts > 1) {
                blk = shuffle(blk, ts);
            } else if (shuffleMode == 2) {
                blk = bitshuffle(blk, ts);
            }
            int nsplits = !dontSplit && ts <= 16 && bsize / ts >= 128 && !last ? ts : 1;
            int ne = bsize / nsplits;
            for (int s = 0; s < nsplits; s++) {
                byte[] part = Arrays.copyOfRange(blk, s * ne, (s + 1) * ne);
                byte[] c = switch (comp) {
                    case 1 -> net.jpountz.lz4.LZ4Factory.fastestJavaInstance().fastCompressor().compress(part);
                    case 3 -> ChunkCodecs.zlib(part, 6);
                    case 4 -> Zstd.compress(part, 3);
                    default -> part;
                };
                if (c.length >= ne) {
                    c = part; // stored: cbytes == neblock
                }
                body.writeBytes(le(new byte[4]).putInt(0, c.length).array());
                body.writeBytes(c);
            }
        }
        int flags = (shuffleMode == 1 ? 0x01 : shuffleMode == 2 ? 0x04 : 0) | (dontSplit ? 0x10 : 0) | comp << 5;
        ByteBuffer h = le(new byte[headerLen]);
        h.put((byte) 2).put((byte) 1).put((byte) flags).put((byte) ts).putInt(data.length).putInt(blocksize)
                .putInt(headerLen + body.size());
        for (int s : starts) {
            h.putInt(s);
        }
        byte[] out = Arrays.copyOf(h.array(), headerLen + body.size());
        System.arraycopy(body.toByteArray(), 0, out, headerLen, body.size());
        return out;
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((i * 37) ^ (i >> 3));
        }
        return b;
    }

    @Test
    void bloscFramesEveryShuffleSplitAndCompressor() {
        byte[] data = pattern(1000); // 250 int32 / 500 int16 / 125 int64; blocks of 256 bytes + a 232-byte leftover
        for (int ts : new int[] {1, 2, 4, 8}) {
            for (int sh = 0; sh <= 2; sh++) {
                for (int comp : new int[] {0, 1, 3, 4}) {
                    for (boolean ds : new boolean[] {false, true}) {
                        byte[] f = frame(data, ts, 256, sh, comp, ds);
                        assertArrayEquals(data, Blosc.decode(f, "t"), "typesize " + ts + " shuffle " + sh + " comp " + comp + " dontsplit " + ds);
                    }
                }
            }
        }
        // split streams only in full blocks with ≥ 128 elements: 1024-byte blocks of int16 (512 elements) split in 2
        byte[] big = pattern(4096);
        assertArrayEquals(big, Blosc.decode(frame(big, 2, 1024, 1, 4, false), "split"));
        // format version ≥ 3: the largest multiple of 8 elements is bit-shuffled, the rest copied
        byte[] odd = pattern(2 * 117 + 1);
        byte[] un = new byte[odd.length];
        Blosc.bitunshuffle(2, odd.length, bitshuffle8(odd, 2), un, 0, 3);
        assertArrayEquals(odd, un);
        Blosc.bitunshuffle(2, odd.length, odd, un, 0, 2);
        assertArrayEquals(odd, un); // version 2: 117 elements are not a multiple of 8, stored as is
        // memcpyed: header + raw data
        ByteBuffer m = le(new byte[16 + 40]);
        m.put((byte) 2).put((byte) 1).put((byte) 0x02).put((byte) 4).putInt(40).putInt(40).putInt(56);
        m.put(Arrays.copyOf(big, 40));
        assertArrayEquals(Arrays.copyOf(big, 40), Blosc.decode(m.array(), "memcpy"));
    }

    @Test
    void blosclzStreamsPerTheFormat() {
        // "abc" literal (first byte carries the marker bit 5), then a match of 8 at distance 3, a literal 'z',
        // then a run: extended length (7<<5, +10) at distance 1 → 19 copies of 'z'
        byte[] s = {(byte) (0x20 | 2), 'a', 'b', 'c', (byte) 0xC0, 2, 0, 'z', (byte) 0xE0, 10, 0};
        byte[] out = new byte[31];
        assertEquals(31, Blosc.blosclz(s, 0, s.length, out, 0, 31, "lz"));
        assertEquals("abcabcabcabz" + "z".repeat(19), new String(out, java.nio.charset.StandardCharsets.US_ASCII));
        // a far match: distance − 1 = 8191 + 16-bit value (here 0 → distance 8192)
        byte[] lit = new byte[8192];
        for (int i = 0; i < lit.length; i++) {
            lit[i] = (byte) (i * 7 + 3);
        }
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        for (int i = 0; i < lit.length; i += 32) {
            st.write(i == 0 ? (0x20 | 31) : 31);
            st.write(lit, i, 32);
        }
        st.writeBytes(new byte[] {(byte) (0x20 | 31), (byte) 255, 0, 0}); // length 1+2 = 3, far distance 8192
        byte[] far = st.toByteArray();
        byte[] o = new byte[8195];
        assertEquals(8195, Blosc.blosclz(far, 0, far.length, o, 0, o.length, "far"));
        assertArrayEquals(Arrays.copyOf(lit, 3), Arrays.copyOfRange(o, 8192, 8195));
        // inside a blosc frame (one unsplit block)
        ByteBuffer h = le(new byte[16 + 4 + 4 + s.length]);
        h.put((byte) 2).put((byte) 1).put((byte) 0x10).put((byte) 1).putInt(31).putInt(31).putInt(h.capacity());
        h.putInt(20).putInt(s.length).put(s);
        assertArrayEquals(out, Blosc.decode(h.array(), "frame"));
        // a match before the start is corrupt, named
        byte[] bad = {(byte) 0x20, 'a', (byte) 0x40, 9};
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Blosc.blosclz(bad, 0, bad.length, new byte[10], 0, 10, "'0.0'"));
        assertTrue(e.getMessage().contains("chunk '0.0' is corrupt"), e.getMessage());
    }

    @Test
    void bloscBadInputIsNamed() {
        byte[] f = frame(pattern(600), 2, 256, 1, 4, false);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Blosc.decode(Arrays.copyOf(f, 40), "'1.2.3'"));
        assertTrue(e.getMessage().contains("chunk '1.2.3' is corrupt"), e.getMessage());
        byte[] snappy = f.clone();
        snappy[2] = (byte) ((snappy[2] & 0x1f) | 2 << 5);
        e = assertThrows(PoroPhaseException.class, () -> Blosc.decode(snappy, "'k'"));
        assertTrue(e.getMessage().contains("snappy") && e.getMessage().contains("blosclz, lz4, lz4hc, zlib, zstd"), e.getMessage());
    }

    @Test
    void plainCodecsDecodeWhatTheirLibrariesEncode() throws IOException {
        byte[] data = pattern(5000);
        // numcodecs LZ4: little-endian decoded size, then one lz4 block
        byte[] block = net.jpountz.lz4.LZ4Factory.fastestJavaInstance().fastCompressor().compress(data);
        byte[] numcodecs = new byte[4 + block.length];
        le(numcodecs).putInt(0, data.length);
        System.arraycopy(block, 0, numcodecs, 4, block.length);
        assertArrayEquals(data, ChunkCodecs.LZ4.decode(numcodecs, -1, "k"));
        // N5 lz4: LZ4BlockOutputStream framing
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (net.jpountz.lz4.LZ4BlockOutputStream o = new net.jpountz.lz4.LZ4BlockOutputStream(bo, 1024)) {
            o.write(data);
        }
        assertArrayEquals(data, ChunkCodecs.LZ4_BLOCK.decode(bo.toByteArray(), -1, "k"));
        // zstd without the content size in the frame header (streamed), and gzip of two members
        ByteArrayOutputStream zo = new ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream o = new com.github.luben.zstd.ZstdOutputStream(zo)) {
            o.write(data);
        }
        assertArrayEquals(data, ChunkCodecs.ZSTD.decode(zo.toByteArray(), data.length, "k"));
        byte[] g1 = ChunkCodecs.gzip(Arrays.copyOf(data, 2000), 1);
        byte[] g2 = ChunkCodecs.gzip(Arrays.copyOfRange(data, 2000, 5000), 6);
        byte[] two = Arrays.copyOf(g1, g1.length + g2.length);
        System.arraycopy(g2, 0, two, g1.length, g2.length);
        assertArrayEquals(data, ChunkCodecs.GZIP.decode(two, data.length, "k"));
        assertArrayEquals(data, ChunkCodecs.GZIP.decode(ChunkCodecs.gzip(data, 1), data.length, "k"));
        // a flipped byte in the deflate data is caught (by inflate or the CRC-32), naming the chunk
        byte[] bad = ChunkCodecs.gzip(data, 1);
        bad[bad.length / 2] ^= 0x10;
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> ChunkCodecs.GZIP.decode(bad, data.length, "'9.9'"));
        assertTrue(e.getMessage().contains("chunk '9.9' is corrupt"), e.getMessage());
    }

    // ---------------------------------------------------------------- Zarr v3

    static void text(Path f, String s) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, s);
    }

    static void bytes(Path f, byte[] b) throws IOException {
        Files.createDirectories(f.getParent());
        Files.write(f, b);
    }

    static byte[] withCrc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        byte[] o = Arrays.copyOf(b, b.length + 4);
        le(o).putInt(b.length, (int) c.getValue());
        return o;
    }

    /** value(z,y,x) of the v3 test arrays. */
    static int val(int z, int y, int x) {
        return 1000 * z + 30 * y + x;
    }

    /** Little-endian uint16 C-order bytes of the box [z0,z0+cz)×[y0..)×[x0..) (beyond the shape: 0). */
    static byte[] box16(int z0, int y0, int x0, int cz, int cy, int cx, int[] shape, ByteOrder o, boolean transposed) {
        ByteBuffer b = ByteBuffer.allocate(2 * cz * cy * cx).order(o);
        if (!transposed) {
            for (int z = 0; z < cz; z++) {
                for (int y = 0; y < cy; y++) {
                    for (int x = 0; x < cx; x++) {
                        b.putShort((short) (z0 + z < shape[0] && y0 + y < shape[1] && x0 + x < shape[2] ? val(z0 + z, y0 + y, x0 + x) : 0));
                    }
                }
            }
        } else { // transpose order [2,1,0]: x slowest
            for (int x = 0; x < cx; x++) {
                for (int y = 0; y < cy; y++) {
                    for (int z = 0; z < cz; z++) {
                        b.putShort((short) (z0 + z < shape[0] && y0 + y < shape[1] && x0 + x < shape[2] ? val(z0 + z, y0 + y, x0 + x) : 0));
                    }
                }
            }
        }
        return b.array();
    }

    static void assertVolume(VolumeSource v, int[] shape) {
        assertEquals(shape[2], v.width());
        assertEquals(shape[1], v.height());
        assertEquals(shape[0], v.depth());
        for (int z = 0; z < shape[0]; z++) {
            short[] s = (short[]) v.slice(z);
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    assertEquals(val(z, y, x), s[y * shape[2] + x] & 0xffff, "z " + z + " y " + y + " x " + x);
                }
            }
        }
    }

    @Test
    void v3TransposeBigEndianZstdCrcAndBothKeyEncodings() throws IOException {
        int[] shape = {3, 5, 7};
        for (String enc : new String[] {"default", "v2"}) {
            Path a = tmp.resolve("t3-" + enc + ".zarr");
            text(a.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[3,5,7],\"data_type\":\"uint16\","
                    + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2,4,4]}},"
                    + "\"chunk_key_encoding\":{\"name\":\"" + enc + "\"},\"fill_value\":0,"
                    + "\"codecs\":[{\"name\":\"transpose\",\"configuration\":{\"order\":[2,1,0]}},{\"name\":\"bytes\",\"configuration\":{\"endian\":\"big\"}},"
                    + "{\"name\":\"zstd\",\"configuration\":{\"level\":1,\"checksum\":false}},{\"name\":\"crc32c\"}],"
                    + "\"dimension_names\":[\"z\",\"y\",\"x\"],\"attributes\":{}}");
            for (int gz = 0; gz < 2; gz++) {
                for (int gy = 0; gy < 2; gy++) {
                    for (int gx = 0; gx < 2; gx++) {
                        byte[] raw = box16(2 * gz, 4 * gy, 4 * gx, 2, 4, 4, shape, ByteOrder.BIG_ENDIAN, true);
                        String key = enc.equals("default") ? "c/" + gz + "/" + gy + "/" + gx : gz + "." + gy + "." + gx;
                        bytes(a.resolve(key), withCrc(Zstd.compress(raw, 1)));
                    }
                }
            }
            try (VolumeSource v = VolumeReaders.open(a, null)) {
                assertVolume(v, shape);
            }
        }
        // a flipped byte fails the crc32c check, naming the chunk
        Path a = tmp.resolve("t3-default.zarr");
        byte[] c = Files.readAllBytes(a.resolve("c/1/1/1"));
        c[3] ^= 0x40;
        Files.write(a.resolve("c/1/1/1"), c);
        try (VolumeSource v = VolumeReaders.open(a, null)) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> v.slice(2));
            assertTrue(e.getMessage().contains("'c/1/1/1'") && e.getMessage().contains("crc32c"), e.getMessage());
        }
    }

    /** A sharded v3 array: shards [2,6,8] of inner chunks [1,3,4], gzip inner codec, index with crc32c at start or end. */
    private Path sharded(String name, String location, int[] shape) throws IOException {
        Path a = tmp.resolve(name);
        text(a.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[" + shape[0] + "," + shape[1] + "," + shape[2] + "],"
                + "\"data_type\":\"uint16\",\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2,6,8]}},"
                + "\"chunk_key_encoding\":{\"name\":\"default\",\"configuration\":{\"separator\":\"/\"}},\"fill_value\":0,"
                + "\"codecs\":[{\"name\":\"sharding_indexed\",\"configuration\":{\"chunk_shape\":[1,3,4],"
                + "\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"gzip\",\"configuration\":{\"level\":1}}],"
                + "\"index_codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"crc32c\"}],"
                + "\"index_location\":\"" + location + "\"}}],\"attributes\":{}}");
        for (int sz = 0; sz * 2 < shape[0]; sz++) {
            for (int sy = 0; sy * 6 < shape[1]; sy++) {
                for (int sx = 0; sx * 8 < shape[2]; sx++) {
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    ByteBuffer index = le(new byte[16 * 2 * 2 * 2]);
                    int indexLen = index.capacity() + 4;
                    int base = location.equals("start") ? indexLen : 0;
                    for (int iz = 0; iz < 2; iz++) {
                        for (int iy = 0; iy < 2; iy++) {
                            for (int ix = 0; ix < 2; ix++) {
                                int z0 = sz * 2 + iz;
                                int y0 = sy * 6 + iy * 3;
                                int x0 = sx * 8 + ix * 4;
                                if (z0 == 0 && iy == 1 && ix == 1 && sy == 0 && sx == 0) {
                                    index.putLong(-1L).putLong(-1L); // an empty inner chunk: fill value
                                    continue;
                                }
                                byte[] enc = ChunkCodecs.gzip(box16(z0, y0, x0, 1, 3, 4, shape, ByteOrder.LITTLE_ENDIAN, false), 1);
                                index.putLong(base + data.size()).putLong(enc.length);
                                data.writeBytes(enc);
                            }
                        }
                    }
                    byte[] ix = withCrc(index.array());
                    ByteArrayOutputStream shard = new ByteArrayOutputStream();
                    if (location.equals("start")) {
                        shard.writeBytes(ix);
                    }
                    shard.writeBytes(data.toByteArray());
                    if (location.equals("end")) {
                        shard.writeBytes(ix);
                    }
                    bytes(a.resolve("c/" + sz + "/" + sy + "/" + sx), shard.toByteArray());
                }
            }
        }
        return a;
    }

    @Test
    void v3ShardingIndexAtStartAndEndWithEmptyInnerChunk() throws IOException {
        int[] shape = {4, 6, 12}; // two shards along x, the second cut by the array edge
        for (String loc : new String[] {"end", "start"}) {
            Path a = sharded("s-" + loc + ".zarr", loc, shape);
            try (VolumeSource v = VolumeReaders.open(a, null)) {
                assertArrayEquals(new int[] {4, 3, 1}, assertInstanceOf(BlockSource.class, v).chunkShape());
                for (int z = 0; z < 4; z++) {
                    short[] s = (short[]) v.slice(z);
                    for (int y = 0; y < 6; y++) {
                        for (int x = 0; x < 12; x++) {
                            boolean empty = z == 0 && y >= 3 && x >= 4 && x < 8;
                            assertEquals(empty ? 0 : val(z, y, x), s[y * 12 + x] & 0xffff, loc + " z " + z + " y " + y + " x " + x);
                        }
                    }
                }
            }
        }
        // a truncated shard: its index cannot be read, and the message says so with the shard's key
        Path a = tmp.resolve("s-end.zarr");
        byte[] sh = Files.readAllBytes(a.resolve("c/1/0/1"));
        Files.write(a.resolve("c/1/0/1"), Arrays.copyOf(sh, sh.length - 10));
        try (VolumeSource v = VolumeReaders.open(a, null)) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> v.slice(3));
            assertTrue(e.getMessage().contains("shard 'c/1/0/1'"), e.getMessage());
        }
    }

    @Test
    void omeZarr05InZarrJsonAttributes() throws IOException {
        int[] shape = {4, 6, 12};
        Path img = tmp.resolve("img05.zarr");
        sharded("img05.zarr/0", "end", shape);
        text(img.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"group\",\"attributes\":{\"ome\":{\"version\":\"0.5\","
                + "\"multiscales\":[{\"axes\":[{\"name\":\"z\",\"type\":\"space\",\"unit\":\"millimeter\"},"
                + "{\"name\":\"y\",\"type\":\"space\",\"unit\":\"millimeter\"},{\"name\":\"x\",\"type\":\"space\",\"unit\":\"millimeter\"}],"
                + "\"datasets\":[{\"path\":\"0\",\"coordinateTransformations\":[{\"type\":\"scale\",\"scale\":[0.004,0.002,0.001]}]}]}]}}}");
        try (VolumeSource v = VolumeReaders.open(img, null)) {
            assertEquals(1.0, v.voxelSize().x(), 1e-12);
            assertEquals(2.0, v.voxelSize().y(), 1e-12);
            assertEquals(4.0, v.voxelSize().z(), 1e-12);
            assertTrue(v.voxelSizeSource().contains("OME-Zarr 0.5"), v.voxelSizeSource());
            assertEquals(val(3, 5, 11), ((short[]) v.slice(3))[5 * 12 + 11] & 0xffff);
        }
    }

    @Test
    void v3UnsupportedCodecIsNamed() throws IOException {
        Path a = tmp.resolve("bad3.zarr");
        text(a.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2,2,2],\"data_type\":\"uint8\","
                + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2,2,2]}},\"fill_value\":0,"
                + "\"codecs\":[{\"name\":\"bytes\"},{\"name\":\"bz2\"}]}");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(a, null));
        assertTrue(e.getMessage().contains("codec 'bz2'") && e.getMessage().contains("sharding_indexed"), e.getMessage());
    }

    // ---------------------------------------------------------------- N5

    /** An N5 block: big-endian header (mode, ndim, dims x first[, count]) + compressed big-endian uint16 data, x fastest. */
    static byte[] n5Block(int[] dimsX, int mode, int extra, java.util.function.IntUnaryOperator valueAt, String comp) {
        int n = 1;
        for (int v : dimsX) {
            n *= v;
        }
        ByteBuffer d = ByteBuffer.allocate(2 * (n + extra)).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < n + extra; i++) {
            d.putShort((short) (i < n ? valueAt.applyAsInt(i) : 0xffff));
        }
        byte[] data = comp.equals("gzip") ? ChunkCodecs.gzip(d.array(), 1) : comp.equals("zstd") ? Zstd.compress(d.array(), 1) : d.array();
        ByteBuffer h = ByteBuffer.allocate(4 + 4 * dimsX.length + (mode == 1 ? 4 : 0) + data.length).order(ByteOrder.BIG_ENDIAN);
        h.putShort((short) mode).putShort((short) dimsX.length);
        for (int v : dimsX) {
            h.putInt(v);
        }
        if (mode == 1) {
            h.putInt(n + extra);
        }
        h.put(data);
        return h.array();
    }

    @Test
    void n5TruncatedEdgeBlocksVarlengthMissingBlockAndResolution() throws IOException {
        // dims x,y,z = 5,3,2; blocks 4,2,2: block (1,*,*) is truncated to width 1, (·,1,·) to height 1
        Path ds = tmp.resolve("vol.n5/s0");
        text(tmp.resolve("vol.n5/attributes.json"), "{\"n5\":\"2.5.1\",\"resolution\":[0.25,0.25,0.5],\"unit\":\"nm\"}");
        for (String comp : new String[] {"gzip", "zstd", "raw"}) {
            text(ds.resolve("attributes.json"), "{\"dimensions\":[5,3,2],\"blockSize\":[4,2,2],\"dataType\":\"uint16\","
                    + "\"compression\":{\"type\":\"" + comp + "\"" + (comp.equals("gzip") ? ",\"level\":1" : "") + "}}");
            for (int bx = 0; bx < 2; bx++) {
                for (int by = 0; by < 2; by++) {
                    if (bx == 1 && by == 1) {
                        Files.deleteIfExists(ds.resolve("1/1/0"));
                        continue; // a missing block: 0
                    }
                    int w = bx == 0 ? 4 : 1;
                    int h = by == 0 ? 2 : 1;
                    int x0 = 4 * bx;
                    int y0 = 2 * by;
                    int fw = w;
                    int fh = h;
                    bytes(ds.resolve(bx + "/" + by + "/0"), n5Block(new int[] {w, h, 2}, bx == 0 && by == 1 ? 1 : 0, bx == 0 && by == 1 ? 3 : 0,
                            i -> val(i / (fw * fh), y0 + i / fw % fh, x0 + i % fw), comp));
                }
            }
            try (VolumeSource v = VolumeReaders.open(tmp.resolve("vol.n5"), null)) {
                assertEquals(5, v.width());
                assertEquals(3, v.height());
                assertEquals(2, v.depth());
                assertEquals(16, v.bitDepth());
                for (int z = 0; z < 2; z++) {
                    short[] s = (short[]) v.slice(z);
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 5; x++) {
                            assertEquals(x == 4 && y == 2 ? 0 : val(z, y, x), s[y * 5 + x] & 0xffff, comp + " z " + z + " y " + y + " x " + x);
                        }
                    }
                }
                assertEquals(new VoxelSize(0.25e-3, 0.25e-3, 0.5e-3), v.voxelSize());
                assertTrue(v.voxelSizeSource().contains("group attribute resolution"), v.voxelSizeSource());
            }
        }
        // a block header that contradicts blockSize names both
        bytes(ds.resolve("0/0/0"), n5Block(new int[] {6, 2, 2}, 0, 0, i -> 1, "raw"));
        try (VolumeSource v = VolumeReaders.open(tmp.resolve("vol.n5"), "0")) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> v.slice(0));
            assertTrue(e.getMessage().contains("declares size 6") && e.getMessage().contains("blockSize is 4"), e.getMessage());
        }
        text(ds.resolve("attributes.json"), "{\"dimensions\":[5,3,2],\"blockSize\":[4,2,2],\"dataType\":\"uint16\",\"compression\":{\"type\":\"bzip2\"}}");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(tmp.resolve("vol.n5"), null));
        assertTrue(e.getMessage().contains("compression 'bzip2'") && e.getMessage().contains("raw, gzip"), e.getMessage());
    }

    @Test
    void n5PixelResolutionAndDownsamplingFactors() throws IOException {
        Path g = tmp.resolve("ms.n5");
        text(g.resolve("attributes.json"), "{\"n5\":\"2.5.1\",\"pixelResolution\":{\"dimensions\":[0.5,0.5,2.0],\"unit\":\"um\"}}");
        for (int l = 0; l < 2; l++) {
            int n = l == 0 ? 4 : 2;
            text(g.resolve("s" + l + "/attributes.json"), "{\"dimensions\":[" + n + "," + n + "," + n + "],\"blockSize\":[4,4,4],\"dataType\":\"float32\","
                    + "\"compression\":{\"type\":\"raw\"}" + (l == 1 ? ",\"downsamplingFactors\":[2,2,2]" : "") + "}");
            ByteBuffer b = ByteBuffer.allocate(4 + 12 + 4 * n * n * n).order(ByteOrder.BIG_ENDIAN);
            b.putShort((short) 0).putShort((short) 3).putInt(n).putInt(n).putInt(n);
            for (int i = 0; i < n * n * n; i++) {
                b.putFloat(i * 0.5f - 3);
            }
            bytes(g.resolve("s" + l + "/0/0/0"), b.array());
        }
        try (VolumeSource v = VolumeReaders.open(g, "1")) {
            assertEquals(2, v.width());
            assertEquals(32, v.bitDepth());
            assertEquals(new VoxelSize(1.0, 1.0, 4.0), v.voxelSize());
            assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f}, (float[]) v.slice(1), 0); // i · 0.5 − 3 for i = 4 … 7
        }
        try (VolumeSource v = VolumeReaders.open(g, null)) {
            assertEquals(4, v.width());
            assertEquals(new VoxelSize(0.5, 0.5, 2.0), v.voxelSize());
        }
    }
}
