package org.porophase.segment;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.Slices;
import org.porophase.core.VolumeSource;

/**
 * A cylindrical region of interest with its axis along z (the rotation axis of an XCT scan): the
 * round field of view of the reconstruction. Voxels whose centre (x, y) lies farther than
 * {@code r} from ({@code cx}, {@code cy}) are outside the ROI and excluded from every measure.
 * Coordinates in voxels of the full volume.
 */
public record Cylinder(double cx, double cy, double r) implements java.io.Serializable {

    public boolean inside(int x, int y) {
        double dx = x - cx;
        double dy = y - cy;
        return dx * dx + dy * dy <= r * r;
    }

    /** Parses "cx,cy,r" (voxels). */
    public static Cylinder parse(String text) {
        String[] p = text.trim().split("\\s*,\\s*");
        try {
            if (p.length == 3) {
                Cylinder c = new Cylinder(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                if (c.r > 0) {
                    return c;
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new PoroPhaseException("cylinder '" + text + "' must be 'none', 'auto' or centre and radius 'cx,cy,r' in voxels (r > 0)");
    }

    /**
     * Detects the round field of view of a reconstruction: pixels whose value is the same as the
     * corner value in all of up to 16 evenly spaced slices are taken as outside (reconstructions fill
     * the outside of the field of view with a constant). The cylinder has the centroid of the inside
     * pixels as centre and the radius of a disk of the same area, minus one voxel (so the blurred rim
     * is excluded). If the four corners are not constant (no empty outside), the inscribed circle of
     * the slice is used.
     */
    public static Cylinder detect(VolumeSource src) {
        int w = src.width();
        int h = src.height();
        int d = src.depth();
        int ns = Math.min(16, d);
        boolean[] varies = new boolean[w * h];
        float c0 = Float.NaN;
        boolean cornersConstant = true;
        for (int k = 0; k < ns; k++) {
            int z = (int) ((long) k * (d - 1) / Math.max(1, ns - 1));
            Object s = src.slice(z);
            float corner = Slices.get(s, 0);
            if (k == 0) {
                c0 = corner;
            }
            int[] cs = {0, w - 1, (h - 1) * w, h * w - 1};
            for (int i : cs) {
                if (Slices.get(s, i) != c0) {
                    cornersConstant = false;
                }
            }
            for (int i = 0; i < w * h; i++) {
                if (Slices.get(s, i) != c0) {
                    varies[i] = true;
                }
            }
        }
        if (!cornersConstant) {
            return new Cylinder((w - 1) / 2.0, (h - 1) / 2.0, Math.min(w, h) / 2.0);
        }
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (varies[y * w + x]) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new PoroPhaseException("cannot detect the cylindrical field of view in " + src.description()
                    + ": the sampled slices are constant; give the cylinder as cx,cy,r or use none");
        }
        double r = Math.sqrt(n / Math.PI) - 1;
        return new Cylinder(sx / n, sy / n, Math.max(1, r));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.2f,%.2f,%.2f", cx, cy, r);
    }
}
