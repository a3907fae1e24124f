package org.porophase.phasefield;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.porophase.binary.LocalThickness;
import org.porophase.binary.LocalThickness2D;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

import ij.process.ByteProcessor;

/**
 * The resolution rule: interface width and grid spacing that follow the narrowest pore (issue 11,
 * item 3; pitfalls 11 and 12 of docs/phase-field.md).
 *
 * <h2>Rule</h2>
 * <ol>
 * <li><b>Narrowest pore</b> w_min: the ideal scaffold's channel width (2D) or cylinder diameter (3D);
 * for a mask, the 5th percentile, by pore area (volume), of the pore phase's local thickness
 * ({@link LocalThickness2D} / {@link LocalThickness}, the maximal-inscribed-disk/ball definition, exact)
 * at the mask's own pixel size, and never less than {@value #MASK_MIN_PIXELS} pixels: a pore narrower than
 * 4 pixels has a width uncertain by ±1 pixel (≥ 25 %: which pixels of its blurred edges are pore is up to
 * the threshold), so a segmentation cannot state a narrower pore, and a floor at the mask's own limit
 * (2 pixels) would make the automatic grid pixel/16 for any noisy segmentation.</li>
 * <li><b>Interface width</b> (10–90 % width of the ξ profile) w_i = min(physical 2 ln 9·√(κ₀/2W) =
 * 1.1 µm, {@code interface_pore_fraction}·w_min) (default fraction 1/8); the scale s = w_i / physical
 * width ≤ 1 goes into {@link PhaseFieldParameters#interfaceScale}: κ = sκ₀, W = W₀/s, L_σ = L_σ₀/s,
 * reaction weight ×1/s, so the interface energy γ, the capillary coefficient L_σκ and the exchange
 * current per unit Li|LLZO contact are unchanged.</li>
 * <li><b>Grid</b>: dx_max = w_i / {@code cells_per_interface} (default 4 cells across the interface);
 * automatic dx ({@code dx_um = 0}) = dx_max, for the ideal scaffold rounded down so the channel width and
 * the period (2D) or the lattice spacing (3D) are whole numbers of cells: every channel then has the same
 * number of cells, with its walls on cell faces.</li>
 * <li><b>Under-resolved</b>: an explicit dx above dx_max, or a narrowest pore under 2·W_ϕ (W_ϕ = w_i/0.590,
 * the support of the compact ϕ profile of {@link Geometry}: below it no cell of the pore has h(ϕ) = 0,
 * so the "vacuum" conducts). Such a run is refused ({@link #require}) with the numbers and the fix,
 * unless forced; a forced run carries {@link #message()} as a warning.</li>
 * </ol>
 *
 * <h2>Why</h2>
 * With a fixed physical interface (1.1 µm) the ξ interface is wider than a 0.6 µm channel and ϕ leaks
 * into it (h(ϕ) ≈ 0.085 at the centre: 10–15 % of the current through "vacuum", pitfall 12); channels of
 * unequal cell counts drain when the wetting drive γcosθ/dx exceeds the barrier (pitfall 11). Scaling the
 * interface with the pore keeps each pore several interface widths wide, and a grid with whole cells per
 * channel keeps all channels equal on the grid.
 *
 * <p>Measured (defaults, 50 % porosity): 5 / 1.5 / 0.6 µm channels → interface 0.625 / 0.1875 / 0.075 µm
 * (scale 0.569 / 0.171 / 0.068), automatic dx 0.15625 / 0.046875 / 0.01875 µm, 32 cells per channel
 * (64 per period) in all three.
 *
 * @param narrowestPoreUm w_min, µm
 * @param source how w_min was found (for the output)
 * @param interfaceWidthUm w_i, the effective 10–90 % interface width, µm
 * @param scale s = w_i / physical width
 * @param phiSupportUm W_ϕ = w_i / 0.590, µm
 * @param maxDxUm dx_max = w_i / cells_per_interface, µm
 * @param dxUm the grid spacing used: automatic (dx_max, rounded for the ideal scaffold) or the explicit one
 * @param automatic dx was chosen by the rule ({@code dx_um = 0})
 * @param underResolved the rule is broken (see the class comment)
 * @param message one line: what was chosen, or why it is under-resolved and how to fix it
 */
public record Resolution(double narrowestPoreUm, String source, double interfaceWidthUm, double scale, double phiSupportUm,
        double maxDxUm, double dxUm, boolean automatic, boolean underResolved, String message) {

    /** 10–90 % width of the sine profile ½(1 + sin(πs/W)) as a fraction of its support W: 2·asin(0.8)/π. */
    public static final double SINE_WIDTH_FRACTION = 2 * Math.asin(0.8) / Math.PI;

    /** Percentile (by pore volume) of the local thickness taken as the narrowest pore of a mask. */
    public static final double MASK_PERCENTILE = 0.05;

    /**
     * Floor of a mask's narrowest pore, pixels: a pore narrower than 4 pixels has a width uncertain by
     * ±1 pixel, ≥ 25 %, so no segmentation states a narrower one.
     */
    public static final int MASK_MIN_PIXELS = 4;

    /** W_ϕ for an effective 10–90 % interface width, µm: width / 0.590. */
    public static double phiSupport(double interfaceWidthUm) {
        return interfaceWidthUm / SINE_WIDTH_FRACTION;
    }

    /**
     * The ideal scaffold's channels (width {@code poreUm}) when the porosity is not known: the automatic
     * dx makes the channel a whole, even number of cells (so a 50 % scaffold's period is whole and each
     * period splits into half wall | channel | half wall).
     */
    public static Resolution forIdeal(double poreUm, PhaseFieldParameters p) {
        return forIdeal(poreUm, 0.5, p);
    }

    /**
     * 2D channels of width {@code poreUm} at {@code porosity}: the automatic dx = δ/k with the smallest
     * k ≥ δ/dx_max for which the channel (k) and the period (k/φ) are whole numbers of cells and the
     * wall (k/φ − k) an even number (centred channels, mirror-symmetric box faces), searched up to
     * 1.25·k; if the porosity allows none, k = ⌈δ/dx_max⌉ and {@link IdealScaffold} rounds the period
     * to whole cells (its porosity is then within 1/(2·period cells) of φ).
     */
    public static Resolution forIdeal(double poreUm, double porosity, PhaseFieldParameters p) {
        positive(poreUm, "pore_size_um");
        double w = interfaceWidth(poreUm, p);
        double maxDx = w / p.cellsPerInterface;
        double dx;
        String grid;
        if (p.dxUm > 0) {
            dx = p.dxUm;
            double k = poreUm / dx;
            grid = Math.abs(k - Math.rint(k)) < 1e-6 ? String.format(Locale.ROOT, "%d cells per channel", Math.round(k))
                    : String.format(Locale.ROOT, "%.3g cells per channel: not whole, so channel widths on the grid differ by a cell", k);
        } else {
            int k0 = Math.max(2, (int) Math.ceil(poreUm / maxDx - 1e-9));
            int best = -1;
            for (int k = k0; k <= Math.max(k0 + 2, (int) Math.ceil(1.25 * k0)); k++) {
                double m = k / porosity;
                long mr = Math.round(m);
                if (Math.abs(m - mr) < 1e-6 * m && ((mr - k) % 2 == 0)) {
                    best = k;
                    break;
                }
            }
            int k = best > 0 ? best : k0;
            dx = poreUm / k;
            grid = String.format(Locale.ROOT, "%d cells per channel, %s cells per period", k,
                    best > 0 ? String.valueOf(Math.round(k / porosity)) : "≈ " + PhaseFieldEstimate.um(k / porosity) + " (rounded)");
        }
        return build(poreUm, "ideal channel width", w, maxDx, dx, p, grid);
    }

    /**
     * 3D cylinders of diameter {@code poreUm} on a square or hexagonal lattice: the automatic dx makes the
     * lattice spacing a whole number of cells (every cylinder is rastered alike; the diameter of a round
     * cylinder cannot be whole on a square grid).
     */
    public static Resolution forCylinders(double poreUm, double porosity, boolean hex, PhaseFieldParameters p) {
        positive(poreUm, "pore_size_um");
        double w = interfaceWidth(poreUm, p);
        double maxDx = w / p.cellsPerInterface;
        double a = hex ? IdealScaffold.hexSpacing(poreUm, porosity) : IdealScaffold.squareSpacing(poreUm, porosity);
        double dx;
        if (p.dxUm > 0) {
            dx = p.dxUm;
        } else {
            dx = a / Math.max(2, Math.ceil(a / maxDx - 1e-9));
        }
        return build(poreUm, "ideal cylinder diameter", w, maxDx, dx, p,
                String.format(Locale.ROOT, "%.4g cells per lattice spacing, %.3g across a cylinder", a / dx, poreUm / dx));
    }

    /**
     * A canonical pore mask (true = pore, index x + mx(y + my z), my = 1 in 2D) of {@code pixelUm} pixels:
     * w_min = the {@value #MASK_PERCENTILE} percentile by pore area (volume) of the local thickness, at least
     * {@value #MASK_MIN_PIXELS} pixels; the automatic dx is dx_max.
     */
    public static Resolution forMask(boolean[] canonicalPore, int mx, int my, int mz, double pixelUm, PhaseFieldParameters p) {
        double wmin = narrowestPore(canonicalPore, mx, my, mz, pixelUm);
        double w = interfaceWidth(wmin, p);
        double maxDx = w / p.cellsPerInterface;
        double dx = p.dxUm > 0 ? p.dxUm : maxDx;
        return build(wmin, String.format(Locale.ROOT, "mask: %d-th percentile of the pore local thickness by pore %s, at least %d pixels of %s µm",
                Math.round(100 * MASK_PERCENTILE), my > 1 ? "volume" : "area", MASK_MIN_PIXELS, PhaseFieldEstimate.um(pixelUm)), w, maxDx, dx, p,
                String.format(Locale.ROOT, "%.3g cells across the narrowest pore", wmin / dx));
    }

    /**
     * w_min of a canonical mask, µm: the {@value #MASK_PERCENTILE} percentile by pore area (volume) of the
     * pore local thickness, floored at {@value #MASK_MIN_PIXELS} pixels (a narrower pore's width is uncertain by
     * ±1 pixel, ≥ 25 %). Pixels outside the mask are neither pore nor solid (a pore
     * cut by the mask edge is not narrowed by it).
     */
    public static double narrowestPore(boolean[] canonicalPore, int mx, int my, int mz, double pixelUm) {
        if (canonicalPore.length != (long) mx * my * mz) {
            throw new IllegalArgumentException("mask size mismatch");
        }
        boolean anyPore = false;
        boolean anySolid = false;
        for (boolean b : canonicalPore) {
            anyPore |= b;
            anySolid |= !b;
        }
        if (!anyPore || !anySolid) {
            throw new PoroPhaseException("the mask has no " + (anyPore ? "solid" : "pore")
                    + " pixels (255 = pore, 0 = solid expected): check the segmentation or invert it");
        }
        double pct;
        if (my <= 1) {
            ByteProcessor bp = new ByteProcessor(mx, mz);
            byte[] px = (byte[]) bp.getPixels();
            for (int i = 0; i < px.length; i++) {
                px[i] = canonicalPore[i] ? (byte) 255 : 0;
            }
            pct = Double.NaN;
            for (java.util.List<Object> row : LocalThickness2D.of(bp, pixelUm).histogramRows()) {
                if (((Number) row.get(3)).doubleValue() >= MASK_PERCENTILE - 1e-12) {
                    // the bin's lower edge (bins of half a pixel, rows give the centre): a 2k px slab reads 2k px
                    pct = ((Number) row.get(0)).doubleValue() - pixelUm / 4;
                    break;
                }
            }
        } else {
            BinaryVolume v = new BinaryVolume(mx, my, mz, VoxelSize.iso(pixelUm));
            for (int z = 0; z < mz; z++) {
                byte[] s = v.slice(z);
                int o = mx * my * z;
                for (int i = 0; i < s.length; i++) {
                    s[i] = canonicalPore[o + i] ? MaskSource.PORE : MaskSource.SOLID;
                }
            }
            pct = LocalThickness.compute(v, 0.5, 0).percentile(MASK_PERCENTILE);
        }
        return Math.max(MASK_MIN_PIXELS * pixelUm, Double.isFinite(pct) ? pct : MASK_MIN_PIXELS * pixelUm);
    }

    /** The effective interface width for a narrowest pore: min(physical, interface_pore_fraction · w_min), µm. */
    public static double interfaceWidth(double narrowestPoreUm, PhaseFieldParameters p) {
        return Math.min(p.physicalInterfaceWidthUm(), p.interfacePoreFraction * narrowestPoreUm);
    }

    private static Resolution build(double wmin, String source, double w, double maxDx, double dx, PhaseFieldParameters p, String grid) {
        double scale = w / p.physicalInterfaceWidthUm();
        double wPhi = phiSupport(w);
        boolean automatic = !(p.dxUm > 0);
        boolean tooCoarse = dx > maxDx * (1 + 1e-9);
        boolean tooNarrow = wmin < 2 * wPhi * (1 - 1e-12);
        String head = String.format(Locale.ROOT, "narrowest pore %s µm (%s), interface width %s µm = min(physical %s µm, %s × %s µm), scale %.4g, W_phi %s µm",
                PhaseFieldEstimate.um(wmin), source, PhaseFieldEstimate.um(w), PhaseFieldEstimate.um(p.physicalInterfaceWidthUm()),
                PhaseFieldEstimate.um(p.interfacePoreFraction), PhaseFieldEstimate.um(wmin), scale, PhaseFieldEstimate.um(wPhi));
        StringBuilder sb = new StringBuilder();
        if (tooCoarse || tooNarrow) {
            sb.append("under-resolved: ").append(head);
            if (tooCoarse) {
                sb.append(String.format(Locale.ROOT, "; dx_um = %s µm is coarser than interface width / cells_per_interface = %s / %s = %s µm: "
                        + "use dx_um ≤ %s (or 0 = automatic) or force", PhaseFieldEstimate.um(dx), PhaseFieldEstimate.um(w),
                        PhaseFieldEstimate.um(p.cellsPerInterface), PhaseFieldEstimate.um(maxDx), PhaseFieldEstimate.um(maxDx)));
            }
            if (tooNarrow) {
                sb.append(String.format(Locale.ROOT, "; the narrowest pore is under 2·W_phi = %s µm, so h(phi) > 0 at its centre (the vacuum conducts): "
                        + "use interface_pore_fraction ≤ %s (now %s) or force", PhaseFieldEstimate.um(2 * wPhi),
                        PhaseFieldEstimate.um(Math.floor(SINE_WIDTH_FRACTION / 2 * 1000) / 1000), PhaseFieldEstimate.um(p.interfacePoreFraction)));
            }
        } else {
            sb.append(head).append(String.format(Locale.ROOT, "; dx %s µm %s (%.3g cells across the interface; %s)", PhaseFieldEstimate.um(dx),
                    automatic ? "automatic" : "given", w / dx, grid));
        }
        return new Resolution(wmin, source, w, scale, wPhi, maxDx, dx, automatic, tooCoarse || tooNarrow, sb.toString());
    }

    private static void positive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new PoroPhaseException("phasefield." + name + " must be a positive number of µm, got " + v);
        }
    }

    /** Sets {@code p.interfaceScale} to {@link #scale} and, when {@code p.dxUm} is 0 (automatic), {@code p.dxUm} to {@link #dxUm}. */
    public PhaseFieldParameters apply(PhaseFieldParameters p) {
        p.interfaceScale = scale;
        if (!(p.dxUm > 0)) {
            p.dxUm = dxUm;
        }
        return p;
    }

    /**
     * Refuses an under-resolved geometry unless {@code force}: a {@link PoroPhaseException} (exit code 2 on
     * the command line) with {@link #message()}.
     *
     * @param what the run, for the message ("phasefield --ideal")
     * @return this
     */
    public Resolution require(boolean force, String what) {
        if (underResolved && !force) {
            throw new PoroPhaseException(what + ": " + message);
        }
        return this;
    }

    /** For result.json: every number of the rule. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("narrowest_pore_um", narrowestPoreUm);
        m.put("narrowest_pore_source", source);
        m.put("interface_width_um", interfaceWidthUm);
        m.put("interface_scale", scale);
        m.put("phi_support_um", phiSupportUm);
        m.put("max_dx_um", maxDxUm);
        m.put("dx_um", dxUm);
        m.put("dx_automatic", automatic);
        m.put("under_resolved", underResolved);
        m.put("message", message);
        return m;
    }
}
