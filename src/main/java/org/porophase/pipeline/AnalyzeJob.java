package org.porophase.pipeline;

import org.porophase.analysis.VolumeAnalyzer;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.SemAnalysisResult;
import org.porophase.analysis.SemAnalysisOptions;
import org.porophase.analysis.VolumeOptions;
import org.porophase.analysis.SemAnalyzer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.porophase.config.PluginConfig;
import org.porophase.core.OutputNames;
import org.porophase.report.SemOutputs;
import org.porophase.report.VolumeOutputs;
import org.porophase.core.VolumeSource;
import org.porophase.io.ImagePlusSource;

import ij.ImagePlus;

/**
 * The analysis use case, once for every front end: a 2D SEM cross-section or a 3D volume, chosen
 * by the input itself (a multi-page TIFF, slice folder, MetaImage, NRRD or HDF5 file, or an open
 * stack, is a volume), analysed with the {@code analyze} or {@code analyze-volume} parameters and,
 * with an output folder, written there. A folder batch runs through {@link #batch}.
 * <p>
 * The volume parameters are bound on first use: a value that only the 2D block accepts (e.g.
 * {@code denoise: auto}) fails only for a 3D input, as that input's error.
 */
public final class AnalyzeJob {

    /** The result of one input: a section or a volume, with its summary (the JSON keys). */
    public record Outcome(SemAnalysisResult section, VolumeAnalysis volume, Map<String, Object> summary) {
        public boolean isVolume() {
            return volume != null;
        }
    }

    private final SemAnalyzer sem;
    private final Supplier<PluginConfig> volumeConfig;
    private final Path out;
    private VolumeOptions volumeOptions;

    /**
     * @param sectionConfig the configuration for 2D inputs (its {@code analyze} block is used)
     * @param volumeConfig the configuration for 3D inputs (its {@code analyze-volume} block), made on first use
     * @param out output folder, or null for none
     */
    public AnalyzeJob(PluginConfig sectionConfig, Supplier<PluginConfig> volumeConfig, Path out) {
        this.sem = new SemAnalyzer(SemAnalysisOptions.fromConfig(sectionConfig).validate());
        this.volumeConfig = volumeConfig;
        this.out = out;
    }

    /** The same configuration for both kinds of input. */
    public AnalyzeJob(PluginConfig cfg, Path out) {
        this(cfg, () -> cfg, out);
    }

    /** The 2D options in use. */
    public SemAnalysisOptions sectionOptions() {
        return sem.options();
    }

    /** The 3D options in use (bound now if not yet). */
    public synchronized VolumeOptions volumeOptions() {
        if (volumeOptions == null) {
            volumeOptions = VolumeOptions.fromConfig(volumeConfig.get());
        }
        return copy(volumeOptions);
    }

    private static VolumeOptions copy(VolumeOptions v) {
        VolumeOptions o = new VolumeOptions();
        o.voxelSize = v.voxelSize;
        o.dataset = v.dataset;
        o.thresholdMethod = v.thresholdMethod;
        o.threshold = v.threshold;
        o.darkPores = v.darkPores;
        o.poreValue = v.poreValue;
        o.denoise = v.denoise;
        o.gaussianSigmaVoxels = v.gaussianSigmaVoxels;
        o.minPoreVoxels = v.minPoreVoxels;
        o.crop = v.crop;
        o.cylinder = v.cylinder;
        o.axis = v.axis;
        o.detectSurfaces = v.detectSurfaces;
        o.surfaceFraction = v.surfaceFraction;
        o.openFaces = v.openFaces;
        o.connectivity = v.connectivity;
        o.localThickness = v.localThickness;
        o.localThicknessStepVoxels = v.localThicknessStepVoxels;
        o.threads = v.threads;
        o.streaming = v.streaming;
        o.writeMask = v.writeMask;
        o.progress = v.progress;
        return o;
    }

    /** True when {@code f} is analysed as a volume. */
    public static boolean isVolume(Path f) {
        return VolumeAnalyzer.isVolume(f);
    }

    /** Analyses one file (2D or 3D by its content) and writes its outputs when there is an output folder. */
    public Outcome analyze(Path f) {
        if (isVolume(f)) {
            VolumeAnalysis a = volume(f);
            return new Outcome(null, a, volumeSummary(f.toString(), a));
        }
        SemAnalysisResult r = sem.analyze(f);
        if (out != null) {
            SemOutputs.write(r, out);
        }
        return new Outcome(r, null, r.summary());
    }

    /** Analyses a file or slice folder as a volume (whatever its kind), writing its outputs when there is an output folder. */
    public VolumeAnalysis volume(Path f) {
        return volume(f, volumeOptions());
    }

    /** As {@link #volume(Path)} with explicit options (the mask is kept for the output when {@code writeMask}). */
    public VolumeAnalysis volume(Path f, VolumeOptions o) {
        VolumeAnalysis a = VolumeAnalyzer.analyze(f, o);
        if (out != null) {
            VolumeOutputs.write(a, out, OutputNames.stem(f));
        }
        return a;
    }


    /**
     * Analyses an open image: a stack (more than one slice) as a volume, else as a section; writes
     * its outputs when there is an output folder.
     */
    public Outcome analyze(ImagePlus imp, java.util.function.BiConsumer<String, Double> progress) {
        if (imp.getStackSize() > 1) {
            VolumeOptions o = volumeOptions();
            o.progress = progress;
            VolumeAnalysis a;
            try (VolumeSource src = new ImagePlusSource(imp, "stack '" + imp.getTitle() + "'")) {
                a = VolumeAnalyzer.analyze(src, o);
            }
            a = a.withInput(imp.getTitle(), null);
            if (out != null) {
                VolumeOutputs.write(a, out, imp.getShortTitle());
            }
            return new Outcome(null, a, volumeSummary(imp.getTitle(), a));
        }
        SemAnalysisResult r = sem.analyze(imp);
        if (out != null) {
            SemOutputs.write(r, out);
        }
        return new Outcome(r, null, r.summary());
    }

    private static Map<String, Object> volumeSummary(String input, VolumeAnalysis a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("kind", "volume");
        m.putAll(a.toJson());
        return m;
    }

    /**
     * Every file, {@code threads} at a time (≤ 0: one per core), past any that fails; with an output
     * folder and {@code summaryCsv}, {@code summary.csv} there (one row per file, failures with their reason).
     */
    public Batch.Result batch(List<Path> files, int threads, Batch.Progress progress, boolean summaryCsv) {
        Batch.Result r = Batch.run(files, f -> analyze(f).summary(), threads, progress);
        if (out != null && summaryCsv) {
            Batch.writeCsv(r, out.resolve("summary.csv"));
        }
        return r;
    }
}
