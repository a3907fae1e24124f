package org.porophase.filter;

/** Noise filter applied before thresholding (see {@code SegmentationOptions#getDenoise()}). */
public enum Denoise {
    /** No filtering. */
    NONE,
    /** Median filter, ImageJ's circular kernel of the given radius ({@code ij.plugin.filter.RankFilters}). */
    MEDIAN,
    /** Gaussian blur with σ = the given radius in pixels ({@link Gaussian}, ImageJ's accuracy convention). */
    GAUSSIAN,
    /**
     * Non-local means ({@link NonLocalMeans}): 3×3 patches, search window (2r+1)² with r = the given radius
     * rounded (at least 1), filtering parameter h = {@value NonLocalMeans#DEFAULT_H_FACTOR}·σ, σ the noise
     * estimated on the image ({@link NoiseEstimator#noiseSigma}). Edge-preserving: keeps walls and gaps of 2 px.
     */
    NLM
}
