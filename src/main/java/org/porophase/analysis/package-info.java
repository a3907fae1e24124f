/**
 * The analyses of one input, computed and returned as typed results (nothing is written here; the
 * {@code report} package writes, the {@code pipeline} use cases decide what to write where).
 * <ul>
 * <li>{@link org.porophase.analysis.SemAnalyzer} ({@link org.porophase.analysis.SemAnalysisOptions} →
 * {@link org.porophase.analysis.SemAnalysisResult}) — SEM cross-section: read with calibration,
 * exclude the info bar, segment, measure (porosity, Crofton perimeter, S_c = P_p/A_t eq. 3, 4φ/δ
 * eq. 1, R_J eq. 2, eq. 7, per-pore shape, 2D local thickness).</li>
 * <li>{@link org.porophase.analysis.VolumeAnalyzer} ({@link org.porophase.analysis.VolumeOptions} →
 * {@link org.porophase.analysis.VolumeAnalysis}) — XCT volume: streaming segmentation, porosity and
 * profile, Crofton S_V (13 directions), Euler characteristic, open/closed/percolating porosity,
 * local thickness.</li>
 * <li>{@link org.porophase.analysis.ScaffoldComparison} ({@link org.porophase.analysis.CompareOptions} →
 * {@link org.porophase.analysis.CompareResult}) — real vs ideal scaffolds (Zhang et al., ACS AMI 2024,
 * eqs. 1–3): the measured sample ({@link org.porophase.analysis.RealSample}) against its ideal
 * parallel-cylinder twin with the same φ and δ, and the phase-field Li plating (eqs. 8–12) on both.</li>
 * <li>{@link org.porophase.analysis.Provenance} — input SHA-256 and software version for the outputs.</li>
 * </ul>
 * Each options class reads its block of plugin.yml ({@code fromConfig}). May use core, config, io,
 * filter, binary, segment, measure, phasefield and synth; no rendering, no files other than its input.
 */
package org.porophase.analysis;
