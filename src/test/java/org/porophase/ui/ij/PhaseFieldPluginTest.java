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
            Macro.setOptions(Thread.currentThread(), "geometry=[ideal 2D channels] li=top pixel=0 pore=1.5 porosity=0.5 width=3 height=6 "
                    + "time=3 current=0.2 impregnation=2 dx=0.25 dt=1 contact=45 snapshots=2 output=[" + out + "]");
            new PhaseFieldPlugin().run("");
        }, "Run$_phasefield_test");
        t.start();
        t.join(60_000);
        assertTrue(Files.isRegularFile(out.resolve("ideal-2d.phasefield.json")), "ideal-2d.phasefield.json written");
        assertTrue(Files.readString(out.resolve("ideal-2d.phasefield.json")).contains("\"status\": \"completed\""));
    }
}
