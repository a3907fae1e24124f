/**
 * The front-end layer, the only UI code: three thin front ends that bind parameters (defaults from
 * plugin.yml through {@link org.porophase.config.PluginConfig}), call a use case of
 * {@link org.porophase.pipeline} (or {@link org.porophase.phasefield} / {@link org.porophase.synth}),
 * show results and write files through {@link org.porophase.report}.
 * <ul>
 * <li>{@link org.porophase.ui.cli}: the {@code porophase} command line (picocli).</li>
 * <li>{@link org.porophase.ui.ij}: ImageJ 1.x / Fiji menu commands, macro-recordable and headless-safe.</li>
 * <li>{@link org.porophase.ui.scijava}: SciJava commands for Fiji scripting and headless runs.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 6: may use every other package; nothing may use it. Each library stays with its front end
 * (picocli in ui.cli, SciJava in ui.scijava, ImageJ's desktop and macro API in ui.ij) and the three do
 * not depend on each other; helpers they share would live in this package itself.
 */
package org.porophase.ui;
