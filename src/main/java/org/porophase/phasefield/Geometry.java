package org.porophase.phasefield;

import org.porophase.binary.DistanceTransform;
import org.porophase.binary.PoreLabeling;
import java.nio.file.Files;
import java.nio.file.Path;

import org.porophase.core.PoroPhaseException;
import org.porophase.io.InputFiles;
import org.porophase.io.TiffTags;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.ImageStack;
import ij.process.ImageProcessor;

/**
 * The simulation geometry on the canonical grid, and its seeding (initial Li).
 *
 * <p><b>Canonical layout.</b> Grid (nx, ny, nz), cell index {@code x + nx(y + ny z)}, spacing dx (µm),
 * z is the depth axis: the Li comes from z = 0. A 2D case has ny = 1 (the x–z plane; a slab one
 * cell thick). Along z: a dense Li layer ({@code li_layer_um}), the scaffold (the resampled mask),
 * then an optional dense LLZO layer ({@code counter_layer_um}); the counter electrode is the far face
 * z = nz (Dirichlet c = c₀, φ = 0).
 *
 * <p><b>ϕ (LLZO, eq. 10)</b> = logistic(s/ℓ) with s the signed distance to the solid boundary (µm,
 * positive in the solid) and ℓ = √(κ₀/2W) the logistic length of the equilibrium ξ profile, so ϕ
 * has the same interface width as ξ. s is computed by an exact EDT at the mask's own resolution and
 * interpolated (tri/bilinearly) to the simulation grid, so resampling does not staircase the walls.
 *
 * <p><b>Seeding (initial ξ).</b> Li layer cells, plus the pore cells connected (6-/4-connectivity,
 * flood fill) to the Li side through pore cells lying within the impregnation depth (default 5 µm,
 * the paper's isostatic pressing), are Li; ξ₀ = logistic(−s_Li/ℓ) with s_Li the signed distance to that
 * Li set measured inside the open (non-solid) space. ξ lives on the open cells only; the LLZO is a
 * no-flux wall for ξ.
 */
public final class Geometry {
    /** Which face of the input the Li comes from. */
    public enum Side {
        TOP, BOTTOM, LEFT, RIGHT, FRONT, BACK;

        public static Side parse(String s) {
            try {
                return Side.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new PoroPhaseException("unknown Li side '" + s + "': use top, bottom, left, right (2D and 3D) or front, back (3D: first / last slice)");
            }
        }
    }

    public final int nx;
    public final int ny;
    public final int nz;
    public final double dxUm;
    /** First scaffold layer (z index) and one past the last. */
    public final int zScaffoldStart;
    public final int zScaffoldEnd;
    /** ϕ, the fixed LLZO order parameter. */
    public final double[] phi;
    /** Open (non-solid) cells: where ξ lives (pores and the Li layer). */
    public final boolean[] open;
    /** Pore cells of the scaffold region (the space Li can fill). */
    public final boolean[] pore;
    /** Initial ξ. */
    public final double[] xi0;
    /** Original mask pixel size, µm, and how the input was oriented. */
    public final double maskPixelUm;
    public final Side side;
    /** Interface note for outputs. */
    public final String interfaceNote;

    private Geometry(int nx, int ny, int nz, double dx, int zs, int ze, double[] phi, boolean[] open, boolean[] pore,
            double[] xi0, double maskPixelUm, Side side, String note) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.dxUm = dx;
        this.zScaffoldStart = zs;
        this.zScaffoldEnd = ze;
        this.phi = phi;
        this.open = open;
        this.pore = pore;
        this.xi0 = xi0;
        this.maskPixelUm = maskPixelUm;
        this.side = side;
        this.interfaceNote = note;
    }

    /** Restores a geometry from saved fields (checkpoint). */
    static Geometry restore(int nx, int ny, int nz, double dx, int zs, int ze, double[] phi, boolean[] open, boolean[] pore,
            double[] xi0, double maskPixelUm, Side side, String note) {
        return new Geometry(nx, ny, nz, dx, zs, ze, phi, open, pore, xi0, maskPixelUm, side, note);
    }

    public int size() {
        return nx * ny * nz;
    }

    public boolean is3D() {
        return ny > 1;
    }

    /** Physical size of the simulated box (x, y, z), µm. */
    public double[] boxUm() {
        return new double[] {nx * dxUm, ny * dxUm, nz * dxUm};
    }

    // ------------------------------------------------------------------ input orientation

    /**
     * Canonical pore mask from a 2D mask image (255 / nonzero = pore, 0 = solid).
     *
     * @return {mx, 1, mz} in {@code dims}, the pore flags in the return value
     */
    public static boolean[] canonical2D(ImageProcessor ip, Side side, int[] dims) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        int mx;
        int mz;
        switch (side) {
            case TOP: case BOTTOM: mx = w; mz = h; break;
            case LEFT: case RIGHT: mx = h; mz = w; break;
            default: throw new PoroPhaseException("Li side " + side.name().toLowerCase() + " needs a 3D volume; for a 2D mask use top, bottom, left or right");
        }
        boolean[] out = new boolean[mx * mz];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                boolean p = ip.get(c, r) != 0;
                int x;
                int z;
                switch (side) {
                    case TOP: x = c; z = r; break;
                    case BOTTOM: x = c; z = h - 1 - r; break;
                    case LEFT: x = r; z = c; break;
                    default: x = r; z = w - 1 - c; break;
                }
                out[x + mx * z] = p;
            }
        }
        dims[0] = mx;
        dims[1] = 1;
        dims[2] = mz;
        return out;
    }

    /** Canonical pore mask from a 3D mask stack (nonzero = pore). */
    public static boolean[] canonical3D(ImageStack st, Side side, int[] dims) {
        int w = st.getWidth();
        int h = st.getHeight();
        int d = st.getSize();
        int mx;
        int my;
        int mz;
        switch (side) {
            case FRONT: case BACK: mx = w; my = h; mz = d; break;
            case TOP: case BOTTOM: mx = w; my = d; mz = h; break;
            default: mx = h; my = d; mz = w; break;
        }
        boolean[] out = new boolean[mx * my * mz];
        for (int s = 0; s < d; s++) {
            ImageProcessor ip = st.getProcessor(s + 1);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    boolean p = ip.get(c, r) != 0;
                    int x;
                    int y;
                    int z;
                    switch (side) {
                        case FRONT: x = c; y = r; z = s; break;
                        case BACK: x = c; y = r; z = d - 1 - s; break;
                        case TOP: x = c; y = s; z = r; break;
                        case BOTTOM: x = c; y = s; z = h - 1 - r; break;
                        case LEFT: x = r; y = s; z = c; break;
                        default: x = r; y = s; z = w - 1 - c; break;
                    }
                    out[x + mx * (y + my * z)] = p;
                }
            }
        }
        dims[0] = mx;
        dims[1] = my;
        dims[2] = mz;
        return out;
    }

    /**
     * Geometry from a mask image (2D if one slice, else 3D).
     *
     * @param pixelUm pixel (voxel) size in µm; ≤ 0 or NaN = take it from the image calibration
     */
    public static Geometry fromImage(ImagePlus imp, double pixelUm, Side side, PhaseFieldParameters p) {
        double px = maskPixelUm(imp, pixelUm);
        int[] dims = new int[3];
        boolean[] pore;
        if (imp.getStackSize() > 1) {
            pore = canonical3D(imp.getStack(), side, dims);
        } else {
            pore = canonical2D(imp.getProcessor(), side, dims);
        }
        return fromCanonicalMask(pore, dims[0], dims[1], dims[2], px, side, p);
    }

    /**
     * The pixel (voxel) size {@link #fromImage} uses, µm: {@code pixelUm} when it is &gt; 0, else the
     * image's calibration (µm, nm or mm).
     */
    public static double maskPixelUm(ImagePlus imp, double pixelUm) {
        double px = pixelUm;
        if (!(px > 0)) {
            ij.measure.Calibration cal = imp.getCalibration();
            String unit = cal.getUnit() == null ? "" : cal.getUnit().trim().toLowerCase(java.util.Locale.ROOT);
            double f;
            switch (unit) {
                case "µm": case "um": case "micron": case "microns": case "micrometer": f = 1; break;
                case "nm": f = 1e-3; break;
                case "mm": f = 1e3; break;
                default: f = Double.NaN;
            }
            px = cal.pixelWidth * f;
            if (!(px > 0) || !Double.isFinite(px)) {
                String u = cal.getUnit() == null || cal.getUnit().isBlank() ? "none" : "'" + cal.getUnit() + "'";
                String title = imp.getTitle() == null || imp.getTitle().isBlank() ? "(untitled)" : "'" + imp.getTitle() + "'";
                throw new PoroPhaseException("mask " + title + " has no usable pixel size (calibration unit " + u + ", pixel width "
                        + cal.pixelWidth + "): pass --pixel-size UM");
            }
        }
        return px;
    }

    /**
     * The canonical mask size (mx, my, mz) of an image of w × h × d pixels (d = 1: 2D) with the Li on
     * {@code side}, as {@link #canonical2D} / {@link #canonical3D} lay it out.
     */
    public static long[] canonicalDims(int w, int h, int d, Side side) {
        if (d <= 1) {
            switch (side) {
                case TOP: case BOTTOM: return new long[] {w, 1, h};
                case LEFT: case RIGHT: return new long[] {h, 1, w};
                default: throw new PoroPhaseException("Li side " + side.name().toLowerCase() + " needs a 3D volume; for a 2D mask use top, bottom, left or right");
            }
        }
        switch (side) {
            case FRONT: case BACK: return new long[] {w, h, d};
            case TOP: case BOTTOM: return new long[] {w, d, h};
            default: return new long[] {h, d, w};
        }
    }

    /**
     * The simulation grid (nx, ny, nz) that {@link #fromCanonicalMask} builds for a canonical mask of
     * mx × my × mz pixels of {@code pixelUm} at {@code p.dxUm}: the scaffold resampled to dx, plus
     * the Li layer ({@code li_layer_um}) and the counter layer ({@code counter_layer_um}) along z.
     * Formed in long, so it can be checked before anything is allocated.
     */
    public static long[] gridFor(long mx, long my, long mz, double pixelUm, PhaseFieldParameters p) {
        double dx = p.dxUm;
        long sx = Math.max(1, Math.round(mx * pixelUm / dx));
        long sy = my > 1 ? Math.max(1, Math.round(my * pixelUm / dx)) : 1;
        long sz = Math.max(1, Math.round(mz * pixelUm / dx));
        long nLi = Math.round(p.liLayerUm / dx);
        long nCo = Math.round(p.counterLayerUm / dx);
        return new long[] {sx, sy, nLi + sz + nCo, sz, nLi, nCo};
    }

    /**
     * Builds the geometry from a canonical pore mask (true = pore) of (mx, my, mz) pixels of size
     * {@code pixelUm}, resampled to {@code p.dxUm}.
     */
    public static Geometry fromCanonicalMask(boolean[] poreMask, int mx, int my, int mz, double pixelUm, Side side, PhaseFieldParameters p) {
        p.validate();
        if (poreMask.length != mx * my * mz) {
            throw new IllegalArgumentException("mask size mismatch");
        }
        int nPore = 0;
        for (boolean b : poreMask) {
            if (b) {
                nPore++;
            }
        }
        if (nPore == 0) {
            throw new PoroPhaseException("the mask has no pore pixels (255 = pore, 0 = solid expected): nothing for Li to fill; check the segmentation or invert it");
        }
        if (nPore == poreMask.length) {
            throw new PoroPhaseException("the mask has no solid pixels (255 = pore, 0 = solid expected): there is no LLZO to conduct Li⁺; check the segmentation or invert it");
        }
        double dx = p.dxUm;
        double ell = p.interfaceLengthUm();
        boolean is3D = my > 1;
        // signed distance (µm), positive in the solid, at the mask resolution
        double[] sdMask = DistanceTransform.signedDistance(poreMask, mx, my, mz); // negative in pores
        for (int i = 0; i < sdMask.length; i++) {
            sdMask[i] *= pixelUm;
        }
        long[] grid = gridFor(mx, my, mz, pixelUm, p);
        long total = grid[0] * grid[1] * grid[2];
        if (grid[0] > PhaseFieldEstimate.MAX_CELLS || grid[2] > PhaseFieldEstimate.MAX_CELLS || total > PhaseFieldEstimate.MAX_CELLS) {
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "simulation grid %d × %d × %d = %s cells at --dx %.4g µm is more than the solver indexes (%s cells): use a coarser --dx or crop the mask",
                    grid[0], grid[1], grid[2], IdealScaffold.count((double) grid[0] * grid[1] * grid[2]), dx, IdealScaffold.count(PhaseFieldEstimate.MAX_CELLS)));
        }
        int sx = (int) grid[0];
        int sy = (int) grid[1];
        int sz = (int) grid[3];
        int nLi = (int) grid[4];
        int nCo = (int) grid[5];
        int nx = sx;
        int ny = sy;
        int nz = (int) grid[2];
        int n = (int) total;
        double[] sdScaf = new double[nx * ny * sz];
        double fx = (double) mx / sx;
        double fy = (double) my / sy;
        double fz = (double) mz / sz;
        for (int z = 0; z < sz; z++) {
            double uz = (z + 0.5) * fz - 0.5;
            for (int y = 0; y < sy; y++) {
                double uy = is3D ? (y + 0.5) * fy - 0.5 : 0;
                for (int x = 0; x < sx; x++) {
                    double ux = (x + 0.5) * fx - 0.5;
                    sdScaf[x + sx * (y + sy * z)] = interp(sdMask, mx, my, mz, ux, uy, uz);
                }
            }
        }
        // full-domain signed distance to the solid boundary
        double[] sd = new double[n];
        int plane = nx * ny;
        for (int z = 0; z < nz; z++) {
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                double v;
                if (z < nLi) {
                    double pd = (nLi - z - 0.5) * dx;
                    double top = sdScaf[xy];
                    double lat = Math.max(0, -top);
                    v = -Math.sqrt(pd * pd + lat * lat);
                } else if (z >= nLi + sz) {
                    double pd = (z - nLi - sz + 0.5) * dx;
                    double bot = sdScaf[xy + plane * (sz - 1)];
                    v = bot > 0 ? pd + bot : pd;
                } else {
                    v = sdScaf[xy + plane * (z - nLi)];
                    if (v > 0 && nLi > 0) {
                        v = Math.min(v, (z - nLi + 0.5) * dx);
                    }
                    if (v < 0 && nCo > 0) {
                        v = Math.max(v, -((nLi + sz - z) - 0.5) * dx);
                    }
                }
                sd[i] = v;
            }
        }
        double[] phi = new double[n];
        boolean[] open = new boolean[n];
        boolean[] pore = new boolean[n];
        long nPoreCells = 0;
        for (int i = 0; i < n; i++) {
            phi[i] = logistic(sd[i] / ell);
            open[i] = sd[i] <= 0;
            int z = i / plane;
            pore[i] = open[i] && z >= nLi && z < nLi + sz;
            nPoreCells += pore[i] ? 1 : 0;
        }
        if (nPoreCells == 0) {
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "at --dx %.4g µm the %d × %d × %d grid resolves none of the mask's pores (%d pore pixels of %.4g µm): "
                    + "the pores are narrower than the grid; use a finer --dx (at most the pore size / 4)",
                    dx, nx, ny, nz, nPore, pixelUm));
        }
        // seeding: flood fill from the Li side through open cells within the impregnation depth
        boolean[] li = new boolean[n];
        int[] queue = new int[n];
        int qt = 0;
        int zMaxImp = nLi + (int) Math.floor(p.impregnationUm / dx + 1e-9); // exclusive
        for (int z = 0; z < Math.min(nLi, nz); z++) {
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                if (open[i]) {
                    li[i] = true;
                    queue[qt++] = i;
                }
            }
        }
        if (nLi == 0) {
            for (int xy = 0; xy < plane; xy++) {
                if (open[xy] && zMaxImp > 0) {
                    li[xy] = true;
                    queue[qt++] = xy;
                }
            }
        }
        // grown face-wise through the open cells with z < zMaxImp
        boolean[] reachable = new boolean[n];
        for (int i = 0, lim = (int) Math.min(n, (long) Math.max(0, zMaxImp) * plane); i < lim; i++) {
            reachable[i] = open[i];
        }
        PoreLabeling.flood(reachable, li, queue, qt, nx, ny, nz, 6);
        // ξ₀ from the signed distance to the Li set, measured in the open space (solid cells are
        // neither Li nor void; their ξ is 0 and unused)
        boolean[] notLiOpen = new boolean[n];
        for (int i = 0; i < n; i++) {
            notLiOpen[i] = open[i] && !li[i];
        }
        double[] dToVoid = DistanceTransform.distanceTo(notLiOpen, nx, ny, nz);
        double[] dToLi = DistanceTransform.distanceTo(li, nx, ny, nz);
        double[] xi0 = new double[n];
        for (int i = 0; i < n; i++) {
            if (!open[i]) {
                continue;
            }
            double s = li[i] ? (dToVoid[i] - 0.5) : -(dToLi[i] - 0.5);
            xi0[i] = logistic(s * dx / ell);
        }
        String note = String.format(java.util.Locale.ROOT,
                "physical interface width kept: logistic length ell = %.3g um (10-90%% width %.3g um), grid dx = %.3g um (%.2g cells per ell); ell is not scaled with the pore size",
                ell, 2 * Math.log(9) * ell, dx, ell / dx);
        return new Geometry(nx, ny, nz, dx, nLi, nLi + sz, phi, open, pore, xi0, pixelUm, side, note);
    }

    static double logistic(double t) {
        if (t > 40) {
            return 1;
        }
        if (t < -40) {
            return 0;
        }
        return 1 / (1 + Math.exp(-t));
    }

    private static double interp(double[] f, int mx, int my, int mz, double ux, double uy, double uz) {
        ux = Math.max(0, Math.min(mx - 1, ux));
        uy = Math.max(0, Math.min(my - 1, uy));
        uz = Math.max(0, Math.min(mz - 1, uz));
        int x0 = (int) Math.floor(ux);
        int y0 = (int) Math.floor(uy);
        int z0 = (int) Math.floor(uz);
        int x1 = Math.min(mx - 1, x0 + 1);
        int y1 = Math.min(my - 1, y0 + 1);
        int z1 = Math.min(mz - 1, z0 + 1);
        double tx = ux - x0;
        double ty = uy - y0;
        double tz = uz - z0;
        double c00 = lerp(f[x0 + mx * (y0 + my * z0)], f[x1 + mx * (y0 + my * z0)], tx);
        double c10 = lerp(f[x0 + mx * (y1 + my * z0)], f[x1 + mx * (y1 + my * z0)], tx);
        double c01 = lerp(f[x0 + mx * (y0 + my * z1)], f[x1 + mx * (y0 + my * z1)], tx);
        double c11 = lerp(f[x0 + mx * (y1 + my * z1)], f[x1 + mx * (y1 + my * z1)], tx);
        return lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /**
     * Opens a binary mask image (8-bit, 0 = solid, 255 = pore; TIFF or PNG) headlessly and checks it is binary.
     * <p>
     * A TIFF goes through the same checks as an SEM image ({@link InputFiles#tiffInfo}) before ImageJ
     * decodes it: no pipe or device, no loop in the IFD chain, all pages fit in the heap, and no pixel data
     * cut off by a truncated copy (which ImageJ would otherwise decode as zero-filled rows: solid where the
     * mask had pores, and a run that completes on the wrong geometry).
     */
    public static ImagePlus openMask(Path f) {
        InputFiles.requireRegularFile(f, "mask file");
        ImagePlus imp;
        byte[] head = new byte[4];
        int nh;
        try (java.io.InputStream in = Files.newInputStream(f)) {
            nh = in.readNBytes(head, 0, 4);
        } catch (java.io.IOException e) {
            throw new PoroPhaseException("cannot read mask " + f + ": " + e.getMessage(), e);
        }
        if (nh == 4 && TiffTags.isTiff(head)) {
            FileInfo[] info = InputFiles.tiffInfo(f, Integer.MAX_VALUE);
            try {
                imp = info.length > 1 ? new ij.io.Opener().openTiffStack(info) : new FileOpener(info[0]).openImage();
            } catch (OutOfMemoryError e) {
                throw new PoroPhaseException("mask " + f + ": too large for the available memory; give Java more memory (java -Xmx…) or crop the mask", e);
            } catch (RuntimeException e) {
                throw new PoroPhaseException("cannot decode mask " + f + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (the file is damaged; re-save it as TIFF)", e);
            }
        } else {
            imp = new ij.io.Opener().openImage(f.toAbsolutePath().toString());
        }
        if (imp == null) {
            throw new PoroPhaseException("cannot open mask " + f + " (ImageJ could not read it; use TIFF or PNG)");
        }
        if (imp.getBitDepth() != 8) {
            throw new PoroPhaseException("mask " + f + " is " + imp.getBitDepth() + "-bit; a binary 8-bit mask is expected (255 = pore, 0 = solid): segment it first");
        }
        for (int s = 1; s <= imp.getStackSize(); s++) {
            byte[] px = (byte[]) imp.getStack().getPixels(s);
            for (byte b : px) {
                int v = b & 0xff;
                if (v != 0 && v != 255) {
                    throw new PoroPhaseException("mask " + f + " is not binary (value " + v + " in slice " + s + "): expected 0 = solid, 255 = pore");
                }
            }
        }
        return imp;
    }
}
