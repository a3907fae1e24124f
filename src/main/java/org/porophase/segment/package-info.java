/**
 * 2D pore/solid segmentation of gray SEM cross-sections by a global histogram threshold (any ImageJ
 * auto-threshold method or a manual value) after optional denoising and rolling-ball shading
 * correction, with speck removal, hole filling and optional watershed separation.
 * <p>
 * Entry point: {@link org.porophase.segment.Segmenter2D#segment}; options in
 * {@link org.porophase.segment.SegmentationOptions} (defaults mirrored in plugin.yml, command
 * {@code analyze}). The input image is never modified. No I/O, no UI.
 */
package org.porophase.segment;
