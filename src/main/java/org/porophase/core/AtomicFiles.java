package org.porophase.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;


/**
 * Writes output files atomically: the content goes to a temporary file in the same folder, which
 * is then moved over the target in one step. A crash or error never leaves a half-written output,
 * and an existing file is replaced only by a complete new one.
 * <p>
 * The temporary name is short and independent of the target's ({@code .pp-<random>.part}), so any
 * final name the file system accepts can be written (a 250-character name too). A run that is killed
 * leaves such files behind; {@link OutputFolder} removes them at the start of the next run into the
 * folder ({@link #isTemporary}).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Prefix of the temporary files (hidden). */
    public static final String TEMP_PREFIX = ".pp-";
    /** Suffix of the temporary files. */
    public static final String TEMP_SUFFIX = ".part";

    /**
     * True for a temporary file of this class: {@code .pp-<random>.part}, or the longer
     * {@code .<output name><digits>.part} earlier versions used.
     */
    public static boolean isTemporary(String name) {
        if (!name.startsWith(".") || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        if (name.startsWith(TEMP_PREFIX)) {
            return true;
        }
        String mid = name.substring(1, name.length() - TEMP_SUFFIX.length()).replaceFirst("[0-9]+$", "");
        return OutputNames.isOwnOutput(mid);
    }

    /** Something that writes a file's whole content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes text (UTF-8) atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes bytes atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * What went wrong, from the innermost cause out: encoders wrap the operating system's error
     * ("No space left on device", "Permission denied") in a generic one ("I/O error writing PNG
     * file!"), so the innermost message comes first and the wrappers follow in parentheses; a
     * message-less exception is named by its class, never "null".
     */
    static String reason(Throwable e) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (t instanceof java.nio.file.FileSystemException fse) {
                // NoSuchFileException, AccessDeniedException, …: the message is only the path
                String kind = fse.getReason() != null ? fse.getReason()
                        : t.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
                m = kind + ": " + fse.getFile();
            } else if (m == null || m.isBlank()) {
                m = t.getClass().getSimpleName();
            }
            if (!parts.contains(m)) {
                parts.add(m);
            }
        }
        java.util.Collections.reverse(parts);
        String first = parts.get(0);
        return parts.size() == 1 ? first : first + " (" + String.join("; ", parts.subList(1, parts.size())) + ")";
    }

    /**
     * Writes {@code content} atomically to {@code target}, creating parent folders as needed.
     *
     * @throws PoroPhaseException if the folder cannot be created or written
     */
    public static void write(Path target, Content content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            // temp files are created owner-only; outputs get the usual rw-r--r--
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            String reason = reason(e);
            boolean full = reason.toLowerCase(java.util.Locale.ROOT).contains("no space left")
                    || reason.toLowerCase(java.util.Locale.ROOT).contains("disk quota");
            throw new PoroPhaseException("cannot write " + abs + ": " + reason
                    + (full ? " (free some space on that disk or choose another output folder)"
                            : " (check that the output folder exists and is writable)"), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named *.part
                }
            }
        }
    }
}
