package org.porophase.measure;

import java.util.ArrayList;
import java.util.List;

import ij.process.ByteProcessor;
import org.porophase.core.PoroPhaseException;

/**
 * Porosity profile across the membrane thickness of a 2D cross-section (the 2D counterpart of the volume
 * profile along its axis): bins of rows at increasing depth below the specimen surface.
 * <p>
 * <b>Estimator.</b> Depth of row y = (y − y_s + ½)·Δy µm, the distance of the row's centre below the surface
 * y_s (the top edge of the first specimen row, from {@code segment.SpecimenRegion} or the region's first row),
 * Δy the pixel height. Bin i covers depths [i·b, (i+1)·b) µm (b = bin width) and holds the rows whose centre
 * lies in it; its porosity is Σ pore pixels / Σ region pixels over those rows (area fraction of the bin's part
 * of the region, an estimate of the porosity at that depth); {@code position_um} is the mean depth of the
 * bin's row centres (the bin centre (i + ½)·b when b is a whole number of rows; a partial last bin reports
 * where its rows are). Bins without a region pixel are left out. Units: µm, fraction.
 */
public final class PorosityProfile2D {

    /** CSV header of {@code STEM.profile.csv} of a 2D analysis. */
    public static final List<String> COLUMNS = List.of("bin", "position_um", "porosity", "pore_pixels", "region_pixels");

    private final double[] position;
    private final double[] porosity;
    private final long[] pore;
    private final long[] regionPx;
    private final int[] bin;
    private final double binUm;
    private final int surfaceRow;

    private PorosityProfile2D(int[] bin, double[] position, double[] porosity, long[] pore, long[] regionPx, double binUm, int surfaceRow) {
        this.bin = bin;
        this.position = position;
        this.porosity = porosity;
        this.pore = pore;
        this.regionPx = regionPx;
        this.binUm = binUm;
        this.surfaceRow = surfaceRow;
    }

    /**
     * @param mask       pore mask (non-zero = pore)
     * @param region     null (every pixel) or one byte per pixel, non-zero = inside
     * @param surfaceRow y_s, the first row of the specimen
     * @param pixelHeightUm Δy (µm)
     * @param binUm      bin width b (µm, &gt; 0); a bin narrower than a row is widened to one row
     */
    public static PorosityProfile2D of(ByteProcessor mask, byte[] region, int surfaceRow, double pixelHeightUm, double binUm) {
        if (!(binUm > 0) || !Double.isFinite(binUm)) {
            throw new PoroPhaseException("profile_bin_um must be a positive width in µm, got " + binUm);
        }
        if (!(pixelHeightUm > 0)) {
            throw new PoroPhaseException("the porosity profile needs a positive pixel height, got " + pixelHeightUm);
        }
        double b = Math.max(binUm, pixelHeightUm);
        int w = mask.getWidth();
        int h = mask.getHeight();
        byte[] px = (byte[]) mask.getPixels();
        int nb = (int) Math.floor((h - surfaceRow) * pixelHeightUm / b) + 2;
        long[] p = new long[nb];
        long[] r = new long[nb];
        double[] depthSum = new double[nb];
        int[] rowsIn = new int[nb];
        for (int y = Math.max(0, surfaceRow); y < h; y++) {
            double depth = (y - surfaceRow + 0.5) * pixelHeightUm;
            int i = (int) Math.floor(depth / b);
            long pr = 0;
            long rr = 0;
            for (int x = 0, k = y * w; x < w; x++, k++) {
                if (region == null || region[k] != 0) {
                    rr++;
                    if (px[k] != 0) {
                        pr++;
                    }
                }
            }
            if (rr > 0) {
                p[i] += pr;
                r[i] += rr;
                depthSum[i] += depth;
                rowsIn[i]++;
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < nb; i++) {
            if (r[i] > 0) {
                keep.add(i);
            }
        }
        int n = keep.size();
        int[] bi = new int[n];
        double[] pos = new double[n];
        double[] phi = new double[n];
        long[] pp = new long[n];
        long[] rp = new long[n];
        for (int j = 0; j < n; j++) {
            int i = keep.get(j);
            bi[j] = i;
            pos[j] = depthSum[i] / rowsIn[i]; // mean row-centre depth: the bin centre for a full bin
            phi[j] = p[i] / (double) r[i];
            pp[j] = p[i];
            rp[j] = r[i];
        }
        return new PorosityProfile2D(bi, pos, phi, pp, rp, b, surfaceRow);
    }

    public double[] positionsUm() {
        return position.clone();
    }

    public double[] porosity() {
        return porosity.clone();
    }

    public double binUm() {
        return binUm;
    }

    public int surfaceRow() {
        return surfaceRow;
    }

    public int size() {
        return position.length;
    }

    /** Rows of {@link #COLUMNS}. */
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>(position.length);
        for (int j = 0; j < position.length; j++) {
            rows.add(List.of(bin[j], position[j], porosity[j], pore[j], regionPx[j]));
        }
        return rows;
    }
}
