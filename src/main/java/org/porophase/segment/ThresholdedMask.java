package org.porophase.segment;

import org.porophase.core.MaskSource;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * The streaming segmentation: gray slices → pore / solid / outside-ROI codes, slice by slice.
 * Outside the ROI: voxels outside the cylinder (when given) and NaN voxels (documented handling:
 * NaN = no data, excluded from every measure and counted in the report).
 */
public final class ThresholdedMask implements MaskSource {
    private final VolumeSource src;
    private final ThresholdRule rule;
    private final VoxelSize vs;
    private final boolean[] inside;

    /**
     * @param src    the (cropped, optionally filtered) gray volume
     * @param rule   pore rule
     * @param vs     voxel size in µm
     * @param inside field-of-view mask (w·h) or null
     */
    public ThresholdedMask(VolumeSource src, ThresholdRule rule, VoxelSize vs, boolean[] inside) {
        this.src = src;
        this.rule = rule;
        this.vs = vs;
        this.inside = inside;
    }

    /** The field-of-view mask of a cylinder in the coordinates of a crop box (null when no cylinder). */
    public static boolean[] fieldOfView(Cylinder c, CropBox box) {
        if (c == null) {
            return null;
        }
        boolean[] in = new boolean[box.w() * box.h()];
        for (int y = 0; y < box.h(); y++) {
            for (int x = 0; x < box.w(); x++) {
                in[y * box.w() + x] = c.inside(x + box.x0(), y + box.y0());
            }
        }
        return in;
    }

    /**
     * {@link #fieldOfView} that refuses a cylinder missing the analysed box entirely (every voxel would be
     * outside the region), naming the cylinder as the user wrote it ({@code name}) and the box.
     */
    public static boolean[] checkedFieldOfView(Cylinder c, CropBox box, String name) {
        boolean[] fov = fieldOfView(c, box);
        if (fov != null) {
            for (boolean b : fov) {
                if (b) {
                    return fov;
                }
            }
            throw new org.porophase.core.PoroPhaseException("the cylinder " + name + " does not overlap the analysed box " + box + "; check cx,cy,r");
        }
        return null;
    }

    @Override
    public int width() {
        return src.width();
    }

    @Override
    public int height() {
        return src.height();
    }

    @Override
    public int depth() {
        return src.depth();
    }

    @Override
    public VoxelSize voxelSize() {
        return vs;
    }

    @Override
    public byte[] slice(int z) {
        return codes(src.slice(z), src.width(), src.height(), rule, inside);
    }

    /**
     * The codes (pore / solid / outside) of a gray array of whole planes of w·h voxels ({@code byte[]},
     * {@code short[]} or {@code float[]}, x fastest), with the field-of-view mask {@code insideXY} (w·h, or
     * null) applied to every plane: the segmentation of one slice, or of a box read by the block-wise pipeline.
     */
    public static byte[] codes(Object s, int w, int h, ThresholdRule rule, boolean[] insideXY) {
        int plane = w * h;
        int n = java.lang.reflect.Array.getLength(s);
        byte[] out = new byte[n];
        boolean[] inside = insideXY;
        if (s instanceof byte[] b && !rule.labelMode()) {
            // fast path: lookup table of the 256 values
            byte[] lut = new byte[256];
            for (int v = 0; v < 256; v++) {
                lut[v] = rule.isPore(v) ? PORE : SOLID;
            }
            for (int o = 0; o < n; o += plane) {
                for (int j = 0, i = o; j < plane; j++, i++) {
                    out[i] = inside != null && !inside[j] ? OUTSIDE : lut[b[i] & 0xff];
                }
            }
            return out;
        }
        for (int o = 0; o < n; o += plane) {
            for (int j = 0, i = o; j < plane; j++, i++) {
                if (inside != null && !inside[j]) {
                    out[i] = OUTSIDE;
                    continue;
                }
                float v = s instanceof byte[] b ? b[i] & 0xff : s instanceof short[] sh ? sh[i] & 0xffff : ((float[]) s)[i];
                out[i] = v != v ? OUTSIDE : rule.isPore(v) ? PORE : SOLID;
            }
        }
        return out;
    }
}
