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
 * side is b_i = 2 c_Z at the inlet cells. Sides are no-flux (equivalently mirror-symmetric: a mirror
 * image of the sample across a side face carries no flux through it).
 *
 * <p>No coefficient arrays: couplings and the diagonal are formed from the one-byte mask on the fly.
 * Every kernel touches only cells with {@code mask ≠ 0}; all vectors are zero elsewhere. Red–black
 * colour = (X + Y + Z) mod 2. Kernels run on whole Z-planes [z0, z1).
 */
final class FineGrid {
    final int nx;
    final int ny;
    final int nz;
    final int plane;
    final int n;
    /** 1: percolating cell of the phase (unknown), 0: not solved. */
    final byte[] mask;
    final double cx;
    final double cy;
    final double cz;

    /** Diagonal by neighbour code (bits 0–5: −x, +x, −y, +y, −z, +z neighbour in the domain), interior and boundary planes. */
    private final double[] diagIn = new double[64];
    private final double[] diagBd = new double[64];

    /**
     * @param mask 1 for the cells of the domain, 0 elsewhere; overwritten in place with the neighbour codes
     *        (bit 6 set for a domain cell, bits 0–5 its domain face neighbours), so that the diagonal is a table look-up
     */
    FineGrid(int nx, int ny, int nz, byte[] mask, double cx, double cy, double cz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.plane = nx * ny;
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
                    if (x > 0 && m[i - 1] != 0) code |= 1;
                    if (x < nx - 1 && m[i + 1] != 0) code |= 2;
                    if (y > 0 && m[i - nx] != 0) code |= 4;
                    if (y < ny - 1 && m[i + nx] != 0) code |= 8;
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

    /** The right-hand side at cell i of plane z: 2 c_Z at the inlet (u = 1 there). */
    double rhs(int z) {
        return z == 0 ? 2 * cz : 0;
    }

    /** Diagonal of A at cell i = (x, y, z), a cell of the mask. */
    double diag(int i, int x, int y, int z) {
        return diagTable(z)[mask[i] & 63];
    }

    /** Σ_j c_a v_j over the phase neighbours of cell i (v is zero outside the mask). */
    double neighbours(float[] v, int i, int x, int y, int z) {
        double s = 0;
        if (x > 0) s += cx * v[i - 1];
        if (x < nx - 1) s += cx * v[i + 1];
        if (y > 0) s += cy * v[i - nx];
        if (y < ny - 1) s += cy * v[i + nx];
        if (z > 0) s += cz * v[i - plane];
        if (z < nz - 1) s += cz * v[i + plane];
        return s;
    }

    /** y = A x on planes [z0, z1); returns Σ x·y there. */
    double applyDot(float[] x, float[] y, int z0, int z1) {
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
                        double nb = in && xx > 0 && xx < nx - 1 ? inner(x, i) : neighbours(x, i, xx, yy, z);
                        double s = dt[c & 63] * x[i] - nb;
                        y[i] = (float) s;
                        dot += s * x[i];
                    }
                }
            }
        }
        return dot;
    }

    /** r = b − A x on planes [z0, z1); returns Σ r² there. */
    double residual(float[] x, float[] r, int z0, int z1) {
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
                        double s = b - dt[c & 63] * x[i] + (in && xx > 0 && xx < nx - 1 ? inner(x, i) : neighbours(x, i, xx, yy, z));
                        r[i] = (float) s;
                        rr += s * s;
                    }
                }
            }
        }
        return rr;
    }

    /** Gauss–Seidel on the cells of one colour of planes [z0, z1): x_i = (b_i + Σ c x_j)/d_i; fromZero: x_i = b_i/d_i. */
    void sweep(float[] x, float[] b, int colour, boolean fromZero, int z0, int z1) {
        final byte[] m = mask;
        for (int z = z0; z < z1; z++) {
            final double[] dt = diagTable(z);
            for (int yy = 0; yy < ny; yy++) {
                int row = z * plane + yy * nx;
                boolean in = innerRow(yy, z);
                for (int xx = (colour + yy + z) & 1; xx < nx; xx += 2) {
                    int i = row + xx;
                    int c = m[i];
                    if (c != 0) {
                        double s = fromZero ? b[i]
                                : b[i] + (in && xx > 0 && xx < nx - 1 ? inner(x, i) : neighbours(x, i, xx, yy, z));
                        x[i] = (float) (s / dt[c & 63]);
                    }
                }
            }
        }
    }

    /**
     * Adds the residual b − A x of fine plane z to its 2×2(×2) blocks on a coarse grid (cnx × cny per
     * plane, coarse plane zc = z/2): bc[block] += (b − A x)_i.
     */
    void restrictPlane(float[] x, float[] b, float[] bc, int cnx, int cny, int z) {
        final byte[] m = mask;
        final double[] dt = diagTable(z);
        int cbase = cnx * cny * (z / 2);
        for (int yy = 0; yy < ny; yy++) {
            int row = z * plane + yy * nx;
            int crow = cbase + cnx * (yy / 2);
            boolean in = innerRow(yy, z);
            for (int xx = 0; xx < nx; xx++) {
                int i = row + xx;
                int c = m[i];
                if (c != 0) {
                    double res = b[i] - dt[c & 63] * x[i] + (in && xx > 0 && xx < nx - 1 ? inner(x, i) : neighbours(x, i, xx, yy, z));
                    bc[crow + (xx >> 1)] += (float) res;
                }
            }
        }
    }

    /** Σ b·x over planes [z0, z1). */
    double dot(float[] b, float[] x, int z0, int z1) {
        double s = 0;
        for (int i = z0 * plane, e = z1 * plane; i < e; i++) {
            s += (double) b[i] * x[i];
        }
        return s;
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
     * that plane, a face between planes half to each, a Dirichlet half-cell face to its boundary plane.
     * Σ over the planes = Σ over all faces = (flux) × (potential drop 1) at the discrete solution.
     */
    void planeDissipation(float[] u, double[] out, int z0, int z1) {
        final byte[] m = mask;
        for (int z = z0; z < z1; z++) {
            double s = 0;
            for (int yy = 0; yy < ny; yy++) {
                int row = z * plane + yy * nx;
                for (int xx = 0; xx < nx; xx++) {
                    int i = row + xx;
                    if (m[i] == 0) {
                        continue;
                    }
                    double ui = u[i];
                    if (xx < nx - 1 && m[i + 1] != 0) s += cx * sq(ui - u[i + 1]);
                    if (yy < ny - 1 && m[i + nx] != 0) s += cy * sq(ui - u[i + nx]);
                    if (z < nz - 1 && m[i + plane] != 0) s += 0.5 * cz * sq(ui - u[i + plane]);
                    if (z > 0 && m[i - plane] != 0) s += 0.5 * cz * sq(ui - u[i - plane]);
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
