package org.porophase.phasefield;

import java.util.Arrays;

/**
 * Volume conservation of the capillary part of eq. 9 <b>per front</b> (one Lagrange multiplier per
 * meniscus; after Rubinstein &amp; Sternberg 1992, applied locally): Li moves along one meniscus by
 * capillarity but never between separate menisci (pores), and Li metal is created or removed only by
 * the reaction R.
 *
 * <p><b>Fronts.</b> The band is the set of open cells with 10⁻³ &lt; ξ &lt; 1 − 10⁻³. A front k is a
 * face-connected component of the cells in the band before (ξⁿ) or after (ξ*, the Allen–Cahn
 * predictor) the step, so a front can advance into and recede from its neighbourhood, grown by
 * {@link #DILATION} face layers (so a cell just outside the band, e.g. an overshoot beyond 0 or 1,
 * relaxes with its front). Every other open cell keeps its Li: ξ = ξⁿ + R·Δt (the far tails of the
 * profiles, bulk Li and vacuum do not take part in capillary transport, so no Li can leak between
 * fronts through them). Two bands closer than 2·DILATION + 1 cells are one front.
 *
 * <p><b>Correction.</b> On front k, ξ = ξ* + λ_k h'(ξ*) on its cells with ξ* in the band, with
 * λ_k = [Σ_k (ξⁿ + R Δt) − Σ_k ξ*] / Σ_k h'(ξ*), so Σ_k ξ changes by exactly Σ_k R·Δt (to round-off)
 * and the global Faraday balance nFC_m Δ∫ξ dV = ∫I dt holds to round-off. Cost per step: one pass over
 * the open cells and a breadth-first search over the band cells with an int queue (no boxing).
 */
final class FrontConservation {
    /** Band limits of ξ*. */
    static final double BAND_LO = 1e-3;
    static final double BAND_HI = 1 - 1e-3;
    /** Face layers around the band that move with their front. */
    static final int DILATION = 2;
    private static final int MARKED = -2;

    private final Grid gr;
    /** Front label per cell (−1: none). */
    private final int[] label;
    private final int[] queue;
    /** The cells marked in steps 1–2, in marking order: where step 3 looks for the seeds of the fronts. */
    private final int[] marked;
    private double[] target = new double[16];
    private double[] weight = new double[16];
    private double[] current = new double[16];
    /** Fronts found at the last call. */
    int components;
    /**
     * Direction of the correction instead of h'(ξ*), or null: the linearized ξ step ({@link AllenCahnStep}) sets
     * M⁻¹h'(ξⁿ), M its operator, so that the Lagrange multiplier acts through the same implicit operator as the
     * capillary force (an h' correction would undo a translation of the front that M leaves undamped).
     */
    double[] direction;
    /** Cells marked by the last call (the first entries of {@link #marked}). */
    private int lastMarked;

    FrontConservation(Grid gr) {
        this.gr = gr;
        label = new int[gr.n];
        Arrays.fill(label, -1);
        queue = new int[gr.openIdx.length];
        marked = new int[gr.openIdx.length];
    }

    /**
     * Replaces {@code xs} (ξ*, on the open cells) by the conserved ξ, given ξⁿ and the reaction rate R
     * (per s, same cells) of the step.
     *
     * @return the number of fronts
     */
    int project(double[] xn, double[] xs, double[] r, double dt) {
        return project(xn, xs, r, dt, gr.openIdx, null);
    }

    /**
     * {@link #project(double[], double[], double[], double)} when ξ* was solved on {@code region} only
     * (ascending open cells, {@link XiActiveRegion}: it holds every band cell of ξⁿ grown by more than
     * {@link #DILATION} layers, and ξ* = ξⁿ on every other open cell). Then every front lies in the region and
     * the passes run over the region and the reacting cells {@code react} (where R may be non-zero) only:
     * the same numbers as the pass over all open cells (the sums run over the same cells in the same order).
     * {@code region} = {@link Grid#openIdx} (with {@code react} null) is the plain pass.
     */
    int project(double[] xn, double[] xs, double[] r, double dt, int[] region, int[] react) {
        final int[] open = region;
        final int[] lab = label;
        final int[] q = queue;
        final int[] mk = marked;
        // the labels of the last call outside this region go back to −1 (they were all set by the last call's
        // marking, so resetting its marked cells is enough)
        for (int k = 0; k < lastMarked; k++) {
            lab[mk[k]] = -1;
        }
        // 1. the band cells (before or after the step), marked −2; every other open cell −1
        int nf = markBand(open, xn, xs);
        // 2. grown by DILATION face layers through open cells: the cells next to the band (an overshoot
        // beyond 0 or 1 just outside it) relax with their front instead of being frozen
        int from = 0;
        for (int layer = 0; layer < DILATION; layer++) {
            int to = nf;
            for (int k = from; k < to; k++) {
                nf = mark(mk[k], mk, nf);
            }
            from = to;
        }
        // 3. fronts: face-connected components of the marked cells, seeded from the marked list (the
        // numbering of the fronts does not enter any sum: each λ_k is summed over its cells in cell order below)
        int nc = 0;
        int qt = 0;
        for (int m = 0; m < nf; m++) {
            int s = mk[m];
            if (lab[s] != MARKED) {
                continue;
            }
            lab[s] = nc;
            int head = qt;
            q[qt++] = s;
            while (head < qt) {
                qt = visit(q[head++], nc, q, qt);
            }
            nc++;
        }
        components = nc;
        lastMarked = nf;
        if (target.length < nc) {
            int m = Math.max(nc, 2 * target.length);
            target = new double[m];
            weight = new double[m];
            current = new double[m];
        }
        Arrays.fill(target, 0, nc, 0);
        Arrays.fill(weight, 0, nc, 0);
        Arrays.fill(current, 0, nc, 0);
        sums(open, xn, xs, r, dt);
        if (react != null) {
            // outside the region ξ* = ξⁿ: only where R is non-zero does ξ = ξⁿ + R·Δt differ from it
            for (int i : react) {
                if (lab[i] < 0) {
                    xs[i] = xn[i] + dt * r[i];
                }
            }
        }
        for (int k = 0; k < nc; k++) {
            target[k] = weight[k] > 0 ? (target[k] - current[k]) / weight[k] : Double.NaN; // λ_k
        }
        for (int k = 0; k < qt; k++) {
            int i = q[k];
            double lambda = target[lab[i]];
            if (Double.isNaN(lambda)) {
                xs[i] = xn[i] + dt * r[i]; // a front with no band cell left after the step keeps its Li
            } else if (direction != null) {
                xs[i] += lambda * direction[i];
            } else if (inBand(xs[i])) {
                xs[i] += lambda * Grid.hp(xs[i]);
            }
        }
        return nc;
    }

    /**
     * Step 1 of {@link #project}: marks the cells with ξⁿ or ξ* in the band, in order; returns their number.
     * (The passes are methods of their own: small methods are compiled early and whole by the JIT.)
     */
    private int markBand(int[] open, double[] xn, double[] xs) {
        final int[] lab = label;
        final int[] mk = marked;
        int nf = 0;
        for (int i : open) {
            if (active(xn[i], xs[i])) {
                lab[i] = MARKED;
                mk[nf++] = i;
            } else {
                lab[i] = -1;
            }
        }
        return nf;
    }

    /** Per front: target Σ(ξⁿ + RΔt), current Σξ*, weight Σh'(ξ*) over the band (Σq over the front with a {@link #direction}); ξ = ξⁿ + RΔt off the fronts. */
    private void sums(int[] open, double[] xn, double[] xs, double[] r, double dt) {
        final int[] lab = label;
        final double[] tg = target;
        final double[] cu = current;
        final double[] wt = weight;
        final double[] dir = direction;
        for (int i : open) {
            int k = lab[i];
            if (k < 0) {
                xs[i] = xn[i] + dt * r[i];
                continue;
            }
            tg[k] += xn[i] + dt * r[i];
            cu[k] += xs[i];
            if (dir != null) {
                wt[k] += dir[i]; // every cell of the front: ξ* + λq is the constrained linear step
            } else if (inBand(xs[i])) {
                wt[k] += Grid.hp(xs[i]);
            }
        }
    }

    /** Front label of cell i at the last call (−1: no front). */
    int labelOf(int i) {
        return label[i];
    }

    static boolean inBand(double v) {
        return v > BAND_LO && v < BAND_HI;
    }

    private static boolean active(double before, double after) {
        return inBand(before) || inBand(after);
    }

    /** Marks the unmarked open face neighbours of i and appends them to q. */
    private int mark(int i, int[] q, int qt) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        final boolean[] open = gr.g.open;
        final int[] lab = label;
        int z = i / plane;
        int xy = i - z * plane;
        int y = xy / nx;
        int x = xy - y * nx;
        int j;
        if (x > 0 && open[j = i - 1] && lab[j] == -1) { lab[j] = MARKED; q[qt++] = j; }
        if (x < nx - 1 && open[j = i + 1] && lab[j] == -1) { lab[j] = MARKED; q[qt++] = j; }
        if (y > 0 && open[j = i - nx] && lab[j] == -1) { lab[j] = MARKED; q[qt++] = j; }
        if (y < gr.ny - 1 && open[j = i + nx] && lab[j] == -1) { lab[j] = MARKED; q[qt++] = j; }
        if (z > 0 && open[j = i - plane] && lab[j] == -1) { lab[j] = MARKED; q[qt++] = j; }
        if (z < gr.nz - 1 && open[j = i + plane] && lab[j] == -1) { lab[j] = MARKED; q[qt++] = j; }
        return qt;
    }

    /** Labels the marked face neighbours of i with k. */
    private int visit(int i, int k, int[] q, int qt) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        final int[] lab = label;
        int z = i / plane;
        int xy = i - z * plane;
        int y = xy / nx;
        int x = xy - y * nx;
        int j;
        if (x > 0 && lab[j = i - 1] == MARKED) { lab[j] = k; q[qt++] = j; }
        if (x < nx - 1 && lab[j = i + 1] == MARKED) { lab[j] = k; q[qt++] = j; }
        if (y > 0 && lab[j = i - nx] == MARKED) { lab[j] = k; q[qt++] = j; }
        if (y < gr.ny - 1 && lab[j = i + nx] == MARKED) { lab[j] = k; q[qt++] = j; }
        if (z > 0 && lab[j = i - plane] == MARKED) { lab[j] = k; q[qt++] = j; }
        if (z < gr.nz - 1 && lab[j = i + plane] == MARKED) { lab[j] = k; q[qt++] = j; }
        return qt;
    }
}
