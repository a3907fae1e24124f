package org.porophase.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import org.junit.jupiter.api.Test;
import org.porophase.measure.BorderPolicy;
import org.porophase.measure.PoreAnalysis;
import org.porophase.measure.PoreMeasurer;
import org.porophase.measure.ScaffoldMetrics;
import org.porophase.measure.TestImages;

/**
 * End to end at the scale of the paper's membrane (Zhang et al. 2024: δ = 2.3 µm, φ = 0.51): a
 * gray SEM-like section through a hexagonal array of parallel cylinders (pitch a chosen so that
 * φ = π δ² / (2√3 a²) = 0.51), 50 nm pixels (δ = 46 px), blur σ = 1 px and noise, segmented with the
 * defaults and measured. Expected: eq. 1 gives S_c = 4φ/δ = 0.887 µm⁻¹; eq. 3 on the section must
 * agree within 3 % (Crofton error on 46 px disks &lt; 1 %, segmentation boundary shift a few 0.1 %),
 * porosity within 0.01 (lattice cut by the frame: exact fraction computed from the drawn disks),
 * mean ECD of the whole pores within 2 % of δ, and the GUARD_FRAME number density within 5 % of the
 * lattice density 2/(√3 a²) (a regular lattice in a finite frame: the count can be off by part of a row
 * of ~15 cells). Measured: φ 0.5106 (drawn 0.5123), S_c −0.9 % vs eq. 1, mean ECD 2.296 µm, hydraulic
 * 2.324 µm, number density −3.9 %.
 */
class PaperScaleTest {

    @Test
    void hexagonalCylindersAtPaperScale() {
        double px = 0.05, deltaUm = 2.3, phi = 0.51;
        double d = deltaUm / px;                                  // 46 px
        double a = d * Math.sqrt(Math.PI / (2 * Math.sqrt(3) * phi)); // lattice pitch, px
        int w = 1024, h = 1024;
        List<double[]> c = new ArrayList<>();
        double rowH = a * Math.sqrt(3) / 2;
        for (int j = -1; j * rowH < h + a; j++) {
            for (int i = -1; i * a < w + a; i++) {
                c.add(new double[] {i * a + (j % 2 == 0 ? 0 : a / 2) + 7.3, j * rowH + 5.1});
            }
        }
        byte[] truth = new byte[w * h];
        for (double[] p : c) {
            TestImages.fillDisk(truth, w, h, p[0], p[1], d / 2);
        }
        double phiTruth = TestImages.fraction(new ByteProcessor(w, h, truth));
        FloatProcessor gray = TestImages.grayDisks(w, h, c, d / 2, 50, 170, 1.0, 10, 21);

        SegmentationResult s = Segmenter2D.segment(gray, new SegmentationOptions());
        PoreAnalysis an = PoreMeasurer.measure(s.mask(), px, px, BorderPolicy.EXCLUDE_FROM_SHAPE);
        double sEq1 = ScaffoldMetrics.idealCylinderSpecificSurfacePerUm(phi, deltaUm);
        System.out.printf("paper scale: phi %.4f (drawn %.4f), S_c eq.3 %.4f vs eq.1 %.4f (%.2f %%), mean ECD %.3f µm,"
                + " hydraulic %.3f µm, R_J(5 µm) %.3f%n", an.porosity(), phiTruth, an.specificSurfaceAreaPerUm(), sEq1,
                100 * (an.specificSurfaceAreaPerUm() / sEq1 - 1), an.meanPoreDiameterUm(), an.hydraulicPoreDiameterUm(),
                ScaffoldMetrics.currentDensityReduction(5, an.specificSurfaceAreaPerUm()));
        assertEquals(0.887, sEq1, 0.001);
        assertEquals(phiTruth, an.porosity(), 0.01);
        assertEquals(phi, an.porosity(), 0.02); // the frame cuts the lattice: drawn fraction differs from 0.51 by < 0.01
        assertEquals(sEq1, an.specificSurfaceAreaPerUm(), 0.03 * sEq1);
        assertEquals(deltaUm, an.meanPoreDiameterUm(), 0.02 * deltaUm);
        assertEquals(deltaUm, an.hydraulicPoreDiameterUm(), 0.03 * deltaUm);
        assertEquals(1 - 1 / (5 * sEq1), ScaffoldMetrics.currentDensityReduction(5, an.specificSurfaceAreaPerUm()), 0.01);

        PoreAnalysis g = PoreMeasurer.measure(s.mask(), px, px, BorderPolicy.GUARD_FRAME);
        double nTrue = 2 / (Math.sqrt(3) * a * a * px * px);
        System.out.printf("paper scale: number density guard frame %.5f /µm² (lattice %.5f), guard %d px%n",
                g.poreNumberDensityPerUm2(), nTrue, g.guardPx());
        assertEquals(nTrue, g.poreNumberDensityPerUm2(), 0.05 * nTrue);
    }
}
