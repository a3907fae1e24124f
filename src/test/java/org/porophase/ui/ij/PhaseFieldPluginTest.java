package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.Macro;

/** The Fiji command runs headless from macro options (as recorded) and writes its outputs. */
class PhaseFieldPluginTest {
    @TempDir
    Path tmp;

    @Test
    void runsHeadlessFromMacroOptions() throws Exception {
        Path out = tmp.resolve("pf");
        Thread t = new Thread(() -> {
            // the keys are the plugin.yml names; two former ones (li, output) still work
            Macro.setOptions(Thread.currentThread(), "ideal li=top pore_size_um=1.5 porosity=0.5 ideal_width_um=3 ideal_height_um=6 "
                    + "time_s=3 current_density_mA_cm2=0.2 impregnation_depth_um=2 dx_um=0.25 force dt_s=1 contact_angle_deg=45 snapshots=2 output=[" + out + "]");
            new PhaseFieldPlugin().run("");
        }, "Run$_phasefield_test");
        t.start();
        t.join(60_000);
        assertTrue(Files.isRegularFile(out.resolve("ideal-2d.phasefield.json")), "ideal-2d.phasefield.json written");
        assertTrue(Files.readString(out.resolve("ideal-2d.phasefield.json")).contains("\"status\": \"completed\""));
    }
}
