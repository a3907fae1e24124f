/**
 * The use cases, once for every front end: what a user asks for, from the parameters to the
 * written output set. The front ends ({@code ui.cli}, {@code ui.ij}, {@code ui.scijava}) only bind
 * the plugin.yml parameters and call these.
 * <ul>
 * <li>{@link org.porophase.pipeline.AnalyzeJob} — analyse a file, a folder or an open image: a 2D
 * section ({@link org.porophase.analysis.SemAnalyzer}) or, for stacks and 3D files, a volume
 * ({@link org.porophase.analysis.VolumeAnalyzer}); writes STEM.&lt;what&gt;.&lt;ext&gt; with an output
 * folder.</li>
 * <li>{@link org.porophase.pipeline.PhaseFieldJob} — a segmented mask or the ideal scaffold →
 * geometry → phase-field run (or a resumed checkpoint).</li>
 * <li>{@link org.porophase.pipeline.CompareJob} — real vs ideal twin
 * ({@link org.porophase.analysis.ScaffoldComparison}) and its report folder.</li>
 * <li>{@link org.porophase.pipeline.Batch} — many inputs: file expansion (folders, globs; PoroPhase's
 * own outputs never taken as inputs), one stem per input, parallel workers, one failure never stops
 * the batch, {@code summary.csv} (with the {@code stem} column).</li>
 * </ul>
 * Every use case with an output folder guards it the same way: the planned output names are checked
 * against every input before anything is written ({@code OutputPlan}, exit 2 with the fix), the folder
 * is locked for the run and each input's set is staged and moved in whole
 * ({@link org.porophase.core.OutputFolder}).
 * May use every package below it ({@code analysis} for the computations, {@code report} for the
 * files); uses no front-end library.
 */
package org.porophase.pipeline;
