package org.porophase.segment;

import java.util.Arrays;

/**
 * Grey-level split of merged pores: a marker-controlled watershed on the filtered (denoised, deconvolved) grey image
 * inside each pore component, with the minima whose <em>dynamic</em> exceeds a given depth as markers, and the split
 * lines made solid.
 * <p>
 * <b>Dynamic</b> of a regional minimum m (M. Grimaud, "New measure of contrast: the dynamics", Proc. SPIE 1769 (1992)
 * 292–305): the least height one has to climb from m, along a path inside the pore component, to reach a deeper
 * minimum, i.e. the lowest saddle to a deeper basin minus g(m); the deepest minimum of a component has an infinite
 * dynamic. Two pores merged through a blurred wall are two deep basins whose saddle lies near the threshold (about
 * 0.4–0.5 of the contrast above the pore grey); one pore, or a union of overlapping pores that is uniformly dark, has
 * one deep basin and only noise minima, whose dynamics are a few residual noise σ. So a component is cut only where
 * two basins are both deeper than {@code minDynamic} below the saddle between them.
 * <p>
 * <b>Algorithm</b> (pore pixels only, 8-connected like the pore components; dark pores: minima, bright pores: maxima of
 * the grey image): the pore pixels sorted once by grey value (primitive keys), then two priority floods by
 * union-find (path halving; each region's root keeps the pixel of its minimum):
 * <ol>
 * <li>dynamics: when two regions meet at a pixel of grey v, the one with the higher minimum g(m) ends, with the dynamic
 * v − g(m); its minimum is a marker when that exceeds {@code minDynamic}; the minimum of each component's last region
 * is a marker;</li>
 * <li>marker-controlled flooding (the same order, so the same regions): regions without a marker merge into any region
 * they meet; two regions with different markers never merge (the meeting pixel stays with the first one);</li>
 * <li>split line: of every pair of 8-adjacent pore pixels that ended in different basins, the one with the higher grey
 * (the wall side) becomes solid. No pixel of one basin is then 8-adjacent to another basin, so the pieces are
 * separate 8-connected pores; the line is one pixel wide.</li>
 * </ol>
 * Cost: one sort of the pore pixels (O(N log N)) and two near-linear floods; memory three ints and a boolean per pixel, 12 bytes per pore pixel for the sort.
 * Deterministic: ties in grey value are broken by pixel index.
 * <p>
 * <b>Depth used by the segmentation</b> ({@link Segmenter2D}, option {@code split_dynamics} = k): max(k·σ_r, 0.4·C),
 * with σ_r the noise left after the denoising and deconvolution inside the pores
 * ({@link org.porophase.filter.NoiseEstimator#residualSigma}) and C the pore/solid contrast of the same image
 * ({@link #contrast}). Measured on ThinWallGrid's renderings (384², non-local means + Landweber): the largest dynamic of a
 * noise or structure minimum (Landweber ringing, Boolean necks included) was 7.6 σ_r (0.26–0.32 C) at SNR 5 and 14 σ_r
 * (0.23 C) at SNR 12 apart from the narrowest Boolean necks; pores merged through a blurred 2-px wall had 14–21 σ_r
 * (0.55–0.7 C). {@value org.porophase.segment.SegmentationOptions#RECOMMENDED_SPLIT_DYNAMICS} σ_r with the 0.4·C floor
 * separates them; the contrast floor keeps high-SNR images (σ_r small) from being cut at ringing minima.
 * <p>
 * <b>Bias.</b> A Boolean neck narrower than the blur looks like a merged wall and is cut too (a few per 384² image at
 * r = 10–25 px; the bundled Zeiss image 30 → 33 pores); each cut adds about twice its length to the perimeter and
 * removes its pixels from the pore area (porosity −0.01 … −0.03 points). Tangent (touching) pores keep a dark waist
 * below the saddle depth and are not cut (use the EDM watershed for those). Measured effects: README accuracy table.
 */
public final class DynamicsSplit {

    private DynamicsSplit() {
    }

    /**
     * Least dynamic of a split basin as a fraction of the phase contrast ({@link #contrast}): the Segmenter2D split
     * takes max(k·σ_r, this × C).
     */
    public static final double CONTRAST_FRACTION = 0.4;

    /**
     * Phase contrast of a thresholded grey image: |mean grey of the pore pixels − mean grey of the solid pixels|
     * (pixels flagged invalid left out); 0 when one phase is empty.
     *
     * @param invalid null or true = not counted
     */
    public static double contrast(float[] g, byte[] mask, boolean[] invalid) {
        double s1 = 0, s0 = 0;
        long n1 = 0, n0 = 0;
        for (int i = 0; i < g.length; i++) {
            if (invalid != null && invalid[i]) {
                continue;
            }
            if (mask[i] != 0) {
                s1 += g[i];
                n1++;
            } else {
                s0 += g[i];
                n0++;
            }
        }
        return n1 == 0 || n0 == 0 ? 0 : Math.abs(s1 / n1 - s0 / n0);
    }

    /** What a split did. */
    public record Result(int components, int componentsSplit, int piecesAdded, int pixelsCleared) {
    }

    /**
     * Splits merged pores in place.
     *
     * @param mask        w × h, row-major, non-zero = pore; split lines are set to 0
     * @param g           the grey image the mask was thresholded from (finite values), not modified
     * @param poresBright true when pores are the bright phase (then maxima are the basins)
     * @param minDynamic  a basin is a marker when its dynamic exceeds this (grey units, &gt; 0)
     */
    public static Result split(byte[] mask, float[] g, int w, int h, boolean poresBright, double minDynamic) {
        int n = w * h;
        if (mask.length != n || g.length != n) {
            throw new IllegalArgumentException("mask " + mask.length + " / image " + g.length + " pixels, expected " + w + "x" + h);
        }
        if (!(minDynamic > 0)) {
            throw new IllegalArgumentException("minimum dynamic must be > 0, got " + minDynamic);
        }
        int np = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                np++;
            }
        }
        if (np == 0) {
            return new Result(0, 0, 0, 0);
        }
        // heights: dark pores flood from their minima; bright pores from their maxima (negated)
        final float sign = poresBright ? -1f : 1f;
        long[] keys = new long[np];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                int b = Float.floatToRawIntBits(sign * g[i] + 0f);
                b ^= (b >> 31) & 0x7fffffff; // sign-magnitude → two's complement: int order = float order
                keys[k++] = ((long) b << 32) | i;
            }
        }
        Arrays.sort(keys);
        int[] order = new int[np];
        for (int j = 0; j < np; j++) {
            order[j] = (int) keys[j];
        }
        keys = null;

        int[] parent = new int[n];
        int[] seed = new int[n]; // at a root: the pixel of the region's minimum
        boolean[] marker = new boolean[n];
        final float thr = (float) minDynamic;
        // pass 1: dynamics
        Arrays.fill(parent, -1);
        for (int j = 0; j < np; j++) {
            int p = order[j];
            parent[p] = p;
            seed[p] = p;
            float v = sign * g[p];
            int rp = p;
            int y = p / w, x = p - y * w;
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= h) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    if ((dx == 0 && dy == 0) || xx < 0 || xx >= w) {
                        continue;
                    }
                    int q = yy * w + xx;
                    if (parent[q] < 0) {
                        continue;
                    }
                    int rq = find(parent, q);
                    if (rq == rp) {
                        continue;
                    }
                    int sp = seed[rp], sq = seed[rq];
                    // the younger region: the higher minimum (ties: the later pixel in the sort, the larger index)
                    float gp = sign * g[sp], gq = sign * g[sq];
                    boolean pYoung = gp > gq || (gp == gq && sp > sq);
                    int young = pYoung ? rp : rq, old = pYoung ? rq : rp;
                    if (v - sign * g[seed[young]] > thr) {
                        marker[seed[young]] = true;
                    }
                    parent[young] = old;
                    rp = old;
                }
            }
        }
        int components = 0;
        for (int j = 0; j < np; j++) {
            int p = order[j];
            if (parent[p] == p) {
                marker[seed[p]] = true;
                components++;
            }
        }
        // markers per component (counted at the component's root)
        int[] count = new int[n];
        int markers = 0, split = 0;
        for (int j = 0; j < np; j++) {
            int p = order[j];
            if (marker[p]) {
                markers++;
                if (++count[find(parent, p)] == 2) {
                    split++;
                }
            }
        }
        if (split == 0) {
            return new Result(components, 0, 0, 0);
        }
        // pass 2: marker-controlled flooding; label[root] = 1 + marker pixel, 0 = no marker yet
        int[] label = seed; // reuse
        Arrays.fill(parent, -1);
        for (int j = 0; j < np; j++) {
            int p = order[j];
            parent[p] = p;
            label[p] = marker[p] ? p + 1 : 0;
            int rp = p;
            int y = p / w, x = p - y * w;
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= h) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    if ((dx == 0 && dy == 0) || xx < 0 || xx >= w) {
                        continue;
                    }
                    int q = yy * w + xx;
                    if (parent[q] < 0) {
                        continue;
                    }
                    int rq = find(parent, q);
                    if (rq == rp) {
                        continue;
                    }
                    int lp = label[rp], lq = label[rq];
                    if (lp != 0 && lq != 0 && lp != lq) {
                        continue; // two marked basins meet: they stay apart
                    }
                    parent[rp] = rq;
                    label[rq] = lq != 0 ? lq : lp;
                    rp = rq;
                }
            }
        }
        // final basin of each pore pixel
        int[] lab = count; // reuse: every pore pixel is written, the others are 0 as needed
        Arrays.fill(lab, 0);
        for (int j = 0; j < np; j++) {
            int p = order[j];
            lab[p] = label[find(parent, p)];
        }
        // pass 3: of each 8-adjacent pair in different basins the higher pixel becomes solid (decided on the labels
        // before any clearing, so every such pair loses at least one pixel)
        boolean[] clear = marker; // reuse
        Arrays.fill(clear, false);
        int cleared = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int a = lab[p];
                if (a == 0) {
                    continue;
                }
                // forward half of the 8-neighbourhood: each pair once
                for (int t = 0; t < 4; t++) {
                    int xx = x + (t == 0 ? 1 : t - 2), yy = y + (t == 0 ? 0 : 1);
                    if (xx < 0 || xx >= w || yy >= h) {
                        continue;
                    }
                    int q = yy * w + xx;
                    int b = lab[q];
                    if (b == 0 || b == a) {
                        continue;
                    }
                    float gp = sign * g[p], gq = sign * g[q];
                    int c = gp > gq || (gp == gq && p > q) ? p : q;
                    if (!clear[c]) {
                        clear[c] = true;
                        cleared++;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (clear[i]) {
                mask[i] = 0;
            }
        }
        return new Result(components, split, markers - components, cleared);
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            int gp = parent[parent[p]];
            parent[p] = gp;
            p = gp;
        }
        return p;
    }
}
