package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.Macro;
import ij.measure.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.synth.SemSynthesizer;

/**
 * Plugins › PoroPhase › Compare Real vs Ideal as a macro calls it, headless:
 * {@code run("Compare Real vs Ideal", "input=… output_folder=… time=… section=…")} on a file and on a
 * folder with a corrupt file (one table row each, the failure with its reason, the others done).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.porophase.ui.ij.MacroThread.class)
class ComparePluginTest {




    @Test
    void macroRunOnFileAndFolder(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().model(SemSynthesizer.Model.CYLINDERS).width(200)
                .height(150).pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).infoBarPx(24).vendor(SemSynthesizer.Vendor.FEI)
                .seed(3).build()), in.resolve("sem.tif"));
        Files.write(in.resolve("corrupt.tif"), new byte[] {'M', 'M', 0, 42, 0, 0, 0, 99});
        Path out = dir.resolve("out");
        ResultsTable t = Display.table(ComparePlugin.TABLE);
        int before = t.size();

        Macro.setOptions(Thread.currentThread(), "input=[" + in.resolve("sem.tif") + "] output_folder=[" + out + "] time_s=10 cells_per_interface=2 equilibration_s=5 "
                + "impregnation_depth_um=2 section=plan threshold_method=Otsu ");
        new ComparePlugin().run("");
        assertEquals(before + 1, t.size());
        assertEquals("ok", t.getStringValue("status", before));
        assertTrue(Files.size(out.resolve("sem").resolve("report.html")) > 1000);
        String json = Files.readString(out.resolve("sem").resolve("sem.summary.json"));
        assertTrue(json.contains("\"section\": \"plan\"") && json.contains("\"impregnation_depth_um\": 2"), json.substring(0, Math.min(400, json.length())));

        Macro.setOptions(Thread.currentThread(), "input=[" + in + "] output_folder=[" + out + "] time=10 phasefield=false ");
        new ComparePlugin().run("");
        assertEquals(before + 3, t.size(), "one row per file of the folder, the corrupt one included");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).contains("corrupt.tif,failed,"), csv.get(1));
        assertTrue(csv.get(2).contains("sem.tif,ok,"), csv.get(2));
    }
}
