package org.porophase.phasefield;

import java.util.Locale;
import java.util.function.DoubleFunction;

import org.porophase.core.MemoryCheck;
import org.porophase.core.PoroPhaseException;

import ij.ImagePlus;

/**
 * Memory and time of a phase-field run, estimated from the grid <em>before</em> anything is
 * allocated, and the one place that refuses a run the heap cannot hold (with the numbers and the fix).
 *
 * <h2>Memory</h2>
 * <pre>
 *   bytes = max( cells · B_cell + snapshots · section · B_snap ,        solver, metrics, result, outputs
 *                maskPixels · B_mask + cells · B_geom )                  building the geometry
 * </pre>
 * <ul>
 * <li>{@code cells} = nx·ny·nz of the simulation grid ({@link Geometry#gridFor}: the scaffold
 * resampled to dx plus the Li and counter layers).</li>
 * <li>{@code B_cell} = {@value #BYTES_PER_CELL_3D} B in 3D, {@value #BYTES_PER_CELL_2D} B in 2D. Measured
 * (PhaseFieldMemoryBench in src/test: heap retained after a full GC at each stage, and the smallest
 * {@code -Xmx} that completes {@code phasefield --ideal [--3d] --time 3 --out …}): retained
 * 968 B/cell in 3D and 841 B/cell in 2D, of which the solver is 920 / 771 B (about 25 full-grid double
 * arrays: ξ, c, ψ, h(ϕ), the ionic conductances, reaction, source and the ξ-PCG vectors; one byte and
 * two ints of stencil bits and compact indices; and two aggregation-multigrid ionic solvers, each with
 * the 7-point CSR matrix, its off-diagonal split, per-level diagonals and vectors, the Galerkin coarse
 * levels (1/8 of the cells each, up to 27 entries a row) and the structured full-grid fast path),
 * geometry 20 B (ϕ, ξ₀, open/pore flags), run metrics 5 B, step work 25 B; plus the result's float
 * copies of ξ and ϕ (8 B) and the 3D {@code xi_final_3d.tif} stack (4 B). Smallest heap: 1 M cells in 3D
 * ran at 920 MiB and not at 850 MiB (= 890–965 B/cell); 1 M cells in 2D with 2 snapshots at
 * 900 MiB and not at 800 MiB, with 10 snapshots at 1050 MiB and not at 1000 MiB. The constants
 * round those up. Re-measured on the issue-11 geometry (compact ϕ, area-fraction cells) with the default
 * 3D ideal case (5 µm cylinders, 2 × 2 lattice cells, 18 µm, rule dx 0.1528 µm: 82 × 82 × 131 = 0.88 M
 * cells): raster 9.5, geometry 21, solver 847, metrics 6, steps 26 → 900 B/cell retained (estimate 1000,
 * 840 MiB for the run).</li>
 * <li>{@code B_snap} = {@value #BYTES_PER_SNAPSHOT_CELL} B per cell of the snapshot section (4 float
 * channels ξ, c/c₀, φ, |i| = 16 B, plus the hyperstack written at the end): nx·nz per snapshot (the
 * whole grid in 2D, the central x–z section in 3D).</li>
 * <li>{@code B_mask} = {@value #BYTES_PER_MASK_PIXEL} B per pixel of the mask the geometry is built from
 * (canonical flags 1 B, the exact signed distance: two distance maps of 4 B float + 8 B double and the
 * 8 B result), {@code B_geom} = {@value #BYTES_PER_GEOMETRY_CELL} B per grid cell while the geometry is
 * seeded (about 12 temporary arrays). Only a mask much finer than dx makes this term the larger one.</li>
 * </ul>
 *
 * <h2>Time</h2>
 * <pre>
 *   seconds = cells · steps / rate,   steps = ⌈time_s / dt⌉,   rate = R₃ · cores / 2 (3D),   rate = R₂ (2D, any thread count)
 * </pre>
 * <h2>3D defaults</h2>
 * {@code phasefield --ideal --3d} with no sizes: 5 µm cylinders on a square lattice at 50 %, the box 2 × 2
 * lattice cells (12.5 µm, four cylinders; the mirror faces make it the infinite lattice), an 18 µm scaffold
 * under the 2 µm Li layer, and {@code ideal_3d_interface_pore_fraction} 0.25 instead of 0.125 (coarser, still
 * within the rule: the interface is the physical 1.1 µm, W_ϕ = 1.86 µm, 2W_ϕ &lt; 5 µm), dx 0.2725 µm (23 cells
 * per lattice spacing): 46 × 46 × 73 = 0.15 M cells, ≈ 150 MiB; estimated 34 s for the 1000 steps, measured 72 s wall
 * for 274 capillary-equilibration steps + 1000 on the idle 2-core machine (session 7, 2.7 M cell-updates/s over all
 * 1274 steps: most 3D steps run on the stabilized ξ step, docs/phasefield-engine.md "3D: the linearized step"; session 4:
 * 1000 steps in 52 s at load 5–8). The estimate counts the requested steps only, not the equilibration. At 0.125 the same box is 82 × 82 × 131 =
 * 0.88 M cells (≈ 840 MiB, ≈ 3 min by the estimate). Narrower cylinders keep the cell counts across (box and
 * interface scale with the pore) but not along z: 1.5 µm → 0.39 M, 0.6 µm → 0.99 M cells at 0.25; a lower
 * {@code ideal_height_um} brings them back.
 *
 * <h2>Time constants</h2>
 * with R the measured cell-updates per second on 2 cores (docs/phasefield-engine.md, benchmark):
 * {@value #CELL_UPDATES_PER_S_3D} in 3D (128³, 4.6 M/s incl. metrics and snapshots) and
 * {@value #CELL_UPDATES_PER_S_2D} in 2D, per whole process: the paper's 5 µm case (256 × 320, 1000 steps) took
 * 12.9 s with one thread and 14.0 s with two on the idle 2-core machine (session 5; session 6's changes are
 * within a few per cent of it by paired CPU time), the 0.6 µm case (576 × 2667) 216 s with two, so the
 * estimate prints 11.7 s and 219 s for them (the session-4 figure of 9.5 M/s was the step loop alone, on a
 * machine then 30 % faster). A 2D run is estimated at R₂ whatever the thread count: its vectors are too short
 * for a second thread to pay (docs/phasefield-engine.md). Runs on a loaded machine are slower (3–9 M/s), so the estimate is a
 * lower bound there; more than ~8 cores are bandwidth-bound and gain less than the 3D linear scaling assumes.
 */
public final class PhaseFieldEstimate {
    /** Heap bytes per grid cell of a 3D run (measured 968 B retained, 890–965 B smallest heap; see the class comment). */
    public static final double BYTES_PER_CELL_3D = 1000;
    /** Heap bytes per grid cell of a 2D run, snapshots apart (measured 841 B retained; see the class comment). */
    public static final double BYTES_PER_CELL_2D = 950;
    /** Heap bytes per cell of the snapshot section, per snapshot (4 float channels + the output hyperstack). */
    public static final double BYTES_PER_SNAPSHOT_CELL = 20;
    /** Heap bytes per mask pixel while the geometry's signed distance is computed at the mask's resolution. */
    public static final double BYTES_PER_MASK_PIXEL = 40;
    /** Heap bytes per grid cell while the geometry is resampled and seeded. */
    public static final double BYTES_PER_GEOMETRY_CELL = 70;
    /** Cell-updates per second of a 3D run on 2 cores (docs/phasefield-engine.md: 128³, 4.6 M/s). */
    public static final double CELL_UPDATES_PER_S_3D = 4.6e6;
    /**
     * Cell-updates per second of a 2D run, any thread count, per whole process (equilibration, metrics and
     * outputs included), with the default linearized ξ step: the idle 2-core machine of session 6 ran the 5 µm
     * paper case (81 920 cells, 1000 steps) in 17.2–19.9 s (4.4 M/s; the stabilised step 13.2–14.2 s, 6.0 M/s;
     * the 0.6 µm case, 1.54 M cells, in 216 s with the stabilised step of session 5, 7.1 M/s).
     */
    public static final double CELL_UPDATES_PER_S_2D = 4.6e6;
    /**
     * Most grid cells the solver indexes: its int index arrays hold up to 7 entries per cell (the CSR
     * matrix) and the coarse-level builder 27 per aggregate, so 8·cells must stay below 2³¹.
     */
    public static final long MAX_CELLS = Integer.MAX_VALUE / 8;

    public final long nx;
    public final long ny;
    public final long nz;
    public final long maskPixels;
    public final int snapshots;
    public final long steps;
    public final int cores;
    public final double dxUm;
    private final DoubleFunction<PhaseFieldEstimate> atDx;
    /** Largest dx the resolution rule allows, µm (∞: not restricted). */
    private double ruleMaxDx = Double.POSITIVE_INFINITY;

    private PhaseFieldEstimate(long[] grid, long maskPixels, int snapshots, long steps, int cores, double dxUm,
            DoubleFunction<PhaseFieldEstimate> atDx) {
        this.nx = grid[0];
        this.ny = grid[1];
        this.nz = grid[2];
        this.maskPixels = maskPixels;
        this.snapshots = Math.max(1, snapshots);
        this.steps = steps;
        this.cores = cores;
        this.dxUm = dxUm;
        this.atDx = atDx;
    }

    /**
     * The ideal scaffold ({@link IdealScaffold#channels2DForGrid} / {@link IdealScaffold#cylinders3DForGrid})
     * at {@code p.dxUm}: only the raster's repeating row (slice) is made, the full raster and the grid are
     * not allocated.
     */
    public static PhaseFieldEstimate ideal(boolean threeD, double poreUm, double porosity, boolean hex, double widthUm, double heightUm,
            PhaseFieldParameters p, int snapshots, int threads) {
        IdealScaffold sc = threeD ? IdealScaffold.cylinders3DForGrid(poreUm, porosity, hex, widthUm, heightUm, p.dxUm)
                : IdealScaffold.channels2DForGrid(poreUm, porosity, widthUm, heightUm, p.dxUm);
        // a coarser dx is only a fix while it still puts 2 cells across the narrower of channel and wall
        double wall = (threeD ? (hex ? IdealScaffold.hexSpacing(poreUm, porosity) : IdealScaffold.squareSpacing(poreUm, porosity))
                : IdealScaffold.period2D(poreUm, porosity)) - poreUm;
        double coarsest = Math.min(poreUm, wall) / 2;
        return scaffold(sc, p, snapshots, threads, d -> {
            if (d > coarsest) {
                return null;
            }
            try {
                return ideal(threeD, poreUm, porosity, hex, widthUm, heightUm, withDx(p, d), snapshots, threads);
            } catch (PoroPhaseException e) {
                return null;
            }
        });
    }

    /**
     * A scaffold (ideal or flat) made for {@code p.dxUm}; {@code atDx} gives the estimate at another dx (null:
     * none) for the "coarser dx" fix. Its raster is expanded to the full mask for the geometry: it counts like
     * a mask.
     */
    public static PhaseFieldEstimate scaffold(IdealScaffold sc, PhaseFieldParameters p, int snapshots, int threads,
            DoubleFunction<PhaseFieldEstimate> atDx) {
        long[] grid = Geometry.gridFor(sc.mx, sc.my, sc.mz, sc.pixelUm, p);
        return new PhaseFieldEstimate(grid, sc.rasterPixels(), snapshots, steps(p, grid), cores(threads), p.dxUm, atDx);
    }

    /**
     * Restricts the "coarser dx" fix of {@link #requireFits} to the resolution rule's largest dx (unless the
     * run is forced): a coarser grid the rule refuses is no fix.
     */
    public PhaseFieldEstimate within(Resolution r, boolean force) {
        if (r != null && !force) {
            ruleMaxDx = r.maxDxUm();
        }
        return this;
    }

    /** A mask image for {@link Geometry#fromImage} (pixel size as that method takes it). */
    public static PhaseFieldEstimate mask(ImagePlus imp, double pixelUm, Geometry.Side side, PhaseFieldParameters p, int snapshots, int threads) {
        double px = Geometry.maskPixelUm(imp, pixelUm);
        long[] m = Geometry.canonicalDims(imp.getWidth(), imp.getHeight(), imp.getStackSize(), side);
        return mask(m[0], m[1], m[2], px, p, snapshots, threads);
    }

    /** A canonical mask of mx × my × mz pixels of {@code pixelUm} for {@link Geometry#fromCanonicalMask}. */
    public static PhaseFieldEstimate mask(long mx, long my, long mz, double pixelUm, PhaseFieldParameters p, int snapshots, int threads) {
        long[] grid = Geometry.gridFor(mx, my, mz, pixelUm, p);
        return new PhaseFieldEstimate(grid, mx * my * mz, snapshots, steps(p, grid), cores(threads), p.dxUm,
                d -> mask(mx, my, mz, pixelUm, withDx(p, d), snapshots, threads));
    }

    /** A grid of known size (a resumed checkpoint: no mask to resample). */
    public static PhaseFieldEstimate grid(long nx, long ny, long nz, PhaseFieldParameters p, int snapshots, int threads, double remainingS) {
        long st = (long) Math.ceil(Math.max(0, remainingS) / p.timeStep(ny > 1) - 1e-9);
        return new PhaseFieldEstimate(new long[] {nx, ny, nz}, 0, snapshots, st, cores(threads), p.dxUm, null);
    }

    private static PhaseFieldParameters withDx(PhaseFieldParameters p, double dx) {
        PhaseFieldParameters q = p.copy();
        q.dxUm = dx;
        return q;
    }

    /** Steps of the run at its nominal step ({@link PhaseFieldParameters#timeStep(boolean)}; 3D: the stabilized scheme's). */
    private static long steps(PhaseFieldParameters p, long[] grid) {
        return (long) Math.ceil(p.timeS / p.timeStep(grid[1] > 1) - 1e-9);
    }

    private static int cores(int threads) {
        int procs = Runtime.getRuntime().availableProcessors();
        return threads > 0 ? Math.min(threads, procs) : procs;
    }

    /** Grid cells, nx·ny·nz (as a double: it may exceed a long's use as an index, never its range here). */
    public double cells() {
        return (double) nx * ny * nz;
    }

    public boolean threeD() {
        return ny > 1;
    }

    /** Heap bytes the run needs at its peak (the formula of the class comment). */
    public double bytes() {
        double perCell = threeD() ? BYTES_PER_CELL_3D : BYTES_PER_CELL_2D;
        double run = cells() * perCell + snapshots * (double) nx * nz * BYTES_PER_SNAPSHOT_CELL;
        double build = maskPixels * BYTES_PER_MASK_PIXEL + cells() * BYTES_PER_GEOMETRY_CELL;
        return Math.max(run, build);
    }

    /** Bytes per cell of this estimate, for messages. */
    public double bytesPerCell() {
        return bytes() / cells();
    }

    /** Estimated wall-clock seconds of the time stepping (the formula of the class comment). */
    public double seconds() {
        double rate = threeD() ? CELL_UPDATES_PER_S_3D * cores / 2.0 : CELL_UPDATES_PER_S_2D;
        return cells() * steps / rate;
    }

    /** "200 × 200 × 200 grid (8.00 M cells), ≈ 7.45 GiB, 1000 steps ≈ 29 min on 2 cores". */
    public String describe() {
        return String.format(Locale.ROOT, "%s grid (%s cells at dx %s µm), needs ≈ %s, %d steps ≈ %s on %d core%s",
                dims(), IdealScaffold.count(cells()), um(dxUm), human(bytes()), steps, duration(seconds()), cores, cores == 1 ? "" : "s");
    }

    private String dims() {
        return threeD() ? nx + " × " + ny + " × " + nz : nx + " × " + nz;
    }

    /**
     * Throws a {@link PoroPhaseException} unless the grid is within {@link #MAX_CELLS} and its
     * {@link #bytes()} fit the free heap. The message names the grid, the bytes per cell, the heap,
     * and the fixes: the coarser dx that would fit (with what it needs), a smaller domain, a larger
     * {@code -Xmx}.
     *
     * @param what the run, for the message ("phasefield --ideal --3d", "compare x.tif: ideal twin")
     * @param sizeHint how to make the domain smaller, for the message ("a smaller --ideal-width/--ideal-height")
     */
    public PhaseFieldEstimate requireFits(String what, String sizeHint) {
        double need = bytes();
        boolean tooMany = cells() > MAX_CELLS;
        long avail = MemoryCheck.available();
        if (!tooMany && need <= avail) {
            return this;
        }
        if (!tooMany && need > avail) {
            System.gc();
            avail = MemoryCheck.available();
            if (need <= avail) {
                return this;
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: the %s grid at --dx %s µm needs ≈ %s (%s cells × %.0f B per cell",
                what, dims(), um(dxUm), human(need), IdealScaffold.count(cells()), bytesPerCell()));
        sb.append(threeD() ? ", 3D solver" : ", 2D solver incl. " + snapshots + " snapshots").append(")");
        if (tooMany) {
            sb.append(String.format(Locale.ROOT, ", more than the solver's limit of %s cells", IdealScaffold.count(MAX_CELLS)));
        } else {
            sb.append(String.format(Locale.ROOT, ", but the Java heap has %s (%s free)", human(max), human(avail)));
        }
        sb.append(": use ");
        PhaseFieldEstimate coarser = coarserThatFits(avail);
        if (coarser != null) {
            sb.append(String.format(Locale.ROOT, "a coarser --dx (%s µm needs %s), ", um(coarser.dxUm), human(coarser.bytes())));
        } else if (Double.isFinite(ruleMaxDx)) {
            sb.append(String.format(Locale.ROOT, "a coarser interface (a larger interface_pore_fraction or fewer cells_per_interface: "
                    + "the resolution rule allows dx ≤ %s µm), ", um(ruleMaxDx)));
        } else {
            sb.append("a coarser --dx, ");
        }
        sb.append(sizeHint);
        if (!tooMany) {
            long gib = (long) Math.ceil((need * 1.15 + (max - avail)) / (1L << 30));
            sb.append(String.format(Locale.ROOT, ", or more heap (java -Xmx%dg; Fiji: Edit › Options › Memory)", Math.max(1, gib)));
        }
        sb.append(String.format(Locale.ROOT, "; the run would take ≈ %s (%d steps on %d cores)", duration(seconds()), steps, cores));
        throw new PoroPhaseException(sb.toString());
    }

    /**
     * The first "round" grid spacing above dx (1, 2, 2.5, 5 × 10ᵏ µm, up to 1024·dx) whose run fits
     * {@code avail}, or null (none, or too coarse for the geometry).
     */
    private PhaseFieldEstimate coarserThatFits(long avail) {
        if (atDx == null) {
            return null;
        }
        double[] mant = {1, 2, 2.5, 5};
        for (int e = (int) Math.floor(Math.log10(dxUm)); e <= Math.log10(dxUm * 1024) + 1; e++) {
            for (double m : mant) {
                double d = Double.parseDouble(m + "e" + e);
                if (d <= dxUm * (1 + 1e-9)) {
                    continue;
                }
                if (d > ruleMaxDx * (1 + 1e-9)) {
                    return null;
                }
                PhaseFieldEstimate est = atDx.apply(d);
                if (est == null) {
                    return null;
                }
                if (est.cells() <= MAX_CELLS && est.bytes() <= 0.9 * avail) {
                    return est;
                }
            }
        }
        return null;
    }

    /** A length for messages: 4 significant digits, no trailing zeros (0.25, 0.001, 100). */
    static String um(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String human(double bytes) {
        return MemoryCheck.human((long) Math.min(Long.MAX_VALUE, bytes));
    }

    /** 42 s, 29 min, 5.2 h, 3.1 days. */
    static String duration(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        if (s < 90) {
            return String.format(Locale.ROOT, "%.0f s", Math.max(1, s));
        }
        if (s < 5400) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        if (s < 3 * 86400) {
            return String.format(Locale.ROOT, "%.2g h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.3g days", s / 86400);
    }
}
