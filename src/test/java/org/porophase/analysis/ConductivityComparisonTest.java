package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porophase.core.VoxelSize;
import org.porophase.transport.Axis;
import org.porophase.transport.PhaseGrid;
import org.porophase.transport.TransportOptions;

/** Real vs ideal vs eq. 7: the real geometry of the ideal twin gives exactly 1 − f; a bead pack sits below it. */
class ConductivityComparisonTest {
    private static final TransportOptions OPT = TransportOptions.defaults().withThreads(2);

    private static PhaseGrid solid(int w, int h, int d, Inside pore) {
        byte[][] s = new byte[d][w * h];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    s[z][x + w * y] = (byte) (pore.at(x, y, z) ? 0 : 1);
                }
            }
        }
        return new PhaseGrid(w, h, d, VoxelSize.iso(0.5), s, "solid (LLZO)");
    }

    interface Inside {
        boolean at(int x, int y, int z);
    }

    @Test
    void parallelCylindersAreTheIdealTwinExactly() {
        // square lattice of cylindrical pores (radius 3 voxels, pitch 10) along z
        PhaseGrid g = solid(30, 30, 12, (x, y, z) -> {
            double dx = x % 10 + 0.5 - 5;
            double dy = y % 10 + 0.5 - 5;
            return dx * dx + dy * dy <= 9;
        });
        ConductivityComparison c = ConductivityComparison.of(g, Axis.Z, 1e-4, OPT, "test");
        assertEquals(c.ideal(), c.realRelative(), 1e-5);
        assertEquals(1.0, c.real().tauTotal(), 1e-5);
        assertEquals(1 - 1.5 * c.porosity(), c.bruggeman(), 1e-15);
        assertTrue(c.bruggeman() < c.realRelative());
        Map<String, Object> j = c.toJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> corr = (Map<String, Object>) j.get("porosity_corrected_conductivity_S_cm");
        assertEquals(1e-4 / c.ideal(), (Double) corr.get("ideal"), 1e-15);
        assertEquals(1e-4 / c.bruggeman(), (Double) corr.get("bruggeman_eq7"), 1e-15);
        // across the cylinders the solid is tortuous: below the ideal, and the real value is a solve, not a formula
        ConductivityComparison x = ConductivityComparison.of(g, Axis.X, null, OPT, "test");
        assertTrue(x.realRelative() < x.ideal() - 0.05, "across: " + x.realRelative());
        assertTrue(x.real().tauTotal() > 1.1);
    }

    @Test
    void noPercolatingSolidIsReportedNotHidden() {
        // a pore layer cuts the solid along z: no conduction path, the reason is kept; eq. 7 above f = 2/3 predicts none
        PhaseGrid g = solid(10, 10, 10, (x, y, z) -> z == 4 || x < 7);
        ConductivityComparison c = ConductivityComparison.of(g, Axis.Z, null, OPT, "test");
        assertNull(c.real());
        assertTrue(c.realSkipped().contains("does not percolate along z"), c.realSkipped());
        assertTrue(Double.isNaN(c.bruggeman()));
        assertNull(c.toJson().get("bruggeman_eq7_relative_conductivity"));
        assertNull(c.toJson().get("real_relative_conductivity"));
    }
}
