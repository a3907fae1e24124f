package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeAnalyzer;
import org.porophase.analysis.VolumeOptions;
import org.porophase.core.Calibration;
import org.porophase.core.VoxelSize;

/** Implausible voxel sizes are warned about with the fix: a MetaImage spacing in µm read as mm (the ITK convention). */
class VolumePlausibilityTest {
    @TempDir
    Path dir;

    @Test
    void ranges() {
        assertNull(Calibration.volumeWarning(VoxelSize.iso(0.85), "x"));
        assertNull(Calibration.volumeWarning(new VoxelSize(0.005, 0.005, 0.03), "FIB-SEM"));
        String coarse = Calibration.volumeWarning(VoxelSize.iso(850), "MetaImage ElementSpacing, read in mm");
        assertTrue(coarse.contains("850,850,850 µm") && coarse.contains("1000× too large") && coarse.contains("--voxel-size"), coarse);
        assertTrue(Calibration.volumeWarning(VoxelSize.iso(2e-4), "x").contains("outside the usual XCT / FIB-SEM range"));
        assertNull(Calibration.semWarning(0.005, "x"));
        assertTrue(Calibration.semWarning(60, "fei").contains("outside the usual SEM range 0.1 nm … 50 µm"));
        assertTrue(Calibration.semWarning(5e-5, "sis").contains("--pixel-size"));
        assertEquals("total_pore_area_px2", Calibration.pixelUnitKey("total_pore_area_um2"));
        assertEquals("specific_surface_area_per_px", Calibration.pixelUnitKey("specific_surface_area_per_um"));
        assertEquals("ecd_px", Calibration.pixelUnitKey("ecd_um"));
        assertEquals("porosity", Calibration.pixelUnitKey("porosity"));
    }

    @Test
    void aMetaImageSpacingReadAsMillimetresIsWarnedAbout() throws Exception {
        int n = 16;
        byte[] raw = new byte[n * n * 4];
        for (int i = 0; i < raw.length; i++) {
            int x = i % n;
            int y = (i / n) % n;
            raw[i] = (byte) (Math.hypot(x - 8, y - 8) < 4 ? 30 : 200);
        }
        Files.write(dir.resolve("v.raw"), raw);
        Path mhd = dir.resolve("v.mhd");
        Files.writeString(mhd, "ObjectType = Image\nNDims = 3\nDimSize = 16 16 4\nElementType = MET_UCHAR\nElementSpacing = 0.85 0.85 0.85\n"
                + "ElementDataFile = v.raw\n");
        VolumeOptions o = VolumeOptions.defaults();
        o.localThickness = false;
        VolumeAnalysis a = VolumeAnalyzer.analyze(mhd, o);
        assertTrue(a.warnings().stream().anyMatch(w -> w.contains("850,850,850 µm") && w.contains("read as mm")), a.warnings().toString());
    }
}
