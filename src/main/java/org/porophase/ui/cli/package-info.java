/**
 * The {@code porophase} command line ({@code java -jar porophase-cli.jar <command> …}, picocli). Each
 * command only parses options (left-out options keep the plugin.yml defaults, or those of
 * {@code --config FILE}), calls the core and prints or writes the results; errors are printed as their
 * {@link org.porophase.core.PoroPhaseException} message, without a stack trace.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.ui.cli.PoroPhaseCli}: {@code main}; exit codes 0 success, 1 some input
 * failed (the others were processed), 2 bad usage or input.</li>
 * <li>{@link org.porophase.ui.cli.AnalyzeCommand} ({@code analyze}): SEM cross-sections (files, folders,
 * globs) through {@code pipeline.SemAnalyzer} and {@code pipeline.Batch}; 3D inputs go to the volume
 * analysis.</li>
 * <li>{@link org.porophase.ui.cli.VolumeCommand} ({@code analyze-volume}): XCT volumes through
 * {@code pipeline.VolumeAnalyzer}.</li>
 * <li>{@link org.porophase.ui.cli.PhaseFieldCommand} ({@code phasefield}): the phase-field model on a
 * mask or the ideal scaffold, with checkpoint and resume; exit code 3 = diverged.</li>
 * <li>{@link org.porophase.ui.cli.CompareCommand} ({@code compare}): real vs ideal through
 * {@code pipeline.ScaffoldComparison}, one report folder per input.</li>
 * <li>{@link org.porophase.ui.cli.SynthCommand} ({@code synth}) and
 * {@link org.porophase.ui.cli.BenchCommand} ({@code bench}): synthetic images with ground truth, and
 * throughput and accuracy next to ImageJ's own particle analysis.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * The only user of picocli. May use every core package and {@link org.porophase.report}, ImageJ's data
 * classes (ImagePlus, ij.process, ij.measure, ij.plugin.filter for the bench) but not ij.gui or ImageJ's
 * desktop/macro API, SciJava, or the other front ends (ui.ij, ui.scijava).
 */
package org.porophase.ui.cli;
