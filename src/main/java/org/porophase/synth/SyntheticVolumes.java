package org.porophase.synth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.AtomicFiles;
import org.porophase.core.Json;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.Parallel;
import org.porophase.core.VoxelSize;
import org.porophase.io.VolumeWriters;
import org.porophase.measure.IntrinsicVolumes;

/**
 * Synthetic XCT volumes with analytic ground truth, for tests and benchmarks. Voxel centres are at
 * ((x + ½)·s_x, (y + ½)·s_y, (z + ½)·s_z) µm; a voxel is pore when its centre is inside the pore set.
 * <ul>
 * <li>{@link #booleanSpheres}: Boolean model of balls of radius r (pores = union of the balls, germs a
 * Poisson process of intensity λ in the window dilated by r): φ = 1 − exp(−λ·4πr³/3),
 * S_V = 4πr²λ·exp(−λ·4πr³/3) (Stoyan, Kendall &amp; Mecke, Stochastic Geometry, ch. 3).</li>
 * <li>{@link #parallelCylinders}: non-overlapping cylinders of diameter δ along z (pores):
 * S_V = 4φ/δ (seed paper, Experimental Section eq. 1).</li>
 * <li>{@link #bilayer}: a two-layer membrane along z with known open, closed and percolating pores.</li>
 * <li>{@link #toGray}: renders a mask as an 8-bit XCT-like image (blur + Gaussian noise).</li>
 * </ul>
 * Regenerate the bundled test volume with
 * {@code mvn -B -q package -DskipTests && java -cp target/porophase-cli.jar org.porophase.synth.SyntheticVolumes test-images}
 * (deterministic: fixed seeds).
 */
public final class SyntheticVolumes {
    private SyntheticVolumes() {
    }

    /** A pore set given by its indicator at a point (µm). */
    @FunctionalInterface
    public interface Shape {
        boolean contains(double x, double y, double z);
    }

    /** Voxelizes a shape (pore = centre inside). */
    public static BinaryVolume fromShape(int w, int h, int d, VoxelSize vs, Shape s) {
        BinaryVolume v = new BinaryVolume(w, h, d, vs);
        Parallel.of(0).forRange(d, (long) w * h * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                byte[] sl = v.slice(z);
                double pz = (z + 0.5) * vs.z();
                for (int y = 0; y < h; y++) {
                    double py = (y + 0.5) * vs.y();
                    for (int x = 0; x < w; x++) {
                        if (s.contains((x + 0.5) * vs.x(), py, pz)) {
                            sl[y * w + x] = MaskSource.PORE;
                        }
                    }
                }
            }
        });
        return v;
    }

    /** Ball of radius r (µm) centred at (cx, cy, cz) µm. */
    public static Shape ball(double cx, double cy, double cz, double r) {
        return (x, y, z) -> (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= r * r;
    }

    /** Torus around the z axis through (cx, cy, cz): major radius R, minor radius r (µm). */
    public static Shape torus(double cx, double cy, double cz, double bigR, double r) {
        return (x, y, z) -> {
            double q = Math.hypot(x - cx, y - cy) - bigR;
            return q * q + (z - cz) * (z - cz) <= r * r;
        };
    }

    /** Spherical shell r_in &lt; |p − c| ≤ r_out (a hollow sphere). */
    public static Shape shell(double cx, double cy, double cz, double rIn, double rOut) {
        return (x, y, z) -> {
            double q = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
            return q <= rOut * rOut && q > rIn * rIn;
        };
    }

    /** Result of a Boolean-model realization with its analytic expectations. */
    public record Boolean(BinaryVolume volume, double radiusUm, double lambdaPerUm3, double porosity, double sv, int germs,
            double[][] centres) {

        /**
         * The exact pore surface density of this realization (not the model's expectation): the
         * exposed part of every sphere inside the window, by stratified sampling of each sphere with
         * {@code points} points (Fibonacci lattice), divided by the window volume. Removes the
         * realization's random fluctuation from estimator tests.
         */
        public double realizationSv(int points) {
            VoxelSize vs = volume.voxelSize();
            double ex = volume.width() * vs.x();
            double ey = volume.height() * vs.y();
            double ez = volume.depth() * vs.z();
            double r = radiusUm;
            int n = centres.length;
            double[][] u = new double[points][3];
            double ga = Math.PI * (3 - Math.sqrt(5));
            for (int k = 0; k < points; k++) {
                double z = 1 - (k + 0.5) * 2.0 / points;
                double s = Math.sqrt(1 - z * z);
                u[k][0] = s * Math.cos(ga * k);
                u[k][1] = s * Math.sin(ga * k);
                u[k][2] = z;
            }
            // neighbour lists through a uniform grid of cell 2r
            double cell = 2 * r;
            java.util.Map<Long, java.util.List<Integer>> grid = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                grid.computeIfAbsent(key(centres[i], cell), k -> new java.util.ArrayList<>()).add(i);
            }
            double r2 = r * r * (1 - 1e-12);
            long exposed = 0;
            for (int i = 0; i < n; i++) {
                double[] c = centres[i];
                java.util.List<Integer> nb = new java.util.ArrayList<>();
                long gx = (long) Math.floor(c[0] / cell);
                long gy = (long) Math.floor(c[1] / cell);
                long gz = (long) Math.floor(c[2] / cell);
                for (long a = -1; a <= 1; a++) {
                    for (long b = -1; b <= 1; b++) {
                        for (long e = -1; e <= 1; e++) {
                            java.util.List<Integer> l = grid.get(pack(gx + a, gy + b, gz + e));
                            if (l != null) {
                                for (int j : l) {
                                    if (j != i) {
                                        nb.add(j);
                                    }
                                }
                            }
                        }
                    }
                }
                for (double[] q : u) {
                    double px = c[0] + r * q[0];
                    double py = c[1] + r * q[1];
                    double pz = c[2] + r * q[2];
                    if (px < 0 || py < 0 || pz < 0 || px > ex || py > ey || pz > ez) {
                        continue;
                    }
                    boolean covered = false;
                    for (int j : nb) {
                        double[] o = centres[j];
                        double dx = px - o[0];
                        double dy = py - o[1];
                        double dz = pz - o[2];
                        if (dx * dx + dy * dy + dz * dz < r2) {
                            covered = true;
                            break;
                        }
                    }
                    if (!covered) {
                        exposed++;
                    }
                }
            }
            return exposed * 4 * Math.PI * r * r / points / (ex * ey * ez);
        }

        private static long key(double[] c, double cell) {
            return pack((long) Math.floor(c[0] / cell), (long) Math.floor(c[1] / cell), (long) Math.floor(c[2] / cell));
        }

        private static long pack(long a, long b, long c) {
            return ((a + 1000) * 4096 + (b + 1000)) * 4096 + (c + 1000);
        }
    }

    /**
     * Boolean model of balls (pores), intensity chosen for the target porosity.
     *
     * @param radiusUm ball radius in µm
     * @param porosity target φ (sets λ = −ln(1−φ)/(4πr³/3))
     */
    public static Boolean booleanSpheres(int w, int h, int d, VoxelSize vs, double radiusUm, double porosity, long seed) {
        double vball = 4 * Math.PI * Math.pow(radiusUm, 3) / 3;
        double lambda = -Math.log(1 - porosity) / vball;
        double ex = w * vs.x() + 2 * radiusUm;
        double ey = h * vs.y() + 2 * radiusUm;
        double ez = d * vs.z() + 2 * radiusUm;
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = poisson(rnd, lambda * ex * ey * ez);
        double[][] c = new double[n][3];
        for (int i = 0; i < n; i++) {
            c[i][0] = rnd.nextDouble() * ex - radiusUm;
            c[i][1] = rnd.nextDouble() * ey - radiusUm;
            c[i][2] = rnd.nextDouble() * ez - radiusUm;
        }
        BinaryVolume v = balls(w, h, d, vs, c, radiusUm);
        double phi = 1 - Math.exp(-lambda * vball);
        double sv = 4 * Math.PI * radiusUm * radiusUm * lambda * Math.exp(-lambda * vball);
        return new Boolean(v, radiusUm, lambda, phi, sv, n, c);
    }

    /** Paints balls of one radius (µm) centred at c (µm) as pore. */
    public static BinaryVolume balls(int w, int h, int d, VoxelSize vs, double[][] c, double r) {
        BinaryVolume v = new BinaryVolume(w, h, d, vs);
        double r2 = r * r;
        Parallel.of(0).forRange(d, (long) w * h * d, (za, zb) -> {
            for (double[] p : c) {
                int z0 = Math.max(za, (int) Math.floor((p[2] - r) / vs.z() - 0.5));
                int z1 = Math.min(zb - 1, (int) Math.ceil((p[2] + r) / vs.z() - 0.5));
                int y0 = Math.max(0, (int) Math.floor((p[1] - r) / vs.y() - 0.5));
                int y1 = Math.min(h - 1, (int) Math.ceil((p[1] + r) / vs.y() - 0.5));
                int x0 = Math.max(0, (int) Math.floor((p[0] - r) / vs.x() - 0.5));
                int x1 = Math.min(w - 1, (int) Math.ceil((p[0] + r) / vs.x() - 0.5));
                for (int z = z0; z <= z1; z++) {
                    double dz = (z + 0.5) * vs.z() - p[2];
                    byte[] sl = v.slice(z);
                    for (int y = y0; y <= y1; y++) {
                        double dy = (y + 0.5) * vs.y() - p[1];
                        double q = dz * dz + dy * dy;
                        if (q > r2) {
                            continue;
                        }
                        for (int x = x0; x <= x1; x++) {
                            double dx = (x + 0.5) * vs.x() - p[0];
                            if (q + dx * dx <= r2) {
                                sl[y * w + x] = MaskSource.PORE;
                            }
                        }
                    }
                }
            }
        });
        return v;
    }

    private static int poisson(SplittableRandom rnd, double mean) {
        if (mean > 500) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rnd)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u, 1e-300))) * Math.cos(2 * Math.PI * v);
    }

    /** Parallel cylinders realization and its exact porosity-based truth S_V = 4φ/δ. */
    public record Cylinders(BinaryVolume volume, double diameterUm, int count) {
    }

    /**
     * Non-overlapping cylinders of diameter δ (µm) along z at random positions (random sequential
     * adsorption with a gap of one voxel), until {@code count} are placed or no room is found.
     */
    public static Cylinders parallelCylinders(int w, int h, int d, VoxelSize vs, double diameterUm, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double r = diameterUm / 2;
        double gap = 2 * Math.max(vs.x(), vs.y());
        double ex = w * vs.x();
        double ey = h * vs.y();
        double[][] c = new double[count][];
        int placed = 0;
        for (int tries = 0; tries < count * 200 && placed < count; tries++) {
            double x = r + gap + rnd.nextDouble() * (ex - 2 * r - 2 * gap);
            double y = r + gap + rnd.nextDouble() * (ey - 2 * r - 2 * gap);
            boolean ok = true;
            for (int i = 0; i < placed && ok; i++) {
                ok = Math.hypot(x - c[i][0], y - c[i][1]) > 2 * r + gap;
            }
            if (ok) {
                c[placed++] = new double[] {x, y};
            }
        }
        int n = placed;
        double r2 = r * r;
        BinaryVolume v = fromShape(w, h, d, vs, (x, y, z) -> {
            for (int i = 0; i < n; i++) {
                double dx = x - c[i][0];
                double dy = y - c[i][1];
                if (dx * dx + dy * dy <= r2) {
                    return true;
                }
            }
            return false;
        });
        return new Cylinders(v, diameterUm, n);
    }

    /** Bilayer realization with its exact connectivity truth. */
    public record Bilayer(BinaryVolume volume, int openCount, int closedCount, int percolatingCount) {
    }

    /**
     * A 2-layer membrane along z (voxel units, cubic voxels of size s): a top layer (z &lt; d/2) with
     * {@code open} blind channels (radius 2, from the top face z = 0 down to z = d/3), a dense bottom
     * layer with {@code closed} isolated spherical pores (radius 3, fully inside), and
     * {@code through} straight channels (radius 2) from face to face. Truth: open pores = open +
     * through, closed = closed, percolating = through. Needs w, h ≥ 48 and d ≥ 48.
     */
    public static Bilayer bilayer(int w, int h, int d, double s, int open, int closed, int through, long seed) {
        if (w < 48 || h < 48 || d < 48) {
            throw new PoroPhaseException("bilayer needs at least 48×48×48 voxels");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        VoxelSize vs = VoxelSize.iso(s);
        int total = open + closed + through;
        double[][] c = new double[total][2];
        int placed = 0;
        for (int tries = 0; tries < 100000 && placed < total; tries++) {
            double x = 5 + rnd.nextDouble() * (w - 10);
            double y = 5 + rnd.nextDouble() * (h - 10);
            boolean ok = true;
            for (int i = 0; i < placed && ok; i++) {
                ok = Math.hypot(x - c[i][0], y - c[i][1]) > 9;
            }
            if (ok) {
                c[placed][0] = x;
                c[placed][1] = y;
                placed++;
            }
        }
        if (placed < total) {
            throw new PoroPhaseException("bilayer: no room for " + total + " pores in " + w + "×" + h);
        }
        double zc = 0.75 * d;
        BinaryVolume v = fromShape(w, h, d, VoxelSize.iso(1), (x, y, z) -> {
            for (int i = 0; i < total; i++) {
                double dx = x - c[i][0];
                double dy = y - c[i][1];
                if (i < open) {
                    if (dx * dx + dy * dy <= 4 && z < d / 3.0) {
                        return true;
                    }
                } else if (i < open + closed) {
                    double dz = z - zc;
                    if (dx * dx + dy * dy + dz * dz <= 9) {
                        return true;
                    }
                } else if (dx * dx + dy * dy <= 4) {
                    return true;
                }
            }
            return false;
        });
        BinaryVolume out = new BinaryVolume(w, h, d, vs);
        for (int z = 0; z < d; z++) {
            System.arraycopy(v.slice(z), 0, out.slice(z), 0, w * h);
        }
        return new Bilayer(out, open + through, closed, through);
    }

    /**
     * Renders a mask as 8-bit gray: pore {@code poreGray}, solid {@code solidGray}, Gaussian blur
     * (σ voxels, separable, 3σ kernel) then additive Gaussian noise (σ gray levels), clamped to 0…255.
     */
    public static byte[][] toGray(BinaryVolume m, int poreGray, int solidGray, double blurSigma, double noiseSigma, long seed) {
        int w = m.width();
        int h = m.height();
        int d = m.depth();
        int n = w * h;
        float[][] f = new float[d][n];
        for (int z = 0; z < d; z++) {
            byte[] s = m.slice(z);
            for (int i = 0; i < n; i++) {
                f[z][i] = s[i] == MaskSource.PORE ? poreGray : solidGray;
            }
        }
        if (blurSigma > 0) {
            int r = (int) Math.ceil(3 * blurSigma);
            double[] k = new double[2 * r + 1];
            double sum = 0;
            for (int i = -r; i <= r; i++) {
                k[i + r] = Math.exp(-0.5 * i * i / (blurSigma * blurSigma));
                sum += k[i + r];
            }
            for (int i = 0; i < k.length; i++) {
                k[i] /= sum;
            }
            int[][] steps = {{1, w}, {w, h}};
            for (int[] st : steps) {
                for (int z = 0; z < d; z++) {
                    float[] src = f[z].clone();
                    for (int i = 0; i < n; i++) {
                        int x = i % w;
                        int y = i / w;
                        int pos = st[0] == 1 ? x : y;
                        double a = 0;
                        for (int j = -r; j <= r; j++) {
                            int q = Math.max(0, Math.min(st[1] - 1, pos + j));
                            a += k[j + r] * src[st[0] == 1 ? y * w + q : q * w + x];
                        }
                        f[z][i] = (float) a;
                    }
                }
            }
            float[][] src = new float[d][];
            for (int z = 0; z < d; z++) {
                src[z] = f[z].clone();
            }
            for (int z = 0; z < d; z++) {
                for (int i = 0; i < n; i++) {
                    double a = 0;
                    for (int j = -r; j <= r; j++) {
                        a += k[j + r] * src[Math.max(0, Math.min(d - 1, z + j))][i];
                    }
                    f[z][i] = (float) a;
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] out = new byte[d][n];
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < n; i++) {
                double v = f[z][i] + noiseSigma * gauss(rnd);
                out[z][i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return out;
    }

    /**
     * Writes the bundled test volume: an 80³ 8-bit gray XCT-like TIFF of a Boolean sphere model
     * (r = 5 voxels, φ = 0.30, voxel 0.85 µm as in the seed paper), blur σ = 0.8 voxel, noise σ = 12,
     * plus its {@code .truth.json} (analytic φ and S_V, and the exact values of the noise-free mask).
     */
    public static void writeTestImage(Path dir) {
        VoxelSize vs = VoxelSize.iso(0.85);
        Boolean b = booleanSpheres(80, 80, 80, vs, 5 * 0.85, 0.30, 20241123L);
        byte[][] g = toGray(b.volume(), 60, 170, 0.8, 12, 7L);
        Object[] sl = new Object[g.length];
        System.arraycopy(g, 0, sl, 0, g.length);
        Path tif = dir.resolve("xct_boolean_spheres_80.tif");
        VolumeWriters.writeTiff(tif, VolumeWriters.toImagePlus("xct_boolean_spheres_80", 80, 80, sl, vs));
        IntrinsicVolumes mv = IntrinsicVolumes.measure(b.volume(), 2, 0);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("description", "Boolean model of balls (pores, dark = 60) in solid (170), Gaussian blur sigma 0.8 voxel, noise sigma 12 gray levels; "
                + "generated by org.porophase.synth.SyntheticVolumes.writeTestImage");
        t.put("voxel_size_um", vs.toArray());
        t.put("dimensions", new int[] {80, 80, 80});
        t.put("ball_radius_um", b.radiusUm());
        t.put("lambda_per_um3", b.lambdaPerUm3());
        t.put("germs", b.germs());
        t.put("porosity_analytic", b.porosity());
        t.put("specific_surface_area_per_um_analytic", b.sv());
        t.put("porosity_noise_free_mask", mv.porosity());
        t.put("specific_surface_area_per_um_noise_free_mask_crofton", mv.specificSurfaceArea());
        t.put("pore_phase", "dark");
        AtomicFiles.writeString(dir.resolve("xct_boolean_spheres_80.truth.json"), Json.pretty(t));
    }

    /** Regenerates the bundled test volume into the folder given as first argument (default test-images). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "test-images");
        Files.createDirectories(dir);
        writeTestImage(dir);
        System.out.println("wrote " + dir.resolve("xct_boolean_spheres_80.tif"));
    }
}
