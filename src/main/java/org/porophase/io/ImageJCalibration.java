package org.porophase.io;

import org.porophase.core.Calibration;
import org.porophase.core.VoxelSize;

/** The adapter between ImageJ's {@link ij.measure.Calibration} and PoroPhase's {@link Calibration} / {@link VoxelSize}. */
public final class ImageJCalibration {
    private ImageJCalibration() {
    }

    /**
     * The voxel size in µm of an ImageJ calibration, or null when it is not scaled or its unit is
     * not a length.
     *
     * @param pixelDepth the slice spacing in the calibration's unit (callers decide where it comes
     *                   from: the calibration's pixelDepth, a slice description, or x)
     */
    public static VoxelSize voxelSizeOf(ij.measure.Calibration c, double pixelDepth) {
        double f = Calibration.toMicrons(c.getUnit());
        if (!c.scaled() || Double.isNaN(f)) {
            return null;
        }
        return new VoxelSize(c.pixelWidth * f, c.pixelHeight * f, pixelDepth * f);
    }

    /** Writes a voxel size into an ImageJ calibration (unit "micron"). */
    public static void applyTo(VoxelSize vs, ij.measure.Calibration c) {
        c.pixelWidth = vs.x();
        c.pixelHeight = vs.y();
        c.pixelDepth = vs.z();
        c.setUnit("micron");
    }
}
