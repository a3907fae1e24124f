package org.porophase.ui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;

/** The transport command: JSON keys with units, outputs, phase selection, exit codes. */
class TransportCommandTest {
    @TempDir
    Path tmp;

    /** A labelled volume: pore channels (0) along z on a pitch of 5, the rest 85; depth d. */
    private Path labelled(String name, int w, int h, int d) {
        return labelled(name, w, h, d, 0);
    }

    /** The same with the channels shifted by {@code shift} voxels in x and y (1: no channel touches the box sides). */
    private Path labelled(String name, int w, int h, int d, int shift) {
        Object[] sl = new Object[d];
        for (int z = 0; z < d; z++) {
            byte[] s = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    s[x + w * y] = (byte) ((x - shift + 5) % 5 < 2 && (y - shift + 5) % 5 < 2 ? 0 : 85);
                }
            }
            sl[z] = s;
        }
        Path in = tmp.resolve(name);
        VolumeWriters.writeNrrd(in, VolumeWriters.arraySource(w, h, sl, VoxelSize.iso(1)), VoxelSize.iso(1), true);
        return in;
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void straightChannelsJsonAndFiles() throws Exception {
        Path in = labelled("ch.nrrd", 20, 20, 16);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--voxel-size", "0.5,0.5,2",
                "--json", "--threads", "2", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        String j = r.out();
        assertEquals(0.16, number(j, "phase_fraction"), 1e-12);
        assertEquals(0.16, number(j, "relative_diffusivity"), 1e-5);
        assertEquals(1.0, number(j, "tortuosity_factor"), 1e-5);
        assertEquals(1.0, number(j, "geometric_tortuosity"), 1e-6);
        // real vs ideal vs eq. 7 of the phase: straight channels are their own ideal twin (eps); eq. 7 1 - 3f/2 = 1 - 1.5·0.84 < 0: null
        assertTrue(j.contains("\"real_vs_ideal_vs_eq7\"") && j.contains("\"bruggeman_eq7\": null"), j);
        assertEquals(0.16, number(j, "ideal"), 1e-12);
        assertEquals(number(j, "relative_diffusivity"), number(j, "real"), 0);
        assertEquals(32.0, number(j, "length_um"), 1e-9);
        assertEquals(100.0, number(j, "cross_section_um2"), 1e-9);
        assertTrue(j.contains("\"converged\": true"), j);
        assertTrue(j.contains("\"voxel_size_um\": [0.5, 0.5, 2]"), j);
        assertTrue(Files.readString(tmp.resolve("o/ch.tau-profile-z.csv")).startsWith("plane,position_um,phase_fraction,percolating_fraction"));
        assertTrue(Files.size(tmp.resolve("o/ch.potential-z.png")) > 100);
        assertTrue(Files.size(tmp.resolve("o/ch.tau-profile-z.png")) > 100); // the plot of the τ(z) CSV
        assertTrue(Files.readString(tmp.resolve("o/ch.transport.json")).contains("\"tortuosity_factor_percolating\""));
        // the solid (label 85) conducts as well, along every axis
        r = AnalyzeCommandTest.run("transport", in.toString(), "--phase-value", "85", "--axis", "x", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.84, number(r.out(), "phase_fraction"), 1e-12);
        assertTrue(number(r.out(), "tortuosity_factor") > 1.05, r.out());
    }

    @Test
    void drainageAndTheMFactorPredictionsOfStraightChannels() throws Exception {
        // 2×2-voxel channels away from the box sides: every pore voxel is 1 voxel from the solid, so the largest sphere (r = 1)
        // invades everything at once; r50 drainage = r50 local thickness = 1 µm, β = 1, τ_geod = 1: Stenzel et al. 2016 give ε^1.15 and ε
        Path in = labelled("ch.nrrd", 20, 20, 16, 1);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--voxel-size", "1", "--drainage",
                "--json", "--threads", "2", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        String j = r.out();
        assertEquals(1.0, number(j, "breakthrough_radius_um"), 1e-9);
        assertEquals(1.0, number(j, "drainage_r50_um"), 1e-9);
        assertEquals(1.0, number(j, "constriction_factor"), 1e-9);
        assertEquals(Math.pow(0.16, 1.15), number(j, "stenzel_2016"), 1e-9);
        assertEquals(0.16, number(j, "stenzel_2016_simplified"), 1e-9);
        assertTrue(Files.readString(tmp.resolve("o/ch.drainage-z.csv")).startsWith("radius_um,invaded_fraction"));
        assertTrue(Files.size(tmp.resolve("o/ch.drainage-z.png")) > 100); // the plot of the drainage CSV
    }

    @Test
    void axesWithoutPercolationAreNamedAndTheOthersComplete() throws Exception {
        Path in = labelled("ch.nrrd", 20, 20, 16);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--axis", "all", "--json",
                "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("does not percolate along x") && r.err().contains("does not percolate along y"), r.err());
        assertTrue(Files.exists(tmp.resolve("o/ch.tau-profile-z.csv")));
        assertFalse(Files.exists(tmp.resolve("o/ch.tau-profile-x.csv")));
        // a single axis that cannot be solved is bad input: exit 2, nothing written
        r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--axis", "y", "--out", tmp.resolve("p").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not percolate along y") && r.err().contains("pore"), r.err());
        assertFalse(Files.exists(tmp.resolve("p/ch.transport.json")));
    }

    @Test
    void periodicSidesLetATiltedChannelThatLeavesASidePercolate() throws Exception {
        // a pore band (label 0) drifting one voxel in x per slice, 12 wide box, 20 slices: it leaves the x = 11 side and
        // re-enters at x = 0; no-flux (= mirror) sides cut it, periodic sides do not
        int w = 12;
        int h = 6;
        int d = 20;
        Object[] sl = new Object[d];
        for (int z = 0; z < d; z++) {
            byte[] s = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    s[x + w * y] = (byte) (Math.floorMod(x - 6 - z, w) < 4 ? 0 : 85);
                }
            }
            sl[z] = s;
        }
        Path in = tmp.resolve("band.nrrd");
        VolumeWriters.writeNrrd(in, VolumeWriters.arraySource(w, h, sl, VoxelSize.iso(1)), VoxelSize.iso(1), true);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--side-boundary", "periodic",
                "--json", "--threads", "2", "--drainage", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"side_boundary\": \"periodic\""), r.out());
        assertEquals(1.0, number(r.out(), "percolation_factor"), 0);
        assertTrue(number(r.out(), "tortuosity_factor") > 1.5, r.out());
        assertTrue(Files.readString(tmp.resolve("o/band.transport.json")).contains("\"side_boundary\": \"periodic\""));
        for (String sides : new String[] {"no-flux", "mirror"}) {
            r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--side-boundary", sides);
            assertEquals(2, r.code(), sides);
            assertTrue(r.err().contains("does not percolate along z") && r.err().contains("--side-boundary periodic"), r.err());
        }
        r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--side-boundary", "wrap");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("wrap") && r.err().contains("periodic"), r.err());
    }

    @Test
    void twoPhaseSolveOfChannelsIsTheParallelBoundAndBadRatiosAreExit2() throws Exception {
        // channels along z (ε = 0.16) in a matrix at R = 0.25: parallel to the channels σ_eff/σ_phase = ε + (1 − ε)R exactly
        Path in = labelled("two.nrrd", 20, 20, 12);
        Path out = tmp.resolve("two");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--voxel-size", "1",
                "--other-phase-conductivity", "0.25", "--json", "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0.16 + 0.84 * 0.25, number(r.out(), "relative_conductivity"), 1e-5);
        assertEquals(1 / (0.16 + 0.84 * 0.25), number(r.out(), "formation_factor"), 1e-4);
        assertTrue(r.out().contains("\"omitted\"") && !r.out().contains("\"tortuosity_factor\":"), r.out());
        assertTrue(Files.readString(out.resolve("two.transport.json")).contains("\"two_phase\": true"));
        for (String bad : new String[] {"-0.5", "NaN"}) {
            Path o2 = tmp.resolve("bad" + bad);
            r = AnalyzeCommandTest.run("transport", in.toString(), "--pore-value", "0", "--voxel-size", "1",
                    "--other-phase-conductivity", bad, "--out", o2.toString());
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertTrue(r.err().contains("other-phase-conductivity") || r.err().contains("other_phase_conductivity"), r.err());
            assertFalse(Files.exists(o2), bad);
        }
    }

    @Test
    void badInputIsAClearErrorWithExitCode2() throws Exception {
        Path in = labelled("ch.nrrd", 10, 10, 4);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--phase-value", "170");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("absent") && r.err().contains("label 170"), r.err());
        r = AnalyzeCommandTest.run("transport", in.toString(), "--axis", "w");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--axis") && r.err().contains("w"), r.err());
        Path flat = labelled("flat.nrrd", 10, 10, 1);
        r = AnalyzeCommandTest.run("transport", flat.toString(), "--pore-value", "0", "--axis", "z");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("1 voxel thick along z"), r.err());
        // a volume with no solid: the pore phase fills the box, τ = 1 trivially, said in a warning; the solid is absent (exit 2,
        // nothing written) and the drainage has no wall (exit 2)
        Object[] sl = new Object[4];
        for (int z = 0; z < 4; z++) {
            sl[z] = new byte[100];
        }
        Path empty = tmp.resolve("allpore.nrrd");
        VolumeWriters.writeNrrd(empty, VolumeWriters.arraySource(10, 10, sl, VoxelSize.iso(1)), VoxelSize.iso(1), true);
        r = AnalyzeCommandTest.run("transport", empty.toString(), "--pore-value", "0", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.0, number(r.out(), "tortuosity_factor"), 1e-9);
        assertTrue(r.out().contains("fills the whole box (no other phase"), r.out());
        r = AnalyzeCommandTest.run("transport", empty.toString(), "--pore-value", "0", "--phase", "solid", "--out", tmp.resolve("e").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the phase 'solid' is absent"), r.err());
        assertFalse(Files.exists(tmp.resolve("e/allpore.transport.json")));
        r = AnalyzeCommandTest.run("transport", empty.toString(), "--pore-value", "0", "--drainage", "--out", tmp.resolve("e").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("there is no pore wall"), r.err());
        assertFalse(Files.exists(tmp.resolve("e/allpore.transport.json")));
        // a 2D mask: all = x and y; the solid percolates both ways
        r = AnalyzeCommandTest.run("transport", flat.toString(), "--phase-value", "85", "--axis", "all", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"x\": {") && r.out().contains("\"y\": {") && !r.out().contains("\"z\": {"), r.out());
    }

    /**
     * A 2D SEM image with a black data bar: the bar is left out as analyze leaves it out (here from the FEI metadata),
     * otherwise its 60 black rows would be a pore band that "conducts" along x.
     */
    @Test
    void aSemImagesDataBarIsNotAPhase() throws Exception {
        org.porophase.synth.SemSynthesizer.Synthetic syn = org.porophase.synth.SemSynthesizer.generate(org.porophase.synth.SemSynthesizer.Params
                .builder().model(org.porophase.synth.SemSynthesizer.Model.CYLINDERS).width(200).height(150).pixelSizeUm(0.1).poreDiameterUm(1.5)
                .porosity(0.3).infoBarPx(40).vendor(org.porophase.synth.SemSynthesizer.Vendor.FEI).seed(3).build());
        Path in = tmp.resolve("sem.tif");
        org.porophase.synth.SemSynthesizer.write(syn, in);
        int fullHeight = ij.IJ.openImage(in.toString()).getHeight();
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("transport", in.toString(), "--phase", "solid", "--axis", "x", "--json", "-q");
        assertEquals(0, r.code(), r.err());
        String j = r.out();
        assertTrue(j.contains("data bar excluded: rows 150"), j);
        Matcher m = Pattern.compile("\"dimensions\": \\[(\\d+), (\\d+), 1\\]").matcher(j);
        assertTrue(m.find(), j);
        assertEquals(150, Integer.parseInt(m.group(2)), "rows of the scan only, of " + fullHeight);
        assertTrue(fullHeight > 150);
        // the pores of a plan view are isolated: along x the pore phase does not percolate once the bar is gone
        AnalyzeCommandTest.Run p = AnalyzeCommandTest.run("transport", in.toString(), "--phase", "pore", "--axis", "x", "-q");
        assertEquals(2, p.code(), p.out() + p.err());
        assertTrue(p.err().contains("does not percolate along x"), p.err());
    }
}
