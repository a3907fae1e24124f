package org.porophase.ui.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.phasefield.Geometry;
import org.porophase.phasefield.IdealScaffold;
import org.porophase.phasefield.PhaseFieldParameters;
import org.porophase.phasefield.PhaseFieldResult;
import org.porophase.phasefield.PhaseFieldRun;
import org.porophase.report.Json;
import org.porophase.report.OutputNames;
import org.porophase.report.PhaseFieldOutputs;

import ij.ImagePlus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code porophase phasefield}: phase-field Li plating on a segmented mask or on the ideal scaffold.
 * Writes STEM.phasefield.json, STEM.timeseries.csv, STEM.fill-vs-depth.csv, STEM.snapshots.tif (hyperstack), PNGs (STEM = the
 * mask's stem or ideal-2d / ideal-3d, see report.OutputNames; and a
 * checkpoint if asked) into --out, atomically. Exit code 0 = completed, 3 = diverged (outputs hold the
 * last good state), 1 = bad input.
 */
@Command(name = "phasefield", mixinStandardHelpOptions = true,
        description = "Phase-field Li electrodeposition (Zhang et al. 2024, eqs. 8-12) on a segmented pore mask "
                + "(255 = pore, 0 = solid; 2D image or 3D stack) or on the ideal channel scaffold (--ideal).")
public final class PhaseFieldCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MASK", description = "Binary mask (8-bit, 255 = pore, 0 = solid); omit with --ideal.")
    Path mask;

    @Option(names = "--ideal", description = "Simulate the ideal scaffold instead of a mask.")
    boolean ideal;

    @Option(names = "--3d", description = "With --ideal: 3D cylinders instead of 2D channels.")
    boolean ideal3d;

    @Option(names = "--pore-size", paramLabel = "UM", description = "Ideal channel width / cylinder diameter, µm (default from plugin.yml: 5).")
    Double poreSize;

    @Option(names = "--porosity", paramLabel = "F", description = "Ideal scaffold porosity (default 0.5).")
    Double porosity;

    @Option(names = "--width", paramLabel = "UM", description = "Ideal scaffold lateral size, µm (default 50).")
    Double width;

    @Option(names = "--height", paramLabel = "UM", description = "Ideal scaffold thickness, µm (default 48).")
    Double height;

    @Option(names = "--lattice", paramLabel = "square|hex", description = "3D ideal lattice (default square).")
    String lattice;

    @Option(names = "--time", paramLabel = "S", description = "Simulated time, s (default 1000).")
    Double time;

    @Option(names = "--current-density", paramLabel = "MA_CM2", description = "Plating current density, mA/cm² (default 0.2).")
    Double currentDensity;

    @Option(names = "--impregnation", paramLabel = "UM", description = "Initial Li impregnation depth, µm (default 5).")
    Double impregnation;

    @Option(names = "--dx", paramLabel = "UM", description = "Simulation grid spacing, µm (default 0.25).")
    Double dx;

    @Option(names = "--dt", paramLabel = "S", description = "Time step, s (default 1; 0 = automatic).")
    Double dt;

    @Option(names = "--li-side", paramLabel = "SIDE", description = "Side the Li comes from: top, bottom, left, right (2D/3D), front, back (3D first/last slice). Default top.")
    String liSide;

    @Option(names = "--pixel-size", paramLabel = "UM", description = "Mask pixel size, µm (default: the file's calibration).")
    Double pixelSize;

    @Option(names = "--config", paramLabel = "FILE", description = "Edited copy of plugin.yml with other defaults.")
    Path config;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Override any phase-field parameter of plugin.yml (repeatable), e.g. --param contact_angle_deg=90.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--snapshots", paramLabel = "N", description = "Number of snapshots including t = 0 and the end (default 10).")
    Integer snapshots;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write a checkpoint here every --checkpoint-every seconds and at the end.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "S", description = "Wall seconds between checkpoints (default 60).")
    double checkpointEvery = 60;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue a run from its checkpoint (geometry and parameters from the file; --time extends it).")
    Path resume;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (0 = all processors).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ./phasefield-out).")
    Path out = Path.of("phasefield-out");

    @Option(names = "--json", description = "Print the final metrics as JSON on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (PoroPhaseException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int run() {
        PluginConfig cfg = PluginConfig.load(config);
        PhaseFieldRun.Options o = new PhaseFieldRun.Options();
        o.snapshots = snapshots != null ? snapshots : cfg.getInt("phasefield", "snapshots");
        o.threads = threads != null ? threads : cfg.getInt("phasefield", "threads");
        o.checkpoint = checkpoint;
        o.checkpointEverySeconds = checkpointEvery;
        PhaseFieldRun run;
        if (resume != null) {
            if (checkpoint == null) {
                o.checkpoint = resume;
            }
            run = PhaseFieldRun.resume(resume, time != null ? time : -1, o);
        } else {
            PhaseFieldParameters p = PhaseFieldParameters.fromConfig(cfg);
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                try {
                    p.set(e.getKey(), Double.parseDouble(e.getValue()));
                } catch (NumberFormatException ex) {
                    throw new PoroPhaseException("--param " + e.getKey() + "=" + e.getValue() + ": the value must be a number");
                }
            }
            if (time != null) {
                p.timeS = time;
            }
            if (currentDensity != null) {
                p.currentDensityMaCm2 = currentDensity;
            }
            if (impregnation != null) {
                p.impregnationUm = impregnation;
            }
            if (dx != null) {
                p.dxUm = dx;
            }
            if (dt != null) {
                p.dtS = dt;
            }
            p.validate();
            Geometry g;
            if (ideal) {
                if (mask != null) {
                    throw new PoroPhaseException("give either a MASK or --ideal, not both");
                }
                double ps = poreSize != null ? poreSize : cfg.getDouble("phasefield", "pore_size_um");
                double por = porosity != null ? porosity : cfg.getDouble("phasefield", "porosity");
                double w = width != null ? width : cfg.getDouble("phasefield", "ideal_width_um");
                double h = height != null ? height : cfg.getDouble("phasefield", "ideal_height_um");
                String lat = lattice != null ? lattice : cfg.getString("phasefield", "ideal_lattice");
                IdealScaffold sc = ideal3d
                        ? IdealScaffold.cylinders3D(ps, por, "hex".equalsIgnoreCase(lat), w, h, p.dxUm / 2)
                        : IdealScaffold.channels2D(ps, por, w, h, p.dxUm / 4);
                g = sc.toGeometry(p);
                o.mode = String.format(Locale.ROOT, "ideal %s, pore %.4g um, porosity %.3g, width %.4g um", ideal3d ? "3D cylinders (" + lat + ")" : "2D channels",
                        ps, por, sc.widthUm);
            } else {
                if (mask == null) {
                    throw new PoroPhaseException("no MASK given: pass a binary pore mask (255 = pore) or use --ideal");
                }
                ImagePlus imp = Geometry.openMask(mask);
                String side = liSide != null ? liSide : cfg.getString("phasefield", "li_side");
                double px = pixelSize != null ? pixelSize : Double.NaN;
                g = Geometry.fromImage(imp, px, Geometry.Side.parse(side), p);
                o.mode = "mask " + mask.getFileName();
                o.input = mask;
            }
            run = new PhaseFieldRun(g, p, o);
        }
        checkNotInput(out);
        PhaseFieldRun.Listener l = new PhaseFieldRun.Listener() {
            int last = -10;

            @Override
            public void progress(double f, Map<String, Double> m) {
                int pct = (int) Math.round(100 * f);
                if (!quiet && pct >= last + 10) {
                    last = pct;
                    System.err.printf(Locale.ROOT, "phasefield: %3d%%  t=%.4g s  fill=%.4f  WCI=%.3f  V=%.4g V%n", pct, m.get("time_s"),
                            m.get("fill_fraction"), m.get("wall_creep_index"), m.get("applied_overpotential_V"));
                }
            }
        };
        PhaseFieldResult r = run.run(l);
        PhaseFieldOutputs.write(r, out);
        if (json) {
            System.out.println(Json.write(r.toJson()));
        }
        if (!"completed".equals(r.status())) {
            System.err.println("phasefield: " + r.message());
            return 3;
        }
        if (!quiet) {
            System.err.printf(Locale.ROOT, "phasefield: done, %d steps in %.2f s; outputs in %s%n", r.steps(), r.wallSeconds(), out.toAbsolutePath());
        }
        return 0;
    }

    private void checkNotInput(Path dir) {
        if (mask != null && Files.exists(mask)) {
            Path m = mask.toAbsolutePath().normalize();
            Path d = dir.toAbsolutePath().normalize();
            for (String n : PhaseFieldOutputs.names(OutputNames.stem(mask))) {
                if (d.resolve(n).equals(m)) {
                    throw new PoroPhaseException("--out " + dir + " would overwrite the input mask " + mask + ": choose another output folder");
                }
            }
        }
    }
}
