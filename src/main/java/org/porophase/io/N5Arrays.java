package org.porophase.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Opens N5 datasets as volumes (N5 specification, github.com/saalfeldlab/n5):
 * {@code attributes.json} with {@code dimensions} and {@code blockSize} (x first), {@code dataType}
 * and {@code compression} ({@code raw}, {@code gzip} with {@code useZlib}, {@code zstd},
 * {@code blosc}, {@code lz4}; also the old {@code compressionType}); each block a file
 * {@code i/j/k} (x index first) holding a big-endian header — uint16 mode (0 default,
 * 1 varlength: an int32 element count follows), uint16 ndim, ndim int32 block dimensions (an
 * edge block may be stored truncated to the volume) — then the compressed big-endian elements,
 * x fastest. A missing block reads as 0.
 * <p>
 * A group chooses its dataset with {@code --dataset} (path, or level {@code N} = {@code sN} of a
 * multiscale group; default {@code s0} or the only dataset). Voxel size from
 * {@code pixelResolution} ({@code {"dimensions": [...], "unit": "um"}} or a list) or
 * {@code resolution} (x, y, z) of the dataset, else of its group times the dataset's
 * {@code downsamplingFactors}; units {@code unit}/{@code units} (um, nm, mm, …; none → µm, noted).
 */
final class N5Arrays {
    private N5Arrays() {
    }

    static final String SUPPORTED = "raw, gzip, zlib (gzip with useZlib), zstd, blosc, lz4";

    static boolean isN5(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".n5") || Files.isRegularFile(p.resolve("attributes.json"));
    }

    private static Map<String, Object> attrs(Path dir) {
        Path f = dir.resolve("attributes.json");
        return Files.isRegularFile(f) ? ZarrArrays.json(f) : Map.of();
    }

    private static boolean isDataset(Map<String, Object> a) {
        return a.containsKey("dimensions") && a.containsKey("dataType");
    }

    static ChunkedVolume open(Path root, String dataset) {
        ZarrArrays.Selection sel = ZarrArrays.Selection.parse(dataset);
        Path node = root;
        Map<String, Object> a = attrs(node);
        String levelNote = "";
        if (!isDataset(a)) {
            List<String> ds = datasetsIn(node);
            String chosen;
            if (sel.path() != null) {
                chosen = sel.path().matches("\\d+") && ds.contains("s" + sel.path()) ? "s" + sel.path() : sel.path();
            } else if (ds.contains("s0")) {
                chosen = "s0";
            } else if (ds.size() == 1) {
                chosen = ds.get(0);
            } else {
                throw new PoroPhaseException("N5 group " + node + (ds.isEmpty() ? " holds no dataset" : " holds " + ds.size() + " datasets " + ds
                        + "; choose one with --dataset PATH"));
            }
            if (chosen.matches("s\\d+") && ds.contains("s0")) {
                levelNote = "N5 multiscale level " + chosen;
            }
            node = node.resolve(chosen);
            a = attrs(node);
            if (!isDataset(a)) {
                if (Files.isDirectory(node) && sel.path() != null) {
                    return open(node, sel.indices().isEmpty() ? null : String.join(":", sel.indices().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                }
                throw new PoroPhaseException("N5 group " + root + " has no dataset '" + chosen + "'; datasets in it: " + ds);
            }
        } else if (sel.path() != null) {
            throw new PoroPhaseException(root + " is a single N5 dataset; --dataset '" + sel.path() + "' can only choose inside a group (leave it out)");
        }
        ChunkStore store = store(node, a);
        ChunkedVolume v = ZarrArrays.volume(store, null, sel, null, levelNote, node);
        voxelSize(v, node, a, store.ndim());
        return v;
    }

    static List<String> datasetsIn(Path group) {
        List<String> r = new ArrayList<>();
        try (Stream<Path> s = Files.list(group)) {
            for (Path c : s.filter(Files::isDirectory).sorted().toList()) {
                if (isDataset(attrs(c))) {
                    r.add(c.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot list " + group + ": " + e.getMessage(), e);
        }
        return r;
    }

    static ChunkStore store(Path dir, Map<String, Object> a) {
        Path meta = dir.resolve("attributes.json");
        int[] dimsX = ZarrArrays.ints(a.get("dimensions"), "dimensions", meta);
        int[] blockX = ZarrArrays.ints(a.get("blockSize"), "blockSize", meta);
        if (dimsX.length != blockX.length) {
            throw new PoroPhaseException(meta + ": dimensions " + Arrays.toString(dimsX) + " and blockSize " + Arrays.toString(blockX)
                    + " have different lengths");
        }
        int n = dimsX.length;
        int[] shape = new int[n];
        int[] chunk = new int[n];
        for (int i = 0; i < n; i++) {
            shape[i] = dimsX[n - 1 - i];
            chunk[i] = blockX[n - 1 - i];
        }
        ChunkType type = ChunkType.named(a.get("dataType") instanceof String s ? s : null, ByteOrder.BIG_ENDIAN, meta.toString());
        ChunkCodecs.Codec codec = compression(a, meta);
        return new ChunkStore(shape, chunk, type, 0, "N5 dataset " + dir) {
            private String path(int[] g) {
                StringBuilder b = new StringBuilder();
                for (int i = g.length - 1; i >= 0; i--) {
                    b.append(g[i]);
                    if (i > 0) {
                        b.append('/');
                    }
                }
                return b.toString();
            }

            @Override
            String key(int[] g) {
                String k = path(g);
                return "'" + k + "' (" + dir.resolve(k) + ")";
            }

            @Override
            Decoded read(int[] g) {
                String k = path(g);
                byte[] raw = ChunkStore.readFile(dir.resolve(k), "block '" + k + "'");
                if (raw == null) {
                    return null;
                }
                String key = key(g);
                if (raw.length < 4) {
                    throw new PoroPhaseException("N5 block " + key + " is corrupt: " + raw.length + " bytes, shorter than its header");
                }
                int mode = (raw[0] & 0xff) << 8 | (raw[1] & 0xff);
                if (mode != 0 && mode != 1) {
                    throw new PoroPhaseException("N5 block " + key + " has mode " + mode + (mode == 2 ? " (object block)" : "")
                            + "; PoroPhase reads default (0) and varlength (1) blocks of numbers");
                }
                int nd = (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
                int hdr = 4 + 4 * nd + (mode == 1 ? 4 : 0);
                if (nd != n || raw.length < hdr) {
                    throw new PoroPhaseException("N5 block " + key + " is corrupt: its header declares " + nd + " dimensions, the dataset has "
                            + n + (raw.length < hdr ? " (and the block is shorter than its header)" : ""));
                }
                int[] ext = new int[n];
                long count = 1;
                for (int i = 0; i < n; i++) {
                    int o = 4 + 4 * i;
                    int v = (raw[o] & 0xff) << 24 | (raw[o + 1] & 0xff) << 16 | (raw[o + 2] & 0xff) << 8 | (raw[o + 3] & 0xff);
                    if (v < 0 || v > blockX[i]) {
                        throw new PoroPhaseException("N5 block " + key + " declares size " + v + " along dimension " + i
                                + ", but the blockSize is " + blockX[i] + " (attributes.json contradicts the block)");
                    }
                    ext[n - 1 - i] = v;
                    count *= v;
                }
                long expected = count * type.bytes();
                if (mode == 1) {
                    int o = 4 + 4 * nd;
                    long ne = ((raw[o] & 0xffL) << 24 | (raw[o + 1] & 0xffL) << 16 | (raw[o + 2] & 0xffL) << 8 | (raw[o + 3] & 0xffL));
                    expected = ne * type.bytes();
                    if (ne < count) {
                        throw new PoroPhaseException("N5 block " + key + " holds " + ne + " elements, fewer than its " + count + "-voxel shape");
                    }
                }
                byte[] body = Arrays.copyOfRange(raw, hdr, raw.length);
                byte[] dec = codec.decode(body, (int) Math.min(Integer.MAX_VALUE, expected), key);
                if (dec.length != expected) {
                    ChunkStore.checkSize(dec, expected, key, "block header " + Arrays.toString(reverse(ext)) + " × " + type.name()
                            + (codec == ChunkCodecs.RAW ? "" : ", " + codec.name()));
                }
                return new Decoded(dec, ext, ChunkStore.cStrides(ext), type);
            }
        };
    }

    private static int[] reverse(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    static ChunkCodecs.Codec compression(Map<String, Object> a, Path meta) {
        Map<String, Object> c = ZarrArrays.map(a.get("compression"));
        String t = c != null ? String.valueOf(c.get("type")) : a.get("compressionType") instanceof String s ? s : "raw";
        return switch (t) {
            case "raw" -> ChunkCodecs.RAW;
            case "gzip" -> c != null && Boolean.TRUE.equals(c.get("useZlib")) ? ChunkCodecs.ZLIB : ChunkCodecs.GZIP;
            case "zstd", "zstandard" -> ChunkCodecs.ZSTD;
            case "blosc" -> Blosc.CODEC;
            case "lz4" -> ChunkCodecs.LZ4_BLOCK;
            default -> throw new PoroPhaseException(meta + ": compression '" + t + "' is not supported; supported: " + SUPPORTED
                    + (t.equals("xz") || t.equals("bzip2") ? " (" + t + " needs a library PoroPhase does not bundle; re-save with gzip or zstd)" : ""));
        };
    }

    /** Voxel size from pixelResolution / resolution of the dataset, else its group × downsamplingFactors. */
    static void voxelSize(ChunkedVolume v, Path node, Map<String, Object> a, int ndim) {
        List<String> notes = new ArrayList<>();
        double[] res = null;
        String unit = null;
        String from = null;
        for (int pass = 0; pass < 2 && res == null; pass++) {
            Map<String, Object> src = pass == 0 ? a : node.getParent() == null ? Map.of() : attrs(node.getParent());
            Object pr = src.get("pixelResolution");
            Map<String, Object> prm = ZarrArrays.map(pr);
            List<Object> l = prm != null ? ZarrArrays.list(prm.get("dimensions")) : ZarrArrays.list(pr);
            String key = "pixelResolution";
            if (l == null) {
                l = ZarrArrays.list(src.get("resolution"));
                key = "resolution";
            }
            if (l == null || l.isEmpty() || !l.stream().allMatch(x -> x instanceof Number)) {
                continue;
            }
            res = l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            Object u = prm != null && prm.get("unit") != null ? prm.get("unit") : src.get("unit") != null ? src.get("unit") : src.get("units");
            List<Object> ul = ZarrArrays.list(u);
            unit = ul != null && !ul.isEmpty() ? String.valueOf(ul.get(0)) : u == null ? null : String.valueOf(u);
            from = (pass == 0 ? "dataset" : "group") + " attribute " + key;
            if (pass == 1) {
                List<Object> f = ZarrArrays.list(a.get("downsamplingFactors"));
                if (f != null && f.size() >= Math.min(3, res.length) && f.stream().allMatch(x -> x instanceof Number)) {
                    for (int i = 0; i < res.length && i < f.size(); i++) {
                        res[i] *= ((Number) f.get(i)).doubleValue();
                    }
                    from += " × downsamplingFactors " + f;
                }
            }
        }
        if (res == null) {
            v.vsSource = "none (N5 attributes have no resolution / pixelResolution)" + (v.vsSource.contains(";") ? v.vsSource.substring(v.vsSource.indexOf(';')) : "");
            return;
        }
        double f = unit == null ? 1 : ZarrArrays.micrometersPer(unit);
        if (Double.isNaN(f)) {
            v.vsSource = "none (N5 " + from + " unit '" + unit + "' is not a length unit PoroPhase converts; give --voxel-size)";
            return;
        }
        double rx = res[0];
        double ry = res.length > 1 ? res[1] : rx;
        double rz = res.length > 2 && v.depth() > 1 ? res[2] : rx;
        v.vs = new VoxelSize(rx * f, ry * f, rz * f);
        v.vsSource = "N5 " + from + (unit == null ? " (no unit: taken as µm)" : " in " + unit + " → µm") + (notes.isEmpty() ? "" : "; " + notes);
    }
}
