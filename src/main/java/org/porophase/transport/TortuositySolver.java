package org.porophase.transport;

import java.util.Arrays;

import org.porophase.core.MemoryCheck;
import org.porophase.core.Parallel;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VoxelSize;

/**
 * Steady-state conduction (diffusion) through one phase of a 2D or 3D grid along one axis: the phase
 * has conductivity 1, everything else 0; potential u = 1 on the inlet face (the outer face of the
 * first plane along the axis), u = 0 on the outlet face; the side faces are no-flux (the same operator
 * as mirror-symmetric sides, see {@link SideBoundary}) or periodic ({@link TransportOptions#sides}).
 * Only the <em>percolating</em> part of the phase is solved: the voxels face-connected (6-connectivity,
 * 2D: 4; across the wrap when periodic) to both Dirichlet faces; the rest carries no steady flux. A
 * phase that does not connect the two faces is an error naming the phase and the axis.
 *
 * <p>Discretisation: cell-centred finite volumes ({@link FineGrid}), two-point fluxes between face
 * neighbours of the phase, the Dirichlet faces half a voxel from the first/last centres — exact for
 * straight channels (τ = 1) and laminates (the series/parallel bounds). Solver: conjugate gradients
 * (Saad, Iterative Methods for Sparse Linear Systems, Alg. 9.1) preconditioned by one aggregation-multigrid
 * V-cycle ({@link GridMultigrid}), starting from the linear profile u = 1 − (z + ½)/n_z; vectors in
 * single precision (sums in double). Three vectors only: u, the search direction p and the
 * preconditioned residual w; the residual r = b − A u is not stored but evaluated from u by the kernels
 * that read it (the true residual, not the recursively updated one), and A p is not stored either
 * (p·Ap is one pass, the update of u another). <b>Convergence on flux</b>: the fluxes through the inlet face,
 * through every interior cross-section and through the outlet face agree to
 * {@link TransportOptions#fluxTolerance} (relative spread) <em>and</em> the residual is below
 * {@link TransportOptions#residualTolerance}.
 *
 * <p>Memory, estimated and checked before anything is allocated: 13 bytes per voxel of the box
 * (1-byte neighbour code; three float vectors u, p, w) plus the coarse levels (≈ 1.7 B/voxel, see
 * {@link GridMultigrid}): ≈ 15 B/voxel; the transient 4-byte flood queue of the percolation test
 * exists only before the vectors.
 */
public final class TortuositySolver {
    private TortuositySolver() {
    }

    /** Bytes the solve of a grid of this size along an axis needs (checked before allocating). */
    public static long memoryBytes(PhaseGrid g, Axis axis) {
        int[] d = permutedDims(g, axis);
        long n = (long) d[0] * d[1] * d[2];
        return 13L * n + GridMultigrid.bytes(d[0], d[1], d[2]) + 8L * d[2] * 4;
    }

    static int[] permutedDims(PhaseGrid g, Axis axis) {
        return switch (axis) {
            case X -> new int[] {g.height(), g.depth(), g.width()};
            case Y -> new int[] {g.width(), g.depth(), g.height()};
            case Z -> new int[] {g.width(), g.height(), g.depth()};
        };
    }

    /**
     * Solves along {@code axis}.
     *
     * @throws PoroPhaseException when the grid is one voxel thick along the axis, the phase is absent,
     *         does not percolate along the axis, or the memory is not there
     */
    public static TransportResult solve(PhaseGrid g, Axis axis, TransportOptions opt) {
        long t0 = System.nanoTime();
        int along = g.size(axis);
        if (along < 2) {
            throw new PoroPhaseException("transport along " + axis.letter() + ": the sample is " + along
                    + " voxel thick along " + axis.letter() + " (" + g.width() + "×" + g.height() + "×" + g.depth()
                    + "); choose an axis along which it has at least 2 voxels" + (g.depth() == 1 ? " (a 2D image: x or y)" : ""));
        }
        long total = g.phaseVoxels();
        if (total == 0) {
            throw new PoroPhaseException("transport: the phase '" + g.name() + "' has no voxel in the "
                    + g.width() + "×" + g.height() + "×" + g.depth() + " grid; choose a phase that is present");
        }
        long vox = g.voxels();
        if (vox > Integer.MAX_VALUE - 16) {
            throw new PoroPhaseException("transport: " + vox + " voxels are more than one solve handles (2³¹); crop the volume");
        }
        long bytes = memoryBytes(g, axis);
        MemoryCheck.require(bytes, "the transport solve along " + axis.letter() + " (" + g.width() + "×" + g.height() + "×" + g.depth()
                + " voxels, ≈ " + Math.round(bytes / (double) vox) + " bytes per voxel)");
        int[] d = permutedDims(g, axis);
        final int nx = d[0];
        final int ny = d[1];
        final int nz = d[2];
        final int plane = nx * ny;
        byte[] mask = permute(g, axis, nx, ny, nz);
        // phase voxels per plane, before the non-percolating part is dropped
        double[] epsPlane = new double[nz];
        for (int z = 0; z < nz; z++) {
            int c = 0;
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                c += mask[i];
            }
            epsPlane[z] = c / (double) plane;
        }
        boolean periodic = opt.sides() == SideBoundary.PERIODIC;
        long perc = keepPercolating(mask, nx, ny, nz, periodic);
        if (perc == 0) {
            throw new PoroPhaseException("transport: the phase '" + g.name() + "' does not percolate along " + axis.letter()
                    + " (no path of face-connected voxels from the " + axis.letter() + " = 0 face to the opposite face"
                    + (periodic ? ", periodic sides" : ", " + opt.sides().key() + " sides") + "; "
                    + total + " phase voxels, ε = " + fmt(total / (double) vox) + "); no steady flux, τ is infinite along "
                    + axis.letter() + ": choose another axis or phase" + (periodic ? "" : " (or periodic sides, --side-boundary periodic, if the sample repeats sideways)"));
        }
        double[] epsPercPlane = new double[nz];
        for (int z = 0; z < nz; z++) {
            int c = 0;
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                c += mask[i];
            }
            epsPercPlane[z] = c / (double) plane;
        }
        VoxelSize vs = g.voxel();
        double[] h = permutedSpacing(vs, axis);
        double hmin = Math.min(h[0], Math.min(h[1], h[2]));
        double hx = h[0] / hmin;
        double hy = h[1] / hmin;
        double hz = h[2] / hmin;
        FineGrid f = new FineGrid(nx, ny, nz, mask, 1 / (hx * hx), 1 / (hy * hy), 1 / (hz * hz), periodic);
        Parallel par = Parallel.of(opt.threads());
        Solve s = new Solve(f, par, opt);
        s.run();
        // results
        double flux = s.meanFlux();
        double deff = flux * hz * hz * nz / ((double) nx * ny);
        double[] diss = new double[nz];
        par.forRange(nz, (long) f.n, (z0, z1) -> f.planeDissipation(s.u, diss, z0, z1));
        double[] dz = new double[nz];
        for (int z = 0; z < nz; z++) {
            // slab resistance R_z = P_z/I², D(z)/D0 = h_z²/(n_x n_y R_z) (normalised units)
            dz[z] = diss[z] > 0 ? hz * hz * flux * flux / ((double) nx * ny * diss[z]) : 0;
        }
        // central section containing the axis: plane Y = ny/2, columns X, rows Z
        int yc = ny / 2;
        float[] sec = new float[nx * nz];
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * (yc + ny * z);
                sec[x + nx * z] = mask[i] != 0 ? s.u[i] : Float.NaN;
            }
        }
        String[] names = switch (axis) {
            case X -> new String[] {"y", "z"};
            case Y -> new String[] {"x", "z"};
            case Z -> new String[] {"x", "y"};
        };
        String secAxes = "columns " + names[0] + ", rows " + axis.letter() + " (inlet at the top), at " + names[1] + " = " + yc;
        double lengthUm = along * vs.along(axis.index());
        double areaUm2 = nx * h[0] * ny * h[1];
        double secs = (System.nanoTime() - t0) / 1e9;
        return new TransportResult(g.name(), axis, new int[] {g.width(), g.height(), g.depth()}, vs, lengthUm, areaUm2,
                total / (double) vox, perc / (double) vox, deff, epsPlane, epsPercPlane, dz,
                s.iterations, s.converged, s.spread, s.inOut, s.relRes, s.mg.levels(), bytes, secs, sec, nx, nz, secAxes, opt.sides());
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    static double[] permutedSpacing(VoxelSize v, Axis axis) {
        return switch (axis) {
            case X -> new double[] {v.y(), v.z(), v.x()};
            case Y -> new double[] {v.x(), v.z(), v.y()};
            case Z -> new double[] {v.x(), v.y(), v.z()};
        };
    }

    /** The phase indicator in the permuted frame (X, Y, Z) with Z = the transport axis. */
    static byte[] permute(PhaseGrid g, Axis axis, int nx, int ny, int nz) {
        int w = g.width();
        byte[] m = new byte[nx * ny * nz];
        for (int z = 0; z < g.depth(); z++) {
            byte[] s = g.slices()[z];
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < w; x++) {
                    if (s[y * w + x] == 0) {
                        continue;
                    }
                    int i = switch (axis) {
                        case X -> y + nx * (z + ny * x);
                        case Y -> x + nx * (z + ny * y);
                        case Z -> x + nx * (y + ny * z);
                    };
                    m[i] = 1;
                }
            }
        }
        return m;
    }

    /**
     * Keeps (mask = 1) the voxels face-connected to both the Z = 0 and the Z = nz − 1 plane (across the X
     * and Y wraps when periodic), clears the others; returns how many were kept. Two breadth-first floods
     * with one int queue (4 B/voxel, transient).
     */
    static long keepPercolating(byte[] m, int nx, int ny, int nz, boolean periodic) {
        int plane = nx * ny;
        int n = plane * nz;
        int[] queue = new int[n];
        boolean px = periodic && nx > 1;
        boolean py = periodic && ny > 1;
        flood(m, queue, nx, ny, nz, px, py, 0, (byte) 2);
        flood(m, queue, nx, ny, nz, px, py, nz - 1, (byte) 4);
        long kept = 0;
        for (int i = 0; i < n; i++) {
            if (m[i] == 7) {
                m[i] = 1;
                kept++;
            } else {
                m[i] = 0;
            }
        }
        return kept;
    }

    private static void flood(byte[] m, int[] q, int nx, int ny, int nz, boolean px, boolean py, int startPlane, byte bit) {
        int plane = nx * ny;
        int head = 0;
        int tail = 0;
        for (int i = startPlane * plane; i < (startPlane + 1) * plane; i++) {
            if ((m[i] & 1) != 0) {
                m[i] |= bit;
                q[tail++] = i;
            }
        }
        while (head < tail) {
            int i = q[head++];
            int z = i / plane;
            int r = i - z * plane;
            int y = r / nx;
            int x = r - y * nx;
            if (x > 0) tail = visit(m, q, tail, i - 1, bit);
            else if (px) tail = visit(m, q, tail, i + nx - 1, bit);
            if (x < nx - 1) tail = visit(m, q, tail, i + 1, bit);
            else if (px) tail = visit(m, q, tail, i - nx + 1, bit);
            if (y > 0) tail = visit(m, q, tail, i - nx, bit);
            else if (py) tail = visit(m, q, tail, i + (ny - 1) * nx, bit);
            if (y < ny - 1) tail = visit(m, q, tail, i + nx, bit);
            else if (py) tail = visit(m, q, tail, i - (ny - 1) * nx, bit);
            if (z > 0) tail = visit(m, q, tail, i - plane, bit);
            if (z < nz - 1) tail = visit(m, q, tail, i + plane, bit);
        }
    }

    private static int visit(byte[] m, int[] q, int tail, int j, byte bit) {
        if ((m[j] & 1) != 0 && (m[j] & bit) == 0) {
            m[j] |= bit;
            q[tail++] = j;
        }
        return tail;
    }

    /** The CG iteration. */
    private static final class Solve {
        final FineGrid f;
        final Parallel par;
        final TransportOptions opt;
        final GridMultigrid mg;
        final float[] u;
        final float[] p;
        final float[] w;
        final double[] flux;
        int iterations;
        boolean converged;
        double spread = Double.NaN;
        double inOut = Double.NaN;
        double relRes = Double.NaN;
        private final long work;

        Solve(FineGrid f, Parallel par, TransportOptions opt) {
            this.f = f;
            this.par = par;
            this.opt = opt;
            this.work = 8L * f.n;
            mg = new GridMultigrid(f, par);
            u = new float[f.n];
            p = new float[f.n];
            w = new float[f.n];
            flux = new double[f.nz + 1];
        }

        void run() {
            final int nz = f.nz;
            final int plane = f.plane;
            // initial guess: the linear profile of a straight channel
            for (int z = 0; z < nz; z++) {
                float v = (float) (1 - (z + 0.5) / nz);
                for (int i = z * plane; i < (z + 1) * plane; i++) {
                    if (f.mask[i] != 0) {
                        u[i] = v;
                    }
                }
            }
            long inlet = 0;
            for (int i = 0; i < plane; i++) {
                inlet += f.mask[i] != 0 ? 1 : 0;
            }
            double bnorm = 2 * f.cz * Math.sqrt(inlet);
            double rr = par.sum(nz, work, (z0, z1) -> f.residualNorm(u, z0, z1));
            relRes = Math.sqrt(rr) / bnorm;
            if (check()) {
                return;
            }
            double rz = mg.apply(u, w);
            System.arraycopy(w, 0, p, 0, f.n);
            for (int it = 1; it <= opt.maxIterations(); it++) {
                double pq = par.sum(nz, work, (z0, z1) -> f.pAp(p, z0, z1));
                if (!(pq > 0)) {
                    break;
                }
                final float alpha = (float) (rz / pq);
                par.forRange(nz, work, (z0, z1) -> {
                    for (int i = z0 * plane, e = z1 * plane; i < e; i++) {
                        u[i] += alpha * p[i];
                    }
                });
                iterations = it;
                // the V-cycle of the next direction also gives the true residual of the updated u
                double rzNew = mg.apply(u, w);
                relRes = Math.sqrt(mg.lastResidual2()) / bnorm;
                if (relRes <= 100 * opt.residualTolerance() && check()) {
                    return;
                }
                final float beta = (float) (rzNew / rz);
                rz = rzNew;
                par.forRange(nz, work, (z0, z1) -> {
                    for (int i = z0 * plane, e = z1 * plane; i < e; i++) {
                        p[i] = w[i] + beta * p[i];
                    }
                });
            }
            check();
        }

        /** Fluxes through all cross-sections; converged when their spread and the residual are small. */
        private boolean check() {
            Arrays.fill(flux, 0);
            par.forRange(f.nz, work, (z0, z1) -> f.planeFluxes(u, flux, z0, z1));
            spread = PlaneFluxes.spread(flux);
            inOut = PlaneFluxes.inOut(flux);
            converged = spread <= opt.fluxTolerance() && relRes <= opt.residualTolerance();
            return converged;
        }

        double meanFlux() {
            return PlaneFluxes.mean(flux);
        }
    }
}
