package org.porophase.filter;

import java.util.stream.IntStream;

import org.porophase.core.PoroPhaseException;

/**
 * Separable Gaussian blur of a float image, multi-threaded over rows, for the SEM denoising step (the
 * hot part of the 2D pipeline). Kernel: normalized samples of exp(−x²/2σ²) out to where they fall
 * below {@code accuracy} of the centre ({@code r = ⌈σ·√(−2 ln accuracy)⌉}; ImageJ's
 * {@code GaussianBlur} uses the same accuracy convention, 0.002 by default, i.e. about 3.5σ); pixels
 * outside the image take the value of the nearest edge pixel (as ImageJ). It differs from ImageJ's
 * {@code GaussianBlur} only by ImageJ's kernel-tail smoothing (below 10⁻³ of the signal) and, unlike
 * it, leaves no worker threads behind (ImageJ 1.54's pool keeps a plain JVM alive after main()).
 */
public final class Gaussian {
    private Gaussian() {
    }

    /** The normalized kernel, index r = centre, radius r = ⌈σ·√(−2 ln accuracy)⌉ (at least 1). */
    public static float[] kernel(double sigma, double accuracy) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new PoroPhaseException("Gaussian σ must be a positive number of pixels, got " + sigma);
        }
        if (!(accuracy > 0 && accuracy < 1)) {
            throw new IllegalArgumentException("accuracy must be in (0, 1), got " + accuracy);
        }
        int r = Math.max(1, (int) Math.ceil(sigma * Math.sqrt(-2 * Math.log(accuracy))));
        float[] k = new float[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            k[i + r] = (float) v;
            s += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / s);
        }
        return k;
    }

    /** Blurs {@code f} (w × h, row-major) in place with σ pixels in x and y (accuracy 0.002). */
    public static void blur(float[] f, int w, int h, double sigma) {
        blur(f, w, h, sigma, 0.002);
    }

    /** Blurs {@code f} (w × h, row-major) in place with σ pixels in x and y. */
    public static void blur(float[] f, int w, int h, double sigma, double accuracy) {
        if ((long) w * h != f.length) {
            throw new IllegalArgumentException("pixel array length " + f.length + " != " + w + "x" + h);
        }
        float[] k = kernel(sigma, accuracy);
        int r = k.length / 2;
        float[] tmp = new float[f.length];
        int bands = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() * 4, h / 16));
        // horizontal pass: f → tmp
        IntStream.range(0, bands).parallel().forEach(b -> {
            int y0 = (int) ((long) h * b / bands);
            int y1 = (int) ((long) h * (b + 1) / bands);
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    if (x >= r && x < w - r) {
                        int o = row + x - r;
                        for (int j = 0; j < k.length; j++) {
                            s += k[j] * f[o + j];
                        }
                    } else {
                        for (int j = -r; j <= r; j++) {
                            int xx = Math.max(0, Math.min(w - 1, x + j));
                            s += k[j + r] * f[row + xx];
                        }
                    }
                    tmp[row + x] = s;
                }
            }
        });
        // vertical pass: tmp → f, whole rows at a time (contiguous memory)
        IntStream.range(0, bands).parallel().forEach(b -> {
            int y0 = (int) ((long) h * b / bands);
            int y1 = (int) ((long) h * (b + 1) / bands);
            float[] acc = new float[w];
            for (int y = y0; y < y1; y++) {
                java.util.Arrays.fill(acc, 0f);
                for (int j = -r; j <= r; j++) {
                    int src = Math.max(0, Math.min(h - 1, y + j)) * w;
                    float kj = k[j + r];
                    for (int x = 0; x < w; x++) {
                        acc[x] += kj * tmp[src + x];
                    }
                }
                System.arraycopy(acc, 0, f, y * w, w);
            }
        });
    }
}
