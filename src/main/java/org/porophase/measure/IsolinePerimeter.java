package org.porophase.measure;

import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;

/**
 * Sub-pixel perimeter of the pore phase: the length of the grey-level isoline at the segmentation threshold,
 * traced by marching squares on the (denoised) image the threshold was applied to.
 * <p>
 * <b>Estimator.</b> The image is read as samples at pixel centres; each cell of 2 × 2 neighbouring centres is
 * classified by which corners are pore in the final mask (so clean-up, filled holes and watershed cuts are
 * honoured), and where a cell edge joins a pore and a solid corner the boundary crosses it at the linear
 * interpolation of the grey values to the threshold, t = (T − v_a)/(v_b − v_a) (clamped to [0, 1]; 0.5 when the
 * two grey values do not straddle T, i.e. where clean-up flipped a pixel). Each cell contributes one segment (two
 * for a saddle, resolved by the mean of the four corners, the asymptotic-decider's usual cheap stand-in);
 * segment lengths are summed in µm ({@code dx}, {@code dy} per axis). Unlike a digital estimator (Crofton),
 * the isoline follows the edge between pixels, so it has no orientation bias and resolves curvature below
 * a pixel.
 * <p>
 * <b>Frame and density.</b> Cells span the centres, i.e. the area (W − 1)(H − 1)·dx·dy; the image frame is not
 * wall. {@link #density} divides by that area (an unbiased perimeter per area, like S_c = P_p/A_t); cells that
 * hold a pixel outside the optional region are skipped, and the area counts only the cells inside.
 * <p>
 * <b>Bias</b> (measured): straight edges at any angle exact (IsolinePerimeterTest); digitised disks r = 10 px
 * (pixel-area coverage, threshold at half contrast) each within 1 %, mean within ±0.5 % (IsolinePerimeterTest; the
 * Crofton estimate of such masks is off by up to 2.1 %). Boolean disk models (φ = 0.45, exact union perimeter,
 * noise-free, unfiltered, threshold at half contrast; SegmentationBench): r = 10 px −2.7 % (coverage only), −6.9 %
 * (PSF blur 1 px), −9.8 % (1.5 px); r = 15 px −1.7 %, −4.6 %, −6.6 %: wedges and walls narrower than the blur fall
 * below the threshold, a loss that grows as blur/r and that no estimator on the thresholded image recovers. Noise
 * left by the denoising lengthens it (roughness): +1.5 % and +1.8 % on the bundled parallel-cylinder images after
 * the default non-local means, where Crofton reads +0.4 % and +0.9 %. Totals of the default pipeline:
 * {@link org.porophase.segment.Segmenter2D}. Units: µm when dx, dy are in µm.
 */
public final class IsolinePerimeter {
    private IsolinePerimeter() {
    }

    /**
     * Total isoline length (µm) in the image.
     *
     * @param gray      the image the threshold was applied to (w × h, row-major)
     * @param mask      the final pore mask (non-zero = pore), w × h
     * @param threshold the threshold in the grey units of {@code gray}
     * @param region    null or non-zero = inside; cells with a corner outside are skipped
     */
    public static double length(float[] gray, byte[] mask, int w, int h, double threshold, double dx, double dy, byte[] region) {
        return measure(gray, mask, w, h, threshold, dx, dy, region)[0];
    }

    /** Isoline length per area of the cells measured (µm⁻¹): the sub-pixel S_c = P_p / A_t. */
    public static double density(float[] gray, byte[] mask, int w, int h, double threshold, double dx, double dy, byte[] region) {
        double[] r = measure(gray, mask, w, h, threshold, dx, dy, region);
        return r[1] > 0 ? r[0] / r[1] : 0;
    }

    /** {length µm, area µm² of the cells measured}. */
    static double[] measure(float[] gray, byte[] mask, int w, int h, double threshold, double dx, double dy, byte[] region) {
        if (gray == null || mask == null || gray.length != (long) w * h || mask.length != gray.length
                || (region != null && region.length != gray.length)) {
            throw new PoroPhaseException("isoline perimeter: image, mask and region must all have " + w + " × " + h + " pixels");
        }
        if (!(dx > 0) || !(dy > 0)) {
            throw new PoroPhaseException("isoline perimeter: pixel size must be positive, got " + dx + " × " + dy);
        }
        if (w < 2 || h < 2) {
            return new double[] {0, 0};
        }
        final float t = (float) threshold;
        final int rows = h - 1;
        Parallel par = Parallel.of(0);
        double[] lenParts = new double[par.threads()];
        long[] cellParts = new long[par.threads()];
        // one chunk per thread, results kept per chunk and added in order (reproducible for a thread count)
        int chunks = Math.max(1, Math.min(rows, par.threads()));
        par.forRange(chunks, (long) w * h * 8, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int y0 = (int) ((long) rows * c / chunks);
                int y1 = (int) ((long) rows * (c + 1) / chunks);
                double len = 0;
                long nc = 0;
                for (int y = y0; y < y1; y++) {
                    int r0 = y * w;
                    int r1 = r0 + w;
                    for (int x = 0; x < w - 1; x++) {
                        int i00 = r0 + x, i10 = i00 + 1, i01 = r1 + x, i11 = i01 + 1;
                        if (region != null && (region[i00] == 0 || region[i10] == 0 || region[i01] == 0 || region[i11] == 0)) {
                            continue;
                        }
                        nc++;
                        boolean p00 = mask[i00] != 0, p10 = mask[i10] != 0, p01 = mask[i01] != 0, p11 = mask[i11] != 0;
                        int code = (p00 ? 1 : 0) | (p10 ? 2 : 0) | (p11 ? 4 : 0) | (p01 ? 8 : 0);
                        if (code == 0 || code == 15) {
                            continue;
                        }
                        float v00 = gray[i00], v10 = gray[i10], v01 = gray[i01], v11 = gray[i11];
                        // crossing points on the four edges (cell coordinates 0..1): top (y=0), right (x=1), bottom (y=1), left (x=0)
                        double top = cross(v00, v10, t), right = cross(v10, v11, t), bottom = cross(v01, v11, t), left = cross(v00, v01, t);
                        switch (code) {
                            case 1: case 14: len += seg(top, 0, 0, left, dx, dy); break;
                            case 2: case 13: len += seg(top, 0, 1, right, dx, dy); break;
                            case 4: case 11: len += seg(1, right, bottom, 1, dx, dy); break;
                            case 8: case 7: len += seg(0, left, bottom, 1, dx, dy); break;
                            case 3: case 12: len += seg(0, left, 1, right, dx, dy); break;
                            case 6: case 9: len += seg(top, 0, bottom, 1, dx, dy); break;
                            case 5: case 10: {
                                // saddle: each phase holds two diagonal corners; the cell centre (mean of the corners)
                                // decides whether the pore corners connect through it
                                float pa = code == 5 ? 0.5f * (v00 + v11) : 0.5f * (v10 + v01);
                                float mid = 0.25f * (v00 + v10 + v01 + v11);
                                boolean centrePore = pa <= t ? mid <= t : mid > t;
                                if ((code == 5) != centrePore) {
                                    len += seg(top, 0, 0, left, dx, dy) + seg(1, right, bottom, 1, dx, dy);
                                } else {
                                    len += seg(top, 0, 1, right, dx, dy) + seg(0, left, bottom, 1, dx, dy);
                                }
                                break;
                            }
                            default:
                                break;
                        }
                    }
                }
                lenParts[c] = len;
                cellParts[c] = nc;
            }
        });
        double len = 0;
        long nc = 0;
        for (int c = 0; c < chunks; c++) {
            len += lenParts[c];
            nc += cellParts[c];
        }
        return new double[] {len, nc * dx * dy};
    }

    /** Crossing parameter in [0, 1] from a to b; 0.5 when the values do not straddle t. */
    private static double cross(float a, float b, float t) {
        float d = b - a;
        if (d == 0) {
            return 0.5;
        }
        double u = (t - a) / d;
        return u >= 0 && u <= 1 ? u : 0.5;
    }

    private static double seg(double x0, double y0, double x1, double y1, double dx, double dy) {
        double ex = (x1 - x0) * dx;
        double ey = (y1 - y0) * dy;
        return Math.sqrt(ex * ex + ey * ey);
    }
}
