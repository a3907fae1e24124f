package org.porophase.core;

/**
 * A 2D region as the pipeline passes it: one byte per pixel of a {@code w × h} image, row-major, non-zero =
 * inside (the rasterised ROI and/or specimen band). The one place for the two facts every user of such a
 * region needs: how many pixels it has and the box that holds them.
 */
public final class PixelRegion {
    private PixelRegion() {
    }

    /** Number of non-zero entries. */
    public static long count(byte[] region) {
        long c = 0;
        for (byte v : region) {
            if (v != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * The bounding box {@code {x0, y0, x1, y1}} (half-open: pixels x0 ≤ x &lt; x1, y0 ≤ y &lt; y1) of the non-zero
     * pixels of {@code region}; the whole image when {@code region} is null; {@code x1 ≤ x0} when it has no pixel.
     */
    public static int[] bounds(byte[] region, int w, int h) {
        if (region == null) {
            return new int[] {0, 0, w, h};
        }
        int x0 = w, y0 = h, x1 = 0, y1 = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                if (region[i] != 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x + 1);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }
}
