package org.porophase.ui.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.report.Json;
import org.porophase.pipeline.VolumeAnalysis;
import org.porophase.pipeline.VolumeAnalyzer;
import org.porophase.pipeline.VolumeOptions;
import org.porophase.core.VoxelSize;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analyze-volume}: XCT volume analysis from the command line. Options left out take their
 * defaults from plugin.yml (command {@code analyze-volume}) or from {@code --config FILE}.
 * Exit codes: 0 success, 2 bad input (the message says what to do).
 */
@Command(name = "analyze-volume", mixinStandardHelpOptions = true,
        description = "Segment an XCT volume and measure porosity (+ profile), pore surface area and S_V (Crofton), "
                + "Euler characteristic, open/closed/percolating porosity and local thickness. Input: multi-page TIFF, "
                + "slice folder, .mhd/.mha, .nrrd/.nhdr, .h5/.hdf5.")
public class VolumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Volume file or folder of slice images.")
    Path input;

    @Option(names = "--json", description = "Print the results as JSON on stdout.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write JSON, profile CSV/PNG and local-thickness histogram CSV here.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Edited copy of plugin.yml with other defaults.")
    Path config;

    @Option(names = "--voxel-size", paramLabel = "X,Y,Z", description = "Voxel size in µm (one value = cubic); overrides the file.")
    String voxelSize;

    @Option(names = "--dataset", paramLabel = "PATH", description = "HDF5 dataset path.")
    String dataset;

    @Option(names = "--axis", description = "Profile / thickness axis: x, y or z (default z).")
    String axis;

    @Option(names = "--threshold-method", description = "Auto threshold on the stack histogram (ImageJ methods; default Otsu).")
    String thresholdMethod;

    @Option(names = "--threshold", description = "Manual threshold (gray units) instead of the auto threshold.")
    Double threshold;

    @Option(names = "--pore-phase", description = "dark (default) or bright.")
    String porePhase;

    @Option(names = "--pore-value", description = "Pore label value of an already segmented volume.")
    Double poreValue;

    @Option(names = "--denoise", description = "none, median (3x3x3) or gaussian.")
    String denoise;

    @Option(names = "--gaussian-sigma", paramLabel = "VOXELS", description = "Gaussian sigma in voxels of the smallest spacing.")
    Double gaussianSigma;

    @Option(names = "--min-pore-voxels", description = "Remove pore components smaller than this (voxels).")
    Long minPoreVoxels;

    @Option(names = "--crop", paramLabel = "x0,y0,z0,w,h,d", description = "Crop box in voxels.")
    String crop;

    @Option(names = "--cylinder", description = "none, auto or cx,cy,r (voxels): round field of view along z.")
    String cylinder;

    @Option(names = "--detect-surfaces", negatable = true, description = "Restrict the analysis to the slab between the detected top and bottom surfaces.")
    Boolean detectSurfaces;

    @Option(names = "--surface-fraction", description = "Surface detection: fraction of the bulk solid fraction (default 0.5).")
    Double surfaceFraction;

    @Option(names = "--open-faces", description = "Faces that make a pore open: axis (default), all, none or e.g. z0,z1,x0.")
    String openFaces;

    @Option(names = "--connectivity", negatable = true, description = "3D labelling for open/closed/percolating porosity (default on).")
    Boolean connectivity;

    @Option(names = "--local-thickness", negatable = true, description = "Local thickness pore sizes (default on; 10 bytes/voxel).")
    Boolean localThickness;

    @Option(names = "--local-thickness-step", paramLabel = "VOXELS", description = "Local thickness level step in voxels (default 0.5).")
    Double ltStep;

    @Option(names = "--threads", description = "Worker threads (0 = all cores).")
    Integer threads;

    @Option(names = "--streaming", description = "Never hold the mask in memory (volumes larger than the heap; needs --no-local-thickness).")
    boolean streaming;

    @Option(names = "--write-mask", description = "With --out, also write the pore mask TIFF.")
    boolean writeMask;

    /** Builds the options: plugin.yml (or --config) defaults overridden by the given flags. */
    public VolumeOptions options() {
        VolumeOptions o = VolumeOptions.fromConfig(PluginConfig.load(config));
        if (voxelSize != null) {
            o.voxelSize = VoxelSize.parse(voxelSize);
        }
        if (dataset != null) {
            o.dataset = dataset;
        }
        if (axis != null) {
            o.axis = VolumeOptions.parseAxis(axis);
        }
        if (thresholdMethod != null) {
            o.thresholdMethod = thresholdMethod;
        }
        if (threshold != null) {
            o.threshold = threshold;
        }
        if (porePhase != null) {
            String p = porePhase.trim().toLowerCase(Locale.ROOT);
            if (!p.equals("dark") && !p.equals("bright")) {
                throw new PoroPhaseException("--pore-phase must be dark or bright, got '" + porePhase + "'");
            }
            o.darkPores = p.equals("dark");
        }
        if (poreValue != null) {
            o.poreValue = poreValue;
        }
        if (denoise != null) {
            o.denoise = denoise;
        }
        if (gaussianSigma != null) {
            o.gaussianSigmaVoxels = gaussianSigma;
        }
        if (minPoreVoxels != null) {
            o.minPoreVoxels = minPoreVoxels;
        }
        if (crop != null) {
            o.crop = crop;
        }
        if (cylinder != null) {
            o.cylinder = cylinder;
        }
        if (detectSurfaces != null) {
            o.detectSurfaces = detectSurfaces;
        }
        if (surfaceFraction != null) {
            o.surfaceFraction = surfaceFraction;
        }
        if (openFaces != null) {
            o.openFaces = openFaces;
        }
        if (connectivity != null) {
            o.connectivity = connectivity;
        }
        if (localThickness != null) {
            o.localThickness = localThickness;
        }
        if (ltStep != null) {
            o.localThicknessStepVoxels = ltStep;
        }
        if (threads != null) {
            o.threads = threads;
        }
        o.writeMask = writeMask || o.writeMask;
        o.streaming = streaming || o.streaming;
        o.outDir = out;
        return o;
    }

    @Override
    public Integer call() {
        PrintWriter err = new PrintWriter(System.err, true);
        PrintWriter outw = new PrintWriter(System.out, true);
        try {
            VolumeAnalysis a = VolumeAnalyzer.analyze(input, options());
            if (json) {
                outw.print(Json.pretty(a.toJson()));
                outw.flush();
            } else {
                outw.println(a.summary());
            }
            return 0;
        } catch (PoroPhaseException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the command with arguments (for tests and for dispatch from the main CLI). */
    public static int execute(String... args) {
        return new CommandLine(new VolumeCommand()).execute(args);
    }
}
