package org.porophase.ui.ij;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

/**
 * Showing results the way the session allows: windows on a desktop, batch-mode images in a batch
 * macro, nothing (but kept tables) headless.
 * <p>
 * Named ResultsTables accumulate rows across runs (e.g. one summary row per image of a batch
 * macro). On a desktop the table shown in its window is reused; headless (no windows) PoroPhase
 * keeps the table itself so that a macro loop still collects every row.
 */
public final class Display {
    private static final Map<String, ResultsTable> HEADLESS = new ConcurrentHashMap<>();

    private Display() {
    }

    /** Shows an image: a window, a batch-mode image, or nothing when headless outside batch mode. */
    public static void show(ImagePlus imp) {
        if (SpecDialog.isHeadless() && !Interpreter.isBatchMode()) {
            return;
        }
        imp.show();
    }

    /**
     * Reports an error: a dialog on the desktop; in batch mode or headless a Log line, so that a
     * macro looping over files goes on to the next one.
     */
    public static void error(String title, String message) {
        if (Interpreter.isBatchMode() || SpecDialog.isHeadless()) {
            ij.IJ.log(title + " error: " + message);
        } else {
            ij.IJ.error(title, message);
        }
    }

    /** The named table that accumulates rows (see the class comment). */
    public static ResultsTable table(String title) {
        if (SpecDialog.isHeadless()) {
            return HEADLESS.computeIfAbsent(title, t -> new ResultsTable());
        }
        ResultsTable shown = ResultsTable.getResultsTable(title);
        return shown != null ? shown : new ResultsTable();
    }

    /** One line for any exception: PoroPhase's own message, or the cause of an unexpected one. */
    public static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "): increase Edit › Options › Memory & Threads, or analyse a smaller region";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "unexpected " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + " (please report it)";
    }

    /** The {@code warnings} of a summary in the Log, one line each. */
    public static void logWarnings(String what, java.nio.file.Path file, Map<String, Object> summary) {
        if (summary != null && summary.get("warnings") instanceof java.util.Collection<?> c) {
            for (Object w : c) {
                ij.IJ.log(what + " warning (" + file.getFileName() + "): " + w);
            }
        }
    }
}
