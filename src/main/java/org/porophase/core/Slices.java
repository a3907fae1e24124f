package org.porophase.core;

/** Helpers for ImageJ-style pixel arrays (byte[]/short[]/float[]). */
public final class Slices {
    private Slices() {
    }

    /** Value i of a pixel array (unsigned for byte and short). */
    public static float get(Object pixels, int i) {
        if (pixels instanceof byte[] b) {
            return b[i] & 0xff;
        }
        if (pixels instanceof short[] s) {
            return s[i] & 0xffff;
        }
        return ((float[]) pixels)[i];
    }

    /** Converts a pixel array to float values, into {@code dst} if it is large enough. */
    public static float[] toFloat(Object pixels, float[] dst) {
        int n = java.lang.reflect.Array.getLength(pixels);
        float[] out = dst != null && dst.length >= n ? dst : new float[n];
        if (pixels instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                out[i] = b[i] & 0xff;
            }
        } else if (pixels instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                out[i] = s[i] & 0xffff;
            }
        } else {
            System.arraycopy((float[]) pixels, 0, out, 0, n);
        }
        return out;
    }

    /** Bit depth of a pixel array. */
    public static int bitDepth(Object pixels) {
        return pixels instanceof byte[] ? 8 : pixels instanceof short[] ? 16 : 32;
    }
}
