package org.porophase.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.porophase.core.Json;
import org.porophase.core.MemoryCheck;
import org.porophase.core.OutputFolder;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;

/**
 * Writes a volume as an OME-Zarr 0.4 image (OME-NGFF 0.4 on Zarr v2), which napari (napari-ome-zarr),
 * BigDataViewer / Fiji (n5-zarr, MoBIE) and zarr-python open: a group ({@code .zgroup}) with
 * {@code multiscales} in {@code .zattrs} (axes z, y, x of type space in micrometer, one level
 * {@code "0"} whose {@code scale} transform is the voxel size in µm) and the array {@code 0/}
 * ({@code .zarray}: shape [z, y, x], C order, little-endian {@code dtype}, fill value 0,
 * {@code dimension_separator} "/" as 0.4 requires, gzip / zstd / no compressor).
 * <p>
 * Streaming: slices are read in order into one layer of chunks (≈ width · height · chunk depth ·
 * bytes per voxel, checked against the heap before the first slice); each full layer is compressed
 * (its chunks in parallel) and written, so the volume is never in memory. Chunks that hold only the fill value 0 are not
 * written (Zarr reads them as 0). Atomic: everything goes into a staging folder
 * ({@link OutputFolder#STAGING_PREFIX}) beside the target, which is renamed onto the target only
 * when complete (an existing target is moved aside first and removed after); a failure leaves no
 * partial image.
 */
public final class OmeZarrWriter {
    private OmeZarrWriter() {
    }

    /** Stored element type. */
    public enum DataType {
        /** Masks and 8-bit images ({@code |u1}). */
        UINT8("|u1", 1),
        /** 16-bit images ({@code <u2}). */
        UINT16("<u2", 2),
        /** Labels ({@code <u4}): values rounded and clamped to 0 … 2^32−1. */
        UINT32("<u4", 4),
        /** Local thickness and other real values ({@code <f4}). */
        FLOAT32("<f4", 4);

        final String dtype;
        final int bytes;

        DataType(String dtype, int bytes) {
            this.dtype = dtype;
            this.bytes = bytes;
        }

        /** The type matching a source's bit depth: 8 → uint8, 16 → uint16, 32 → float32. */
        public static DataType of(VolumeSource src) {
            return src.bitDepth() == 8 ? UINT8 : src.bitDepth() == 16 ? UINT16 : FLOAT32;
        }
    }

    /** Chunk compressor. */
    public enum Compression {
        RAW, GZIP, ZSTD;

        /** "raw"/"none", "gzip", "zstd" (case-insensitive), else an error naming the choices. */
        public static Compression parse(String s) {
            String n = s == null ? "gzip" : s.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "raw", "none", "null" -> RAW;
                case "gzip", "" -> GZIP;
                case "zstd" -> ZSTD;
                default -> throw new PoroPhaseException("unknown Zarr compression '" + s + "': use gzip, zstd or raw");
            };
        }
    }

    /** Default chunk edge (voxels). */
    public static final int DEFAULT_CHUNK = 64;

    /** Writes {@code src} to {@code dir} (a folder, conventionally named *.ome.zarr) with gzip, 64³ chunks and the source's type. */
    public static void write(Path dir, VolumeSource src, VoxelSize vs) {
        write(dir, src, vs, DataType.of(src), Compression.GZIP, DEFAULT_CHUNK);
    }

    /**
     * Writes {@code src} as OME-Zarr 0.4.
     *
     * @param vs    voxel size in µm (null: 1 µm is written and the multiscales name says "uncalibrated")
     * @param chunk chunk edge in voxels (clipped to the volume's size)
     */
    public static void write(Path dir, VolumeSource src, VoxelSize vs, DataType type, Compression comp, int chunk) {
        write(dir, src, vs, type, comp, chunk, 0);
    }

    /**
     * As {@link #write(Path, VolumeSource, VoxelSize, DataType, Compression, int)}, compressing each layer's chunks on
     * {@code threads} threads ({@link Parallel#of}: ≤ 0 one per core), the command's {@code --threads}.
     */
    public static void write(Path dir, VolumeSource src, VoxelSize vs, DataType type, Compression comp, int chunk, int threads) {
        write(dir, src, vs, type, comp, chunk, threads, 0, Reduction.MODE);
    }

    /** Maximum number of downsampled levels ({@link #write} with levels, {@link #addLevels}). */
    public static final int MAX_LEVELS = 6;

    /**
     * How a downsampled level of a multiscale pyramid reduces each 2 × 2 × 2 block of the level above (a block
     * clipped at an odd edge has fewer voxels); its name is the multiscales {@code type} of OME-NGFF 0.4.
     */
    public enum Reduction {
        /** The most frequent value, ties to the larger (masks, labels: every value of the level occurs in the block). */
        MODE("mode"),
        /** The arithmetic mean (the local-thickness map, float32). */
        MEAN("mean");

        final String ngff;

        Reduction(String ngff) {
            this.ngff = ngff;
        }
    }

    /**
     * As {@link #write(Path, VolumeSource, VoxelSize, DataType, Compression, int, int)}, followed by {@code levels}
     * downsampled levels {@code 1 … levels} (each half the previous along x, y and z, rounded up; every 2 × 2 × 2 block
     * reduced by {@code reduction}) with their {@code scale} (the voxel size × 2^k) and {@code translation} (the
     * centre of level k's first voxel, (2^k − 1)/2 voxels of level 0) in {@code multiscales}, and its {@code type}
     * the reduction: a multiscale image that viewers open at the resolution of the zoom. 0 levels: the full
     * resolution only, as before. The levels are computed slice by slice from {@code src} (each level reads it once).
     */
    public static void write(Path dir, VolumeSource src, VoxelSize vs, DataType type, Compression comp, int chunk, int threads, int levels,
            Reduction reduction) {
        if (chunk < 1) {
            throw new PoroPhaseException("Zarr chunk size must be ≥ 1 voxel, got " + chunk);
        }
        checkLevels(levels);
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, OutputFolder.STAGING_PREFIX + "zarr-");
            writeGroup(staging, target, vs, levels, reduction);
            VolumeSource s = src;
            for (int k = 0; k <= levels; k++) {
                if (k > 0) {
                    s = new Halved(s, reduction);
                }
                writeArray(staging.resolve(Integer.toString(k)), s, type, comp, chunk, threads, target.getFileName() + (k > 0 ? " level " + k : ""));
            }
            install(staging, target);
            staging = null;
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable c = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            throw new PoroPhaseException("cannot write " + target + ": " + c.getMessage() + " (check that the output folder is writable and has space)", c);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static void checkLevels(int levels) {
        if (levels < 0 || levels > MAX_LEVELS) {
            throw new org.porophase.core.InvalidValueException("zarr_levels must be 0 … " + MAX_LEVELS + " downsampled levels, got " + levels);
        }
    }

    /**
     * Writes {@code src} as the array folder {@code arr} ({@code .zarray} and its chunks): slices read in order into
     * one layer of chunks (checked against the heap first), each full layer compressed on {@code threads} threads and
     * written; chunks of zeros are not written.
     */
    private static void writeArray(Path arr, VolumeSource src, DataType type, Compression comp, int chunk, int threads, String what) throws IOException {
        int w = src.width();
        int h = src.height();
        int d = src.depth();
        int cx = Math.min(chunk, w);
        int cy = Math.min(chunk, h);
        int cz = Math.min(chunk, d);
        int ncx = (w + cx - 1) / cx;
        int ncy = (h + cy - 1) / cy;
        long chunkBytes = (long) cx * cy * cz * type.bytes;
        long layerBytes = chunkBytes * ncx * ncy;
        MemoryCheck.require(layerBytes + 2 * chunkBytes, "writing " + what + " (one layer of " + cx + "×" + cy + "×" + cz + " chunks)");
        writeZarray(Files.createDirectory(arr), type, comp, w, h, d, cx, cy, cz);
        byte[][] layer = new byte[ncx * ncy][];
        for (int gz = 0; gz * cz < d; gz++) {
            for (int i = 0; i < layer.length; i++) {
                layer[i] = new byte[(int) chunkBytes];
            }
            int z1 = Math.min(d, (gz + 1) * cz);
            for (int z = gz * cz; z < z1; z++) {
                put(src.slice(z), z - gz * cz, layer, w, h, cx, cy, ncx, type);
            }
            int layerZ = gz;
            // the layer's chunks are compressed and written on `threads` threads, each to its own file
            Parallel.of(threads).forRange(layer.length, layer.length * chunkBytes, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    byte[] c = layer[i];
                    if (allZero(c)) {
                        continue;
                    }
                    byte[] enc = encode(c, comp);
                    Path f = arr.resolve(layerZ + "/" + (i / ncx) + "/" + (i % ncx));
                    try {
                        Files.createDirectories(f.getParent());
                        Files.write(f, enc);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
    }

    /**
     * Adds {@code levels} downsampled levels to a complete image written box by box ({@link #create}, every box
     * written, {@link #finish}ed), as {@link #write} with levels does: level 0 read back chunk by chunk, slice by slice
     * (the whole volume is never in memory; on Spark this runs on the driver once the passes are done), levels
     * {@code 1 … levels} written into the image and {@code multiscales} rewritten with them. Exact for uint8 and
     * float32; uint32 labels are read back as 32-bit floats, exact up to 2^24 (16.7 M) labels, so a label image with
     * more is refused (write it without levels).
     *
     * @param maxValue the largest value in the image (labels: the pore count), checked as said; NaN: not known
     */
    public static void addLevels(Boxes t, VoxelSize vs, int levels, Reduction reduction, int threads, double maxValue) {
        checkLevels(levels);
        if (levels == 0) {
            return;
        }
        if (t.type() == DataType.UINT32 && !(maxValue <= (1 << 24))) {
            throw new PoroPhaseException("cannot add zarr_levels to " + t.dir() + ": its " + (Double.isNaN(maxValue) ? "" : (long) maxValue + " ")
                    + "labels exceed 2^24, which its downsampled levels cannot represent exactly; set zarr_levels 0 for the labels");
        }
        Path img = Path.of(t.dir());
        int chunk = Math.max(t.chunk()[0], Math.max(t.chunk()[1], t.chunk()[2]));
        try (VolumeSource l0 = VolumeReaders.open(img, "0")) {
            VolumeSource s = l0;
            for (int k = 1; k <= levels; k++) {
                s = new Halved(s, reduction);
                writeArray(img.resolve(Integer.toString(k)), s, t.type(), t.comp(), chunk, threads, img.getFileName() + " level " + k);
            }
            writeText(img.resolve(".zattrs"), Json.pretty(multiscales(img, vs, levels, reduction)));
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable c = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            throw new PoroPhaseException("cannot write the levels of " + img + ": " + c.getMessage() + " (check that the output folder is writable and has space)", c);
        }
    }

    /**
     * Level k + 1 of a pyramid over level k: ⌈w/2⌉ × ⌈h/2⌉ × ⌈d/2⌉ voxels, each the reduction of the (up to) 2 × 2 × 2
     * voxels it covers; slices of the source's array type, computed on demand from two source slices.
     */
    static final class Halved extends org.porophase.core.ForwardingVolumeSource {
        private final Reduction r;
        private final int w;
        private final int h;
        private final int d;

        Halved(VolumeSource src, Reduction r) {
            super(src);
            this.r = r;
            w = (src.width() + 1) / 2;
            h = (src.height() + 1) / 2;
            d = (src.depth() + 1) / 2;
        }

        @Override
        public int width() {
            return w;
        }

        @Override
        public int height() {
            return h;
        }

        @Override
        public int depth() {
            return d;
        }

        @Override
        public Object slice(int z) {
            int sw = src.width();
            int sh = src.height();
            Object a = src.slice(2 * z);
            Object b = 2 * z + 1 < src.depth() ? src.slice(2 * z + 1) : null;
            Object out = a instanceof byte[] ? new byte[w * h] : a instanceof short[] ? new short[w * h] : a instanceof int[] ? new int[w * h] : new float[w * h];
            double[] v = new double[8];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int n = 0;
                    for (Object s : new Object[] {a, b}) {
                        if (s == null) {
                            continue;
                        }
                        for (int yy = 2 * y; yy < Math.min(sh, 2 * y + 2); yy++) {
                            for (int xx = 2 * x; xx < Math.min(sw, 2 * x + 2); xx++) {
                                v[n++] = value(s, yy * sw + xx);
                            }
                        }
                    }
                    double q = r == Reduction.MEAN ? mean(v, n) : mode(v, n);
                    int i = y * w + x;
                    if (out instanceof byte[] o) {
                        o[i] = (byte) (long) q;
                    } else if (out instanceof short[] o) {
                        o[i] = (short) (long) q;
                    } else if (out instanceof int[] o) {
                        o[i] = (int) (long) q;
                    } else {
                        ((float[]) out)[i] = (float) q;
                    }
                }
            }
            return out;
        }

        private static double mean(double[] v, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            return s / n;
        }

        /** The most frequent of {@code v[0 … n)}, ties to the larger value. */
        static double mode(double[] v, int n) {
            double best = v[0];
            int bestCount = 0;
            for (int i = 0; i < n; i++) {
                int c = 0;
                for (int j = 0; j < n; j++) {
                    c += v[j] == v[i] ? 1 : 0;
                }
                if (c > bestCount || c == bestCount && v[i] > best) {
                    best = v[i];
                    bestCount = c;
                }
            }
            return best;
        }
    }

    /** Writes {@code .zgroup} and {@code .zattrs} (multiscales named after {@code target}, levels 0 … {@code levels}) into {@code dir}. */
    private static void writeGroup(Path dir, Path target, VoxelSize vs, int levels, Reduction reduction) throws IOException {
        writeText(dir.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}\n");
        writeText(dir.resolve(".zattrs"), Json.pretty(multiscales(target, vs, levels, reduction)));
    }

    /** Writes the {@code .zarray} of an array folder. */
    private static void writeZarray(Path arr, DataType type, Compression comp, int w, int h, int d, int cx, int cy, int cz) throws IOException {
        Map<String, Object> za = new LinkedHashMap<>();
        za.put("chunks", List.of(cz, cy, cx));
        za.put("compressor", comp == Compression.RAW ? null : comp == Compression.GZIP ? ordered("id", "gzip", "level", 1)
                : ordered("id", "zstd", "level", 3));
        za.put("dimension_separator", "/");
        za.put("dtype", type.dtype);
        za.put("fill_value", 0);
        za.put("filters", null);
        za.put("order", "C");
        za.put("shape", List.of(d, h, w));
        za.put("zarr_format", 2);
        writeText(arr.resolve(".zarray"), Json.pretty(za));
    }

    private static byte[] encode(byte[] c, Compression comp) {
        return comp == Compression.RAW ? c : comp == Compression.GZIP ? ChunkCodecs.gzip(c, 1) : ChunkCodecs.zstd(c, 3);
    }

    /**
     * An OME-Zarr 0.4 image written box by box ({@link #create}, then {@link #writeBox} from any number of
     * tasks, threads or machines that share the folder): the same metadata, chunk layout and bytes as
     * {@link #write} of the same volume with the same chunk edge. Serializable (sent to Spark executors).
     *
     * @param dir     the image folder ({@code *.ome.zarr}), inside a staging folder the caller moves in as a whole
     * @param chunk   chunk edges x, y, z (the edge clipped to the volume as {@link #write} does)
     * @param scratch the folder beside the image where each chunk is written before it is moved into the image
     *                ({@link OutputFolder#STAGING_PREFIX}{@code chunks-NAME-scratch}): a writer killed half-way (a lost Spark
     *                executor) leaves its temporary file there, never inside the image; {@link #finish} removes it
     */
    public record Boxes(String dir, int width, int height, int depth, int[] chunk, DataType type, Compression comp, String scratch)
            implements java.io.Serializable {
    }

    /**
     * Creates the image folder {@code dir} (which must not exist) with its metadata and no chunk: a volume of
     * w × h × d voxels of {@code type}, chunks of {@code chunk}³ (clipped to the volume), voxel size in µm.
     * Boxes are then written with {@link #writeBox}; chunks never written read as 0 (the fill value).
     */
    public static Boxes create(Path dir, int w, int h, int d, VoxelSize vs, DataType type, Compression comp, int chunk) {
        if (chunk < 1) {
            throw new PoroPhaseException("Zarr chunk size must be ≥ 1 voxel, got " + chunk);
        }
        int cx = Math.min(chunk, w);
        int cy = Math.min(chunk, h);
        int cz = Math.min(chunk, d);
        Path target = dir.toAbsolutePath();
        Path scratch = scratchOf(target);
        try {
            Files.createDirectory(target);
            Files.createDirectory(scratch);
            writeGroup(target, target, vs, 0, Reduction.MODE);
            writeZarray(Files.createDirectory(target.resolve("0")), type, comp, w, h, d, cx, cy, cz);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot write " + target + ": " + e.getMessage() + " (check that the output folder is writable and has space)", e);
        }
        return new Boxes(target.toString(), w, h, d, new int[] {cx, cy, cz}, type, comp, scratch.toString());
    }

    /**
     * The scratch folder of the image {@code target}: beside it, named as a staging folder (so a dead run's is
     * recognised as one and removed) and not ending in {@code .zarr} (so it is never taken for an output).
     */
    private static Path scratchOf(Path target) {
        return target.resolveSibling(OutputFolder.STAGING_PREFIX + "chunks-" + target.getFileName() + "-scratch");
    }

    /**
     * Completes an image written with {@link #writeBox}, once every box is written and before the folder holding it is
     * committed: removes its scratch folder with whatever temporary chunk files writers that died half-way left in it
     * (the image itself never holds one: every chunk enters it by an atomic move of a complete file). A writer still
     * running elsewhere (a task Spark has given up on) can then no longer write a chunk; a move it had started puts
     * the same complete chunk in place.
     */
    public static void finish(Boxes t) {
        deleteTree(Path.of(t.scratch()));
    }

    /** Creates one folder below an existing one (never its parents: see {@link #writeBox}); an existing folder is fine. */
    private static void makeDir(Path d) throws IOException {
        try {
            Files.createDirectory(d);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(d)) {
                throw e;
            }
        }
    }

    /**
     * Writes the box [x0, x0+bw) × [y0, y0+bh) × [z0, z0+bd) of an image made by {@link #create}: {@code data}
     * holds its voxels x fastest ({@code byte[]} for uint8, {@code short[]} uint16, {@code int[]} uint32 (unsigned),
     * {@code float[]} float32). The box must be made of whole chunks (it starts on a chunk corner and ends on one or
     * at the volume's end), so boxes never share a chunk. Each chunk file is written to a temporary file in the image's
     * scratch folder ({@link Boxes#scratch}, outside the image) and moved into place (a task run twice, as Spark retries a
     * lost one, writes the same bytes again, never half a chunk; a task killed half-way leaves its temporary file in the
     * scratch folder, which {@link #finish} removes); chunks holding only 0 are not written, as {@link #write} does.
     * Encoding uses the calling thread only.
     */
    public static void writeBox(Boxes t, int x0, int y0, int z0, int bw, int bh, int bd, Object data) {
        int[] c = t.chunk();
        if (x0 % c[0] != 0 || y0 % c[1] != 0 || z0 % c[2] != 0 || (x0 + bw) % c[0] != 0 && x0 + bw != t.width()
                || (y0 + bh) % c[1] != 0 && y0 + bh != t.height() || (z0 + bd) % c[2] != 0 && z0 + bd != t.depth()
                || x0 + bw > t.width() || y0 + bh > t.height() || z0 + bd > t.depth()) {
            throw new IllegalArgumentException("box " + x0 + "," + y0 + "," + z0 + " + " + bw + "×" + bh + "×" + bd + " is not made of whole "
                    + c[0] + "×" + c[1] + "×" + c[2] + " chunks of the " + t.width() + "×" + t.height() + "×" + t.depth() + " image " + t.dir());
        }
        if (java.lang.reflect.Array.getLength(data) != (long) bw * bh * bd) {
            throw new IllegalArgumentException("box data of " + java.lang.reflect.Array.getLength(data) + " voxels for a box of " + bw + "×" + bh + "×" + bd);
        }
        int nb = t.type().bytes;
        Path arr = Path.of(t.dir(), "0");
        Path scratch = Path.of(t.scratch());
        if (!Files.isDirectory(arr) || !Files.isDirectory(scratch)) {
            // never re-create the image here: a worker that does not see the driver's staging folder would write its
            // chunks to a private copy, and the committed image would read as fill value (all 0) without an error
            throw new PoroPhaseException("the OME-Zarr image " + t.dir() + " (its array folder 0/ or its scratch folder) is not visible from this worker:"
                    + " block-wise volumes are written by every task into the output set's staging folder, so --out must be on a"
                    + " file system shared by the driver and every executor (or the run was cancelled or finished and its staging folder removed)");
        }
        byte[] chunk = new byte[c[0] * c[1] * c[2] * nb];
        try {
            for (int gz = z0 / c[2]; gz * c[2] < z0 + bd; gz++) {
                for (int gy = y0 / c[1]; gy * c[1] < y0 + bh; gy++) {
                    for (int gx = x0 / c[0]; gx * c[0] < x0 + bw; gx++) {
                        java.util.Arrays.fill(chunk, (byte) 0);
                        int ez = Math.min(c[2], z0 + bd - gz * c[2]);
                        int ey = Math.min(c[1], y0 + bh - gy * c[1]);
                        int ex = Math.min(c[0], x0 + bw - gx * c[0]);
                        for (int z = 0; z < ez; z++) {
                            for (int y = 0; y < ey; y++) {
                                int src = ((gz * c[2] + z - z0) * bh + gy * c[1] + y - y0) * bw + gx * c[0] - x0;
                                int dst = (z * c[1] + y) * c[0];
                                putRow(data, src, chunk, dst, ex, t.type());
                            }
                        }
                        if (allZero(chunk)) {
                            continue;
                        }
                        Path f = arr.resolve(gz + "/" + gy + "/" + gx);
                        makeDir(arr.resolve(Integer.toString(gz)));
                        makeDir(f.getParent());
                        Path tmp = Files.createTempFile(scratch, ".chunk-", ".tmp");
                        try {
                            Files.write(tmp, encode(chunk, t.comp()));
                            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        } finally {
                            Files.deleteIfExists(tmp);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot write a chunk of " + t.dir() + ": " + e.getMessage() + " (check that the output folder is writable and has space)", e);
        }
    }

    /** Copies {@code n} voxels of a box array (from index {@code src}) into chunk bytes at voxel {@code dst}, little-endian, as {@link #put}. */
    private static void putRow(Object data, int src, byte[] chunk, int dst, int n, DataType t) {
        if (t == DataType.UINT8 && data instanceof byte[] b) {
            System.arraycopy(b, src, chunk, dst, n);
            return;
        }
        int nb = t.bytes;
        for (int x = 0; x < n; x++) {
            int o = (dst + x) * nb;
            double v = value(data, src + x);
            if (t == DataType.UINT8) {
                chunk[o] = (byte) clamp(v, 255);
                continue;
            }
            long bits = t == DataType.FLOAT32 ? Float.floatToRawIntBits((float) v) : clamp(v, t == DataType.UINT16 ? 65535 : 0xffffffffL);
            for (int k = 0; k < nb; k++) {
                chunk[o + k] = (byte) (bits >>> (8 * k));
            }
        }
    }

    private static Map<String, Object> multiscales(Path target, VoxelSize vs, int levels, Reduction reduction) {
        List<Object> axes = new ArrayList<>();
        for (String a : new String[] {"z", "y", "x"}) {
            axes.add(ordered("name", a, "type", "space", "unit", "micrometer"));
        }
        VoxelSize v = vs == null ? VoxelSize.iso(1) : vs;
        List<Object> datasets = new ArrayList<>();
        for (int k = 0; k <= levels; k++) {
            double f = 1 << k;
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("path", Integer.toString(k));
            List<Object> tr = new ArrayList<>();
            tr.add(ordered("type", "scale", "scale", List.of(v.z() * f, v.y() * f, v.x() * f)));
            if (k > 0) {
                // the centre of level k's first voxel lies (2^k − 1)/2 voxels of level 0 from level 0's first voxel centre
                double o = (f - 1) / 2;
                tr.add(ordered("type", "translation", "translation", List.of(v.z() * o, v.y() * o, v.x() * o)));
            }
            level.put("coordinateTransformations", tr);
            datasets.add(level);
        }
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("version", "0.4");
        String name = target.getFileName().toString().replaceFirst("(?i)(\\.ome)?\\.zarr$", "");
        ms.put("name", vs == null ? name + " (uncalibrated: 1 voxel = 1 µm)" : name);
        ms.put("axes", axes);
        ms.put("datasets", datasets);
        if (levels > 0) {
            ms.put("type", reduction.ngff);
            ms.put("metadata", ordered("method", "org.porophase.io.OmeZarrWriter.Halved", "description",
                    "each level halves the previous along z, y, x (rounded up); every 2x2x2 block (fewer voxels at an odd edge) reduced by its "
                            + (reduction == Reduction.MEAN ? "mean" : "most frequent value (ties to the larger)")));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("multiscales", List.of(ms));
        root.put("porophase", ordered("writer", "org.porophase.io.OmeZarrWriter", "voxel_size_um", v.toArray()));
        return root;
    }

    /**
     * A map of the given keys and values in that order: the metadata files are the same bytes whichever JVM writes
     * them ({@code Map.of} iterates in an order that changes from one JVM start to the next, so a volume written by
     * Spark executors and the driver, or by two runs, had {@code .zarray} / {@code .zattrs} differing in key order).
     */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void put(Object slice, int zl, byte[][] layer, int w, int h, int cx, int cy, int ncx, DataType t) {
        int nb = t.bytes;
        if (t == DataType.UINT8 && slice instanceof byte[] b) {
            for (int y = 0; y < h; y++) {
                int gy = y / cy;
                int o = (zl * cy + y % cy) * cx;
                for (int gx = 0; gx < ncx; gx++) {
                    System.arraycopy(b, y * w + gx * cx, layer[gy * ncx + gx], o, Math.min(cx, w - gx * cx));
                }
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            int gy = y / cy;
            int yl = y % cy;
            for (int x = 0; x < w; x++) {
                int gx = x / cx;
                byte[] c = layer[gy * ncx + gx];
                int o = ((zl * cy + yl) * cx + (x % cx)) * nb;
                int i = y * w + x;
                if (t == DataType.UINT8) {
                    c[o] = slice instanceof byte[] b ? b[i] : (byte) clamp(value(slice, i), 255);
                    continue;
                }
                long bits;
                if (t == DataType.FLOAT32) {
                    bits = Float.floatToRawIntBits((float) value(slice, i));
                } else {
                    bits = clamp(value(slice, i), t == DataType.UINT16 ? 65535 : 0xffffffffL);
                }
                for (int k = 0; k < nb; k++) {
                    c[o + k] = (byte) (bits >>> (8 * k));
                }
            }
        }
    }

    private static double value(Object s, int i) {
        if (s instanceof byte[] b) {
            return b[i] & 0xff;
        }
        if (s instanceof short[] sh) {
            return sh[i] & 0xffff;
        }
        if (s instanceof int[] a) {
            return a[i] & 0xffffffffL; // label volumes (uint32), exact in double
        }
        return ((float[]) s)[i];
    }

    private static long clamp(double v, long max) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= max ? max : Math.round(v);
    }

    private static boolean allZero(byte[] c) {
        for (byte b : c) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeText(Path f, String s) throws IOException {
        Files.writeString(f, s, StandardCharsets.UTF_8);
    }

    /** Moves the complete staging folder onto the target (an existing target is moved aside, then removed). */
    private static void install(Path staging, Path target) throws IOException {
        Path retired = null;
        if (Files.exists(target)) {
            if (!Files.isDirectory(target) || !ZarrArrays.isZarr(target)) {
                throw new IOException(target + " exists and is not a Zarr folder; PoroPhase does not replace it (choose another output name)");
            }
            retired = target.resolveSibling(OutputFolder.RETIRED_PREFIX + "zarr-" + Long.toHexString(System.nanoTime()));
            Files.move(target, retired, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (retired != null) {
                Files.move(retired, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (retired != null) {
            deleteTree(retired);
        }
    }

    static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException ignored) {
            // best effort: staging / retired folders are removed by the next run into the folder (OutputFolder)
        }
    }
}
