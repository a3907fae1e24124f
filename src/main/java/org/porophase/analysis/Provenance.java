package org.porophase.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.porophase.core.Sha256;
import org.porophase.config.Version;

/**
 * The provenance keys every JSON output carries (2D summary, 3D summary, phase-field result, compare
 * summary): {@code software} ("PoroPhase VERSION"), {@code input} (the input's path as given, or null
 * for a synthetic geometry), {@code input_sha256} (lower-case hex SHA-256 of the input file, null for a
 * folder, an image open in ImageJ or a synthetic geometry), {@code parameters} (every option of the
 * run) and {@code warnings} (a list, possibly empty), plus {@code deprecated_keys} where an old key is
 * kept one more release as an alias.
 */
public final class Provenance {
    private Provenance() {
    }

    /** Value of the {@code software} key. */
    public static String software() {
        return "PoroPhase " + Version.get();
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path f) {
        return Sha256.of(f);
    }

    /** SHA-256 of {@code f} when it is a regular file, else null (folder of slices, no file). */
    public static String sha256OrNull(Path f) {
        return Sha256.ofFileOrNull(f);
    }

    /**
     * The {@code deprecated_keys} entry for {@code mean_pore_diameter_um}, which meant the mean
     * equivalent-circle diameter in 2D and the volume-weighted local thickness in 3D.
     */
    public static Map<String, Object> deprecatedMeanPoreDiameter(String replacement, String meaning) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("use_instead", replacement);
        e.put("meaning_here", meaning);
        e.put("removed_in", "the next release");
        e.put("why", "the key meant the mean equivalent-circle diameter in 2D and the volume-weighted local thickness in 3D");
        m.put("mean_pore_diameter_um", e);
        return m;
    }
}
