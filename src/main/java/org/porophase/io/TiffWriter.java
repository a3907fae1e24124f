package org.porophase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.AtomicFiles;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * Writes one uncompressed gray TIFF (8-bit, 16-bit unsigned, 32-bit float; little-endian, one strip),
 * optionally with an ImageJ calibration (ImageDescription "ImageJ=…\nunit=micron" plus X/YResolution,
 * the way ImageJ's TiffEncoder does), a non-ImageJ resolution in dots per inch (to mimic ordinary
 * writers' 72 dpi), and extra ASCII tags such as 34682 (FEI INI text), 34118 (Zeiss), 50431 (TESCAN).
 * Files are written atomically ({@link AtomicFiles}).
 */
public final class TiffWriter {
    private TiffWriter() {
    }

    /** What to put in the file besides the pixels. */
    public static final class Options {
        private double pixelWidthUm = Double.NaN;
        private double pixelHeightUm = Double.NaN;
        private double inchDpi = Double.NaN;
        private String unit = "micron";
        private String description;
        private final Map<Integer, byte[]> extraTags = new TreeMap<>();

        /** ImageJ calibration in µm (ImageDescription with unit=micron, X/YResolution = 1/size). */
        public Options calibrationUm(double pixelWidthUm, double pixelHeightUm) {
            return calibration(pixelWidthUm, pixelHeightUm, "micron");
        }

        /** ImageJ calibration in {@code unit} (e.g. "nm", "micron", "mm"): X/YResolution = 1/size, unit in the description. */
        public Options calibration(double pixelWidth, double pixelHeight, String unit) {
            this.pixelWidthUm = pixelWidth;
            this.pixelHeightUm = pixelHeight;
            this.unit = unit;
            return this;
        }

        /** A plain resolution in dots per inch, without ImageJ description (what most writers put: 72). */
        public Options inchDpi(double dpi) {
            this.inchDpi = dpi;
            return this;
        }

        /** A raw ImageDescription (tag 270); replaces the ImageJ description. */
        public Options description(String text) {
            this.description = text;
            return this;
        }

        /** An extra ASCII tag, e.g. 34682 with FEI INI text. */
        public Options tag(int id, String text) {
            return tagBytes(id, text.getBytes(StandardCharsets.UTF_8));
        }

        /** An extra ASCII tag given as raw bytes (e.g. ISO-8859-1 text as Zeiss writes it); a NUL is appended. */
        public Options tagBytes(int id, byte[] bytes) {
            if (id <= 0 || id > 65535) {
                throw new IllegalArgumentException("TIFF tag number out of range: " + id);
            }
            extraTags.put(id, bytes.clone());
            return this;
        }

        public Options tags(Map<Integer, String> tags) {
            // extra ASCII tags as text (UTF-8)
            if (tags != null) {
                tags.forEach(this::tag);
            }
            return this;
        }
    }

    /** Writes {@code ip} to {@code file} atomically. */
    public static void write(Path file, ImageProcessor ip, Options options) {
        AtomicFiles.writeBytes(file, encode(ip, options));
    }

    /** The TIFF file content. */
    public static byte[] encode(ImageProcessor ip, Options options) {
        Options o = options == null ? new Options() : options;
        int w = ip.getWidth();
        int h = ip.getHeight();
        int bits;
        int sampleFormat;
        byte[] pixels;
        if (ip instanceof ByteProcessor) {
            bits = 8;
            sampleFormat = 1;
            pixels = ((byte[]) ip.getPixels()).clone();
        } else if (ip instanceof ShortProcessor) {
            bits = 16;
            sampleFormat = 1;
            short[] s = (short[]) ip.getPixels();
            ByteBuffer b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asShortBuffer().put(s);
            pixels = b.array();
        } else if (ip instanceof FloatProcessor) {
            bits = 32;
            sampleFormat = 3;
            float[] f = (float[]) ip.getPixels();
            ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(f);
            pixels = b.array();
        } else {
            throw new PoroPhaseException("TiffWriter writes gray images only (8, 16 or 32 bit); got " + ip.getClass().getSimpleName());
        }

        // Tag values: id -> (type, count, bytes)
        TreeMap<Integer, Object[]> entries = new TreeMap<>();
        entries.put(256, longTag(w));
        entries.put(257, longTag(h));
        entries.put(258, shortTag(bits));
        entries.put(259, shortTag(1));
        entries.put(262, shortTag(1));
        entries.put(277, shortTag(1));
        entries.put(278, longTag(h));
        entries.put(279, longTag(pixels.length));
        entries.put(273, longTag(0)); // patched below
        if (sampleFormat != 1) {
            entries.put(339, shortTag(sampleFormat));
        }
        String desc = o.description;
        boolean cal = Double.isFinite(o.pixelWidthUm) && o.pixelWidthUm > 0;
        if (cal) {
            double ph = Double.isFinite(o.pixelHeightUm) && o.pixelHeightUm > 0 ? o.pixelHeightUm : o.pixelWidthUm;
            if (desc == null) {
                desc = "ImageJ=1.54p\nunit=" + o.unit + "\n";
            }
            entries.put(TiffTags.X_RESOLUTION, rational(1.0 / o.pixelWidthUm));
            entries.put(TiffTags.Y_RESOLUTION, rational(1.0 / ph));
            entries.put(TiffTags.RESOLUTION_UNIT, shortTag(1));
        } else if (Double.isFinite(o.inchDpi) && o.inchDpi > 0) {
            entries.put(TiffTags.X_RESOLUTION, rational(o.inchDpi));
            entries.put(TiffTags.Y_RESOLUTION, rational(o.inchDpi));
            entries.put(TiffTags.RESOLUTION_UNIT, shortTag(2));
        }
        if (desc != null) {
            entries.put(TiffTags.IMAGE_DESCRIPTION, asciiTag(desc));
        }
        for (Map.Entry<Integer, byte[]> e : o.extraTags.entrySet()) {
            entries.put(e.getKey(), asciiTag(e.getValue()));
        }

        // Layout: header | pixels | out-of-line values | IFD
        long pos = 8 + pixels.length;
        pos += pos & 1;
        Map<Integer, Long> valueOffsets = new LinkedHashMap<>();
        List<byte[]> blobs = new ArrayList<>();
        for (Map.Entry<Integer, Object[]> e : entries.entrySet()) {
            byte[] v = (byte[]) e.getValue()[2];
            if (v.length > 4) {
                valueOffsets.put(e.getKey(), pos);
                blobs.add(v);
                pos += v.length + (v.length & 1);
            }
        }
        long ifd = pos;
        long total = ifd + 2 + 12L * entries.size() + 4;
        if (total > Integer.MAX_VALUE - 16) {
            throw new PoroPhaseException("image too large for a classic TIFF (" + total + " bytes)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifd);
        out.put(pixels);
        out.position((int) (8 + pixels.length + ((8 + pixels.length) & 1)));
        for (byte[] v : blobs) {
            out.put(v);
            if ((v.length & 1) != 0) {
                out.put((byte) 0);
            }
        }
        out.position((int) ifd);
        out.putShort((short) entries.size());
        for (Map.Entry<Integer, Object[]> e : entries.entrySet()) {
            int id = e.getKey();
            int type = (Integer) e.getValue()[0];
            long count = (Long) e.getValue()[1];
            byte[] v = (byte[]) e.getValue()[2];
            if (id == 273) {
                v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(8).array();
            }
            out.putShort((short) id).putShort((short) type).putInt((int) count);
            if (v.length > 4) {
                out.putInt((int) (long) valueOffsets.get(id));
            } else {
                byte[] four = new byte[4];
                System.arraycopy(v, 0, four, 0, v.length);
                out.put(four);
            }
        }
        out.putInt(0);
        return out.array();
    }

    private static Object[] longTag(long v) {
        return new Object[] {4, 1L, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array()};
    }

    private static Object[] shortTag(int v) {
        return new Object[] {3, 1L, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array()};
    }

    private static Object[] asciiTag(String s) {
        return asciiTag(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Object[] asciiTag(byte[] b) {
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return new Object[] {2, (long) z.length, z};
    }

    /** RATIONAL with the largest power-of-ten denominator (≤ 1e6) that keeps the numerator in 32 bits. */
    private static Object[] rational(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new PoroPhaseException(String.format(Locale.ROOT, "cannot write a TIFF resolution of %g", v));
        }
        long den = 1_000_000L;
        while (den > 1 && v * den > 4_000_000_000.0) {
            den /= 10;
        }
        long num = Math.round(v * den);
        if (num <= 0 || num > 0xFFFFFFFFL) {
            throw new PoroPhaseException(String.format(Locale.ROOT, "TIFF resolution %g out of range", v));
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) num).putInt((int) den);
        return new Object[] {5, 1L, b.array()};
    }
}
