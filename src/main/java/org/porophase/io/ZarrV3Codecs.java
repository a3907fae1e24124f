package org.porophase.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.porophase.core.PoroPhaseException;

/**
 * Zarr v3 arrays ({@code zarr.json}, zarr-specs v3.0): the codec pipeline and the chunk keys.
 * <ul>
 * <li>codecs, applied on write in the listed order and undone in reverse: array→array
 * {@code transpose} (order = permutation), array→bytes {@code bytes} (endian little/big) or
 * {@code sharding_indexed}, bytes→bytes {@code gzip}, {@code zstd}, {@code blosc}, {@code crc32c}
 * (a little-endian CRC-32C of the preceding bytes, appended; checked on read).</li>
 * <li>{@code sharding_indexed}: a shard (one stored object = one chunk of the array's chunk grid)
 * holds inner chunks of {@code chunk_shape}, each encoded with the inner {@code codecs}, and an
 * index of (offset, nbytes) uint64 pairs per inner chunk in C order, encoded with
 * {@code index_codecs} (bytes + optional crc32c), at the {@code index_location} end (default) or
 * start; (2^64−1, 2^64−1) marks an empty inner chunk (fill value). Only the index and the needed
 * inner chunk are read from the shard file.</li>
 * <li>keys: {@code chunk_key_encoding} default ("c" then the indices, separator "/" unless given)
 * or v2 (indices joined by "." unless given, "0" for a 0-d array).</li>
 * </ul>
 */
final class ZarrV3Codecs {
    private ZarrV3Codecs() {
    }

    static final String SUPPORTED = "transpose, bytes, gzip, zstd, blosc, crc32c, sharding_indexed";

    /** A parsed codec chain: byte order, axis permutation, bytes→bytes codecs (in write order), optional sharding. */
    static final class Chain {
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int[] perm;
        final List<ChunkCodecs.Codec> bytesCodecs = new ArrayList<>();
        boolean crc;
        Sharding sharding;
        String names;

        byte[] decodeBytes(byte[] in, int expected, String key) {
            byte[] b = in;
            for (int i = bytesCodecs.size() - 1; i >= 0; i--) {
                b = bytesCodecs.get(i).decode(b, i == 0 ? expected : -1, key);
            }
            return b;
        }

        /** Strides (in elements) of the decoded array for the original axes, given the chunk shape. */
        int[] strides(int[] chunk) {
            int n = chunk.length;
            int[] enc = new int[n];
            for (int i = 0; i < n; i++) {
                enc[i] = chunk[perm[i]];
            }
            int[] cs = ChunkStore.cStrides(enc);
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                s[perm[i]] = cs[i];
            }
            return s;
        }
    }

    record Sharding(int[] inner, Chain innerChain, Chain indexChain, boolean indexAtEnd) {
    }

    static final ChunkCodecs.Codec CRC32C_CODEC = new ChunkCodecs.Codec() {
        @Override
        public byte[] decode(byte[] in, int expected, String key) {
            if (in.length < 4) {
                throw new PoroPhaseException("chunk " + key + " is corrupt: shorter than its crc32c checksum");
            }
            CRC32C c = new CRC32C();
            c.update(in, 0, in.length - 4);
            int o = in.length - 4;
            long stored = (in[o] & 0xffL) | (in[o + 1] & 0xffL) << 8 | (in[o + 2] & 0xffL) << 16 | (in[o + 3] & 0xffL) << 24;
            if (stored != c.getValue()) {
                throw new PoroPhaseException("chunk " + key + " is corrupt: its crc32c checksum does not match (stored "
                        + Long.toHexString(stored) + ", computed " + Long.toHexString(c.getValue()) + "); copy or re-export the array");
            }
            return Arrays.copyOf(in, o);
        }

        @Override
        public String name() {
            return "crc32c";
        }
    };

    static Chain chain(Object codecsObj, int ndim, Path meta, String where) {
        List<Object> codecs = ZarrArrays.list(codecsObj);
        if (codecs == null || codecs.isEmpty()) {
            throw new PoroPhaseException(meta + ": " + where + " has no codecs list (it needs at least a \"bytes\" codec)");
        }
        Chain c = new Chain();
        c.perm = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            c.perm[i] = i;
        }
        List<String> names = new ArrayList<>();
        boolean arrayToBytes = false;
        for (Object o : codecs) {
            Map<String, Object> m = ZarrArrays.map(o);
            String name = m == null ? String.valueOf(o) : String.valueOf(m.get("name"));
            Map<String, Object> cfg = m == null ? null : ZarrArrays.map(m.get("configuration"));
            if (cfg == null) {
                cfg = Map.of();
            }
            names.add(name);
            switch (name) {
                case "transpose": {
                    if (arrayToBytes) {
                        throw new PoroPhaseException(meta + ": transpose after the bytes codec in " + where);
                    }
                    Object ord = cfg.get("order");
                    int[] p;
                    if ("C".equals(ord)) {
                        p = c.perm.clone();
                        for (int i = 0; i < ndim; i++) {
                            p[i] = i;
                        }
                    } else if ("F".equals(ord)) {
                        p = new int[ndim];
                        for (int i = 0; i < ndim; i++) {
                            p[i] = ndim - 1 - i;
                        }
                    } else {
                        p = ZarrArrays.ints(ord, "transpose order", meta);
                    }
                    boolean[] seen = new boolean[ndim];
                    if (p.length != ndim) {
                        throw new PoroPhaseException(meta + ": transpose order " + ord + " does not have " + ndim + " axes");
                    }
                    for (int v : p) {
                        if (v >= ndim || seen[v]) {
                            throw new PoroPhaseException(meta + ": transpose order " + ord + " is not a permutation of 0…" + (ndim - 1));
                        }
                        seen[v] = true;
                    }
                    int[] np = new int[ndim];
                    for (int i = 0; i < ndim; i++) {
                        np[i] = c.perm[p[i]];
                    }
                    c.perm = np;
                    break;
                }
                case "bytes": case "endian": {
                    Object e = cfg.get("endian");
                    c.order = "big".equals(e) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                    arrayToBytes = true;
                    break;
                }
                case "sharding_indexed": {
                    int[] inner = ZarrArrays.ints(cfg.get("chunk_shape"), "sharding_indexed chunk_shape", meta);
                    if (inner.length != ndim) {
                        throw new PoroPhaseException(meta + ": sharding chunk_shape " + Arrays.toString(inner) + " does not have " + ndim + " axes");
                    }
                    Chain ic = chain(cfg.get("codecs"), ndim, meta, "the sharding codec's codecs");
                    if (ic.sharding != null) {
                        throw new PoroPhaseException(meta + ": nested sharding is not supported (one level of sharding_indexed)");
                    }
                    Object idxObj = cfg.get("index_codecs");
                    Chain xc = chain(idxObj == null ? List.of(Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                            Map.of("name", "crc32c")) : idxObj, 1, meta, "the sharding index_codecs");
                    for (ChunkCodecs.Codec k : xc.bytesCodecs) {
                        if (k != CRC32C_CODEC) {
                            throw new PoroPhaseException(meta + ": sharding index_codecs may only hold bytes and crc32c (found " + k.name() + ")");
                        }
                    }
                    Object loc = cfg.getOrDefault("index_location", "end");
                    if (!"end".equals(loc) && !"start".equals(loc)) {
                        throw new PoroPhaseException(meta + ": sharding index_location " + loc + " is neither \"end\" nor \"start\"");
                    }
                    c.sharding = new Sharding(inner, ic, xc, "end".equals(loc));
                    arrayToBytes = true;
                    break;
                }
                case "gzip":
                    c.bytesCodecs.add(ChunkCodecs.GZIP);
                    break;
                case "zstd":
                    c.bytesCodecs.add(ChunkCodecs.ZSTD);
                    break;
                case "blosc":
                    c.bytesCodecs.add(Blosc.CODEC);
                    break;
                case "crc32c":
                    c.bytesCodecs.add(CRC32C_CODEC);
                    c.crc = true;
                    break;
                default:
                    throw new PoroPhaseException(meta + ": codec '" + name + "' in " + where + " is not supported; supported: " + SUPPORTED
                            + " (blosc with " + Blosc.COMPRESSORS + ")");
            }
        }
        if (!arrayToBytes) {
            throw new PoroPhaseException(meta + ": " + where + " " + names + " has no array→bytes codec (\"bytes\" or \"sharding_indexed\")");
        }
        c.names = String.join("+", names);
        return c;
    }

    static String key(int[] grid, boolean defaultEncoding, String sep) {
        StringBuilder b = new StringBuilder(defaultEncoding ? "c" : "");
        if (!defaultEncoding && grid.length == 0) {
            return "0";
        }
        for (int a = 0; a < grid.length; a++) {
            if (defaultEncoding || a > 0) {
                b.append(sep);
            }
            b.append(grid[a]);
        }
        return b.toString();
    }

    /** The chunk store of a v3 array (with sharding: a store of inner chunks). */
    static ChunkStore store(Path dir, Map<String, Object> z) {
        Path meta = dir.resolve("zarr.json");
        int[] shape = ZarrArrays.ints(z.get("shape"), "shape", meta);
        Map<String, Object> grid = ZarrArrays.map(z.get("chunk_grid"));
        if (grid == null || !"regular".equals(grid.get("name"))) {
            throw new PoroPhaseException(meta + ": chunk_grid " + z.get("chunk_grid") + " is not supported (only \"regular\")");
        }
        Map<String, Object> gc = ZarrArrays.map(grid.get("configuration"));
        int[] chunk = ZarrArrays.ints(gc == null ? null : gc.get("chunk_shape"), "chunk_grid chunk_shape", meta);
        if (chunk.length != shape.length) {
            throw new PoroPhaseException(meta + ": shape " + Arrays.toString(shape) + " and chunk_shape " + Arrays.toString(chunk)
                    + " have different numbers of dimensions");
        }
        Object dt = z.get("data_type");
        Chain chain = chain(z.get("codecs"), shape.length, meta, "codecs");
        ChunkType type = ChunkType.named(dt instanceof String s ? s : null, chain.sharding == null ? chain.order : chain.sharding.innerChain.order,
                meta.toString());
        double fill = ZarrArrays.fillValue(z.get("fill_value"), meta);
        Map<String, Object> kenc = ZarrArrays.map(z.get("chunk_key_encoding"));
        String kname = kenc == null ? "default" : String.valueOf(kenc.get("name"));
        if (!"default".equals(kname) && !"v2".equals(kname)) {
            throw new PoroPhaseException(meta + ": chunk_key_encoding " + kname + " is not supported (\"default\" or \"v2\")");
        }
        Map<String, Object> kcfg = kenc == null ? null : ZarrArrays.map(kenc.get("configuration"));
        boolean def = "default".equals(kname);
        String sep = kcfg != null && kcfg.get("separator") instanceof String s ? s : def ? "/" : ".";
        String desc = "Zarr v3 array " + dir;
        if (chain.sharding == null) {
            int[] strides = chain.strides(chunk);
            String metaText = "zarr.json chunk_shape " + Arrays.toString(chunk) + " × " + type.name() + ", codecs " + chain.names;
            return new ChunkStore(shape, chunk, type, fill, desc) {
                @Override
                String key(int[] g) {
                    String k = ZarrV3Codecs.key(g, def, sep);
                    return "'" + k + "' (" + dir.resolve(k) + ")";
                }

                @Override
                Decoded read(int[] g) {
                    String k = ZarrV3Codecs.key(g, def, sep);
                    byte[] raw = ChunkStore.readFile(dir.resolve(k), "chunk '" + k + "'");
                    if (raw == null) {
                        return null;
                    }
                    byte[] dec = chain.decodeBytes(raw, (int) Math.min(Integer.MAX_VALUE, chunkBytes()), key(g));
                    ChunkStore.checkSize(dec, chunkBytes(), key(g), metaText);
                    return new Decoded(dec, chunk, strides, type);
                }
            };
        }
        Sharding sh = chain.sharding;
        int[] inner = sh.inner;
        int[] per = new int[shape.length];
        int nInner = 1;
        for (int a = 0; a < shape.length; a++) {
            if (inner[a] <= 0 || chunk[a] % inner[a] != 0) {
                throw new PoroPhaseException(meta + ": the shard shape " + Arrays.toString(chunk) + " is not a multiple of the inner chunk shape "
                        + Arrays.toString(inner));
            }
            per[a] = chunk[a] / inner[a];
            nInner *= per[a];
        }
        int indexBytes = 16 * nInner + (sh.indexChain.crc ? 4 : 0);
        int[] strides = sh.innerChain.strides(inner);
        int[] perStrides = ChunkStore.cStrides(per);
        String metaText = "zarr.json inner chunk_shape " + Arrays.toString(inner) + " × " + type.name() + ", codecs " + sh.innerChain.names;
        ByteOrder indexOrder = sh.indexChain.order;
        final int total = nInner;
        Map<String, long[]> indexCache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> e) {
                return size() > 64;
            }
        };
        return new ChunkStore(shape, inner, type, fill, desc + " (sharded " + Arrays.toString(chunk) + " / " + Arrays.toString(inner) + ")") {
            private String shardKey(int[] g) {
                int[] s = new int[g.length];
                for (int a = 0; a < g.length; a++) {
                    s[a] = g[a] / per[a];
                }
                return ZarrV3Codecs.key(s, def, sep);
            }

            @Override
            String key(int[] g) {
                String k = shardKey(g);
                return "inner chunk " + Arrays.toString(g) + " of shard '" + k + "' (" + dir.resolve(k) + ")";
            }

            private long[] index(String k, FileChannel ch, long size, int[] g) throws IOException {
                synchronized (indexCache) {
                    long[] ix = indexCache.get(k);
                    if (ix != null) {
                        return ix;
                    }
                }
                if (size < indexBytes) {
                    throw new PoroPhaseException("shard '" + k + "' (" + dir.resolve(k) + ") holds " + size + " bytes, less than its "
                            + indexBytes + "-byte index (" + total + " inner chunks); the shard is truncated or the metadata is wrong");
                }
                byte[] raw = readAt(ch, sh.indexAtEnd ? size - indexBytes : 0, indexBytes);
                byte[] dec = sh.indexChain.decodeBytes(raw, 16 * total, "index of shard '" + k + "' (" + dir.resolve(k) + ")");
                ByteBuffer bb = ByteBuffer.wrap(dec).order(indexOrder);
                long[] ix = new long[2 * total];
                for (int i = 0; i < ix.length; i++) {
                    ix[i] = bb.getLong();
                }
                synchronized (indexCache) {
                    indexCache.put(k, ix);
                }
                return ix;
            }

            @Override
            Decoded read(int[] g) {
                String k = shardKey(g);
                Path f = dir.resolve(k);
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    long size = ch.size();
                    long[] ix = index(k, ch, size, g);
                    int i = 0;
                    for (int a = 0; a < g.length; a++) {
                        i += (g[a] % per[a]) * perStrides[a];
                    }
                    long off = ix[2 * i];
                    long nb = ix[2 * i + 1];
                    if (off == -1L && nb == -1L) {
                        return null;
                    }
                    if (off < 0 || nb < 0 || off + nb > size || nb > Integer.MAX_VALUE - 8) {
                        throw new PoroPhaseException("shard '" + k + "' (" + f + ") is corrupt: its index places inner chunk " + Arrays.toString(g)
                                + " at bytes " + off + "+" + nb + ", outside the " + size + "-byte file; copy or re-export the array");
                    }
                    byte[] raw = readAt(ch, off, (int) nb);
                    byte[] dec = sh.innerChain.decodeBytes(raw, (int) Math.min(Integer.MAX_VALUE, chunkBytes()), key(g));
                    ChunkStore.checkSize(dec, chunkBytes(), key(g), metaText);
                    return new Decoded(dec, inner, strides, type);
                } catch (NoSuchFileException e) {
                    return null;
                } catch (IOException e) {
                    throw new PoroPhaseException("cannot read shard '" + k + "' (" + f + "): " + e.getMessage() + " (check that it is readable)", e);
                }
            }
        };
    }

    static byte[] readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.array();
    }
}
