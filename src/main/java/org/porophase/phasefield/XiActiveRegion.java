package org.porophase.phasefield;

/**
 * The open cells on which the semi-implicit ξ step ({@link AllenCahnStep}) is solved: the Li front
 * band of ξⁿ ({@link FrontConservation#inBand}: 10⁻³ &lt; ξ &lt; 1 − 10⁻³) grown by
 * {@link FrontConservation#DILATION} + {@code margin} face layers through open cells. Every other
 * open cell keeps ξⁿ during the solve (a Dirichlet value for the stencil).
 *
 * <p><b>Why this is the same step.</b> {@link FrontConservation} discards the predictor ξ* on every
 * open cell outside the band of ξⁿ or ξ* grown by DILATION layers (those cells are set to ξⁿ + RΔt).
 * What the restriction changes is only the influence of those discarded cells on the kept ones through
 * the implicit operator (1/Δt + S) − L_σκ_max∇², whose Green's function decays as exp(−r/ℓ_G),
 * ℓ_G = √(L_σκ_max/(1/Δt + S)) (0.21 µm = 1.3 cells for the 5 µm case at Δt = 1 s). The margin is
 * {@link #MARGIN_LENGTHS} ℓ_G (at least 2 cells); a fixed cell differs from the full solve's value by at
 * most about twice its distance from 0 or 1 (&lt; 10⁻³ · e^{−(DILATION + margin)dx/ℓ}, ℓ the logistic
 * length of the profile), so a kept cell moves by less than that times e^{−MARGIN_LENGTHS}
 * (measured on the paper's 5 µm case: every metric within 10⁻⁶ relative, see docs/phasefield-engine.md).
 * If ξ* comes out in the band on one of the outermost DILATION + 1 layers (a front moved faster than the
 * margin), the step is solved again on all open cells ({@link #touchesBoundary}), so no band cell of ξ* is
 * ever missed and every front of the projection lies in the region.
 *
 * <p>Cost: one pass over the open cells (band test and collection in index order) and a face-layer
 * flood of the band; the region is kept in ascending index order (contiguous rows for the stencil).
 */
final class XiActiveRegion {
    /** Margin beyond the front-conservation dilation, in Green's-function lengths ℓ_G. */
    static final double MARGIN_LENGTHS = 4;

    private final Grid gr;
    /** Layer of each open cell at the last build: 0 band, 1.. grown layers, {@link #OUTSIDE} outside. */
    private final byte[] layer;
    private final int[] queue;
    /** The region, ascending; valid for [0, size). */
    private int[] cells;
    private int size;
    private int layers;
    private static final byte OUTSIDE = -1;

    XiActiveRegion(Grid gr) {
        this.gr = gr;
        layer = new byte[gr.n];
        java.util.Arrays.fill(layer, OUTSIDE);
        queue = new int[gr.openIdx.length];
        cells = new int[0];
    }

    /** Face layers grown around the band for a Green's-function length ℓ_G (µm). */
    int layersFor(double greenLengthUm) {
        int margin = (int) Math.ceil(MARGIN_LENGTHS * greenLengthUm / gr.dx);
        return Math.min(120, FrontConservation.DILATION + Math.max(2, margin));
    }

    /**
     * Builds the region from ξⁿ with {@code grow} face layers around the band.
     *
     * @return the region's cells (ascending, exactly {@link #size()} long)
     */
    int[] build(double[] x, int grow) {
        final int[] open = gr.openIdx;
        final byte[] lay = layer;
        final int[] q = queue;
        int nq = 0;
        for (int i : open) {
            if (FrontConservation.inBand(x[i])) {
                lay[i] = 0;
                q[nq++] = i;
            } else {
                lay[i] = OUTSIDE;
            }
        }
        int from = 0;
        for (int l = 1; l <= grow; l++) {
            int to = nq;
            for (int k = from; k < to; k++) {
                nq = grow(q[k], (byte) l, q, nq);
            }
            from = to;
        }
        layers = grow;
        if (nq == open.length) {
            size = nq;
            return open;
        }
        if (cells.length != nq) {
            cells = new int[nq];
        }
        int s = 0;
        for (int i : open) {
            if (lay[i] != OUTSIDE) {
                cells[s++] = i;
            }
        }
        size = s;
        return cells;
    }

    int size() {
        return size;
    }

    /**
     * Whether the last region holds every front of the step when {@link #touchesBoundary} is false: more
     * than {@link FrontConservation#DILATION} layers grown (true for every region {@link #layersFor} gives).
     */
    boolean holdsFronts() {
        return layers > FrontConservation.DILATION;
    }

    /**
     * True if a cell of the outer layers has ξ* in the front band (the region was too narrow): of the
     * outermost {@link FrontConservation#DILATION} + 1 layers (the outermost one when fewer are grown), so
     * that the fronts {@link FrontConservation} forms, the band of ξⁿ or ξ* grown by DILATION layers, lie
     * inside the region whenever this is false ({@link #holdsFronts}).
     */
    boolean touchesBoundary(double[] xs, int[] region) {
        if (region == gr.openIdx) {
            return false;
        }
        final int outer = Math.max(1, layers - FrontConservation.DILATION);
        for (int i : region) {
            if (layer[i] >= outer && FrontConservation.inBand(xs[i])) {
                return true;
            }
        }
        return false;
    }

    private int grow(int i, byte l, int[] q, int nq) {
        final int nx = gr.nx;
        final int plane = gr.plane;
        final boolean[] open = gr.g.open;
        final byte[] lay = layer;
        int z = i / plane;
        int xy = i - z * plane;
        int y = xy / nx;
        int x = xy - y * nx;
        int j;
        if (x > 0 && open[j = i - 1] && lay[j] == OUTSIDE) { lay[j] = l; q[nq++] = j; }
        if (x < nx - 1 && open[j = i + 1] && lay[j] == OUTSIDE) { lay[j] = l; q[nq++] = j; }
        if (y > 0 && open[j = i - nx] && lay[j] == OUTSIDE) { lay[j] = l; q[nq++] = j; }
        if (y < gr.ny - 1 && open[j = i + nx] && lay[j] == OUTSIDE) { lay[j] = l; q[nq++] = j; }
        if (z > 0 && open[j = i - plane] && lay[j] == OUTSIDE) { lay[j] = l; q[nq++] = j; }
        if (z < gr.nz - 1 && open[j = i + plane] && lay[j] == OUTSIDE) { lay[j] = l; q[nq++] = j; }
        return nq;
    }
}
