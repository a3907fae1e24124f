package org.porophase.phasefield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;

/**
 * The estimate describes the grid that is built, the fill fraction stays within [0, 1], rasters and
 * checkpoints are size-checked before they are allocated, and their messages never say "null".
 */
class PhaseFieldBoundsTest {
    @TempDir
    Path tmp;

    @Test
    void theEstimateHasTheGridTheGeometryBuilds() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        for (double dx : new double[] {0.25, 0.5, 0.8}) {
            p.dxUm = dx;
            Geometry g2 = IdealScaffold.channels2DForGrid(5, 0.5, 50, 48, dx).toGeometry(p);
            PhaseFieldEstimate e2 = PhaseFieldEstimate.ideal(false, 5, 0.5, false, 50, 48, p, 10, 1);
            assertEquals(List.of((long) g2.nx, (long) g2.ny, (long) g2.nz), List.of(e2.nx, e2.ny, e2.nz), "2D at dx " + dx);
        }
        for (boolean hex : new boolean[] {false, true}) {
            p.dxUm = 0.5;
            Geometry g3 = IdealScaffold.cylinders3DForGrid(2, 0.5, hex, 8, 8, 0.5).toGeometry(p);
            PhaseFieldEstimate e3 = PhaseFieldEstimate.ideal(true, 2, 0.5, hex, 8, 8, p, 10, 1);
            assertEquals(List.of((long) g3.nx, (long) g3.ny, (long) g3.nz), List.of(e3.nx, e3.ny, e3.nz), "3D hex " + hex);
            // bytes = cells × 1000 B (+ the snapshot sections): the measured figure of the class comment
            assertEquals(e3.cells() * PhaseFieldEstimate.BYTES_PER_CELL_3D + 10.0 * e3.nx * e3.nz * PhaseFieldEstimate.BYTES_PER_SNAPSHOT_CELL,
                    e3.bytes(), 1e-6 * e3.bytes());
        }
    }

    @Test
    void fillFractionNeverExceedsOne() {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.5;
        Geometry g = IdealScaffold.channels2DForGrid(2, 0.5, 8, 8, 0.5).toGeometry(p);
        RunMetrics rm = new RunMetrics(new PhaseFieldSolver(g, p, Parallel.of(1)));
        double[] overshoot = new double[g.size()];
        Arrays.fill(overshoot, 1.0000083); // a fully plated scaffold as the solver leaves it
        assertEquals(1.0, rm.fillFraction(overshoot));
        for (double f : rm.fillVsDepth(overshoot)) {
            assertTrue(Double.isNaN(f) || f <= 1, "per-depth fill " + f);
        }
        double[] xi = g.xi0.clone();
        double f0 = rm.fillFraction(xi);
        assertTrue(f0 >= 0 && f0 <= 1, "initial fill " + f0);
    }

    @Test
    void aRasterTooLargeForAnArrayIsRefusedOnlyWhenItIsExpanded() {
        // 2D, 10 mm × 10 mm at 0.001 µm raster: the row (10⁷ pixels) is fine, the full mask (10¹⁴) is not
        IdealScaffold sc = IdealScaffold.channels2D(5, 0.5, 10_000, 10_000, 0.001);
        assertTrue(sc.rasterPorosity() > 0.49 && sc.rasterPorosity() < 0.51);
        PoroPhaseException e = assertThrows(PoroPhaseException.class, sc::pore);
        assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
        // 3D: the slice alone is too large (was NegativeArraySizeException)
        PoroPhaseException e3 = assertThrows(PoroPhaseException.class, () -> IdealScaffold.cylinders3D(5, 0.5, false, 500, 48, 0.005));
        assertTrue(e3.getMessage().contains("more than a Java array holds"), e3.getMessage());
    }

    @Test
    void aTruncatedCheckpointSaysSo() throws Exception {
        PhaseFieldParameters p = new PhaseFieldParameters();
        p.dxUm = 0.5;
        p.timeS = 2;
        Geometry g = IdealScaffold.channels2DForGrid(2, 0.5, 8, 8, 0.5).toGeometry(p);
        Path ck = tmp.resolve("run.ckpt");
        PhaseFieldSolver s = new PhaseFieldSolver(g, p, Parallel.of(1));
        Checkpoint.write(ck, s, List.of(), List.of(), 0, "test");
        byte[] all = Files.readAllBytes(ck);
        // a gzip stream cut in the middle: the data ends early
        Path cut = tmp.resolve("cut.ckpt");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> Checkpoint.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": corrupt checkpoint: the file ends early"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        assertEquals(g.size(), Checkpoint.read(ck).geometry.size());
    }
}
