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
 * <p><b>Open / solid.</b> A scaffold cell is solid when at least half of its area (volume) is covered by
 * solid mask pixels (exact box overlap of the mask pixels with the cell), else open: no bias towards
 * either phase (the former "centre on or inside the wall is open" rule made 1.5 µm channels at dx 0.5
 * 66.7 % porous). Ties (exactly half: 2 of 4 raster pixels on a curved wall, a straight wall through the
 * cell centre) go by the sign of the interpolated signed distance at the cell centre and, when it is 0 (a wall
 * through the centre), by the side the cell falls on when the grid is shifted by an infinitesimal generic offset (the
 * sign of the distance's change over 10⁻⁴ pixel along (1, 0.618, 0.382)); parity of x + y + z only where that slope is 0
 * too. A straight wall's ties all go one way (the same in every plane of a straight cylinder), a curved wall's half
 * each way, so ties do not bias the porosity (all-solid ties made 3D cylinders 1 % less porous than their raster) and
 * leave no teeth (the former parity rule laid a checkerboard along the 3D cylinder rims: one-cell teeth with 4–5 LLZO
 * faces that doubled the contact area; {@code GeometryTest.cylinderRimsHaveNoTeeth}). The ideal channels are built on grids whose walls fall on cell faces, so
 * they have no ties, and keep their widths in whole cells.
 *
 * <p><b>ϕ (LLZO, eq. 10)</b> has compact support: ϕ = ½(1 + sin(πs/W_ϕ)) for |s| &lt; W_ϕ/2, 1 beyond
 * in the solid, 0 beyond in the pore, with s the signed distance to the solid boundary (µm, positive in
 * the solid) and W_ϕ = {@link PhaseFieldParameters#interfaceWidthUm()} / 0.590 (the sine profile's 10–90 %
 * width is 0.590·W_ϕ, so ϕ and ξ have the same 10–90 % width). h(ϕ) is therefore exactly 0 at the centre
 * of every pore wider than W_ϕ: pores do not conduct (the resolution rule, {@link Resolution}, keeps the
 * narrowest pore ≥ 2·W_ϕ). s is computed by an exact EDT at the mask's own resolution and interpolated
 * (tri/bilinearly) to the simulation grid, so resampling does not staircase the walls.
 *
 * <p><b>Seeding (initial ξ)</b> ({@link #seed}): the Li layer and the pores connected to it through pore
 * cells above the impregnation depth D (default 5 µm, the paper's isostatic pressing) are Li, with the
 * logistic (tanh) profile of the effective interface, ξ₀ = cell average of logistic(s/ℓ), ℓ =
 * {@link PhaseFieldParameters#effectiveInterfaceLengthUm()}, s the signed distance to the impregnation
 * plane (not floored to whole cells: a straight channel holds D of Li by volume, to round-off). ξ lives
 * on the open cells only; the LLZO is a no-flux wall for ξ.
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
     * {@code pixelUm}, resampled to {@code p.dxUm}. With {@code p.dxUm = 0} (automatic) the resolution
     * rule is applied first ({@link Resolution#forMask}, then {@link Resolution#apply}: {@code p.dxUm} and
     * {@code p.interfaceScale} are written back to {@code p}).
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
        if (!(p.dxUm > 0)) {
            Resolution.forMask(poreMask, mx, my, mz, pixelUm, p).apply(p);
        }
        return build(poreMask, mx, my, mz, pixelUm, side, p, p.impregnationUm, false);
    }

    /**
     * The geometry of a canonical mask at {@code p.dxUm} (&gt; 0) with Li impregnated {@code impregnationUm}
     * deep; {@code allowNoPores}: a scaffold without pores (the flat reference with no gaps) is accepted.
     */
    static Geometry build(boolean[] poreMask, int mx, int my, int mz, double pixelUm, Side side, PhaseFieldParameters p,
            double impregnationUm, boolean allowNoPores) {
        double dx = p.dxUm;
        if (!(dx > 0)) {
            throw new IllegalStateException("grid spacing not set (apply the Resolution first)");
        }
        double ell = p.effectiveInterfaceLengthUm();
        double wPhi = Resolution.phiSupport(p.interfaceWidthUm());
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
        boolean[] solidScaf = new boolean[nx * ny * sz];
        double fx = (double) mx / sx;
        double fy = (double) my / sy;
        double fz = (double) mz / sz;
        Overlap ox = new Overlap(mx, sx);
        Overlap oy = new Overlap(my, sy);
        Overlap oz = new Overlap(mz, sz);
        for (int z = 0; z < sz; z++) {
            double uz = (z + 0.5) * fz - 0.5;
            for (int y = 0; y < sy; y++) {
                double uy = is3D ? (y + 0.5) * fy - 0.5 : 0;
                for (int x = 0; x < sx; x++) {
                    double ux = (x + 0.5) * fx - 0.5;
                    int c = x + sx * (y + sy * z);
                    sdScaf[c] = interp(sdMask, mx, my, mz, ux, uy, uz);
                    // area (volume) fraction of solid mask pixels in the cell: ≥ 0.5 → solid
                    double solid = 0;
                    for (int kz = oz.first[z]; kz < oz.first[z + 1]; kz++) {
                        double wz = oz.weight[kz];
                        int pz = oz.pixel[kz];
                        for (int ky = oy.first[y]; ky < oy.first[y + 1]; ky++) {
                            double wyz = wz * oy.weight[ky];
                            int row = mx * (oy.pixel[ky] + my * pz);
                            for (int kx = ox.first[x]; kx < ox.first[x + 1]; kx++) {
                                if (!poreMask[row + ox.pixel[kx]]) {
                                    solid += wyz * ox.weight[kx];
                                }
                            }
                        }
                    }
                    // a tie (exactly half, e.g. 2 of 4 raster pixels on a curved wall) goes by the interpolated signed
                    // distance of the cell centre, and when that is 0 too (a wall through the centre) by the parity of
                    // the cell, so that ties do not bias the porosity
                    boolean tie = Math.abs(solid - 0.5) <= 1e-9;
                    double eps = 1e-9 * pixelUm;
                    if (tie && Math.abs(sdScaf[c]) <= eps) {
                        // a wall through the centre: the side the cell falls on when the grid is shifted by an
                        // infinitesimal generic offset (the sign of the distance's slope along (1, 0.618, 0.382) pixels),
                        // the same along a straight wall and half-and-half around a curved one; parity only when flat
                        double dsd = interp(sdMask, mx, my, mz, ux + TIE_OFFSET, uy + 0.618 * TIE_OFFSET, uz + 0.382 * TIE_OFFSET) - sdScaf[c];
                        solidScaf[c] = Math.abs(dsd) > 1e-3 * TIE_OFFSET * pixelUm ? dsd > 0 : ((x + y + z) & 1) == 0;
                    } else {
                        solidScaf[c] = tie ? sdScaf[c] > eps : solid > 0.5;
                    }
                }
            }
        }
        // full-domain signed distance to the solid boundary
        double[] sd = new double[n];
        boolean[] open = new boolean[n];
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
                    open[i] = true;
                } else if (z >= nLi + sz) {
                    double pd = (z - nLi - sz + 0.5) * dx;
                    double bot = sdScaf[xy + plane * (sz - 1)];
                    v = bot > 0 ? pd + bot : pd;
                    open[i] = false;
                } else {
                    int c = xy + plane * (z - nLi);
                    v = sdScaf[c];
                    if (v > 0 && nLi > 0) {
                        v = Math.min(v, (z - nLi + 0.5) * dx);
                    }
                    if (v < 0 && nCo > 0) {
                        v = Math.max(v, -((nLi + sz - z) - 0.5) * dx);
                    }
                    open[i] = !solidScaf[c];
                }
                sd[i] = v;
            }
        }
        double[] phi = new double[n];
        boolean[] pore = new boolean[n];
        long nPoreCells = 0;
        for (int i = 0; i < n; i++) {
            phi[i] = sineProfile(sd[i], wPhi);
            int z = i / plane;
            pore[i] = open[i] && z >= nLi && z < nLi + sz;
            nPoreCells += pore[i] ? 1 : 0;
        }
        if (nPoreCells == 0 && !allowNoPores) {
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "at --dx %.4g µm the %d × %d × %d grid resolves none of the mask's pores (%s µm pixels): "
                    + "the pores are narrower than the grid; use a finer --dx (at most the pore size / 4) or dx_um = 0 (automatic)",
                    dx, nx, ny, nz, PhaseFieldEstimate.um(pixelUm)));
        }
        double[] xi0 = seed(open, nx, ny, nz, nLi, dx, impregnationUm, ell);
        String note = String.format(java.util.Locale.ROOT,
                "interface width %s um (10-90 %%, scale %.4g of the physical %s um); phi: compact sine profile 0.5(1+sin(pi s/W)), support W = %s um "
                + "(h(phi) = 0 beyond W/2 = %s um from a wall); xi0: logistic of length %s um about the impregnation plane at %s um; "
                + "open/solid by mask area fraction (>= 0.5 solid); dx = %s um (%.3g cells across the interface)",
                PhaseFieldEstimate.um(p.interfaceWidthUm()), p.interfaceScale, PhaseFieldEstimate.um(p.physicalInterfaceWidthUm()),
                PhaseFieldEstimate.um(wPhi), PhaseFieldEstimate.um(wPhi / 2), PhaseFieldEstimate.um(ell), PhaseFieldEstimate.um(impregnationUm),
                PhaseFieldEstimate.um(dx), p.interfaceWidthUm() / dx);
        return new Geometry(nx, ny, nz, dx, nLi, nLi + sz, phi, open, pore, xi0, pixelUm, side, note);
    }

    /**
     * ϕ of a cell at signed distance {@code s} (µm, positive in the solid) from the wall: the compact sine
     * profile ½(1 + sin(πs/W)) for |s| &lt; W/2, 1 beyond in the solid, 0 beyond in the pore. Its 10–90 %
     * width is 0.590·W ({@link Resolution#SINE_WIDTH_FRACTION}).
     */
    public static double sineProfile(double s, double w) {
        if (s >= w / 2) {
            return 1;
        }
        if (s <= -w / 2) {
            return 0;
        }
        return 0.5 * (1 + Math.sin(Math.PI * s / w));
    }

    /**
     * Initial ξ: the Li layer and the open cells face-connected to it (or, without a Li layer, to the first
     * scaffold row) through open cells whose centre lies less than D + 20ℓ below the scaffold top (D the
     * impregnation depth, ℓ the effective logistic length) form the impregnated region I; within I, ξ₀ =
     * logistic(s/ℓ) (the tanh profile, the equilibrium profile of the effective interface, of 10–90 % width
     * {@link PhaseFieldParameters#interfaceWidthUm()}), s the signed distance to the Li|void boundary: the
     * impregnation plane at depth D (not floored to cells: s is the distance between cell centres less half a
     * cell, shifted by the plane's offset within its cell; with the cell average a straight channel holds D of
 * Li by volume at any dx) or,
     * elsewhere, the void cells of I (gaps, pore mouths). Open cells outside I are void (ξ₀ = 0); solid cells
     * carry no ξ.
     */
    static double[] seed(boolean[] open, int nx, int ny, int nz, int nLi, double dx, double depthUm, double ell) {
        int n = open.length;
        int plane = nx * ny;
        boolean[] inI = new boolean[n];
        int[] queue = new int[n];
        int qt = 0;
        for (int z = 0; z < Math.min(nLi, nz); z++) {
            for (int xy = 0; xy < plane; xy++) {
                int i = xy + plane * z;
                if (open[i]) {
                    inI[i] = true;
                    queue[qt++] = i;
                }
            }
        }
        if (nLi == 0 && depthUm > 0) {
            for (int xy = 0; xy < plane; xy++) {
                if (open[xy]) {
                    inI[xy] = true;
                    queue[qt++] = xy;
                }
            }
        }
        // depth of a cell centre below the scaffold top: (z − nLi + 0.5)·dx
        double reach = depthUm + 20 * ell;
        int zReach = (int) Math.min(nz, Math.max(0, Math.ceil(nLi + reach / dx - 0.5 - 1e-12))); // cells z < zReach have depth < reach
        boolean[] reachable = new boolean[n];
        for (int i = 0, lim = (int) Math.min(n, (long) zReach * plane); i < lim; i++) {
            reachable[i] = open[i];
        }
        PoreLabeling.flood(reachable, inI, queue, qt, nx, ny, nz, 6);
        // first row whose centre is at or below the plane, and the plane's offset from that row's top face
        int zPlane = nLi + (int) Math.ceil(depthUm / dx - 0.5 - 1e-12);
        double delta = (zPlane - nLi) * dx - depthUm;
        boolean[] li = new boolean[n];
        boolean[] voidI = new boolean[n];
        boolean anyVoid = false;
        for (int i = 0; i < n; i++) {
            if (inI[i]) {
                li[i] = i / plane < zPlane;
                voidI[i] = !li[i];
                anyVoid |= voidI[i];
            }
        }
        double[] dToVoid = anyVoid ? DistanceTransform.distanceTo(voidI, nx, ny, nz) : null;
        double[] dToLi = anyVoid ? DistanceTransform.distanceTo(li, nx, ny, nz) : null;
        double[] xi0 = new double[n];
        for (int i = 0; i < n; i++) {
            if (!inI[i]) {
                continue;
            }
            if (!anyVoid) {
                xi0[i] = 1;
                continue;
            }
            double s = (li[i] ? (dToVoid[i] - 0.5) : -(dToLi[i] - 0.5)) * dx - delta;
            xi0[i] = cellAverageLogistic(s, dx, ell);
        }
        return xi0;
    }

    /**
     * The logistic profile logistic(s/ℓ) averaged over a cell of width dx centred at signed distance s:
     * (ℓ/dx)[softplus((s + dx/2)/ℓ) − softplus((s − dx/2)/ℓ)]. Summed over a column it is exactly the
     * distance to the plane at any dx (≈ logistic(s/ℓ) itself when ℓ ≳ dx).
     */
    static double cellAverageLogistic(double s, double dx, double ell) {
        return Math.max(0, Math.min(1, ell / dx * (softplus((s + dx / 2) / ell) - softplus((s - dx / 2) / ell))));
    }

    private static double softplus(double t) {
        if (t > 35) {
            return t + Math.exp(-t);
        }
        if (t < -35) {
            return Math.exp(t);
        }
        return Math.log1p(Math.exp(t));
    }

    /** Overlap of a grid axis of {@code cells} cells with a mask axis of {@code pixels} pixels (same extent): per cell, pixel indices and length fractions. */
    private static final class Overlap {
        final int[] first;
        final int[] pixel;
        final double[] weight;

        Overlap(int pixels, int cells) {
            double f = (double) pixels / cells;
            first = new int[cells + 1];
            int cap = (int) Math.min(Integer.MAX_VALUE - 8L, (long) cells * ((long) Math.ceil(f) + 2));
            int[] px = new int[cap];
            double[] w = new double[cap];
            int k = 0;
            for (int c = 0; c < cells; c++) {
                first[c] = k;
                double a = c * f;
                double b = (c + 1) * f;
                int i0 = (int) Math.floor(a);
                int i1 = Math.min(pixels - 1, (int) Math.ceil(b) - 1);
                for (int i = i0; i <= i1; i++) {
                    double len = Math.min(i + 1, b) - Math.max(i, a);
                    if (len > 1e-12 * f) {
                        px[k] = i;
                        w[k] = len / f;
                        k++;
                    }
                }
            }
            first[cells] = k;
            pixel = java.util.Arrays.copyOf(px, k);
            weight = java.util.Arrays.copyOf(w, k);
        }
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

    /** Offset (mask pixels) of the tie rule's slope probe: small against a pixel, large against round-off. */
    private static final double TIE_OFFSET = 1e-4;

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
