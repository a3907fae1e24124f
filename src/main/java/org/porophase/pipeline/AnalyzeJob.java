package org.porophase.pipeline;

import org.porophase.analysis.BlockwiseAnalyzer;
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
import org.porophase.core.OutputFolder;
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
 * with an output folder, written there as one whole set per input (checked against the inputs
 * first, the folder locked for the run: see {@link #batch}). A folder batch runs through {@link #batch}.
 * <p>
 * The volume parameters are bound on first use: a value that only the 2D block accepts (e.g.
 * {@code denoise: auto}) fails only for a 3D input, as that input's error.
 */
public final class AnalyzeJob {

    /** The result of one input: a section or a volume, with its summary (the JSON keys) and the files written (none without an output folder). */
    public record Outcome(SemAnalysisResult section, VolumeAnalysis volume, Map<String, Object> summary, List<Path> files) {
        public boolean isVolume() {
            return volume != null;
        }
    }

    private final SemAnalyzer sem;
    private final Supplier<PluginConfig> volumeConfig;
    private final Path out;
    private PluginConfig boundVolumeConfig;
    private String outLabel = "output folder";

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

    /** The 3D options in use (bound now if not yet). */
    public synchronized VolumeOptions volumeOptions() {
        if (boundVolumeConfig == null) {
            boundVolumeConfig = volumeConfig.get(); // bound once; a fresh options object per input (callers set progress on it)
        }
        return VolumeOptions.fromConfig(boundVolumeConfig);
    }

    /** True when {@code f} is analysed as a volume. */
    public static boolean isVolume(Path f) {
        return VolumeAnalyzer.isVolume(f);
    }

    /**
     * How the user names the output folder, for messages ({@code "--out"} on the command line,
     * {@code "output_folder"} in ImageJ and SciJava; default "output folder").
     */
    public AnalyzeJob outLabel(String label) {
        this.outLabel = label;
        return this;
    }

    /**
     * Analyses one file (2D or 3D by its content) and, when there is an output folder, writes its whole
     * output set there ({@link #batch} for the guards).
     */
    public Outcome analyze(Path f) {
        if (out == null) {
            return analyzeInto(f, null, null);
        }
        String stem = OutputNames.stem(f);
        OutputPlan.check(out, outLabel, List.of(OutputPlan.analyze(f, stem)), List.of(), List.of());
        try (OutputFolder folder = OutputFolder.open(out, outLabel, List.of(f))) {
            return analyzeInto(f, stem, folder);
        }
    }

    private Outcome analyzeInto(Path f, String stem, OutputFolder folder) {
        return analyzeTo(f, stem, folder == null ? null : folder::commitFiles);
    }

    /**
     * Where an input's whole output set goes: {@link OutputFolder#commitFiles} of the run's folder, or
     * straight into a private staging folder whose set is committed later ({@link StagedBatch}).
     */
    @FunctionalInterface
    interface Sink {
        List<Path> put(String stem, OutputFolder.Writer writer);
    }

    /** Analyses one file (2D or 3D by its content), its set given to {@code sink} (null: nothing written). */
    Outcome analyzeTo(Path f, String stem, Sink sink) {
        if (isVolume(f)) {
            return volumeInto(f, volumeOptions(), stem, sink);
        }
        SemAnalysisResult r = sem.analyze(f);
        List<Path> files = sink == null ? List.of() : sink.put(stem, d -> SemOutputs.write(r, d, stem));
        return new Outcome(r, null, r.summary(), files);
    }

    /** Analyses a file or slice folder as a volume, its set given to {@code sink} (null: nothing written). */
    Outcome volumeInto(Path f, VolumeOptions o, String stem, Sink sink) {
        if (sink != null && o.blockwise && (o.writeMask || o.saveThickness || o.saveLabels)) {
            // block-wise volumes are written by the passes themselves, into the output set's staging folder: the run goes inside the writer
            VolumeAnalysis[] held = new VolumeAnalysis[1];
            List<Path> files = sink.put(stem, d -> {
                held[0] = BlockwiseAnalyzer.analyze(f, o, d, stem);
                VolumeOutputs.write(held[0], d, stem, o.volumeFormat, o.threads, o.zarrLevels);
            });
            return new Outcome(null, held[0], volumeSummary(f.toString(), held[0]), files);
        }
        VolumeAnalysis a = VolumeAnalyzer.analyze(f, o);
        List<Path> files = sink == null ? List.of() : sink.put(stem, d -> VolumeOutputs.write(a, d, stem, o.volumeFormat, o.threads, o.zarrLevels));
        return new Outcome(null, a, volumeSummary(f.toString(), a), files);
    }

    /** Analyses a file or slice folder as a volume (whatever its kind), writing its outputs when there is an output folder. */
    public VolumeAnalysis volume(Path f) {
        return volume(f, volumeOptions());
    }

    /** As {@link #volume(Path)} with explicit options (the mask is kept for the output when {@code writeMask}). */
    public VolumeAnalysis volume(Path f, VolumeOptions o) {
        if (out == null) {
            return VolumeAnalyzer.analyze(f, o);
        }
        String stem = OutputNames.stem(f);
        OutputPlan.check(out, outLabel, List.of(OutputPlan.analyze(f, stem)), List.of(), List.of());
        try (OutputFolder folder = OutputFolder.open(out, outLabel, List.of(f))) {
            return volumeInto(f, o, stem, folder::commitFiles).volume();
        }
    }

    /**
     * Analyses an open image: a stack (more than one slice) as a volume, else as a section; writes
     * its outputs when there is an output folder (the image's file, if it has one, is protected as an input).
     */
    public Outcome analyze(ImagePlus imp, java.util.function.BiConsumer<String, Double> progress) {
        return analyze(imp, null, progress);
    }

    /**
     * As {@link #analyze(ImagePlus, java.util.function.BiConsumer)}, a section inside {@code selection} (the
     * image's area selection rasterised by the front end; null = the options' ROI, if any).
     */
    public Outcome analyze(ImagePlus imp, org.porophase.segment.Roi2D.Region selection, java.util.function.BiConsumer<String, Double> progress) {
        Path file = fileOf(imp);
        if (out == null) {
            return analyzeImage(imp, selection, progress, null, null);
        }
        String stem = imp.getStackSize() > 1 ? imp.getShortTitle() : OutputNames.stem(file != null ? file.getFileName().toString() : imp.getTitle());
        OutputPlan.check(out, outLabel, List.of(OutputPlan.analyze(file, stem)), List.of(), List.of());
        try (OutputFolder folder = OutputFolder.open(out, outLabel, file == null ? List.of() : List.of(file))) {
            return analyzeImage(imp, selection, progress, stem, folder);
        }
    }

    private Outcome analyzeImage(ImagePlus imp, org.porophase.segment.Roi2D.Region selection, java.util.function.BiConsumer<String, Double> progress,
            String stem, OutputFolder folder) {
        if (imp.getStackSize() > 1) {
            VolumeOptions o = volumeOptions();
            o.progress = progress;
            VolumeAnalysis a;
            List<Path> files;
            try (VolumeSource src = new ImagePlusSource(imp, "stack '" + imp.getTitle() + "'")) {
                if (folder != null && o.blockwise && (o.writeMask || o.saveThickness || o.saveLabels)) {
                    // block-wise volumes are written by the passes into the set's staging folder (see volumeInto)
                    VolumeAnalysis[] held = new VolumeAnalysis[1];
                    files = folder.commitFiles(stem, d -> {
                        held[0] = BlockwiseAnalyzer.analyze(src, o, d, stem).withInput(imp.getTitle(), null);
                        VolumeOutputs.write(held[0], d, stem, o.volumeFormat, o.threads, o.zarrLevels);
                    });
                    a = held[0];
                } else {
                    a = VolumeAnalyzer.analyze(src, o);
                    files = null;
                }
            }
            VolumeAnalysis va = a.withInput(imp.getTitle(), null);
            if (files == null) {
                files = folder == null ? List.of() : folder.commitFiles(stem, d -> VolumeOutputs.write(va, d, stem, o.volumeFormat, o.threads, o.zarrLevels));
            }
            return new Outcome(null, va, volumeSummary(imp.getTitle(), va), files);
        }
        SemAnalysisResult r = sem.analyze(imp, selection);
        List<Path> files = folder == null ? List.of() : folder.commitFiles(stem, d -> SemOutputs.write(r, d, stem));
        return new Outcome(r, null, r.summary(), files);
    }

    /** The file an open image was read from, or null. */
    private static Path fileOf(ImagePlus imp) {
        ij.io.FileInfo fi = imp.getOriginalFileInfo();
        if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty()) {
            return null;
        }
        Path p = Path.of(fi.directory, fi.fileName);
        return java.nio.file.Files.exists(p) ? p : null;
    }

    static Map<String, Object> volumeSummary(String input, VolumeAnalysis a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("kind", "volume");
        m.putAll(a.toJson());
        return m;
    }

    /**
     * Every file, {@code threads} at a time (≤ 0: one per core), past any that fails; with an output
     * folder and {@code summaryCsv}, {@code summary.csv} there (one row per file, failures with their
     * reason, the {@code stem} of each file's outputs).
     * <p>
     * With an output folder, the batch is guarded as a whole: every name every input will produce is
     * checked against every input before anything is written ({@link OutputPlan}: a collision is a
     * {@link org.porophase.core.PoroPhaseException}, exit 2); the folder is locked for the batch, cleaned
     * of dead runs' leftovers, and each input's set is written to a staging folder and moved in only
     * when complete, replacing the earlier set of the same stem ({@link OutputFolder}). Stems are unique
     * within the batch ({@link OutputNames#uniqueStems}).
     */
    public Batch.Result batch(List<Path> files, int threads, Batch.Progress progress, boolean summaryCsv) {
        Map<Path, String> stems = OutputNames.uniqueStems(files);
        if (out == null) {
            return Batch.run(files, stems, f -> analyzeInto(f, null, null).summary(), threads, progress);
        }
        List<OutputPlan.Entry> plan = new java.util.ArrayList<>();
        for (Path f : files) {
            plan.add(OutputPlan.analyze(f, stems.get(f)));
        }
        OutputPlan.check(out, outLabel, plan, List.of(), summaryCsv ? List.of(OutputNames.SUMMARY_CSV) : List.of());
        try (OutputFolder folder = OutputFolder.open(out, outLabel, files)) {
            Batch.Result r = Batch.run(files, stems, f -> analyzeInto(f, stems.get(f), folder).summary(), threads, progress);
            if (summaryCsv) {
                folder.writeFile(OutputNames.SUMMARY_CSV, r.toCsv());
            }
            return r;
        }
    }
}
