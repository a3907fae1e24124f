/**
 * The dimension-independent substrate every other package builds on: the one exception type, the
 * calibration, the slice-wise volume and mask abstractions that let 2D and
 * 3D code share one model, parallel loops, memory checks and atomic file writing.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.core.PoroPhaseException}: the one exception for bad input or impossible
 * requests; its message is written for the user and printed as it is by every front end.</li>
 * <li>{@link org.porophase.core.VolumeSource}: a gray volume read slice by slice on demand (ImageJ-style
 * {@code byte[]/short[]/float[]} slices, safe for concurrent reads), so volumes larger than the heap
 * stream.</li>
 * <li>{@link org.porophase.core.BlockSource}: the same volume read box by box ({@code readBox}, {@code
 * chunkShape}) — chunked storage (Zarr, N5) and the block-wise pipeline; {@code BlockSource.of} views any
 * {@code VolumeSource} so.</li>
 * <li>{@link org.porophase.core.MaskSource}: a segmented volume, each voxel SOLID, PORE or OUTSIDE (the
 * region of interest); {@link org.porophase.core.BinaryVolume} is its in-memory form.</li>
 * <li>{@link org.porophase.core.Calibration} (with {@link org.porophase.core.CalibrationSource}): the one
 * calibration concept — spacing x, y (and z) in µm, where it came from, unit conversion
 * ({@code toMicrons}) and plausibility checks; {@link org.porophase.core.VoxelSize} is its
 * spacing-only view for volumes.</li>
 * <li>{@link org.porophase.core.Parallel}: the one parallelisation policy — a shared daemon pool,
 * chunked index loops and ordered (reproducible) sums, 0 threads = all processors.</li>
 * <li>{@link org.porophase.core.MemoryCheck}: fails early, naming the size needed, before a large
 * allocation.</li>
 * <li>{@link org.porophase.core.AtomicFiles}: every output file is written to a temporary file
 * ({@code .pp-<random>.part}) and moved over the target in one step.</li>
 * <li>{@link org.porophase.core.OutputFolder}: an output folder held by one run — advisory lock
 * ({@code OUT/.porophase.lock}), removal of dead runs' staging folders and temporaries, and each
 * input's output set written into a staging folder and moved in whole, replacing the earlier set of
 * its stem; inputs are never deleted or replaced.</li>
 * <li>Text formats and names: {@link org.porophase.core.Json} (maps keep key order, non-finite numbers
 * become null), {@link org.porophase.core.Csv} (RFC 4180, '.' decimals) and
 * {@link org.porophase.core.OutputNames} (the one output naming convention STEM.&lt;what&gt;.&lt;ext&gt;).</li>
 * <li>Helpers: {@link org.porophase.core.Slices} (ImageJ pixel arrays), {@link org.porophase.core.NaturalOrder}
 * ("slice2" before "slice10"), {@link org.porophase.core.Sha256}.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 0. Plain Java only: no ImageJ, no library, no other PoroPhase package. Every package may use
 * it.
 */
package org.porophase.core;
