package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.Macro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;

/** The Fiji transport command runs headless from macro options and writes its outputs. */
@org.junit.jupiter.api.extension.ExtendWith(org.porophase.ui.ij.MacroThread.class)
class TransportPluginTest {
    @TempDir
    Path tmp;

    @Test
    void headlessMacroRun() throws Exception {
        // pore channels (dark, 30) along z on a pitch of 4 in bright solid (220): τ = 1 along z
        Object[] sl = new Object[12];
        for (int z = 0; z < 12; z++) {
            byte[] s = new byte[16 * 16];
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) ((i % 16) % 4 < 2 && (i / 16) % 4 < 2 ? 30 : 220);
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("ch.tif");
        VolumeWriters.writeTiff(in, VolumeWriters.toImagePlus("ch", 16, 16, sl, VoxelSize.iso(0.5)));
        Path out = tmp.resolve("out");
        Macro.setOptions(Thread.currentThread(), "input=[" + in + "] threshold=100 axis=z drainage output_folder=[" + out + "]");
        new TransportPlugin().run("");
        Path json = out.resolve("ch.transport.json");
        assertTrue(Files.exists(json), "json written");
        String j = Files.readString(json);
        assertTrue(j.contains("\"tortuosity_factor\": 1.0") || j.contains("\"tortuosity_factor\": 0.99999"), j);
        assertTrue(Files.exists(out.resolve("ch.potential-z.png")));
        // the drainage curve and τ(z) as tables, with the numbers of the CSV files
        ij.measure.ResultsTable drain = Display.table("PoroPhase Drainage");
        java.util.List<String> csv = Files.readAllLines(out.resolve("ch.drainage-z.csv"));
        assertEquals(csv.size() - 1, drain.size(), "one row per radius");
        for (int k = 1; k < csv.size(); k++) {
            String[] c = csv.get(k).split(",");
            assertEquals(Double.parseDouble(c[0]), drain.getValue("Radius (um)", k - 1), 1e-12);
            assertEquals(Double.parseDouble(c[1]), drain.getValue("Invaded fraction", k - 1), 1e-12);
        }
        ij.measure.ResultsTable prof = Display.table("PoroPhase tau(z)");
        assertEquals(12, prof.size());
        assertEquals(1.0, prof.getValue("tortuosity_factor", 5), 1e-4);
        ij.measure.ResultsTable rt = Display.table("PoroPhase Transport");
        // 16 channels of 2×2 voxels, 1 voxel from the solid, but the corner channel is 2 from it (the box sides are not walls): it
        // alone is invaded at r = 2 and 1.5 voxels (1/16 of the phase), everything at r = 1; r50 = 1.5 − 0.5·(0.5 − 1/16)/(15/16)
        // = 19/15 voxels against the local-thickness r50 of 1 voxel: β = (19/15)² (> 1, a box effect)
        assertEquals(19.0 / 15 * 19.0 / 15, rt.getValue("Constriction factor", rt.size() - 1), 1e-9);
    }

    @Test
    void periodicSidesFromTheMacroOptions() throws Exception {
        // the same channels with side_boundary=periodic: the corner channel now has the solid of the opposite side as its
        // neighbour, so every channel is 1 voxel from the solid, all is invaded at r = 1 and β = 1 (no box effect)
        Object[] sl = new Object[12];
        for (int z = 0; z < 12; z++) {
            byte[] s = new byte[16 * 16];
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) ((i % 16) % 4 < 2 && (i / 16) % 4 < 2 ? 30 : 220);
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("ch.tif");
        VolumeWriters.writeTiff(in, VolumeWriters.toImagePlus("ch", 16, 16, sl, VoxelSize.iso(0.5)));
        Path out = tmp.resolve("out");
        Macro.setOptions(Thread.currentThread(), "input=[" + in + "] threshold=100 axis=z drainage side_boundary=periodic output_folder=[" + out + "]");
        new TransportPlugin().run("");
        String j = Files.readString(out.resolve("ch.transport.json"));
        assertTrue(j.contains("\"side_boundary\": \"periodic\""), j);
        ij.measure.ResultsTable rt = Display.table("PoroPhase Transport");
        assertEquals("periodic", rt.getStringValue("Side boundary", rt.size() - 1));
        assertEquals(1.0, rt.getValue("Constriction factor", rt.size() - 1), 1e-9);
        assertEquals(1.0, rt.getValue("Tortuosity factor (TauFactor)", rt.size() - 1), 1e-5);
        // leave the shared tables empty for the other test, which counts their rows
        for (String t : new String[] {"PoroPhase Transport", "PoroPhase tau(z)", "PoroPhase Drainage"}) {
            Display.table(t).reset();
        }
    }
}
