/**
 * SciJava commands for Fiji scripting (Groovy, Jython, …) and headless runs, e.g.
 * {@code cs.run(org.porophase.ui.scijava.AnalyzeCrossSectionCommand, false, "input", file).get()}.
 * Inputs default to plugin.yml (read once); outputs are typed fields (numbers, summary JSON). No menu
 * entries: the menu belongs to the ImageJ 1.x commands of {@link org.porophase.ui.ij}.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.ui.scijava.AnalyzeCrossSectionCommand}: one SEM cross-section.</li>
 * <li>{@link org.porophase.ui.scijava.AnalyzeVolumeCommand}: one XCT volume.</li>
 * <li>{@link org.porophase.ui.scijava.PhaseFieldCommand}: the phase-field model on a mask or ideal
 * channels.</li>
 * <li>{@link org.porophase.ui.scijava.CompareCommand}: real vs ideal for one image or volume.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * The only user of SciJava ({@code org.scijava}). May use every core package and
 * {@link org.porophase.report}; not picocli, ImageJ's desktop API, or the other front ends (ui.cli,
 * ui.ij).
 */
package org.porophase.ui.scijava;
