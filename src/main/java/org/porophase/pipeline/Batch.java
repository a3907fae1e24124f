package org.porophase.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.porophase.core.InvalidValueException;
import org.porophase.core.MemoryCheck;
import org.porophase.core.PoroPhaseException;
import org.porophase.io.TiffTags;
import org.porophase.io.BioFormats;
import org.porophase.io.InputFiles;
import org.porophase.io.VolumeReaders;
import org.porophase.core.AtomicFiles;
import org.porophase.core.Csv;
import org.porophase.core.NaturalOrder;
import org.porophase.core.OutputNames;
import org.porophase.report.OutputProvenance;

/**
 * Runs one analysis over many files: in parallel across files (one worker per core, as far as the
 * heap holds the files running together: see {@link #run(List, Task, int, Progress, ToLongFunction, long)}),
 * past any bad file (its error is recorded, the others go on), with one summary row per file in input
 * order. Outputs already written for finished files are never touched by a later failure.
 * Each file gets a stem unique within the batch ({@link OutputNames#uniqueStems}: {@code d1/x.tif} and
 * {@code d2/x.tif} give {@code x__d1} and {@code x__d2}), reported in {@code summary.csv}'s {@code stem}
 * column. The use cases ({@link AnalyzeJob#batch}, {@link CompareJob#batch}) hold the output folder's lock
 * for the whole batch, and every worker writes its input's set through it ({@link org.porophase.core.OutputFolder}).
 */
public final class Batch {

    /** The analysis of one file: returns its summary (scalar values go into the combined CSV). */
    @FunctionalInterface
    public interface Task {
        Map<String, Object> run(Path file) throws Exception;
    }

    /** Progress callback: called once per finished file (from worker threads). */
    @FunctionalInterface
    public interface Progress {
        void done(int finished, int total, Path file, String error);
    }

    /** The outcome of a batch. */
    public static final class Result {
        private final List<Path> files;
        private final List<Map<String, Object>> summaries;
        private final Map<Path, String> errors;
        private final List<String> stems;

        private final boolean allBadValues;

        Result(List<Path> files, List<String> stems, List<Map<String, Object>> summaries, Map<Path, String> errors, boolean allBadValues) {
            this.files = files;
            this.stems = stems;
            this.summaries = summaries;
            this.errors = errors;
            this.allBadValues = allBadValues;
        }

        /**
         * True when every file failed and each because of a parameter value it cannot honour
         * ({@link InvalidValueException}: a threshold outside its gray values, …): the request was
         * wrong, nothing was analysed, and front ends answer as for bad usage (exit code 2).
         */
        public boolean allFailedForBadValues() {
            return allBadValues;
        }

        /** The stem of each file's outputs (unique within the batch, {@link OutputNames#uniqueStems}), in input order. */
        public List<String> stems() {
            return stems;
        }

        public List<Path> files() {
            return files;
        }

        /** Summaries in input order; {@code null} where the file failed. */
        public List<Map<String, Object>> summaries() {
            return summaries;
        }

        /** File → error message, in input order. */
        public Map<Path, String> errors() {
            return errors;
        }

        public int failed() {
            return errors.size();
        }

        /**
         * One row per file: file, status, error, warnings, stem (the STEM of its files in the output
         * folder: which input went where), then every scalar summary value.
         */
        public String toCsv() {
            return Csv.table(columns(), rows());
        }

        /** The column names of {@link #toCsv()}: file, status, error, warnings, stem, then every scalar summary key. */
        public List<String> columns() {
            List<String> header = new ArrayList<>();
            header.add("file");
            header.add("status");
            header.add("error");
            header.add("warnings");
            header.add("stem");
            header.addAll(keys());
            return header;
        }

        /** The scalar summary keys, in the order they first appear. */
        private Set<String> keys() {
            Set<String> keys = new LinkedHashSet<>();
            for (Map<String, Object> s : summaries) {
                if (s != null) {
                    for (Map.Entry<String, Object> e : s.entrySet()) {
                        if (isScalar(e.getValue())) {
                            keys.add(e.getKey());
                        }
                    }
                }
            }
            keys.remove("warnings");
            keys.remove("stem");
            return keys;
        }

        /** The rows of {@link #toCsv()} (typed values: numbers stay numbers), one per file in input order. */
        public List<List<Object>> rows() {
            Set<String> keys = keys();
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                List<Object> row = new ArrayList<>();
                Map<String, Object> s = summaries.get(i);
                row.add(files.get(i).toString());
                row.add(s == null ? "failed" : "ok");
                row.add(s == null ? errors.get(files.get(i)) : "");
                row.add(s == null || !(s.get("warnings") instanceof java.util.Collection<?> w) ? ""
                        : String.join("; ", w.stream().map(String::valueOf).toList()));
                row.add(stems.get(i));
                for (String k : keys) {
                    row.add(s == null ? null : s.get(k));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static boolean isScalar(Object v) {
        return v == null || v instanceof Number || v instanceof Boolean || v instanceof CharSequence;
    }

    private Batch() {
    }

    /** Runs {@code task} on every file with {@code threads} workers (≤ 0: one per core); stems {@link OutputNames#uniqueStems}, memory by {@link #estimateBytes}. */
    public static Result run(List<Path> files, Task task, int threads, Progress progress) {
        return run(files, OutputNames.uniqueStems(files), task, threads, progress);
    }

    /**
     * Runs {@code task} on every file with {@code threads} workers (≤ 0: one per core); {@code stems}
     * says where each file's outputs go (the task looks its own up; {@link Result#stems()} reports them);
     * memory by {@link #estimateBytes} within the available heap.
     */
    public static Result run(List<Path> files, Map<Path, String> stems, Task task, int threads, Progress progress) {
        return run(files, stems, task, threads, progress, Batch::estimateBytes, MemoryCheck.available());
    }

    /** As the full {@code run}, with the default stems. */
    public static Result run(List<Path> files, Task task, int threads, Progress progress, ToLongFunction<Path> estimate, long budgetBytes) {
        return run(files, null, task, threads, progress, estimate, budgetBytes);
    }

    /**
     * Runs {@code task} on every file with up to {@code threads} workers (≤ 0: one per core), in
     * parallel only as far as memory allows.
     * <p>
     * <b>Memory budget.</b> Each file's peak heap is estimated before it starts ({@code estimate},
     * by default {@link #estimateBytes}: pixels from the header × bytes per pixel). A file runs only
     * when the sum of the estimates of the files running with it stays within {@code budgetBytes}
     * (a fair semaphore of MiB permits, so files start in input order and a large one is not
     * starved); a file whose own estimate exceeds the budget runs alone. An {@link OutOfMemoryError}
     * of a file that ran beside others is retried once, alone, after the parallel pass; one that
     * still fails (or ran alone) is reported as "out of memory while analysing x.tif (needs ≈ N GiB
     * with K files in parallel): run with --threads 1 or more heap (-Xmx)".
     *
     * @param stems       the stem of each file's outputs (null: {@link OutputNames#stem})
     * @param estimate    peak heap bytes of one file's task (≤ 0: unknown, counted as nothing)
     * @param budgetBytes heap the concurrent tasks may use together (typically {@link MemoryCheck#available()})
     */
    public static Result run(List<Path> files, Map<Path, String> stems, Task task, int threads, Progress progress, ToLongFunction<Path> estimate,
            long budgetBytes) {
        int n = files.size();
        int workers = Math.max(1, Math.min(n, threads > 0 ? threads : Runtime.getRuntime().availableProcessors()));
        List<Map<String, Object>> summaries = new ArrayList<>(n);
        String[] errs = new String[n];
        boolean[] badValue = new boolean[n];
        boolean[] oomBesideOthers = new boolean[n];
        long[] need = new long[n];
        for (int i = 0; i < n; i++) {
            summaries.add(null);
            long e;
            try {
                e = estimate == null ? 0 : estimate.applyAsLong(files.get(i));
            } catch (RuntimeException ex) {
                e = 0; // the task itself will report what is wrong with the file
            }
            need[i] = Math.max(0, e);
        }
        int budgetMiB = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes >> 20));
        Semaphore memory = new Semaphore(budgetMiB, true);
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "porophase-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                final int idx = i;
                futures.add(pool.submit(() -> {
                    Path f = files.get(idx);
                    // a file larger than the whole budget takes all of it, so it runs alone
                    int permits = (int) Math.min(budgetMiB, Math.max(1, (need[idx] + (1 << 20) - 1) >> 20));
                    memory.acquireUninterruptibly(permits);
                    String error;
                    try {
                        error = runOne(task, f, idx, summaries, badValue);
                    } finally {
                        memory.release(permits);
                    }
                    if (OUT_OF_MEMORY.equals(error)) {
                        if (workers > 1) {
                            oomBesideOthers[idx] = true; // retried alone below
                            return;
                        }
                        error = outOfMemory(f, need[idx], 1);
                    }
                    errs[idx] = error;
                    if (progress != null) {
                        progress.done(finished.incrementAndGet(), n, f, error);
                    }
                }));
            }
            for (Future<?> fu : futures) {
                try {
                    fu.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // files that ran out of memory beside others: once more, one at a time
        for (int i = 0; i < n; i++) {
            if (!oomBesideOthers[i]) {
                continue;
            }
            System.gc();
            String error = runOne(task, files.get(i), i, summaries, badValue);
            if (OUT_OF_MEMORY.equals(error)) {
                error = outOfMemory(files.get(i), need[i], workers);
            }
            errs[i] = error;
            if (progress != null) {
                progress.done(finished.incrementAndGet(), n, files.get(i), error);
            }
        }
        Map<Path, String> errors = new LinkedHashMap<>();
        boolean allBadValues = n > 0;
        for (int i = 0; i < n; i++) {
            if (errs[i] != null) {
                errors.put(files.get(i), errs[i]);
            }
            allBadValues &= errs[i] != null && badValue[i];
        }
        List<String> st = new ArrayList<>(n);
        for (Path f : files) {
            st.add(stems == null ? OutputNames.stem(f) : stems.getOrDefault(f, OutputNames.stem(f)));
        }
        return new Result(new ArrayList<>(files), st, summaries, errors, allBadValues);
    }

    /** What {@link #runOne} returns for an {@link OutOfMemoryError} (a NUL-prefixed marker, never a message). */
    private static final String OUT_OF_MEMORY = "\u0000out of memory";

    /** Runs one file; returns its error message (null = done, {@link #OUT_OF_MEMORY} = OutOfMemoryError). */
    private static String runOne(Task task, Path f, int idx, List<Map<String, Object>> summaries, boolean[] badValue) {
        try {
            summaries.set(idx, task.run(f));
            return null;
        } catch (OutOfMemoryError e) {
            return OUT_OF_MEMORY;
        } catch (Exception e) {
            badValue[idx] = e instanceof InvalidValueException;
            return message(e);
        }
    }

    /**
     * The reason a file failed, as the summary lists it: the message of a {@link PoroPhaseException}
     * (it names the input and the fix), else the exception's class and message.
     */
    static String message(Exception e) {
        return e instanceof PoroPhaseException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String outOfMemory(Path f, long need, int parallel) {
        long max = Runtime.getRuntime().maxMemory();
        String needs = need > 0 ? "needs ≈ " + MemoryCheck.human(need) : "needs more than the heap";
        if (parallel > 1) {
            return "out of memory while analysing " + f.getFileName() + " (" + needs + " with up to " + parallel + " files in parallel, the heap has "
                    + MemoryCheck.human(max) + ", and it failed again alone): give Java more heap (java -Xmx…; Fiji: Edit › Options › Memory) or analyse a smaller region";
        }
        return "out of memory while analysing " + f.getFileName() + " (" + needs + ", the heap has " + MemoryCheck.human(max)
                + "): give Java more heap (java -Xmx…; Fiji: Edit › Options › Memory), run with --threads 1, or analyse a smaller region";
    }

    /** Peak heap bytes per pixel of a 2D SEM analysis (measured: a 4096² 8-bit image with --out needs 400–450 MiB = 25–28 B/pixel). */
    public static final long SEM_BYTES_PER_PIXEL = 28;
    /**
     * Peak heap bytes per voxel of a volume analysis with its mask in memory: the mask 1 B, local
     * thickness 6 B ({@code LocalThickness.memoryNeeded}), one more for the labelling and slices in flight.
     */
    public static final long VOLUME_BYTES_PER_VOXEL = 8;

    /**
     * Estimated peak heap of analysing {@code f}, bytes: pixels × ({@link #SEM_BYTES_PER_PIXEL} +
     * bytes per sample) for an image, voxels × ({@link #VOLUME_BYTES_PER_VOXEL} + bytes per sample)
     * for a volume. Pixels come from the TIFF header (width × height × samples; pages = file size /
     * uncompressed page size, at least 1) or the PNG header; for other formats from the file size
     * (JPEG ×10 for its compression; a MetaImage/NRRD header's data file beside it counts). 0 when
     * the file cannot be read (its task will say why).
     */
    public static long estimateBytes(Path f) {
        if (!Files.isRegularFile(f)) {
            return 0; // a pipe or device: never opened here (its task refuses it with the reason)
        }
        try {
            long size = Files.size(f);
            String ext = extension(f.getFileName().toString());
            switch (ext) {
                case "tif": case "tiff": {
                    TiffTags t = TiffTags.read(f);
                    long w = first(t, 256);
                    long h = first(t, 257);
                    long spp = Math.max(1, first(t, 277));
                    long bps = Math.max(1, (Math.max(8, first(t, 258)) + 7) / 8);
                    if (w <= 0 || h <= 0) {
                        return size * SEM_BYTES_PER_PIXEL;
                    }
                    long page = w * h * spp * bps;
                    long pages = Math.max(1, size / Math.max(1, page));
                    long px = w * h * pages;
                    return px * ((pages > 1 ? VOLUME_BYTES_PER_VOXEL : SEM_BYTES_PER_PIXEL) + bps * spp);
                }
                case "png": {
                    byte[] head = new byte[24];
                    try (var in = Files.newInputStream(f)) {
                        if (in.readNBytes(head, 0, 24) == 24) {
                            long w = java.nio.ByteBuffer.wrap(head, 16, 4).getInt() & 0xffffffffL;
                            long h = java.nio.ByteBuffer.wrap(head, 20, 4).getInt() & 0xffffffffL;
                            return w * h * (SEM_BYTES_PER_PIXEL + 4);
                        }
                    }
                    return size * SEM_BYTES_PER_PIXEL;
                }
                case "jpg": case "jpeg":
                    return 10 * size * SEM_BYTES_PER_PIXEL;
                case "mhd": case "nhdr": {
                    long data = 0;
                    try (Stream<Path> sib = Files.list(f.toAbsolutePath().getParent())) {
                        String stem = org.porophase.core.OutputNames.stem(f);
                        data = sib.filter(p -> !p.equals(f.toAbsolutePath()) && p.getFileName().toString().startsWith(stem + "."))
                                .mapToLong(p -> {
                                    try {
                                        return Files.size(p);
                                    } catch (IOException e) {
                                        return 0;
                                    }
                                }).max().orElse(0);
                    }
                    return Math.max(size, data) * VOLUME_BYTES_PER_VOXEL;
                }
                case "mha": case "nrrd": case "h5": case "hdf5": case "he5":
                    return size * VOLUME_BYTES_PER_VOXEL;
                default:
                    return size * SEM_BYTES_PER_PIXEL;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long first(TiffTags t, int id) {
        return t.get(id).map(tag -> tag.numbers() != null && tag.numbers().length > 0 ? tag.numbers()[0] : 0L).orElse(0L);
    }

    /** File extensions analysed as images. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif",
            "mhd", "mha", "nrrd", "nhdr", "h5", "hdf5", "he5");
    /**
     * Microscopy and tomography formats that Bio-Formats reads: included in a folder's files only when
     * Bio-Formats is available (inside Fiji), skipped otherwise.
     */
    public static final Set<String> BIOFORMATS_EXTENSIONS = Set.of("dm3", "dm4", "czi", "lsm", "zvi", "nd2", "lif", "oib", "oif", "ims",
            "ics", "ids", "emi", "ser", "mrc", "rec", "st", "ali", "dcm", "dicom", "nii", "fits", "fit", "vsi", "scn", "svs", "sif", "lei",
            "ome", "btf", "spe", "klb");
    /** Files of these kinds sit beside images (vendor sidecars, our outputs) and are not reported. */
    private static final Set<String> SIDECAR_EXTENSIONS = Set.of("txt", "hdr", "json", "csv", "md", "raw", "html", "yml", "yaml", "sh", "ijm", "log");

    /**
     * The inputs of a batch after expansion: the files to analyse (each once, in order), the entries
     * skipped as not images, PoroPhase's own outputs skipped in folders and globs, and warnings (an
     * output named explicitly, a file given twice).
     */
    public record Inputs(List<Path> files, List<Path> skipped, List<Path> ownOutputs, List<String> warnings) {
        /**
         * The lines every front end prints on standard error about this expansion: one per skipped file
         * with its reason, one for PoroPhase's own outputs found in folders (never taken as inputs), and
         * one per warning.
         */
        public List<String> reportLines() {
            List<String> lines = new java.util.ArrayList<>();
            for (Path s : skipped) {
                lines.add("skipped " + s + ": " + skipReason(s));
            }
            if (!ownOutputs.isEmpty()) {
                lines.add("skipped " + ownOutputs.size() + " PoroPhase output file(s) (" + ownOutputs.get(0).getFileName()
                        + (ownOutputs.size() > 1 ? ", …" : "") + "): outputs are not analysed again; name one explicitly to analyse it");
            }
            for (String w : warnings) {
                lines.add("warning: " + w);
            }
            return lines;
        }
    }

    /**
     * Expands inputs: a file stays itself; a folder gives its image files (natural sort, no
     * recursion, PoroPhase's own outputs skipped); a glob pattern ({@code *}, {@code ?}) matches file
     * names in its folder. Files with other extensions are returned in {@code skipped}. See
     * {@link #expandInputs} for what counts as an own output.
     */
    public static List<Path> expand(Collection<Path> inputs, List<Path> skipped) {
        Inputs in = expandInputs(inputs);
        if (skipped != null) {
            skipped.addAll(in.skipped());
        }
        return in.files();
    }

    /**
     * Expands inputs as {@link #expand}, keeping what was left out. PoroPhase's own outputs are never
     * taken from a folder or glob, so that a run into the input folder ({@code analyze dir --out dir})
     * does not analyse its own masks and plots on the next run: a file is one when its name is an output
     * name ({@link OutputNames#isOwnOutput}) or it carries PoroPhase's provenance tag, except a TIFF of
     * an output's name that PoroPhase did not write ({@link OutputProvenance#writtenByPoroPhase}: the
     * user's own {@code a.mask.tif} is an image like any other, and the output check then protects it).
     * Named explicitly as a file, an output is analysed, with a warning. A file given twice is analysed once.
     */
    public static Inputs expandInputs(Collection<Path> inputs) {
        List<Path> out = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<Path> own = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path in : inputs) {
            String name = in.getFileName() == null ? "" : in.getFileName().toString();
            if (name.contains("*") || name.contains("?")) {
                Path dir = in.getParent() == null ? Path.of(".") : in.getParent();
                java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + name);
                out.addAll(listImages(dir, p -> m.matches(p.getFileName()), skipped, own));
            } else if (Files.isDirectory(in) && !VolumeReaders.isChunked(in)) {
                out.addAll(listImages(in, p -> true, skipped, own));
            } else if (!Files.exists(in)) {
                throw new PoroPhaseException("input not found: " + in + " (give an existing image file, a folder or a glob such as 'sem/*.tif')");
            } else {
                if (isOwnOutputFile(in)) {
                    warnings.add(in + ": is an output PoroPhase wrote; analysing it because it was named as an input");
                }
                out.add(in);
            }
        }
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path f : out) {
            if (seen.add(f.toAbsolutePath().normalize())) {
                files.add(f);
            } else {
                warnings.add(f + ": given more than once; analysed once");
            }
        }
        return new Inputs(files, skipped, own, warnings);
    }

    /** True when PoroPhase wrote {@code f}: an output's name (a TIFF only when it is PoroPhase's), or its provenance tag. */
    static boolean isOwnOutputFile(Path f) {
        String n = f.getFileName().toString();
        if (isOwnOutput(n)) {
            return OutputProvenance.writtenByPoroPhase(f);
        }
        String ext = extension(n);
        return (ext.equals("tif") || ext.equals("tiff")) && OutputProvenance.hasTiffTag(f);
    }

    private static List<Path> listImages(Path dir, java.util.function.Predicate<Path> filter, List<Path> skipped, List<Path> own) {
        if (!Files.isDirectory(dir)) {
            throw new PoroPhaseException("folder not found: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // a Zarr / N5 folder inside is one volume, like a file
            files = new ArrayList<>(s.filter(p -> !Files.isDirectory(p) || VolumeReaders.isChunked(p)).filter(filter).toList());
        } catch (IOException e) {
            throw new PoroPhaseException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
        files.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        List<Path> images = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            String ext = extension(n);
            if (n.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(f)) { // a chunked volume (the filter above); PoroPhase's own STEM.mask.ome.zarr is an output
                (isOwnOutput(n) ? own : images).add(f);
                continue;
            }
            if (!Files.isRegularFile(f)) {
                // a pipe, device or socket in the folder: reading it would block; skipped with a note (skipReason)
                if (skipped != null) {
                    skipped.add(f);
                }
                continue;
            }
            boolean image = IMAGE_EXTENSIONS.contains(ext) || (BIOFORMATS_EXTENSIONS.contains(ext) && BioFormats.isAvailable());
            if (image && isOwnOutputFile(f)) {
                own.add(f);
            } else if (image) {
                images.add(f);
            } else if (!isOwnOutput(n) && !SIDECAR_EXTENSIONS.contains(ext) && skipped != null) {
                skipped.add(f);
            }
        }
        return images;
    }

    /** Why {@link #expand} skipped a file, for the note a front end prints: "not an image file" or "not a regular file (…)". */
    public static String skipReason(Path f) {
        return InputFiles.isSpecial(f) ? "not a regular file (" + InputFiles.kind(f) + "), not read" : "not an image file";
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Names PoroPhase writes next to its results ({@code x.mask.tif}, {@code x.qc.png}, …). */
    static boolean isOwnOutput(String name) {
        return org.porophase.core.OutputNames.isOwnOutput(name);
    }

    /** Writes the combined CSV atomically (a use case with an output folder writes it through its {@link org.porophase.core.OutputFolder}). */
    public static void writeCsv(Result r, Path file) {
        AtomicFiles.writeString(file, r.toCsv());
    }
}
