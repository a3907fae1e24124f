package org.porophase.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An output folder held by one run, so that output sets are never lost and never mixed.
 * <ul>
 * <li><b>One run per folder.</b> {@link #open} takes an advisory lock ({@link FileChannel#tryLock}) on
 * {@code OUT/.porophase.lock}, held until {@link #close}: a second run into the same folder (another
 * process, or another run in this JVM) is refused at once, naming the pid of the holder. This protects
 * against two runs interleaving their files, and against a {@code summary.csv} that describes only one of
 * them. The parallel workers of one batch share the one {@code OutputFolder}.</li>
 * <li><b>Leftovers of killed runs.</b> Once the lock is held no other run can be using the folder, so
 * staging folders ({@code .porophase-staging-*}, {@code .porophase-retired-*}) and temporary files
 * ({@link AtomicFiles#isTemporary}) left in it (and in its report subfolders) by a killed run are removed.</li>
 * <li><b>Whole sets.</b> {@link #commitFiles} and {@link #commitFolder} let a writer put an input's
 * whole output set into a fresh staging folder inside OUT; only when the writer returns is it moved in.
 * A writer that fails leaves the previous set untouched and no new file. Moving in first removes the
 * files of the earlier run of the same stem ({@link OutputNames#belongsTo}: e.g. ξ snapshot PNGs the new
 * run does not write), JSON (the set's marker) first and last in, so a set with its {@code STEM.summary.json}
 * (or {@code STEM.phasefield.json}) is always a complete one; a compare folder is swapped as a whole.</li>
 * <li><b>Inputs.</b> Paths given as {@code protectedPaths} (the inputs of the run, and their real paths)
 * are never deleted, replaced or moved; a commit that would do so fails before it changes anything. The
 * up-front check with a message naming the fix is the use case's ({@code pipeline}); this is the last line.</li>
 * </ul>
 * The lock file is removed at {@link #close} (while still held; a run that finds its lock file replaced
 * retries, so a removed lock file can never let two runs in).
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file in OUT. */
    public static final String LOCK_FILE = ".porophase.lock";
    /** Prefix of the staging folders (one per input's output set, removed when moved in). */
    public static final String STAGING_PREFIX = ".porophase-staging-";
    /** Prefix of a replaced compare folder while the new one is moved in. */
    public static final String RETIRED_PREFIX = ".porophase-retired-";

    /** Folders held by this JVM (real paths): a second run in-process is refused like another process. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What writes an input's output set into the (empty) staging folder it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeInto(Path staging);
    }

    private final Path dir;
    private final Path real;
    private final String label;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<Path> protectedPaths;
    private final List<Path> cleaned;

    private OutputFolder(Path dir, Path real, String label, FileChannel channel, FileLock lock, Set<Path> protectedPaths,
            List<Path> cleaned) {
        this.dir = dir;
        this.real = real;
        this.label = label;
        this.channel = channel;
        this.lock = lock;
        this.protectedPaths = protectedPaths;
        this.cleaned = cleaned;
    }

    /**
     * Creates {@code dir} if needed, locks it for this run and removes leftovers of dead runs.
     *
     * @param label how the user named the folder, for messages ({@code "--out"}, {@code "output_folder"})
     * @param protectedPaths files this run must never delete or replace (its inputs)
     * @throws PoroPhaseException when the folder cannot be created or written, or another run holds it
     */
    public static OutputFolder open(Path dir, String label, Collection<Path> protectedPaths) {
        Objects.requireNonNull(dir, "dir");
        String lbl = label == null ? "output folder" : label;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new PoroPhaseException("the output folder " + dir + " (" + lbl + ") is an existing file, not a folder:"
                    + " give a folder name (it is created if needed); the file is left as it is");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot create the output folder " + dir + " (" + lbl + "): " + reason(e)
                    + ": choose another " + lbl, e);
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new PoroPhaseException("cannot open the output folder " + dir + ": " + reason(e), e);
        }
        if (!HELD.add(real)) {
            throw inUse(dir, lbl, String.valueOf(ProcessHandle.current().pid()) + ", this process");
        }
        boolean ok = false;
        try {
            Path lockPath = real.resolve(LOCK_FILE);
            for (int attempt = 0; attempt < 5; attempt++) {
                Object before = fileKey(lockPath);
                FileChannel ch;
                try {
                    ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new PoroPhaseException("cannot write into the output folder " + dir + " (" + lbl + "): " + reason(e)
                            + ": choose another " + lbl + " or make it writable", e);
                }
                FileLock fl;
                try {
                    fl = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    fl = null;
                } catch (IOException e) {
                    ch.close();
                    throw new PoroPhaseException("cannot lock the output folder " + dir + ": " + reason(e), e);
                }
                if (fl == null) {
                    ch.close();
                    throw inUse(dir, lbl, holder(lockPath));
                }
                Object after = fileKey(lockPath);
                if (before != null && !before.equals(after) || after == null) {
                    // the lock file was removed (its holder finished) or replaced between open and lock: retry
                    fl.release();
                    ch.close();
                    continue;
                }
                try {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    Set<Path> prot = new HashSet<>();
                    if (protectedPaths != null) {
                        for (Path p : protectedPaths) {
                            prot.add(p.toAbsolutePath().normalize());
                            prot.add(realOf(p));
                        }
                    }
                    List<Path> cleaned = cleanLeftovers(real);
                    ok = true;
                    return new OutputFolder(dir, real, lbl, ch, fl, prot, cleaned);
                } finally {
                    if (!ok) {
                        fl.release();
                        ch.close();
                    }
                }
            }
            throw new PoroPhaseException("cannot lock the output folder " + dir + ": its lock file keeps changing; try again");
        } catch (IOException e) {
            throw new PoroPhaseException("cannot lock the output folder " + dir + ": " + reason(e), e);
        } finally {
            if (!ok) {
                HELD.remove(real);
            }
        }
    }

    private static PoroPhaseException inUse(Path dir, String label, String pid) {
        return new PoroPhaseException(dir + " is in use by another PoroPhase run (pid " + pid + "); wait for it or choose another "
                + label);
    }

    /** The pid written in the lock file by its holder (read without a lock), or "unknown". */
    private static String holder(Path lockPath) {
        try {
            String s = Files.readString(lockPath, StandardCharsets.US_ASCII).trim();
            return s.matches("[0-9]{1,12}") ? s : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Object fileKey(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object k = a.fileKey();
            return k != null ? k : a.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fe && fe.getReason() != null) {
            return fe.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The real path of {@code p}: its nearest existing ancestor resolved, the rest appended. */
    public static Path realOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        Path r;
        try {
            r = existing.toRealPath();
        } catch (IOException e) {
            r = existing;
        }
        for (Path n : rest) {
            r = r.resolve(n.toString());
        }
        return r;
    }

    /** Removes staging folders and temporary files of dead runs: in OUT and in its (report) subfolders. */
    private static List<Path> cleanLeftovers(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (isDir && (n.startsWith(STAGING_PREFIX) || n.startsWith(RETIRED_PREFIX))) {
                    deleteTree(p);
                    removed.add(p);
                } else if (!isDir && AtomicFiles.isTemporary(n)) {
                    Files.deleteIfExists(p);
                    removed.add(p);
                } else if (isDir && !n.startsWith(".")) {
                    try (DirectoryStream<Path> sub = Files.newDirectoryStream(p, q -> AtomicFiles.isTemporary(q.getFileName().toString()))) {
                        for (Path q : sub) {
                            if (Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS)) {
                                Files.deleteIfExists(q);
                                removed.add(q);
                            }
                        }
                    } catch (IOException e) {
                        // a subfolder we cannot read is not ours to clean
                    }
                }
            }
        }
        return removed;
    }

    /** The folder (as given). */
    public Path dir() {
        return dir;
    }

    /** The leftovers of dead runs removed when the folder was opened. */
    public List<Path> cleaned() {
        return List.copyOf(cleaned);
    }

    /**
     * Writes the flat output set of {@code stem} ({@code OUT/STEM.<what>.<ext>}) through a staging folder
     * and moves it in as a whole, replacing the earlier run's set of that stem (see the class comment). A
     * folder output ({@link OutputNames#isFolderOutput}: {@code STEM.mask.ome.zarr}) is moved in as one
     * entry; an earlier folder of that name is moved aside first and removed after.
     *
     * @return the files as moved in, in the order written
     * @throws PoroPhaseException when the writer fails (nothing in OUT changed) or the set cannot be moved in
     */
    public List<Path> commitFiles(String stem, Writer writer) {
        Path st = newStaging(stem);
        try {
            writer.writeInto(st);
            List<Path> staged = listOutputs(st);
            List<String> names = staged.stream().map(p -> p.getFileName().toString()).toList();
            List<Path> stale = new ArrayList<>();
            try (Stream<Path> s = Files.list(real)) {
                s.filter(p -> OutputNames.belongsTo(p.getFileName().toString(), stem) && !names.contains(p.getFileName().toString()))
                        .forEach(stale::add);
            }
            // check everything before changing anything
            for (Path p : stale) {
                guard(p, "remove");
            }
            for (String n : names) {
                Path t = real.resolve(n);
                guard(t, "replace");
                if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS) && !OutputNames.isFolderOutput(n)) {
                    throw new PoroPhaseException("cannot write " + dir.resolve(n) + ": a folder of that name is in the way");
                }
            }
            for (String n : names) {
                if (isMarker(n)) {
                    Files.deleteIfExists(real.resolve(n));
                }
            }
            for (Path p : stale) {
                if (isMarker(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
            for (Path p : stale) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && OutputNames.isFolderOutput(p.getFileName().toString())) {
                    deleteTree(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
            List<Path> out = new ArrayList<>();
            for (Path p : staged) {
                if (!isMarker(p.getFileName().toString())) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        moveFolder(p, real.resolve(p.getFileName().toString()));
                    } else {
                        move(p, real.resolve(p.getFileName().toString()));
                    }
                }
            }
            for (Path p : staged) {
                if (isMarker(p.getFileName().toString())) {
                    move(p, real.resolve(p.getFileName().toString()));
                }
            }
            for (Path p : staged) {
                out.add(dir.resolve(p.getFileName().toString()));
            }
            return out;
        } catch (IOException e) {
            throw new PoroPhaseException("cannot move the outputs of " + stem + " into " + dir + ": " + reason(e), e);
        } finally {
            deleteQuietly(st);
        }
    }

    /**
     * Writes the report folder {@code OUT/NAME/} through a staging folder and swaps it in as a whole:
     * the earlier folder of that name (holding only PoroPhase's files) is replaced in one step.
     *
     * @return the files of the new folder, by name
     * @throws PoroPhaseException when the writer fails (nothing in OUT changed), or {@code OUT/NAME} holds
     * files PoroPhase did not write or an input
     */
    public List<Path> commitFolder(String name, Writer writer) {
        Path st = newStaging(name);
        Path target = real.resolve(name);
        Path retired = null;
        try {
            writer.writeInto(st);
            checkReplaceableFolder(target, name);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                retired = real.resolve(RETIRED_PREFIX + shortName(name) + "-" + random());
                move(target, retired);
                try {
                    move(st, target);
                } catch (IOException e) {
                    move(retired, target);
                    retired = null;
                    throw e;
                }
            } else {
                move(st, target);
            }
            List<Path> out = new ArrayList<>();
            for (Path p : listFiles(target)) {
                out.add(dir.resolve(name).resolve(p.getFileName().toString()));
            }
            return out;
        } catch (IOException e) {
            throw new PoroPhaseException("cannot move the report folder " + name + " into " + dir + ": " + reason(e), e);
        } finally {
            deleteQuietly(st);
            if (retired != null) {
                deleteQuietly(retired);
            }
        }
    }

    /**
     * Throws unless {@code OUT/NAME} is absent or a folder of PoroPhase's files of stem NAME
     * ({@link OutputNames#belongsTo}, report.html, temporaries) with no protected path in it.
     */
    private void checkReplaceableFolder(Path target, String name) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PoroPhaseException("cannot write the report folder " + dir.resolve(name) + ": a file of that name is in the way");
        }
        for (Path p : protectedPaths) {
            if (p.startsWith(target)) {
                throw new PoroPhaseException("refusing to replace " + dir.resolve(name) + ": it holds the input " + p);
            }
        }
        try (Stream<Path> s = Files.list(target)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (!(OutputNames.belongsTo(n, name) || n.equals(OutputNames.REPORT_HTML) || AtomicFiles.isTemporary(n))
                        || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PoroPhaseException("refusing to replace " + dir.resolve(name) + ": it holds " + n
                            + ", which PoroPhase did not write; choose another " + label);
                }
            }
        }
    }

    /** Writes one file of the folder itself (e.g. {@code summary.csv}) atomically. */
    public Path writeFile(String name, String text) {
        Path t = real.resolve(name);
        guard(t, "replace");
        AtomicFiles.writeString(t, text);
        return dir.resolve(name);
    }

    private void guard(Path target, String what) {
        Path a = target.toAbsolutePath().normalize();
        if (protectedPaths.contains(a) || protectedPaths.contains(realOf(a))) {
            throw new PoroPhaseException("refusing to " + what + " the input " + a + ": choose another " + label);
        }
    }

    private static boolean isMarker(String name) {
        return name.endsWith("." + OutputNames.SUMMARY_JSON) || name.endsWith("." + OutputNames.PHASEFIELD_JSON);
    }

    private Path newStaging(String stem) {
        try {
            return Files.createDirectory(real.resolve(STAGING_PREFIX + shortName(stem) + "-" + random()));
        } catch (IOException e) {
            throw new PoroPhaseException("cannot write into the output folder " + dir + " (" + label + "): " + reason(e)
                    + ": choose another " + label + " or make it writable", e);
        }
    }

    /** The stem in a staging folder's name: at most 40 characters, file-name safe. */
    private static String shortName(String stem) {
        String s = stem.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static String random() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    private static List<Path> listFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** Regular files and folder outputs ({@link OutputNames#isFolderOutput}: OME-Zarr images) of a staging folder, by name. */
    private static List<Path> listOutputs(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && OutputNames.isFolderOutput(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** Moves a folder output in: an earlier one of that name is moved aside first and removed after. */
    private void moveFolder(Path from, Path to) throws IOException {
        Path retired = null;
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            retired = real.resolve(RETIRED_PREFIX + shortName(to.getFileName().toString()) + "-" + random());
            move(to, retired);
        }
        try {
            move(from, to);
        } catch (IOException e) {
            if (retired != null) {
                move(retired, to);
            }
            throw e;
        }
        if (retired != null) {
            deleteQuietly(retired);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException | RuntimeException e) {
            // a leftover staging folder is removed at the start of the next run
        }
    }

    /** Releases the lock (and removes the lock file while still holding it). */
    @Override
    public void close() {
        try {
            try {
                Files.deleteIfExists(real.resolve(LOCK_FILE));
            } catch (IOException e) {
                // the next run reuses it
            }
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing releases the lock in any case
        } finally {
            HELD.remove(real);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "OutputFolder[%s]", dir);
    }
}
