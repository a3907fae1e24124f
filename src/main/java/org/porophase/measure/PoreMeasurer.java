package org.porophase.measure;

import org.porophase.binary.PoreLabeling;
import java.util.ArrayList;
import java.util.List;

import ij.process.ByteProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * Measures a binary pore mask: porosity, specific surface area (eq. 3), pore count and per-pore
 * size and shape. Pure computation: no I/O, no UI; the mask is not modified.
 * <p>
 * Pores = nonzero pixels (0/255 or 0/1 masks both work), labelled with 8-connectivity
 * ({@link PoreLabeling}). Area = pixel count × pixel area; perimeter = Crofton, 8 directions
 * ({@link CroftonPerimeter}); Feret diameters from the convex hull of the pixel corners. Pixel
 * width and height may differ.
 */
public final class PoreMeasurer {

    private PoreMeasurer() {
    }

    /** {@link #measure(ByteProcessor, double, double, BorderPolicy, int)} with an automatic guard. */
    public static PoreAnalysis measure(ByteProcessor mask, double pixelWidthUm, double pixelHeightUm, BorderPolicy policy) {
        return measure(mask, pixelWidthUm, pixelHeightUm, policy, -1);
    }

    /**
     * @param mask          binary mask, nonzero = pore
     * @param pixelWidthUm  pixel width (µm)
     * @param pixelHeightUm pixel height (µm)
     * @param policy        border policy; null = {@link BorderPolicy#EXCLUDE_FROM_SHAPE}
     * @param guardPx       guard margin for {@link BorderPolicy#GUARD_FRAME} in pixels; negative = automatic
     *                      (see {@link BorderPolicy#GUARD_FRAME}); ignored by the other policies
     */
    public static PoreAnalysis measure(ByteProcessor mask, double pixelWidthUm, double pixelHeightUm,
            BorderPolicy policy, int guardPx) {
        return measure(mask, pixelWidthUm, pixelHeightUm, policy, guardPx, null);
    }

    /**
     * Measures inside a region (a specimen band or a user ROI); {@code region} null = the whole image, exactly
     * {@link #measure(ByteProcessor, double, double, BorderPolicy, int)}.
     * <p>
     * <b>Region rules</b> (the region's edge plays the image frame's part): mask pixels outside the region are
     * ignored; porosity = pore pixels / region pixels and A_t = region pixels × pixel area; a pore touches the
     * border when one of its pixels lies in the first or last row or column of the image or has a 4-neighbour
     * outside the region, and the border policy treats it as a pore cut by the frame; the perimeter counts
     * only pixel pairs inside the region ({@link CroftonPerimeter}), so the region's edge is not pore wall.
     * For {@link BorderPolicy#GUARD_FRAME} the counting frame is the region eroded by a (2g+1)² square (for a
     * rectangle: the rectangle inset by g, as the image inset by g without a region), its area the frame area.
     *
     * @param region one byte per pixel (row-major, non-zero = inside), or null
     */
    public static PoreAnalysis measure(ByteProcessor mask, double pixelWidthUm, double pixelHeightUm,
            BorderPolicy policy, int guardPx, byte[] region) {
        if (mask != null && region != null) {
            if (region.length != mask.getWidth() * mask.getHeight()) {
                throw new PoroPhaseException("region has " + region.length + " pixels, the mask " + mask.getWidth() + " × " + mask.getHeight());
            }
            byte[] src = (byte[]) mask.getPixels();
            byte[] in = new byte[src.length];
            for (int i = 0; i < src.length; i++) {
                in[i] = region[i] != 0 ? src[i] : 0;
            }
            mask = new ByteProcessor(mask.getWidth(), mask.getHeight(), in);
        }
        if (mask == null) {
            throw new PoroPhaseException("no pore mask given: pass a binary mask (255 or 1 = pore, 0 = solid)");
        }
        CroftonPerimeter.checkPixel(pixelWidthUm, pixelHeightUm);
        if (policy == null) {
            policy = BorderPolicy.EXCLUDE_FROM_SHAPE;
        }
        final int w = mask.getWidth(), h = mask.getHeight();
        final double dx = pixelWidthUm, dy = pixelHeightUm, pixelArea = dx * dy;
        List<String> warnings = new ArrayList<>();

        PoreLabeling.Labels lab = PoreLabeling.labelPores(mask);
        final int[] labels = lab.labels();
        final int n = lab.count();

        // pass 1: per-label pixel count, coordinate sums, bounding box, first pixel, border contact
        long[] count = new long[n + 1];
        long[] sumX = new long[n + 1];
        long[] sumY = new long[n + 1];
        int[] minX = new int[n + 1], maxX = new int[n + 1], minY = new int[n + 1], maxY = new int[n + 1];
        int[] firstX = new int[n + 1];
        boolean[] border = new boolean[n + 1];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(maxX, -1);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            boolean edgeRow = y == 0 || y == h - 1;
            for (int x = 0; x < w; x++) {
                int l = labels[row + x];
                if (l == 0) {
                    continue;
                }
                if (count[l] == 0) {
                    minY[l] = y;
                    firstX[l] = x;
                }
                count[l]++;
                sumX[l] += x;
                sumY[l] += y;
                if (x < minX[l]) {
                    minX[l] = x;
                }
                if (x > maxX[l]) {
                    maxX[l] = x;
                }
                maxY[l] = y;
                if (edgeRow || x == 0 || x == w - 1) {
                    border[l] = true;
                } else if (region != null && (region[row + x - 1] == 0 || region[row + x + 1] == 0
                        || region[row + x - w] == 0 || region[row + x + w] == 0)) {
                    border[l] = true; // at the region's edge
                }
            }
        }
        // pass 2: per-row extents (a connected set has pixels in every row of its bounding box)
        int[] off = new int[n + 2];
        for (int l = 1; l <= n; l++) {
            off[l + 1] = off[l] + (maxY[l] - minY[l] + 1);
        }
        int total = off[n + 1];
        int[] rowMin = new int[total];
        int[] rowMax = new int[total];
        java.util.Arrays.fill(rowMin, Integer.MAX_VALUE);
        java.util.Arrays.fill(rowMax, -1);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int l = labels[row + x];
                if (l == 0) {
                    continue;
                }
                int idx = off[l] + y - minY[l];
                if (x < rowMin[idx]) {
                    rowMin[idx] = x;
                }
                if (x > rowMax[idx]) {
                    rowMax[idx] = x;
                }
            }
        }
        double[] perim = CroftonPerimeter.perimeters(labels, w, h, n, dx, dy, region);
        long analysedPixels = region == null ? (long) w * h : org.porophase.core.PixelRegion.count(region);
        if (analysedPixels == 0) {
            throw new PoroPhaseException("the region is empty: nothing to measure; check the ROI or the specimen region");
        }
        // region bounding box (the guard cap and, without a region, the image)
        int[] bb = org.porophase.core.PixelRegion.bounds(region, w, h);
        int bx0 = bb[0], by0 = bb[1], bx1 = bb[2], by1 = bb[3];

        // counting rule
        int guard = 0;
        if (policy == BorderPolicy.GUARD_FRAME) {
            if (guardPx >= 0) {
                guard = guardPx;
            } else {
                int ext = 0;
                for (int l = 1; l <= n; l++) {
                    if (!border[l]) {
                        ext = Math.max(ext, Math.max(maxX[l] - minX[l] + 1, maxY[l] - minY[l] + 1));
                    }
                }
                guard = Math.max(1, ext);
            }
            int cap = (Math.min(bx1 - bx0, by1 - by0) - 1) / 4;
            if (guard > cap) {
                warnings.add("guard frame limited to " + cap + " px (a quarter of the smaller image side) instead of "
                        + guard + " px: pores are large for this field of view, so the counting frame may cut some;"
                        + " use a larger field of view or a smaller magnification");
                guard = cap;
            }
        }
        byte[] frame = region != null && policy == BorderPolicy.GUARD_FRAME ? erode(region, w, h, guard) : null;
        double frameArea = policy == BorderPolicy.GUARD_FRAME
                ? (frame != null ? org.porophase.core.PixelRegion.count(frame) : (double) (w - 2 * guard) * (h - 2 * guard)) * pixelArea
                : (double) analysedPixels * pixelArea;

        List<Pore> pores = new ArrayList<>(n);
        long porePixels = 0;
        double totalPerim = 0;
        int counted = 0, borderCount = 0, cutCounted = 0;
        double sumEcd = 0, sumAEcd = 0, sumA = 0;
        int nShape = 0;
        for (int l = 1; l <= n; l++) {
            porePixels += count[l];
            totalPerim += perim[l];
            double area = count[l] * pixelArea;
            double p = perim[l];
            double ecd = 2 * Math.sqrt(area / Math.PI);
            double[] f = Feret.compute(rowMin, rowMax, off[l], maxY[l] - minY[l] + 1, minY[l], dx, dy);
            double circ = p > 0 ? Math.min(1.0, 4 * Math.PI * area / (p * p)) : Double.NaN;
            double cx = (sumX[l] / (double) count[l] + 0.5) * dx;
            double cy = (sumY[l] / (double) count[l] + 0.5) * dy;
            boolean isCounted;
            boolean inShape;
            switch (policy) {
                case INCLUDE:
                    isCounted = true;
                    inShape = true;
                    break;
                case GUARD_FRAME:
                    isCounted = frame != null ? frame[minY[l] * w + firstX[l]] != 0
                            : firstX[l] >= guard && firstX[l] < w - guard && minY[l] >= guard && minY[l] < h - guard;
                    inShape = isCounted && !border[l];
                    if (isCounted && border[l]) {
                        cutCounted++;
                    }
                    break;
                default:
                    isCounted = !border[l];
                    inShape = isCounted;
            }
            if (border[l]) {
                borderCount++;
            }
            if (isCounted) {
                counted++;
            }
            if (inShape) {
                nShape++;
                sumEcd += ecd;
                sumAEcd += area * ecd;
                sumA += area;
            }
            pores.add(new Pore(l, area, p, ecd, f[0], f[1], f[2], circ, cx, cy, border[l], isCounted));
        }
        if (cutCounted > 0) {
            warnings.add(cutCounted + " counted pore(s) touch the image border although their reference point is inside the"
                    + " counting frame (guard " + guard + " px too small): they are counted but left out of the size statistics");
        }
        double meanEcd = nShape > 0 ? sumEcd / nShape : Double.NaN;
        double awEcd = sumA > 0 ? sumAEcd / sumA : Double.NaN;
        return new PoreAnalysis(w, h, dx, dy, policy, porePixels, counted, borderCount, porePixels * pixelArea,
                totalPerim, meanEcd, awEcd, policy == BorderPolicy.GUARD_FRAME ? guard : 0, frameArea, pores, labels,
                warnings, analysedPixels);
    }

    /**
     * The region eroded by a (2g+1) × (2g+1) square, outside the image counting as outside: pixel (x, y) stays
     * when every pixel of [x−g, x+g] × [y−g, y+g] is in the image and in the region. Separable: a row pass
     * then a column pass of run lengths.
     */
    static byte[] erode(byte[] region, int w, int h, int g) {
        if (g <= 0) {
            return region.clone();
        }
        byte[] rowOk = new byte[w * h];
        for (int y = 0; y < h; y++) {
            int run = 0; // inside pixels ending at x
            int[] runs = new int[w];
            for (int x = 0; x < w; x++) {
                run = region[y * w + x] != 0 ? run + 1 : 0;
                runs[x] = run;
            }
            for (int x = g; x + g < w; x++) {
                if (runs[x + g] >= 2 * g + 1) {
                    rowOk[y * w + x] = 1;
                }
            }
        }
        byte[] out = new byte[w * h];
        for (int x = 0; x < w; x++) {
            int run = 0;
            int[] runs = new int[h];
            for (int y = 0; y < h; y++) {
                run = rowOk[y * w + x] != 0 ? run + 1 : 0;
                runs[y] = run;
            }
            for (int y = g; y + g < h; y++) {
                if (runs[y + g] >= 2 * g + 1) {
                    out[y * w + x] = 1;
                }
            }
        }
        return out;
    }
}
