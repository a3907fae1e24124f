package org.porophase.core;

/**
 * A gray-level volume that can also be read box by box: the access pattern of chunked storage
 * (Zarr, N5, OME-Zarr) and of the block-wise volume pipeline, where a worker reads only its block
 * (plus a halo) and never the whole volume.
 * <p>
 * Every {@link VolumeSource} is a {@code BlockSource} through {@link #of(VolumeSource)} (boxes are
 * cut from whole slices); chunked readers implement {@link #readBox} directly, touching only the
 * chunks the box intersects.
 * <p>
 * Arrays follow {@link VolumeSource}: {@code byte[]} (8-bit unsigned), {@code short[]} (16-bit
 * unsigned) or {@code float[]} (everything else), with x fastest, then y, then z
 * ({@code index = (z * h + y) * w + x} inside the box). Implementations are safe for concurrent
 * calls; the returned array is the caller's.
 */
public interface BlockSource extends VolumeSource {

    /**
     * The storage chunk shape {cx, cy, cz} in voxels (x, y, z): boxes aligned on it are read
     * without waste. For a slice-based source it is {width, height, 1}.
     */
    int[] chunkShape();

    /**
     * Reads the box [x0, x0+w) × [y0, y0+h) × [z0, z0+d), which must lie inside the volume.
     *
     * @throws PoroPhaseException when the box is out of range or a chunk cannot be read (the
     *     message names the chunk)
     */
    Object readBox(int x0, int y0, int z0, int w, int h, int d);

    /** Checks that a box lies inside a volume of the given size; throws naming the box otherwise. */
    static void checkBox(VolumeSource v, int x0, int y0, int z0, int w, int h, int d) {
        if (w <= 0 || h <= 0 || d <= 0 || x0 < 0 || y0 < 0 || z0 < 0
                || (long) x0 + w > v.width() || (long) y0 + h > v.height() || (long) z0 + d > v.depth()) {
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "box [%d,%d,%d]+[%d,%d,%d] is outside the volume %d×%d×%d of %s",
                    x0, y0, z0, w, h, d, v.width(), v.height(), v.depth(), v.description()));
        }
    }

    /** The source itself when it is already a {@code BlockSource}, else a view cutting boxes from its slices. */
    static BlockSource of(VolumeSource src) {
        if (src instanceof BlockSource b) {
            return b;
        }
        return new SliceBlockSource(src);
    }
}
