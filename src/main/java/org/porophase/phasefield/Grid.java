package org.porophase.phasefield;

import org.porophase.core.Parallel;

/**
 * The simulation grid as the ξ equation sees it: dimensions, cell indexing, the open cells (pores and
 * the Li layer, where ξ lives), the count of LLZO faces of each open cell (for the wetting term), and
 * the isotropic Laplacian restricted to the open cells.
 *
 * <p>Cell index {@code i = x + nx(y + ny z)}, spacing {@code dx} µm; 2D is ny = 1 (the x–z plane).
 * The Laplacian is the isotropic 9-point (2D: weights 2/3 faces, 1/6 corners) or 19-point (3D: 1/3
 * faces, 1/6 edges) stencil, in µm⁻², with no flux through a wall (a link to a solid (LLZO) cell or off
 * the grid: the neutral contact line; the Cahn wetting term adds the contact angle). The wall is a
 * <b>mirror</b> (the no-flux condition of a wall on a cell face, ghost value = its mirror image): a corner
 * (edge) link that crosses a wall through a solid face neighbour and lands on a solid cell is folded onto
 * the open face link along the wall that its mirror image is, half of its weight from each of the two
 * cells it joins, so the operator stays symmetric. Dropping those links instead (as before) left the
 * wall layer with 5/6 of the Laplacian along a flat 2D wall (1 − 1/3 in 3D): the wall row's diffuse
 * front was narrower than the interior's, an O(1) error in the one cell row that carries most of the
 * triple-line reaction at 4 cells per interface (issue 11 item 5). Isotropic stencils because a 5-point
 * Laplacian adds its own fourfold anisotropy (pitfall 6 of docs/phase-field.md). The operator is
 * symmetric, so Σ over the open cells of ∇²f is 0 exactly: the capillary part only moves ξ.
 */
final class Grid {
    final Geometry g;
    final Parallel par;
    final int nx;
    final int ny;
    final int nz;
    final int n;
    final int plane;
    /** Cell size, µm. */
    final double dx;
    final boolean three;
    /** The open cells, ascending. */
    final int[] openIdx;
    /** Number of face neighbours that are LLZO (solid) cells, per cell (0 for solid cells). */
    final byte[] wallFaces;
    /** Largest {@link #wallFaces} value. */
    final int maxWallFaces;
    /** Bit k set: the stencil link k of this open cell leads to an open cell. */
    final int[] nbBits;
    /** Index offset and weight (µm⁻²) of stencil link k. */
    final int[] nbOff;
    final double[] nbW;
    /** Face links: the face index of link k (0 … faces − 1), −1 for a corner (edge) link; the index offset of face f. */
    private final int[] faceOf;
    private final int[] faceOff;
    private final int faces;
    /**
     * Per open cell and face f ({@code i·faces + f}): how many half corner weights the mirror folds onto its
     * open face link f (0 except along walls and the grid's faces).
     */
    private final byte[] folded;
    /** Half a corner (edge) weight, µm⁻². */
    private final double halfCorner;
    /** Open cells whose links carry a folded weight (they take the general path of {@link #lap}). */
    private final boolean[] hasFold;
    private final int fullBits;
    private final double invDx2;
    private static final double W2F = 2.0 / 3.0;
    private static final double W2C = 1.0 / 6.0;

    Grid(Geometry g, Parallel par) {
        this.g = g;
        this.par = par;
        nx = g.nx;
        ny = g.ny;
        nz = g.nz;
        n = g.size();
        plane = nx * ny;
        dx = g.dxUm;
        three = g.is3D();
        invDx2 = 1 / (dx * dx);
        int[][] d;
        double[] w;
        if (three) {
            d = new int[18][];
            w = new double[18];
            int k = 0;
            for (int dz = -1; dz <= 1; dz++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int ddx = -1; ddx <= 1; ddx++) {
                        int a = Math.abs(ddx) + Math.abs(dy) + Math.abs(dz);
                        if (a == 1 || a == 2) {
                            d[k] = new int[] {ddx, dy, dz};
                            w[k++] = a == 1 ? 1.0 / 3.0 : 1.0 / 6.0;
                        }
                    }
                }
            }
        } else {
            d = new int[][] {{-1, 0, 0}, {1, 0, 0}, {0, 0, -1}, {0, 0, 1}, {-1, 0, -1}, {1, 0, -1}, {-1, 0, 1}, {1, 0, 1}};
            w = new double[] {W2F, W2F, W2F, W2F, W2C, W2C, W2C, W2C};
        }
        nbOff = new int[d.length];
        nbW = new double[d.length];
        for (int k = 0; k < d.length; k++) {
            nbOff[k] = d[k][0] + nx * d[k][1] + plane * d[k][2];
            nbW[k] = w[k] * invDx2;
        }
        fullBits = (1 << d.length) - 1;
        int no = 0;
        for (int i = 0; i < n; i++) {
            if (g.open[i]) {
                no++;
            }
        }
        openIdx = new int[no];
        nbBits = new int[n];
        wallFaces = new byte[n];
        int maxW = 0;
        no = 0;
        for (int i = 0; i < n; i++) {
            if (!g.open[i]) {
                continue;
            }
            openIdx[no++] = i;
            int z = i / plane;
            int xy = i - z * plane;
            int y = xy / nx;
            int x = xy - y * nx;
            int b = 0;
            for (int k = 0; k < d.length; k++) {
                int xx = x + d[k][0];
                int yy = y + d[k][1];
                int zz = z + d[k][2];
                if (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz && g.open[xx + nx * (yy + ny * zz)]) {
                    b |= 1 << k;
                }
            }
            nbBits[i] = b;
            int wf = 0;
            if (x > 0 && !g.open[i - 1]) wf++;
            if (x < nx - 1 && !g.open[i + 1]) wf++;
            if (y > 0 && !g.open[i - nx]) wf++;
            if (y < ny - 1 && !g.open[i + nx]) wf++;
            if (z > 0 && !g.open[i - plane]) wf++;
            if (z < nz - 1 && !g.open[i + plane]) wf++;
            wallFaces[i] = (byte) wf;
            maxW = Math.max(maxW, wf);
        }
        maxWallFaces = maxW;
        faceOf = new int[d.length];
        int nf = 0;
        for (int k = 0; k < d.length; k++) {
            faceOf[k] = Math.abs(d[k][0]) + Math.abs(d[k][1]) + Math.abs(d[k][2]) == 1 ? nf++ : -1;
        }
        faces = nf;
        faceOff = new int[nf];
        for (int k = 0; k < d.length; k++) {
            if (faceOf[k] >= 0) {
                faceOff[faceOf[k]] = nbOff[k];
            }
        }
        halfCorner = (three ? 1.0 / 6.0 : W2C) * invDx2 / 2;
        if ((long) n * faces > Integer.MAX_VALUE - 8) {
            throw new org.porophase.core.PoroPhaseException("phase-field grid of " + n + " cells is too large for one array ("
                    + faces + " stencil links per cell): use a coarser --dx or a smaller domain");
        }
        folded = new byte[n * faces];
        hasFold = new boolean[n];
        for (int i : openIdx) {
            int b = nbBits[i];
            if (b == fullBits) {
                continue;
            }
            for (int k = 0; k < d.length; k++) {
                if (faceOf[k] >= 0 || (b & (1 << k)) != 0) {
                    continue;
                }
                // a missing corner link: the two face links it is made of; fold it onto the open one when the other
                // (the face it crosses) is closed; both closed (inner corner) or both open (a convex solid corner) : left out
                int ka = -1;
                int kb = -1;
                for (int q = 0; q < d.length; q++) {
                    if (faceOf[q] < 0) {
                        continue;
                    }
                    boolean part = true;
                    int nz0 = 0;
                    for (int c = 0; c < 3; c++) {
                        if (d[q][c] != 0) {
                            nz0++;
                            part &= d[q][c] == d[k][c];
                        }
                    }
                    if (part && nz0 == 1) {
                        if (ka < 0) {
                            ka = q;
                        } else {
                            kb = q;
                        }
                    }
                }
                boolean oa = (b & (1 << ka)) != 0;
                boolean ob = (b & (1 << kb)) != 0;
                if (oa == ob) {
                    continue;
                }
                int kk = oa ? ka : kb;
                int j = i + nbOff[kk];
                folded[i * faces + faceOf[kk]]++;
                folded[j * faces + faceOf[opposite(d, kk)]]++;
                hasFold[i] = true;
                hasFold[j] = true;
            }
        }
    }

    /** The link opposite to link k. */
    private static int opposite(int[][] d, int k) {
        for (int q = 0; q < d.length; q++) {
            if (d[q][0] == -d[k][0] && d[q][1] == -d[k][1] && d[q][2] == -d[k][2]) {
                return q;
            }
        }
        throw new IllegalStateException("stencil without opposite link");
    }

    /** Weight (µm⁻²) of the open link k of open cell i: the stencil weight plus what the wall mirror folds onto it. */
    double linkWeight(int i, int k) {
        int f = faceOf[k];
        return f < 0 ? nbW[k] : nbW[k] + halfCorner * folded[i * faces + f];
    }

    /** Masked isotropic Laplacian of f at open cell i, µm⁻². */
    double lap(double[] f, int i) {
        int b = nbBits[i];
        double fi = f[i];
        if (b == fullBits && !hasFold[i]) {
            if (!three) {
                double faces = f[i - 1] + f[i + 1] + f[i - plane] + f[i + plane];
                double corners = f[i - 1 - plane] + f[i + 1 - plane] + f[i - 1 + plane] + f[i + 1 + plane];
                return (W2F * faces + W2C * corners - (4 * W2F + 4 * W2C) * fi) * invDx2;
            }
            int a = nx;
            int c = plane;
            double faces = f[i - 1] + f[i + 1] + f[i - a] + f[i + a] + f[i - c] + f[i + c];
            double edges = f[i - 1 - a] + f[i + 1 - a] + f[i - 1 + a] + f[i + 1 + a]
                    + f[i - 1 - c] + f[i + 1 - c] + f[i - 1 + c] + f[i + 1 + c]
                    + f[i - a - c] + f[i + a - c] + f[i - a + c] + f[i + a + c];
            return (faces / 3.0 + edges / 6.0 - 4 * fi) * invDx2;
        }
        double s = 0;
        while (b != 0) {
            int k = Integer.numberOfTrailingZeros(b);
            b &= b - 1;
            s += nbW[k] * (f[i + nbOff[k]] - fi);
        }
        if (hasFold[i]) {
            // the folded corner weights (a folded face link is always open)
            final int base = i * faces;
            for (int q = 0; q < faces; q++) {
                int c = folded[base + q];
                if (c != 0) {
                    s += halfCorner * c * (f[i + faceOff[q]] - fi);
                }
            }
        }
        return s;
    }

    /** Σ of the stencil weights of the open links of cell i (the Laplacian's diagonal, µm⁻², with sign reversed). */
    double lapDiagonal(int i) {
        int b = nbBits[i];
        double d = 0;
        while (b != 0) {
            int k = Integer.numberOfTrailingZeros(b);
            b &= b - 1;
            d += linkWeight(i, k);
        }
        return d;
    }

    /** Σ f over the open cells (chunked, reproducible for a thread count). */
    double sumOpen(double[] f) {
        final int[] idx = openIdx;
        return par.sum(idx.length, idx.length, (lo, hi) -> {
            double s = 0;
            for (int k = lo; k < hi; k++) {
                s += f[idx[k]];
            }
            return s;
        });
    }

    int xOf(int i) {
        return (i % plane) % nx;
    }

    int yOf(int i) {
        return (i % plane) / nx;
    }

    int zOf(int i) {
        return i / plane;
    }

    /** Cell volume, µm³ (2D: the slab is one cell thick). */
    double cellVolume() {
        return dx * dx * dx;
    }

    /** h(x) = x³(6x² − 15x + 10). */
    static double h(double x) {
        return x * x * x * (x * (6 * x - 15) + 10);
    }

    /** h(x) clamped to [0, 1]. */
    static double hc(double x) {
        return x <= 0 ? 0 : x >= 1 ? 1 : h(x);
    }

    /** h'(x) = 30x²(1 − x)² for x in (0, 1), 0 outside (no reaction or wetting drive beyond the pure phases). */
    static double hp(double x) {
        if (x <= 0 || x >= 1) {
            return 0;
        }
        double t = x * (1 - x);
        return 30 * t * t;
    }
}
