package org.porophase.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import ij.process.ByteProcessor;
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
        double levels = LocalThickness.of2D(m, 1.0, 0.25).meanVolumeWeighted;
        assertEquals(levels, ridge, 0.03 * levels);
    }
}
