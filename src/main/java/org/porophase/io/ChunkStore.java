package org.porophase.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.porophase.core.PoroPhaseException;

/**
 * An n-dimensional chunked array on disk (one Zarr v2 / v3 array or N5 dataset): its shape and
 * chunk shape in the array's own axis order (Zarr: slowest first, as in the metadata), the element
 * type, the fill value of missing chunks, and how one chunk is found and decoded. The format
 * readers ({@link ZarrArrays}, {@link N5Arrays}) build one; {@link ChunkedVolume} reads it as a
 * volume.
 */
abstract class ChunkStore {
    /** Array shape and chunk shape, slowest axis first. */
    final int[] shape;
    final int[] chunk;
    /** Element type (its byte order is that of the stored chunks). */
    final ChunkType type;
    /** Value of voxels in a chunk that does not exist. */
    final double fill;
    /** Format and location, for messages ("Zarr v2 array /data/v.zarr/0"). */
    final String description;

    ChunkStore(int[] shape, int[] chunk, ChunkType type, double fill, String description) {
        this.shape = shape;
        this.chunk = chunk;
        this.type = type;
        this.fill = fill;
        this.description = description;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 0 || chunk[a] <= 0) {
                throw new PoroPhaseException(description + ": invalid shape " + Arrays.toString(shape) + " / chunks " + Arrays.toString(chunk)
                        + " (every chunk size must be ≥ 1)");
            }
        }
    }

    int ndim() {
        return shape.length;
    }

    /** Bytes of one full decoded chunk. */
    long chunkBytes() {
        long n = type.bytes();
        for (int c : chunk) {
            n *= c;
        }
        return n;
    }

    /**
     * A decoded chunk: {@code data} holds elements of {@code type} at offset
     * {@code sum(index[a] * strides[a])} (in elements) for index < {@code extent} (the full chunk
     * shape, or less for an N5 edge block stored truncated; outside it = fill value).
     */
    record Decoded(byte[] data, int[] extent, int[] strides, ChunkType type) {
    }

    /** The chunk at grid position {@code grid} (slowest axis first), or null when it is not stored (fill value). */
    abstract Decoded read(int[] grid);

    /** The chunk's key / file, for messages. */
    abstract String key(int[] grid);

    /** C-order (last axis fastest) strides of an extent, in elements. */
    static int[] cStrides(int[] ext) {
        int[] s = new int[ext.length];
        int m = 1;
        for (int a = ext.length - 1; a >= 0; a--) {
            s[a] = m;
            m *= ext[a];
        }
        return s;
    }

    /** Fortran-order (first axis fastest) strides, in elements. */
    static int[] fStrides(int[] ext) {
        int[] s = new int[ext.length];
        int m = 1;
        for (int a = 0; a < ext.length; a++) {
            s[a] = m;
            m *= ext[a];
        }
        return s;
    }

    /** Reads a whole chunk file, or null when it does not exist. */
    static byte[] readFile(Path f, String what) {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + what + " (" + f + "): " + e.getMessage()
                    + " (check that the file is readable)", e);
        }
    }

    /** Throws when a decoded chunk has not the byte count the metadata implies. */
    static void checkSize(byte[] data, long expected, String key, String metadata) {
        if (data.length != expected) {
            throw new PoroPhaseException(String.format(Locale.ROOT,
                    "chunk %s decodes to %d bytes but the metadata (%s) implies %d bytes; the metadata contradicts the chunk "
                    + "(re-export the array, or fix its chunks / dtype)", key, data.length, metadata, expected));
        }
    }
}
