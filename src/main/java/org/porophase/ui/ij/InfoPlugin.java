package org.porophase.ui.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

import org.porophase.analysis.InputInfo;
import org.porophase.config.PluginConfig;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.SemReader;
import org.porophase.pipeline.Batch;

/**
 * Plugins › PoroPhase › Image Info: what PoroPhase reads from an image, a volume, every file of a folder or the
 * current image, without segmenting ({@link InputInfo}, the CLI's {@code info}): dimensions, bit depth, vendor,
 * pixel size and the metadata field it came from, data-bar rows, warnings. One row per input in the
 * "PoroPhase Info" table, the description and every warning in the Log. Macro-recordable and headless safe:
 * <pre>run("Image Info", "input=[/data/sem/img.tif]");</pre>
 */
public class InfoPlugin implements PlugIn {

    public static final String TABLE = "PoroPhase Info";
    /** The plugin.yml block of the command (shared with the CLI's {@code info}). */
    private static final String INFO = "info";

    @Override
    public void run(String arg) {
        try {
            runChecked();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Info", e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            Display.error("PoroPhase Info", Display.describe(e));
        }
    }

    private void runChecked() {
        SpecDialog gd = new SpecDialog("PoroPhase: Image Info", INFO)
                .addPath("input", "input (file or folder; empty = current image)", "", false, "open");
        ImagePlus current = WindowManager.getCurrentImage();
        if (!gd.show()) {
            return;
        }
        gd.logWarnings("Image Info");
        PluginConfig cfg = gd.config(INFO);
        Double spacing = cfg.command(INFO).param("slice_spacing_um").isNull() ? null
                : cfg.getDouble(INFO, "slice_spacing_um");
        boolean asVolume = cfg.getBoolean(INFO, "as_volume");
        String input = gd.fixed("input");
        List<Map<String, Object>> results = new ArrayList<>();
        if (input.isEmpty()) {
            if (current == null) {
                throw new PoroPhaseException("no image: open one first, or give input=PATH (a file or a folder)");
            }
            results.add(InputInfo.image(SemReader.fromImagePlus(current, null), current.getTitle()));
        } else {
            Path in = Path.of(input);
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(in) && asVolume) {
                files.add(in);
            } else {
                List<Path> skipped = new ArrayList<>();
                files.addAll(Files.isDirectory(in) ? Batch.expand(List.of(in), skipped) : List.of(in));
            }
            if (files.isEmpty()) {
                throw new PoroPhaseException("no image files in " + in + " (as_volume describes a folder as one slice volume)");
            }
            for (Path f : files) {
                try {
                    results.add(Files.isDirectory(f) ? InputInfo.volume(f, spacing) : InputInfo.of(f, spacing));
                } catch (PoroPhaseException e) {
                    if (files.size() == 1) {
                        throw e;
                    }
                    IJ.log("PoroPhase Info error: " + f + ": " + e.getMessage());
                }
            }
        }
        ResultsTable t = Display.table(TABLE);
        for (Map<String, Object> m : results) {
            IJ.log("PoroPhase Info: " + InputInfo.text(m).strip());
            if (m.get("warnings") instanceof List<?> w) {
                for (Object x : w) {
                    IJ.log("PoroPhase Info warning (" + m.get("file") + "): " + x);
                }
            }
            t.incrementCounter();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Number n) {
                    t.addValue(e.getKey(), n.doubleValue());
                } else if (v instanceof List<?> l) {
                    t.addValue(e.getKey(), String.join("; ", l.stream().map(String::valueOf).toList()));
                } else {
                    t.addValue(e.getKey(), v == null ? "" : String.valueOf(v));
                }
            }
        }
        t.show(TABLE);
        IJ.showStatus("PoroPhase Info: " + results.size() + " input(s) described");
    }
}
