package org.porophase.segment;

import org.porophase.core.ForwardingVolumeSource;
import org.porophase.core.VolumeSource;

/** A sub-box of a volume, read on demand. */
public final class CroppedSource extends ForwardingVolumeSource {
    private final CropBox box;
    private final boolean whole;

    public CroppedSource(VolumeSource src, CropBox box) {
        super(src);
        this.box = box.validate(src.width(), src.height(), src.depth());
        this.whole = box.x0() == 0 && box.y0() == 0 && box.w() == src.width() && box.h() == src.height();
    }

    public CropBox box() {
        return box;
    }

    @Override
    public int width() {
        return box.w();
    }

    @Override
    public int height() {
        return box.h();
    }

    @Override
    public int depth() {
        return box.d();
    }




    @Override
    public String description() {
        return src.description() + " cropped to " + box;
    }

    @Override
    public Object slice(int z) {
        Object s = src.slice(z + box.z0());
        if (whole) {
            return s;
        }
        int sw = src.width();
        int w = box.w();
        int h = box.h();
        Object out = s instanceof byte[] ? new byte[w * h] : s instanceof short[] ? new short[w * h] : new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(s, (y + box.y0()) * sw + box.x0(), out, y * w, w);
        }
        return out;
    }
}
