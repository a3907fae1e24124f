package org.porophase.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.binary.LocalThickness;
import org.porophase.core.AtomicFiles;
import org.porophase.core.BinaryVolume;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SyntheticVolumes;
import org.porophase.ui.cli.AnalyzeCommandTest;
import org.porophase.ui.cli.AnalyzeCommandTest.Run;

import ij.ImagePlus;
import ij.io.Opener;

/**
 * Values that select nothing or are absurd (reliability issue): a threshold outside the gray values,
 * a pore value absent from the volume, an implausible voxel size are errors naming the value and the
 * data's range (exit 2); a dense sample is a valid result; local thickness does not depend on the
 * absolute voxel size; messages keep the cause of a failed write.
 */
class ValueChecksTest {
    @TempDir
    Path tmp;

    private Path sem() {
        Path f = tmp.resolve("sem.tif");
        SemSynthesizer.write(SemSynthesizer.generate(SemSynthesizer.Params.builder().width(256).height(192)
                .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).seed(11).build()), f);
        return f;
    }

    private Path volume() {
        VoxelSize vs = VoxelSize.iso(0.85);
        SyntheticVolumes.Boolean b = SyntheticVolumes.booleanSpheres(48, 48, 48, vs, 4 * 0.85, 0.3, 5);
        byte[][] g = SyntheticVolumes.toGray(b.volume(), 60, 170, 0.8, 8, 9);
        Object[] sl = new Object[g.length];
        System.arraycopy(g, 0, sl, 0, g.length);
        Path f = tmp.resolve("vol.tif");
        VolumeWriters.writeTiff(f, VolumeWriters.toImagePlus("vol", 48, 48, sl, vs));
        return f;
    }

    @Test
    void aThresholdOutsideTheGrayValuesIsBadUsage() {
        Path f = sem();
        Run hi = AnalyzeCommandTest.run("analyze", f.toString(), "--threshold", "300", "--pixel-size", "0.05", "--json", "--quiet");
        assertEquals(2, hi.code(), hi.err());
        assertTrue(hi.err().contains("threshold 300 is above the image's maximum gray value"), hi.err());
        assertTrue(hi.err().contains("every pixel is pore"), hi.err());
        assertFalse(hi.err().contains("local thickness"), "not the misleading local-thickness message: " + hi.err());
        Run lo = AnalyzeCommandTest.run("analyze", f.toString(), "--threshold", "-1", "--pixel-size", "0.05", "--json", "--quiet");
        assertEquals(2, lo.code(), lo.err());
        assertTrue(lo.err().contains("threshold -1 is below the image's minimum gray value") && lo.err().contains("no pixel is pore"), lo.err());
        assertFalse(lo.err().contains("specific surface area must be"), lo.err());
    }

    @Test
    void aDenseSampleIsAValidResult() {
        Path f = sem();
        ImagePlus imp = new Opener().openImage(f.toString());
        int min = (int) imp.getProcessor().getStatistics().min;
        // the darkest gray value, unfiltered: a few isolated pixels at most, removed as specks → no pore
        Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--threshold", String.valueOf(min), "--denoise", "none",
                "--no-autocrop", "--pixel-size", "0.05", "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        String j = r.out();
        assertTrue(j.contains("\"porosity\":0,") || j.contains("\"porosity\":0.0,"), j);
        assertTrue(j.contains("\"specific_surface_area_per_um\":0,") || j.contains("\"specific_surface_area_per_um\":0.0,"), j);
        assertTrue(j.contains("\"current_density_reduction\":null"), j);
        assertTrue(r.err().contains("dense sample"), r.err());
    }

    @Test
    void aPoreValueOrThresholdAbsentFromTheVolumeIsBadUsage() {
        Path f = volume();
        Run pv = AnalyzeCommandTest.run("analyze-volume", f.toString(), "--pore-value", "999", "--json");
        assertEquals(2, pv.code(), pv.err());
        assertTrue(pv.err().contains("pore value 999 does not occur in the analysed volume (its values span "), pv.err());
        Run th = AnalyzeCommandTest.run("analyze-volume", f.toString(), "--threshold", "300", "--json");
        assertEquals(2, th.code(), th.err());
        assertTrue(th.err().contains("threshold 300 is above the volume's maximum gray value") && th.err().contains("every voxel is pore"), th.err());
    }

    @Test
    void anImplausibleVoxelSizeIsRefused() {
        Run r = AnalyzeCommandTest.run("analyze-volume", volume().toString(), "--voxel-size", "1e20", "--json");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("voxel size 1E+20,1E+20,1E+20 µm is not a plausible voxel spacing"), r.err());
        assertFalse(r.err().contains("NegativeArraySize"), r.err());
    }

    @Test
    void localThicknessInVoxelsDoesNotDependOnTheVoxelSize() {
        double[][] centres = {{12, 14, 15}, {30, 28, 26}, {20, 33, 12}, {35, 12, 34}};
        double[] voxels = {0.01, 0.85, 1, 1000};
        double[] mean = new double[voxels.length];
        double[] p90 = new double[voxels.length];
        // one digitized shape (balls of 7.3 voxels), the same voxels under each voxel size
        BinaryVolume shape = SyntheticVolumes.balls(48, 48, 48, VoxelSize.iso(1), centres, 7.3);
        for (int k = 0; k < voxels.length; k++) {
            double s = voxels[k];
            BinaryVolume m = new BinaryVolume(48, 48, 48, VoxelSize.iso(s));
            for (int z = 0; z < 48; z++) {
                System.arraycopy(shape.slice(z), 0, m.slice(z), 0, 48 * 48);
            }
            LocalThickness lt = LocalThickness.compute(m, 0.5, 2);
            mean[k] = lt.meanVolumeWeighted / s;
            p90[k] = lt.p90 / s;
        }
        for (int k = 1; k < voxels.length; k++) {
            assertEquals(mean[0], mean[k], 1e-9 * mean[0], "mean local thickness in voxels at " + voxels[k] + " µm vs 0.01 µm");
            assertEquals(p90[0], p90[k], 1e-9 * p90[0], "p90 in voxels at " + voxels[k] + " µm");
        }
    }

    @Test
    void aFailedWriteKeepsItsCauseAndNamesTheFile() {
        Path target = tmp.resolve("x.qc.png");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> AtomicFiles.write(target, out -> {
            // what javax.imageio does on a full disk: a generic IIOException around the operating system's error
            OutputStream full = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("No space left on device");
                }
            };
            try {
                full.write(0);
            } catch (IOException io) {
                throw new javax.imageio.IIOException("I/O error writing PNG file!", io);
            }
        }));
        assertTrue(e.getMessage().startsWith("cannot write " + target.toAbsolutePath() + ": No space left on device (I/O error writing PNG file!)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("free some space"), e.getMessage());
        assertFalse(Files.exists(target));
    }
}
