package org.porophase.transport;

/**
 * The finest level of the transport solve, matrix-free: the percolating cells of the phase on an
 * NX × NY × NZ grid permuted so that the transport axis is the slowest index Z (x fastest), and the
 * conservative 7-point (2D: 5-point) operator of −∇·∇u on it,
 * <pre>
 *   (A u)_i = Σ_{face neighbours j in the phase} c_a (u_i − u_j) + [Z = 0 or Z = NZ − 1] · 2 c_Z u_i,
 * </pre>
 * c_a = 1/h_a² with the voxel edges h_a scaled by the smallest one (a finite-volume flux A_a/h_a per
 * voxel volume). The Dirichlet faces u = 1 at the inlet (outer face of plane Z = 0) and u = 0 at the
 * outlet (outer face of plane NZ − 1) are half a cell from the centres, hence 2 c_Z; the right-hand
 * side is b_i = 2 c_Z at the inlet cells. Sides: no-flux (the same operator as mirror-symmetric sides:
 * the mirror image of a boundary cell is the cell itself, so the face carries c(u_i − u_i) = 0), or
 * periodic ({@code px}/{@code py}: the cell at X = NX − 1 is the face neighbour of the cell at X = 0
 * of its row, likewise in Y; a side one cell thick is never wrapped).
 *
 * <p>No coefficient arrays: couplings and the diagonal are formed from the one-byte mask on the fly.
 * Every kernel touches only cells with {@code mask ≠ 0}; all vectors are zero elsewhere. Red–black
 * colour = (X + Y + Z) mod 2. With a periodic side of odd extent the wrap couples two cells of one
 * colour ({@link #wrapColour}); such a pair always lies in one Z-plane, so a colour pass is still
 * race-free over planes, and the passes are made true Gauss–Seidel sweeps in a fixed order (from a
 * zeroed vector, never the "from zero" short cut) whose post-smoothing runs in the reverse order, which
 * keeps the V-cycle symmetric. Kernels run on whole Z-planes [z0, z1).
 *
 * <p>The residual r = b − A u is never stored: the kernels of the preconditioner evaluate it from u
 * where they read it (the true residual, at the cost of one more stencil per read), which is what
 * saves the fourth CG vector (see {@link TortuositySolver}).
 */
final class FineGrid extends WrappedBox {
    final int n;
    /** Neighbour codes: bit 6 set for a domain cell, bits 0–5 its domain face neighbours (−x, +x, −y, +y, −z, +z); 0 outside. */
    final byte[] mask;
    final double cx;
    final double cy;
    final double cz;

    /** Diagonal by neighbour code, interior and boundary planes. */
    private final double[] diagIn = new double[64];
    private final double[] diagBd = new double[64];

    /**
     * @param mask 1 for the cells of the domain, 0 elsewhere; overwritten in place with the neighbour codes
     */
    FineGrid(int nx, int ny, int nz, byte[] mask, double cx, double cy, double cz, boolean periodic) {
        super(nx, ny, nz, periodic);
        this.n = plane * nz;
        this.mask = mask;
        this.cx = cx;
        this.cy = cy;
        this.cz = cz;
        double[] c = {cx, cx, cy, cy, cz, cz};
        for (int k = 0; k < 64; k++) {
            double d = 0;
            for (int b = 0; b < 6; b++) {
                if ((k >> b & 1) != 0) {
                    d += c[b];
                }
            }
            diagIn[k] = d;
            diagBd[k] = d + 2 * cz;
        }
        final byte[] m = mask;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    if (m[i] == 0) {
                        continue;
                    }
                    int code = 64;
                    int j;
                    if ((j = xm(i, x)) >= 0 && m[j] != 0) code |= 1;
                    if ((j = xp(i, x)) >= 0 && m[j] != 0) code |= 2;
                    if ((j = ym(i, y)) >= 0 && m[j] != 0) code |= 4;
                    if ((j = yp(i, y)) >= 0 && m[j] != 0) code |= 8;
                    if (z > 0 && m[i - plane] != 0) code |= 16;
                    if (z < nz - 1 && m[i + plane] != 0) code |= 32;
                    m[i] = (byte) code;
                }
            }
        }
    }

    /** The diagonal table of plane z (the Dirichlet planes add 2 c_Z). */
    private double[] diagTable(int z) {
        return z == 0 || z == nz - 1 ? diagBd : diagIn;
    }

    /** True when row (y, z) is away from the y and z borders (its inner cells need no bound tests). */
    private boolean innerRow(int y, int z) {
        return y > 0 && y < ny - 1 && z > 0 && z < nz - 1;
    }

    /** Σ c v_j over the 6 face neighbours of an inner cell (no bound tests; v is zero outside the domain). */
    private double inner(float[] v, int i) {
        return cx * ((double) v[i - 1] + v[i + 1]) + cy * ((double) v[i - nx] + v[i + nx]) + cz * ((double) v[i - plane] + v[i + plane]);
    }

    /** The right-hand side at the cells of plane z: 2 c_Z at the inlet (u = 1 there). */
    double rhs(int z) {
        return z == 0 ? 2 * cz : 0;
    }

    /** Σ_j c_a v_j over the face neighbours of cell i (wrapped when periodic; v is zero outside the mask). */
    double neighbours(float[] v, int i, int x, int y, int z) {
        double s = 0;
        int j;
        if ((j = xm(i, x)) >= 0) s += cx * v[j];
        if ((j = xp(i, x)) >= 0) s += cx * v[j];
        if ((j = ym(i, y)) >= 0) s += cy * v[j];
        if ((j = yp(i, y)) >= 0) s += cy * v[j];
        if (z > 0) s += cz * v[i - plane];
        if (z < nz - 1) s += cz * v[i + plane];
        return s;
    }

    /** Σ c v_j at cell (xx, row), fast path when inner. */
    private double nb(float[] v, int i, int xx, int yy, int z, boolean in) {
        return in && xx > 0 && xx < nx - 1 ? inner(v, i) : neighbours(v, i, xx, yy, z);
    }

    /** Σ_{planes [z0, z1)} p·(A p). */
    double pAp(float[] p, int z0, int z1) {
        final byte[] m = mask;
        double dot = 0;
        for (int z = z0; z < z1; z++) {
            final double[] dt = diagTable(z);
            for (int yy = 0; yy < ny; yy++) {
                int row = z * plane + yy * nx;
                boolean in = innerRow(yy, z);
                for (int xx = 0; xx < nx; xx++) {
                    int i = row + xx;
                    int c = m[i];
                    if (c != 0) {
                        double pi = p[i];
                        dot += pi * (dt[c & 63] * pi - nb(p, i, xx, yy, z, in));
                    }
                }
            }
        }
        return dot;
    }

    /** Σ r² of r = b − A u over planes [z0, z1). */
    double residualNorm(float[] u, int z0, int z1) {
        final byte[] m = mask;
        double rr = 0;
        for (int z = z0; z < z1; z++) {
            double b = rhs(z);
            final double[] dt = diagTable(z);
            for (int yy = 0; yy < ny; yy++) {
                int row = z * plane + yy * nx;
                boolean in = innerRow(yy, z);
                for (int xx = 0; xx < nx; xx++) {
                    int i = row + xx;
                    int c = m[i];
                    if (c != 0) {
                        double s = b - dt[c & 63] * u[i] + nb(u, i, xx, yy, z, in);
                        rr += s * s;
                    }
                }
            }
        }
        return rr;
    }

    /**
     * Gauss–Seidel for A w = r(u), r = b − A u, on the cells of one colour of planes [z0, z1):
     * w_i = (r_i + Σ c w_j)/d_i; fromZero (w = 0 before, only for a valid colouring): w_i = r_i/d_i.
     * Descending: rows and columns in reverse order (the adjoint pass when {@link #wrapColour}).
     * Returns Σ r_i w_i over the updated cells, or Σ r_i² when {@code residual2}.
     */
    double sweep(float[] w, float[] u, int colour, boolean fromZero, boolean descending, boolean residual2, int z0, int z1) {
        final byte[] m = mask;
        double dot = 0;
        for (int zi = z0; zi < z1; zi++) {
            int z = descending ? z1 - 1 - (zi - z0) : zi;
            double b = rhs(z);
            final double[] dt = diagTable(z);
            for (int yi = 0; yi < ny; yi++) {
                int yy = descending ? ny - 1 - yi : yi;
                int row = z * plane + yy * nx;
                boolean in = innerRow(yy, z);
                int first = (colour + yy + z) & 1;
                if (first > nx - 1) {
                    continue;
                }
                int last = first + 2 * ((nx - 1 - first) / 2);
                for (int k = first; k <= last; k += 2) {
                    int xx = descending ? last - (k - first) : k;
                    int i = row + xx;
                    int c = m[i];
                    if (c != 0) {
                        double d = dt[c & 63];
                        double r = b - d * u[i] + nb(u, i, xx, yy, z, in);
                        double s = fromZero ? r : r + nb(w, i, xx, yy, z, in);
                        float wi = (float) (s / d);
                        w[i] = wi;
                        dot += residual2 ? r * r : r * wi;
                    }
                }
            }
        }
        return dot;
    }

    /**
     * Adds the residual r(u) − A w of fine plane z to its 2×2(×2) blocks on a coarse grid (cnx × cny per
     * plane, coarse plane zc = z/2): bc[block] += (r − A w)_i, over the cells of one colour ({@code colour}
     * 0 or 1) or all ({@code colour} −1).
     */
    void restrictPlane(float[] w, float[] u, float[] bc, int cnx, int cny, int z, int colour) {
        final byte[] m = mask;
        final double[] dt = diagTable(z);
        double b = rhs(z);
        int cbase = cnx * cny * (z / 2);
        int step = colour < 0 ? 1 : 2;
        for (int yy = 0; yy < ny; yy++) {
            int row = z * plane + yy * nx;
            int crow = cbase + cnx * (yy / 2);
            boolean in = innerRow(yy, z);
            for (int xx = colour < 0 ? 0 : (colour + yy + z) & 1; xx < nx; xx += step) {
                int i = row + xx;
                int c = m[i];
                if (c != 0) {
                    double d = dt[c & 63];
                    double r = b - d * u[i] + nb(u, i, xx, yy, z, in);
                    bc[crow + (xx >> 1)] += (float) (r - d * w[i] + nb(w, i, xx, yy, z, in));
                }
            }
        }
    }

    /**
     * Fluxes through every cross-section, in the operator's units: index 0 the inlet face
     * Σ 2c_Z(1 − u), index k (1 ≤ k ≤ NZ − 1) the faces between planes k − 1 and k Σ c_Z(u_{k−1} − u_k),
     * index NZ the outlet face Σ 2c_Z u. Planes [z0, z1) fill the entries k = z (the face below plane z,
     * or the inlet) and, for the last plane, NZ.
     */
    void planeFluxes(float[] u, double[] flux, int z0, int z1) {
        final byte[] m = mask;
        for (int z = z0; z < z1; z++) {
            int p0 = z * plane;
            double s = 0;
            if (z == 0) {
                for (int i = p0; i < p0 + plane; i++) {
                    if (m[i] != 0) s += 2 * cz * (1 - (double) u[i]);
                }
            } else {
                for (int i = p0; i < p0 + plane; i++) {
                    if (m[i] != 0 && m[i - plane] != 0) s += cz * ((double) u[i - plane] - u[i]);
                }
            }
            flux[z] = s;
            if (z == nz - 1) {
                double o = 0;
                for (int i = p0; i < p0 + plane; i++) {
                    if (m[i] != 0) o += 2 * cz * (double) u[i];
                }
                flux[nz] = o;
            }
        }
    }

    /**
     * Dissipation Σ c (Δu)² attributed to each plane (planes [z0, z1)): every face within a plane to
     * that plane (the wrap faces of periodic sides included), a face between planes half to each, a
     * Dirichlet half-cell face to its boundary plane. Σ over the planes = Σ over all faces = (flux) ×
     * (potential drop 1) at the discrete solution.
     */
    void planeDissipation(float[] u, double[] out, int z0, int z1) {
        final byte[] m = mask;
        for (int z = z0; z < z1; z++) {
            double s = 0;
            for (int yy = 0; yy < ny; yy++) {
                int row = z * plane + yy * nx;
                for (int xx = 0; xx < nx; xx++) {
                    int i = row + xx;
                    int c = m[i];
                    if (c == 0) {
                        continue;
                    }
                    double ui = u[i];
                    if ((c & 2) != 0) s += cx * sq(ui - u[xp(i, xx)]);
                    if ((c & 8) != 0) s += cy * sq(ui - u[yp(i, yy)]);
                    if ((c & 32) != 0) s += 0.5 * cz * sq(ui - u[i + plane]);
                    if ((c & 16) != 0) s += 0.5 * cz * sq(ui - u[i - plane]);
                    if (z == 0) s += 2 * cz * sq(1 - ui);
                    if (z == nz - 1) s += 2 * cz * sq(ui);
                }
            }
            out[z] = s;
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
