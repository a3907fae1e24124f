package org.porophase.phasefield;

import org.porophase.core.PoroPhaseException;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

/**
 * The paper's ideal scaffold (Zhang et al. 2024, Fig. 5 and eq. 1): straight channels of width
 * (diameter) δ at porosity φ, tortuosity 1, running along the depth axis z (Li side at z = 0).
 * <ul>
 * <li>2D: parallel channels of width δ with period P = δ/φ; each period holds one centred channel,
 * so the box edges cut the walls in half (mirror-symmetric, consistent with no-flux sides).</li>
 * <li>3D: cylinders of diameter δ on a square lattice of spacing a = δ√(π/4φ) (φ ≤ π/4), or a hexagonal
 * lattice a = δ√(π/(2√3 φ)) (φ ≤ π/(2√3)), the box holding whole periodic cells.</li>
 * </ul>
 * The lateral size is rounded to a whole number of periods (≥ 1); {@link #widthUm} is the actual one.
 * The lateral faces of the simulation are mirror (no-flux) planes through channel (wall) centres, so a
 * strip of whole periods <em>is</em> the infinite periodic array: the paper's 50 µm domain of 5 µm channels
 * is 5 periods of it, and the automatic strip ({@code ideal_width_um = 0}) keeps the fewest whole periods
 * that still show channel-to-channel differences: ≥ {@value #MIN_PERIODS_2D} periods and ≥
 * {@value #MIN_WIDTH_2D_UM} µm in 2D, {@value #LATTICE_CELLS_3D} × {@value #LATTICE_CELLS_3D} lattice cells in 3D.
 * <p>
 * <b>On the simulation grid</b> ({@link #channels2DForGrid}, {@link #cylinders3DForGrid}): when dx makes the
 * channel a whole number k of cells (the resolution rule's automatic dx does, {@link Resolution#forIdeal}),
 * the period is made a whole number m of cells with m − k even (rounded to the nearest such m when k/φ is
 * not whole: the porosity is then k/m, within 1/m of φ) and the raster is the grid itself: every channel
 * is exactly k cells wide, walls on cell faces, half walls of (m − k)/2 cells at the box faces. Otherwise
 * the raster is {@value #RASTER_PER_CELL_2D}× finer than dx and the cells are classified by area fraction
 * (channel widths may then differ by a cell). 3D cylinders: the lattice spacing is a whole number of cells
 * at the automatic dx, the raster {@value #RASTER_PER_CELL_3D}× finer.
 * <p>
 * <b>Flat reference</b> ({@link #flat}): dense LLZO under the Li layer, with interfacial gaps (voids)
 * in its top, evenly spaced so that the Li|LLZO contact fraction is the requested one.
 */
public final class IdealScaffold {
    public final double poreUm;
    public final double porosity;
    public final boolean threeD;
    public final boolean hex;
    public final double widthUm;
    public final double depthUm;
    public final double heightUm;
    public final double pixelUm;
    public final int mx;
    public final int my;
    public final int mz;
    /**
     * The raster's repeating part: 2D the pore flags of one row (mx, uniform along z), 3D one x–y slice
     * (mx·my, uniform along z). The full mask ({@link #pore()}) is expanded only when a geometry or an
     * image is asked for, so a comparison without phase-field never allocates mx·my·mz flags.
     */
    private final boolean[] pattern;
    /** Rows (z) the pattern fills; below them the raster is solid (the flat reference's gaps); mz otherwise. */
    private final int patternRows;
    /** The flat-interface reference ({@link #flat}): {@link #poreUm} is then the gap width, {@link #porosity} the gap fraction of the interface. */
    public final boolean flat;
    /** Flat reference: the Li|LLZO contact fraction of the raster (1 − gap cells / width cells); 1 otherwise. */
    public final double contactFraction;
    /** Flat reference: the depth of the gaps, µm; 0 otherwise. */
    public final double gapDepthUm;
    private boolean[] full;

    /** Scaffold height of the automatic ideal case in 2D, µm: with the 2 µm Li layer the paper's 50 µm tall domain. */
    public static final double AUTO_HEIGHT_2D_UM = 48;
    /**
     * Scaffold height of the automatic ideal case in 3D, µm (20 µm tall with the Li layer): the 5 µm of
     * impregnated Li, the ≈ 0.5 µm front advance of the 1000 s run and 12 µm of LLZO beyond, about two
     * lattice spacings of 5 µm cylinders, over which the current spreads evenly.
     */
    public static final double AUTO_HEIGHT_3D_UM = 18;
    /** Fewest periods of the automatic 2D strip. */
    public static final int MIN_PERIODS_2D = 4;
    /** Narrowest automatic 2D strip, µm. */
    public static final double MIN_WIDTH_2D_UM = 10;
    /** Lattice cells along x and y of the automatic 3D box (2 × 2: four cylinders on a square lattice). */
    public static final int LATTICE_CELLS_3D = 2;

    /**
     * Most raster pixels of one ideal scaffold: the largest Java array ({@code Integer.MAX_VALUE − 8}
     * elements). A bigger raster is refused with the sizes and the fix before anything is allocated.
     */
    public static final long MAX_RASTER_PIXELS = Integer.MAX_VALUE - 8L;

    private IdealScaffold(double poreUm, double porosity, boolean threeD, boolean hex, double widthUm, double depthUm, double heightUm,
            double pixelUm, int mx, int my, int mz, boolean[] pattern) {
        this(poreUm, porosity, threeD, hex, widthUm, depthUm, heightUm, pixelUm, mx, my, mz, pattern, mz, false, 1, 0);
    }

    private IdealScaffold(double poreUm, double porosity, boolean threeD, boolean hex, double widthUm, double depthUm, double heightUm,
            double pixelUm, int mx, int my, int mz, boolean[] pattern, int patternRows, boolean flat, double contactFraction, double gapDepthUm) {
        this.patternRows = patternRows;
        this.flat = flat;
        this.contactFraction = contactFraction;
        this.gapDepthUm = gapDepthUm;
        this.poreUm = poreUm;
        this.porosity = porosity;
        this.threeD = threeD;
        this.hex = hex;
        this.widthUm = widthUm;
        this.depthUm = depthUm;
        this.heightUm = heightUm;
        this.pixelUm = pixelUm;
        this.mx = mx;
        this.my = my;
        this.mz = mz;
        this.pattern = pattern;
    }

    /** Canonical pore mask (true = pore), index x + mx(y + my z); expanded from the row/slice pattern on first use. */
    public synchronized boolean[] pore() {
        if (full == null) {
            checkRaster(mx, my, mz, pixelUm, widthUm, heightUm, true);
            int plane = pattern.length;
            boolean[] f = new boolean[Math.multiplyExact(plane, mz)];
            for (int z = 0; z < patternRows; z++) {
                System.arraycopy(pattern, 0, f, plane * z, plane);
            }
            full = f;
        }
        return full;
    }

    /** Raster pixels of the full mask, mx·my·mz. */
    public long rasterPixels() {
        return (long) mx * my * mz;
    }

    /** Channel period P = δ/φ (2D), µm. */
    public static double period2D(double poreUm, double porosity) {
        return poreUm / porosity;
    }

    /** Square-lattice spacing a = δ√(π/4φ) for cylinders of diameter δ at porosity φ, µm. */
    public static double squareSpacing(double poreUm, double porosity) {
        return poreUm * Math.sqrt(Math.PI / (4 * porosity));
    }

    /** Hexagonal-lattice spacing a = δ√(π/(2√3 φ)), µm. */
    public static double hexSpacing(double poreUm, double porosity) {
        return poreUm * Math.sqrt(Math.PI / (2 * Math.sqrt(3) * porosity));
    }

    /** Raster pixels per grid cell of the 2D channels: the raster is resampled to the grid, 4× finer keeps the channel walls sub-cell accurate. */
    public static final int RASTER_PER_CELL_2D = 4;
    /** Raster pixels per grid cell of the 3D cylinders (2×: memory grows with the cube). */
    public static final int RASTER_PER_CELL_3D = 2;

    /**
     * 2D channels for a simulation grid of spacing {@code dxUm}. {@code widthUm} ≤ 0: the automatic strip
     * (≥ {@value #MIN_PERIODS_2D} whole periods and ≥ {@value #MIN_WIDTH_2D_UM} µm); {@code heightUm} ≤ 0:
     * {@value #AUTO_HEIGHT_2D_UM} µm. When the channel is a whole number of cells the raster is the grid
     * (see the class comment); else {@value #RASTER_PER_CELL_2D} raster pixels per cell.
     */
    public static IdealScaffold channels2DForGrid(double poreUm, double porosity, double widthUm, double heightUm, double dxUm) {
        check(poreUm, porosity, dxUm, 1.0);
        double h = heightUm > 0 ? heightUm : AUTO_HEIGHT_2D_UM;
        double k = poreUm / dxUm;
        long kc = Math.round(k);
        if (kc >= 1 && Math.abs(k - kc) < 1e-6 * Math.max(1, k)) {
            double mIdeal = kc / porosity;
            long m = Math.round(mIdeal);
            if ((m - kc) % 2 != 0) {
                m = mIdeal >= m ? m + 1 : m - 1;
            }
            if (m <= kc) {
                m = kc + 2;
            }
            double per = m * dxUm;
            long periods = widthUm > 0 ? Math.max(1, Math.round(widthUm / per))
                    : Math.max(MIN_PERIODS_2D, (long) Math.ceil(MIN_WIDTH_2D_UM / per - 1e-9));
            long lmx = periods * m;
            long lmz = Math.max(1, Math.round(h / dxUm));
            checkRaster(lmx, 1, lmz, dxUm, widthUm, h, false);
            int mx = (int) lmx;
            boolean[] row = new boolean[mx];
            long half = (m - kc) / 2;
            for (int x = 0; x < mx; x++) {
                long local = x % m;
                row[x] = local >= half && local < half + kc;
            }
            return new IdealScaffold(poreUm, (double) kc / m, false, false, mx * dxUm, 0, lmz * dxUm, dxUm, mx, 1, (int) lmz, row)
                    .requireResolved(dxUm);
        }
        double per = period2D(poreUm, porosity);
        double w = widthUm > 0 ? widthUm : Math.max(MIN_PERIODS_2D, Math.ceil(MIN_WIDTH_2D_UM / per - 1e-9)) * per;
        return channels2D(poreUm, porosity, w, h, dxUm / RASTER_PER_CELL_2D).requireResolved(dxUm);
    }

    /**
     * 3D cylinders for a simulation grid of spacing {@code dxUm} ({@link #RASTER_PER_CELL_3D} raster pixels
     * per cell). {@code widthUm} ≤ 0: {@value #LATTICE_CELLS_3D} × {@value #LATTICE_CELLS_3D} lattice cells
     * (hexagonal: {@value #LATTICE_CELLS_3D} × 1 rectangular cells of a × a√3, also four cylinders);
     * {@code heightUm} ≤ 0: {@value #AUTO_HEIGHT_3D_UM} µm.
     */
    public static IdealScaffold cylinders3DForGrid(double poreUm, double porosity, boolean hex, double widthUm, double heightUm, double dxUm) {
        check(poreUm, porosity, dxUm, hex ? Math.PI / (2 * Math.sqrt(3)) : Math.PI / 4);
        double h = heightUm > 0 ? heightUm : AUTO_HEIGHT_3D_UM;
        double w = widthUm;
        if (!(w > 0)) {
            double a = hex ? hexSpacing(poreUm, porosity) : squareSpacing(poreUm, porosity);
            w = LATTICE_CELLS_3D * a;
        }
        return cylinders3D(poreUm, porosity, hex, w, h, dxUm / RASTER_PER_CELL_3D).requireResolved(dxUm);
    }

    /**
     * The flat Li|LLZO reference with gap depth = gapUm / 4 (one interface width when gapUm has its default
     * of four interface widths); see {@link #flat(double, double, double, double, double, double)}.
     * {@code gapUm} ≤ 0: 16 cells (four interface widths of four cells).
     */
    public static IdealScaffold flat(double widthUm, double heightUm, double dxUm, double contactFraction, double gapUm) {
        double g = gapUm > 0 ? gapUm : 16 * dxUm;
        return flat(widthUm, heightUm, dxUm, contactFraction, g, g / 4);
    }

    /**
     * The flat-interface reference: dense LLZO of {@code heightUm} (the Li layer goes on top, as for every
     * scaffold) whose top carries interfacial gaps (voids) {@code gapUm} wide and {@code gapDepthUm} deep,
     * one centred in each of N equal segments, rastered on the grid (one raster pixel per cell). A segment
     * is m = round(g/(1 − f)) cells (g = gap cells, m − g even so each gap is centred and the box faces are
     * mirror planes), N = round(width / segment) ≥ 1, so the width is rounded to whole segments and the
     * contact fraction 1 − g/m is within 1/m of {@code contactFraction} (exact for the defaults).
     * {@code contactFraction} = 1: no gaps (a perfect flat contact). The Li is not impregnated into the
     * gaps: they are the voids whose edges are the triple lines.
     */
    public static IdealScaffold flat(double widthUm, double heightUm, double dxUm, double contactFraction, double gapUm, double gapDepthUm) {
        if (!(dxUm > 0) || !Double.isFinite(dxUm)) {
            throw new PoroPhaseException("flat reference: the grid spacing must be a positive number of µm, got " + dxUm);
        }
        check(widthUm, heightUm);
        if (!(contactFraction > 0 && contactFraction <= 1)) {
            throw new PoroPhaseException("flat reference: flat_contact_fraction must be in (0, 1], got " + contactFraction);
        }
        long lmz = Math.max(1, Math.round(heightUm / dxUm));
        long gd = Math.max(1, Math.round(gapDepthUm / dxUm));
        if (contactFraction >= 1 - 1e-12) {
            long lmx = Math.max(1, Math.round(widthUm / dxUm));
            checkRaster(lmx, 1, lmz, dxUm, widthUm, heightUm, false);
            return new IdealScaffold(0, 0, false, false, lmx * dxUm, 0, lmz * dxUm, dxUm, (int) lmx, 1, (int) lmz, new boolean[(int) lmx], 0, true, 1, 0);
        }
        if (!(gapUm > 0) || !(gapDepthUm > 0)) {
            throw new PoroPhaseException("flat reference: the gap width and depth must be positive, got " + gapUm + " and " + gapDepthUm + " µm");
        }
        long g = Math.max(1, Math.round(gapUm / dxUm));
        double mIdeal = g / (1 - contactFraction);
        long m = Math.max(g + 2, Math.round(mIdeal));
        if ((m - g) % 2 != 0) {
            m = mIdeal >= m ? m + 1 : m - 1;
            if (m <= g) {
                m = g + 2;
            }
        }
        long segments = Math.max(1, Math.round(widthUm / (m * dxUm)));
        long lmx = segments * m;
        if (gd >= lmz) {
            throw new PoroPhaseException("flat reference: gaps " + PhaseFieldEstimate.um(gapDepthUm) + " µm deep do not fit the "
                    + PhaseFieldEstimate.um(heightUm) + " µm of LLZO");
        }
        checkRaster(lmx, 1, lmz, dxUm, widthUm, heightUm, false);
        int mx = (int) lmx;
        boolean[] row = new boolean[mx];
        long half = (m - g) / 2;
        for (int x = 0; x < mx; x++) {
            long local = x % m;
            row[x] = local >= half && local < half + g;
        }
        double contact = 1 - (double) g / m;
        return new IdealScaffold(g * dxUm, 1 - contact, false, false, mx * dxUm, 0, lmz * dxUm, dxUm, mx, 1, (int) lmz, row, (int) gd, true,
                contact, gd * dxUm);
    }

    /**
     * 2D channels.
     *
     * @param widthUm requested lateral size (rounded to whole periods)
     * @param heightUm scaffold thickness along the channels
     * @param pixelUm raster pixel size
     */
    public static IdealScaffold channels2D(double poreUm, double porosity, double widthUm, double heightUm, double pixelUm) {
        check(poreUm, porosity, pixelUm, 1.0);
        check(widthUm, heightUm);
        double per = period2D(poreUm, porosity);
        long m = Math.max(1, Math.round(widthUm / per));
        double w = m * per;
        long lmx = Math.max(1, Math.round(w / pixelUm));
        long lmz = Math.max(1, Math.round(heightUm / pixelUm));
        checkRaster(lmx, 1, lmz, pixelUm, widthUm, heightUm, false);
        int mx = (int) lmx;
        int mz = (int) lmz;
        double px = w / mx;
        boolean[] row = new boolean[mx];
        for (int x = 0; x < mx; x++) {
            double u = (x + 0.5) * px;
            double local = u - Math.floor(u / per) * per; // position within the period
            row[x] = Math.abs(local - per / 2) < poreUm / 2;
        }
        return new IdealScaffold(poreUm, porosity, false, false, w, 0, mz * px, px, mx, 1, mz, row);
    }

    /**
     * 3D cylinders (axes along z) on a square ({@code hex = false}) or hexagonal lattice, a whole number
     * of lattice cells across, with a row of axes on the central plane y = depth/2 (the section that 3D
     * snapshots show).
     */
    public static IdealScaffold cylinders3D(double poreUm, double porosity, boolean hex, double widthUm, double heightUm, double pixelUm) {
        check(poreUm, porosity, pixelUm, hex ? Math.PI / (2 * Math.sqrt(3)) : Math.PI / 4);
        check(widthUm, heightUm);
        double a = hex ? hexSpacing(poreUm, porosity) : squareSpacing(poreUm, porosity);
        double cellX = a;
        double cellY = hex ? a * Math.sqrt(3) : a;
        long m = Math.max(1, Math.round(widthUm / cellX));
        long k = Math.max(1, Math.round(widthUm / cellY));
        double w = m * cellX;
        double d = k * cellY;
        long lmx = Math.max(1, Math.round(w / pixelUm));
        long lmy = Math.max(1, Math.round(d / pixelUm));
        long lmz = Math.max(1, Math.round(heightUm / pixelUm));
        checkRaster(lmx, lmy, lmz, pixelUm, widthUm, heightUm, false);
        int mx = (int) lmx;
        int my = (int) lmy;
        int mz = (int) lmz;
        double px = w / mx;
        double py = d / my;
        double r2 = poreUm * poreUm / 4;
        // lattice shifted along y (by whole periods' worth of translation, so φ is unchanged) to put a row of
        // cylinder axes on the central plane y = d/2, the x–z section that 3D snapshots show
        double shiftY = (hex ? cellY / 4 : a / 2) - d / 2;
        boolean[] slice = new boolean[mx * my];
        for (int y = 0; y < my; y++) {
            double v = (y + 0.5) * py + shiftY;
            for (int x = 0; x < mx; x++) {
                double u = (x + 0.5) * px;
                double lu = u - Math.floor(u / cellX) * cellX;
                double lv = v - Math.floor(v / cellY) * cellY;
                boolean p;
                if (!hex) {
                    double du = lu - a / 2;
                    double dv = lv - a / 2;
                    p = du * du + dv * dv < r2;
                } else {
                    // centres of the rectangular hex cell: (a/2, h/4) and (0 | a, 3h/4), h = a√3
                    double h = cellY;
                    double du1 = lu - a / 2;
                    double dv1 = lv - h / 4;
                    double du2 = Math.min(lu, a - lu);
                    double dv2 = lv - 3 * h / 4;
                    p = du1 * du1 + dv1 * dv1 < r2 || du2 * du2 + dv2 * dv2 < r2;
                }
                slice[x + mx * y] = p;
            }
        }
        return new IdealScaffold(poreUm, porosity, true, hex, w, d, mz * px, px, mx, my, mz, slice);
    }

    private static void check(double poreUm, double porosity, double pixelUm, double maxPorosity) {
        if (!(poreUm > 0)) {
            throw new PoroPhaseException("--pore-size must be > 0 µm, got " + poreUm);
        }
        if (!(porosity > 0) || porosity >= maxPorosity) {
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "--porosity must be in (0, %.4f) for this lattice (non-overlapping channels), got %s", maxPorosity, porosity));
        }
        if (!(pixelUm > 0) || !Double.isFinite(pixelUm)) {
            throw new PoroPhaseException("ideal scaffold: the raster pixel size must be a positive number of µm, got " + pixelUm + " (check --dx)");
        }
    }

    private static void check(double widthUm, double heightUm) {
        if (!(widthUm > 0) || !Double.isFinite(widthUm) || !(heightUm > 0) || !Double.isFinite(heightUm)) {
            throw new PoroPhaseException("ideal scaffold: --ideal-width and --ideal-height must be positive numbers of µm, got "
                    + widthUm + " × " + heightUm);
        }
    }

    /**
     * Refuses a raster whose repeating row/slice (mx·my) or, with {@code full}, whose whole mask
     * (mx·my·mz) has more than {@link #MAX_RASTER_PIXELS} pixels (products formed in floating point,
     * so they cannot overflow).
     */
    private static void checkRaster(long mx, long my, long mz, double pixelUm, double widthUm, double heightUm, boolean full) {
        double pixels = (double) mx * my * (full ? mz : 1);
        if (pixels > MAX_RASTER_PIXELS) {
            pixels = (double) mx * my * mz;
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "ideal scaffold %s × %s µm rastered at %s µm would be %s pixels (%d × %d × %d), more than a Java array holds (%s): "
                    + "use a coarser --dx or a smaller --ideal-width/--ideal-height",
                    PhaseFieldEstimate.um(widthUm), PhaseFieldEstimate.um(heightUm), PhaseFieldEstimate.um(pixelUm), count(pixels), mx, my, mz,
                    count(MAX_RASTER_PIXELS)));
        }
    }

    /**
     * Refuses a raster that has no pore or no solid pixel: the grid is too coarse to resolve the
     * channels (e.g. {@code --dx 100} for 5 µm channels), which is a matter of {@code --dx}, not of
     * the mask's polarity.
     *
     * @param dxUm the simulation grid spacing the raster was made for (for the message)
     * @return this
     */
    public IdealScaffold requireResolved(double dxUm) {
        if (flat) {
            return this;
        }
        boolean anyPore = false;
        boolean anySolid = false;
        for (boolean b : pattern) {
            anyPore |= b;
            anySolid |= !b;
        }
        if (!anyPore || !anySolid) {
            double wall = threeD ? (hex ? hexSpacing(poreUm, porosity) : squareSpacing(poreUm, porosity)) - poreUm
                    : period2D(poreUm, porosity) - poreUm;
            throw new PoroPhaseException(String.format(java.util.Locale.ROOT,
                    "ideal scaffold: --dx %s µm is too coarse for %s µm pores with %s µm walls (the grid has no %s cell): "
                    + "use --dx %s µm or finer (4 cells across the narrower of pore and wall), or a larger --pore-size",
                    PhaseFieldEstimate.um(dxUm), PhaseFieldEstimate.um(poreUm), PhaseFieldEstimate.um(wall), anyPore ? "solid" : "pore",
                    PhaseFieldEstimate.um(Math.min(poreUm, wall) / 4)));
        }
        return this;
    }

    /** 1.2 G, 35 M, 4096: a count for messages. */
    static String count(double n) {
        if (n >= 1e12) {
            return String.format(java.util.Locale.ROOT, "%.3g", n);
        }
        if (n >= 1e9) {
            return String.format(java.util.Locale.ROOT, "%.3g G", n / 1e9);
        }
        if (n >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.3g M", n / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.0f", n);
    }

    /** Pore fraction of the raster (compare with {@link #porosity}). */
    public double rasterPorosity() {
        long c = 0;
        for (boolean b : pattern) {
            if (b) {
                c++;
            }
        }
        // the same quotient of the same whole numbers as counting the full mask
        return (double) (c * patternRows) / ((long) pattern.length * mz);
    }

    /** The simulation geometry (Li side = canonical z = 0, i.e. "top" of the 2D image). */
    public Geometry toGeometry(PhaseFieldParameters p) {
        if (flat) {
            if (!(p.dxUm > 0)) {
                p.dxUm = pixelUm;
            }
            p.validate();
            return Geometry.build(pore(), mx, my, mz, pixelUm, Geometry.Side.TOP, p, 0, true);
        }
        if (!(p.dxUm > 0)) {
            (threeD ? Resolution.forCylinders(poreUm, porosity, hex, p) : Resolution.forIdeal(poreUm, porosity, p)).apply(p);
        }
        return Geometry.fromCanonicalMask(pore(), mx, my, mz, pixelUm, Geometry.Side.TOP, p);
    }

    /** The Li|LLZO contact fraction of the top face of the scaffold (1 − gap fraction for the flat reference). */
    public double topContactFraction() {
        long solid = 0;
        for (boolean b : pattern) {
            solid += b ? 0 : 1;
        }
        return patternRows == 0 ? 1 : (double) solid / pattern.length;
    }

    /** The mask as an ImageJ image (255 = pore), Li side at the top (2D) / first slice... (3D: z = slices). */
    public ImagePlus toImage() {
        boolean[] pore = pore();
        ImageStack st = new ImageStack(mx, threeD ? my : mz);
        if (!threeD) {
            ByteProcessor bp = new ByteProcessor(mx, mz);
            for (int z = 0; z < mz; z++) {
                for (int x = 0; x < mx; x++) {
                    bp.set(x, z, pore[x + mx * z] ? 255 : 0);
                }
            }
            st.addSlice(bp);
        } else {
            for (int z = 0; z < mz; z++) {
                ByteProcessor bp = new ByteProcessor(mx, my);
                for (int y = 0; y < my; y++) {
                    for (int x = 0; x < mx; x++) {
                        bp.set(x, y, pore[x + mx * (y + my * z)] ? 255 : 0);
                    }
                }
                st.addSlice(bp);
            }
        }
        ImagePlus imp = new ImagePlus(flat ? String.format(java.util.Locale.ROOT, "flat_contact%.3f_gap%.3gum", contactFraction, poreUm)
                : String.format(java.util.Locale.ROOT, "ideal_%s_%.3gum_phi%.2f", threeD ? "3D" : "2D", poreUm, porosity), st);
        imp.getCalibration().pixelWidth = pixelUm;
        imp.getCalibration().pixelHeight = pixelUm;
        imp.getCalibration().pixelDepth = pixelUm;
        imp.getCalibration().setUnit("µm");
        return imp;
    }
}
