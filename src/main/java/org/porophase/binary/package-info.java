/**
 * Operations on binary images and volumes: exact Euclidean distance transforms, connected-component
 * labelling (2D, and streaming 3D with open/closed/percolating pores) and local thickness (pore size
 * distributions), in 2D and 3D with anisotropic pixels/voxels.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.binary.PoreLabeling}: {@code labelPores(ByteProcessor)}, 8-connected pores
 * (solid 4-connected), labels in raster order of first pixel.</li>
 * <li>{@link org.porophase.binary.ComponentLabeler}: {@code label(MaskSource, int)}, 6-connected 3D
 * pores by streaming union-find (never a full label volume); face flags give open, closed and
 * percolating pores; {@code cleaned(...)} removes small components as a streamed mask.</li>
 * <li>{@link org.porophase.binary.DistanceTransform}: exact squared EDT in µm² on
 * {@code float[z][y*w+x]}, anisotropic voxels, with 2D and phase-field grid entry points (signed distance for the geometry).</li>
 * <li>{@link org.porophase.binary.PoreLabeling}: the one in-memory labelling — 2D union-find with
 * connectivity 4/8, grid labelling and flood fill with 6/18/26, one face-neighbour step.</li>
 * <li>{@link org.porophase.binary.LocalThickness}: 3D pore size distribution,
 * {@code compute(MaskSource, double, int, boolean)};
 * {@link org.porophase.binary.LocalThickness2D}: {@code of(ByteProcessor, double)} for SEM masks.</li>
 * </ul>
 *
 * <h2>Estimators</h2>
 * <ul>
 * <li>Distance transform: P. F. Felzenszwalb, D. P. Huttenlocher, "Distance transforms of sampled
 * functions", Theory of Computing 8 (2012) 415–428 (equivalent to Saito &amp; Toriwaki 1994).</li>
 * <li>Local thickness: T. Hildebrand, P. Rüegsegger, "A new method for the model-independent
 * assessment of thickness in three-dimensional images", J. Microsc. 185 (1997) 67–75; only distance-ridge
 * balls are painted (as ImageJ's Local Thickness, Dougherty &amp; Kunzelmann 2007, and BoneJ);
 * volume-weighted mean ({@code mean_pore_diameter_um}), number-weighted mean, percentiles; discretisation
 * within ±1 voxel.</li>
 * <li>Labelling: two-pass union-find; 8/4 (2D) and 6/26 (3D) pore/solid connectivity pairs.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 1: uses only {@link org.porophase.core} and {@code ij.process}.
 */
package org.porophase.binary;
