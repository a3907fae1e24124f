package org.porophase.phasefield;

/** Small hand-made geometries for the validation tests. */
final class Geometries {
    private Geometries() {
    }

    /**
     * A 1D-like column (nx × 1 × nz): dense Li for z &lt; zLi, dense LLZO beyond; the Li|LLZO contact is
     * the face between z = zLi − 1 and zLi. ϕ is the logistic of the signed distance to that face.
     */
    static Geometry planarContact(int nx, int nz, int zLi, double dx, PhaseFieldParameters p) {
        int n = nx * nz;
        double ell = p.interfaceLengthUm();
        double[] phi = new double[n];
        boolean[] open = new boolean[n];
        boolean[] pore = new boolean[n];
        double[] xi0 = new double[n];
        for (int z = 0; z < nz; z++) {
            double sd = (z - zLi + 0.5) * dx;
            for (int x = 0; x < nx; x++) {
                int i = x + nx * z;
                phi[i] = Geometry.logistic(sd / ell);
                open[i] = z < zLi;
                xi0[i] = open[i] ? 1 : 0;
            }
        }
        return Geometry.restore(nx, 1, nz, dx, zLi, zLi, phi, open, pore, xi0, dx, Geometry.Side.TOP, "test");
    }

    /**
     * A 1D-like column like {@link #planarContact}, but with the Li front diffuse against the LLZO, as the
     * local reaction of eq. 9 needs: ξ = logistic((z_f − z)/ℓ) in the open cells with the ξ = ½ level
     * {@code gapCells} cells before the Li|LLZO face, so the front's diffuse zone overlaps the diffuse
     * LLZO (a flat contact that reacts; a buried ξ = 1 contact does not).
     */
    static Geometry diffuseContact(int nx, int nz, int zLi, double gapCells, double dx, PhaseFieldParameters p) {
        Geometry c = planarContact(nx, nz, zLi, dx, p);
        double ell = p.effectiveInterfaceLengthUm();
        double zf = (zLi - gapCells) * dx;
        double[] xi0 = new double[nx * nz];
        for (int z = 0; z < zLi; z++) {
            for (int x = 0; x < nx; x++) {
                xi0[x + nx * z] = Geometry.logistic((zf - (z + 0.5) * dx) / ell);
            }
        }
        return Geometry.restore(nx, 1, nz, dx, zLi, zLi, c.phi, c.open, c.pore, xi0, dx, Geometry.Side.TOP, "test");
    }

    /** All-open (vacuum) box with a Li disk of radius r (µm) at the centre; no LLZO. */
    static Geometry disk(int nx, int nz, double dx, double r, PhaseFieldParameters p) {
        int n = nx * nz;
        double ell = p.interfaceLengthUm();
        double[] phi = new double[n];
        boolean[] open = new boolean[n];
        boolean[] pore = new boolean[n];
        double[] xi0 = new double[n];
        double cx = nx * dx / 2;
        double cz = nz * dx / 2;
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * z;
                open[i] = true;
                double d = Math.hypot((x + 0.5) * dx - cx, (z + 0.5) * dx - cz) - r;
                xi0[i] = Geometry.logistic(-d / ell);
            }
        }
        return Geometry.restore(nx, 1, nz, dx, 0, nz, phi, open, pore, xi0, dx, Geometry.Side.TOP, "test");
    }
}
