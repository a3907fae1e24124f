package org.porophase.io;

import org.porophase.core.Calibration;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;

/**
 * An ImageJ stack (in memory or virtual, e.g. a TIFF opened with {@code FileInfoVirtualStack} or a
 * Bio-Formats virtual stack) as a {@link VolumeSource}. Voxel size from the stack's calibration
 * (pixelWidth, pixelHeight, pixelDepth and unit), when its unit is a length.
 */
public final class ImagePlusSource extends AbstractVolumeSource {
    private final ImageStack stack;
    private final boolean virtual;
    private final String desc;

    public ImagePlusSource(ImagePlus imp, String description) {
        if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
            throw new PoroPhaseException(imp.getTitle() + " has " + imp.getNChannels() + " channels and " + imp.getNFrames()
                    + " time points; analyze one channel and time point (Image>Duplicate… or Image>Color>Split Channels)");
        }
        if (imp.getBitDepth() == 24) {
            throw new PoroPhaseException(imp.getTitle() + " is an RGB image; convert it to 8-bit grayscale (Image>Type>8-bit) first");
        }
        this.stack = imp.getStack();
        this.virtual = stack.isVirtual();
        this.w = stack.getWidth();
        this.h = stack.getHeight();
        this.d = stack.getSize();
        this.bitDepth = imp.getBitDepth();
        this.desc = description;
        var c = imp.getCalibration();
        vs = ImageJCalibration.voxelSizeOf(c, c.pixelDepth > 0 ? c.pixelDepth : c.pixelWidth);
        vsSource = vs != null ? "image calibration (" + c.getUnit() + ")" : "none (image is not spatially calibrated)";
    }

    @Override
    public String description() {
        return desc;
    }

    @Override
    public Object slice(int z) {
        if (!virtual) {
            return stack.getPixels(z + 1);
        }
        ImageProcessor ip;
        synchronized (this) {
            ip = stack.getProcessor(z + 1);
        }
        if (ip == null) {
            throw new PoroPhaseException("cannot read slice " + (z + 1) + " of " + desc);
        }
        if (ip.getBitDepth() != bitDepth || ip.getWidth() != width() || ip.getHeight() != height()) {
            throw new PoroPhaseException("slice " + (z + 1) + " of " + desc + " is " + ip.getWidth() + "×" + ip.getHeight() + " "
                    + ip.getBitDepth() + "-bit but the first slice is " + width() + "×" + height() + " " + bitDepth
                    + "-bit: all slices must have the same size and type");
        }
        return ip.getPixels();
    }
}
