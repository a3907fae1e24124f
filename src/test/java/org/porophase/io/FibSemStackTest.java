package org.porophase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * FIB-SEM / serial-section stacks: multi-page vendor TIFFs and slice folders become volumes with x, y from the
 * vendor tag and z from the metadata (Zeiss FIB milling position) or {@code --slice-spacing}. The Zeiss tag lines
 * are those of rosettasciio's ZEISS_SEM_multipage.tif ({@link VendorCalibrationTest#zeissFib}).
 */
class FibSemStackTest {
    @TempDir
    Path dir;

    private static RawTiff.Page page(int index, String sliceY, int seed) {
        return RawTiff.pattern(64, 48, seed).ascii(34118, VendorCalibrationTest.zeissFib(index, sliceY)).tag(296, RawTiff.Value.shortV(1));
    }

    private static VoxelSize open(Path p, Double spacing) {
        try (VolumeSource s = VolumeReaders.open(p, null, spacing)) {
            return s.voxelSize();
        }
    }

    private static String source(Path p, Double spacing) {
        try (VolumeSource s = VolumeReaders.open(p, null, spacing)) {
            return s.voxelSizeSource();
        }
    }

    @Test
    void zeissMultiPageStackGetsXyFromTheTagAndZFromTheMillingStep() {
        // Slice Y 2.138, 2.108, 2.078 µm: the mill advances 30 nm per page
        Path f = RawTiff.write(dir.resolve("fib.tif"), List.of(page(2, "2.138 \u00b5m", 0), page(3, "2.108 \u00b5m", 1),
                page(4, "2.078 \u00b5m", 0)), Map.of());
        assertTrue(VolumeReaders.isVolume(f));
        VoxelSize vs = open(f, null);
        assertEquals(0.01233, vs.x(), 1e-12); // AP_IMAGE_PIXEL_SIZE 12.33 nm, not AP_PIXEL_SIZE 24.65 nm
        assertEquals(0.01233, vs.y(), 1e-12);
        assertEquals(0.030, vs.z(), 1e-9);
        assertTrue(source(f, null).contains("AP_FIB_SLICE_Y steps by 0.03 µm"), source(f, null));
        // --slice-spacing wins over the metadata
        VoxelSize given = open(f, 0.05);
        assertEquals(0.05, given.z(), 0);
        assertEquals(0.01233, given.x(), 1e-12);
        assertTrue(source(f, 0.05).contains("--slice-spacing 0.05 µm"), source(f, 0.05));
    }

    @Test
    void aSinglePageVendorImageIsAOneSliceVolumeWithZEqualToX() {
        Path f = RawTiff.write(dir.resolve("one.tif"), List.of(page(2, "2.138 \u00b5m", 0)), Map.of());
        VoxelSize vs = open(f, null);
        assertEquals(0.01233, vs.x(), 1e-12);
        assertEquals(0.01233, vs.z(), 1e-12);
        assertTrue(source(f, null).contains("a single page (no slice spacing; z taken equal to x)"), source(f, null));
        assertEquals(0.2, open(f, 0.2).z(), 0);
    }

    @Test
    void withoutAMillingPositionTheSliceSpacingIsAskedFor() {
        // uneven steps (30, then 50 nm): no z from the metadata
        Path f = RawTiff.write(dir.resolve("uneven.tif"), List.of(page(2, "2.138 \u00b5m", 0), page(3, "2.108 \u00b5m", 1),
                page(4, "2.058 \u00b5m", 0)), Map.of());
        assertNull(open(f, null));
        String why = source(f, null);
        assertTrue(why.contains("x, y = 0.01233 × 0.01233 µm from zeiss") && why.contains("pass --slice-spacing"), why);
        assertEquals(0.1, open(f, 0.1).z(), 0);
    }

    @Test
    void anInchPrintResolutionIsNeverAVoxelSize() {
        // 0.01 inch per pixel (100 dpi) and no z: formerly 254 × 254 × 25 400 µm voxels
        List<RawTiff.Page> pages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pages.add(RawTiff.pattern(64, 48, i).tag(282, RawTiff.Value.rational(100, 1)).tag(283, RawTiff.Value.rational(100, 1))
                    .tag(296, RawTiff.Value.shortV(2)));
        }
        Path f = RawTiff.write(dir.resolve("dpi.tif"), pages, Map.of());
        assertNull(open(f, null));
        assertTrue(source(f, null).contains("in inches (100 dpi): a print setting"), source(f, null));
    }

    @Test
    void aSliceFolderOfZeissImagesIsAVolume() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("slices"));
        String[] ys = {"2.138 \u00b5m", "2.108 \u00b5m", "2.078 \u00b5m", "2.048 \u00b5m"};
        for (int i = 0; i < ys.length; i++) {
            RawTiff.write(folder.resolve(String.format("slice_%03d.tif", i)), List.of(page(2 + i, ys[i], i % 2)), Map.of());
        }
        VoxelSize vs = open(folder, null);
        assertEquals(0.01233, vs.x(), 1e-12);
        assertEquals(0.03, vs.z(), 1e-9);
        assertEquals(0.04, open(folder, 0.04).z(), 0);
    }
}
