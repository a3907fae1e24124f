package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.BinaryVolume;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.OmeZarrWriter;
import org.porophase.io.VolumeReaders;
import org.porophase.io.VolumeWriters;
import org.porophase.synth.SyntheticVolumes;

/** analyze-volume on an OME-Zarr input, and --volume-format zarr for the mask output. */
class ZarrVolumeCommandTest {
    @TempDir
    Path tmp;

    private static String porosity(String json) {
        Matcher m = Pattern.compile("\"porosity\": ?([0-9.eE-]+)").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    @Test
    void zarrInputGivesTheSameResultAsNrrdAndTheMaskIsWrittenAsOmeZarr() throws Exception {
        BinaryVolume v = SyntheticVolumes.fromShape(40, 36, 30, VoxelSize.iso(2), SyntheticVolumes.ball(20, 18, 15, 9));
        Object[] sl = new Object[30];
        for (int z = 0; z < 30; z++) {
            byte[] s = v.slice(z).clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) (s[i] == 1 ? 40 : 200);
            }
            sl[z] = s;
        }
        VolumeSource src = VolumeWriters.arraySource(40, 36, sl, VoxelSize.iso(2));
        Path nrrd = tmp.resolve("ball.nrrd");
        VolumeWriters.writeNrrd(nrrd, src, VoxelSize.iso(2), true);
        Path zarr = tmp.resolve("ball.zarr");
        OmeZarrWriter.write(zarr, src, VoxelSize.iso(2), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.ZSTD, 16);

        AnalyzeCommandTest.Run a = AnalyzeCommandTest.run("analyze-volume", nrrd.toString(), "--json", "--no-local-thickness", "--threads", "2");
        assertEquals(0, a.code(), a.err());
        Path out = tmp.resolve("o");
        for (int run = 0; run < 2; run++) { // the second run replaces the first's mask folder as a whole
            AnalyzeCommandTest.Run b = AnalyzeCommandTest.run("analyze-volume", zarr.toString(), "--json", "--no-local-thickness", "--threads", "2",
                    "--save-mask", "--volume-format", "zarr", "--out", out.toString());
            assertEquals(0, b.code(), b.err());
            assertEquals(porosity(a.out()), porosity(b.out()));
            assertTrue(b.out().contains("\"voxel_size_um\": [2, 2, 2]"), b.out());
        }
        Path mask = out.resolve("ball.mask.ome.zarr");
        assertTrue(Files.isRegularFile(mask.resolve(".zattrs")));
        assertFalse(Files.exists(out.resolve("ball.mask.tif")));
        try (Stream<Path> s = Files.list(out)) {
            java.util.List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".porophase-")).toList();
            assertTrue(left.isEmpty(), "no staging or retired folder left: " + left);
        }
        try (VolumeSource m = VolumeReaders.open(mask, null)) {
            assertEquals(VoxelSize.iso(2), m.voxelSize());
            long pore = 0;
            for (int z = 0; z < 30; z++) {
                byte[] s = (byte[]) m.slice(z);
                byte[] truth = v.slice(z);
                for (int i = 0; i < s.length; i++) {
                    assertEquals(truth[i] == 1 ? (byte) 255 : 0, s[i]);
                    pore += truth[i] == 1 ? 1 : 0;
                }
            }
            assertTrue(pore > 100, "pore voxels " + pore);
        }
        // in a folder, a Zarr volume is one input like a file; PoroPhase's own mask image is not taken as one
        Path folder = tmp.resolve("batch");
        Files.createDirectories(folder);
        OmeZarrWriter.write(folder.resolve("a.zarr"), src, VoxelSize.iso(2));
        OmeZarrWriter.write(folder.resolve("b.mask.ome.zarr"), src, VoxelSize.iso(2));
        org.porophase.pipeline.Batch.Inputs in = org.porophase.pipeline.Batch.expandInputs(java.util.List.of(folder, zarr));
        assertEquals(java.util.List.of(folder.resolve("a.zarr"), zarr), in.files());
        // a bad format is refused naming the choices
        AnalyzeCommandTest.Run c = AnalyzeCommandTest.run("analyze-volume", zarr.toString(), "--volume-format", "hdf5");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("tiff") && c.err().contains("zarr"), c.err());
    }

    @Test
    void compareAndTransportTakeAZarrVolumeLikeItsTiff() throws Exception {
        Path tif = Path.of("test-images/xct_boolean_spheres_80.tif");
        Path zarr = tmp.resolve("spheres.ome.zarr");
        try (VolumeSource v = VolumeReaders.open(tif, null)) {
            OmeZarrWriter.write(zarr, v, v.voxelSize());
        }
        AnalyzeCommandTest.Run a = AnalyzeCommandTest.run("compare", tif.toString(), "--no-phasefield", "--quiet", "--json", "--out",
                tmp.resolve("ca").toString());
        AnalyzeCommandTest.Run b = AnalyzeCommandTest.run("compare", zarr.toString(), "--no-phasefield", "--quiet", "--json", "--out",
                tmp.resolve("cb").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(porosity(a.out()), porosity(b.out()));
        assertTrue(b.out().contains("\"input_sha256\":null"), "a folder input has no file hash");
        assertTrue(Files.isRegularFile(tmp.resolve("cb/spheres.ome/report.html")), "the compare report of the Zarr input");
        // transport reads it unchanged too: the same tortuosity factor as from the TIFF
        AnalyzeCommandTest.Run ta = AnalyzeCommandTest.run("transport", tif.toString(), "--threshold", "120", "--phase", "solid", "--json", "--quiet");
        AnalyzeCommandTest.Run tb = AnalyzeCommandTest.run("transport", zarr.toString(), "--threshold", "120", "--phase", "solid", "--json", "--quiet");
        assertEquals(0, ta.code(), ta.err());
        assertEquals(0, tb.code(), tb.err());
        Matcher ma = Pattern.compile("\"tortuosity_factor\": ?([0-9.eE-]+)").matcher(ta.out());
        Matcher mb = Pattern.compile("\"tortuosity_factor\": ?([0-9.eE-]+)").matcher(tb.out());
        assertTrue(ma.find() && mb.find(), ta.out());
        assertEquals(ma.group(1), mb.group(1));
    }
}
