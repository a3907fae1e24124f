package org.porophase.core;

/** {@link BlockSource} view of a slice-based {@link VolumeSource}: a box is copied out of whole slices. */
final class SliceBlockSource extends ForwardingVolumeSource implements BlockSource {
    SliceBlockSource(VolumeSource src) {
        super(src);
    }

    @Override
    public int[] chunkShape() {
        return new int[] {src.width(), src.height(), 1};
    }

    @Override
    public Object readBox(int x0, int y0, int z0, int w, int h, int d) {
        BlockSource.checkBox(src, x0, y0, z0, w, h, d);
        int sw = src.width();
        int n = w * h * d;
        Object out = switch (src.bitDepth()) {
            case 8 -> new byte[n];
            case 16 -> new short[n];
            default -> new float[n];
        };
        for (int z = 0; z < d; z++) {
            Object s = src.slice(z0 + z);
            for (int y = 0; y < h; y++) {
                System.arraycopy(s, (y0 + y) * sw + x0, out, (z * h + y) * w, w);
            }
        }
        return out;
    }

    /** Closes the wrapped source (this view owns it). */
    @Override
    public void close() {
        src.close();
    }
}
