package org.porophase.binary;

import java.util.Arrays;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.MaskSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.VoxelSize;

/**
 * 3D connected components of the pore phase with <b>6-connectivity</b> (face neighbours), computed
 * by streaming: each slice is labelled in 2D (4-connectivity, in parallel in blocks of slices),
 * then its 2D components are merged with those of the previous slice through a union-find over the
 * 2D component ids. Memory is O(one slice + number of 2D components): 13 bytes per 2D component
 * (int parent, long size, byte face flags), never a full label volume, so the mask need not fit in
 * memory. Ids are int: up to 2³¹−9 2D components (an error says so beyond).
 * <p>
 * For each 3D component it records its voxel count and which faces of the analysed box it touches
 * (flag bits {@link #X0} … {@link #Z1}). Open pores are components touching at least one of the
 * chosen faces; closed (isolated) pores touch none; percolating pores touch both faces of an axis.
 * <p>
 * After labelling, {@link #cleaned(MaskSource, long)} gives a streaming view of the mask with the
 * components smaller than a voxel count turned into solid (small-object removal), recomputing each
 * slice's 2D labels (deterministic) and looking up their 3D component.
 */
public final class ComponentLabeler {
    public static final int X0 = 1;
    public static final int X1 = 2;
    public static final int Y0 = 4;
    public static final int Y1 = 8;
    public static final int Z0 = 16;
    public static final int Z1 = 32;
    private static final int BLOCK = 8;

    private int[] parent = new int[1024];
    private long[] size = new long[1024];
    private byte[] flags = new byte[1024];
    private int count;
    private int[] sliceBase;
    private int w;
    private int h;
    private int d;
    private boolean finished;

    /** Labels the pore phase of {@code m}. */
    public static ComponentLabeler label(MaskSource m, int threads) {
        ComponentLabeler l = new ComponentLabeler();
        l.run(m, threads);
        return l;
    }

    /** 2D labels of a slice (4-connectivity, pore = code 1), {@link PoreLabeling#labelValue}. */
    private static PoreLabeling.Labels label2d(byte[] s, int w, int h) {
        return PoreLabeling.labelValue(s, w, h, MaskSource.PORE, 4);
    }

    private int findG(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void union(int a, int b) {
        a = findG(a);
        b = findG(b);
        if (a == b) {
            return;
        }
        if (a < b) {
            parent[b] = a;
        } else {
            parent[a] = b;
        }
    }

    private void ensure(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new PoroPhaseException("the pore phase has more than 2³¹−9 slice-wise components; it is noise rather than pores: "
                    + "denoise (median) or raise the small-object size before labelling");
        }
        if (n > parent.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, parent.length * 2L));
            parent = Arrays.copyOf(parent, cap);
            size = Arrays.copyOf(size, cap);
            flags = Arrays.copyOf(flags, cap);
        }
    }

    private void run(MaskSource m, int threads) {
        w = m.width();
        h = m.height();
        d = m.depth();
        sliceBase = new int[d + 1];
        int n = w * h;
        int[] prev = null;
        int prevBase = 0;
        for (int z0 = 0; z0 < d; z0 += BLOCK) {
            int z1 = Math.min(d, z0 + BLOCK);
            PoreLabeling.Labels[] labs = new PoreLabeling.Labels[z1 - z0];
            int zz0 = z0;
            Parallel.of(threads).forRange(z1 - z0, (long) (z1 - z0) * n, (a, b) -> {
                for (int z = zz0 + a; z < zz0 + b; z++) {
                    labs[z - zz0] = label2d(m.slice(z), w, h);
                }
            });
            for (int z = z0; z < z1; z++) {
                int[] lab = labs[z - z0].labels();
                int k = labs[z - z0].count();
                int base = count;
                sliceBase[z] = base;
                ensure((long) count + k);
                for (int j = 0; j < k; j++) {
                    parent[base + j] = base + j;
                    size[base + j] = 0;
                    flags[base + j] = 0;
                }
                count += k;
                int zf = (z == 0 ? Z0 : 0) | (z == d - 1 ? Z1 : 0);
                for (int y = 0; y < h; y++) {
                    int row = y * w;
                    int yf = (y == 0 ? Y0 : 0) | (y == h - 1 ? Y1 : 0);
                    for (int x = 0; x < w; x++) {
                        int l = lab[row + x];
                        if (l == 0) {
                            continue;
                        }
                        int g = base + l - 1;
                        size[g]++;
                        int f = zf | yf | (x == 0 ? X0 : 0) | (x == w - 1 ? X1 : 0);
                        if (f != 0) {
                            flags[g] |= (byte) f;
                        }
                    }
                }
                if (prev != null) {
                    int lastA = -1;
                    int lastB = -1;
                    for (int i = 0; i < n; i++) {
                        int a = prev[i];
                        int b = lab[i];
                        if (a != 0 && b != 0 && (a != lastA || b != lastB)) {
                            union(prevBase + a - 1, base + b - 1);
                            lastA = a;
                            lastB = b;
                        }
                    }
                }
                prev = lab;
                prevBase = base;
            }
        }
        sliceBase[d] = count;
        // flatten: every id points to its root; sizes and flags gathered at the root
        for (int i = 0; i < count; i++) {
            int r = findG(i);
            parent[i] = r;
            if (r != i) {
                size[r] += size[i];
                size[i] = 0;
                flags[r] |= flags[i];
            }
        }
        finished = true;
    }

    /** Number of 2D components (union-find entries) used. */
    public int provisionalCount() {
        return count;
    }

    /** Heap used by the labelling tables, in bytes. */
    public long memoryBytes() {
        return 13L * parent.length + 4L * sliceBase.length + 2L * 4 * (w * h + 1L);
    }

    /** Statistics of the components. */
    public record Stats(long components, long openCount, long closedCount, long openVoxels, long closedVoxels,
            long percolatingVoxels, long percolatingCount, long largestVoxels, long removedCount, long removedVoxels) {
    }

    /**
     * Component statistics.
     *
     * @param faceMask      faces that make a pore "open" (OR of the flag bits)
     * @param axis          axis for percolation (0 x, 1 y, 2 z): components touching both of its faces
     * @param minVoxels     components smaller than this are removed (counted as removed, not as pores)
     */
    public Stats stats(int faceMask, int axis, long minVoxels) {
        return stats(count, parent, size, flags, faceMask, axis, minVoxels);
    }

    /**
     * The statistics of flattened union-find tables (entries {@code i < count} with {@code parent[i] == i}
     * are the components, with their voxel count and face flags gathered at the root): the one definition
     * of open / closed / percolating / removed shared by this streaming labelling and the block-wise merge
     * ({@link BlockLabels.Merge}).
     */
    static Stats stats(int count, int[] parent, long[] size, byte[] flags, int faceMask, int axis, long minVoxels) {
        int lo = axis == 0 ? X0 : axis == 1 ? Y0 : Z0;
        int hi = lo << 1;
        long comps = 0;
        long oc = 0;
        long cc = 0;
        long ov = 0;
        long cv = 0;
        long pv = 0;
        long pc = 0;
        long largest = 0;
        long rc = 0;
        long rv = 0;
        for (int i = 0; i < count; i++) {
            if (parent[i] != i) {
                continue;
            }
            long s = size[i];
            if (s < minVoxels) {
                rc++;
                rv += s;
                continue;
            }
            comps++;
            largest = Math.max(largest, s);
            int f = flags[i];
            if ((f & faceMask) != 0) {
                oc++;
                ov += s;
            } else {
                cc++;
                cv += s;
            }
            if ((f & lo) != 0 && (f & hi) != 0) {
                pc++;
                pv += s;
            }
        }
        return new Stats(comps, oc, cc, ov, cv, pv, pc, largest, rc, rv);
    }

    /**
     * The mask with pore components of fewer than {@code minVoxels} voxels turned into solid,
     * streamed (each slice recomputed). The same mask must be passed as was labelled.
     */
    public MaskSource cleaned(MaskSource m, long minVoxels) {
        if (!finished || m.width() != w || m.height() != h || m.depth() != d) {
            throw new IllegalStateException("cleaned() needs the mask that was labelled");
        }
        return new MaskSource() {
            @Override
            public int width() {
                return w;
            }

            @Override
            public int height() {
                return h;
            }

            @Override
            public int depth() {
                return d;
            }

            @Override
            public VoxelSize voxelSize() {
                return m.voxelSize();
            }

            @Override
            public byte[] slice(int z) {
                byte[] s = m.slice(z);
                int[] lab = label2d(s, w, h).labels();
                byte[] out = s.clone();
                int base = sliceBase[z];
                for (int i = 0; i < w * h; i++) {
                    int l = lab[i];
                    if (l != 0 && size[parent[base + l - 1]] < minVoxels) {
                        out[i] = MaskSource.SOLID;
                    }
                }
                return out;
            }
        };
    }

    /**
     * A label volume: {@code labels[z][y·w + x]} is the 3D component number of a pore voxel, 0 at solid voxels,
     * outside the ROI and at components removed as smaller than the small-object size; {@code count} labels 1 … count.
     */
    public record LabelVolume(int width, int height, int[][] labels, int count, VoxelSize voxelSize) {
    }

    /** Heap bytes of a label volume of this size (4 bytes per voxel, int labels). */
    public static long labelVolumeMemory(int w, int h, int d) {
        return 4L * w * h * d;
    }

    /**
     * The 3D label of every voxel of the labelled mask, in memory (4 bytes per voxel, checked with
     * {@link MemoryCheck} first). Numbering: the components kept by {@link #stats} (at least {@code minVoxels}
     * voxels) are numbered 1, 2, … in the order of their first voxel in z, y, x raster order (the union-find keeps
     * the smallest provisional id as root, and provisional ids follow slices and, within a slice, the 2D labels of
     * {@link PoreLabeling}); so {@code count} equals {@link Stats#components()} of the same {@code minVoxels} and each
     * label is one 6-connected component. The same mask must be passed as was labelled (before small-object removal).
     */
    public LabelVolume labelVolume(MaskSource m, long minVoxels, int threads) {
        if (!finished || m.width() != w || m.height() != h || m.depth() != d) {
            throw new IllegalStateException("labelVolume() needs the mask that was labelled");
        }
        MemoryCheck.require(labelVolumeMemory(w, h, d), "the label volume of a " + w + "×" + h + "×" + d
                + " volume (4 bytes per voxel; switch save_labels off, --no-save-labels, or crop)");
        int[] number = new int[count];
        int next = 0;
        for (int i = 0; i < count; i++) {
            if (parent[i] == i && size[i] >= minVoxels) {
                number[i] = ++next;
            }
        }
        int n = w * h;
        int[][] out = new int[d][];
        Parallel.of(threads).forRange(d, (long) n * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                int[] lab = label2d(m.slice(z), w, h).labels();
                int[] o = new int[n];
                int base = sliceBase[z];
                for (int i = 0; i < n; i++) {
                    int l = lab[i];
                    if (l != 0) {
                        o[i] = number[parent[base + l - 1]];
                    }
                }
                out[z] = o;
            }
        });
        return new LabelVolume(w, h, out, next, m.voxelSize());
    }

    /** Parses a face list: "axis" (both faces across the profile axis), "all", "none" or e.g. "z0,z1,x0". */
    public static int faceMask(String faces, int axis) {
        String f = faces == null ? "axis" : faces.trim().toLowerCase(java.util.Locale.ROOT);
        if (f.isEmpty() || f.equals("axis")) {
            return axis == 0 ? X0 | X1 : axis == 1 ? Y0 | Y1 : Z0 | Z1;
        }
        if (f.equals("all")) {
            return 63;
        }
        if (f.equals("none")) {
            return 0;
        }
        int m = 0;
        for (String p : f.split("\\s*,\\s*")) {
            switch (p) {
                case "x0" -> m |= X0;
                case "x1" -> m |= X1;
                case "y0" -> m |= Y0;
                case "y1" -> m |= Y1;
                case "z0" -> m |= Z0;
                case "z1" -> m |= Z1;
                default -> throw new PoroPhaseException("unknown face '" + p + "' in '" + faces
                        + "': use axis, all, none or a list of x0,x1,y0,y1,z0,z1 (0 = first plane, 1 = last plane)");
            }
        }
        return m;
    }
}
