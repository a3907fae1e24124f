package org.porophase.ui.scijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Every PoroPhase SciJava command discovered from the plugin index and run through a Context's
 * CommandService, as Fiji scripting does, on the bundled test images (truth in their .truth.json).
 */
class SciJavaCommandsTest {
    @TempDir
    static Path tmp;
    static Context ctx;
    static CommandService cs;

    @BeforeAll
    static void context() {
        ctx = new Context(CommandService.class);
        cs = ctx.service(CommandService.class);
    }

    @AfterAll
    static void close() {
        ctx.dispose();
    }

    @Test
    void allFourCommandsAreIndexedWithoutMenuEntries() {
        for (Class<? extends org.scijava.command.Command> c : List.<Class<? extends org.scijava.command.Command>>of(AnalyzeCrossSectionCommand.class, AnalyzeVolumeCommand.class, PhaseFieldCommand.class, CompareCommand.class, InfoCommand.class)) {
            CommandInfo info = info(c);
            assertTrue(info != null, c + " in the plugin index");
            assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), c + ": the menu entry is the ImageJ 1.x command (each command once)");
            assertTrue(info.getLabel().startsWith("PoroPhase: "), info.getLabel());
        }
    }

    private static <C extends org.scijava.command.Command> CommandInfo info(Class<C> c) {
        return cs.getCommand(c);
    }

    /** Image Info on the bundled FEI image: the pixel size and source of its tag, as the CLI's info. */
    @Test
    void imageInfo() throws Exception {
        CommandModule m = cs.run(InfoCommand.class, true, Map.of("input", new File("test-images/sem_cylinders_fei.tif"))).get();
        assertEquals("fei", m.getOutput("calibration_source"));
        assertTrue((Double) m.getOutput("pixel_size_um") > 0);
        assertTrue(((String) m.getOutput("info_json")).contains("\"vendor\":\"FEI / Thermo Fisher\""), (String) m.getOutput("info_json"));
    }

    /** xct_boolean_spheres_80.tif: Boolean balls, φ 0.300 analytic (0.2895 noise-free mask), S_v 0.1651 µm⁻¹ (Crofton on the noise-free mask). */
    @Test
    void analyzeVolume() throws Exception {
        Path out = tmp.resolve("vol");
        CommandModule m = cs.run(AnalyzeVolumeCommand.class, true, Map.of("input", new File("test-images/xct_boolean_spheres_80.tif"),
                "output_folder", out.toFile())).get();
        double phi = (Double) m.getOutput("porosity");
        assertEquals(0.2895, phi, 0.01);
        assertEquals(0.1651, (Double) m.getOutput("specific_surface_area_per_um"), 0.03 * 0.1651);
        assertEquals(phi, (Double) m.getOutput("open_porosity") + (Double) m.getOutput("closed_porosity"), 1e-9);
        assertTrue((Double) m.getOutput("mean_pore_diameter_um") > 5 && (Double) m.getOutput("mean_pore_diameter_um") < 8.5, "2r = 8.5 um balls, overlapping");
        assertTrue(((String) m.getOutput("summary_json")).contains("\"open_porosity\""));
        assertTrue(Files.isRegularFile(out.resolve("xct_boolean_spheres_80.profile.csv")));
    }

    /**
     * Ideal channels 2 µm wide at φ 0.5, 20 s at 0.2 mA/cm²: the run completes. The wall-creep index is of the
     * deposited Li only (issue 11; it used to read 1 here from the meniscus relaxing to its contact angle).
     */
    @Test
    void phaseFieldOnIdealChannels() throws Exception {
        CommandModule m = cs.run(PhaseFieldCommand.class, true, Map.of("options",
                "ideal pore_size_um=2 porosity=0.5 ideal_width_um=8 ideal_height_um=12 time_s=20 threads=2")).get();
        assertEquals("completed", m.getOutput("status"));
        double wci = (Double) m.getOutput("wall_creep_index");
        assertTrue(wci >= -1 && wci <= 1, "WCI " + wci);
        double ff = (Double) m.getOutput("fill_fraction");
        assertTrue(ff > 5.0 / 12 - 0.05 && ff < 1, "initial 5 um of 12 um filled, then plating: " + ff);
        assertTrue(((String) m.getOutput("result_json")).contains("\"plated_charge_mC_cm2\""));
    }

    /** sem_cylinders_tescan.tif: parallel cylinders, S_c = 4φ/δ exactly, so real and ideal agree within the Crofton tolerance. */
    @Test
    void compareWritesItsReport() throws Exception {
        Path out = tmp.resolve("cmp");
        CommandModule m = cs.run(CompareCommand.class, true, Map.of("input", new File("test-images/sem_cylinders_tescan.tif"),
                "output_folder", out.toFile(), "options", "time_s=5 equilibration_s=5 cells_per_interface=2")).get(); // the rule's coarse grid, short
        double real = (Double) m.getOutput("specific_surface_real_per_um");
        double ideal = (Double) m.getOutput("specific_surface_ideal_per_um");
        assertEquals(ideal, real, 0.03 * ideal);
        assertEquals(1 - 1 / (5 * real), (Double) m.getOutput("current_density_reduction_real"), 1e-12);
        double wci = (Double) m.getOutput("wall_creep_index_ideal");
        assertTrue(wci >= -1 && wci <= 1, "WCI " + wci); // of the deposited Li only (issue 11)
        assertTrue(Files.size(out.resolve("sem_cylinders_tescan").resolve("report.html")) > 1000);
        assertTrue(((String) m.getOutput("summary_json")).contains("\"section\":\"plan\""));
    }

    /** options are bound like macro options: an unknown key fails the command with a message naming it. */
    @Test
    void unknownOptionsKeyFails() throws Exception {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> cs.run(AnalyzeVolumeCommand.class, true,
                Map.of("input", new File("test-images/xct_boolean_spheres_80.tif"), "options", "voxelsize=1")).get());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("'voxelsize' is not known to Analyze Volume; known: config, voxel_size_um"), root.getMessage());
    }
}
