package org.porophase.io;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import org.porophase.core.PoroPhaseException;

import ij.IJ;
import ij.ImagePlus;

/**
 * Bio-Formats at run time, through reflection: Fiji ships it ({@code loci.plugins.BF} in
 * {@code bio-formats_plugins.jar}) but it is not on Maven Central, so PoroPhase neither compiles
 * against it nor bundles it. {@link #open} calls
 * {@code BF.openImagePlus(ImporterOptions)} with {@code setId}, {@code setVirtual} and
 * {@code setQuiet} and takes the first series; its calibration is Bio-Formats' (from the file's OME
 * metadata, usually in µm). Outside Fiji (CLI, plain ImageJ) {@link #isAvailable()} is false and
 * callers fall back to PoroPhase's own readers with an error that names the formats they read.
 */
public final class BioFormats {
    /** Class names of the Bio-Formats ImageJ API (package-private so a test can point them at a stand-in). */
    static String bfClass = "loci.plugins.BF";
    static String optionsClass = "loci.plugins.in.ImporterOptions";

    private BioFormats() {
    }

    /** True when Bio-Formats' ImageJ plugin is on the class path (or ImageJ's plugin class loader). */
    public static boolean isAvailable() {
        return load(bfClass) != null;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException | LinkageError e) {
            // plain ImageJ 1.x: Bio-Formats in plugins/ or jars/ is seen by ImageJ's plugin class loader only
        }
        try {
            ClassLoader cl = IJ.getClassLoader();
            return cl == null ? null : Class.forName(name, true, cl);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Opens the first series of a file with Bio-Formats.
     *
     * @param virtual true for a virtual stack (planes read on demand: volumes larger than memory)
     * @throws PoroPhaseException when Bio-Formats is absent or cannot read the file (its reason included)
     */
    public static ImagePlus open(Path p, boolean virtual) {
        Class<?> bf = load(bfClass);
        Class<?> optsC = load(optionsClass);
        if (bf == null || optsC == null) {
            throw new PoroPhaseException("cannot read " + p.getFileName() + ": Bio-Formats is not available (run inside Fiji, which has it, or convert the file to TIFF)");
        }
        try {
            Object opts = optsC.getConstructor().newInstance();
            optsC.getMethod("setId", String.class).invoke(opts, p.toAbsolutePath().toString());
            optsC.getMethod("setVirtual", boolean.class).invoke(opts, virtual);
            optsC.getMethod("setQuiet", boolean.class).invoke(opts, true);
            Method m = bf.getMethod("openImagePlus", optsC);
            ImagePlus[] imps = (ImagePlus[]) m.invoke(null, opts);
            if (imps == null || imps.length == 0 || imps[0] == null) {
                throw new PoroPhaseException("Bio-Formats found no image in " + p);
            }
            return imps[0];
        } catch (PoroPhaseException e) {
            throw e;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable c = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            throw new PoroPhaseException("Bio-Formats could not open " + p + ": " + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage()), c);
        }
    }
}
