package org.porophase.volume.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.process.ByteProcessor;

import org.porophase.PoroPhaseException;
import org.porophase.volume.BinaryVolume;
import org.porophase.volume.MaskSource;
import org.porophase.volume.MemoryCheck;
import org.porophase.volume.Parallel;
import org.porophase.volume.VoxelSize;

/**
 * Pore size distribution by local thickness (maximal inscribed sphere; Hildebrand &amp; Rüegsegger
 * 1997, J Microsc 185:67–75): the local thickness at a pore voxel x is the diameter of the largest
 * ball that contains x and lies inside the pore phase.
 *
 * <h2>Algorithm</h2>
 * r(c) = Euclidean distance (µm, anisotropic voxels honoured) from pore voxel c to the nearest solid
 * voxel ({@link DistanceTransform}); the open ball B(c, r(c)) holds pore voxel centres only. The
 * maximal-ball radius at x is sup{ t : x ∈ ∪_{r(c) ≥ t} B(c, t) } (a voxel is in a ball of radius R
 * inside the pores iff it is in the morphological opening by balls of radius t, for every t ≤ R). It is
 * evaluated on levels t_k: the distance range is cut into bins of {@code step} voxels (of the
 * smallest spacing) and t_k is the smallest r(c) in bin k; for each level an exact EDT of the centres
 * {r(c) ≥ t_k} gives the voxels within t_k of them. This is the ball-opening granulometry of
 * PoreSpy/porosimetry made exact at the levels; a voxel's radius is rounded down by less than one
 * bin. Diameter = 2·t with t measured from pore voxel centre to the nearest solid voxel centre (the
 * convention of ImageJ's Local Thickness plugin and BoneJ): a grid-aligned slab t voxels thick reads
 * t + 1 (odd t) or t (even t); a digitized disk or ball reads up to about one voxel less than its
 * diameter (the nearest solid centre of a curved digital boundary can lie closer than half a voxel
 * beyond the true boundary): the discretization error is within ±1 voxel either way.
 * <p>
 * Voxels outside the ROI and outside the image are neither pore nor solid (pores cut by the window
 * are not shrunk by it). Memory: 10 bytes per voxel (mask 1, distances 4, level EDT 4, level 1),
 * checked with {@link #memoryNeeded} before allocating. Time: one EDT per level (about 2 levels per
 * voxel of the largest pore radius with the default step 0.5).
 * <p>
 * Reported: volume-weighted mean (each pore voxel counts once: the mean over the pore volume, as in
 * BoneJ/Hildebrand — this is {@code mean_pore_diameter_um}), number-weighted mean (volume
 * distribution re-weighted by 1/d³, the mean diameter of a population of spheres with that volume
 * distribution), percentiles 10/50/90 and max of the volume-weighted distribution, and the histogram.
 */
public final class LocalThickness {
    /** Diameter per level (µm), ascending. */
    public final double[] diameters;
    /** Pore voxels per level. */
    public final long[] counts;
    public final long poreVoxels;
    public final double meanVolumeWeighted;
    public final double meanNumberWeighted;
    public final double p10;
    public final double p50;
    public final double p90;
    public final double max;
    public final long memoryBytes;
    /** Per-voxel level index (−1 = not a pore voxel), only kept when requested. */
    private final byte[][] levelMap;

    private LocalThickness(double[] diameters, long[] counts, long memoryBytes, byte[][] levelMap) {
        this.diameters = diameters;
        this.counts = counts;
        this.memoryBytes = memoryBytes;
        this.levelMap = levelMap;
        long n = 0;
        double sv = 0;
        double sn = 0;
        double snw = 0;
        for (int k = 0; k < counts.length; k++) {
            n += counts[k];
            sv += counts[k] * diameters[k];
            double wgt = counts[k] / Math.pow(diameters[k], 3);
            sn += wgt * diameters[k];
            snw += wgt;
        }
        poreVoxels = n;
        meanVolumeWeighted = n == 0 ? Double.NaN : sv / n;
        meanNumberWeighted = snw == 0 ? Double.NaN : sn / snw;
        p10 = percentile(0.10);
        p50 = percentile(0.50);
        p90 = percentile(0.90);
        double mx = Double.NaN;
        for (int k = counts.length - 1; k >= 0; k--) {
            if (counts[k] > 0) {
                mx = diameters[k];
                break;
            }
        }
        max = mx;
    }

    /** Diameter below which a fraction p of the pore volume lies. */
    public double percentile(double p) {
        if (poreVoxels == 0) {
            return Double.NaN;
        }
        long target = (long) Math.ceil(p * poreVoxels);
        long c = 0;
        for (int k = 0; k < counts.length; k++) {
            c += counts[k];
            if (c >= Math.max(1, target)) {
                return diameters[k];
            }
        }
        return diameters[diameters.length - 1];
    }

    /** Heap bytes needed for a volume of this size. */
    public static long memoryNeeded(int w, int h, int d) {
        return 10L * w * h * d + 64L * Math.max(Math.max(w, h), d) * Runtime.getRuntime().availableProcessors();
    }

    /** Local thickness of the pore phase of an in-memory mask. */
    public static LocalThickness compute(BinaryVolume m, double stepVoxels, int threads) {
        return compute(m, stepVoxels, threads, false);
    }

    /**
     * @param stepVoxels level bin width in voxels of the smallest spacing (e.g. 0.5)
     * @param keepMap    keep the per-voxel map (for {@link #diameterAt})
     */
    public static LocalThickness compute(MaskSource m, double stepVoxels, int threads, boolean keepMap) {
        if (!(stepVoxels > 0)) {
            throw new PoroPhaseException("local thickness step must be > 0 voxels, got " + stepVoxels);
        }
        int w = m.width();
        int h = m.height();
        int d = m.depth();
        int n = w * h;
        VoxelSize vs = m.voxelSize();
        long need = memoryNeeded(w, h, d) - (m instanceof BinaryVolume ? 0 : (long) n * d);
        MemoryCheck.require(need, "local thickness of a " + w + "×" + h + "×" + d + " volume (10 bytes per voxel)");
        float[][] dt = new float[d][];
        boolean[] anySolid = {false};
        Parallel.forRange(0, d, threads, (z0, z1) -> {
            boolean any = false;
            for (int z = z0; z < z1; z++) {
                byte[] s = m.slice(z);
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    if (s[i] == MaskSource.SOLID) {
                        f[i] = 0;
                        any = true;
                    } else {
                        f[i] = DistanceTransform.INF;
                    }
                }
                dt[z] = f;
            }
            if (any) {
                synchronized (anySolid) {
                    anySolid[0] = true;
                }
            }
        });
        if (!anySolid[0]) {
            throw new PoroPhaseException("local thickness needs solid voxels: the analysed region is all pore (or outside the ROI); "
                    + "check the threshold and the pore phase (dark/bright)");
        }
        DistanceTransform.transform(dt, w, h, vs, threads);
        double s = vs.min();
        double bin = stepVoxels * s;
        // smallest distance per bin (levels)
        double maxR = 0;
        for (int z = 0; z < d; z++) {
            byte[] ms = m.slice(z);
            float[] f = dt[z];
            for (int i = 0; i < n; i++) {
                if (ms[i] == MaskSource.PORE) {
                    maxR = Math.max(maxR, f[i]);
                }
            }
        }
        maxR = Math.sqrt(maxR);
        int nb = (int) Math.floor(maxR / bin) + 1;
        double[] minR = new double[nb];
        java.util.Arrays.fill(minR, Double.POSITIVE_INFINITY);
        for (int z = 0; z < d; z++) {
            byte[] ms = m.slice(z);
            float[] f = dt[z];
            for (int i = 0; i < n; i++) {
                if (ms[i] == MaskSource.PORE) {
                    double r = Math.sqrt(f[i]);
                    int b = Math.min(nb - 1, (int) (r / bin));
                    if (r < minR[b]) {
                        minR[b] = r;
                    }
                }
            }
        }
        List<Double> lv = new ArrayList<>();
        for (double r : minR) {
            if (r < Double.POSITIVE_INFINITY) {
                lv.add(r);
            }
        }
        if (lv.size() > 255) {
            // keep at most 255 levels: merge into coarser bins (documented: step grows)
            List<Double> merged = new ArrayList<>();
            int f = (lv.size() + 254) / 255;
            for (int i = 0; i < lv.size(); i += f) {
                merged.add(lv.get(i));
            }
            lv = merged;
        }
        int nl = lv.size();
        double[] t = new double[nl];
        for (int k = 0; k < nl; k++) {
            t[k] = lv.get(k);
        }
        byte[][] level = new byte[d][n];
        for (int z = 0; z < d; z++) {
            byte[] ms = m.slice(z);
            for (int i = 0; i < n; i++) {
                level[z][i] = ms[i] == MaskSource.PORE ? 0 : (byte) -1;
            }
        }
        float[][] work = new float[d][n];
        for (int k = 1; k < nl; k++) {
            float tk2 = (float) (t[k] * t[k]);
            float thr = (float) (t[k] * t[k]) * (1 - 1e-6f);
            boolean[] any = {false};
            Parallel.forRange(0, d, threads, (z0, z1) -> {
                boolean a = false;
                for (int z = z0; z < z1; z++) {
                    float[] f = dt[z];
                    float[] o = work[z];
                    byte[] lz = level[z];
                    for (int i = 0; i < n; i++) {
                        boolean centre = lz[i] != -1 && f[i] >= thr;
                        o[i] = centre ? 0 : DistanceTransform.INF;
                        a |= centre;
                    }
                }
                if (a) {
                    synchronized (any) {
                        any[0] = true;
                    }
                }
            });
            if (!any[0]) {
                break;
            }
            DistanceTransform.transform(work, w, h, vs, threads);
            byte kb = (byte) k;
            Parallel.forRange(0, d, threads, (z0, z1) -> {
                for (int z = z0; z < z1; z++) {
                    float[] o = work[z];
                    byte[] lz = level[z];
                    for (int i = 0; i < n; i++) {
                        if (lz[i] != -1 && o[i] < tk2) {
                            lz[i] = kb;
                        }
                    }
                }
            });
        }
        long[] counts = new long[nl];
        for (int z = 0; z < d; z++) {
            byte[] lz = level[z];
            for (int i = 0; i < n; i++) {
                if (lz[i] != -1) {
                    counts[lz[i] & 0xff]++;
                }
            }
        }
        double[] diam = new double[nl];
        for (int k = 0; k < nl; k++) {
            diam[k] = 2 * t[k];
        }
        return new LocalThickness(diam, counts, memoryNeeded(w, h, d), keepMap ? level : null);
    }

    /** Diameter (µm) at a voxel when the map was kept; NaN for non-pore voxels. */
    public double diameterAt(int x, int y, int z, int w) {
        if (levelMap == null) {
            throw new IllegalStateException("local thickness map was not kept");
        }
        byte l = levelMap[z][y * w + x];
        return l == -1 ? Double.NaN : diameters[l & 0xff];
    }

    /**
     * 2D local thickness of an SEM pore mask (pore = non-zero pixels), with square pixels of
     * {@code pixelSizeUm}: the largest inscribed disk (same algorithm with one slice).
     */
    public static LocalThickness of2D(ByteProcessor mask, double pixelSizeUm, double stepPixels) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        BinaryVolume v = new BinaryVolume(w, h, 1, new VoxelSize(pixelSizeUm, pixelSizeUm, pixelSizeUm));
        byte[] px = (byte[]) mask.getPixels();
        byte[] s = v.slice(0);
        for (int i = 0; i < w * h; i++) {
            s[i] = px[i] != 0 ? MaskSource.PORE : MaskSource.SOLID;
        }
        return compute(v, stepPixels, 0, false);
    }

    /** Histogram rows: diameter_um, voxels, volume_fraction, cumulative_fraction. */
    public List<List<Object>> histogramRows() {
        List<List<Object>> rows = new ArrayList<>();
        long c = 0;
        for (int k = 0; k < counts.length; k++) {
            c += counts[k];
            rows.add(List.of(diameters[k], counts[k], counts[k] / (double) Math.max(1, poreVoxels), c / (double) Math.max(1, poreVoxels)));
        }
        return rows;
    }

    /** Summary for JSON. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_volume_weighted_um", meanVolumeWeighted);
        m.put("mean_number_weighted_um", meanNumberWeighted);
        m.put("p10_um", p10);
        m.put("p50_um", p50);
        m.put("p90_um", p90);
        m.put("max_um", max);
        m.put("levels", diameters.length);
        m.put("memory_bytes", memoryBytes);
        return m;
    }
}
