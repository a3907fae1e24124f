/**
 * The dimension-independent substrate every other package builds on: the one exception type, the
 * version, pixel and voxel calibration, the slice-wise volume and mask abstractions that let 2D and
 * 3D code share one model, parallel loops, memory checks and atomic file writing.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.core.PoroPhaseException}: the one exception for bad input or impossible
 * requests; its message is written for the user and printed as it is by every front end.</li>
 * <li>{@link org.porophase.core.VolumeSource}: a gray volume read slice by slice on demand (ImageJ-style
 * {@code byte[]/short[]/float[]} slices, safe for concurrent reads), so volumes larger than the heap
 * stream.</li>
 * <li>{@link org.porophase.core.MaskSource}: a segmented volume, each voxel SOLID, PORE or OUTSIDE (the
 * region of interest); {@link org.porophase.core.BinaryVolume} is its in-memory form.</li>
 * <li>{@link org.porophase.core.PixelCalibration} (with {@link org.porophase.core.CalibrationSource}):
 * the 2D pixel size in µm and where it came from; {@link org.porophase.core.VoxelSize}: the
 * (anisotropic) voxel size in µm.</li>
 * <li>{@link org.porophase.core.Par} (a small pool for slab-parallel loops and sums) and
 * {@link org.porophase.core.Parallel} (an index range split into chunks over a few threads).</li>
 * <li>{@link org.porophase.core.MemoryCheck}: fails early, naming the size needed, before a large
 * allocation.</li>
 * <li>{@link org.porophase.core.AtomicFiles}: every output file is written to a temporary file and
 * moved over the target in one step.</li>
 * <li>Helpers: {@link org.porophase.core.Units} (length units to µm), {@link org.porophase.core.Slices}
 * (ImageJ pixel arrays), {@link org.porophase.core.NaturalOrder} ("slice2" before "slice10"),
 * {@link org.porophase.config.Version}.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 0. Plain Java only: no ImageJ, no library, no other PoroPhase package. Every package may use
 * it.
 */
package org.porophase.core;
