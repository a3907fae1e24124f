/**
 * The ImageJ 1.x / Fiji front end: the menu commands under Plugins › PoroPhase (registered in
 * {@code plugins.config}). Every command is macro-recordable (dialog keys are plugin.yml parameter
 * names), works in batch mode and headless (no dialog: macro options or defaults), shows results as
 * ResultsTables, images and plots, and writes files through {@link org.porophase.report}.
 *
 * <h2>Public API (menu commands)</h2>
 * <ul>
 * <li>{@link org.porophase.ui.ij.AnalyzePlugin}: "Analyze Cross-Section", the SEM analysis of the
 * current image, a file or a folder.</li>
 * <li>{@link org.porophase.ui.ij.AnalyzeVolumePlugin}: "Analyze Volume", the XCT analysis of the current
 * stack or a file/folder (any Bio-Formats format inside Fiji).</li>
 * <li>{@link org.porophase.ui.ij.PhaseFieldPlugin}: "Phase-Field Li Plating", on the current mask or the
 * ideal scaffold, with a live snapshot stack and Esc to cancel.</li>
 * <li>{@link org.porophase.ui.ij.ComparePlugin}: "Compare Real vs Ideal", a report folder per input.</li>
 * </ul>
 * Helpers: {@code SpecDialog} (the dialog generated from plugin.yml; macro options bound by
 * {@link org.porophase.ui.MacroOptions}) and
 * {@link org.porophase.ui.ij.Display} (windows on a desktop, batch-mode images, kept tables headless).
 *
 * <h2>Dependencies</h2>
 * The only user of ImageJ's desktop and macro API (ij.gui dialogs, WindowManager, Macro, ij.macro,
 * PlugIn). May use every core package and {@link org.porophase.report}; not picocli, SciJava, or the
 * other front ends (ui.cli, ui.scijava).
 */
package org.porophase.ui.ij;
