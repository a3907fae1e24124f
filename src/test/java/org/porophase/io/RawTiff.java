package org.porophase.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal little-endian TIFF writer for tests: 8-bit gray pages (one strip each) with any extra tags of any
 * type (ASCII, SHORT, LONG, RATIONAL, DOUBLE) and optional raw blocks at known offsets (e.g. an Olympus SIS block a
 * LONG tag points to), so that vendor files can be rebuilt from the exact tag texts of real files.
 */
public final class RawTiff {
    /** One tag value: TIFF type and its bytes (little-endian). */
    public record Value(int type, int count, byte[] bytes) {
        public static Value ascii(String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
            return new Value(2, b.length, b);
        }

        public static Value shortV(int v) {
            return new Value(3, 1, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
        }

        public static Value longV(long v) {
            return new Value(4, 1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        public static Value rational(long num, long den) {
            return new Value(5, 1, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) num).putInt((int) den).array());
        }

        public static Value doubleV(double v) {
            return new Value(12, 1, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
        }
    }

    /** One page: size, pixels (width × height bytes) and extra tags. */
    public static final class Page {
        final int width;
        final int height;
        public final byte[] pixels;
        final Map<Integer, Value> tags = new TreeMap<>();

        Page(int width, int height, byte[] pixels) {
            this.width = width;
            this.height = height;
            this.pixels = pixels;
        }

        public Page tag(int id, Value v) {
            tags.put(id, v);
            return this;
        }

        public Page ascii(int id, String text) {
            return tag(id, Value.ascii(text));
        }
    }

    /** A page of a smooth, non-uniform 8-bit pattern (pores as dark disks), so that every reader can decode and threshold it. */
    public static Page pattern(int width, int height, int seed) {
        byte[] px = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int cx = (x / 16) * 16 + 8;
                int cy = (y / 16) * 16 + 8;
                double r = Math.hypot(x - cx, y - cy);
                px[y * width + x] = (byte) (r < 5 + (seed + x / 16 + y / 16) % 2 ? 40 : 200);
            }
        }
        return new Page(width, height, px);
    }

    private RawTiff() {
    }

    /**
     * Writes the pages; {@code blocks} are raw byte blocks placed at the offsets the caller chose (they must lie past
     * {@link #BLOCK_BASE} and not overlap); tags may point to them.
     */
    public static Path write(Path file, List<Page> pages, Map<Long, byte[]> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0);
        byte[] file0 = new byte[(int) BLOCK_BASE];
        ByteBuffer f = ByteBuffer.wrap(file0).order(ByteOrder.LITTLE_ENDIAN);
        f.put(head.array());
        int pos = 8;
        List<Integer> ifdOffsets = new ArrayList<>();
        List<int[]> nextPointers = new ArrayList<>();
        for (Page p : pages) {
            // pixels, then out-of-line values, then the IFD
            int pixelOffset = pos;
            f.position(pos);
            f.put(p.pixels);
            pos += p.pixels.length;
            Map<Integer, Value> all = new TreeMap<>(p.tags);
            all.put(256, Value.longV(p.width));
            all.put(257, Value.longV(p.height));
            all.put(258, Value.shortV(8));
            all.put(259, Value.shortV(1));
            all.put(262, Value.shortV(1));
            all.put(273, Value.longV(pixelOffset));
            all.put(277, Value.shortV(1));
            all.put(278, Value.longV(p.height));
            all.put(279, Value.longV(p.pixels.length));
            Map<Integer, Integer> valueOffsets = new TreeMap<>();
            for (Map.Entry<Integer, Value> e : all.entrySet()) {
                if (e.getValue().bytes().length > 4) {
                    if (pos % 2 == 1) {
                        pos++;
                    }
                    valueOffsets.put(e.getKey(), pos);
                    f.position(pos);
                    f.put(e.getValue().bytes());
                    pos += e.getValue().bytes().length;
                }
            }
            if (pos % 2 == 1) {
                pos++;
            }
            ifdOffsets.add(pos);
            f.position(pos);
            f.putShort((short) all.size());
            for (Map.Entry<Integer, Value> e : all.entrySet()) {
                Value v = e.getValue();
                f.putShort(e.getKey().shortValue()).putShort((short) v.type()).putInt(v.count());
                if (v.bytes().length > 4) {
                    f.putInt(valueOffsets.get(e.getKey()));
                } else {
                    byte[] four = new byte[4];
                    System.arraycopy(v.bytes(), 0, four, 0, v.bytes().length);
                    f.put(four);
                }
            }
            nextPointers.add(new int[] {f.position()});
            f.putInt(0);
            pos = f.position();
        }
        if (pos > BLOCK_BASE) {
            throw new IllegalStateException("test TIFF larger than " + BLOCK_BASE + " bytes");
        }
        f.putInt(4, ifdOffsets.get(0));
        for (int i = 0; i + 1 < pages.size(); i++) {
            f.putInt(nextPointers.get(i)[0], ifdOffsets.get(i + 1));
        }
        out.write(file0, 0, blocks.isEmpty() ? pos : file0.length);
        long end = BLOCK_BASE;
        for (Map.Entry<Long, byte[]> b : new TreeMap<>(blocks).entrySet()) {
            while (end < b.getKey()) {
                out.write(0);
                end++;
            }
            out.write(b.getValue(), 0, b.getValue().length);
            end += b.getValue().length;
        }
        try {
            Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Where raw blocks may start: the pages and their tags must fit before it. */
    public static final long BLOCK_BASE = 1 << 20;
}
