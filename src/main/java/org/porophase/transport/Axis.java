package org.porophase.transport;

import java.util.List;
import java.util.Locale;

import org.porophase.core.PoroPhaseException;

/** A transport axis of a volume or image: x (columns), y (rows) or z (slices). */
public enum Axis {
    X, Y, Z;

    /** 0, 1, 2 for x, y, z (the index of {@link org.porophase.core.VoxelSize#along}). */
    public int index() {
        return ordinal();
    }

    /** The lower-case letter. */
    public String letter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code x}, {@code y}, {@code z} or {@code all} (case-insensitive); {@code all} gives every
     * axis along which the grid is more than one voxel thick ({@code depth = 1}: x and y only).
     *
     * @throws PoroPhaseException naming the value and the allowed letters
     */
    public static List<Axis> parseList(String text, int depth) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "x":
                return List.of(X);
            case "y":
                return List.of(Y);
            case "z":
                return List.of(Z);
            case "all":
                return depth > 1 ? List.of(X, Y, Z) : List.of(X, Y);
            default:
                throw new PoroPhaseException("transport axis '" + text + "' is not one of x, y, z, all: write e.g. --axis z");
        }
    }
}
