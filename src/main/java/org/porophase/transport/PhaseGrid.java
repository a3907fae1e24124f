package org.porophase.transport;

import org.porophase.core.MaskSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * The conducting phase of a 2D image or 3D volume as an indicator, one byte per voxel
 * ({@code slices[z][y·width + x] ≠ 0}: the voxel belongs to the phase; every other voxel has zero
 * conductivity). A 2D image is a grid of depth 1. The phase fraction ε of {@link #fraction()} is over
 * the whole box (the TauFactor convention).
 *
 * @param name the phase as the user chose it ("pore", "solid", "label 0", "grey ≤ 89"), for messages and reports
 */
public record PhaseGrid(int width, int height, int depth, VoxelSize voxel, byte[][] slices, String name) {
    public PhaseGrid {
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new PoroPhaseException("transport: grid size must be positive, got " + width + "×" + height + "×" + depth);
        }
        if (slices.length != depth) {
            throw new IllegalArgumentException("slices: " + slices.length + " ≠ depth " + depth);
        }
    }

    /** Number of voxels. */
    public long voxels() {
        return (long) width * height * depth;
    }

    /** Voxels of the phase. */
    public long phaseVoxels() {
        long n = 0;
        for (byte[] s : slices) {
            for (byte b : s) {
                if (b != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** ε: phase voxels / all voxels of the box. */
    public double fraction() {
        return phaseVoxels() / (double) voxels();
    }

    /** Grid extent along an axis in voxels. */
    public int size(Axis a) {
        return a == Axis.X ? width : a == Axis.Y ? height : depth;
    }

    /**
     * The voxels of a segmented mask with code {@code code} ({@link MaskSource#PORE} or
     * {@link MaskSource#SOLID}); {@link MaskSource#OUTSIDE} voxels never conduct.
     */
    public static PhaseGrid ofMask(MaskSource src, byte code, String name, int threads) {
        int w = src.width();
        int h = src.height();
        int d = src.depth();
        MemoryCheck.require((long) w * h * d, "the transport phase indicator (1 byte per voxel)");
        byte[][] out = new byte[d][w * h];
        Parallel.of(threads).forRange(d, (long) w * h * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                byte[] s = src.slice(z);
                byte[] o = out[z];
                for (int i = 0; i < o.length; i++) {
                    o[i] = (byte) (s[i] == code ? 1 : 0);
                }
            }
        });
        return new PhaseGrid(w, h, d, src.voxelSize(), out, name);
    }

    /**
     * The voxels of a grey or label volume with lo ≤ value ≤ hi (a label: lo = hi = label; a grey
     * threshold "≤ T": lo = −∞, hi = T). 8-bit values are unsigned, 16-bit unsigned, 32-bit float.
     */
    public static PhaseGrid ofRange(VolumeSource src, VoxelSize voxel, double lo, double hi, String name, int threads) {
        int w = src.width();
        int h = src.height();
        int d = src.depth();
        MemoryCheck.require((long) w * h * d, "the transport phase indicator (1 byte per voxel)");
        byte[][] out = new byte[d][w * h];
        Parallel.of(threads).forRange(d, (long) w * h * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                Object s = src.slice(z);
                byte[] o = out[z];
                if (s instanceof byte[] b) {
                    for (int i = 0; i < o.length; i++) {
                        int v = b[i] & 0xff;
                        o[i] = (byte) (v >= lo && v <= hi ? 1 : 0);
                    }
                } else if (s instanceof short[] sh) {
                    for (int i = 0; i < o.length; i++) {
                        int v = sh[i] & 0xffff;
                        o[i] = (byte) (v >= lo && v <= hi ? 1 : 0);
                    }
                } else {
                    float[] f = (float[]) s;
                    for (int i = 0; i < o.length; i++) {
                        o[i] = (byte) (f[i] >= lo && f[i] <= hi ? 1 : 0);
                    }
                }
            }
        });
        return new PhaseGrid(w, h, d, voxel, out, name);
    }
}
