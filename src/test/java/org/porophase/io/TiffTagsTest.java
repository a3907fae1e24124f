package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

class TiffTagsTest {
    @TempDir
    Path dir;

    @Test
    void readsTagsWrittenByTiffWriterAndImageJDecodesThePixels() {
        FloatProcessor fp = new FloatProcessor(10, 9);
        fp.setf(2, 3, 1.25f);
        Path f = dir.resolve("t.tif");
        TiffWriter.write(f, fp, new TiffWriter.Options().tag(34682, "[Scan]\r\nPixelWidth=1e-8").tag(50431, "x"));
        TiffTags t = TiffTags.read(f);
        assertFalse(t.bigEndian());
        assertEquals("[Scan]\r\nPixelWidth=1e-8", t.string(34682).orElseThrow());
        assertEquals("x", t.string(50431).orElseThrow());
        assertArrayEquals(new long[] {10}, t.get(256).orElseThrow().asLongs());
        assertArrayEquals(new long[] {32}, t.get(258).orElseThrow().asLongs());
        ImagePlus imp = new ij.io.Opener().openImage(f.toString());
        assertEquals(32, imp.getBitDepth());
        assertEquals(1.25f, imp.getProcessor().getf(2, 3));
    }

    /** A hand-made big-endian ("MM") TIFF with an out-of-line ASCII tag and an inline SHORT. */
    @Test
    void bigEndian() throws Exception {
        byte[] text = "AP_PIXEL_SIZE\r\nImage Pixel Size = 1 nm\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + text.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 256).putShort((short) 3).putInt(1).putShort((short) 640).putShort((short) 0);
        b.putShort((short) 34118).putShort((short) 2).putInt(text.length).putInt(8 + 2 + 24 + 4);
        b.putInt(0);
        b.put(text);
        Path f = Files.write(dir.resolve("mm.tif"), b.array());
        TiffTags t = TiffTags.read(f);
        assertTrue(t.bigEndian());
        assertArrayEquals(new long[] {640}, t.get(256).orElseThrow().asLongs());
        assertEquals("AP_PIXEL_SIZE\r\nImage Pixel Size = 1 nm", t.string(34118).orElseThrow());
    }

    /** A hand-made little-endian BigTIFF with one inline LONG8 tag. */
    @Test
    void bigTiff() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + 20 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
        b.putLong(1);
        b.putShort((short) 256).putShort((short) 16).putLong(1).putLong(123456789L);
        b.putLong(0);
        Path f = Files.write(dir.resolve("big.tif"), b.array());
        TiffTags t = TiffTags.read(f);
        assertTrue(t.bigTiff());
        assertArrayEquals(new long[] {123456789L}, t.get(256).orElseThrow().asLongs());
    }

    @Test
    void tagValueOutsideTheFileIsSkippedNotFatal() throws Exception {
        byte[] full = TiffWriter.encode(new ByteProcessor(8, 8), new TiffWriter.Options().tag(34682, "[Scan]\r\nPixelWidth=1e-8"));
        ByteBuffer b = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        int n = b.getShort(ifd);
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if ((b.getShort(e) & 0xFFFF) == 34682) {
                b.putInt(e + 8, 0x7FFFFF00); // value offset far past the end
            }
        }
        TiffTags t = TiffTags.read(Files.write(dir.resolve("off.tif"), full));
        assertTrue(t.string(34682).isEmpty());
        assertTrue(t.get(256).isPresent());
    }

    @Test
    void notATiff() throws Exception {
        Path f = Files.writeString(dir.resolve("x.tif"), "GIF89a........");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> TiffTags.read(f));
        assertTrue(e.getMessage().contains("x.tif") && e.getMessage().contains("not a TIFF"), e.getMessage());
        Path g = Files.write(dir.resolve("short.tif"), new byte[] {'I', 'I', 42});
        assertThrows(PoroPhaseException.class, () -> TiffTags.read(g));
        Path h = Files.write(dir.resolve("count.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        assertTrue(assertThrows(PoroPhaseException.class, () -> TiffTags.read(h)).getMessage().contains("0 entries"));
    }
}
