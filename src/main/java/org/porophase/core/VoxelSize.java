package org.porophase.core;


/**
 * Physical size of one voxel in µm along x, y and z: the spacing-only view of a
 * {@link Calibration} (which owns units and validation), as taken by the 3D measurements.
 * Anisotropic voxels are common in XCT (e.g. binned slices) and every measurement uses all three values.
 */
public record VoxelSize(double x, double y, double z) implements java.io.Serializable {
    public VoxelSize {
        Calibration.checkSpacing(x, y, z);
    }

    /** Isotropic voxel of edge {@code s} µm. */
    public static VoxelSize iso(double s) {
        return new VoxelSize(s, s, s);
    }

    /** Parses "X,Y,Z" or a single "S" (isotropic), in µm. */
    public static VoxelSize parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] p = text.trim().split("\\s*[,;xX ]\\s*");
        try {
            if (p.length == 1) {
                return iso(Double.parseDouble(p[0]));
            }
            if (p.length == 3) {
                return new VoxelSize(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new PoroPhaseException("cannot read voxel size '" + text + "': write it as X,Y,Z in µm, e.g. --voxel-size 0.85,0.85,0.85");
    }

    /** Voxel volume in µm³. */
    public double volume() {
        return x * y * z;
    }

    public double min() {
        return Math.min(x, Math.min(y, z));
    }

    /** Size along axis 0 = x, 1 = y, 2 = z. */
    public double along(int axis) {
        return axis == 0 ? x : axis == 1 ? y : z;
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }

    @Override
    public String toString() {
        return x + "," + y + "," + z;
    }
}
