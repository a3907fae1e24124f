package org.porophase.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.porophase.binary.DistanceTransform;
import org.porophase.binary.LocalThickness;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Simulated mercury intrusion (drainage) into a phase from one face, by the full-morphology method
 * (Hilpert &amp; Miller, Adv. Water Resour. 24 (2001) 243–255): for radii r from the largest inscribed
 * sphere down, the centres that hold a sphere of radius r (Euclidean distance to the nearest voxel outside
 * the phase ≥ r, {@link DistanceTransform}) and are face-connected through such centres to the inlet plane
 * are kept, and the phase voxels within r of a kept centre are invaded. A voxel's size index (one byte) is
 * the largest radius that invades it; the curve is the invaded fraction of the phase vs r. Breakthrough
 * radius: the largest r whose invaded set reaches the outlet plane. Box sides are not walls.
 *
 * <p>Constriction factor (Holzer et al., J. Mater. Sci. 48 (2013) 2934–2952): β = (r_min/r_max)² with
 * r_min the drainage r₅₀ (the radius at which half of the phase is invaded) and r_max the volume-weighted
 * local-thickness r₅₀ ({@link LocalThickness}: continuous PSD, the largest inscribed sphere covering
 * each voxel). An ink bottle (a chamber behind a throat) has r_min ≈ throat, r_max ≈ chamber.
 * Memory: 14 bytes per voxel (+ local thickness, 7).
 */
public final class Drainage {
    private Drainage() {
    }

    /** The curve and its descriptors. */
    public record Result(Axis axis, double[] radiusUm, double[] saturation, double breakthroughRadiusUm, double r50Um,
            double localThicknessR50Um) {
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
            m.put("definition", "full-morphology drainage from the " + axis.letter() + " = 0 face (Hilpert & Miller 2001); "
                    + "constriction factor (r50 drainage / r50 local thickness)^2 (Holzer et al. 2013)");
            return m;
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
        return 14L * g.voxels() + LocalThickness.memoryNeeded(g.width(), g.height(), g.depth()) + g.voxels();
    }

    /**
     * @param stepVoxels radius step in voxels of the smallest spacing (e.g. 0.5)
     */
    public static Result compute(PhaseGrid g, Axis axis, double stepVoxels, int threads) {
        if (g.size(axis) < 2) {
            throw new PoroPhaseException("drainage along " + axis.letter() + ": the sample is " + g.size(axis) + " voxel thick along it");
        }
        MemoryCheck.require(memoryBytes(g), "the drainage simulation along " + axis.letter() + " (≈ 21 bytes per voxel)");
        int w = g.width();
        int h = g.height();
        int d = g.depth();
        int n = w * h;
        VoxelSize vs = g.voxel();
        byte[][] ph = g.slices();
        // distance of every phase voxel to the nearest voxel outside the phase (µm)
        float[][] edt = new float[d][n];
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < n; i++) {
                edt[z][i] = ph[z][i] != 0 ? DistanceTransform.INF : 0;
            }
        }
        DistanceTransform.transform(edt, w, h, vs, threads);
        double rmax = 0;
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < n; i++) {
                float v = edt[z][i];
                if (v == DistanceTransform.INF) {
                    throw new PoroPhaseException("drainage: the phase '" + g.name() + "' fills the box: there is no pore wall to constrain a sphere");
                }
                edt[z][i] = (float) Math.sqrt(v);
                rmax = Math.max(rmax, edt[z][i]);
            }
        }
        double step = stepVoxels * vs.min();
        int levels = Math.max(1, (int) Math.floor((rmax - vs.min() * 0.5) / step) + 1);
        double[] radii = new double[levels];
        for (int k = 0; k < levels; k++) {
            radii[k] = rmax - k * step; // descending
        }
        long phase = g.phaseVoxels();
        byte[][] index = new byte[d][n];
        byte[][] centre = new byte[d][n];
        float[][] work = new float[d][n];
        int[] queue = new int[(int) Math.min(Integer.MAX_VALUE - 8, (long) n * d)];
        double[] sat = new double[levels];
        long invaded = 0;
        double breakthrough = Double.NaN;
        Parallel par = Parallel.of(threads);
        for (int k = 0; k < levels; k++) {
            final float r = (float) radii[k];
            // centres holding a sphere of radius r, connected to the inlet plane through such centres
            for (byte[] c : centre) {
                java.util.Arrays.fill(c, (byte) 0);
            }
            int tail = 0;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int along = axis == Axis.X ? x : axis == Axis.Y ? y : z;
                        int i = x + w * y;
                        if (along == 0 && edt[z][i] >= r) {
                            centre[z][i] = 1;
                            queue[tail++] = i + n * z;
                        }
                    }
                }
            }
            int head = 0;
            while (head < tail) {
                int q = queue[head++];
                int z = q / n;
                int i = q - z * n;
                int y = i / w;
                int x = i - y * w;
                if (x > 0) tail = visit(edt, centre, queue, tail, z, i - 1, r, n);
                if (x < w - 1) tail = visit(edt, centre, queue, tail, z, i + 1, r, n);
                if (y > 0) tail = visit(edt, centre, queue, tail, z, i - w, r, n);
                if (y < h - 1) tail = visit(edt, centre, queue, tail, z, i + w, r, n);
                if (z > 0) tail = visit(edt, centre, queue, tail, z - 1, i, r, n);
                if (z < d - 1) tail = visit(edt, centre, queue, tail, z + 1, i, r, n);
            }
            if (tail == 0) {
                sat[k] = invaded / (double) phase;
                continue;
            }
            // invaded: phase voxels within r of a kept centre
            par.forRange(d, (long) n * d, (z0, z1) -> {
                for (int z = z0; z < z1; z++) {
                    for (int i = 0; i < n; i++) {
                        work[z][i] = centre[z][i] != 0 ? 0 : DistanceTransform.INF;
                    }
                }
            });
            DistanceTransform.transform(work, w, h, vs, threads);
            final float r2 = r * r;
            final byte code = (byte) Math.min(255, k + 1);
            boolean reached = false;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = x + w * y;
                        if (ph[z][i] != 0 && work[z][i] < r2) {
                            if (index[z][i] == 0) {
                                index[z][i] = code;
                                invaded++;
                            }
                            int along = axis == Axis.X ? x : axis == Axis.Y ? y : z;
                            if (along == g.size(axis) - 1) {
                                reached = true;
                            }
                        }
                    }
                }
            }
            if (reached && Double.isNaN(breakthrough)) {
                breakthrough = r;
            }
            sat[k] = invaded / (double) phase;
        }
        // r50: first radius (descending) at which half of the phase is invaded, interpolated
        double r50 = Double.NaN;
        for (int k = 0; k < levels; k++) {
            if (sat[k] >= 0.5) {
                r50 = k == 0 ? radii[0] : radii[k - 1] + (radii[k] - radii[k - 1]) * (0.5 - sat[k - 1]) / (sat[k] - sat[k - 1]);
                break;
            }
        }
        BinaryVolume bv = new BinaryVolume(w, h, d, vs);
        for (int z = 0; z < d; z++) {
            for (int i = 0; i < n; i++) {
                bv.slice(z)[i] = ph[z][i] != 0 ? MaskSource.PORE : MaskSource.SOLID;
            }
        }
        LocalThickness lt = LocalThickness.compute(bv, stepVoxels, threads);
        return new Result(axis, radii, sat, breakthrough, r50, lt.p50 / 2);
    }

    private static int visit(float[][] edt, byte[][] centre, int[] queue, int tail, int z, int i, float r, int n) {
        if (centre[z][i] == 0 && edt[z][i] >= r) {
            centre[z][i] = 1;
            queue[tail++] = i + n * z;
        }
        return tail;
    }
}
