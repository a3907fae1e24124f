package org.porophase.io.fakebf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import ij.ImagePlus;
import ij.io.Opener;

/**
 * Test stand-in for {@code loci.plugins.BF}: same {@code openImagePlus(ImporterOptions)} signature.
 * Reads a made-up format, "FAKEBF01" followed by a TIFF (calibration kept, as Bio-Formats reports
 * physical sizes in µm), and fails like Bio-Formats ("Unknown file format") on anything else.
 */
public final class BF {
    public static final byte[] MAGIC = "FAKEBF01".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    public static int calls;
    public static boolean lastVirtual;

    private BF() {
    }

    public static ImagePlus[] openImagePlus(ImporterOptions o) throws IOException {
        calls++;
        lastVirtual = o.virtual;
        byte[] b = Files.readAllBytes(Path.of(o.id));
        if (b.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
            throw new IOException("Unknown file format: " + o.id);
        }
        Path tif = Files.createTempFile("fakebf", ".tif");
        try {
            Files.write(tif, Arrays.copyOfRange(b, MAGIC.length, b.length));
            ImagePlus imp = new Opener().openImage(tif.toString());
            return imp == null ? new ImagePlus[0] : new ImagePlus[] {imp};
        } finally {
            Files.deleteIfExists(tif);
        }
    }

    /** Writes {@code tiff}'s bytes behind the magic into {@code out}. */
    public static void wrap(Path tiff, Path out) throws IOException {
        byte[] t = Files.readAllBytes(tiff);
        byte[] b = Arrays.copyOf(MAGIC, MAGIC.length + t.length);
        System.arraycopy(t, 0, b, MAGIC.length, t.length);
        Files.write(out, b);
    }
}
