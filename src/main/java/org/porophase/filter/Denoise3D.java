package org.porophase.filter;

import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.Slices;
import org.porophase.core.ForwardingVolumeSource;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * 3D denoising as a streaming filter: each output slice is computed from the neighbouring input
 * slices (a small cache of converted slices keeps sequential access cheap; memory is a few slices).
 * <ul>
 * <li>median: 3×3×3 median (radius 1), borders replicated; 8/16-bit stay 8/16-bit;</li>
 * <li>gaussian: separable Gaussian, σ given in µm (converted per axis with the voxel size, so
 * anisotropic voxels get the same physical blur), kernel truncated at 3σ, borders replicated;
 * output 32-bit.</li>
 * </ul>
 * NaN voxels propagate (median: NaN sorts last; Gaussian: NaN spreads), so they stay excluded.
 */
public final class Denoise3D extends ForwardingVolumeSource {
    /** Filter kind. */
    public enum Mode { NONE, MEDIAN, GAUSSIAN }

    private final Mode mode;
    private final int rz;
    private final float[] kx;
    private final float[] ky;
    private final float[] kz;
    private final Map<Integer, float[]> cache;
    private final int cacheSize;

    /**
     * @param sigmaUm Gaussian σ in µm (GAUSSIAN only)
     * @param vs      voxel size (GAUSSIAN only)
     */
    public Denoise3D(VolumeSource src, Mode mode, double sigmaUm, VoxelSize vs) {
        super(src);
        this.mode = mode;
        if (mode == Mode.GAUSSIAN) {
            if (!(sigmaUm > 0)) {
                throw new PoroPhaseException("Gaussian σ must be > 0 µm, got " + sigmaUm);
            }
            kx = kernel(sigmaUm / vs.x());
            ky = kernel(sigmaUm / vs.y());
            kz = kernel(sigmaUm / vs.z());
            rz = kz.length / 2;
        } else {
            kx = ky = kz = null;
            rz = 1;
        }
        cacheSize = 2 * rz + 1 + 2 * Runtime.getRuntime().availableProcessors() + 2;
        cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Frees the converted input slices, then the wrapped source's cache ({@link VolumeSource#releaseCache}). */
    @Override
    public void releaseCache() {
        synchronized (cache) {
            cache.clear();
        }
        super.releaseCache();
    }

    /** Kernel truncated at 3σ (accuracy e^−4.5 in {@link Gaussian#kernel}). */
    private static float[] kernel(double sigma) {
        return Gaussian.kernel(sigma, Math.exp(-4.5));
    }

    private float[] input(int z) {
        z = Math.max(0, Math.min(src.depth() - 1, z));
        synchronized (cache) {
            float[] f = cache.get(z);
            if (f != null) {
                return f;
            }
        }
        float[] f = Slices.toFloat(src.slice(z), null);
        synchronized (cache) {
            cache.put(z, f);
            while (cache.size() > cacheSize) {
                Integer first = cache.keySet().iterator().next();
                cache.remove(first);
            }
        }
        return f;
    }

    @Override
    public Object slice(int z) {
        if (mode == Mode.NONE) {
            return src.slice(z);
        }
        return mode == Mode.MEDIAN ? median(z) : gaussian(z);
    }

    private Object median(int z) {
        int w = src.width();
        int h = src.height();
        float[] a = input(z - 1);
        float[] b = input(z);
        float[] c = input(z + 1);
        float[][] pl = {a, b, c};
        float[] out = new float[w * h];
        float[] win = new float[27];
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - 1) * w;
            int y1 = y * w;
            int y2 = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - 1);
                int x2 = Math.min(w - 1, x + 1);
                int k = 0;
                for (float[] p : pl) {
                    win[k++] = p[y0 + x0];
                    win[k++] = p[y0 + x];
                    win[k++] = p[y0 + x2];
                    win[k++] = p[y1 + x0];
                    win[k++] = p[y1 + x];
                    win[k++] = p[y1 + x2];
                    win[k++] = p[y2 + x0];
                    win[k++] = p[y2 + x];
                    win[k++] = p[y2 + x2];
                }
                out[y1 + x] = select(win, 13);
            }
        }
        return convertBack(out);
    }

    private Object convertBack(float[] f) {
        int bits = src.bitDepth();
        if (bits == 8) {
            byte[] o = new byte[f.length];
            for (int i = 0; i < f.length; i++) {
                o[i] = (byte) (int) f[i];
            }
            return o;
        }
        if (bits == 16) {
            short[] o = new short[f.length];
            for (int i = 0; i < f.length; i++) {
                o[i] = (short) (int) f[i];
            }
            return o;
        }
        return f;
    }

    /** k-th smallest of a (Hoare quickselect, NaN sorts last); a is reordered. */
    static float select(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            float pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Float.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Float.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private Object gaussian(int z) {
        int w = src.width();
        int h = src.height();
        int n = w * h;
        float[] acc = new float[n];
        for (int k = -rz; k <= rz; k++) {
            float[] p = input(z + k);
            float wk = kz[k + rz];
            for (int i = 0; i < n; i++) {
                acc[i] += wk * p[i];
            }
        }
        float[] tmp = new float[n];
        int ry = ky.length / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int k = -ry; k <= ry; k++) {
                    int yy = Math.max(0, Math.min(h - 1, y + k));
                    s += ky[k + ry] * acc[yy * w + x];
                }
                tmp[y * w + x] = s;
            }
        }
        int rx = kx.length / 2;
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int k = -rx; k <= rx; k++) {
                    int xx = Math.max(0, Math.min(w - 1, x + k));
                    s += kx[k + rx] * tmp[o + xx];
                }
                acc[o + x] = s;
            }
        }
        return acc;
    }




    @Override
    public int bitDepth() {
        return mode == Mode.GAUSSIAN ? 32 : src.bitDepth();
    }



    @Override
    public String description() {
        return src.description() + (mode == Mode.NONE ? "" : ", " + mode.name().toLowerCase(java.util.Locale.ROOT) + " filtered");
    }
}
