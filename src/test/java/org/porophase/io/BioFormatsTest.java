package org.porophase.io;

import org.porophase.core.CalibrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;
import org.porophase.analysis.SemAnalysisOptions;
import org.porophase.analysis.SemAnalysisResult;
import org.porophase.analysis.SemAnalyzer;
import org.porophase.io.fakebf.BF;
import org.porophase.synth.SemSynthesizer;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeAnalyzer;
import org.porophase.analysis.VolumeOptions;
import org.porophase.core.VolumeSource;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import org.porophase.io.fakebf.ImporterOptions;
import org.porophase.pipeline.Batch;

/**
 * The Bio-Formats path (used inside Fiji for formats PoroPhase does not read itself), exercised with
 * a stand-in for {@code loci.plugins.BF}/{@code ImporterOptions} that has the same method signatures:
 * the reflection calls, first-series handling, calibration source and error wording. Without
 * Bio-Formats (the test class path has none) the readers say which formats they read.
 */
class BioFormatsTest {
    @TempDir
    Path tmp;
    String bf;
    String opts;

    @BeforeEach
    void useStandIn() {
        bf = BioFormats.bfClass;
        opts = BioFormats.optionsClass;
        assertFalse(BioFormats.isAvailable(), "no real Bio-Formats on the test class path");
        BioFormats.bfClass = BF.class.getName();
        BioFormats.optionsClass = ImporterOptions.class.getName();
    }

    @AfterEach
    void restore() {
        BioFormats.bfClass = bf;
        BioFormats.optionsClass = opts;
    }

    @Test
    void semImageInAFormatOnlyBioFormatsReads() throws Exception {
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(SemSynthesizer.Params.builder().model(SemSynthesizer.Model.CYLINDERS)
                .width(256).height(192).pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).infoBarPx(0).seed(5).build());
        ImagePlus imp = new ImagePlus("sem", s.image());
        imp.getCalibration().pixelWidth = 0.05;
        imp.getCalibration().pixelHeight = 0.05;
        imp.getCalibration().setUnit("micron");
        Path tif = tmp.resolve("sem.tif");
        new FileSaver(imp).saveAsTiff(tif.toString());
        Path f = tmp.resolve("sem.dm3");
        BF.wrap(tif, f);
        assertTrue(BioFormats.isAvailable());
        SemImage img = SemReader.read(f, null);
        assertEquals(CalibrationSource.BIOFORMATS, img.calibration().source());
        assertEquals(0.05, img.calibration().pixelWidthUm(), 1e-12);
        assertFalse(BF.lastVirtual, "a 2D SEM image is read into memory");
        SemAnalysisResult r = new SemAnalyzer(SemAnalysisOptions.defaults()).analyze(f);
        assertEquals(((Number) s.truth().get("porosity")).doubleValue(), r.pores().porosity(), 0.01);
        assertEquals("bioformats", r.summary().get("calibration_source"));
        assertFalse(VolumeReaders.isVolume(f), "one plane: a 2D image");
        // a folder with it is analysed (the extension is a Bio-Formats one), a .pdf is skipped
        java.util.List<Path> skipped = new java.util.ArrayList<>();
        Files.writeString(tmp.resolve("report.pdf"), "%PDF");
        java.util.List<Path> files = Batch.expand(java.util.List.of(tmp), skipped);
        assertTrue(files.contains(f) && files.contains(tif), files.toString());
        assertEquals(java.util.List.of(tmp.resolve("report.pdf")), skipped);
    }

    @Test
    void fileBioFormatsCannotReadEitherGivesBothReasons() throws Exception {
        Path f = tmp.resolve("notes.xyz");
        Files.writeString(f, "meeting notes, not an image");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> SemReader.read(f, null));
        assertTrue(e.getMessage().contains("not an image file PoroPhase can read") && e.getMessage().contains("Bio-Formats could not open")
                && e.getMessage().contains("Unknown file format"), e.getMessage());
        assertEquals("meeting notes, not an image", Files.readString(f));
    }

    @Test
    void volumeInAFormatOnlyBioFormatsReads() throws Exception {
        int n = 32;
        ImageStack st = new ImageStack(n, n);
        long pore = 0;
        for (int z = 0; z < n; z++) {
            ByteProcessor bp = new ByteProcessor(n, n);
            for (int i = 0; i < n * n; i++) {
                int x = i % n;
                int y = i / n;
                boolean p = (x - 16) * (x - 16) + (y - 16) * (y - 16) < 64;
                bp.set(i, p ? 30 : 200);
                pore += p ? 1 : 0;
            }
            st.addSlice(bp);
        }
        ImagePlus imp = new ImagePlus("vol", st);
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.5;
        imp.getCalibration().pixelDepth = 1.0;
        imp.getCalibration().setUnit("micron");
        Path tif = tmp.resolve("vol.tif");
        new FileSaver(imp).saveAsTiffStack(tif.toString());
        Path f = tmp.resolve("vol.ims");
        BF.wrap(tif, f);
        assertTrue(VolumeReaders.isVolume(f), "several planes: a volume");
        assertFalse(VolumeReaders.isVolume(tmp.resolve("sem.dm3")), "a missing file is not a volume");
        try (VolumeSource src = VolumeReaders.open(f, null)) {
            assertEquals(n, src.depth());
            assertEquals(1.0, src.voxelSize().along(2), 1e-12);
        }
        assertTrue(BF.lastVirtual, "volumes are opened as virtual stacks");
        VolumeOptions o = VolumeOptions.defaults();
        o.localThickness = false;
        VolumeAnalysis a = VolumeAnalyzer.analyze(f, o);
        assertEquals(pore / (double) (n * n * n), a.porosity(), 1e-9);
    }
}
