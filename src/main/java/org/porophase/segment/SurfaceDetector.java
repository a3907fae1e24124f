package org.porophase.segment;

import java.util.Arrays;

import org.porophase.core.PoroPhaseException;

/**
 * Finds the sample's top and bottom surfaces along the profile axis from the solid fraction of each
 * plane: the bulk solid fraction is the median over the planes whose solid fraction is at least half
 * the largest one (the sample's planes, not the air around it); the sample spans from the first to
 * the last plane whose solid fraction reaches {@code fraction} × bulk.
 */
public final class SurfaceDetector {
    private SurfaceDetector() {
    }

    /**
     * @param porosity porosity per plane (NaN = no ROI voxel)
     * @param fraction fraction of the bulk solid fraction (e.g. 0.5)
     * @return {first, last} plane index (inclusive)
     */
    public static int[] detect(double[] porosity, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new PoroPhaseException("surface_fraction must be in (0, 1], got " + fraction);
        }
        double[] solid = new double[porosity.length];
        double mx = 0;
        for (int i = 0; i < solid.length; i++) {
            solid[i] = Double.isNaN(porosity[i]) ? 0 : 1 - porosity[i];
            mx = Math.max(mx, solid[i]);
        }
        if (mx <= 0) {
            throw new PoroPhaseException("cannot detect the sample's surfaces: no plane along the axis contains solid; check the threshold and pore phase");
        }
        double half = mx / 2;
        double[] bulk = Arrays.stream(solid).filter(v -> v >= half).sorted().toArray();
        double thr = fraction * bulk[bulk.length / 2];
        int a = 0;
        while (solid[a] < thr) {
            a++;
        }
        int b = solid.length - 1;
        while (solid[b] < thr) {
            b--;
        }
        return new int[] {a, b};
    }
}
