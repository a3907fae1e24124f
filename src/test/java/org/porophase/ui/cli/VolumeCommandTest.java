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
    void blockwiseGivesTheSameNumbersAndRefusesWholeVolumeOptions() throws Exception {
        VoxelSize vs = new VoxelSize(1, 1, 1.5);
        BinaryVolume v = SyntheticVolumes.booleanSpheres(40, 37, 30, vs, 3, 0.3, 7).volume();
        Object[] sl = new Object[30];
        for (int z = 0; z < 30; z++) {
            byte[] s = v.slice(z).clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) (s[i] == 1 ? 40 : 200);
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("bool.nrrd");
        VolumeWriters.writeNrrd(in, VolumeWriters.arraySource(40, 37, sl, vs), vs, true);
        AnalyzeCommandTest.Run mem = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--json", "--threads", "2");
        AnalyzeCommandTest.Run blk = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--json", "--threads", "2", "--blockwise",
                "--block-size", "16", "--out", tmp.resolve("b").toString());
        assertEquals(0, blk.code(), blk.err());
        for (String k : new String[] {"\"porosity\"", "\"specific_surface_area_per_um\"", "\"euler_characteristic\"", "\"open_pore_count\"",
            "\"closed_pore_count\"", "\"percolating_porosity\"", "\"mean_local_thickness_um\"", "\"p90_um\"", "\"threshold\""}) {
            assertEquals(line(mem.out(), k), line(blk.out(), k), k);
        }
        assertTrue(blk.out().contains("\"block_size\": 16") && blk.out().contains("\"blocks\": 18"), blk.out());
        assertTrue(Files.readString(tmp.resolve("b/bool.summary.json")).contains("\"memory_per_worker_bytes\""));
        // memory per worker is stated before each pass
        assertTrue(blk.err().contains("analyze-volume: block-wise measure pass: 18 of 18 blocks (grid 3×3×2 of 16³)")
                && blk.err().contains("per worker × 2 threads"), blk.err());
        AnalyzeCommandTest.Run bad = AnalyzeCommandTest.run("analyze-volume", in.toString(), "--blockwise", "--detect-surfaces");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("detect_surfaces") && bad.err().contains("--crop"), bad.err());
    }

    /** The first line of a JSON text holding a key. */
    private static String line(String json, String key) {
        for (String l : json.split("\n")) {
            if (l.contains(key)) {
                return l.trim();
            }
        }
        throw new AssertionError(key + " not in " + json);
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
