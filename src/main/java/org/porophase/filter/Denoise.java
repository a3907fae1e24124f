package org.porophase.filter;

/** Noise filter applied before thresholding (see {@link SegmentationOptions#getDenoise()}). */
public enum Denoise {
    /** No filtering. */
    NONE,
    /** Median filter, ImageJ's circular kernel of the given radius ({@code ij.plugin.filter.RankFilters}). */
    MEDIAN,
    /** Gaussian blur with σ = the given radius in pixels ({@link Gaussian}, ImageJ's accuracy convention). */
    GAUSSIAN
}
