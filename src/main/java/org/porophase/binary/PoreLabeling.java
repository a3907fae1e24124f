package org.porophase.binary;

import ij.process.ByteProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * Connected-component labelling of a binary 2D image by a two-pass union-find scan (no recursion,
 * no queue; memory = one int per pixel plus one int per provisional label).
 * <p>
 * <b>Connectivity.</b> Pores (nonzero pixels of a pore mask) are labelled with
 * <b>8-connectivity</b>, the ImageJ "Analyze Particles" convention; the complementary solid phase
 * is then 4-connected (the only consistent pairing on the square grid: a pore chain through
 * diagonal neighbours is one pore and the solid on both sides of it is cut). {@link #label(byte[], int, int, boolean, int)}
 * also labels the zero phase (used with 4-connectivity to find enclosed solid specks).
 * <p>
 * <b>Label order.</b> Labels are 1..count in raster order of each component's first pixel
 * (topmost row, leftmost pixel in that row), so label {@code k}'s first pixel precedes label
 * {@code k+1}'s. 0 = not in the labelled phase.
 */
public final class PoreLabeling {

    /** A label image: {@code labels[x + y*width]} in 0..count. */
    public record Labels(int[] labels, int count, int width, int height) {
    }

    private PoreLabeling() {
    }

    /** Labels the pores (nonzero pixels) of a mask with 8-connectivity. */
    public static Labels labelPores(ByteProcessor mask) {
        if (mask == null) {
            throw new PoroPhaseException("no pore mask given: pass a binary mask (255 or 1 = pore, 0 = solid)");
        }
        return label((byte[]) mask.getPixels(), mask.getWidth(), mask.getHeight(), true, 8);
    }

    /**
     * Labels one phase of a binary image.
     *
     * @param pixels       row-major pixels; nonzero = phase "1"
     * @param width        image width
     * @param height       image height
     * @param nonZeroPhase true: label the nonzero pixels; false: label the zero pixels
     * @param connectivity 4 or 8
     */
    public static Labels label(byte[] pixels, int width, int height, boolean nonZeroPhase, int connectivity) {
        if (connectivity != 4 && connectivity != 8) {
            throw new IllegalArgumentException("connectivity must be 4 or 8, not " + connectivity);
        }
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("pixel array length " + pixels.length + " != " + width + "x" + height);
        }
        final boolean c8 = connectivity == 8;
        final int[] lab = new int[pixels.length];
        int[] parent = new int[Math.max(16, pixels.length / 64)];
        int next = 1; // provisional labels start at 1; parent[0] unused

        for (int y = 0; y < height; y++) {
            final int row = y * width;
            final int up = row - width;
            for (int x = 0; x < width; x++) {
                final int i = row + x;
                if ((pixels[i] != 0) != nonZeroPhase) {
                    continue;
                }
                // decision tree (Wu, Otoo & Suzuki 2005): already-processed neighbours that touch each other are in
                // one set already, so only non-adjacent pairs (NE–W, NE–NW in 8-connectivity; N–W in 4) need a union
                int l;
                int n = y > 0 ? lab[up + x] : 0;
                int wv = x > 0 ? lab[i - 1] : 0;
                if (c8) {
                    if (n != 0) {
                        l = n;
                    } else {
                        int ne = y > 0 && x + 1 < width ? lab[up + x + 1] : 0;
                        int a = wv != 0 ? wv : (y > 0 && x > 0 ? lab[up + x - 1] : 0);
                        if (a != 0) {
                            l = ne != 0 ? union(parent, a, ne) : a;
                        } else {
                            l = ne;
                        }
                    }
                } else if (n != 0) {
                    l = wv != 0 ? union(parent, n, wv) : n;
                } else {
                    l = wv;
                }
                if (l == 0) {
                    if (next == parent.length) {
                        parent = java.util.Arrays.copyOf(parent, parent.length * 2);
                    }
                    parent[next] = next;
                    l = next++;
                }
                lab[i] = l;
            }
        }
        // Resolve: roots are always the smallest provisional label of their set, and provisional
        // labels were handed out in raster order, so numbering roots in increasing order gives
        // final labels in raster order of first pixel.
        int[] finalLabel = new int[next];
        int count = 0;
        for (int p = 1; p < next; p++) {
            int r = find(parent, p);
            if (r == p) {
                finalLabel[p] = ++count;
            } else {
                finalLabel[p] = finalLabel[r]; // r < p, already assigned
            }
        }
        for (int i = 0; i < lab.length; i++) {
            int l = lab[i];
            if (l != 0) {
                lab[i] = finalLabel[l];
            }
        }
        return new Labels(lab, count, width, height);
    }

    private static int find(int[] parent, int a) {
        int r = a;
        while (parent[r] != r) {
            r = parent[r];
        }
        // path compression
        while (parent[a] != r) {
            int n = parent[a];
            parent[a] = r;
            a = n;
        }
        return r;
    }

    /** Unites the sets of a and b; the root is the smaller label. Returns the root. */
    private static int union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return ra;
        }
        if (ra < rb) {
            parent[rb] = ra;
            return ra;
        }
        parent[ra] = rb;
        return rb;
    }
}
