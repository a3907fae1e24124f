package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The region options reach the analysis from the command line exactly as plugin.yml declares them
 * (--roi, --roi-polygon, --roi-mask, --specimen-region, --porosity-profile, --profile-bin), and bad values
 * give the documented exit code with a message naming the fix.
 */
class RegionOptionsCliTest {

    @Test
    void roiAndProfileFlags(@TempDir Path dir) throws Exception {
        Path f = AnalyzeCommandTest.image(dir, "sec.tif", 3); // 256 × 192 scan + 32-row FEI bar
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--json", "--quiet", "--roi", "10,20,200,100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"region_source\":\"rectangle\""), r.out());
        assertTrue(r.out().contains("\"region_pixels\":20000"), r.out());
        assertTrue(r.out().contains("\"bar_method\":\"metadata\""), r.out());
        Path out = dir.resolve("out");
        r = AnalyzeCommandTest.run("analyze", f.toString(), "--quiet", "--roi-polygon", "0,0,256,0,256,150,0,150",
                "--porosity-profile", "--profile-bin", "0.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("sec.profile.csv"));
        assertEquals("bin,position_um,porosity,pore_pixels,region_pixels", csv.get(0));
        assertEquals(1 + 15, csv.size()); // 150 rows of 0.05 µm in 0.5 µm bins
        assertTrue(Files.isRegularFile(out.resolve("sec.profile.png")));
        // bad ROI: bad input, exit 2, the flag and the form named
        r = AnalyzeCommandTest.run("analyze", f.toString(), "--quiet", "--roi", "1,2,3");
        assertEquals(PoroPhaseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--roi") && r.err().contains("x,y,w,h"), r.err());
        r = AnalyzeCommandTest.run("analyze", f.toString(), "--quiet", "--specimen-region", "maybe");
        assertEquals(PoroPhaseCli.BAD_INPUT, r.code(), r.err());
    }
}
