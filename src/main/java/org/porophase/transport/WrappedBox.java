package org.porophase.transport;

/**
 * A box of NX × NY × NZ cells in x-fastest order whose lateral sides may be periodic: the one place where
 * the transport grids ({@link FineGrid} and the coarse levels of {@link GridMultigrid}) find a cell's
 * lateral face neighbours with or without the wrap-around of {@link SideBoundary#PERIODIC}.
 */
abstract class WrappedBox {
    final int nx;
    final int ny;
    final int nz;
    final int plane;
    /** Periodic in X / Y (a periodic side with more than one cell). */
    final boolean px;
    final boolean py;
    /** A wrap couples two cells of one red–black colour (a periodic side of odd extent). */
    final boolean wrapColour;

    WrappedBox(int nx, int ny, int nz, boolean periodic) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.plane = nx * ny;
        this.px = periodic && nx > 1;
        this.py = periodic && ny > 1;
        this.wrapColour = px && (nx & 1) == 1 || py && (ny & 1) == 1;
    }

    /** Index of the −x neighbour of cell i at column x (wrapped when periodic), −1 when none. */
    final int xm(int i, int x) {
        return x > 0 ? i - 1 : px ? i + nx - 1 : -1;
    }

    /** Index of the +x neighbour of cell i at column x (wrapped when periodic), −1 when none. */
    final int xp(int i, int x) {
        return x < nx - 1 ? i + 1 : px ? i - nx + 1 : -1;
    }

    /** Index of the −y neighbour of cell i at row y (wrapped when periodic), −1 when none. */
    final int ym(int i, int y) {
        return y > 0 ? i - nx : py ? i + (ny - 1) * nx : -1;
    }

    /** Index of the +y neighbour of cell i at row y (wrapped when periodic), −1 when none. */
    final int yp(int i, int y) {
        return y < ny - 1 ? i + nx : py ? i - (ny - 1) * nx : -1;
    }
}
