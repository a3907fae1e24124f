/**
 * Synthetic SEM cross-sections and XCT volumes with exact or analytic ground truth, for the tests, the
 * bundled test images, {@code porophase synth} and {@code porophase bench}.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.synth.SemSynthesizer}: {@code generate(Params)} renders a cross-section
 * ("SEM look": supersampled coverage, grain texture, PSF blur, shading, mixed noise, an info bar, vendor
 * calibration tags) with its pore mask and truth map; {@code write(Synthetic, Path)} writes the TIFF and
 * {@code .truth.json}. Models: parallel cylinders (RSA, exact truth) and a Boolean model of disks.</li>
 * <li>{@link org.porophase.synth.SyntheticVolumes}: Boolean spheres ({@code booleanSpheres}), parallel
 * cylinders along z ({@code parallelCylinders}), a two-layer membrane with known open, closed and
 * percolating pores ({@code bilayer}), shapes ({@code fromShape}, {@code balls}), and {@code toGray}
 * (an XCT-like 8-bit rendering).</li>
 * </ul>
 *
 * <h2>Ground truth</h2>
 * <ul>
 * <li>Parallel cylinders of diameter δ: φ exact, S = 4φ/δ (Zhang et al., ACS AMI 16 (2024) 12353,
 * eq. 1; equal to P/A of eq. 3 in a section).</li>
 * <li>Boolean models (Miles' formulae; S. N. Chiu, D. Stoyan, W. S. Kendall, J. Mecke, <i>Stochastic
 * Geometry and its Applications</i>, ch. 3): disks φ = 1 − exp(−λπr²), L_A = 2πrλ·exp(−λπr²);
 * spheres φ = 1 − exp(−λ·4πr³/3), S_V = 4πr²λ·exp(−λ·4πr³/3). The realization's own area fraction and
 * boundary length are recorded too.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 3: may use {@link org.porophase.core}, {@link org.porophase.io} (TIFF and volume writers),
 * {@link org.porophase.filter}, {@link org.porophase.binary}, {@link org.porophase.segment} and
 * {@link org.porophase.measure}; not config, phasefield, pipeline, report or ui. Deterministic: fixed
 * seeds give identical images on every machine (own bitmap font, no system fonts).
 */
package org.porophase.synth;
