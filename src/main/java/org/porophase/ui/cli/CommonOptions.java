package org.porophase.ui.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options every analysis command has: a plugin.yml copy, JSON on standard output, quiet. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Edited copy of plugin.yml with other defaults (only the values it changes).")
    Path config;

    @Option(names = "--json", description = "Print the result as JSON on standard output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on standard error.")
    boolean quiet;
}
