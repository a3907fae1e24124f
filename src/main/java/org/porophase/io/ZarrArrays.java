package org.porophase.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.porophase.core.PoroPhaseException;

/**
 * Opens Zarr arrays and OME-Zarr images as volumes ({@link ChunkedVolume}), reading the metadata per
 * the Zarr v2 and v3 specifications (zarr-specs.readthedocs.io) and OME-NGFF 0.4 / 0.5
 * (ngff.openmicroscopy.org):
 * <ul>
 * <li><b>v2</b> ({@code .zarray}): {@code shape}, {@code chunks}, {@code dtype} with byte order,
 * {@code order} C or F, {@code fill_value} (null → 0, "NaN"), {@code dimension_separator} "." or "/",
 * {@code compressor} null, gzip, zlib, zstd, lz4, blosc; {@code filters} must be empty.</li>
 * <li><b>v3</b> ({@code zarr.json}): {@code data_type}, regular {@code chunk_grid},
 * {@code chunk_key_encoding} default or v2, codecs {@code transpose}, {@code bytes} (endian),
 * {@code gzip}, {@code zstd}, {@code blosc}, {@code crc32c} and {@code sharding_indexed}
 * ({@link ZarrV3Codecs}).</li>
 * <li><b>OME-Zarr</b>: {@code multiscales} in {@code .zattrs} (0.4) or {@code zarr.json}
 * {@code attributes.ome} (0.5): the level is chosen by {@code dataset} (see {@link Selection});
 * voxel size from the level's {@code scale} transform (times the multiscale-wide one) in the
 * {@code axes}' units; a {@code translation} is ignored (noted in the voxel-size source).</li>
 * </ul>
 * Axes: named by OME {@code axes} or v3 {@code dimension_names} (x, y, z; others such as t and c are
 * held at one index), otherwise the last three axes are z, y, x (two: y, x).
 */
final class ZarrArrays {
    private ZarrArrays() {
    }

    /** True for a Zarr array or group folder: a name ending in .zarr, or one holding .zarray, .zgroup, .zattrs or zarr.json. */
    static boolean isZarr(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".zarr") || Files.isRegularFile(p.resolve(".zarray")) || Files.isRegularFile(p.resolve(".zgroup"))
                || Files.isRegularFile(p.resolve("zarr.json")) || Files.isRegularFile(p.resolve(".zattrs"));
    }

    static String readText(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PoroPhaseException("cannot read " + f + ": " + e.getMessage() + " (check that it is readable)", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path f) {
        Object o = ChunkJson.parse(readText(f), f.toString());
        if (!(o instanceof Map)) {
            throw new PoroPhaseException(f + " is not a JSON object (the Zarr / N5 metadata is damaged)");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : null;
    }

    static int[] ints(Object o, String what, Path meta) {
        List<Object> l = list(o);
        if (l == null) {
            throw new PoroPhaseException(meta + ": '" + what + "' is missing or not a list of integers");
        }
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(l.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new PoroPhaseException(meta + ": '" + what + "' has a non-integer or out-of-range entry " + l.get(i));
            }
            r[i] = (int) (long) v;
        }
        return r;
    }

    static double fillValue(Object f, Path meta) {
        if (f == null) {
            return 0;
        }
        if (f instanceof Number n) {
            return n.doubleValue();
        }
        if (f instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (f instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new PoroPhaseException(meta + ": unsupported fill_value " + f + " (a number, true/false, null or \"NaN\")");
    }

    // ------------------------------------------------------------------ opening

    /**
     * What {@code --dataset} selects: a path inside the container or an OME-Zarr level (index, e.g.
     * {@code 1}, or the level's path), and indices of non-spatial axes ({@code c=1}, {@code t=0}),
     * separated by ':' — e.g. {@code --dataset 1:c=2}.
     */
    record Selection(String path, Map<String, Integer> indices, String text) {
        static Selection parse(String s) {
            Map<String, Integer> idx = new java.util.LinkedHashMap<>();
            String path = null;
            if (s != null && !s.isBlank()) {
                for (String t : s.trim().split(":")) {
                    t = t.trim();
                    int e = t.indexOf('=');
                    if (e > 0 && t.substring(e + 1).matches("\\d+")) {
                        idx.put(t.substring(0, e).trim().toLowerCase(Locale.ROOT), Integer.parseInt(t.substring(e + 1)));
                    } else if (!t.isEmpty()) {
                        if (path != null) {
                            throw new PoroPhaseException("--dataset '" + s + "' names two paths; write LEVEL_OR_PATH[:AXIS=INDEX…], e.g. --dataset 1:c=0");
                        }
                        path = t.replaceAll("^/+|/+$", "");
                    }
                }
            }
            return new Selection(path == null || path.isEmpty() ? null : path, idx, s);
        }
    }

    /** Opens the Zarr array or OME-Zarr image at {@code root}; {@code dataset} as in {@link Selection}. */
    static ChunkedVolume open(Path root, String dataset) {
        Selection sel = Selection.parse(dataset);
        Path node = root;
        String levelNote = "";
        Multiscale ms = null;
        Node meta = Node.read(node);
        if (meta.kind == Node.Kind.GROUP) {
            ms = Multiscale.of(meta.attrs, node);
            String chosen;
            if (ms != null) {
                chosen = ms.choose(sel.path, node);
                if (chosen == null) {
                    chosen = sel.path; // a path inside the group that is not a level (e.g. labels/cells/0)
                    ms = null;
                } else {
                    levelNote = ms.levelNote(chosen);
                }
            } else if (sel.path != null) {
                chosen = sel.path;
            } else {
                List<String> arrays = arraysIn(node);
                if (arrays.size() != 1) {
                    throw new PoroPhaseException("Zarr group " + node + (arrays.isEmpty() ? " holds no array" : " holds " + arrays.size()
                            + " arrays " + arrays + " and no OME-Zarr multiscales; choose one with --dataset PATH"));
                }
                chosen = arrays.get(0);
            }
            node = node.resolve(chosen);
            if (!Files.isDirectory(node)) {
                throw new PoroPhaseException("Zarr group " + root + " has no array '" + chosen + "'"
                        + (ms != null ? "; its multiscale levels are " + ms.paths : "; arrays in it: " + arraysIn(root)));
            }
            meta = Node.read(node);
            if (ms == null && meta.kind == Node.Kind.GROUP) {
                return open(node, sel.indices.isEmpty() ? null : String.join(":", sel.indices.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
        } else if (sel.path != null) {
            throw new PoroPhaseException(root + " is a single Zarr array; --dataset '" + sel.path + "' can only choose inside a group (leave it out)");
        } else if (node.getParent() != null) {
            // an OME-Zarr level opened directly (image.zarr/0): the parent's multiscales give its voxel size
            Path parent = node.getParent();
            if (Files.isRegularFile(parent.resolve(".zattrs")) || Files.isRegularFile(parent.resolve("zarr.json"))) {
                try {
                    Node pm = Node.read(parent);
                    Multiscale pms = pm.kind == Node.Kind.GROUP ? Multiscale.of(pm.attrs, parent) : null;
                    if (pms != null && pms.paths.contains(node.getFileName().toString())) {
                        ms = pms;
                        levelNote = pms.levelNote(node.getFileName().toString());
                    }
                } catch (PoroPhaseException ignored) {
                    // the parent is not a readable group: the array alone
                }
            }
        }
        if (meta.kind != Node.Kind.ARRAY) {
            throw new PoroPhaseException(node + " is not a Zarr array (no .zarray or zarr.json with node_type array)");
        }
        ChunkStore store = meta.v3 ? ZarrV3Codecs.store(node, meta.json) : v2Store(node, meta.json);
        List<String> names = ms != null && ms.axisNames != null ? ms.axisNames : meta.dimensionNames;
        if (names != null && names.size() != store.ndim()) {
            throw new PoroPhaseException(node + ": the metadata names " + names.size() + " axes " + names + " but the array has "
                    + store.ndim() + " dimensions");
        }
        return volume(store, names, sel, ms, levelNote, node);
    }

    /** Names of the arrays directly inside a group (folders with .zarray or an array zarr.json). */
    static List<String> arraysIn(Path group) {
        List<String> r = new ArrayList<>();
        try (Stream<Path> s = Files.list(group)) {
            for (Path c : s.sorted().toList()) {
                if (Files.isRegularFile(c.resolve(".zarray"))) {
                    r.add(c.getFileName().toString());
                } else if (Files.isRegularFile(c.resolve("zarr.json")) && readText(c.resolve("zarr.json")).contains("\"array\"")) {
                    r.add(c.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new PoroPhaseException("cannot list " + group + ": " + e.getMessage(), e);
        }
        return r;
    }

    /** The metadata of one node (v2: .zarray or .zgroup + .zattrs; v3: zarr.json). */
    static final class Node {
        enum Kind { ARRAY, GROUP }

        Kind kind;
        boolean v3;
        Map<String, Object> json;
        Map<String, Object> attrs = Map.of();
        List<String> dimensionNames;

        static Node read(Path dir) {
            Node n = new Node();
            Path z3 = dir.resolve("zarr.json");
            if (Files.isRegularFile(dir.resolve(".zarray"))) {
                n.kind = Kind.ARRAY;
                n.json = json(dir.resolve(".zarray"));
            } else if (Files.isRegularFile(z3)) {
                n.v3 = true;
                n.json = json(z3);
                Object f = n.json.get("zarr_format");
                if (!(f instanceof Long v) || v != 3) {
                    throw new PoroPhaseException(z3 + ": zarr_format is " + f + ", expected 3");
                }
                Object t = n.json.get("node_type");
                if ("array".equals(t)) {
                    n.kind = Kind.ARRAY;
                } else if ("group".equals(t)) {
                    n.kind = Kind.GROUP;
                } else {
                    throw new PoroPhaseException(z3 + ": node_type is " + t + ", expected \"array\" or \"group\"");
                }
                Map<String, Object> a = map(n.json.get("attributes"));
                n.attrs = a == null ? Map.of() : a;
                List<Object> dn = list(n.json.get("dimension_names"));
                if (dn != null && dn.stream().allMatch(x -> x instanceof String)) {
                    n.dimensionNames = dn.stream().map(x -> ((String) x).toLowerCase(Locale.ROOT)).toList();
                }
                return n;
            } else if (Files.isRegularFile(dir.resolve(".zgroup")) || Files.isRegularFile(dir.resolve(".zattrs"))) {
                n.kind = Kind.GROUP;
            } else {
                throw new PoroPhaseException(dir + " is not a Zarr array or group: it has no .zarray, .zgroup, .zattrs or zarr.json "
                        + "(give the .zarr folder, or choose an array inside it with --dataset PATH)");
            }
            if (Files.isRegularFile(dir.resolve(".zattrs"))) {
                n.attrs = json(dir.resolve(".zattrs"));
            }
            return n;
        }
    }

    /** The OME-NGFF multiscales of a group (first multiscale). */
    static final class Multiscale {
        final String version;
        final List<String> paths = new ArrayList<>();
        final List<Map<String, Object>> datasets = new ArrayList<>();
        List<String> axisNames;
        List<String> axisUnits;
        List<Object> globalTransforms;

        Multiscale(String version) {
            this.version = version;
        }

        static Multiscale of(Map<String, Object> attrs, Path group) {
            Map<String, Object> ome = map(attrs.get("ome"));
            Object msObj = ome != null && ome.get("multiscales") != null ? ome.get("multiscales") : attrs.get("multiscales");
            List<Object> mss = list(msObj);
            if (mss == null || mss.isEmpty()) {
                return null;
            }
            Map<String, Object> m = map(mss.get(0));
            if (m == null) {
                return null;
            }
            Object ver = ome != null && ome.get("version") != null ? ome.get("version") : m.get("version");
            Multiscale r = new Multiscale(ver == null ? "?" : String.valueOf(ver));
            List<Object> ds = list(m.get("datasets"));
            if (ds == null || ds.isEmpty()) {
                throw new PoroPhaseException("OME-Zarr " + group + ": multiscales has no datasets (the metadata is damaged)");
            }
            for (Object o : ds) {
                Map<String, Object> d = map(o);
                if (d == null || !(d.get("path") instanceof String p)) {
                    throw new PoroPhaseException("OME-Zarr " + group + ": a multiscales dataset has no path");
                }
                r.paths.add(p);
                r.datasets.add(d);
            }
            List<Object> axes = list(m.get("axes"));
            if (axes != null) {
                r.axisNames = new ArrayList<>();
                r.axisUnits = new ArrayList<>();
                for (Object a : axes) {
                    if (a instanceof String s) { // 0.3: a list of names
                        r.axisNames.add(s.toLowerCase(Locale.ROOT));
                        r.axisUnits.add(null);
                    } else {
                        Map<String, Object> am = map(a);
                        r.axisNames.add(am == null ? "?" : String.valueOf(am.get("name")).toLowerCase(Locale.ROOT));
                        r.axisUnits.add(am == null || am.get("unit") == null ? null : String.valueOf(am.get("unit")));
                    }
                }
            }
            r.globalTransforms = list(m.get("coordinateTransformations"));
            return r;
        }

        /** The chosen level's path: by index ("1") or path; null when {@code sel} names something else. */
        String choose(String sel, Path group) {
            if (sel == null) {
                return paths.get(0);
            }
            if (paths.contains(sel)) {
                return sel;
            }
            if (sel.matches("\\d+")) {
                int i = Integer.parseInt(sel);
                if (i < paths.size()) {
                    return paths.get(i);
                }
                throw new PoroPhaseException("OME-Zarr " + group + " has " + paths.size() + " levels " + paths + "; --dataset " + sel
                        + " is beyond them (use 0 … " + (paths.size() - 1) + ", 0 = full resolution)");
            }
            return null;
        }

        String levelNote(String path) {
            int i = paths.indexOf(path);
            return "OME-Zarr " + version + " level " + i + " of " + paths.size() + " ('" + path + "')";
        }

        /** Scale per array axis of the level (dataset scale × multiscale scale), or null; {@code notes} collects remarks. */
        double[] scale(String path, int ndim, List<String> notes) {
            Map<String, Object> d = datasets.get(paths.indexOf(path));
            double[] s = null;
            for (List<Object> tl : Arrays.asList(list(d.get("coordinateTransformations")), globalTransforms)) {
                if (tl == null) {
                    continue;
                }
                for (Object o : tl) {
                    Map<String, Object> t = map(o);
                    if (t == null) {
                        continue;
                    }
                    if ("scale".equals(t.get("type"))) {
                        List<Object> v = list(t.get("scale"));
                        if (v == null || v.size() != ndim) {
                            notes.add("scale transform " + t.get("scale") + " does not match the " + ndim + " axes (ignored)");
                            continue;
                        }
                        if (s == null) {
                            s = new double[ndim];
                            Arrays.fill(s, 1);
                        }
                        for (int a = 0; a < ndim; a++) {
                            s[a] *= ((Number) v.get(a)).doubleValue();
                        }
                    } else if ("translation".equals(t.get("type"))) {
                        if (!notes.contains("translation ignored")) {
                            notes.add("translation ignored");
                        }
                    }
                }
            }
            return s;
        }
    }

    /** µm per unit of an OME-NGFF / UDUNITS length unit, or NaN when the unit is not a length PoroPhase knows. */
    static double micrometersPer(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "micrometer", "micrometre", "micron", "microns", "um", "µm", "μm" -> 1;
            case "nanometer", "nanometre", "nm" -> 1e-3;
            case "millimeter", "millimetre", "mm" -> 1e3;
            case "centimeter", "centimetre", "cm" -> 1e4;
            case "meter", "metre", "m" -> 1e6;
            case "angstrom", "å" -> 1e-4;
            case "picometer", "picometre", "pm" -> 1e-6;
            default -> Double.NaN;
        };
    }

    /** Builds the volume: spatial axes by name or position, other axes held at the selected index. */
    static ChunkedVolume volume(ChunkStore store, List<String> names, Selection sel, Multiscale ms, String levelNote, Path node) {
        int n = store.ndim();
        int ax;
        int ay;
        int az;
        if (names != null && names.contains("x") && names.contains("y")) {
            ax = names.indexOf("x");
            ay = names.indexOf("y");
            az = names.indexOf("z");
        } else if (n >= 3) {
            az = n - 3;
            ay = n - 2;
            ax = n - 1;
        } else if (n == 2) {
            az = -1;
            ay = 0;
            ax = 1;
        } else {
            throw new PoroPhaseException(store.description + " has " + n + " dimension(s); a volume needs 2 or 3 spatial axes (z, y, x)");
        }
        List<String> notes = new ArrayList<>();
        int[] fixed = new int[n];
        for (int a = 0; a < n; a++) {
            if (a == ax || a == ay || a == az) {
                fixed[a] = -1;
                continue;
            }
            String name = names != null ? names.get(a) : "dim" + a;
            Integer pick = sel.indices.get(name);
            if (pick == null) {
                if (store.shape[a] != 1) {
                    throw new PoroPhaseException(store.description + " has " + store.shape[a] + " entries along its '" + name + "' axis; "
                            + "PoroPhase reads one 3D volume: choose one with --dataset " + (sel.path == null ? "" : sel.path + ":")
                            + name + "=INDEX (0 … " + (store.shape[a] - 1) + ")");
                }
                pick = 0;
            } else if (pick >= store.shape[a]) {
                throw new PoroPhaseException("--dataset " + name + "=" + pick + " is beyond the " + store.shape[a] + " entries of axis '"
                        + name + "' of " + store.description);
            } else {
                notes.add(name + " = " + pick + " of " + store.shape[a]);
            }
            fixed[a] = pick;
        }
        for (String k : sel.indices.keySet()) {
            int a = names == null ? (k.startsWith("dim") ? parseOr(k.substring(3)) : -1) : names.indexOf(k);
            if (a < 0 || a >= n || fixed[a] < 0) {
                throw new PoroPhaseException("--dataset " + k + "=" + sel.indices.get(k) + ": " + store.description + " has no non-spatial axis '"
                        + k + "' (its axes: " + (names == null ? n + " unnamed" : names) + ")");
            }
        }
        org.porophase.core.VoxelSize vs = null;
        String vsSource;
        String level = levelNote.isEmpty() ? "" : levelNote + " ";
        if (ms != null) {
            String path = node.getFileName().toString();
            double[] s = ms.scale(path, n, notes);
            if (s == null) {
                vsSource = "none (" + level + "has no scale transform)";
            } else {
                double[] um = new double[3];
                int[] axes = {ax, ay, az < 0 ? ax : az};
                String bad = null;
                boolean unitless = false;
                for (int k = 0; k < 3; k++) {
                    String u = ms.axisUnits == null ? null : ms.axisUnits.get(axes[k]);
                    double f = u == null ? 1 : micrometersPer(u);
                    unitless |= u == null;
                    if (Double.isNaN(f)) {
                        bad = u;
                    }
                    um[k] = s[axes[k]] * f;
                }
                if (bad != null) {
                    vsSource = "none (" + level + "axis unit '" + bad + "' is not a length unit PoroPhase converts; give --voxel-size)";
                } else {
                    vs = new org.porophase.core.VoxelSize(um[0], um[1], um[2]);
                    vsSource = level + "scale" + (unitless ? " (axes carry no unit: taken as µm)" : " in " + ms.axisUnits.get(ax) + " → µm")
                            + (az < 0 ? "; 2D: z = x" : "");
                }
            }
        } else {
            vsSource = "none (Zarr array without OME-Zarr multiscales)";
        }
        if (!notes.isEmpty()) {
            vsSource += "; " + String.join("; ", notes);
        }
        String desc = store.description + (levelNote.isEmpty() ? "" : " — " + levelNote) + " (" + store.shape[ax] + "×" + store.shape[ay] + "×"
                + (az < 0 ? 1 : store.shape[az]) + ")";
        return new ChunkedVolume(store, ax, ay, az, fixed, vs, vsSource, desc);
    }

    private static int parseOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ Zarr v2

    static ChunkStore v2Store(Path dir, Map<String, Object> z) {
        Path meta = dir.resolve(".zarray");
        Object fmt = z.get("zarr_format");
        if (!(fmt instanceof Long f) || f != 2) {
            throw new PoroPhaseException(meta + ": zarr_format is " + fmt + ", expected 2");
        }
        int[] shape = ints(z.get("shape"), "shape", meta);
        int[] chunks = ints(z.get("chunks"), "chunks", meta);
        if (shape.length != chunks.length) {
            throw new PoroPhaseException(meta + ": shape " + Arrays.toString(shape) + " and chunks " + Arrays.toString(chunks)
                    + " have different numbers of dimensions");
        }
        Object dt = z.get("dtype");
        if (!(dt instanceof String dts)) {
            throw new PoroPhaseException(meta + ": dtype " + dt + " is not supported (structured dtypes are not; a plain type such as \"<u2\")");
        }
        ChunkType type = ChunkType.zarrV2(dts, meta.toString());
        Object order = z.getOrDefault("order", "C");
        if (!"C".equals(order) && !"F".equals(order)) {
            throw new PoroPhaseException(meta + ": order " + order + " is neither \"C\" nor \"F\"");
        }
        List<Object> filters = list(z.get("filters"));
        if (filters != null && !filters.isEmpty()) {
            throw new PoroPhaseException(meta + ": filters " + filters + " are not supported (PoroPhase reads arrays without filters; "
                    + "supported compressors: " + ChunkCodecs.SUPPORTED + ")");
        }
        Object sepObj = z.getOrDefault("dimension_separator", ".");
        if (!".".equals(sepObj) && !"/".equals(sepObj)) {
            throw new PoroPhaseException(meta + ": dimension_separator " + sepObj + " is neither \".\" nor \"/\"");
        }
        String sep = (String) sepObj;
        ChunkCodecs.Codec codec = v2Compressor(map(z.get("compressor")), z.get("compressor"), meta, type);
        double fill = fillValue(z.get("fill_value"), meta);
        int[] strides = "F".equals(order) ? ChunkStore.fStrides(chunks) : ChunkStore.cStrides(chunks);
        String metaText = ".zarray chunks " + Arrays.toString(chunks) + " × dtype " + dts + (codec == ChunkCodecs.RAW ? "" : ", " + codec.name());
        return new ChunkStore(shape, chunks, type, fill, "Zarr v2 array " + dir) {
            @Override
            String key(int[] grid) {
                String k = v2Key(grid, sep);
                return "'" + k + "' (" + dir.resolve(k) + ")";
            }

            @Override
            Decoded read(int[] grid) {
                String k = v2Key(grid, sep);
                byte[] raw = ChunkStore.readFile(dir.resolve(k), "chunk '" + k + "'");
                if (raw == null) {
                    return null;
                }
                byte[] dec = codec.decode(raw, (int) Math.min(Integer.MAX_VALUE, chunkBytes()), key(grid));
                ChunkStore.checkSize(dec, chunkBytes(), key(grid), metaText);
                return new Decoded(dec, chunk, strides, type);
            }
        };
    }

    static String v2Key(int[] grid, String sep) {
        if (grid.length == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < grid.length; a++) {
            if (a > 0) {
                b.append(sep);
            }
            b.append(grid[a]);
        }
        return b.toString();
    }

    static ChunkCodecs.Codec v2Compressor(Map<String, Object> c, Object raw, Path meta, ChunkType type) {
        if (raw == null) {
            return ChunkCodecs.RAW;
        }
        if (c == null || !(c.get("id") instanceof String id)) {
            throw new PoroPhaseException(meta + ": compressor " + raw + " has no id; supported: " + ChunkCodecs.SUPPORTED);
        }
        return switch (id) {
            case "gzip" -> ChunkCodecs.GZIP;
            case "zlib" -> ChunkCodecs.ZLIB;
            case "zstd" -> ChunkCodecs.ZSTD;
            case "lz4" -> ChunkCodecs.LZ4;
            case "blosc" -> Blosc.CODEC;
            default -> throw new PoroPhaseException(meta + ": compressor '" + id + "' is not supported; supported: " + ChunkCodecs.SUPPORTED
                    + " (re-save the array with one of them, e.g. numcodecs.GZip or Blosc)");
        };
    }
}
