package org.porophase.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import org.porophase.core.OutputNames;
import org.porophase.io.TiffTags;

/**
 * Tells PoroPhase's own output files from the user's, so that a folder listing never takes an output
 * for an input and a run never overwrites a user's file that only happens to have an output's name.
 * <p>
 * The tag: every TIFF PoroPhase writes ({@link ImageWriters#saveTiff}: masks, snapshot stacks) carries
 * the lines {@code software=PoroPhase} and {@code porophase_output=<what>.<ext>} in its ImageDescription
 * (ImageJ ignores keys it does not know); every JSON has {@code "software": "PoroPhase …"}. A TIFF
 * written by an earlier version (no tag) counts as PoroPhase's when the JSON of its set beside it
 * ({@code STEM.summary.json} or {@code STEM.phasefield.json}) says PoroPhase.
 */
public final class OutputProvenance {
    private OutputProvenance() {
    }

    /** The ImageDescription line that marks a TIFF as PoroPhase's output. */
    public static final String TIFF_KEY = "porophase_output=";
    private static final Pattern JSON_SOFTWARE = Pattern.compile("\"software\"\\s*:\\s*\"PoroPhase");

    /** ImageJ's description string with PoroPhase's tag lines added (before its closing NUL, if any). */
    static String tag(String description, String what) {
        String lines = "software=PoroPhase\n" + TIFF_KEY + (what == null ? "output" : what) + "\n";
        if (description == null || description.isEmpty()) {
            return lines;
        }
        int nul = description.indexOf('\0');
        String head = nul >= 0 ? description.substring(0, nul) : description;
        if (!head.isEmpty() && !head.endsWith("\n")) {
            head += "\n";
        }
        return head + lines + (nul >= 0 ? description.substring(nul) : "");
    }

    /** True when {@code file} is a TIFF whose ImageDescription carries PoroPhase's tag. */
    public static boolean hasTiffTag(Path file) {
        if (!Files.isRegularFile(file)) {
            return false; // a pipe or device: reading it would block (it is refused by the reader with its own message)
        }
        try {
            return TiffTags.read(file).string(TiffTags.IMAGE_DESCRIPTION).map(d -> d.contains(TIFF_KEY)).orElse(false);
        } catch (RuntimeException e) { // PoroPhaseException: not a readable TIFF
            return false;
        }
    }

    /** True for a readable TIFF file (signature checked). */
    public static boolean isTiff(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return TiffTags.isTiff(in.readNBytes(4));
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code json} is a JSON file whose first 64 KiB say {@code "software": "PoroPhase…"}. */
    public static boolean isPoroPhaseJson(Path json) {
        if (!Files.isRegularFile(json)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(json)) {
            return JSON_SOFTWARE.matcher(new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when PoroPhase wrote {@code file}, or it could not be a user's image anyway:
     * <ul>
     * <li>a TIFF: it has the tag, or its name is an output name ({@link OutputNames#isOwnOutput}) and the
     * JSON of the same stem beside it is PoroPhase's (outputs of earlier versions);</li>
     * <li>any other file with an output name (CSV, PNG, JSON, or a file too broken to be an image).</li>
     * </ul>
     * A TIFF named like an output that PoroPhase did not write (a user's own {@code a.mask.tif}) is not.
     */
    public static boolean writtenByPoroPhase(Path file) {
        String name = file.getFileName().toString();
        boolean ownName = OutputNames.isOwnOutput(name);
        if (!isTiff(file)) {
            return ownName;
        }
        if (hasTiffTag(file)) {
            return true;
        }
        if (!ownName) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String s : OutputNames.SUFFIXES) {
            if (lower.endsWith("." + s)) {
                String stem = name.substring(0, name.length() - s.length() - 1);
                Path dir = file.toAbsolutePath().getParent();
                return isPoroPhaseJson(dir.resolve(OutputNames.name(stem, OutputNames.SUMMARY_JSON)))
                        || isPoroPhaseJson(dir.resolve(OutputNames.name(stem, OutputNames.PHASEFIELD_JSON)));
            }
        }
        return false;
    }
}
