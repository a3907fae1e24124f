package org.porophase.config;

import org.porophase.config.PluginConfig;

/** The software version, read from the bundled {@code plugin.yml} descriptor. */
public final class Version {
    private Version() {
    }

    /** The version string, e.g. "0.1.0". */
    public static String get() {
        return PluginConfig.defaults().version();
    }
}
