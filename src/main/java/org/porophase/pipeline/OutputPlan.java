package org.porophase.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.porophase.core.AtomicFiles;
import org.porophase.core.OutputFolder;
import org.porophase.core.OutputNames;
import org.porophase.core.PoroPhaseException;
import org.porophase.report.OutputProvenance;

/**
 * The up-front guard that keeps inputs sacred: before a run writes anything, every file name each of
 * its inputs will produce ({@link OutputNames}: all the names the command may write for the input's
 * stem, in OUT or in its report folder OUT/STEM/, and {@code summary.csv}) is compared with every input
 * path, also through symbolic links and a symlinked output folder ({@link Path#toRealPath}). A collision
 * is refused with the fix, as bad input (exit 2), and nothing is written:
 * {@code --out s would overwrite the input s/a.mask.tif (it is the mask a.tif produces): choose another output folder}.
 * <p>
 * It also refuses to overwrite a TIFF that only has an output's name but was not written by PoroPhase
 * ({@link OutputProvenance}: the user's own {@code a.mask.tif}), to replace a report folder that holds
 * other files or an input, and to write into a slice folder that is itself an input.
 */
final class OutputPlan {
    private OutputPlan() {
    }

    /** One input's planned outputs: {@code names} in OUT, or in {@code OUT/folder/} when folder is set. */
    record Entry(Path input, String stem, List<String> names, String folder) {
        Entry {
            Objects.requireNonNull(stem, "stem");
        }
    }

    /** The planned files of {@code analyze} for one input. */
    static Entry analyze(Path input, String stem) {
        return new Entry(input, stem, OutputNames.analyzeNames(stem), null);
    }

    /** The planned report folder of {@code compare} for one input. */
    static Entry compare(Path input, String stem) {
        return new Entry(input, stem, OutputNames.compareNames(stem), stem);
    }

    /** The planned files of {@code phasefield} (the per-snapshot PNGs follow the same rule, see {@link OutputNames#belongsTo}). */
    static Entry phaseField(Path input, String stem) {
        return new Entry(input, stem, OutputNames.phaseFieldNames(stem), null);
    }

    /**
     * Throws a {@link PoroPhaseException} naming the fix when a planned output would overwrite an input.
     *
     * @param label how the user named the output folder ({@code --out}, {@code output_folder})
     * @param otherInputs files read by the run that are not in {@code entries} (a checkpoint to resume)
     * @param folderFiles files of OUT itself ({@code summary.csv})
     */
    static void check(Path out, String label, List<Entry> entries, Collection<Path> otherInputs, List<String> folderFiles) {
        String lbl = label == null ? "output folder" : label;
        Map<Path, Path> inputs = new LinkedHashMap<>();
        List<Path> all = new ArrayList<>();
        for (Entry e : entries) {
            if (e.input() != null) {
                all.add(e.input());
            }
        }
        if (otherInputs != null) {
            otherInputs.stream().filter(Objects::nonNull).forEach(all::add);
        }
        for (Path in : all) {
            inputs.put(in.toAbsolutePath().normalize(), in);
            inputs.put(OutputFolder.realOf(in), in);
        }
        Path realOut = OutputFolder.realOf(out);
        for (Path in : all) {
            if (Files.isDirectory(in)) {
                Path r = OutputFolder.realOf(in);
                if (realOut.startsWith(r)) {
                    throw new PoroPhaseException(lbl + " " + out + " is inside the input folder " + in
                            + ": choose another output folder");
                }
            }
        }
        for (Entry e : entries) {
            Path dir = e.folder() == null ? realOut : realOut.resolve(e.folder());
            Path shown = e.folder() == null ? out : out.resolve(e.folder());
            String from = e.input() == null ? e.stem() : String.valueOf(e.input().getFileName());
            if (e.folder() != null) {
                for (Map.Entry<Path, Path> in : inputs.entrySet()) {
                    if (in.getKey().startsWith(dir)) {
                        throw new PoroPhaseException(lbl + " " + out + " would replace the folder " + shown + ", which holds the input "
                                + in.getValue() + " (it is the report folder of " + from + "): choose another output folder");
                    }
                }
                checkReportFolder(dir, shown, e.stem(), lbl, out);
            }
            for (String n : e.names()) {
                Path p = dir.resolve(n);
                Path hit = inputs.get(p);
                if (hit == null) {
                    hit = inputs.get(shown.resolve(n).toAbsolutePath().normalize());
                }
                if (hit == null && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    hit = inputs.get(OutputFolder.realOf(p)); // an existing output name that links to an input
                }
                String what = OutputNames.describe(n.equals(OutputNames.REPORT_HTML) ? n : OutputNames.suffixOf(n, e.stem()));
                if (hit != null) {
                    throw new PoroPhaseException(lbl + " " + out + " would overwrite the input " + hit + " (it is the " + what + " " + from
                            + " produces): choose another output folder");
                }
                if (n.endsWith(".tif") && Files.isRegularFile(p) && !OutputProvenance.writtenByPoroPhase(p)) {
                    throw new PoroPhaseException(lbl + " " + out + " would overwrite " + shown.resolve(n)
                            + ", which PoroPhase did not write (it has the name of the " + what + " " + from
                            + " produces): choose another output folder, or move that file away");
                }
            }
        }
        if (folderFiles != null) {
            for (String n : folderFiles) {
                Path hit = inputs.get(realOut.resolve(n));
                if (hit != null) {
                    throw new PoroPhaseException(lbl + " " + out + " would overwrite the input " + hit + " (it is the "
                            + OutputNames.describe(n) + " of the run): choose another output folder");
                }
            }
        }
    }

    /** A report folder that exists must hold only PoroPhase's files of its stem: it is replaced as a whole. */
    private static void checkReportFolder(Path dir, Path shown, String stem, String lbl, Path out) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new PoroPhaseException(lbl + " " + out + ": " + shown + " is a file, not a report folder: choose another output folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                boolean ours = (OutputNames.belongsTo(n, stem) || n.equals(OutputNames.REPORT_HTML) || AtomicFiles.isTemporary(n))
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                if (!ours) {
                    throw new PoroPhaseException(lbl + " " + out + " would replace the folder " + shown + ", which holds " + n
                            + " (not a file PoroPhase writes): choose another output folder, or move that file away");
                }
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + shown + ": " + e.getMessage(), e);
        }
    }
}
