package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;

/** analyze-volume with conduction on: the LLZO comparison in the JSON; off by default. */
class VolumeConductionTest {
    /** Gray volume: cylindrical pores (dark, 30) along z through bright solid (200). */
    private static VolumeSource cylinders() {
        int w = 32;
        int d = 20;
        Object[] sl = new Object[d];
        for (int z = 0; z < d; z++) {
            byte[] s = new byte[w * w];
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = x % 16 + 0.5 - 8;
                    double dy = y % 16 + 0.5 - 8;
                    s[x + w * y] = (byte) (dx * dx + dy * dy <= 25 ? 30 : 200);
                }
            }
            sl[z] = s;
        }
        return VolumeWriters.arraySource(w, w, sl, VoxelSize.iso(0.5));
    }

    @Test
    void straightCylindersConductAsTheIdealTwin() {
        VolumeOptions o = VolumeOptions.defaults();
        o.threads = 2;
        o.threshold = 100.0;
        o.localThickness = false;
        VolumeAnalysis off = VolumeAnalyzer.analyze(cylinders(), o);
        assertNull(off.conduction());
        assertNull(off.toJson().get("conductivity"));
        o.conduction = true;
        VolumeAnalysis a = VolumeAnalyzer.analyze(cylinders(), o);
        ConductivityComparison c = a.conduction();
        assertEquals(a.porosity(), c.porosity(), 1e-12);
        assertEquals(1 - a.porosity(), c.realRelative(), 1e-5);
        assertEquals(1.0, c.real().tauTotal(), 1e-5);
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) a.toJson().get("conductivity");
        assertEquals(1 - 1.5 * a.porosity(), (Double) j.get("bruggeman_eq7_relative_conductivity"), 1e-12);
        assertTrue(a.summary().contains("sigma_eff/sigma_LLZO"), a.summary());
        assertNull(j.get("porosity_corrected_conductivity_S_cm"));
        // a measured membrane conductivity gives the porosity-corrected sigma_h of each column: sigma_m / relative
        o.measuredConductivitySCm = 2.1e-4;
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) VolumeAnalyzer.analyze(cylinders(), o).toJson().get("conductivity");
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) m.get("porosity_corrected_conductivity_S_cm");
        assertEquals(2.1e-4, (Double) m.get("measured_conductivity_S_cm"), 0);
        assertEquals(2.1e-4 / (1 - a.porosity()), (Double) h.get("ideal"), 1e-15);
        assertEquals(2.1e-4 / (1 - a.porosity()), (Double) h.get("real"), 1e-5 * 2.1e-4 / (1 - a.porosity()));
        assertEquals(2.1e-4 / (1 - 1.5 * a.porosity()), (Double) h.get("bruggeman_eq7"), 1e-15);
    }
}
