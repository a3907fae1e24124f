package org.porophase.phasefield;

import org.porophase.binary.PoreLabeling;

/**
 * Electronic connection e ∈ {0, 1} of the Li to the current collector (the z = 0 face, the Li side),
 * the factor e of the reaction of eq. 9 in this implementation: Li that has lost its electronic path
 * (dead Li) cannot exchange electrons and does not react.
 *
 * <p>The Li body is the open cells with ξ ≥ ½; the connected body is the part of it face-connected,
 * through body cells, to a body cell of the z = 0 layer. e = 1 on the connected body and on its
 * diffuse rim (the open cells with 10⁻³ &lt; ξ &lt; ½ face-connected to it through such cells: the
 * vacuum side of its fronts), 0 elsewhere. (The issue-11 contract's rim is one face layer; that cuts a
 * resolution-dependent share of the front's reaction weight ∫h'(ξ), so the whole diffuse side is taken.)
 * Dead Li = body cells not connected; {@link #deadLiVolume} = Σ ξ·dV over them (µm³). Recomputed
 * from ξⁿ at every step: two breadth-first floods ({@link PoreLabeling#flood}) sharing one int queue,
 * skipped when neither mask changed ({@link #update}).
 */
final class LiConnectivity {
    private final Grid gr;
    /** e per cell. */
    final boolean[] connected;
    private final int[] queue;
    /** Per-step masks of the body (ξ ≥ ½) and rim cells, for the two floods. */
    private final boolean[] bodyMask;
    private final boolean[] rimMask;
    private double deadVolume;
    /** False until the first flood; whether any body cell was dead at the last flood; floods done. */
    private boolean valid;
    private boolean anyDead;
    long floods;

    LiConnectivity(Grid gr) {
        this.gr = gr;
        connected = new boolean[gr.n];
        queue = new int[gr.openIdx.length + 1];
        bodyMask = new boolean[gr.n];
        rimMask = new boolean[gr.n];
    }

    /**
     * Recomputes e from ξ. e is a function of the two masks (body ξ ≥ ½, rim 10⁻³ &lt; ξ &lt; ½) alone,
     * so when no open cell changed mask since the last update the floods are skipped: e is then
     * identical by construction (exact, not an approximation; most steps of a slow front).
     */
    void update(double[] xi) {
        update(xi, gr.openIdx, gr.openIdx.length, null);
    }

    /**
     * {@link #update(double[])} when ξ can have changed since the last update only on the cells of
     * {@code cells[0 .. count)} and {@code more} (null: none), e.g. the last step's ξ region and its reacting
     * cells: the mask test then reads those cells only (the same e).
     */
    void update(double[] xi, int[] cells, int count, int[] more) {
        final boolean[] e = connected;
        final boolean[] open = gr.g.open;
        final int plane = gr.plane;
        final boolean[] body = bodyMask;
        final boolean[] rimM = rimMask;
        boolean changed = !valid;
        if (changed) {
            cells = gr.openIdx;
            count = cells.length;
            more = null;
        }
        changed |= maskChanged(xi, cells, count);
        if (more != null) {
            changed |= maskChanged(xi, more, more.length);
        }
        if (changed) {
            for (int i : gr.openIdx) {
                e[i] = false;
            }
            int qt = 0;
            for (int i = 0; i < plane; i++) {
                if (open[i] && xi[i] >= 0.5) {
                    e[i] = true;
                    queue[qt++] = i;
                }
            }
            // the Li body (ξ ≥ ½) face-connected to the collector face
            qt = PoreLabeling.flood(bodyMask, e, queue, qt, gr.nx, gr.ny, gr.nz, 6);
            // the diffuse rim: the front's ξ < ½ side attached to the connected body, i.e. the open cells with
            // 10⁻³ < ξ < ½ reached from it through such cells (a fixed one-cell rim would cut a
            // resolution-dependent part of ∫h'(ξ): 1 cell is 0.4ℓ at 10 cells per interface, 1.3ℓ at 4)
            PoreLabeling.flood(rimMask, e, queue, qt, gr.nx, gr.ny, gr.nz, 6);
            valid = true;
            floods++;
            int deadCells = 0;
            for (int i : gr.openIdx) {
                if (body[i] && !e[i]) {
                    deadCells++;
                }
            }
            anyDead = deadCells > 0;
        }
        double dead = 0;
        if (anyDead) {
            for (int i : gr.openIdx) {
                if (body[i] && !e[i]) {
                    dead += xi[i];
                }
            }
        }
        deadVolume = dead * gr.cellVolume();
    }

    /** Updates the two masks on the cells; true if one changed. */
    private boolean maskChanged(double[] xi, int[] cells, int count) {
        final boolean[] body = bodyMask;
        final boolean[] rimM = rimMask;
        boolean changed = false;
        for (int k = 0; k < count; k++) {
            int i = cells[k];
            double v = xi[i];
            boolean b = v >= 0.5;
            boolean r = rim(v);
            if (b != body[i] || r != rimM[i]) {
                changed = true;
                body[i] = b;
                rimM[i] = r;
            }
        }
        return changed;
    }

    private static boolean rim(double v) {
        return v > FrontConservation.BAND_LO && v < 0.5;
    }

    /** Σ ξ·dV over the Li body cells (ξ ≥ ½) not connected to the collector at the last update, µm³. */
    double deadLiVolume() {
        return deadVolume;
    }
}
