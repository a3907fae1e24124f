package org.porophase.binary;

import java.util.Arrays;

import ij.process.ByteProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * The one connected-component labelling of PoroPhase, with the flood fill and the neighbour step
 * it is built on.
 * <ul>
 * <li><b>2D images</b> ({@link #label}, {@link #labelValue}, {@link #labelPores}): two-pass
 * union-find raster scan (Rosenfeld &amp; Pfaltz 1966; no recursion, no queue; memory = one int per
 * pixel plus one int per provisional label), connectivity 4 or 8. Also the per-slice step of the
 * streaming 3D labeller {@link ComponentLabeler}.</li>
 * <li><b>In-memory grids</b> of (nx, ny, nz) cells, index x + nx(y + ny z), 2D grids with ny or nz
 * = 1 (phase field): breadth-first {@link #labelGrid} and {@link #flood} (reach from seed cells),
 * connectivity 6 (faces; 4 in a 2D grid), 18 (faces and edges; 8 in a 2D grid) or 26. The face step
 * {@link #faceNeighbours} takes the already decoded (x, y, z), so loops that have them add no
 * division.</li>
 * </ul>
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
     * Labels the pixels equal to {@code value} (e.g. {@code MaskSource.PORE}) of a 2D image; same
     * labelling as {@link #label}.
     */
    public static Labels labelValue(byte[] pixels, int width, int height, byte value, int connectivity) {
        return label(pixels, width, height, value, true, connectivity);
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
        return label(pixels, width, height, (byte) 0, !nonZeroPhase, connectivity);
    }

    /** Labels the pixels p with {@code (p == value) == equal}. */
    private static Labels label(byte[] pixels, int width, int height, byte value, boolean equal, int connectivity) {
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
                if ((pixels[i] == value) != equal) {
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
                        parent = Arrays.copyOf(parent, parent.length * 2);
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

    /**
     * Writes the face neighbours of cell {@code i} = (x, y, z) of an (nx, ny, nz) grid into
     * {@code out} in the order −x, +x, −y, +y, −z, +z (cells off the grid left out).
     *
     * @return the number written (≤ 6)
     */
    public static int faceNeighbours(int i, int x, int y, int z, int nx, int ny, int nz, int[] out) {
        int c = 0;
        int plane = nx * ny;
        if (x > 0) {
            out[c++] = i - 1;
        }
        if (x < nx - 1) {
            out[c++] = i + 1;
        }
        if (y > 0) {
            out[c++] = i - nx;
        }
        if (y < ny - 1) {
            out[c++] = i + nx;
        }
        if (z > 0) {
            out[c++] = i - plane;
        }
        if (z < nz - 1) {
            out[c++] = i + plane;
        }
        return c;
    }

    /**
     * Writes the neighbours of cell {@code i} = (x, y, z) for a grid connectivity (6, 18 or 26; 4
     * and 8 are the same neighbourhoods in a 2D grid) into {@code out} (room for 26).
     *
     * @return the number written
     */
    public static int neighbours(int i, int x, int y, int z, int nx, int ny, int nz, int connectivity, int[] out) {
        int maxL1 = gridOrder(connectivity);
        if (maxL1 == 1) {
            return faceNeighbours(i, x, y, z, nx, ny, nz, out);
        }
        int c = 0;
        int plane = nx * ny;
        for (int dz = -1; dz <= 1; dz++) {
            int zz = z + dz;
            if (zz < 0 || zz >= nz) {
                continue;
            }
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= ny) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    int l1 = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (l1 == 0 || l1 > maxL1 || xx < 0 || xx >= nx) {
                        continue;
                    }
                    out[c++] = i + dx + nx * dy + plane * dz;
                }
            }
        }
        return c;
    }

    /** Largest |dx|+|dy|+|dz| of a neighbour for a grid connectivity. */
    private static int gridOrder(int connectivity) {
        switch (connectivity) {
            case 4: case 6:
                return 1;
            case 8: case 18:
                return 2;
            case 26:
                return 3;
            default:
                throw new IllegalArgumentException("grid connectivity must be 6, 18 or 26 (4 or 8 in a 2D grid), not " + connectivity);
        }
    }

    /**
     * Breadth-first flood fill on an (nx, ny, nz) grid: from the seeds {@code queue[0..seeds)}
     * (already marked in {@code reached}) through the cells where {@code mask} is true.
     * {@code queue} needs room for every cell that can be reached.
     *
     * @return the number of reached cells (they are {@code queue[0..return)})
     */
    public static int flood(boolean[] mask, boolean[] reached, int[] queue, int seeds, int nx, int ny, int nz, int connectivity) {
        gridOrder(connectivity);
        int plane = nx * ny;
        int[] nb = new int[26];
        int qt = seeds;
        for (int qh = 0; qh < qt; qh++) {
            int i = queue[qh];
            int z = i / plane;
            int xy = i - z * plane;
            int y = xy / nx;
            int x = xy - y * nx;
            int c = neighbours(i, x, y, z, nx, ny, nz, connectivity, nb);
            for (int k = 0; k < c; k++) {
                int j = nb[k];
                if (mask[j] && !reached[j]) {
                    reached[j] = true;
                    queue[qt++] = j;
                }
            }
        }
        return qt;
    }

    /**
     * Labels the connected components of {@code mask} on an (nx, ny, nz) grid breadth-first:
     * {@code lab[i]} = 0, 1, … in the order of each component's first cell, −1 outside the mask.
     *
     * @return the number of components
     */
    public static int labelGrid(boolean[] mask, int[] lab, int nx, int ny, int nz, int connectivity) {
        gridOrder(connectivity);
        int n = mask.length;
        Arrays.fill(lab, 0, n, -1);
        boolean[] seen = new boolean[n];
        int[] q = new int[n];
        int next = 0;
        for (int s0 = 0; s0 < n; s0++) {
            if (!mask[s0] || seen[s0]) {
                continue;
            }
            q[0] = s0;
            seen[s0] = true;
            int c = flood(mask, seen, q, 1, nx, ny, nz, connectivity);
            for (int k = 0; k < c; k++) {
                lab[q[k]] = next;
            }
            next++;
        }
        return next;
    }
}
