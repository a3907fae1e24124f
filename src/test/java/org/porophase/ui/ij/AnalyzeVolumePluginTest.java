package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.Macro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.BinaryVolume;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SyntheticVolumes;

/** The Fiji command runs headless from macro options (as recorded) and writes its outputs. */
@org.junit.jupiter.api.extension.ExtendWith(org.porophase.ui.ij.MacroThread.class)
class AnalyzeVolumePluginTest {
    @TempDir
    Path tmp;

    @Test
    void headlessMacroRun() throws Exception {
        BinaryVolume v = SyntheticVolumes.fromShape(32, 32, 24, VoxelSize.iso(1), SyntheticVolumes.ball(16, 16, 12, 7));
        Object[] sl = new Object[24];
        for (int z = 0; z < 24; z++) {
            byte[] s = v.slice(z).clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) (s[i] == 1 ? 30 : 220);
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("ball.tif");
        VolumeWriters.writeTiff(in, VolumeWriters.toImagePlus("ball", 32, 32, sl, VoxelSize.iso(0.5)));
        Path out = tmp.resolve("out");
        Macro.setOptions(Thread.currentThread(), "source=file input=[" + in + "] threshold_method=Otsu axis=z connectivity local_thickness "
                + "output_folder=[" + out + "]");
        new AnalyzeVolumePlugin().run("");
        Path json = out.resolve("ball.summary.json");
        assertTrue(Files.exists(json), "json written");
        String j = Files.readString(json);
        assertTrue(j.contains("\"closed_pore_count\": 1"), j);
        assertTrue(j.contains("\"voxel_size_um\": [0.5"), j);
    }
}
