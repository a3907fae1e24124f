package org.porophase.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import ij.process.ByteProcessor;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.VoxelSize;
import org.junit.jupiter.api.Test;

class LocalThickness2DTest {

    /**
     * A strip of 21 pore pixels: every pixel reads the strip width (convention 2·d to the nearest solid
     * centre gives 22 px at the centre line; painted disks give ≥ 20 px everywhere). Tolerance ±1 px.
     */
    @Test
    void stripReadsItsWidth() {
        ByteProcessor m = new ByteProcessor(200, 61);
        for (int y = 20; y < 41; y++) {
            for (int x = 0; x < 200; x++) {
                m.set(x, y, 255);
            }
        }
        LocalThickness2D lt = LocalThickness2D.of(m, 0.5);
        assertEquals(21 * 0.5, lt.meanUm(), 0.5);
        assertEquals(22 * 0.5, ((Number) lt.toJson().get("max_um")).doubleValue(), 1e-6);
    }

    /** A digitized disk of diameter 40 px reads D − 1.5 … D px. */
    @Test
    void diskReadsItsDiameter() {
        ByteProcessor m = new ByteProcessor(100, 100);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                if ((x - 50.3) * (x - 50.3) + (y - 49.6) * (y - 49.6) < 20 * 20) {
                    m.set(x, y, 255);
                }
            }
        }
        double mean = LocalThickness2D.of(m, 1.0).meanUm();
        assertTrue(mean > 38.5 && mean <= 40.0, "disk D = 40 px reads " + mean);
    }

    /** The ridge-disk algorithm agrees with the level-based one (one distance map per level) on a Boolean mask, within 3 %. */
    @Test
    void agreesWithLevelAlgorithm() {
        ByteProcessor m = new ByteProcessor(300, 300);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 60; k++) {
            double cx = rnd.nextDouble(300);
            double cy = rnd.nextDouble(300);
            double r = 6 + rnd.nextDouble(14);
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 300; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        m.set(x, y, 255);
                    }
                }
            }
        }
        double ridge = LocalThickness2D.of(m, 1.0).meanUm();
        double levels = LocalThickness.compute(oneSlice(m, 1.0), 0.25, 0, false).meanVolumeWeighted;
        assertEquals(levels, ridge, 0.03 * levels);
    }

    /**
     * A disk of diameter 30 px (pixel 0.2 µm) in an SEM-like mask: area-weighted mean 6 µm and max
     * within 1.5 pixels (0.3 µm). (Moved from the 3D tests, where it ran the 3D code on one slice.)
     */
    @Test
    void diskOfThirtyPixels() {
        ByteProcessor bp = new ByteProcessor(60, 60);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                if (Math.hypot(x + 0.5 - 30, y + 0.5 - 30) <= 15) {
                    bp.set(x, y, 255);
                }
            }
        }
        LocalThickness2D l2 = LocalThickness2D.of(bp, 0.2);
        assertEquals(6.0, l2.meanUm(), 0.3);
        assertEquals(6.0, ((Number) l2.toJson().get("max_um")).doubleValue(), 0.3);
        // the 3D algorithm on the same mask as one slice agrees (binned levels of 0.5 px)
        LocalThickness l3 = LocalThickness.compute(oneSlice(bp, 0.2), 0.5, 0, false);
        assertEquals(6.0, l3.meanVolumeWeighted, 0.3);
        assertEquals(6.0, l3.max, 0.3);
    }

    /**
     * Against the definition by brute force on a small Boolean mask: the mean over pore pixels of
     * 2·max{ r(c) : |x − c|² &lt; r(c)²(1 − 1e-6) } over all pore pixels c, r = distance to the nearest
     * solid pixel centre. Ridge-disk painting is exact (no level binning), so the means agree to
     * round-off.
     */
    @Test
    void equalsBruteForceMaximalDisks() {
        int w = 70;
        int h = 60;
        ByteProcessor m = new ByteProcessor(w, h);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 12; k++) {
            double cx = rnd.nextDouble(w);
            double cy = rnd.nextDouble(h);
            double r = 3 + rnd.nextDouble(9);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        m.set(x, y, 255);
                    }
                }
            }
        }
        double[] r2 = new double[w * h];
        for (int i = 0; i < w * h; i++) {
            if (m.get(i % w, i / w) == 0) {
                continue;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < w * h; j++) {
                if (m.get(j % w, j / w) == 0) {
                    double dx = j % w - i % w;
                    double dy = j / w - i / w;
                    best = Math.min(best, dx * dx + dy * dy);
                }
            }
            r2[i] = best;
        }
        double sum = 0;
        long n = 0;
        for (int i = 0; i < w * h; i++) {
            if (r2[i] == 0) {
                continue;
            }
            double d = 0;
            for (int c = 0; c < w * h; c++) {
                if (r2[c] == 0) {
                    continue;
                }
                double dx = i % w - c % w;
                double dy = i / w - c / w;
                if (dx * dx + dy * dy < r2[c] * (1 - 1e-6)) {
                    d = Math.max(d, 2 * Math.sqrt(r2[c]));
                }
            }
            sum += d;
            n++;
        }
        double brute = sum / n;
        double ridge = LocalThickness2D.of(m, 1.0).meanUm();
        System.out.printf("2D local thickness: ridge disks %.6f px, brute force %.6f px%n", ridge, brute);
        assertEquals(brute, ridge, 1e-5 * brute);
    }

    /**
     * Percentiles are exact per-pixel values (nearest rank), never bin centres above the maximum: a one-pixel line
     * reads 2 px everywhere (diameter 2·d to the nearest solid centre); its half-pixel bin [2, 2.5) has centre 2.25.
     */
    @Test
    void percentilesAreExactValuesNotBinCentres() {
        ByteProcessor m = new ByteProcessor(20, 9);
        for (int x = 2; x < 18; x++) {
            m.set(x, 4, 255);
        }
        LocalThickness2D lt = LocalThickness2D.of(m, 0.5);
        assertEquals(1.0, (double) lt.toJson().get("max_um"), 1e-12);
        assertEquals(1.0, (double) lt.toJson().get("p90_um"), 1e-12);
        assertEquals(1.0, (double) lt.toJson().get("p10_um"), 1e-12);
        // a 2-row strip beside a 6-row strip: p10 from the narrow one, p90 from the wide one, both ≤ max
        ByteProcessor two = new ByteProcessor(40, 16);
        for (int x = 0; x < 40; x++) {
            two.set(x, 2, 255);
            for (int y = 6; y < 12; y++) {
                two.set(x, y, 255);
            }
        }
        java.util.Map<String, Object> j = LocalThickness2D.of(two, 1.0).toJson();
        double p10 = (double) j.get("p10_um"), p90 = (double) j.get("p90_um"), max = (double) j.get("max_um");
        assertEquals(2.0, p10, 1e-12);
        assertTrue(p90 <= max && p90 >= 5.0, "p90 " + p90 + " max " + max);
    }

    /** The mask as a one-slice volume (pore = non-zero) for the 3D algorithm. */
    private static BinaryVolume oneSlice(ByteProcessor mask, double pixelUm) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        BinaryVolume v = new BinaryVolume(w, h, 1, VoxelSize.iso(pixelUm));
        byte[] px = (byte[]) mask.getPixels();
        byte[] s = v.slice(0);
        for (int i = 0; i < w * h; i++) {
            s[i] = px[i] != 0 ? MaskSource.PORE : MaskSource.SOLID;
        }
        return v;
    }
}
