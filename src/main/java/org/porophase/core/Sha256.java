package org.porophase.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 checksum of an input file, for the {@code input_sha256} provenance key of every JSON output. */
public final class Sha256 {
    private Sha256() {
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String of(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            StringBuilder sb = new StringBuilder(64);
            for (byte b : md.digest()) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + f + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of {@code f} when it is a regular file, else null (a folder of slices, no file). */
    public static String ofFileOrNull(Path f) {
        return f != null && Files.isRegularFile(f) ? of(f) : null;
    }
}
