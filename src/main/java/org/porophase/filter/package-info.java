/**
 * Denoising before thresholding, in 2D and as a streaming 3D filter, and the automatic choice of the
 * 2D blur.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.filter.Denoise}: the 2D filter kinds (none, median, Gaussian, non-local means) of the
 * SEM segmentation.</li>
 * <li>{@link org.porophase.filter.NonLocalMeans}: edge-preserving non-local means (Buades, Coll &amp; Morel 2005),
 * per-offset box sums, multi-threaded over bands of rows; the filter of {@code denoise: auto}.</li>
 * <li>{@link org.porophase.filter.Deconvolution}: Landweber deconvolution with a Gaussian PSF and a final light
 * Gaussian; {@code deconvolve: auto} after non-local means restores walls and wedges narrower than the blur.</li>
 * <li>{@link org.porophase.filter.Gaussian}: separable, multi-threaded Gaussian blur of a float image
 * (ImageJ's accuracy convention, no worker threads left behind).</li>
 * <li>{@link org.porophase.filter.Denoise3D}: 3×3×3 median or Gaussian (σ in µm, per-axis with the
 * voxel size) as a {@link org.porophase.core.VolumeSource} computed slice by slice.</li>
 * <li>{@link org.porophase.filter.NoiseEstimator}: {@code choose(ImageProcessor)} decides whether
 * {@code denoise: auto} filters (non-local means with the estimated noise σ) or not.</li>
 * </ul>
 *
 * <h2>Estimators</h2>
 * {@link org.porophase.filter.NoiseEstimator}: noise σ from the median absolute response to
 * Immerkær's Laplacian-difference mask (J. Immerkær, "Fast noise variance estimation", CVIU 64 (1996)
 * 300–302; median after Donoho's MAD), contrast from Otsu's two class means, edge blur from the
 * median gradient at the threshold; the blur is chosen from the boundary position noise
 * q = σ_n / g (rule calibrated on synthetic cross-sections against the exact Crofton perimeter).
 *
 * <h2>Dependencies</h2>
 * Tier 1: uses only {@link org.porophase.core} and {@code ij.process}.
 */
package org.porophase.filter;
