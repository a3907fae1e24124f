package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.Slices;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.core.NaturalOrder;

/** Round trips of every reader, and the bad-input errors of issue item 8. */
class VolumeReadersTest {
    @TempDir
    Path tmp;

    private static Object[] ramp(int w, int h, int d, int bits) {
        Object[] s = new Object[d];
        for (int z = 0; z < d; z++) {
            int n = w * h;
            Object a = bits == 8 ? new byte[n] : bits == 16 ? new short[n] : new float[n];
            for (int i = 0; i < n; i++) {
                int v = (i * 7 + z * 31) % 250;
                if (a instanceof byte[] b) {
                    b[i] = (byte) v;
                } else if (a instanceof short[] sh) {
                    sh[i] = (short) (v * 200);
                } else {
                    ((float[]) a)[i] = v * 0.5f - 3;
                }
            }
            s[z] = a;
        }
        return s;
    }

    private static void assertSame(Object[] expected, VolumeSource src) {
        assertEquals(expected.length, src.depth());
        for (int z = 0; z < expected.length; z++) {
            float[] e = Slices.toFloat(expected[z], null);
            float[] a = Slices.toFloat(src.slice(z), null);
            assertArrayEquals(e, a, "slice " + z);
        }
    }

    @Test
    void tiffStackRoundTrip8_16_32bit() {
        for (int bits : new int[] {8, 16, 32}) {
            Object[] sl = ramp(13, 7, 5, bits);
            VoxelSize vs = new VoxelSize(0.85, 0.85, 1.7);
            Path f = tmp.resolve("stack" + bits + ".tif");
            VolumeWriters.writeTiff(f, VolumeWriters.toImagePlus("s", 13, 7, sl, vs));
            assertTrue(VolumeReaders.isVolume(f));
            try (VolumeSource src = VolumeReaders.open(f, null)) {
                assertEquals(13, src.width());
                assertEquals(7, src.height());
                assertEquals(bits, src.bitDepth());
                assertEquals(0.85, src.voxelSize().x(), 1e-12); // TIFF rational rounded to 6 significant digits
                assertEquals(1.7, src.voxelSize().z(), 1e-9);
                assertSame(sl, src);
            }
        }
    }

    @Test
    void singleImageTiffIsNotAVolume() {
        Path f = tmp.resolve("one.tif");
        new FileSaver(new ImagePlus("one", new ByteProcessor(5, 5))).saveAsTiff(f.toString());
        assertFalse(VolumeReaders.isVolume(f));
    }

    @Test
    void sequenceNaturalSortAndCalibration() {
        // files slice1 … slice10 with value k: natural order puts slice10 last, after slice2 (lexical
        // order would put it second)
        for (int k = 1; k <= 10; k++) {
            ByteProcessor bp = new ByteProcessor(4, 3);
            bp.setValue(k);
            bp.fill();
            new FileSaver(new ImagePlus("s", bp)).saveAsTiff(tmp.resolve("seq").toFile().toPath().resolve("slice" + k + ".tif").toString());
        }
        assertEquals(List.of("a2", "a10", "b1"), List.of("a10", "b1", "a2").stream().sorted(NaturalOrder::compare).toList());
        assertTrue(NaturalOrder.compare("slice2", "slice10") < 0);
        Path dir = tmp.resolve("seq");
        assertTrue(VolumeReaders.isVolume(dir));
        try (VolumeSource src = VolumeReaders.open(dir, null)) {
            assertEquals(10, src.depth());
            for (int z = 0; z < 10; z++) {
                assertEquals(z + 1f, Slices.get(src.slice(z), 0));
            }
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void mk() throws Exception {
        Files.createDirectories(tmp.resolve("seq"));
    }

    @Test
    void sequenceWithMissingSliceOrMixedSizesFails() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("gap"));
        for (int k : new int[] {1, 2, 4}) {
            new FileSaver(new ImagePlus("s", new ByteProcessor(4, 3))).saveAsTiff(dir.resolve(String.format("img_%03d.tif", k)).toString());
        }
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(dir, null));
        assertTrue(e.getMessage().contains("missing slices") && e.getMessage().contains("3"), e.getMessage());
        Path dir2 = Files.createDirectories(tmp.resolve("mixed"));
        new FileSaver(new ImagePlus("s", new ByteProcessor(4, 3))).saveAsTiff(dir2.resolve("a1.tif").toString());
        new FileSaver(new ImagePlus("s", new ByteProcessor(5, 3))).saveAsTiff(dir2.resolve("a2.tif").toString());
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(dir2, null));
        assertTrue(e.getMessage().contains("mixed slice sizes"), e.getMessage());
        Path dir3 = Files.createDirectories(tmp.resolve("mixedbits"));
        new FileSaver(new ImagePlus("s", new ByteProcessor(4, 3))).saveAsTiff(dir3.resolve("a1.tif").toString());
        new FileSaver(new ImagePlus("s", new ShortProcessor(4, 3))).saveAsTiff(dir3.resolve("a2.tif").toString());
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(dir3, null));
        assertTrue(e.getMessage().contains("mixed slice sizes"), e.getMessage());
    }

    @Test
    void metaImageRoundTripAndBadSizes() throws Exception {
        Object[] sl = ramp(9, 6, 4, 16);
        VoxelSize vs = new VoxelSize(0.5, 0.5, 2);
        Path mhd = tmp.resolve("v.mhd");
        VolumeWriters.writeMetaImage(mhd, VolumeWriters.arraySource(9, 6, sl, vs), vs);
        assertTrue(VolumeReaders.isVolume(mhd));
        try (VolumeSource src = VolumeReaders.open(mhd, null)) {
            assertEquals(16, src.bitDepth());
            assertEquals(2.0, src.voxelSize().z(), 1e-9); // written in mm, read back in µm
            assertSame(sl, src);
        }
        // truncated raw: size < header
        Path raw = tmp.resolve("v.raw");
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(mhd, null));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        // header/data mismatch: file larger than the header says
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(9 * 6 * 4 * 2 + 100);
        }
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(mhd, null));
        assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
        // header with a wrong element type
        Files.writeString(tmp.resolve("bad.mhd"), "NDims = 3\nDimSize = 2 2 2\nElementType = MET_LONG_ARRAY\nElementDataFile = v.raw\n");
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(tmp.resolve("bad.mhd"), null));
        assertTrue(e.getMessage().contains("ElementType"), e.getMessage());
    }

    @Test
    void nrrdRawAndGzipRoundTrip() {
        for (boolean gz : new boolean[] {false, true}) {
            Object[] sl = ramp(11, 5, 6, 32);
            VoxelSize vs = new VoxelSize(1.3, 1.3, 2.6);
            Path f = tmp.resolve(gz ? "v_gz.nrrd" : "v.nrrd");
            VolumeWriters.writeNrrd(f, VolumeWriters.arraySource(11, 5, sl, vs), vs, gz);
            try (VolumeSource src = VolumeReaders.open(f, null)) {
                assertEquals(32, src.bitDepth());
                assertEquals(1.3, src.voxelSize().x(), 1e-9); // "space units: microns"
                assertEquals(2.6, src.voxelSize().z(), 1e-9);
                assertSame(sl, src);
                // random access backwards on gzip restarts the stream
                assertArrayEquals(Slices.toFloat(sl[1], null), Slices.toFloat(src.slice(1), null));
            }
        }
    }

    @Test
    void nrrdTruncatedGzipFailsClearly() throws Exception {
        Object[] sl = ramp(30, 30, 8, 8);
        VoxelSize vs = VoxelSize.iso(1);
        Path f = tmp.resolve("t.nrrd");
        VolumeWriters.writeNrrd(f, VolumeWriters.arraySource(30, 30, sl, vs), vs, true);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
        try (VolumeSource src = VolumeReaders.open(f, null)) {
            PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> {
                for (int z = 0; z < src.depth(); z++) {
                    src.slice(z);
                }
            });
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
        }
        Files.write(tmp.resolve("x.nrrd"), "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: bzip2\n\n".getBytes(StandardCharsets.US_ASCII));
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(tmp.resolve("x.nrrd"), null));
        assertTrue(e.getMessage().contains("bzip2"), e.getMessage());
    }

    @Test
    void hdf5DatasetSlabsAndDatasetChoice() {
        // jhdf 0.9.4 writes signed integers: an int16 dataset reads back as 32-bit float values
        Path f = tmp.resolve("v.h5");
        short[][][] data = new short[3][4][5];
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    data[z][y][x] = (short) (z * 100 + y * 10 + x - 7);
                }
            }
        }
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup g = w.putGroup("exchange");
            WritableDataset ds = g.putDataset("data", data);
            ds.putAttribute("element_size_um", new double[] {2.0, 0.5, 0.5});
            w.putDataset("other", new short[2][2][2]);
        }
        assertTrue(VolumeReaders.isVolume(f));
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(f, null));
        assertTrue(e.getMessage().contains("--dataset"), e.getMessage());
        e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(f, "/nothing"));
        assertTrue(e.getMessage().contains("/exchange/data"), e.getMessage());
        try (VolumeSource src = VolumeReaders.open(f, "/exchange/data")) {
            assertEquals(5, src.width());
            assertEquals(4, src.height());
            assertEquals(3, src.depth());
            assertEquals(new VoxelSize(0.5, 0.5, 2.0), src.voxelSize());
            assertEquals(2 * 100 + 3 * 10 + 4 - 7, Slices.get(src.slice(2), 3 * 5 + 4), 0);
            assertEquals(-7, Slices.get(src.slice(0), 0), 0);
        }
    }

    @Test
    void unknownFormatWithoutBioFormatsFailsClearly() throws Exception {
        Path f = tmp.resolve("scan.xyz");
        Files.writeString(f, "not an image");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(f, null));
        assertTrue(e.getMessage().contains("Bio-Formats"), e.getMessage());
        assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(tmp.resolve("missing.tif"), null));
    }

    @Test
    void truncatedTiffFailsClearly() throws Exception {
        Object[] sl = ramp(20, 20, 6, 8);
        Path f = tmp.resolve("trunc.tif");
        VolumeWriters.writeTiff(f, VolumeWriters.toImagePlus("s", 20, 20, sl, VoxelSize.iso(1)));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, 20 * 20 * 3 + 200));
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> VolumeReaders.open(f, null));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
