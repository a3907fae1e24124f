package org.porophase.core;

/**
 * A 3D gray-level volume read slice by slice on demand, so that volumes larger than the heap can
 * be streamed. Implementations exist for multi-page TIFF, folders of slice images, MetaImage and
 * NRRD raw volumes, HDF5 datasets, ImageJ stacks and (inside Fiji) Bio-Formats.
 * <p>
 * {@link #slice(int)} returns the pixels of slice {@code z} (0-based) as an ImageJ-style array:
 * {@code byte[]} (8-bit, unsigned), {@code short[]} (16-bit, unsigned) or {@code float[]} (32-bit;
 * also used for signed and 32/64-bit integer and double data), row-major, {@code width*height}
 * long. Callers must not modify the array. Implementations are safe for concurrent calls.
 */
public interface VolumeSource extends AutoCloseable {
    int width();

    int height();

    int depth();

    /** 8, 16 or 32 (see class comment). */
    int bitDepth();

    /** Voxel size from the file's metadata, or {@code null} when the file has none. */
    VoxelSize voxelSize();

    /** Where the voxel size came from (e.g. "TIFF tags", "MetaImage ElementSpacing (mm)"). */
    String voxelSizeSource();

    /** Pixels of slice z (0-based). */
    Object slice(int z);

    /** Short description (format and file) for reports and errors. */
    String description();

    /**
     * Frees what the source keeps only to read faster (decoded chunks, converted slices), for a caller that has read
     * the data into memory: the heap is then free for the analysis's own arrays, and {@link MemoryCheck} does not
     * count the cache as taken. Reading again still works (and fills the cache again within its bound). Views over a
     * source pass the call on to it. Default: nothing kept, nothing to free.
     */
    default void releaseCache() {
    }

    /** Number of voxels. */
    default long voxelCount() {
        return (long) width() * height() * depth();
    }

    @Override
    default void close() {
    }
}
