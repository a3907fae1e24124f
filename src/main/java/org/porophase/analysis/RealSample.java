package org.porophase.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.porophase.core.PoroPhaseException;
import org.porophase.binary.PoreLabeling;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.VoxelSize;
import org.porophase.binary.LocalThickness;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import org.porophase.phasefield.Geometry;

/**
 * The measured (real) side of a comparison, from a 2D SEM analysis or a 3D volume analysis: the
 * numbers the ideal twin is built from and the 2D pore mask the phase-field runs on.
 */
public final class RealSample {
    /** "sem-2d". */
    public static final String SEM_2D = "sem-2d";
    /** "volume-3d". */
    public static final String VOLUME_3D = "volume-3d";
    /** The image plane contains the thickness axis (top = Li side). */
    public static final String THICKNESS = "thickness";
    /** The image plane is perpendicular to the thickness axis (plan view across the channels). */
    public static final String PLAN = "plan";
    /** A 3D volume. */
    public static final String VOLUME = "volume";

    /** A pore size histogram: bin centres (µm) and the pore-space fraction of each bin. */
    public record Histogram(double[] diameterUm, double[] fraction) {
        public int size() {
            return diameterUm.length;
        }
    }

    /** A porosity profile: positions (µm from the first row/slice) and porosity. */
    public record Profile(double[] positionUm, double[] porosity) {
        public int size() {
            return positionUm.length;
        }
    }

    private final String title;
    private final SemAnalysisResult sem;
    private final VolumeAnalysis volume;
    private final double poreDiameterUm;
    private final ImagePlus phaseFieldMask;
    private final double maskPixelUm;
    private final ImagePlus section;
    private final Histogram psd;
    private final double psdMeanUm;
    private final String plane;
    private final String sectionMode;
    private final double openPorosity;
    private final Profile profile;
    private final String profileAxis;
    private final List<String> warnings;
    private final ImagePlus poreVolume;
    private final double volumeVoxelUm;
    private final org.porophase.phasefield.Geometry.Side volumeLiSide;

    private RealSample(String title, SemAnalysisResult sem, VolumeAnalysis volume, double poreDiameterUm, ImagePlus phaseFieldMask,
            double maskPixelUm, ImagePlus section, Histogram psd, double psdMeanUm, String plane, String sectionMode, double openPorosity,
            Profile profile, String profileAxis, List<String> warnings, ImagePlus poreVolume, double volumeVoxelUm,
            org.porophase.phasefield.Geometry.Side volumeLiSide) {
        this.title = title;
        this.sem = sem;
        this.volume = volume;
        this.poreDiameterUm = poreDiameterUm;
        this.phaseFieldMask = phaseFieldMask;
        this.maskPixelUm = maskPixelUm;
        this.section = section;
        this.psd = psd;
        this.psdMeanUm = psdMeanUm;
        this.plane = plane;
        this.sectionMode = sectionMode;
        this.openPorosity = openPorosity;
        this.profile = profile;
        this.profileAxis = profileAxis;
        this.warnings = List.copyOf(warnings);
        this.poreVolume = poreVolume;
        this.volumeVoxelUm = volumeVoxelUm;
        this.volumeLiSide = volumeLiSide;
    }

    /** File stem. */
    public String title() {
        return title;
    }

    /** {@link #SEM_2D} or {@link #VOLUME_3D}. */
    public String kind() {
        return sem != null ? SEM_2D : VOLUME_3D;
    }

    /** The 2D analysis this sample was measured by, or null for a volume. */
    public SemAnalysisResult sem() {
        return sem;
    }

    /** The 3D analysis this sample was measured by, or null for a SEM image. */
    public VolumeAnalysis volume() {
        return volume;
    }

    /** The analysis keys ({@code analyze --json} or {@code analyze-volume --json}) without their parameters. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>(sem != null ? sem.summary() : volume.toJson());
        s.remove("parameters");
        return s;
    }

    /** Porosity φ. */
    public double porosity() {
        return sem != null ? sem.pores().porosity() : volume.porosity();
    }

    /**
     * Mean pore diameter δ of the ideal twin, µm (SEM: mean equivalent-circle diameter of the counted pores,
     * {@code mean_equivalent_diameter_um}; volume: volume-weighted local thickness, {@code mean_local_thickness_um}).
     */
    public double poreDiameterUm() {
        return poreDiameterUm;
    }

    /** The explicit JSON key of {@link #poreDiameterUm()}: {@code mean_equivalent_diameter_um} (2D) or {@code mean_local_thickness_um} (3D). */
    public String poreDiameterKey() {
        return sem != null ? "mean_equivalent_diameter_um" : "mean_local_thickness_um";
    }

    /** Measured S_c, µm⁻¹ (SEM: P_p/A_t, eq. 3; volume: S_v = surface area / volume, Crofton 13 directions). */
    public double scPerUm() {
        return sem != null ? sem.pores().specificSurfaceAreaPerUm() : volume.specificSurfaceArea();
    }

    /** 2D pore mask for the phase-field (255 = pore), Li side at the top, calibrated in µm (square pixels). */
    public ImagePlus phaseFieldMask() {
        return phaseFieldMask;
    }

    /** Pixel size of {@link #phaseFieldMask}, µm. */
    public double maskPixelUm() {
        return maskPixelUm;
    }

    /** Volume: the central section of the mask (255 = pore) for the QC figure; null for SEM (its QC is drawn from {@link #sem()}). */
    public ImagePlus sectionImage() {
        return section;
    }

    /** Pore size histogram (local thickness); null when not computed. */
    public Histogram psd() {
        return psd;
    }

    /** Mean of the pore size distribution (µm), NaN when none. */
    public double psdMeanUm() {
        return psdMeanUm;
    }

    /** Where the phase-field plane comes from. */
    public String plane() {
        return plane;
    }

    /** How the image relates to the membrane: {@link #THICKNESS}, {@link #PLAN} or {@link #VOLUME}. */
    public String section() {
        return sectionMode;
    }

    /**
     * Open porosity: pore area (volume) connected to the Li side ÷ analysed area (volume). 2D section
     * along the thickness: pores 4-connected to the top row of the analysed area; volume: the 3D
     * labelling's open pores; plan view: NaN (connectivity through the thickness is not visible).
     */
    public double openPorosity() {
        return openPorosity;
    }

    /** Porosity profile along {@link #profileAxis}. */
    public Profile profile() {
        return profile;
    }

    /** Axis label of {@link #profile}, e.g. "depth below the Li side (y)". */
    public String profileAxis() {
        return profileAxis;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** 3D input with keepVolume: the pore mask as an isotropic stack (255 = pore), voxel {@link #volumeVoxelUm}; else null. */
    public ImagePlus poreVolume() {
        return poreVolume;
    }

    /** Voxel size of {@link #poreVolume}, µm (NaN for 2D). */
    public double volumeVoxelUm() {
        return volumeVoxelUm;
    }

    /** 3D input: the side of {@link #poreVolume} the Li comes from (first slice of the thickness axis); null for 2D. */
    public org.porophase.phasefield.Geometry.Side volumeLiSide() {
        return volumeLiSide;
    }

    /** From a 2D SEM analysis (must be calibrated), section {@code auto}. */
    public static RealSample of(SemAnalysisResult r) {
        return of(r, "auto");
    }

    /**
     * From a 2D SEM analysis (must be calibrated).
     *
     * @param section {@link #THICKNESS}: the image contains the thickness axis, Li enters from the top
     *                edge and the phase-field runs on the mask itself; {@link #PLAN}: the image is a
     *                plan view across the channels (the geometry of eq. 1), the pores are taken as
     *                channels through the thickness and the phase-field runs on the vertical section
     *                through them along the representative row ({@link #planSection}); {@code auto}:
     *                plan when less than half of the pore area is 4-connected to the top row
     *                (a section across the channels shows isolated pores), thickness otherwise
     */
    public static RealSample of(SemAnalysisResult r, String section) {
        if (!r.image().calibration().isCalibrated()) {
            throw new PoroPhaseException("image " + r.baseTitle() + " has no pixel size: compare needs µm (pass --pixel-size UM)");
        }
        Histogram psd = null;
        double mean = Double.NaN;
        if (r.thickness() != null && !r.thickness().histogramRows().isEmpty()) {
            // LocalThickness2D gives its histogram as rows (diameter_um, pixels, area_fraction, cumulative)
            List<List<Object>> rows = r.thickness().histogramRows();
            double[] d = new double[rows.size()];
            double[] f = new double[rows.size()];
            for (int k = 0; k < rows.size(); k++) {
                d[k] = (Double) rows.get(k).get(0);
                f[k] = (Double) rows.get(k).get(2);
            }
            psd = new Histogram(d, f);
            mean = r.thickness().meanUm();
        }
        double px = r.image().calibration().pixelWidthUm();
        double py = r.image().calibration().pixelHeightUm();
        ImagePlus maskImp = r.maskImage(); // a copy of the analysis' mask, calibrated
        List<String> warnings = new ArrayList<>(r.warnings());
        maskImp = cropToRegion(maskImp, r.region(), warnings);
        ByteProcessor m = (ByteProcessor) maskImp.getProcessor();
        double phi = r.pores().porosity();
        double openFraction = openFractionFromTop(m);
        String mode = section == null ? "auto" : section;
        if ("auto".equals(mode)) {
            mode = openFraction < 0.5 ? PLAN : THICKNESS;
            warnings.add(String.format(Locale.ROOT, "section auto: %.0f %% of the pore area is connected to the top edge, so the image is treated as %s "
                    + "(override with --section thickness|plan)", 100 * openFraction,
                    PLAN.equals(mode) ? "a plan view across the channels" : "a section along the thickness (Li from the top)"));
        } else if (!THICKNESS.equals(mode) && !PLAN.equals(mode)) {
            throw new PoroPhaseException("section must be auto, thickness or plan (got '" + section + "')");
        }
        double[][] profile = rowProfile(m, py);
        ImagePlus mask;
        String plane;
        double open;
        String axis;
        if (THICKNESS.equals(mode)) {
            mask = maskImp;
            plane = "the SEM image plane (a section along the thickness), Li from the top edge of the analysed area";
            open = phi * openFraction;
            axis = "depth below the top edge (Li side), µm";
        } else {
            int row = representativeRow(profile[1], phi);
            ByteProcessor sec = planSection(m, row, m.getHeight());
            mask = new ImagePlus(r.baseTitle() + "-section", sec);
            mask.setCalibration(maskImp.getCalibration());
            double line = profile[1][row];
            plane = String.format(Locale.ROOT, "the vertical section through the pores of row %d of the plan view (line porosity %.4f), pores "
                    + "extruded through the thickness as straight channels, %.4g um deep, Li from the top", row, line, m.getHeight() * py);
            open = Double.NaN;
            axis = "position along y in the plan view (not the thickness), µm";
        }
        if (Math.abs(py - px) > 1e-6 * px) {
            mask = square(mask.getProcessor(), px, py, r.baseTitle());
            px = Math.min(px, py);
        }
        return new RealSample(r.baseTitle(), r, null, r.poreDiameterUm(), mask, px, null, psd, mean, plane, mode, open,
                new Profile(profile[0], profile[1]), axis, warnings, null, Double.NaN, null);
    }

    /**
     * The mask cut to the bounding box of the analysed region (a ROI, the specimen band or both), so that the
     * profile, the section and the phase-field geometry are of the region, with Li entering at the region's top
     * edge (the detected surface for a specimen band). A region that does not fill its box (a polygon, a mask)
     * leaves its outside pixels solid there, with a warning. Null region: the mask unchanged.
     */
    static ImagePlus cropToRegion(ImagePlus maskImp, byte[] region, List<String> warnings) {
        if (region == null) {
            return maskImp;
        }
        int w = maskImp.getWidth(), h = maskImp.getHeight();
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        long inside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (region[y * w + x] != 0) {
                    inside++;
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (inside == 0 || (x0 == 0 && y0 == 0 && x1 == w - 1 && y1 == h - 1 && inside == (long) w * h)) {
            return maskImp;
        }
        long box = (long) (x1 - x0 + 1) * (y1 - y0 + 1);
        if (inside < box) {
            warnings.add(String.format(Locale.ROOT, "compare: the analysed region fills %.1f %% of its bounding box %d,%d,%d,%d; the profile and the "
                    + "phase-field geometry use that box with the pixels outside the region as solid", 100.0 * inside / box, x0, y0, x1 - x0 + 1, y1 - y0 + 1));
        }
        ij.process.ImageProcessor ip = maskImp.getProcessor();
        ip.setRoi(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        ImagePlus c = new ImagePlus(maskImp.getTitle(), ip.crop());
        ip.resetRoi();
        c.setCalibration(maskImp.getCalibration());
        return c;
    }

    /** Fraction of the pore pixels (nonzero) that are 4-connected to the top row; 0 when there are none. */
    static double openFractionFromTop(ByteProcessor m) {
        int w = m.getWidth();
        int h = m.getHeight();
        byte[] px = (byte[]) m.getPixels();
        PoreLabeling.Labels lab = PoreLabeling.label(px, w, h, true, 4);
        boolean[] top = new boolean[lab.count() + 1];
        for (int x = 0; x < w; x++) {
            top[lab.labels()[x]] = true;
        }
        long pore = 0;
        long open = 0;
        for (int l : lab.labels()) {
            if (l != 0) {
                pore++;
                if (top[l]) {
                    open++;
                }
            }
        }
        return pore == 0 ? 0 : open / (double) pore;
    }

    /** Porosity of each row: positions (µm, row centres from the top) and pore fraction. */
    static double[][] rowProfile(ByteProcessor m, double pyUm) {
        int h = m.getHeight();
        double[][] p = new double[2][h];
        for (int y = 0; y < h; y++) {
            p[0][y] = (y + 0.5) * pyUm;
            p[1][y] = linePorosity(m, y);
        }
        return p;
    }

    static double linePorosity(ByteProcessor m, int y) {
        int w = m.getWidth();
        byte[] px = (byte[]) m.getPixels();
        int n = 0;
        for (int x = 0; x < w; x++) {
            if (px[x + y * w] != 0) {
                n++;
            }
        }
        return n / (double) w;
    }

    /**
     * The row whose line porosity (per row, from {@link #rowProfile}) is closest to the area porosity φ
     * (ties: nearest the middle), so
     * that the extruded section has the image's porosity; its chords are the channel widths.
     */
    static int representativeRow(double[] linePorosity, double phi) {
        int h = linePorosity.length;
        int best = h / 2;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int k = 0; k < h; k++) {
            int y = h / 2 + ((k & 1) == 0 ? k / 2 : -(k + 1) / 2);
            if (y < 0 || y >= h) {
                continue;
            }
            double e = Math.abs(linePorosity[y] - phi);
            if (e < bestErr - 1e-12) {
                bestErr = e;
                best = y;
            }
        }
        return best;
    }

    /**
     * The vertical (x, thickness) section of the plan view's pores extruded through the thickness:
     * column x is pore over the whole {@code depth} when pixel (x, row) is pore.
     */
    static ByteProcessor planSection(ByteProcessor m, int row, int depth) {
        int w = m.getWidth();
        ByteProcessor sec = new ByteProcessor(w, depth);
        byte[] src = (byte[]) m.getPixels();
        byte[] dst = (byte[]) sec.getPixels();
        for (int x = 0; x < w; x++) {
            if (src[x + row * w] != 0) {
                for (int z = 0; z < depth; z++) {
                    dst[x + z * w] = (byte) 255;
                }
            }
        }
        return sec;
    }

    /**
     * From a 3D volume analysis (needs its in-memory mask and local thickness): the phase-field plane is
     * the central section containing the thickness axis ({@code a.axis}), Li from the axis' first slice.
     */
    public static RealSample of(VolumeAnalysis a, String title) {
        return of(a, title, false);
    }

    /**
     * As {@link #of(VolumeAnalysis, String)}; with {@code keepVolume} also the isotropic pore stack for
     * a 3D phase-field run ({@link #poreVolume()}).
     */
    public static RealSample of(VolumeAnalysis a, String title, boolean keepVolume) {
        BinaryVolume bv = a.mask();
        if (bv == null) {
            throw new PoroPhaseException("volume " + title + ": the segmented mask is not in memory (streamed); compare needs a volume that fits in memory (crop it with analyze-volume --crop)");
        }
        Double delta = a.meanLocalThickness();
        if (delta == null) {
            throw new PoroPhaseException("volume " + title + ": no local-thickness pore size (needed for the ideal twin); do not disable local thickness");
        }
        int t = a.axis();
        int l = t == 0 ? 1 : 0; // lateral axis of the section
        int f = 3 - t - l; // fixed axis, at its middle
        int[] n = {bv.width(), bv.height(), bv.depth()};
        VoxelSize vs = bv.voxelSize();
        double[] v = vs.toArray();
        int fm = n[f] / 2;
        ByteProcessor bp = new ByteProcessor(n[l], n[t]);
        int[] c = new int[3];
        c[f] = fm;
        for (int row = 0; row < n[t]; row++) {
            c[t] = row;
            for (int col = 0; col < n[l]; col++) {
                c[l] = col;
                bp.set(col, row, bv.get(c[0], c[1], c[2]) == MaskSource.PORE ? 255 : 0);
            }
        }
        String[] names = {"x", "y", "z"};
        ImagePlus mask;
        double px = v[l];
        if (Math.abs(v[l] - v[t]) > 1e-6 * v[l]) {
            mask = square(bp, v[l], v[t], title);
            px = Math.min(v[l], v[t]);
        } else {
            mask = new ImagePlus(title + "-section", bp);
            mask.getCalibration().pixelWidth = px;
            mask.getCalibration().pixelHeight = px;
            mask.getCalibration().setUnit("micron");
        }
        ImagePlus qc = new ImagePlus(title + "-section-qc", bp.duplicate());
        LocalThickness lt = a.localThickness();
        Histogram psd = null;
        if (lt.diameters.length > 0) {
            double[] frac = new double[lt.diameters.length];
            for (int k = 0; k < frac.length; k++) {
                frac[k] = lt.poreVoxels > 0 ? lt.counts[k] / (double) lt.poreVoxels : 0;
            }
            psd = new Histogram(lt.diameters.clone(), frac);
        }
        String plane = String.format(Locale.ROOT, "central %s%s section (%s = %d of %d) of the volume, thickness axis %s, Li from %s = 0",
                names[l], names[t], names[f], fm, n[f], names[t], names[t]);
        Double open = a.openPorosity();
        double voxel = Math.min(v[0], Math.min(v[1], v[2]));
        org.porophase.phasefield.Geometry.Side side = t == 2 ? org.porophase.phasefield.Geometry.Side.FRONT
                : t == 1 ? org.porophase.phasefield.Geometry.Side.TOP : org.porophase.phasefield.Geometry.Side.LEFT;
        return new RealSample(title, null, a, delta, mask, px, qc, psd, delta, plane, VOLUME, open == null ? Double.NaN : open,
                new Profile(a.profilePositions(), a.profilePorosity()), "position along the thickness axis " + names[t] + ", µm", a.warnings(),
                keepVolume ? isotropicStack(bv, v, voxel, title) : null, voxel, side);
    }

    /** The pore phase (255) of a mask volume resampled (nearest neighbour) to cubic voxels of {@code s} µm. */
    private static ImagePlus isotropicStack(BinaryVolume bv, double[] v, double s, String title) {
        int nx = Math.max(1, (int) Math.round(bv.width() * v[0] / s));
        int ny = Math.max(1, (int) Math.round(bv.height() * v[1] / s));
        int nz = Math.max(1, (int) Math.round(bv.depth() * v[2] / s));
        ImageStack st = new ImageStack(nx, ny);
        for (int z = 0; z < nz; z++) {
            int sz = Math.min(bv.depth() - 1, (int) ((z + 0.5) * s / v[2]));
            byte[] px = new byte[nx * ny];
            for (int y = 0; y < ny; y++) {
                int sy = Math.min(bv.height() - 1, (int) ((y + 0.5) * s / v[1]));
                for (int x = 0; x < nx; x++) {
                    int sx = Math.min(bv.width() - 1, (int) ((x + 0.5) * s / v[0]));
                    px[x + nx * y] = bv.get(sx, sy, sz) == MaskSource.PORE ? (byte) 255 : 0;
                }
            }
            st.addSlice(null, px);
        }
        ImagePlus imp = new ImagePlus(title + "-volume", st);
        imp.getCalibration().pixelWidth = s;
        imp.getCalibration().pixelHeight = s;
        imp.getCalibration().pixelDepth = s;
        imp.getCalibration().setUnit("micron");
        return imp;
    }

    /** Resamples a mask of pixel pw × ph to square pixels of min(pw, ph) (nearest neighbour). */
    private static ImagePlus square(ImageProcessor ip, double pw, double ph, String title) {
        double p = Math.min(pw, ph);
        int w = Math.max(1, (int) Math.round(ip.getWidth() * pw / p));
        int h = Math.max(1, (int) Math.round(ip.getHeight() * ph / p));
        ip.setInterpolationMethod(ImageProcessor.NONE);
        ImagePlus imp = new ImagePlus(title + "-section", ip.resize(w, h));
        imp.getCalibration().pixelWidth = p;
        imp.getCalibration().pixelHeight = p;
        imp.getCalibration().setUnit("micron");
        return imp;
    }

    /** Width of the phase-field mask, µm. */
    public double widthUm() {
        return phaseFieldMask.getWidth() * maskPixelUm;
    }

    /** Height (thickness) of the phase-field mask, µm. */
    public double heightUm() {
        return phaseFieldMask.getHeight() * maskPixelUm;
    }
}
