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
        assertEquals("dark", c.getString("analyze", "pore_phase"));
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

    @Test
    void unknownKeysInACopyAreErrorsThatNameThem(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("typo.yml");
        Files.writeString(f, "commands:\n  analyze:\n    parameters:\n      treshold_method: Li\n");
        PoroPhaseException e = assertThrows(PoroPhaseException.class, () -> PluginConfig.load(f));
        assertTrue(e.getMessage().contains("'treshold_method'") && e.getMessage().contains("threshold_method"), e.getMessage());
        Files.writeString(f, "commands:\n  analyse:\n    parameters:\n      threshold_method: Li\n");
        e = assertThrows(PoroPhaseException.class, () -> PluginConfig.load(f));
        assertTrue(e.getMessage().contains("unknown command 'analyse'") && e.getMessage().contains("analyze-volume"), e.getMessage());
        Files.writeString(f, "comands: {}\n");
        e = assertThrows(PoroPhaseException.class, () -> PluginConfig.load(f));
        assertTrue(e.getMessage().contains("'comands'"), e.getMessage());
        // a copy may not change a type or a range
        Files.writeString(f, "commands:\n  analyze:\n    parameters:\n      pixel_size_um: {default: 0.1, min: -5}\n");
        e = assertThrows(PoroPhaseException.class, () -> PluginConfig.load(f));
        assertTrue(e.getMessage().contains("'min' cannot be changed"), e.getMessage());
        // values in a copy are checked like any other
        Files.writeString(f, "commands:\n  analyze:\n    parameters:\n      pixel_size_um: -0.1\n");
        e = assertThrows(PoroPhaseException.class, () -> PluginConfig.load(f));
        assertTrue(e.getMessage().contains("pixel_size_um") && e.getMessage().contains("> 0"), e.getMessage());
    }

    @Test
    void formerNamesAreAcceptedWithAWarning(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("old.yml");
        Files.writeString(f, "commands:\n  analyze:\n    parameters:\n      pores: bright\n      manual_threshold: 90\n");
        PluginConfig c = PluginConfig.load(f);
        assertEquals("bright", c.getString("analyze", "pore_phase"));
        assertEquals(90.0, c.getDouble("analyze", "threshold"), 0);
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("now called pore_phase"), c.warnings().toString());
    }

    @Test
    void frontEndValuesAreCheckedByTheSpec() {
        PluginConfig c = PluginConfig.defaults().with("analyze", java.util.Map.of("pixel_size_um", "0.05", "watershed", "true"), "macro option");
        assertEquals(0.05, c.getDouble("analyze", "pixel_size_um"), 0);
        assertTrue(c.getBoolean("analyze", "watershed"));
        PoroPhaseException e = assertThrows(PoroPhaseException.class,
                () -> PluginConfig.defaults().with("analyze", java.util.Map.of("pixel_size_um", "abc"), "macro option"));
        assertEquals("macro option pixel_size_um = 'abc': must be a number µm; a number > 0 µm, or empty", e.getMessage());
        e = assertThrows(PoroPhaseException.class,
                () -> PluginConfig.defaults().with("phasefield", java.util.Map.of("porosity", "1.2"), "macro option"));
        assertTrue(e.getMessage().contains("porosity = 1.2 is out of range: a number > 0 and < 1"), e.getMessage());
        e = assertThrows(PoroPhaseException.class,
                () -> PluginConfig.defaults().with("phasefield", java.util.Map.of("snapshots", "2.5"), "option"));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        e = assertThrows(PoroPhaseException.class,
                () -> PluginConfig.defaults().with("compare", java.util.Map.of("output", "/x"), "macro option"));
        assertTrue(e.getMessage().contains("'output' is not a parameter of compare; known: pixel_size_um, time_s"), e.getMessage());
    }

    /** One name per concept: a parameter name used by several commands has the same type, unit and flag in each. */
    @Test
    void aNameMeansTheSameInEveryCommand() {
        java.util.Map<String, ParamSpec> seen = new java.util.HashMap<>();
        java.util.Set<String> flags = new HashSet<>();
        for (CommandSpec cmd : PluginConfig.defaults().commands()) {
            java.util.Set<String> inCommand = new HashSet<>();
            for (ParamSpec p : cmd.params().values()) {
                ParamSpec q = seen.putIfAbsent(p.name(), p);
                if (q != null) {
                    assertEquals(q.type(), p.type(), p.name() + ": type differs between " + q.command() + " and " + p.command());
                    assertEquals(q.unit(), p.unit(), p.name() + ": unit differs between " + q.command() + " and " + p.command());
                    assertEquals(q.flag(), p.flag(), p.name() + ": flag differs");
                }
                assertTrue(inCommand.add(p.flag()), cmd.id() + ": two parameters with flag " + p.flag());
                flags.add(p.flag());
            }
        }
        assertTrue(flags.contains("--pore-phase") && !flags.contains("--pores"), "pores is an alias of pore_phase");
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
