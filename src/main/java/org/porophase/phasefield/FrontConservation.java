package org.porophase.phasefield;

import java.util.Arrays;

/**
 * Volume conservation of the capillary part of eq. 9 <b>per front</b> (one Lagrange multiplier per
 * meniscus; after Rubinstein &amp; Sternberg 1992, applied locally): Li moves along one meniscus by
 * capillarity but never between separate menisci (pores), and Li metal is created or removed only by
 * the reaction R.
 *
 * <p><b>Fronts.</b> The band is the set of open cells with 10⁻³ &lt; ξ* &lt; 1 − 10⁻³ (ξ* the
 * Allen–Cahn predictor); a front k is a face-connected component of the band. Every other open cell
 * joins the front it is nearest to through open cells (multi-source breadth-first search from the
 * band, face steps), so the tails of the profiles and the bulk Li keep their Li too. Open cells of a
 * region with no band at all (bulk Li or vacuum only) get no capillary change: ξ = ξⁿ + R·Δt.
 *
 * <p><b>Correction.</b> On front k, ξ = ξ* + λ_k h'(ξ*) on its band cells with
 * λ_k = [Σ_k (ξⁿ + R Δt) − Σ_k ξ*] / Σ_k h'(ξ*), so Σ_k ξ changes by exactly Σ_k R·Δt (to round-off)
 * and the global Faraday balance nFC_m Δ∫ξ dV = ∫I dt holds to round-off. Cost per step: two
 * breadth-first passes over the open cells with an int queue (no boxing).
 */
final class FrontConservation {
    /** Band limits of ξ*. */
    static final double BAND_LO = 1e-3;
    static final double BAND_HI = 1 - 1e-3;

    private final Grid gr;
    /** Front label per cell (−1: none). */
    private final int[] label;
    private final int[] queue;
    private double[] target = new double[16];
    private double[] weight = new double[16];
    private double[] current = new double[16];
    /** Fronts found at the last call. */
    int components;

    FrontConservation(Grid gr) {
        this.gr = gr;
        label = new int[gr.n];
        queue = new int[gr.openIdx.length];
    }

    /**
     * Replaces {@code xs} (ξ*, on the open cells) by the conserved ξ, given ξⁿ and the reaction rate R
     * (per s, same cells) of the step.
     *
     * @return the number of fronts
     */
    int project(double[] xn, double[] xs, double[] r, double dt) {
        final int[] open = gr.openIdx;
        final int[] lab = label;
        final int[] q = queue;
        for (int i : open) {
            lab[i] = -1;
        }
        // 1. components of the band (face connectivity through band cells)
        int nc = 0;
        int qt = 0;
        for (int s : open) {
            if (lab[s] != -1 || !inBand(xs[s])) {
                continue;
            }
            lab[s] = nc;
            int head = qt;
            q[qt++] = s;
            while (head < qt) {
                int i = q[head++];
                qt = visit(i, nc, xs, true, q, qt);
            }
            nc++;
        }
        // 2. the other open cells join the nearest front (BFS from all band cells in queue order)
        for (int head = 0; head < qt; head++) {
            int i = q[head];
            qt = visit(i, lab[i], xs, false, q, qt);
        }
        components = nc;
        if (nc == 0) {
            for (int i : open) {
                xs[i] = xn[i] + dt * r[i];
            }
            return 0;
        }
        if (target.length < nc) {
            int m = Math.max(nc, 2 * target.length);
            target = new double[m];
            weight = new double[m];
            current = new double[m];
        }
        Arrays.fill(target, 0, nc, 0);
        Arrays.fill(weight, 0, nc, 0);
        Arrays.fill(current, 0, nc, 0);
        for (int i : open) {
            int k = lab[i];
            if (k < 0) {
                xs[i] = xn[i] + dt * r[i];
                continue;
            }
            target[k] += xn[i] + dt * r[i];
            current[k] += xs[i];
            if (inBand(xs[i])) {
                weight[k] += Grid.hp(xs[i]);
            }
        }
        for (int k = 0; k < nc; k++) {
            target[k] = (target[k] - current[k]) / weight[k]; // λ_k
        }
        for (int i : open) {
            int k = lab[i];
            if (k >= 0 && inBand(xs[i])) {
                xs[i] += target[k] * Grid.hp(xs[i]);
            }
        }
        return nc;
    }

    /** Front label of cell i at the last call (−1: no front). */
    int labelOf(int i) {
        return label[i];
    }

    static boolean inBand(double v) {
        return v > BAND_LO && v < BAND_HI;
    }

    /** Labels the unlabelled open face neighbours of i (band cells only if {@code band}, else any) with k. */
    private int visit(int i, int k, double[] xs, boolean band, int[] q, int qt) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        final boolean[] open = gr.g.open;
        final int[] lab = label;
        int z = i / plane;
        int xy = i - z * plane;
        int y = xy / nx;
        int x = xy - y * nx;
        int j;
        if (x > 0 && open[j = i - 1] && lab[j] == -1 && (!band || inBand(xs[j]))) { lab[j] = k; q[qt++] = j; }
        if (x < nx - 1 && open[j = i + 1] && lab[j] == -1 && (!band || inBand(xs[j]))) { lab[j] = k; q[qt++] = j; }
        if (y > 0 && open[j = i - nx] && lab[j] == -1 && (!band || inBand(xs[j]))) { lab[j] = k; q[qt++] = j; }
        if (y < gr.ny - 1 && open[j = i + nx] && lab[j] == -1 && (!band || inBand(xs[j]))) { lab[j] = k; q[qt++] = j; }
        if (z > 0 && open[j = i - plane] && lab[j] == -1 && (!band || inBand(xs[j]))) { lab[j] = k; q[qt++] = j; }
        if (z < gr.nz - 1 && open[j = i + plane] && lab[j] == -1 && (!band || inBand(xs[j]))) { lab[j] = k; q[qt++] = j; }
        return qt;
    }
}
