package org.porophase.transport;

import java.util.Locale;

import org.porophase.core.PoroPhaseException;

/**
 * The condition on the four side faces of a transport problem (the faces parallel to the transport axis).
 *
 * <ul>
 * <li>{@link #NO_FLUX}: no flux crosses a side face. For the cell-centred finite-volume scheme of
 * {@link TortuositySolver} this is <em>the same operator</em> as a mirror-symmetric side: the mirror
 * image of a boundary voxel across the face is the voxel itself, so the two-point flux c(u_i − u_mirror)
 * through the face is zero. The same holds for the percolation flood, the geodesic distance of
 * {@link GeometricTortuosity} (a path that crosses a mirror folds back onto an in-box path of the same
 * length) and the drainage of {@link Drainage} (a mirror-image wall or ball is never nearer than the
 * original). "mirror" is therefore an alias of no-flux, not a second code path.</li>
 * <li>{@link #PERIODIC}: the sample is continued by its periodic copies across the sides: a voxel at
 * x = n_x − 1 is the face neighbour of the voxel at x = 0 (same for the other side axis). A channel that
 * leaves one side re-enters at the other; percolation, the geodesic paths and the drainage flood
 * and spheres wrap in the same way. A side axis one voxel thick (a 2D section) is not wrapped.</li>
 * </ul>
 */
public enum SideBoundary {
    NO_FLUX("no-flux"),
    PERIODIC("periodic");

    private final String key;

    SideBoundary(String key) {
        this.key = key;
    }

    /** The plugin.yml / JSON spelling: {@code no-flux} or {@code periodic}. */
    public String key() {
        return key;
    }

    /**
     * Parses {@code no-flux}, {@code mirror} (= no-flux, see the class comment) or {@code periodic}
     * (case-insensitive; {@code no_flux}, {@code noflux} accepted).
     *
     * @throws PoroPhaseException naming the value and the allowed ones
     */
    public static SideBoundary parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (t) {
            case "no-flux":
            case "noflux":
            case "mirror":
                return NO_FLUX;
            case "periodic":
                return PERIODIC;
            default:
                throw new PoroPhaseException("side boundary '" + text + "' is not one of no-flux, mirror, periodic: write e.g. --side-boundary periodic");
        }
    }
}
