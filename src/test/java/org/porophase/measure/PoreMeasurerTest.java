package org.porophase.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import ij.process.ByteProcessor;
import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;

class PoreMeasurerTest {

    /**
     * Section through parallel cylinders (the model of eqs. 1–2): non-overlapping equal disks,
     * δ = 30 px = 3 µm (0.1 µm pixels), ~2 px gaps, none touching the frame. Ground truth:
     * φ = N·πδ²/4 / A_t, S_c = 4φ/δ (eq. 1). Tolerances: porosity 0.01 (lattice noise of ~300 disks
     * is ≈ 0.001), S_c 3 % and mean ECD 2 % (Crofton/digitisation error on 30 px disks, see
     * CroftonPerimeterTest), count exact.
     */
    @Test
    void parallelCylinders() {
        int w = 768, h = 768;
        double px = 0.1, delta = 30;
        Random rnd = new Random(3);
        List<double[]> c = TestImages.rsaDisks(rnd, w, h, delta / 2, 2.5, delta / 2 + 2, 300, 200000);
        byte[] m = new byte[w * h];
        for (double[] p : c) {
            TestImages.fillDisk(m, w, h, p[0], p[1], delta / 2);
        }
        PoreAnalysis a = PoreMeasurer.measure(new ByteProcessor(w, h, m), px, px, BorderPolicy.EXCLUDE_FROM_SHAPE);
        double phi = c.size() * Math.PI * delta * delta / 4 / (w * h);
        double deltaUm = delta * px;
        double sTrue = ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(phi, deltaUm);
        System.out.printf("cylinders: N=%d phi=%.4f measured %.4f; S_c true %.4f measured %.4f (%.2f %%); mean ECD %.4f"
                + " (%.2f %%), hydraulic %.4f, area-weighted %.4f µm%n", c.size(), phi, a.porosity(), sTrue,
                a.specificSurfaceAreaPerUm(), 100 * (a.specificSurfaceAreaPerUm() / sTrue - 1), a.meanPoreDiameterUm(),
                100 * (a.meanPoreDiameterUm() / deltaUm - 1), a.hydraulicPoreDiameterUm(), a.areaWeightedMeanPoreDiameterUm());
        assertEquals(c.size(), a.poreCount());
        assertEquals(0, a.borderPoreCount());
        assertEquals(phi, a.porosity(), 0.01);
        assertEquals(sTrue, a.specificSurfaceAreaPerUm(), 0.03 * sTrue);
        assertEquals(deltaUm, a.meanPoreDiameterUm(), 0.02 * deltaUm);
        assertEquals(deltaUm, a.areaWeightedMeanPoreDiameterUm(), 0.02 * deltaUm);
        assertEquals(deltaUm, a.hydraulicPoreDiameterUm(), 0.03 * deltaUm);
        // eq. 1 with the hydraulic diameter reproduces eq. 3 exactly
        assertEquals(a.specificSurfaceAreaPerUm(),
                ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(a.porosity(), a.hydraulicPoreDiameterUm()), 1e-12);
        assertEquals(a.specificSurfaceAreaPerUm(),
                ScaffoldMetrics.specificSurfaceFromCrossSection(a.totalPorePerimeterUm(), a.analyzedAreaUm2()), 1e-15);
    }

    /**
     * Boolean model of disks (radius r = 16 px, intensity λ with λπr² = 0.6), germs uniform in the
     * window dilated by r, four 1024² realizations with fixed seeds. Two comparisons:
     * <ul>
     * <li>against the exact perimeter of each realization (arcs of every circle not covered by
     * another disk, inside the window, 2000 samples per circle): Crofton within 2 %. This isolates
     * the estimator: the remaining error is a resolution loss where disks meet (a line through pixel
     * centres misses solid wedges and gaps thinner than one step); here worst −1.8 % with the
     * 8-direction estimator (−1.4 % with 4 directions, whose steps are all one pixel);</li>
     * <li>against Miles' formulas: porosity 1 − exp(−λπr²) = 0.4512 within 0.01 (sampling SD of the
     * 4-realization mean ≈ 0.007) and perimeter density 2πrλ·exp(−λπr²) within 3 % (measured −0.53 %).</li>
     * </ul>
     */
    @Test
    void booleanModelDisks() {
        int w = 1024, h = 1024;
        double r = 16, lambda = 0.6 / (Math.PI * r * r);
        double sumPhi = 0, sumPa = 0, worstExact = 0;
        int reps = 4;
        for (int k = 0; k < reps; k++) {
            Random rnd = new Random(100 + k);
            double ww = w + 2 * r, hh = h + 2 * r;
            int n = poisson(rnd, lambda * ww * hh);
            byte[] m = new byte[w * h];
            double[] xs = new double[n], ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = -r + ww * rnd.nextDouble();
                ys[i] = -r + hh * rnd.nextDouble();
                TestImages.fillDisk(m, w, h, xs[i], ys[i], r);
            }
            PoreAnalysis a = PoreMeasurer.measure(new ByteProcessor(w, h, m), 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE);
            double exact = exactUnionPerimeter(xs, ys, r, w, h);
            worstExact = Math.max(worstExact, Math.abs(a.totalPorePerimeterUm() / exact - 1));
            sumPhi += a.porosity();
            sumPa += a.specificSurfaceAreaPerUm();
        }
        double q = Math.exp(-lambda * Math.PI * r * r);
        double phiTrue = 1 - q, paTrue = 2 * Math.PI * r * lambda * q;
        System.out.printf("Boolean: porosity %.4f (true %.4f), P_A %.5f (true %.5f, %.2f %%), worst vs exact realization %.2f %%%n",
                sumPhi / reps, phiTrue, sumPa / reps, paTrue, 100 * (sumPa / reps / paTrue - 1), 100 * worstExact);
        assertTrue(worstExact <= 0.02, "Crofton vs exact union perimeter: " + worstExact);
        assertEquals(phiTrue, sumPhi / reps, 0.01);
        assertEquals(paTrue, sumPa / reps, 0.03 * paTrue);
    }

    /** Length of the boundary of a union of equal disks inside [0,w]×[0,h] (pixel-centre coordinates shifted by 0.5). */
    static double exactUnionPerimeter(double[] xs, double[] ys, double r, int w, int h) {
        int n = xs.length;
        double cell = 2 * r;
        int gw = (int) Math.ceil((w + 4 * r) / cell) + 1, gh = (int) Math.ceil((h + 4 * r) / cell) + 1;
        java.util.List<java.util.List<Integer>> grid = new java.util.ArrayList<>();
        for (int i = 0; i < gw * gh; i++) {
            grid.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            grid.get((int) ((ys[i] + 2 * r) / cell) * gw + (int) ((xs[i] + 2 * r) / cell)).add(i);
        }
        int samples = 2000;
        double len = 0;
        for (int i = 0; i < n; i++) {
            int gx = (int) ((xs[i] + 2 * r) / cell), gy = (int) ((ys[i] + 2 * r) / cell);
            java.util.List<Integer> nb = new java.util.ArrayList<>();
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int cx = gx + dx, cy = gy + dy;
                    if (cx >= 0 && cy >= 0 && cx < gw && cy < gh) {
                        for (int j : grid.get(cy * gw + cx)) {
                            if (j != i) {
                                nb.add(j);
                            }
                        }
                    }
                }
            }
            int free = 0;
            for (int s = 0; s < samples; s++) {
                double t = 2 * Math.PI * (s + 0.5) / samples;
                double px = xs[i] + r * Math.cos(t), py = ys[i] + r * Math.sin(t);
                // the digitised image covers pixel centres 0.5..w-0.5: the window of the pair counts
                if (px < 0.5 || px > w - 0.5 || py < 0.5 || py > h - 0.5) {
                    continue;
                }
                boolean covered = false;
                for (int j : nb) {
                    double ex = px - xs[j], ey = py - ys[j];
                    if (ex * ex + ey * ey < r * r) {
                        covered = true;
                        break;
                    }
                }
                if (!covered) {
                    free++;
                }
            }
            len += 2 * Math.PI * r * free / samples;
        }
        return len;
    }

    private static int poisson(Random rnd, double mean) {
        // normal approximation is fine for mean > 1000; keep it exact with the product method in chunks
        int n = 0;
        double remaining = mean;
        while (remaining > 0) {
            double m = Math.min(remaining, 500);
            double l = Math.exp(-m), p = 1;
            int k = -1;
            do {
                k++;
                p *= rnd.nextDouble();
            } while (p > l);
            n += k;
            remaining -= m;
        }
        return n;
    }

    /** Feret of an axis-aligned rectangle is exact (hull of pixel corners = the rectangle). */
    @Test
    void feretOfRectangle() {
        int w = 100, h = 80;
        byte[] m = new byte[w * h];
        for (int y = 20; y < 50; y++) {
            for (int x = 10; x < 60; x++) {
                m[y * w + x] = (byte) 255;
            }
        }
        PoreAnalysis a = PoreMeasurer.measure(new ByteProcessor(w, h, m), 0.5, 0.5, BorderPolicy.INCLUDE);
        Pore p = a.pores().get(0);
        assertEquals(Math.hypot(25, 15), p.feretMaxUm(), 1e-9);
        assertEquals(15, p.feretMinUm(), 1e-9);
        double diag = Math.toDegrees(Math.atan2(30, 50));
        assertTrue(Math.abs(p.feretAngleDeg() - diag) < 1e-6 || Math.abs(p.feretAngleDeg() - (180 - diag)) < 1e-6,
                "angle " + p.feretAngleDeg());
        assertEquals(25 * 15 * 1.0, p.areaUm2(), 1e-9);
        assertEquals((35 + 0.0) * 0.5, p.centroidXUm(), 1e-9); // pixel centres 10.5..59.5 → 35
        assertEquals(35 * 0.5, p.centroidYUm(), 1e-9);
        // rotated 30°: width within one pixel diagonal of the true 30 px side
        byte[] r = new byte[200 * 200];
        TestImages.fillRotatedRect(r, 200, 200, 100.2, 99.6, 120, 30, 30);
        Pore q = PoreMeasurer.measure(new ByteProcessor(200, 200, r), 1, 1, BorderPolicy.INCLUDE).pores().get(0);
        assertEquals(Math.hypot(120, 30), q.feretMaxUm(), Math.sqrt(2));
        assertEquals(30, q.feretMinUm(), Math.sqrt(2));
        // both diagonals (30° ± 14.04°) are equally long: either may be reported
        double half = Math.toDegrees(Math.atan2(30, 120));
        assertTrue(Math.abs(q.feretAngleDeg() - (30 + half)) < 1.5 || Math.abs(q.feretAngleDeg() - (30 - half)) < 1.5,
                "angle " + q.feretAngleDeg());
    }

    /**
     * Disk D = 100 px: Feret max and min between D and D + √2 px (the hull of pixel corners adds up
     * to one pixel diagonal), circularity ≥ 0.97 (Crofton error &lt; 1.5 % → 4πA/P² within 3 %).
     * Same in µm with anisotropic pixels 1.0 × 0.5 µm (a circle in µm, an ellipse in pixels).
     */
    @Test
    void feretAndCircularityOfDisk() {
        int n = 120;
        byte[] m = new byte[n * n];
        TestImages.fillDisk(m, n, n, 60.3, 59.8, 50);
        Pore p = PoreMeasurer.measure(new ByteProcessor(n, n, m), 1, 1, BorderPolicy.INCLUDE).pores().get(0);
        assertTrue(p.feretMaxUm() >= 100 - 1e-9 && p.feretMaxUm() <= 100 + Math.sqrt(2), "max " + p.feretMaxUm());
        assertTrue(p.feretMinUm() >= 99 && p.feretMinUm() <= 100 + Math.sqrt(2), "min " + p.feretMinUm());
        assertTrue(p.circularity() >= 0.97 && p.circularity() <= 1.0, "circularity " + p.circularity());
        assertEquals(100, p.ecdUm(), 1.0);

        byte[] e = new byte[110 * 210];
        TestImages.fillEllipse(e, 110, 210, 55.4, 104.7, 50, 100);
        Pore q = PoreMeasurer.measure(new ByteProcessor(110, 210, e), 1.0, 0.5, BorderPolicy.INCLUDE).pores().get(0);
        double diag = Math.hypot(1.0, 0.5);
        assertTrue(q.feretMaxUm() >= 100 - 1e-9 && q.feretMaxUm() <= 100 + diag, "max " + q.feretMaxUm());
        assertTrue(q.feretMinUm() >= 99 && q.feretMinUm() <= 100 + diag, "min " + q.feretMinUm());
        assertTrue(q.circularity() >= 0.97, "circularity " + q.circularity());
        assertEquals(100, q.ecdUm(), 1.0);
        assertEquals(Math.PI * 100, q.perimeterUm(), 0.02 * Math.PI * 100);
    }

    /** Border policies: densities identical, counts and shape statistics differ as documented. */
    @Test
    void borderPolicies() {
        int w = 200, h = 150;
        byte[] m = new byte[w * h];
        TestImages.fillDisk(m, w, h, 100, 75, 10);   // inside, d 20
        TestImages.fillDisk(m, w, h, 50, 40, 5);     // inside, d 10
        TestImages.fillDisk(m, w, h, 0, 75, 20);     // cut by left edge
        TestImages.fillDisk(m, w, h, 150, 149, 8);   // cut by bottom edge
        ByteProcessor bp = new ByteProcessor(w, h, m);
        PoreAnalysis inc = PoreMeasurer.measure(bp, 1, 1, BorderPolicy.INCLUDE);
        PoreAnalysis exc = PoreMeasurer.measure(bp, 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE);
        PoreAnalysis grd = PoreMeasurer.measure(bp, 1, 1, BorderPolicy.GUARD_FRAME);
        assertEquals(4, inc.poreCount());
        assertEquals(2, exc.poreCount());
        assertEquals(2, exc.borderPoreCount());
        assertEquals(inc.porosity(), exc.porosity(), 0);
        assertEquals(inc.totalPorePerimeterUm(), grd.totalPorePerimeterUm(), 0);
        assertEquals((Math.sqrt(400 * 0 + 1) * 0) + (exc.pores().stream().filter(Pore::counted).mapToDouble(Pore::ecdUm).sum() / 2),
                exc.meanPoreDiameterUm(), 1e-12);
        // automatic guard = largest bounding-box side of the interior pores = 20 px
        assertEquals(20, grd.guardPx());
        assertEquals((200 - 40) * (150 - 40), grd.countingFrameAreaUm2(), 1e-9);
        // the two interior disks have their first pixel inside [20,180)x[20,130); the cut ones not
        assertEquals(2, grd.poreCount());
        for (Pore p : grd.pores()) {
            assertEquals(!p.touchesBorder(), p.counted());
        }
        // explicit guard 36: the d=10 disk's first pixel (y = 35) is outside the frame
        String csv = exc.poresCsv();
        assertEquals(5, csv.split("\n").length);
        assertTrue(csv.startsWith("label,area_um2,perimeter_um,"));
        assertEquals(exc.porosity(), (Double) exc.summary().get("porosity"), 0);
        PoreAnalysis g36 = PoreMeasurer.measure(bp, 1, 1, BorderPolicy.GUARD_FRAME, 36);
        assertEquals(1, g36.poreCount());
        assertEquals(2.0 / ((200 - 72) * (150 - 72)), 2 * g36.poreNumberDensityPerUm2(), 1e-15);
    }

    /**
     * The associated-point counting frame is unbiased for the number density: equal disks of random
     * sizes (r 3…9 px) at hard-core positions; the mean of count/frame area over 40 realizations
     * matches the true number of disk centres per area within 5 % (sampling SD ≈ 2 %), while
     * EXCLUDE_FROM_SHAPE under-counts (border pores dropped).
     */
    @Test
    void guardFrameIsUnbiasedForNumberDensity() {
        int w = 256, h = 256;
        double sumGuard = 0, sumExcl = 0, sumTrue = 0;
        for (int k = 0; k < 40; k++) {
            Random rnd = new Random(1000 + k);
            // germs in the window dilated by the maximum radius + gap
            int pad = 12;
            List<double[]> c = TestImages.rsaDisks(rnd, w + 2 * pad, h + 2 * pad, 9, 3, 0, 150, 20000);
            byte[] m = new byte[w * h];
            int inside = 0;
            for (double[] p : c) {
                double x = p[0] - pad, y = p[1] - pad;
                TestImages.fillDisk(m, w, h, x, y, 3 + 6 * rnd.nextDouble());
                if (x >= 0 && x < w && y >= 0 && y < h) {
                    inside++;
                }
            }
            sumTrue += inside / (double) (w * h);
            ByteProcessor bp = new ByteProcessor(w, h, m);
            sumGuard += PoreMeasurer.measure(bp, 1, 1, BorderPolicy.GUARD_FRAME, 20).poreNumberDensityPerUm2();
            sumExcl += PoreMeasurer.measure(bp, 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE).poreNumberDensityPerUm2();
        }
        System.out.printf("number density: true %.6f, guard frame %.6f (%.2f %%), exclude %.6f (%.2f %%)%n", sumTrue / 40,
                sumGuard / 40, 100 * (sumGuard / sumTrue - 1), sumExcl / 40, 100 * (sumExcl / sumTrue - 1));
        assertEquals(sumTrue, sumGuard, 0.05 * sumTrue);
        assertTrue(sumExcl < 0.93 * sumTrue);
    }

    @Test
    void emptyAndFullMasks() {
        ByteProcessor empty = new ByteProcessor(50, 40);
        PoreAnalysis a = PoreMeasurer.measure(empty, 0.2, 0.2, BorderPolicy.EXCLUDE_FROM_SHAPE);
        assertEquals(0, a.porosity());
        assertEquals(0, a.poreCount());
        assertEquals(0, a.totalPorePerimeterUm());
        assertEquals(0, a.specificSurfaceAreaPerUm());
        assertTrue(Double.isNaN(a.meanPoreDiameterUm()));
        assertTrue(Double.isNaN(a.hydraulicPoreDiameterUm()));
        assertTrue(a.pores().isEmpty());
        for (BorderPolicy bpol : BorderPolicy.values()) {
            PoreMeasurer.measure(empty, 1, 1, bpol);
        }
        ByteProcessor full = new ByteProcessor(50, 40);
        full.setValue(1); // 0/1 masks are accepted too
        full.fill();
        PoreAnalysis f = PoreMeasurer.measure(full, 1, 1, BorderPolicy.EXCLUDE_FROM_SHAPE);
        assertEquals(1.0, f.porosity());
        assertEquals(0, f.totalPorePerimeterUm());
        assertEquals(0, f.poreCount());
        assertEquals(1, f.borderPoreCount());
        assertTrue(f.pores().get(0).touchesBorder());
        assertFalse(f.pores().get(0).counted());
        assertTrue(Double.isNaN(f.pores().get(0).circularity()));
    }

    @Test
    void badPixelSizeIsAUserError() {
        ByteProcessor bp = new ByteProcessor(10, 10);
        org.junit.jupiter.api.Assertions.assertThrows(PoroPhaseException.class,
                () -> PoreMeasurer.measure(bp, 0, 1, BorderPolicy.INCLUDE));
        org.junit.jupiter.api.Assertions.assertThrows(PoroPhaseException.class,
                () -> PoreMeasurer.measure(bp, Double.NaN, 1, BorderPolicy.INCLUDE));
    }

    /**
     * Rotating calipers against brute force on random blobs (unions of 3 disks) with anisotropic
     * pixels 0.7 × 0.4 µm: max Feret = largest distance between any two pixel corners (exact match,
     * 1e-9), min Feret = smallest projection extent over 36000 directions (agrees to 1e-3 µm, the
     * angular step's error bound).
     */
    @Test
    void caliperFeretMatchesBruteForce() {
        Random rnd = new Random(17);
        double dx = 0.7, dy = 0.4;
        for (int t = 0; t < 8; t++) {
            int w = 60, h = 60;
            byte[] m = new byte[w * h];
            TestImages.fillDisk(m, w, h, 30, 30, 6 + 4 * rnd.nextDouble());
            for (int k = 0; k < 2; k++) {
                TestImages.fillEllipse(m, w, h, 30 + 12 * (rnd.nextDouble() - 0.5), 30 + 12 * (rnd.nextDouble() - 0.5),
                        3 + 8 * rnd.nextDouble(), 3 + 8 * rnd.nextDouble());
            }
            PoreAnalysis a = PoreMeasurer.measure(new ByteProcessor(w, h, m), dx, dy, BorderPolicy.INCLUDE);
            assertEquals(1, a.totalPoreComponents());
            Pore p = a.pores().get(0);
            // corners of the pixels that are first/last in their row or column (a superset of the hull)
            boolean[] ext = new boolean[w * h];
            for (int y = 0; y < h; y++) {
                int first = -1, last = -1;
                for (int x = 0; x < w; x++) {
                    if (m[y * w + x] != 0) {
                        last = x;
                        if (first < 0) {
                            first = x;
                        }
                    }
                }
                if (first >= 0) {
                    ext[y * w + first] = ext[y * w + last] = true;
                }
            }
            for (int x = 0; x < w; x++) {
                int first = -1, last = -1;
                for (int y = 0; y < h; y++) {
                    if (m[y * w + x] != 0) {
                        last = y;
                        if (first < 0) {
                            first = y;
                        }
                    }
                }
                if (first >= 0) {
                    ext[first * w + x] = ext[last * w + x] = true;
                }
            }
            java.util.List<double[]> pts = new java.util.ArrayList<>();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (ext[y * w + x]) {
                        pts.add(new double[] {x * dx, y * dy});
                        pts.add(new double[] {(x + 1) * dx, y * dy});
                        pts.add(new double[] {x * dx, (y + 1) * dy});
                        pts.add(new double[] {(x + 1) * dx, (y + 1) * dy});
                    }
                }
            }
            double max = 0;
            for (int i = 0; i < pts.size(); i++) {
                for (int j = i + 1; j < pts.size(); j++) {
                    max = Math.max(max, Math.hypot(pts.get(i)[0] - pts.get(j)[0], pts.get(i)[1] - pts.get(j)[1]));
                }
            }
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 36000; k++) {
                double th = Math.PI * k / 36000, c = Math.cos(th), s = Math.sin(th);
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double[] q : pts) {
                    double v = q[0] * c + q[1] * s;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                min = Math.min(min, hi - lo);
            }
            assertEquals(max, p.feretMaxUm(), 1e-9);
            assertEquals(min, p.feretMinUm(), 1e-3);
        }
    }
}
