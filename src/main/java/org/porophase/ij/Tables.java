package org.porophase.ij;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ij.measure.ResultsTable;

/**
 * Named ResultsTables that accumulate rows across runs (e.g. one summary row per image of a batch
 * macro). On a desktop the table shown in its window is reused; headless (no windows) PoroPhase
 * keeps the table itself so that a macro loop still collects every row.
 */
public final class Tables {
    private static final Map<String, ResultsTable> HEADLESS = new ConcurrentHashMap<>();

    private Tables() {
    }

    public static ResultsTable named(String title) {
        if (ParameterDialog.isHeadless()) {
            return HEADLESS.computeIfAbsent(title, t -> new ResultsTable());
        }
        ResultsTable shown = ResultsTable.getResultsTable(title);
        return shown != null ? shown : new ResultsTable();
    }
}
