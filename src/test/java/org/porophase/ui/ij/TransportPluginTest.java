package org.porophase.ui.ij;

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
        Macro.setOptions(Thread.currentThread(), "input=[" + in + "] threshold=100 axis=z output_folder=[" + out + "]");
        new TransportPlugin().run("");
        Path json = out.resolve("ch.transport.json");
        assertTrue(Files.exists(json), "json written");
        String j = Files.readString(json);
        assertTrue(j.contains("\"tortuosity_factor\": 1.0") || j.contains("\"tortuosity_factor\": 0.99999"), j);
        assertTrue(Files.exists(out.resolve("ch.potential-z.png")));
    }
}
