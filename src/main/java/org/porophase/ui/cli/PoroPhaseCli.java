package org.porophase.ui.cli;

import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code porophase} command line: {@code java -jar porophase-cli.jar <command> …}.
 * Exit codes: 0 success, 1 at least one input failed (the others were processed), 2 bad usage.
 */
@Command(name = "porophase", mixinStandardHelpOptions = true, versionProvider = PoroPhaseCli.VersionProvider.class,
        description = "Microstructure characterization of porous scaffolds (SEM, XCT) and phase-field Li plating.",
        subcommands = {AnalyzeCommand.class, VolumeCommand.class, PhaseFieldCommand.class, CompareCommand.class, SynthCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class PoroPhaseCli implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Version from the bundled plugin.yml. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"PoroPhase " + Version.get()};
        }
    }

    /** A CommandLine with PoroPhase's error handling: user errors print one clear line, exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PoroPhaseCli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof PoroPhaseException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
