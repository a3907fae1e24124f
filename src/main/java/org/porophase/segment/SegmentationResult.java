package org.porophase.segment;

import java.util.List;

import ij.process.ByteProcessor;

/**
 * Result of {@link Segmenter2D#segment}.
 *
 * @param mask         binary pore mask, 255 = pore, 0 = solid, same size as the input
 * @param threshold    the pore/solid boundary in the gray units of the thresholded image (the input
 *                     after denoising and, if on, shading correction): pixels ≤ threshold form the
 *                     dark phase (pores when pores are dark, solid when pores are bright)
 * @param method       the threshold method used (ImageJ name or "Manual")
 * @param warnings     notes for the user (no pores, everything pore, NaN pixels …); empty if none
 * @param poreFraction pore pixels / all pixels (or region pixels) of the final mask
 * @param filtered     the image the threshold was applied to (after denoising and shading correction, before
 *                     the rounding of 8- and 16-bit data), row-major, for sub-pixel measures
 *                     ({@link org.porophase.measure.IsolinePerimeter}); not to be modified
 */
public record SegmentationResult(ByteProcessor mask, double threshold, String method, List<String> warnings,
        double poreFraction, float[] filtered) {
}
