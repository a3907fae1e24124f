package org.porophase.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.analysis.VolumeAnalysis;
import org.porophase.analysis.VolumeAnalyzer;
import org.porophase.analysis.VolumeOptions;
import org.porophase.core.BinaryVolume;
import org.porophase.core.Json;
import org.porophase.core.MaskSource;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.OmeZarrWriter;
import org.porophase.io.VolumeWriters;
import org.porophase.report.VolumeOutputs;
import org.porophase.synth.SyntheticVolumes;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code volume} in {@code local[2]} (issue 14, item 4b): a generated anisotropic 256³ volume (voxels 0.5 × 0.5 ×
 * 0.8 µm) written as OME-Zarr in 64³ chunks, analysed by the Spark runner in blocks of 128 (2³ chunks each, a 2×2×2
 * grid), gives exactly the in-memory analysis of the same Zarr: the summary (threshold, porosity and profile, S_V,
 * Euler characteristic, component counts, open/closed/percolating porosity, local-thickness statistics), the same
 * profile and psd tables, and the mask, local-thickness map and labels written by the Spark tasks are the in-memory
 * outputs' OME-Zarr images byte for byte (same 64³ gzip chunks): local thickness identical voxel for voxel, labels
 * with the same numbers. A ball crossing the three block planes and a tube along z (percolates) make the union-find
 * merge and the local-thickness halo matter.
 */
class SparkVolumeTest {
    static final int N = 256;
    static final VoxelSize VS = new VoxelSize(0.5, 0.5, 0.8);
    static final Set<String> RUN_KEYS = Set.of("timings_s", "in_memory_mask", "mask_memory_bytes", "labelling_memory_bytes", "blockwise",
            "parameters", "memory_bytes", "input", "input_sha256", "source");

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkRunnerTest.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Boolean spheres, a tube along z (percolates) and a ball across the block planes x, y, z = 128; 8-bit gray with noise. */
    static VolumeSource volume() {
        BinaryVolume m = SyntheticVolumes.booleanSpheres(N, N, N, VS, 2.0, 0.16, 7).volume();
        for (int z = 0; z < N; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    double tx = (x - 80) * VS.x();
                    double ty = (y - 140) * VS.y();
                    double bx = (x - 140) * VS.x();
                    double by = (y - 120) * VS.y();
                    double bz = (z - 128) * VS.z();
                    if (tx * tx + ty * ty < 2.5 * 2.5 || bx * bx + by * by + bz * bz < 10 * 10) {
                        m.set(x, y, z, MaskSource.PORE);
                    }
                }
            }
        }
        SplittableRandom r = new SplittableRandom(5);
        Object[] s = new Object[N];
        for (int z = 0; z < N; z++) {
            byte[] g = new byte[N * N];
            byte[] ms = m.slice(z);
            for (int i = 0; i < g.length; i++) {
                g[i] = (byte) ((ms[i] == MaskSource.PORE ? 60 : 170) + r.nextInt(-25, 26));
            }
            s[z] = g;
        }
        return VolumeWriters.arraySource(N, N, s, VS);
    }

    @Test
    void aZarrVolumeOnSparkEqualsTheInMemoryAnalysisVoxelForVoxel(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path zarr = tmp.resolve("vol.ome.zarr");
        try (VolumeSource src = volume()) {
            OmeZarrWriter.write(zarr, src, VS, OmeZarrWriter.DataType.of(src), OmeZarrWriter.Compression.parse("zstd"), 64);
        }
        long t1 = System.nanoTime();
        VolumeOptions mo = VolumeOptions.defaults();
        mo.minPoreVoxels = 3;
        mo.writeMask = true;
        mo.saveThickness = true;
        mo.saveLabels = true;
        mo.volumeFormat = "zarr";
        VolumeAnalysis mem = VolumeAnalyzer.analyze(zarr, mo).withInput(zarr.toString(), null);
        Path memOut = Files.createDirectories(tmp.resolve("mem"));
        VolumeOutputs.write(mem, memOut, "vol.ome", "zarr");
        assertTrue(mem.components().closedCount() > 3 && mem.percolatingPorosity() > 0, "closed and percolating pores");
        long t2 = System.nanoTime();

        // the command: every pass on the executors, the volumes written by the tasks into the set's staging folder
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PoroPhaseSpark.run(spark, new String[] {"volume", zarr.toString(), "--out", out.toString(), "--block-size", "128",
                "--set", "min_pore_voxels=3", "--save-mask", "--save-thickness", "--save-labels", "--volume-format", "zarr", "--quiet"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        long t3 = System.nanoTime();
        Map<String, Object> blk = new Yaml().load(Files.readString(out.resolve("vol.ome.summary.json")));
        Map<String, Object> want = new Yaml().load(Json.pretty(mem.toJson()));
        assertTrue(blk.containsKey("blockwise"), blk.keySet().toString());
        assertEquals(List.of(2, 2, 2), ((Map<?, ?>) blk.get("blockwise")).get("grid"));
        assertSame(want, blk, "");
        for (String f : List.of("vol.ome.profile.csv", "vol.ome.psd.csv")) {
            assertEquals(Files.readString(memOut.resolve(f)), Files.readString(out.resolve(f)), f);
        }
        for (String v : List.of("mask", "thickness", "labels")) {
            assertSameTree(memOut.resolve("vol.ome." + v + ".ome.zarr"), out.resolve("vol.ome." + v + ".ome.zarr"));
        }
        try (java.util.stream.Stream<Path> st = Files.list(out)) {
            assertTrue(st.noneMatch(p -> p.getFileName().toString().startsWith(".porophase-")), "no staging folder left in " + out);
        }
        System.out.printf(Locale.ROOT, "spark volume 256^3 (blocks 128, chunks 64): phi %.5f Sv %.5f chi %d open %d closed %d perc %.4f; "
                + "write zarr %.1f s, in memory + outputs %.1f s, spark volume command %.1f s, compare %.1f s%n",
                mem.porosity(), mem.specificSurfaceArea(), mem.measures().euler(), mem.components().openCount(), mem.components().closedCount(),
                mem.percolatingPorosity(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9);
    }

    /** The same files under two folders, byte for byte. */
    static void assertSameTree(Path a, Path b) throws Exception {
        List<String> fa;
        List<String> fb;
        try (java.util.stream.Stream<Path> s = Files.walk(a)) {
            fa = s.filter(Files::isRegularFile).map(p -> a.relativize(p).toString()).sorted().toList();
        }
        try (java.util.stream.Stream<Path> s = Files.walk(b)) {
            fb = s.filter(Files::isRegularFile).map(p -> b.relativize(p).toString()).sorted().toList();
        }
        assertEquals(fa, fb, "the same chunk files in " + a.getFileName());
        assertTrue(fa.size() > 3, "chunks written: " + fa.size());
        for (String f : fa) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " of " + a.getFileName());
        }
    }

    @SuppressWarnings("unchecked")
    static void assertSame(Map<String, Object> a, Map<String, Object> b, String path) {
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (RUN_KEYS.contains(e.getKey())) {
                continue;
            }
            String k = path + e.getKey();
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            if (x instanceof Map<?, ?> mx) {
                assertSame((Map<String, Object>) mx, (Map<String, Object>) y, k + ".");
            } else if (x != null && x.getClass().isArray()) {
                assertTrue(Arrays.deepEquals(new Object[] {x}, new Object[] {y}), k);
            } else {
                assertEquals(x, y, k);
            }
        }
    }
}
