package org.porophase.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.core.PoroPhaseException;

class PluginConfigTest {

    @Test
    void bundledDescriptorHasEveryCommandDocumented() {
        PluginConfig c = PluginConfig.defaults();
        assertEquals("PoroPhase", c.name());
        assertTrue(c.version().matches("\\d+\\.\\d+\\.\\d+.*"), c.version());
        for (CommandSpec cmd : c.commands()) {
            assertFalse(cmd.description().isBlank(), cmd.id() + " has no description");
            for (ParamSpec p : cmd.params().values()) {
                assertFalse(p.description().isBlank(), cmd.id() + "." + p.name() + " has no description");
                assertFalse(p.source().isBlank(), cmd.id() + "." + p.name() + " has no source");
            }
        }
        assertEquals("Otsu", c.getString("analyze", "threshold_method"));
        assertEquals(5.0, c.getDouble("analyze", "impregnation_depth_um"), 0);
        assertNull(c.command("analyze").param("pixel_size_um").value());
    }

    @Test
    void userCopyOverridesOnlyWhatItSets(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("my.yml");
        Files.writeString(f, "commands:\n  analyze:\n    parameters:\n      threshold_method: Li\n      impregnation_depth_um: {default: 10}\n");
        PluginConfig c = PluginConfig.load(f);
        assertEquals("Li", c.getString("analyze", "threshold_method"));
        assertEquals(10.0, c.getDouble("analyze", "impregnation_depth_um"), 0);
        assertEquals("dark", c.getString("analyze", "pores"));
        assertEquals("µm", c.command("analyze").param("impregnation_depth_um").unit());
    }

    @Test
    void badConfigsFailClearly(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "commands:\n  analyze:\n    parameters:\n      threshold_method: NoSuchMethod\n");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> PluginConfig.load(bad));
        assertTrue(e.getMessage().contains("threshold_method") && e.getMessage().contains("Otsu"), e.getMessage());
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "commands: [unclosed\n");
        assertTrue(assertThrows(PoroPhaseException.class, () -> PluginConfig.load(broken)).getMessage().contains("YAML"));
        assertTrue(assertThrows(PoroPhaseException.class, () -> PluginConfig.load(dir.resolve("none.yml")))
                .getMessage().contains("not found"));
        assertThrows(PoroPhaseException.class, () -> PluginConfig.defaults().command("nope"));
        assertThrows(PoroPhaseException.class, () -> PluginConfig.defaults().command("analyze").param("nope"));
    }

    /** Every menu entry of plugin.yml is registered once in plugins.config, and vice versa. */
    @Test
    void pluginsConfigMatchesDescriptor() throws IOException {
        Set<String> registered = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/plugins.config")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                String menu = parts[0].trim() + ">" + parts[1].trim().replace("\"", "");
                assertTrue(registered.add(menu), "registered twice: " + menu);
                String cls = parts[2].trim();
                try {
                    Class<?> k = Class.forName(cls);
                    assertTrue(ij.plugin.PlugIn.class.isAssignableFrom(k), cls + " is not a PlugIn");
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("plugins.config names a missing class " + cls);
                }
            }
        }
        Set<String> described = new HashSet<>();
        for (CommandSpec c : PluginConfig.defaults().commands()) {
            if (!c.menu().isEmpty()) {
                described.add(c.menu());
            }
        }
        assertEquals(described, registered);
    }
}
