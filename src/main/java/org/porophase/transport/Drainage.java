package org.porophase.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.binary.BallCover;
import org.porophase.binary.DistanceTransform;
import org.porophase.binary.LocalThickness;
import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Simulated mercury intrusion (drainage) into a phase from one face, by the full-morphology method
 * (Hilpert &amp; Miller, Adv. Water Resour. 24 (2001) 243–255): at radius r the centres that hold a sphere
 * of radius r (Euclidean distance to the nearest voxel outside the phase ≥ r, {@link DistanceTransform})
 * and are face-connected to the inlet plane through such centres are kept, and the phase voxels within r
 * of a kept centre are invaded. Radii r_k = r_max − k·step (r_max the largest inscribed sphere, step half
 * a voxel of the smallest spacing, down to half a voxel; the step doubles, triples … when that would give
 * more than 254 radii, so that the size index fits one byte). A voxel's size index (one byte) is k + 1
 * for the largest radius r_k that invades it; the curve is the invaded fraction of the phase vs r
 * (cumulative). Breakthrough radius: the largest r_k whose invaded set reaches the outlet plane. Box
 * sides are not walls. Sphere: the voxel centres x with |x − c|² &lt; r²(1 − 10⁻⁶) in units of the
 * smallest spacing ({@link BallCover}; voxels at exactly the distance r are outside).
 *
 * <h2>Algorithm (one distance transform, one flood, one covering)</h2>
 * The centres kept at r are the face-connected component of {distance ≥ r} that touches the inlet, so a
 * centre c is kept at every r ≤ b(c), its <em>bottleneck</em>: the largest, over the face-connected paths
 * from the inlet plane to c, of the smallest distance on the path (the widest path). b is computed for
 * all voxels at once by a max–min flood from the inlet plane with a bucket queue over the radii (Dial's
 * algorithm; each voxel is queued once, at its final value, because buckets are taken in order of
 * decreasing radius). A voxel x is invaded at r iff some c with b(c) ≥ r has |x − c| &lt; r; the ball
 * of c grows with r, so the largest radius invading x is max{ r̂(c) : |x − c| &lt; r̂(c) } with r̂(c)
 * the largest r_k ≤ b(c): the sphere-covering problem of local thickness with r̂ in place of the
 * distance, solved by its exact ridge painting ({@link BallCover}, with a strict containment test
 * because r̂ are not distances on the grid). This equals, voxel for voxel, the per-radius method (one
 * flood and one distance transform per radius, the implementation before; {@code DrainageTest} compares
 * both on random anisotropic volumes). The distance transform is shared with the local thickness.
 *
 * <p>Constriction factor (Holzer et al., J. Mater. Sci. 48 (2013) 2934–2952): β = (r_min/r_max)² with
 * r_min the drainage r₅₀ (the radius at which half of the phase is invaded) and r_max the volume-weighted
 * local-thickness r₅₀ ({@link LocalThickness}: continuous PSD, the largest inscribed sphere covering
 * each voxel). An ink bottle (a chamber behind a throat) has r_min ≈ throat, r_max ≈ chamber.
 * Memory: 9 bytes per voxel besides the phase indicator (distances 4, size index 1, the flood's queue at
 * most 4), checked before allocating.
 *
 * <h2>Side boundaries</h2>
 * No-flux sides (the default) are the box sides of the description above, and the same as mirror sides:
 * a mirror image of a wall voxel or of a ball centre is never nearer to a voxel of the box than the
 * original, and a flood path across a mirror folds back into the box. With periodic sides
 * ({@link SideBoundary#PERIODIC}) the sample repeats across the four sides: the distance transform, the
 * bottleneck flood and the sphere covering all wrap. The flood wraps by its neighbour indices (a path may
 * go round any number of times); the distance transform and the two coverings (drainage and local
 * thickness) run on a copy of the box padded on each side axis with P wrapped voxels: P is doubled until
 * every distance inside the box is at most the padding (then no site beyond it can be nearer), and is
 * never more than half the extent plus one (where the nearest periodic copy is always inside the
 * padding); a ball of radius r ≤ P reaches at most P voxels into the box from the padding, so the box
 * part is exact. The padded copy costs 5 bytes per padded voxel on top.
 */
public final class Drainage {
    /** Largest number of radii (size index 1 … 254 in one byte; 255 is the covering's "outside" marker). */
    static final int MAX_LEVELS = 254;

    private Drainage() {
    }

    /** The curve and its descriptors. */
    /**
     * @param radiusUm   the radii r_k, descending (µm)
     * @param saturation invaded fraction of the phase at r_k (cumulative: invaded at r_k or at a larger radius)
     * @param sizeIndex  per voxel {@code [z][y·width + x]}, unsigned: 0 = not invaded (or not phase), k + 1 = first
     *                   invaded at r_k; null unless requested
     */
    public record Result(Axis axis, double[] radiusUm, double[] saturation, double breakthroughRadiusUm, double r50Um,
            double localThicknessR50Um, byte[][] sizeIndex) {
        /** β = (r₅₀ drainage / r₅₀ local thickness)², NaN when either is undefined. */
        public double constrictionFactor() {
            double b = r50Um / localThicknessR50Um;
            return b * b;
        }

        private static Double num(double v) {
            return Double.isFinite(v) ? v : null;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("inlet_face", axis.letter() + "0");
            m.put("radius_um", radiusUm);
            m.put("invaded_fraction", saturation);
            m.put("breakthrough_radius_um", num(breakthroughRadiusUm));
            m.put("drainage_r50_um", num(r50Um));
            m.put("local_thickness_r50_um", num(localThicknessR50Um));
            m.put("constriction_factor", num(constrictionFactor()));
            m.put("definition", "full-morphology drainage from the " + axis.letter() + " = 0 face (Hilpert & Miller 2001), radii from the "
                    + "largest inscribed sphere down in steps of " + stepText() + "; "
                    + "constriction factor (r50 drainage / r50 local thickness)^2 (Holzer et al. 2013)");
            return m;
        }

        private String stepText() {
            if (radiusUm.length < 2) {
                return "half a voxel";
            }
            return String.format(java.util.Locale.ROOT, "%.6g µm", radiusUm[0] - radiusUm[1]);
        }

        /** Rows of the drainage CSV: radius_um, invaded_fraction. */
        public List<List<Object>> rows() {
            List<List<Object>> r = new ArrayList<>();
            for (int k = 0; k < radiusUm.length; k++) {
                r.add(List.of(radiusUm[k], saturation[k]));
            }
            return r;
        }
    }

    public static long memoryBytes(PhaseGrid g) {
        return 9L * g.voxels() + (1L << 16) * 4 * MAX_LEVELS;
    }

    /**
     * @param stepVoxels radius step in voxels of the smallest spacing (e.g. 0.5)
     */
    public static Result compute(PhaseGrid g, Axis axis, double stepVoxels, int threads) {
        return compute(g, axis, stepVoxels, threads, false);
    }

    /**
     * @param stepVoxels    radius step in voxels of the smallest spacing (e.g. 0.5)
     * @param keepSizeIndex return the per-voxel size index ({@link Result#sizeIndex()})
     */
    public static Result compute(PhaseGrid g, Axis axis, double stepVoxels, int threads, boolean keepSizeIndex) {
        return compute(g, axis, stepVoxels, threads, keepSizeIndex, SideBoundary.NO_FLUX);
    }

    /**
     * @param stepVoxels    radius step in voxels of the smallest spacing (e.g. 0.5)
     * @param keepSizeIndex return the per-voxel size index ({@link Result#sizeIndex()})
     * @param sides         no-flux (= mirror) or periodic side faces
     */
    public static Result compute(PhaseGrid g, Axis axis, double stepVoxels, int threads, boolean keepSizeIndex, SideBoundary sides) {
        if (g.size(axis) < 2) {
            throw new PoroPhaseException("drainage along " + axis.letter() + ": the sample is " + g.size(axis) + " voxel thick along it");
        }
        if (!(stepVoxels > 0)) {
            throw new PoroPhaseException("drainage radius step must be > 0 voxels, got " + stepVoxels);
        }
        if (g.voxels() > Integer.MAX_VALUE - 8) {
            throw new PoroPhaseException("drainage: " + g.width() + "×" + g.height() + "×" + g.depth() + " has more than 2³¹ voxels; "
                    + "crop the volume (--crop) or bin it");
        }
        MemoryCheck.require(memoryBytes(g), "the drainage simulation along " + axis.letter() + " (≈ 9 bytes per voxel)");
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        int n = w * h;
        VoxelSize vs = g.voxel();
        double s = vs.min();
        VoxelSize unit = new VoxelSize(vs.x() / s, vs.y() / s, vs.z() / s);
        byte[][] ph = g.slices();
        // squared distance of every phase voxel to the nearest voxel outside the phase, in units of the smallest spacing
        float[][] dt = new float[d][n];
        byte[][] level = new byte[d][n];
        long[] phaseCount = new long[d];
        Parallel par = Parallel.of(threads);
        par.forRange(d, (long) n * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                long c = 0;
                for (int i = 0; i < n; i++) {
                    boolean in = ph[z][i] != 0;
                    dt[z][i] = in ? DistanceTransform.INF : 0;
                    level[z][i] = in ? 0 : (byte) -1;
                    c += in ? 1 : 0;
                }
                phaseCount[z] = c;
            }
        });
        long phase = 0;
        for (long c : phaseCount) {
            phase += c;
        }
        if (phase == 0) {
            throw new PoroPhaseException("drainage: the phase '" + g.name() + "' is absent: check the phase / threshold");
        }
        // periodic: the padding of each side axis (0 along the transport axis and along an extent of 1)
        final boolean periodic = sides == SideBoundary.PERIODIC;
        final boolean wx = periodic && axis != Axis.X && w > 1;
        final boolean wy = periodic && axis != Axis.Y && h > 1;
        final boolean wz = periodic && axis != Axis.Z && d > 1;
        int[] pad = null;
        if (periodic && (wx || wy || wz)) {
            pad = periodicDistances(dt, w, h, d, unit, new boolean[] {wx, wy, wz}, threads);
        } else {
            DistanceTransform.transform(dt, w, h, unit, threads);
        }
        double maxDt = 0;
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < n; i++) {
                float v = dt[z][i];
                if (v == DistanceTransform.INF) {
                    throw new PoroPhaseException("drainage: the phase '" + g.name() + "' fills the box: there is no pore wall to constrain a sphere");
                }
                maxDt = Math.max(maxDt, v);
            }
        }
        // the local thickness (for the constriction factor) on the same distances
        LocalThickness lt;
        if (pad == null) {
            lt = LocalThickness.fromSquaredDistances(dt, level, w, h, vs, stepVoxels, threads, false);
        } else {
            Padded pd = new Padded(w, h, d, pad);
            float[][] pdt = pd.copy(dt);
            byte[][] plv = pd.copy(level);
            LocalThickness padded = LocalThickness.fromSquaredDistances(pdt, plv, pd.w, pd.h, vs, stepVoxels, threads, false);
            // the levels of the box voxels only (plv holds the level map; the padding repeats the box)
            double[] tl = new double[padded.diameters.length];
            for (int k = 0; k < tl.length; k++) {
                tl[k] = padded.diameters[k] / 2 / s;
            }
            long[] cnt = new long[tl.length];
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (ph[z][x + w * y] != 0) {
                            cnt[plv[z + pd.pz][x + pd.px + pd.w * (y + pd.py)] & 0xff]++;
                        }
                    }
                }
            }
            lt = LocalThickness.of(tl, cnt, vs, LocalThickness.memoryNeeded(pd.w, pd.h, pd.d));
        }
        double rmax = Math.sqrt(maxDt);
        double step = stepVoxels;
        int levels = Math.max(1, (int) Math.floor((rmax - 0.5) / step) + 1);
        if (levels > MAX_LEVELS) {
            step = stepVoxels * Math.ceil(levels / (double) MAX_LEVELS);
            levels = Math.max(1, (int) Math.floor((rmax - 0.5) / step) + 1);
        }
        double[] radii = new double[levels];
        for (int k = 0; k < levels; k++) {
            radii[k] = rmax - k * step; // descending, units of the smallest spacing
        }
        // the largest radius each voxel holds, as its index + 1 (0: none, below the smallest radius or outside the phase)
        final double[] rr = radii;
        final double st = step;
        par.forRange(d, (long) n * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                float[] f = dt[z];
                for (int i = 0; i < n; i++) {
                    f[i] = f[i] > 0 ? levelHeld(rr, f[i], st) + 1 : 0;
                }
            }
        });
        // bottleneck b(c) by a max–min flood from the inlet plane; dt[c] = −(k + 1) marks c queued with r̂(c) = r_k
        Buckets q = new Buckets(levels);
        int size = g.size(axis);
        for (int z = 0; z < (axis == Axis.Z ? 1 : d); z++) {
            for (int y = 0; y < (axis == Axis.Y ? 1 : h); y++) {
                for (int x = 0; x < (axis == Axis.X ? 1 : w); x++) {
                    int i = x + w * y;
                    int k = (int) dt[z][i] - 1;
                    if (k >= 0) {
                        dt[z][i] = -(k + 1);
                        q.push(k, i + n * z);
                    }
                }
            }
        }
        for (int k = 0; k < levels; k++) {
            while (q.size(k) > 0) {
                int p = q.pop(k);
                int z = p / n;
                int i = p - z * n;
                int y = i / w;
                int x = i - y * w;
                if (x > 0) visit(dt, q, k, z, i - 1, n);
                else if (wx) visit(dt, q, k, z, i + w - 1, n);
                if (x < w - 1) visit(dt, q, k, z, i + 1, n);
                else if (wx) visit(dt, q, k, z, i - w + 1, n);
                if (y > 0) visit(dt, q, k, z, i - w, n);
                else if (wy) visit(dt, q, k, z, i + (h - 1) * w, n);
                if (y < h - 1) visit(dt, q, k, z, i + w, n);
                else if (wy) visit(dt, q, k, z, i - (h - 1) * w, n);
                if (z > 0) visit(dt, q, k, z - 1, i, n);
                else if (wz) visit(dt, q, k, d - 1, i, n);
                if (z < d - 1) visit(dt, q, k, z + 1, i, n);
                else if (wz) visit(dt, q, k, 0, i, n);
            }
            q.release(k);
        }
        // balls: squared radius r̂(c)² at the kept centres, 0 elsewhere; covering levels ascending: L = levels − k
        float[] r2 = new float[levels];
        for (int k = 0; k < levels; k++) {
            r2[k] = (float) (radii[k] * radii[k]);
        }
        par.forRange(d, (long) n * d, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                float[] f = dt[z];
                byte[] l = level[z];
                for (int i = 0; i < n; i++) {
                    l[i] = ph[z][i] != 0 ? 0 : (byte) -1;
                    f[i] = f[i] < 0 ? r2[(int) -f[i] - 1] : 0;
                }
            }
        });
        double[] t = new double[levels + 1];
        for (int lv = 1; lv <= levels; lv++) {
            t[lv] = radii[levels - lv];
        }
        if (pad == null) {
            BallCover.paint(dt, level, t, w, h, unit, rmax, true, threads);
        } else {
            Padded pd = new Padded(w, h, d, pad);
            float[][] pr = pd.copy(dt);
            byte[][] pl = pd.copy(level);
            BallCover.paint(pr, pl, t, pd.w, pd.h, unit, rmax, true, threads);
            pd.central(pl, level);
        }
        // size index k + 1 = levels − L + 1, counts per radius, breakthrough at the outlet plane
        long[] counts = new long[levels];
        int best = 0;
        for (int z = 0; z < d; z++) {
            byte[] l = level[z];
            for (int i = 0; i < n; i++) {
                int lv = l[i] == -1 ? 0 : l[i] & 0xff;
                int code = lv == 0 ? 0 : levels - lv + 1;
                if (code > 0) {
                    counts[code - 1]++;
                    int along = axis == Axis.X ? i % w : axis == Axis.Y ? i / w : z;
                    if (along == size - 1) {
                        best = Math.max(best, lv);
                    }
                }
                l[i] = (byte) code;
            }
        }
        double[] radiiUm = new double[levels];
        double[] sat = new double[levels];
        long invaded = 0;
        for (int k = 0; k < levels; k++) {
            radiiUm[k] = radii[k] * s;
            invaded += counts[k];
            sat[k] = invaded / (double) phase;
        }
        double breakthrough = best == 0 ? Double.NaN : radiiUm[levels - best];
        // r50: first radius (descending) at which half of the phase is invaded, interpolated
        double r50 = Double.NaN;
        for (int k = 0; k < levels; k++) {
            if (sat[k] >= 0.5) {
                r50 = k == 0 ? radiiUm[0] : radiiUm[k - 1] + (radiiUm[k] - radiiUm[k - 1]) * (0.5 - sat[k - 1]) / (sat[k] - sat[k - 1]);
                break;
            }
        }
        return new Result(axis, radiiUm, sat, breakthrough, r50, lt.p50 / 2, keepSizeIndex ? level : null);
    }

    /**
     * Squared distances (units of the smallest spacing) with the sides {@code wrap} periodic, written into
     * {@code dt} (INF at the phase, 0 elsewhere, on entry): the transform of a padded copy, the padding
     * doubled until every distance in the box is within it. Returns the padding (voxels per axis).
     */
    private static int[] periodicDistances(float[][] dt, int w, int h, int d, VoxelSize unit, boolean[] wrap, int threads) {
        int[] dims = {w, h, d};
        double[] u = {unit.x(), unit.y(), unit.z()};
        int guess = 8;
        while (true) {
            int[] pad = new int[3];
            boolean full = true;
            double reach = Double.POSITIVE_INFINITY;
            for (int a = 0; a < 3; a++) {
                if (wrap[a]) {
                    int cap = dims[a] / 2 + 1;
                    pad[a] = Math.min(guess, cap);
                    full &= pad[a] == cap;
                    reach = Math.min(reach, pad[a] * u[a]);
                }
            }
            Padded pd = new Padded(w, h, d, pad);
            MemoryCheck.require(5L * pd.w * pd.h * pd.d, "the periodic drainage (a padded copy of " + pd.w + "×" + pd.h + "×" + pd.d
                    + " voxels, 5 bytes per voxel)");
            float[][] p = pd.copy(dt);
            DistanceTransform.transform(p, pd.w, pd.h, unit, threads);
            double max = 0;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        max = Math.max(max, p[z + pd.pz][x + pd.px + pd.w * (y + pd.py)]);
                    }
                }
            }
            if (full || max <= reach * reach) {
                pd.central(p, dt);
                return pad;
            }
            guess *= 2;
        }
    }

    /** A copy of the box padded by px, py, pz voxels on both sides of each axis with its periodic images. */
    private static final class Padded {
        final int bw;
        final int bh;
        final int bd;
        final int px;
        final int py;
        final int pz;
        final int w;
        final int h;
        final int d;

        Padded(int bw, int bh, int bd, int[] pad) {
            this.bw = bw;
            this.bh = bh;
            this.bd = bd;
            px = pad[0];
            py = pad[1];
            pz = pad[2];
            w = bw + 2 * px;
            h = bh + 2 * py;
            d = bd + 2 * pz;
        }

        float[][] copy(float[][] src) {
            float[][] out = new float[d][w * h];
            for (int z = 0; z < d; z++) {
                float[] s = src[Math.floorMod(z - pz, bd)];
                float[] o = out[z];
                for (int y = 0; y < h; y++) {
                    int sy = Math.floorMod(y - py, bh) * bw;
                    for (int x = 0; x < w; x++) {
                        o[x + w * y] = s[Math.floorMod(x - px, bw) + sy];
                    }
                }
            }
            return out;
        }

        byte[][] copy(byte[][] src) {
            byte[][] out = new byte[d][w * h];
            for (int z = 0; z < d; z++) {
                byte[] s = src[Math.floorMod(z - pz, bd)];
                byte[] o = out[z];
                for (int y = 0; y < h; y++) {
                    int sy = Math.floorMod(y - py, bh) * bw;
                    for (int x = 0; x < w; x++) {
                        o[x + w * y] = s[Math.floorMod(x - px, bw) + sy];
                    }
                }
            }
            return out;
        }

        void central(float[][] padded, float[][] box) {
            for (int z = 0; z < bd; z++) {
                for (int y = 0; y < bh; y++) {
                    System.arraycopy(padded[z + pz], px + w * (y + py), box[z], bw * y, bw);
                }
            }
        }

        void central(byte[][] padded, byte[][] box) {
            for (int z = 0; z < bd; z++) {
                for (int y = 0; y < bh; y++) {
                    System.arraycopy(padded[z + pz], px + w * (y + py), box[z], bw * y, bw);
                }
            }
        }
    }

    /** Smallest k with r_k ≤ √v (the largest radius a sphere at distance √v holds), −1 below the smallest radius. */
    static int levelHeld(double[] radii, float v, double step) {
        double e = Math.sqrt(v);
        int k = (int) Math.max(0, Math.min(radii.length, Math.ceil((radii[0] - e) / step)));
        while (k > 0 && radii[k - 1] <= e) {
            k--;
        }
        while (k < radii.length && radii[k] > e) {
            k++;
        }
        return k < radii.length ? k : -1;
    }

    /** Queues voxel (z, i) reached from bucket k if it holds a sphere and is not queued yet (dt > 0: its radius index + 1). */
    private static void visit(float[][] dt, Buckets q, int k, int z, int i, int n) {
        float v = dt[z][i];
        if (v > 0) {
            int b = Math.max(k, (int) v - 1);
            dt[z][i] = -(b + 1);
            q.push(b, i + n * z);
        }
    }

    /** One stack of voxel indices per radius, in chunks of 2¹⁴ (memory: the queued voxels, not the box). */
    private static final class Buckets {
        private static final int SHIFT = 14;
        private static final int MASK = (1 << SHIFT) - 1;
        private final int[][][] chunks;
        private final int[] size;

        Buckets(int levels) {
            chunks = new int[levels][][];
            size = new int[levels];
        }

        int size(int k) {
            return size[k];
        }

        void push(int k, int v) {
            int s = size[k];
            int c = s >>> SHIFT;
            int[][] ch = chunks[k];
            if (ch == null) {
                ch = chunks[k] = new int[4][];
            } else if (c == ch.length) {
                ch = chunks[k] = java.util.Arrays.copyOf(ch, 2 * c);
            }
            if (ch[c] == null) {
                ch[c] = new int[1 << SHIFT];
            }
            ch[c][s & MASK] = v;
            size[k] = s + 1;
        }

        int pop(int k) {
            int s = --size[k];
            return chunks[k][s >>> SHIFT][s & MASK];
        }

        void release(int k) {
            chunks[k] = null;
        }
    }
}
