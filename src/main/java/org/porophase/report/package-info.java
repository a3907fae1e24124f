/**
 * Everything a user gets as files: summary JSON, per-pore and profile CSV tables, QC images and
 * figures (ImageJ plots rendered headless), and the HTML report of a comparison. Each file is written
 * atomically and never over the input image. The same writers serve the CLI, the ImageJ plugins and the
 * SciJava commands.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.report.SemOutputs}: {@code write(SemAnalysisResult, Path)}, one SEM analysis:
 * {@code STEM.summary.json}, {@code STEM.pores.csv}, {@code STEM.psd.csv}, optionally the mask TIFF and
 * the QC PNG.</li>
 * <li>{@link org.porophase.report.CompareReport}: {@code write(CompareResult, Path, Path)}, the
 * real-vs-ideal report folder: summary.json, comparison.csv, PNG figures (porosity profile, pore size
 * distribution, S_c and R_J bars, phase-field ξ, snapshots, current density, fill fraction) and
 * report.html.</li>
 * <li>{@link org.porophase.report.OutputProvenance}: the provenance tag of every TIFF PoroPhase
 * writes ({@code porophase_output=} in the ImageDescription) and the test whether a file is
 * PoroPhase's output or the user's.</li>
 * <li>{@link org.porophase.core.Json} (minimal serializer: maps keep key order, non-finite numbers
 * become null) and {@link org.porophase.core.Csv} (RFC 4180, '.' decimals): the text formats.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 5: may use every package below the front ends ({@link org.porophase.core} …
 * {@link org.porophase.pipeline}) but not config, and may draw with {@code ij.gui} (Plot, Overlay,
 * Roi), {@code java.awt} and {@code javax.imageio}; never ui, picocli, SciJava or Swing. The packages
 * below hand over data (summary maps, row lists, images) and do not call into report.
 */
package org.porophase.report;
