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

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

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
        int[] rc = new int[1];
        String out = capture(() -> rc[0] = VolumeCommand.execute(in.toString(), "--json", "--voxel-size", "2,2,2", "--out",
                tmp.resolve("o").toString(), "--threads", "2"));
        assertEquals(0, rc[0], out);
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
        PrintStream old = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = VolumeCommand.execute(tmp.resolve("nothing.mhd").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, rc);
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("input not found"));
    }
}
