package org.porophase.ui.scijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** The SciJava command run through a Context's CommandService, as Fiji scripting does. */
class AnalyzeCrossSectionCommandTest {

    @Test
    void runsThroughCommandService() throws Exception {
        Path f = Path.of("test-images", "sem_cylinders_fei.tif");
        try (Context ctx = new Context(CommandService.class)) {
            CommandService cs = ctx.service(CommandService.class);
            assertTrue(cs.getCommand(AnalyzeCrossSectionCommand.class) != null, "command discovered from the plugin index");
            CommandModule m = cs.run(AnalyzeCrossSectionCommand.class, true, Map.of("input", new File(f.toString()))).get();
            assertEquals(0.3497, (Double) m.getOutput("porosity"), 0.01);
            assertEquals(152, (Integer) m.getOutput("pore_count"));
            assertEquals(0.4663, (Double) m.getOutput("specific_surface_area_per_um"), 0.03 * 0.4663);
            assertTrue(((String) m.getOutput("summary_json")).contains("\"calibration_source\":\"fei\""));
        }
    }
}
