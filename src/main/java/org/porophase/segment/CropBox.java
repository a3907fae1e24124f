package org.porophase.segment;

import org.porophase.core.PoroPhaseException;

/** An axis-aligned box of voxels [x0, x0+w) × [y0, y0+h) × [z0, z0+d). */
public record CropBox(int x0, int y0, int z0, int w, int h, int d) implements java.io.Serializable {

    /** The whole volume. */
    public static CropBox all(int w, int h, int d) {
        return new CropBox(0, 0, 0, w, h, d);
    }

    /** Parses "x0,y0,z0,w,h,d" (voxels); null/blank = the whole volume. Validated against the volume size. */
    public static CropBox parse(String text, int vw, int vh, int vd) {
        if (text == null || text.isBlank()) {
            return all(vw, vh, vd);
        }
        String[] p = text.trim().split("\\s*,\\s*");
        if (p.length != 6) {
            throw new PoroPhaseException("crop box '" + text + "' must be six integers x0,y0,z0,width,height,depth (voxels)");
        }
        int[] v = new int[6];
        try {
            for (int i = 0; i < 6; i++) {
                v[i] = Integer.parseInt(p[i]);
            }
        } catch (NumberFormatException e) {
            throw new PoroPhaseException("crop box '" + text + "' must be six integers x0,y0,z0,width,height,depth (voxels)");
        }
        return new CropBox(v[0], v[1], v[2], v[3], v[4], v[5]).validate(vw, vh, vd);
    }

    /** Checks the box lies inside a volume of the given size. */
    public CropBox validate(int vw, int vh, int vd) {
        if (x0 < 0 || y0 < 0 || z0 < 0 || w <= 0 || h <= 0 || d <= 0 || x0 + w > vw || y0 + h > vh || z0 + d > vd) {
            throw new PoroPhaseException("crop box " + this + " is not inside the " + vw + "×" + vh + "×" + vd
                    + " volume (x0,y0,z0 ≥ 0, sizes ≥ 1, x0+width ≤ " + vw + ", y0+height ≤ " + vh + ", z0+depth ≤ " + vd + ")");
        }
        return this;
    }

    /** This box restricted along {@code axis} (0 x, 1 y, 2 z) to [from, to] (inclusive, relative to this box). */
    public CropBox restrict(int axis, int from, int to) {
        int n = to - from + 1;
        return switch (axis) {
            case 0 -> new CropBox(x0 + from, y0, z0, n, h, d);
            case 1 -> new CropBox(x0, y0 + from, z0, w, n, d);
            default -> new CropBox(x0, y0, z0 + from, w, h, n);
        };
    }

    public long voxels() {
        return (long) w * h * d;
    }

    @Override
    public String toString() {
        return x0 + "," + y0 + "," + z0 + "," + w + "," + h + "," + d;
    }
}
