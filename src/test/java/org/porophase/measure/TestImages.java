package org.porophase.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** Generated test images with analytic ground truth (test helper). */
public final class TestImages {
    private TestImages() {
    }

    /**
     * Plain digitised ellipse (pixel (x,y) is pore when its centre (x+0.5, y+0.5) is inside), axes
     * aligned, semi-axes rx, ry in pixels.
     */
    public static void fillEllipse(byte[] m, int w, int h, double cx, double cy, double rx, double ry) {
        int x0 = Math.max(0, (int) Math.floor(cx - rx - 1)), x1 = Math.min(w - 1, (int) Math.ceil(cx + rx + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - ry - 1)), y1 = Math.min(h - 1, (int) Math.ceil(cy + ry + 1));
        for (int y = y0; y <= y1; y++) {
            double v = (y + 0.5 - cy) / ry;
            for (int x = x0; x <= x1; x++) {
                double u = (x + 0.5 - cx) / rx;
                if (u * u + v * v <= 1) {
                    m[y * w + x] = (byte) 255;
                }
            }
        }
    }

    public static void fillDisk(byte[] m, int w, int h, double cx, double cy, double r) {
        fillEllipse(m, w, h, cx, cy, r, r);
    }

    /** Digitised rectangle of size a × b px centred at (cx, cy), rotated by angleDeg (counter-clockwise on screen). */
    public static void fillRotatedRect(byte[] m, int w, int h, double cx, double cy, double a, double b, double angleDeg) {
        double t = Math.toRadians(angleDeg);
        double c = Math.cos(t), s = Math.sin(t);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x + 0.5 - cx, py = -(y + 0.5 - cy);
                double u = c * px + s * py, v = -s * px + c * py;
                if (Math.abs(u) <= a / 2 && Math.abs(v) <= b / 2) {
                    m[y * w + x] = (byte) 255;
                }
            }
        }
    }

    /** Non-overlapping equal disks (random sequential addition): centres {x, y}. */
    public static List<double[]> rsaDisks(Random rnd, int w, int h, double r, double gap, double margin, int n, int maxTries) {
        List<double[]> c = new ArrayList<>();
        double minD = 2 * r + gap;
        for (int t = 0; t < maxTries && c.size() < n; t++) {
            double x = margin + rnd.nextDouble() * (w - 2 * margin);
            double y = margin + rnd.nextDouble() * (h - 2 * margin);
            boolean ok = true;
            for (double[] o : c) {
                double dx = o[0] - x, dy = o[1] - y;
                if (dx * dx + dy * dy < minD * minD) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                c.add(new double[] {x, y});
            }
        }
        return c;
    }

    /**
     * Gray image of dark disks (pore level) on a bright solid: exact area coverage by 4×4
     * supersampling, then Gaussian blur σ (px) and Gaussian noise; values in 8-bit range.
     */
    public static FloatProcessor grayDisks(int w, int h, List<double[]> centres, double r, double poreLevel,
            double solidLevel, double blurSigma, double noiseSd, long seed) {
        float[] f = new float[w * h];
        int ss = 4;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                f[y * w + x] = (float) solidLevel;
            }
        }
        for (double[] c : centres) {
            int x0 = Math.max(0, (int) (c[0] - r - 1)), x1 = Math.min(w - 1, (int) (c[0] + r + 1));
            int y0 = Math.max(0, (int) (c[1] - r - 1)), y1 = Math.min(h - 1, (int) (c[1] + r + 1));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int in = 0;
                    for (int sy = 0; sy < ss; sy++) {
                        for (int sx = 0; sx < ss; sx++) {
                            double px = x + (sx + 0.5) / ss - c[0], py = y + (sy + 0.5) / ss - c[1];
                            if (px * px + py * py <= r * r) {
                                in++;
                            }
                        }
                    }
                    if (in > 0) {
                        double cov = in / (double) (ss * ss);
                        float cur = f[y * w + x];
                        // coverage of the union (disks may overlap): take the darker
                        f[y * w + x] = (float) Math.min(cur, solidLevel + cov * (poreLevel - solidLevel));
                    }
                }
            }
        }
        FloatProcessor fp = new FloatProcessor(w, h, f);
        if (blurSigma > 0) {
            new ij.plugin.filter.GaussianBlur().blurGaussian(fp, blurSigma, blurSigma, 0.002);
        }
        Random rnd = new Random(seed);
        float[] g = (float[]) fp.getPixels();
        for (int i = 0; i < g.length; i++) {
            g[i] += (float) (noiseSd * rnd.nextGaussian());
        }
        return fp;
    }

    /** Pixel fraction of a mask that is nonzero. */
    public static double fraction(ByteProcessor m) {
        byte[] p = (byte[]) m.getPixels();
        long c = 0;
        for (byte b : p) {
            if (b != 0) {
                c++;
            }
        }
        return c / (double) p.length;
    }
}
