package org.porophase.binary;

import java.io.Serializable;
import java.util.Arrays;

import org.porophase.core.MaskSource;
import org.porophase.core.PoroPhaseException;

/**
 * 6-connected pore components of one block of a block grid, and their exact merge across the blocks'
 * faces: the block-wise form of {@link ComponentLabeler} (same connectivity, same face flags, same
 * statistics).
 * <p>
 * A block is labelled on its own voxels only ({@link #label}): labels 1…n in scan order (x fastest,
 * then y, then z) through a union-find over the voxels, with each component's voxel count and the
 * faces of the <em>volume</em> it touches ({@link ComponentLabeler#X0} … {@link ComponentLabeler#Z1}).
 * The labels on the block's six faces are kept run-length encoded; two blocks that share a face have
 * the same face size and scan order, so {@link Merge} joins two components exactly where both face
 * voxels across the shared face are pore. Two pore voxels of the volume are 6-connected iff a chain of
 * face-adjacent pore voxels joins them; each link lies either inside one block or across one shared
 * face, so the merged components are exactly the volume's.
 * <p>
 * Small-object removal with a local halo ({@link #removeSmall}): a component smaller than m voxels
 * spans fewer than m voxels along every axis, so labelling the region of interest grown by m − 1 voxels
 * decides every component meeting the region exactly (see the method).
 * <p>
 * Memory: 4 bytes per block voxel (the labels) during {@link #label}; the result keeps 13 bytes per
 * component (size, face flags, first voxel) and 8 bytes per run of equal labels along the faces.
 */
public final class BlockLabels implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Face order of {@link #faceRuns}: x0, x1, y0, y1, z0, z1 of the block. */
    public static final int FACES = 6;

    /** Number of components (labels 1…count). */
    public final int count;
    /** Voxel count per component (index label − 1). */
    public final long[] sizes;
    /** Volume-face flags per component (index label − 1). */
    public final byte[] flags;
    /** Per face (x0, x1, y0, y1, z0, z1): runs (label, length) of the labels in scan order, 0 = not pore. */
    public final int[][] faceRuns;
    /** First voxel of each component (index label − 1) in the block's scan order: (z·h + y)·w + x of the block. */
    public final int[] first;

    private BlockLabels(int count, long[] sizes, byte[] flags, int[][] faceRuns, int[] first) {
        this.count = count;
        this.sizes = sizes;
        this.flags = flags;
        this.faceRuns = faceRuns;
        this.first = first;
    }

    /**
     * The labels of {@link #label} (same window, same numbering 1…count, 0 = not pore) of every voxel of the window,
     * x fastest: for relabelling a block through {@link Merge#numbers}. 4 bytes per window voxel.
     */
    public static int[] labels(byte[][] slices, int w, int x0, int x1, int y0, int y1, int z0, int z1) {
        return labelWindow(slices, w, x0, x1, y0, y1, z0, z1);
    }

    /**
     * Labels the pore voxels (code {@link MaskSource#PORE}) of the window [x0,x1)×[y0,y1)×[z0,z1) of a box
     * of w×h planes.
     *
     * @param volumeFaces flags of the volume faces the window lies on: bit {@link ComponentLabeler#X0} when
     *        x0 is the volume's first x plane, {@link ComponentLabeler#X1} when x1 − 1 is its last, and so on
     */
    public static BlockLabels label(byte[][] slices, int w, int x0, int x1, int y0, int y1, int z0, int z1, int volumeFaces) {
        int bw = x1 - x0;
        int bh = y1 - y0;
        int bd = z1 - z0;
        return summarize(labelWindow(slices, w, x0, x1, y0, y1, z0, z1), bw, bh, bd, volumeFaces);
    }

    private static BlockLabels summarize(int[] lab, int bw, int bh, int bd, int volumeFaces) {
        int plane = bw * bh;
        int n = 0;
        for (int v : lab) {
            n = Math.max(n, v);
        }
        long[] sizes = new long[n];
        byte[] flags = new byte[n];
        int[] first = new int[n];
        for (int z = 0; z < bd; z++) {
            int zf = (z == 0 ? volumeFaces & ComponentLabeler.Z0 : 0) | (z == bd - 1 ? volumeFaces & ComponentLabeler.Z1 : 0);
            for (int y = 0; y < bh; y++) {
                int yf = (y == 0 ? volumeFaces & ComponentLabeler.Y0 : 0) | (y == bh - 1 ? volumeFaces & ComponentLabeler.Y1 : 0);
                int o = z * plane + y * bw;
                for (int x = 0; x < bw; x++) {
                    int l = lab[o + x];
                    if (l == 0) {
                        continue;
                    }
                    if (sizes[l - 1]++ == 0) {
                        first[l - 1] = o + x;
                    }
                    int f = zf | yf | (x == 0 ? volumeFaces & ComponentLabeler.X0 : 0) | (x == bw - 1 ? volumeFaces & ComponentLabeler.X1 : 0);
                    if (f != 0) {
                        flags[l - 1] |= (byte) f;
                    }
                }
            }
        }
        int[][] runs = new int[FACES][];
        runs[0] = faceRuns(lab, bw, bh, bd, 0, 0);
        runs[1] = faceRuns(lab, bw, bh, bd, 0, bw - 1);
        runs[2] = faceRuns(lab, bw, bh, bd, 1, 0);
        runs[3] = faceRuns(lab, bw, bh, bd, 1, bh - 1);
        runs[4] = faceRuns(lab, bw, bh, bd, 2, 0);
        runs[5] = faceRuns(lab, bw, bh, bd, 2, bd - 1);
        return new BlockLabels(n, sizes, flags, runs, first);
    }

    /**
     * Labels 1…n (0 = not pore) of the window [x0,x1)×[y0,y1)×[z0,z1), 6-connected, numbered in scan order of
     * each component's first voxel: a union-find over the voxels (parent index + 1, 0 = not pore) joined with
     * the −x, −y and −z neighbours; a root is always the smallest index of its set.
     */
    private static int[] labelWindow(byte[][] slices, int w, int x0, int x1, int y0, int y1, int z0, int z1) {
        int bw = x1 - x0;
        int bh = y1 - y0;
        int bd = z1 - z0;
        long nv = (long) bw * bh * bd;
        if (nv > Integer.MAX_VALUE - 8) {
            throw new PoroPhaseException("a block of " + bw + "×" + bh + "×" + bd + " voxels is too large to label; use a smaller block size");
        }
        int plane = bw * bh;
        int[] parent = new int[(int) nv];
        for (int z = 0; z < bd; z++) {
            byte[] s = slices[z0 + z];
            for (int y = 0; y < bh; y++) {
                int row = (y0 + y) * w + x0;
                int o = z * plane + y * bw;
                for (int x = 0; x < bw; x++) {
                    if (s[row + x] != MaskSource.PORE) {
                        continue;
                    }
                    int i = o + x;
                    int r = i;
                    parent[i] = i + 1;
                    if (x > 0 && parent[i - 1] != 0) {
                        r = union(parent, r, i - 1);
                    }
                    if (y > 0 && parent[i - bw] != 0) {
                        r = union(parent, r, i - bw);
                    }
                    if (z > 0 && parent[i - plane] != 0) {
                        union(parent, r, i - plane);
                    }
                }
            }
        }
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] != 0) {
                parent[i] = find(parent, i) + 1;
            }
        }
        // every entry now points at its root, which precedes it: number the roots in scan order
        int n = 0;
        for (int i = 0; i < parent.length; i++) {
            int p = parent[i];
            if (p == 0) {
                continue;
            }
            parent[i] = p - 1 == i ? ++n : parent[p - 1];
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        int r = i;
        while (parent[r] - 1 != r) {
            r = parent[r] - 1;
        }
        while (parent[i] - 1 != r) {
            int nx = parent[i] - 1;
            parent[i] = r + 1;
            i = nx;
        }
        return r;
    }

    /** Joins the sets of voxels a and b (the smaller root wins); returns the root. */
    private static int union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return ra;
        }
        if (ra < rb) {
            parent[rb] = ra + 1;
            return ra;
        }
        parent[ra] = rb + 1;
        return rb;
    }

    /** Runs (label, length) of the face plane {@code pos} normal to {@code axis}. */
    private static int[] faceRuns(int[] lab, int bw, int bh, int bd, int axis, int pos) {
        int nu = axis == 0 ? bh : bw;
        int nw = axis == 2 ? bh : bd;
        int[] out = new int[16];
        int k = 0;
        int cur = -1;
        int len = 0;
        for (int b = 0; b < nw; b++) {
            for (int a = 0; a < nu; a++) {
                int idx = switch (axis) {
                    case 0 -> (b * bh + a) * bw + pos;
                    case 1 -> (b * bh + pos) * bw + a;
                    default -> (pos * bh + b) * bw + a;
                };
                int l = lab[idx];
                if (l == cur) {
                    len++;
                    continue;
                }
                if (len > 0) {
                    if (k + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[k++] = cur;
                    out[k++] = len;
                }
                cur = l;
                len = 1;
            }
        }
        if (len > 0) {
            if (k + 2 > out.length) {
                out = Arrays.copyOf(out, out.length + 2);
            }
            out[k++] = cur;
            out[k++] = len;
        }
        return Arrays.copyOf(out, k);
    }

    /** Heap bytes of this result (what a block sends to the merge). */
    public long bytes() {
        long b = 13L * count + 64;
        for (int[] r : faceRuns) {
            b += 4L * r.length;
        }
        return b;
    }

    /** Heap bytes {@link #label} needs for a block of this size (labels; the result is small). */
    public static long memoryNeeded(int w, int h, int d) {
        return 4L * w * h * d;
    }

    /**
     * Turns into solid ({@link MaskSource#SOLID}) the pore voxels of components smaller than
     * {@code minVoxels} voxels, in place, in a box of w×h×D codes that is a region of interest grown by
     * at least {@code minVoxels − 1} voxels on every side where the volume goes on ({@code openSides}:
     * the flags of the box faces that are <em>not</em> volume faces). A component of the box that reaches
     * an open side has a 6-path of at least minVoxels voxels from the region of interest, so it is kept;
     * any other component of the box is a whole component of the volume, with its true size. Hence the
     * result equals the volume-wide removal ({@link ComponentLabeler#cleaned}) inside the region of
     * interest (outside it, near the open sides, it may keep voxels the volume-wide removal drops).
     */
    public static void removeSmall(byte[][] slices, int w, int h, long minVoxels, int openSides) {
        if (minVoxels <= 1) {
            return;
        }
        int d = slices.length;
        int[] lab = labelWindow(slices, w, 0, w, 0, h, 0, d);
        BlockLabels l = summarize(lab, w, h, d, openSides);
        boolean[] remove = new boolean[l.count + 1];
        boolean any = false;
        for (int i = 0; i < l.count; i++) {
            remove[i + 1] = l.sizes[i] < minVoxels && l.flags[i] == 0;
            any |= remove[i + 1];
        }
        if (!any) {
            return;
        }
        int plane = w * h;
        for (int z = 0; z < d; z++) {
            byte[] s = slices[z];
            for (int i = 0; i < plane; i++) {
                if (remove[lab[z * plane + i]]) {
                    s[i] = MaskSource.SOLID;
                }
            }
        }
    }

    /**
     * The exact merge of the block labels of a grid of nbx × nby × nbz blocks (block index
     * {@code (bz·nby + by)·nbx + bx}): a union-find over all block components (13 bytes each), joined
     * across every shared face, then {@link ComponentLabeler#stats} of the volume's components.
     */
    public static final class Merge {
        private final int[] parent;
        private final long[] size;
        private final byte[] flags;
        private final int total;
        /** First global id of each block's components. */
        private final int[] base;

        /** Builds the union-find over the blocks' components and joins them across all shared faces. */
        public Merge(BlockLabels[] blocks, int nbx, int nby, int nbz) {
            base = new int[blocks.length + 1];
            long t = 0;
            for (int b = 0; b < blocks.length; b++) {
                base[b] = (int) t;
                t += blocks[b].count;
                if (t > Integer.MAX_VALUE - 8) {
                    throw new PoroPhaseException("the pore phase has more than 2³¹−9 block-wise components; it is noise rather than pores: "
                            + "denoise (median) or raise the small-object size before labelling");
                }
            }
            total = (int) t;
            parent = new int[total];
            size = new long[total];
            flags = new byte[total];
            for (int b = 0; b < blocks.length; b++) {
                for (int j = 0; j < blocks[b].count; j++) {
                    int g = base[b] + j;
                    parent[g] = g;
                    size[g] = blocks[b].sizes[j];
                    flags[g] = blocks[b].flags[j];
                }
            }
            for (int bz = 0; bz < nbz; bz++) {
                for (int by = 0; by < nby; by++) {
                    for (int bx = 0; bx < nbx; bx++) {
                        int b = (bz * nby + by) * nbx + bx;
                        if (bx + 1 < nbx) {
                            join(blocks[b].faceRuns[1], base[b], blocks[b + 1].faceRuns[0], base[b + 1]);
                        }
                        if (by + 1 < nby) {
                            join(blocks[b].faceRuns[3], base[b], blocks[b + nbx].faceRuns[2], base[b + nbx]);
                        }
                        if (bz + 1 < nbz) {
                            join(blocks[b].faceRuns[5], base[b], blocks[b + nbx * nby].faceRuns[4], base[b + nbx * nby]);
                        }
                    }
                }
            }
            for (int i = 0; i < total; i++) {
                int r = find(i);
                parent[i] = r;
                if (r != i) {
                    size[r] += size[i];
                    size[i] = 0;
                    flags[r] |= flags[i];
                }
            }
        }

        private int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        /** Walks two run lists of the same face in step and joins the labels that are both pore. */
        private void join(int[] a, int baseA, int[] b, int baseB) {
            int ia = 0;
            int ib = 0;
            int remA = a.length > 0 ? a[1] : 0;
            int remB = b.length > 0 ? b[1] : 0;
            int lastA = -1;
            int lastB = -1;
            while (ia < a.length && ib < b.length) {
                int la = a[ia];
                int lb = b[ib];
                if (la != 0 && lb != 0 && (la != lastA || lb != lastB)) {
                    int ra = find(baseA + la - 1);
                    int rb = find(baseB + lb - 1);
                    if (ra < rb) {
                        parent[rb] = ra;
                    } else if (rb < ra) {
                        parent[ra] = rb;
                    }
                    lastA = la;
                    lastB = lb;
                }
                int step = Math.min(remA, remB);
                remA -= step;
                remB -= step;
                if (remA == 0) {
                    ia += 2;
                    remA = ia < a.length ? a[ia + 1] : 0;
                }
                if (remB == 0) {
                    ib += 2;
                    remB = ib < b.length ? b[ib + 1] : 0;
                }
            }
            if (ia < a.length || ib < b.length) {
                throw new IllegalStateException("block faces of different sizes cannot be merged");
            }
        }

        /**
         * The volume-wide number of every block component (per block, index label − 1; 0 = removed): the components of at
         * least {@code minVoxels} voxels numbered 1, 2, … in the order of their first voxel in z, y, x raster order of the
         * volume, which is {@link ComponentLabeler#labelVolume}'s numbering (the same labels voxel for voxel). A
         * component's first voxel is the first of its block components' first voxels ({@link BlockLabels#first}).
         *
         * @param blocks the blocks this merge was built from, in the same order
         * @param box    per block {x0, y0, z0, w, h} in the volume (voxels)
         * @param volW   width of the volume, {@code volH} its height
         */
        public int[][] numbers(BlockLabels[] blocks, int[][] box, int volW, int volH, long minVoxels) {
            long[] key = new long[total];
            java.util.Arrays.fill(key, Long.MAX_VALUE);
            for (int b = 0; b < blocks.length; b++) {
                int bw = box[b][3];
                int plane = bw * box[b][4];
                for (int j = 0; j < blocks[b].count; j++) {
                    int f = blocks[b].first[j];
                    long g = ((long) (box[b][2] + f / plane) * volH + box[b][1] + f % plane / bw) * volW + box[b][0] + f % bw;
                    int r = parent[base[b] + j];
                    key[r] = Math.min(key[r], g);
                }
            }
            int kept = 0;
            for (int i = 0; i < total; i++) {
                if (parent[i] == i && size[i] >= minVoxels) {
                    kept++;
                }
            }
            long[] order = new long[kept];
            int k = 0;
            for (int i = 0; i < total; i++) {
                if (parent[i] == i && size[i] >= minVoxels) {
                    order[k++] = key[i];
                }
            }
            java.util.Arrays.sort(order); // first voxels are distinct: the rank of a root's key is its number − 1
            int[][] out = new int[blocks.length][];
            for (int b = 0; b < blocks.length; b++) {
                out[b] = new int[blocks[b].count];
                for (int j = 0; j < blocks[b].count; j++) {
                    int r = parent[base[b] + j];
                    out[b][j] = size[r] >= minVoxels ? java.util.Arrays.binarySearch(order, key[r]) + 1 : 0;
                }
            }
            return out;
        }

        /** Statistics of the volume's components, as {@link ComponentLabeler#stats}. */
        public ComponentLabeler.Stats stats(int faceMask, int axis, long minVoxels) {
            return ComponentLabeler.stats(total, parent, size, flags, faceMask, axis, minVoxels);
        }

        /** Heap bytes of the union-find (13 per block component). */
        public long memoryBytes() {
            return 13L * total;
        }
    }
}
