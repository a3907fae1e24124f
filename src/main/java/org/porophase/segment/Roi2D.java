package org.porophase.segment;

import java.util.Locale;

import ij.process.ImageProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * A user region of interest of a 2D image, rasterised to one byte per pixel (row-major, 1 = inside,
 * 0 = outside), the form {@link Segmenter2D#segment(ImageProcessor, SegmentationOptions, byte[])} and
 * {@code measure.PoreMeasurer} take. Coordinates are pixels of the analysed image (x to the right, y down,
 * origin at the top-left corner of the top-left pixel; the info bar is at the bottom, so these are also the
 * pixels of the file).
 * <p>
 * <b>Rasterisation rule</b> (one rule for every shape): a pixel is inside when its centre
 * {@code (x + ½, y + ½)} is inside the shape (a polygon by the even-odd rule). A rectangle
 * {@code x,y,w,h} with integer values is then exactly the pixels {@code [x, x+w) × [y, y+h)}, and a polygon
 * with integer vertices and axis-parallel edges has exactly its area in pixels. A mask image: non-zero = inside
 * (the file is opened by {@code analysis.SemAnalyzer}; an ImageJ selection is rasterised by
 * {@code ui.ij.AnalyzePlugin.selection} with ImageJ's own mask: this package does no I/O and uses no ij.gui).
 * Parts outside the image are clipped; a region with no pixel left is refused with the fix.
 */
public final class Roi2D {

    /** The rasterised region and how it was given (for the JSON: {@code region_source}, {@code region_detail}). */
    public record Region(byte[] inside, int width, int height, String source, String detail) {
        /** Number of pixels inside. */
        public long pixels() {
            return org.porophase.core.PixelRegion.count(inside);
        }
    }

    private Roi2D() {
    }

    /** Parses {@code "x,y,w,h"} (pixels) and rasterises it on a {@code width × height} image. */
    public static Region rectangle(String spec, int width, int height) {
        double[] v = numbers(spec, "--roi", "x,y,w,h (pixels), e.g. --roi 0,120,1024,400");
        if (v.length != 4) {
            throw new PoroPhaseException("--roi '" + spec + "': needs 4 numbers x,y,w,h (pixels of the analysed image), got " + v.length);
        }
        if (!(v[2] > 0 && v[3] > 0)) {
            throw new PoroPhaseException("--roi '" + spec + "': width and height must be > 0 pixels");
        }
        double[] xy = {v[0], v[1], v[0] + v[2], v[1], v[0] + v[2], v[1] + v[3], v[0], v[1] + v[3]};
        byte[] in = rasterPolygon(xy, width, height);
        return checked(new Region(in, width, height, "rectangle", String.format(Locale.ROOT, "x=%s y=%s w=%s h=%s px",
                fmt(v[0]), fmt(v[1]), fmt(v[2]), fmt(v[3]))), "--roi " + spec);
    }

    /** Parses {@code "x1,y1,x2,y2,…"} (at least 3 vertices, pixels) and rasterises the polygon. */
    public static Region polygon(String spec, int width, int height) {
        double[] v = numbers(spec, "--roi-polygon", "x1,y1,x2,y2,x3,y3,… (pixels)");
        if (v.length < 6 || v.length % 2 != 0) {
            throw new PoroPhaseException("--roi-polygon '" + spec + "': needs an even number of values, at least 3 vertices x1,y1,x2,y2,x3,y3 (pixels); got "
                    + v.length + " value(s)");
        }
        return checked(new Region(rasterPolygon(v, width, height), width, height, "polygon", (v.length / 2) + " vertices"),
                "--roi-polygon " + spec);
    }

    /**
     * A mask image already opened (non-zero = inside), named {@code name} in messages (the file). Its size must be
     * the analysed image's ({@code width × height}) or the file's ({@code width × fullHeight}, the info-bar rows
     * then dropped). Opening the file is the caller's (analysis: no I/O in this package).
     */
    public static Region mask(ImageProcessor ip, String name, int width, int height, int fullHeight) {
        if (ip == null) {
            throw new PoroPhaseException("--roi-mask " + name + ": not an image ImageJ can read; save the mask as an 8-bit TIFF or PNG");
        }
        if (ip.getWidth() != width || (ip.getHeight() != height && ip.getHeight() != fullHeight)) {
            throw new PoroPhaseException("--roi-mask " + name + ": the mask is " + ip.getWidth() + " × " + ip.getHeight()
                    + " px, the image " + width + " × " + fullHeight + " px (" + height + " rows analysed): make the mask the size of the image");
        }
        byte[] in = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ip.getf(x, y) != 0) {
                    in[y * width + x] = 1;
                }
            }
        }
        return checked(new Region(in, width, height, "mask", name), "--roi-mask " + name);
    }

    /** A region from pixels already rasterised (an ImageJ selection's mask), refused with the fix when empty. */
    public static Region of(byte[] inside, int width, int height, String source, String detail, String what) {
        return checked(new Region(inside, width, height, source, detail), what);
    }

    /**
     * Pixels whose centre is inside the polygon {@code xy = {x1, y1, x2, y2, …}} (even-odd rule), by scan lines
     * through the pixel centres.
     */
    public static byte[] rasterPolygon(double[] xy, int width, int height) {
        int n = xy.length / 2;
        byte[] in = new byte[width * height];
        double[] cross = new double[n];
        for (int y = 0; y < height; y++) {
            double yc = y + 0.5;
            int k = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double yi = xy[2 * i + 1];
                double yj = xy[2 * j + 1];
                if ((yi > yc) != (yj > yc)) {
                    double xi = xy[2 * i];
                    double xj = xy[2 * j];
                    cross[k++] = xi + (yc - yi) * (xj - xi) / (yj - yi);
                }
            }
            java.util.Arrays.sort(cross, 0, k);
            for (int c = 0; c + 1 < k; c += 2) {
                // pixel centres x + ½ in [cross[c], cross[c+1])
                int xa = (int) Math.max(0, Math.ceil(cross[c] - 0.5));
                int xb = (int) Math.min(width, Math.ceil(cross[c + 1] - 0.5));
                for (int x = xa; x < xb; x++) {
                    in[y * width + x] = 1;
                }
            }
        }
        return in;
    }

    /** Pixels inside both (null = everything). */
    public static byte[] intersect(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] != 0 && b[i] != 0 ? 1 : 0);
        }
        return r;
    }

    private static Region checked(Region r, String what) {
        if (r.pixels() == 0) {
            throw new PoroPhaseException(what + ": the region has no pixel inside the analysed image (" + r.width() + " × " + r.height()
                    + " px): check the coordinates (pixels, origin top-left)");
        }
        return r;
    }

    private static double[] numbers(String spec, String flag, String form) {
        if (spec == null || spec.isBlank()) {
            throw new PoroPhaseException(flag + " needs " + form);
        }
        String[] parts = spec.trim().split("[,;\\s]+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new PoroPhaseException(flag + " '" + spec + "': '" + parts[i] + "' is not a number; give " + form);
            }
            if (!Double.isFinite(v[i])) {
                throw new PoroPhaseException(flag + " '" + spec + "': values must be finite; give " + form);
            }
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
