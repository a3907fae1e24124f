package org.porophase.report;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.AtomicFiles;
import org.porophase.core.OutputNames;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import ij.process.ImageProcessor;

/**
 * Saves result images, headless-safe and atomically ({@link AtomicFiles}): TIFF through ImageJ's
 * {@link TiffEncoder} (calibration and stacks kept) and PNG through {@link ImageIO} (overlay burnt in).
 * Refuses to overwrite the input image.
 */
public final class ImageWriters {
    private ImageWriters() {
    }

    /**
     * Throws when {@code out} is the same file as {@code input} (also through links or relative paths).
     * A null {@code input} is fine.
     */
    public static void checkNotInput(Path out, Path input) {
        if (out == null || input == null) {
            return;
        }
        Path a = out.toAbsolutePath().normalize();
        Path b = input.toAbsolutePath().normalize();
        boolean same = a.equals(b);
        if (!same && Files.exists(a) && Files.exists(b)) {
            try {
                same = Files.isSameFile(a, b);
            } catch (IOException e) {
                same = false;
            }
        }
        if (same) {
            throw new PoroPhaseException("refusing to overwrite the input image " + b
                    + ": choose another output file or folder (--out)");
        }
    }

    /** Saves {@code imp} as TIFF (ImageJ format: calibration, stacks, slice labels). */
    public static void saveTiff(ImagePlus imp, Path file) {
        saveTiff(imp, file, null);
    }

    /**
     * Saves {@code imp} as TIFF unless {@code file} is {@code input}; the ImageDescription carries
     * PoroPhase's provenance tag ({@link OutputProvenance}), so folder listings never take it for an input.
     */
    public static void saveTiff(ImagePlus imp, Path file, Path input) {
        checkNotInput(file, input);
        if (imp == null) {
            throw new PoroPhaseException("no image to save to " + file);
        }
        FileInfo fi = imp.getFileInfo();
        String what = OutputNames.suffixOf(file.getFileName().toString(), OutputNames.stem(OutputNames.stem(file.getFileName().toString())));
        fi.description = OutputProvenance.tag(new FileSaver(imp).getDescriptionString(), what);
        Object info = imp.getProperty("Info");
        if (info instanceof String) {
            fi.info = (String) info;
        }
        if (imp.getStackSize() > 1) {
            fi.sliceLabels = imp.getStack().getSliceLabels();
        }
        AtomicFiles.write(file, out -> {
            DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            new TiffEncoder(fi).write(dos);
            dos.flush();
        });
    }

    /** Saves {@code imp} as PNG: the displayed 8-bit or RGB image, with its overlay burnt in if it has one. */
    public static void savePng(ImagePlus imp, Path file) {
        savePng(imp, file, null);
    }

    /** Saves {@code imp} as PNG unless {@code file} is {@code input}. */
    public static void savePng(ImagePlus imp, Path file, Path input) {
        checkNotInput(file, input);
        if (imp == null) {
            throw new PoroPhaseException("no image to save to " + file);
        }
        BufferedImage bi;
        if (imp.getOverlay() != null && imp.getOverlay().size() > 0) {
            bi = imp.flatten().getBufferedImage();
        } else {
            ImageProcessor ip = imp.getProcessor();
            if (ip.getBitDepth() == 16 || ip.getBitDepth() == 32) {
                ip = ip.convertToByteProcessor(true);
            }
            bi = ip.getBufferedImage();
        }
        BufferedImage img = bi;
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
