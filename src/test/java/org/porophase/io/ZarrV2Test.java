package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.BlockSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/** Zarr v2 and OME-Zarr 0.4: writer → reader round trips, hand-built arrays per the v2 spec, bad input. */
class ZarrV2Test {
    @TempDir
    Path tmp;

    /** A generated volume: v(x,y,z) = f(x,y,z) as the source's type. */
    static VolumeSource generated(int w, int h, int d, int bits) {
        Object[] sl = new Object[d];
        for (int z = 0; z < d; z++) {
            int n = w * h;
            Object s = bits == 8 ? new byte[n] : bits == 16 ? new short[n] : new float[n];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    long v = (x * 7L + y * 13L + z * 31L) % (bits == 8 ? 256 : 65536);
                    if (s instanceof byte[] b) {
                        b[i] = (byte) v;
                    } else if (s instanceof short[] sh) {
                        sh[i] = (short) v;
                    } else {
                        ((float[]) s)[i] = v * 1000f + 0.25f;
                    }
                }
            }
            sl[z] = s;
        }
        return VolumeWriters.arraySource(w, h, sl, VoxelSize.iso(1));
    }

    static double at(Object s, int i) {
        return s instanceof byte[] b ? b[i] & 0xff : s instanceof short[] sh ? sh[i] & 0xffff : ((float[]) s)[i];
    }

    static void assertSame(VolumeSource a, VolumeSource b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        assertEquals(a.depth(), b.depth());
        for (int z = 0; z < a.depth(); z++) {
            Object sa = a.slice(z);
            Object sb = b.slice(z);
            for (int i = 0; i < a.width() * a.height(); i++) {
                assertEquals(at(sa, i), at(sb, i), 0, "slice " + z + " voxel " + i);
            }
        }
    }

    @Test
    void roundTripEveryTypeAndCompression() {
        VoxelSize vs = new VoxelSize(0.5, 0.5, 2.0);
        int[][] cases = {{8, 0}, {16, 1}, {32, 2}, {8, 2}, {16, 0}};
        for (int[] c : cases) {
            VolumeSource src = generated(37, 29, 21, c[0]);
            OmeZarrWriter.Compression comp = OmeZarrWriter.Compression.values()[c[1]];
            Path out = tmp.resolve("v" + c[0] + comp + ".ome.zarr");
            OmeZarrWriter.write(out, src, vs, OmeZarrWriter.DataType.of(src), comp, 16);
            assertTrue(VolumeReaders.isVolume(out));
            try (VolumeSource r = VolumeReaders.open(out, null)) {
                assertEquals(c[0], r.bitDepth());
                assertEquals(vs, r.voxelSize());
                assertTrue(r.voxelSizeSource().contains("OME-Zarr 0.4"), r.voxelSizeSource());
                assertSame(src, r);
                BlockSource b = assertInstanceOf(BlockSource.class, r);
                assertArrayEquals(new int[] {16, 16, 16}, b.chunkShape());
                // a box across chunk borders equals the same box cut from the slices
                Object box = b.readBox(10, 5, 14, 20, 20, 5);
                for (int z = 0; z < 5; z++) {
                    Object s = src.slice(14 + z);
                    for (int y = 0; y < 20; y++) {
                        for (int x = 0; x < 20; x++) {
                            assertEquals(at(s, (5 + y) * 37 + 10 + x), at(box, (z * 20 + y) * 20 + x), 0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void labelsAsUint32ReadAsFloat() throws IOException {
        float[] s0 = {0, 1, 70000, 4294967295f};
        VolumeSource src = VolumeWriters.arraySource(2, 2, new Object[] {s0}, VoxelSize.iso(1));
        Path out = tmp.resolve("labels.ome.zarr");
        OmeZarrWriter.write(out, src, VoxelSize.iso(1), OmeZarrWriter.DataType.UINT32, OmeZarrWriter.Compression.ZSTD, 64);
        assertTrue(Files.readString(out.resolve("0/.zarray")).contains("\"<u4\""));
        try (VolumeSource r = VolumeReaders.open(out, null)) {
            assertEquals(32, r.bitDepth());
            assertArrayEquals(s0, (float[]) r.slice(0), 0);
        }
    }

    @Test
    void emptyChunksAreNotWrittenAndReadAsZero() throws IOException {
        byte[][] sl = new byte[8][64];
        sl[7][63] = 5; // only the last chunk (z 4..7, y 4..7, x 4..7) holds data
        VolumeSource src = VolumeWriters.arraySource(8, 8, sl, VoxelSize.iso(1));
        Path out = tmp.resolve("sparse.ome.zarr");
        OmeZarrWriter.write(out, src, VoxelSize.iso(1), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 4);
        assertTrue(Files.exists(out.resolve("0/1/1/1")));
        assertFalse(Files.exists(out.resolve("0/0/0/0")));
        try (VolumeSource r = VolumeReaders.open(out, null)) {
            assertSame(src, r);
        }
    }

    @Test
    void aFailingWriteLeavesNothingAndKeepsTheEarlierImage() throws IOException {
        VolumeSource good = generated(20, 20, 20, 8);
        Path out = tmp.resolve("keep.ome.zarr");
        OmeZarrWriter.write(out, good, VoxelSize.iso(1), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 8);
        VolumeSource failing = new VolumeSource() {
            @Override public int width() { return 20; }
            @Override public int height() { return 20; }
            @Override public int depth() { return 20; }
            @Override public int bitDepth() { return 8; }
            @Override public VoxelSize voxelSize() { return VoxelSize.iso(1); }
            @Override public String voxelSizeSource() { return "test"; }
            @Override public String description() { return "failing"; }

            @Override
            public Object slice(int z) {
                if (z == 13) {
                    throw new PoroPhaseException("slice 13 cannot be read");
                }
                return new byte[400];
            }
        };
        PoroPhaseException e = assertThrows(PoroPhaseException.class,
                () -> OmeZarrWriter.write(out, failing, VoxelSize.iso(1), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, 8));
        assertTrue(e.getMessage().contains("slice 13"), e.getMessage());
        try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
            assertEquals(java.util.List.of("keep.ome.zarr"), s.map(p -> p.getFileName().toString()).toList(), "no staging folder left");
        }
        try (VolumeSource r = VolumeReaders.open(out, null)) {
            assertSame(good, r); // the earlier image is untouched
        }
    }

    // ---------------------------------------------------------------- hand-built v2 arrays (zarr v2 spec)

    static void write(Path f, byte[] b) throws IOException {
        Files.createDirectories(f.getParent());
        Files.write(f, b);
    }

    static void text(Path f, String s) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, s);
    }

    /** A 3×2×2 (x,y,z) big-endian uint16 array, one chunk of 2×2×2 (z,y,x) + edge, with order F, "/" keys, zlib, and a missing chunk. */
    @Test
    void fortranOrderSlashKeysBigEndianZlibAndMissingChunkFill() throws IOException {
        Path a = tmp.resolve("f.zarr");
        text(a.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[2,2,3],\"chunks\":[2,2,2],\"dtype\":\">u2\",\"order\":\"F\","
                + "\"fill_value\":7,\"compressor\":{\"id\":\"zlib\",\"level\":5},\"filters\":null,\"dimension_separator\":\"/\"}");
        // chunk (0,0,0) covers z 0..1, y 0..1, x 0..1; value v(z,y,x) = 100z + 10y + x; F order: z fastest
        ByteBuffer bb = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        for (int x = 0; x < 2; x++) {
            for (int y = 0; y < 2; y++) {
                for (int z = 0; z < 2; z++) {
                    bb.putShort((short) (100 * z + 10 * y + x));
                }
            }
        }
        write(a.resolve("0/0/0"), ChunkCodecs.zlib(bb.array(), 5));
        // chunk (0,0,1) (x 2..3) is missing: fill value 7
        try (VolumeSource r = VolumeReaders.open(a, null)) {
            assertEquals(16, r.bitDepth());
            assertEquals(3, r.width());
            assertEquals(2, r.height());
            assertEquals(2, r.depth());
            assertNull(r.voxelSize());
            short[] s1 = (short[]) r.slice(1);
            assertArrayEquals(new short[] {100, 101, 7, 110, 111, 7}, s1);
        }
    }

    @Test
    void omeLevelChoiceAndUnits() throws IOException {
        Path g = tmp.resolve("img.zarr");
        text(g.resolve(".zgroup"), "{\"zarr_format\":2}");
        text(g.resolve(".zattrs"), "{\"multiscales\":[{\"version\":\"0.4\",\"axes\":[{\"name\":\"c\",\"type\":\"channel\"},"
                + "{\"name\":\"z\",\"type\":\"space\",\"unit\":\"nanometer\"},{\"name\":\"y\",\"type\":\"space\",\"unit\":\"nanometer\"},"
                + "{\"name\":\"x\",\"type\":\"space\",\"unit\":\"nanometer\"}],\"datasets\":["
                + "{\"path\":\"0\",\"coordinateTransformations\":[{\"type\":\"scale\",\"scale\":[1,500,250,250]}]},"
                + "{\"path\":\"1\",\"coordinateTransformations\":[{\"type\":\"scale\",\"scale\":[1,1000,500,500]},"
                + "{\"type\":\"translation\",\"translation\":[0,250,125,125]}]}]}]}");
        for (String lvl : new String[] {"0", "1"}) {
            int n = lvl.equals("0") ? 4 : 2;
            text(g.resolve(lvl + "/.zarray"), "{\"zarr_format\":2,\"shape\":[2," + n + "," + n + "," + n + "],\"chunks\":[1," + n + "," + n + "," + n
                    + "],\"dtype\":\"|u1\",\"order\":\"C\",\"fill_value\":0,\"compressor\":null,\"filters\":null}");
            for (int c = 0; c < 2; c++) {
                byte[] b = new byte[n * n * n];
                java.util.Arrays.fill(b, (byte) (10 * c + n));
                write(g.resolve(lvl + "/" + c + ".0.0.0"), b);
            }
        }
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(g, null));
        assertTrue(e.getMessage().contains("2 entries along its 'c' axis") && e.getMessage().contains("--dataset c=INDEX"), e.getMessage());
        try (VolumeSource r = VolumeReaders.open(g, "c=1")) {
            assertEquals(4, r.width());
            assertEquals(new VoxelSize(0.25, 0.25, 0.5), r.voxelSize());
            assertEquals(14, ((byte[]) r.slice(3))[5]);
            assertTrue(r.voxelSizeSource().contains("level 0 of 2") && r.voxelSizeSource().contains("c = 1 of 2"), r.voxelSizeSource());
        }
        try (VolumeSource r = VolumeReaders.open(g, "1:c=0")) {
            assertEquals(2, r.width());
            assertEquals(new VoxelSize(0.5, 0.5, 1.0), r.voxelSize());
            assertEquals(2, ((byte[]) r.slice(1))[0]);
            assertTrue(r.voxelSizeSource().contains("translation ignored"), r.voxelSizeSource());
        }
        // the level folder opened directly still finds its scale in the parent's multiscales
        try (VolumeSource r = VolumeReaders.open(g.resolve("1"), "c=0")) {
            assertEquals(new VoxelSize(0.5, 0.5, 1.0), r.voxelSize());
        }
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(g, "5:c=0"));
        assertTrue(e.getMessage().contains("has 2 levels"), e.getMessage());
    }

    // ---------------------------------------------------------------- bad input

    private Path oneChunkArray(String name, String compressor, byte[] chunk) throws IOException {
        Path a = tmp.resolve(name + ".zarr");
        text(a.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[2,2,2],\"chunks\":[2,2,2],\"dtype\":\"|u1\",\"order\":\"C\","
                + "\"fill_value\":0,\"compressor\":" + compressor + ",\"filters\":null}");
        write(a.resolve("0.0.0"), chunk);
        return a;
    }

    @Test
    void corruptChunkNamesTheKeyAndFile() throws IOException {
        Path a = oneChunkArray("corrupt", "{\"id\":\"gzip\",\"level\":1}", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        try (VolumeSource r = VolumeReaders.open(a, null)) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> r.slice(0));
            assertTrue(e.getMessage().contains("chunk '0.0.0'") && e.getMessage().contains(a.resolve("0.0.0").toString())
                    && e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void chunkSizeContradictingTheMetadataNamesBothSizes() throws IOException {
        Path a = oneChunkArray("short", "null", new byte[5]);
        try (VolumeSource r = VolumeReaders.open(a, null)) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> r.slice(1));
            assertTrue(e.getMessage().contains("decodes to 5 bytes") && e.getMessage().contains("implies 8 bytes"), e.getMessage());
        }
    }

    @Test
    void unsupportedCodecAndDtypeAreNamed() throws IOException {
        Path a = oneChunkArray("bz", "{\"id\":\"bz2\",\"level\":1}", new byte[8]);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(a, null));
        assertTrue(e.getMessage().contains("compressor 'bz2' is not supported") && e.getMessage().contains("gzip, zlib, zstd"), e.getMessage());
        Path b = tmp.resolve("c16.zarr");
        text(b.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[2,2,2],\"chunks\":[2,2,2],\"dtype\":\"<c16\",\"order\":\"C\","
                + "\"fill_value\":0,\"compressor\":null,\"filters\":null}");
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(b, null));
        assertTrue(e.getMessage().contains("unsupported dtype '<c16'"), e.getMessage());
        Path c = tmp.resolve("filt.zarr");
        text(c.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[2,2,2],\"chunks\":[2,2,2],\"dtype\":\"|u1\",\"order\":\"C\","
                + "\"fill_value\":0,\"compressor\":null,\"filters\":[{\"id\":\"delta\",\"dtype\":\"|u1\"}]}");
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(c, null));
        assertTrue(e.getMessage().contains("filters") && e.getMessage().contains("delta"), e.getMessage());
    }

    @Test
    void hugeDeclaredSizesAreRefusedBeforeAnyAllocation() throws IOException {
        Path a = tmp.resolve("huge.zarr");
        text(a.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[3,100000,100000],\"chunks\":[1,64,64],\"dtype\":\"|u1\",\"order\":\"C\","
                + "\"fill_value\":0,\"compressor\":null,\"filters\":null}");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(a, null));
        assertTrue(e.getMessage().contains("100000 × 100000") && e.getMessage().contains(a.getFileName().toString()), e.getMessage());
        Path b = tmp.resolve("bigchunk.zarr");
        text(b.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[4096,4096,4096],\"chunks\":[4096,4096,4096],\"dtype\":\"<f4\",\"order\":\"C\","
                + "\"fill_value\":0,\"compressor\":null,\"filters\":null}");
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(b, null));
        assertTrue(e.getMessage().contains("larger than 2 GB") && e.getMessage().contains("re-chunk"), e.getMessage());
    }

    @Test
    void groupWithSeveralArraysAsksForOne() throws IOException {
        Path g = tmp.resolve("two.zarr");
        text(g.resolve(".zgroup"), "{\"zarr_format\":2}");
        for (String n : new String[] {"a", "b"}) {
            text(g.resolve(n + "/.zarray"), "{\"zarr_format\":2,\"shape\":[1,2,2],\"chunks\":[1,2,2],\"dtype\":\"|u1\",\"order\":\"C\","
                    + "\"fill_value\":3,\"compressor\":null,\"filters\":null}");
        }
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(g, null));
        assertTrue(e.getMessage().contains("[a, b]") && e.getMessage().contains("--dataset"), e.getMessage());
        try (VolumeSource r = VolumeReaders.open(g, "b")) {
            assertArrayEquals(new byte[] {3, 3, 3, 3}, (byte[]) r.slice(0));
        }
    }
}
