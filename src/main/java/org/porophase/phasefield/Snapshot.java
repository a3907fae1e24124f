package org.porophase.phasefield;

/**
 * One saved frame: four float images (ξ, c/c₀, electrolyte potential φ in V, local ionic current
 * density in A m⁻²), each {@link #width} × {@link #height}, x to the right and depth z downwards (Li side
 * at the top). 2D runs save the whole x–z plane; 3D runs the central x–z section (y = ny/2).
 */
public final class Snapshot {
    /** Channel names (hyperstack channel labels). */
    public static final String[] CHANNELS = {"xi", "c_over_c0", "potential_V", "current_density_A_m2"};

    public final double timeS;
    public final long step;
    public final int width;
    public final int height;
    public final float[][] channels;

    public Snapshot(double timeS, long step, int width, int height, float[][] channels) {
        this.timeS = timeS;
        this.step = step;
        this.width = width;
        this.height = height;
        this.channels = channels;
    }

    /** Takes a snapshot of the solver state. */
    static Snapshot of(PhaseFieldSolver s) {
        Geometry g = s.g;
        int nx = g.nx;
        int nz = g.nz;
        int y = g.ny / 2;
        float[][] ch = new float[4][nx * nz];
        double[] j = s.currentDensity();
        double vt = s.p.thermalVoltage();
        boolean[] ionic = new boolean[g.size()];
        for (int i : s.ionIdx) {
            ionic[i] = true;
        }
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * (y + g.ny * z);
                int o = x + nx * z;
                ch[0][o] = g.open[i] ? (float) s.xi[i] : 0f;
                ch[1][o] = ionic[i] ? (float) s.c[i] : Float.NaN;
                ch[2][o] = ionic[i] ? (float) (s.psi[i] * vt) : Float.NaN;
                ch[3][o] = (float) j[i];
            }
        }
        return new Snapshot(s.time, s.steps, nx, nz, ch);
    }
}
