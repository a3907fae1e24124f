package org.porophase.ui.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.Macro;
import ij.measure.ResultsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.synth.SemSynthesizer;

/**
 * The ImageJ 1.x command as a macro calls it, headless: {@code run("Analyze Cross-Section", "open=… output_folder=…")}
 * (IJ.run hands the options to the plugin on a thread named "Run$_…", as done here).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.porophase.ui.ij.MacroThread.class)
class AnalyzePluginTest {




    @Test
    void macroRunOnFileAndFolder(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 1; i <= 2; i++) {
            SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(200).height(150)
                    .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).infoBarPx(24)
                    .vendor(SemSynthesizer.Vendor.FEI).seed(i).build()), in.resolve("sem" + i + ".tif"));
        }
        Files.write(in.resolve("corrupt.tif"), new byte[] {'M', 'M', 0, 42, 0, 0, 0, 99});
        Path out = dir.resolve("out");
        ResultsTable summary = Display.table(AnalyzePlugin.SUMMARY_TABLE);
        int before = summary.size();

        Macro.setOptions(Thread.currentThread(), "open=[" + in.resolve("sem1.tif") + "] threshold_method=Otsu watershed output_folder=[" + out + "] ");
        new AnalyzePlugin().run("");
        assertTrue(Files.isRegularFile(out.resolve("sem1.summary.json")));
        assertEquals(before + 1, summary.size());
        assertEquals(150, summary.getValue("rows_analyzed", before), 0);

        Macro.setOptions(Thread.currentThread(), "open=[" + in + "] output_folder=[" + out + "] ");
        new AnalyzePlugin().run("");
        assertEquals(before + 4, summary.size(), "one row per file of the folder, the corrupt one included");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(1).contains("corrupt.tif,failed,"), csv.get(1));
        assertTrue(Files.isRegularFile(out.resolve("sem2.qc.png")));
    }
}
