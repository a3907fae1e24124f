package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.BinaryVolume;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SyntheticVolumes;

/** The analyze-volume command: JSON keys, outputs, exit codes. */
class VolumeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonContractAndOutputs() throws Exception {
        BinaryVolume v = SyntheticVolumes.fromShape(40, 40, 30, VoxelSize.iso(1), SyntheticVolumes.ball(20, 20, 15, 9));
        Object[] sl = new Object[30];
        for (int z = 0; z < 30; z++) {
            byte[] s = v.slice(z).clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) (s[i] == 1 ? 40 : 200);
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("ball.nrrd");
        VolumeWriters.writeNrrd(in, VolumeWriters.arraySource(40, 40, sl, VoxelSize.iso(1)), VoxelSize.iso(1), true);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--json", "--voxel-size", "2,2,2", "--out",
                tmp.resolve("o").toString(), "--threads", "2");
        String out = r.out();
        assertEquals(0, r.code(), r.err());
        for (String k : new String[] {"\"voxel_size_um\": [2, 2, 2]", "\"porosity\"", "\"surface_area_um2\"", "\"specific_surface_area_per_um\"",
            "\"porosity_profile\"", "\"position_um\"", "\"open_porosity\"", "\"closed_porosity\"", "\"open_pore_count\": 0",
            "\"closed_pore_count\": 1", "\"mean_pore_diameter_um\"", "\"euler_characteristic\": 1"}) {
            assertTrue(out.contains(k), k + " in " + out);
        }
        assertTrue(Files.exists(tmp.resolve("o/ball.profile.png")));
        assertTrue(Files.readString(tmp.resolve("o/ball.profile.csv")).startsWith("plane,position_um,porosity"));
    }

    @Test
    void badInputExitsWith2AndAMessage() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze-volume", tmp.resolve("nothing.mhd").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("input not found"), r.err());
        // a value out of the range plugin.yml declares names the flag, the value and what is allowed
        r = AnalyzeCommandTest.run("analyze-volume", tmp.resolve("nothing.mhd").toString(), "--surface-fraction", "1.5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--surface-fraction") && r.err().contains("1.5") && r.err().contains("≤ 1"), r.err());
    }
}
