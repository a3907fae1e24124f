/**
 * PoroPhase: microstructure analysis of porous ceramics (SEM cross-sections, XCT volumes) and a
 * phase-field model of Li plating into the segmented pore space, for Fiji and the command line.
 * <p>
 * Packages by concept, bottom to top (a package uses only packages of lower tiers; packages of one
 * tier do not use each other; enforced by {@code ArchitectureTest}, explained in
 * {@code docs/architecture.md}):
 * <ol start="0">
 * <li>{@link org.porophase.core}: the dimension-independent substrate (plain Java).</li>
 * <li>{@link org.porophase.config} (plugin.yml), {@link org.porophase.io} (readers, writers),
 * {@link org.porophase.filter} (denoising), {@link org.porophase.binary} (distance transforms,
 * labelling, local thickness).</li>
 * <li>{@link org.porophase.segment} (thresholds, ROIs, info bar), {@link org.porophase.measure}
 * (2D and 3D estimators).</li>
 * <li>{@link org.porophase.phasefield} (the model), {@link org.porophase.synth} (synthetic images
 * with ground truth).</li>
 * <li>{@link org.porophase.pipeline}: the use cases (analyze 2D/3D, compare, batch).</li>
 * <li>{@link org.porophase.report}: result files, figures, HTML.</li>
 * <li>{@link org.porophase.ui}: the front ends (CLI, ImageJ 1.x plugins, SciJava commands), the only
 * UI code.</li>
 * </ol>
 */
package org.porophase;
