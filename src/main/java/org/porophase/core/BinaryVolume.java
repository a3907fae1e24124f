package org.porophase.core;


/**
 * An in-memory segmented volume, one byte per voxel ({@link MaskSource} codes), stored as one
 * array per slice so volumes above 2³¹ voxels are fine. Memory: width·height·depth bytes.
 */
public final class BinaryVolume implements MaskSource {
    private final int w;
    private final int h;
    private final int d;
    private final VoxelSize vs;
    private final byte[][] data;

    public BinaryVolume(int w, int h, int d, VoxelSize vs) {
        if (w <= 0 || h <= 0 || d <= 0) {
            throw new PoroPhaseException("volume size must be positive, got " + w + "×" + h + "×" + d);
        }
        this.w = w;
        this.h = h;
        this.d = d;
        this.vs = vs;
        MemoryCheck.require((long) w * h * d, "the in-memory mask (1 byte per voxel)");
        this.data = new byte[d][w * h];
    }

    /** Reads all slices of a mask source into memory (in parallel). */
    public static BinaryVolume copyOf(MaskSource src, int threads) {
        BinaryVolume v = new BinaryVolume(src.width(), src.height(), src.depth(), src.voxelSize());
        Parallel.of(threads).forRange(src.depth(), (long) v.w * v.h * v.d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                System.arraycopy(src.slice(z), 0, v.data[z], 0, v.w * v.h);
            }
        });
        return v;
    }

    @Override
    public int width() {
        return w;
    }

    @Override
    public int height() {
        return h;
    }

    @Override
    public int depth() {
        return d;
    }

    @Override
    public VoxelSize voxelSize() {
        return vs;
    }

    /** The slice array itself (writable through {@link #set}; treat as read-only otherwise). */
    @Override
    public byte[] slice(int z) {
        return data[z];
    }

    public byte get(int x, int y, int z) {
        return data[z][y * w + x];
    }

    public void set(int x, int y, int z, byte code) {
        data[z][y * w + x] = code;
    }
}
