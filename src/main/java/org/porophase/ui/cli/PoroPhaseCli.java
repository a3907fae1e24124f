package org.porophase.ui.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code porophase} command line: {@code java -jar porophase-cli.jar <command> …}.
 * <p>
 * One exit-code policy for every command: {@value #OK} done; {@value #SOME_FAILED} some inputs
 * failed (the others are complete; a phase-field run that diverged counts as failed);
 * {@value #BAD_INPUT} bad usage or bad input (nothing was analysed). One top-level handler turns
 * every exception into one line naming the cause ({@code --debug} anywhere on the command line adds
 * the stack trace). Warnings go to standard error as {@code warning: …}.
 */
@Command(name = "porophase", mixinStandardHelpOptions = true, versionProvider = PoroPhaseCli.VersionProvider.class,
        description = {"Microstructure characterization of porous scaffolds (SEM, XCT) and phase-field Li plating.",
                "Exit codes: 0 done, 1 some inputs failed (the others are complete), 2 bad usage or input.",
                "--debug (anywhere) prints the stack trace of an error."},
        subcommands = {AnalyzeCommand.class, VolumeCommand.class, InfoCommand.class, PhaseFieldCommand.class, CompareCommand.class, TransportCommand.class, SynthCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class PoroPhaseCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int BAD_INPUT = 2;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return OK;
    }

    /** Version from the bundled plugin.yml. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"PoroPhase " + Version.get()};
        }
    }

    /** A CommandLine with PoroPhase's options from plugin.yml and its error handling (one line, exit 2). */
    public static CommandLine commandLine() {
        return commandLine(false);
    }

    static CommandLine commandLine(boolean debug) {
        CommandLine cl = new CommandLine(new PoroPhaseCli());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof SpecOptions.Bound b) {
                SpecOptions.attach(sub.getCommandSpec(), b);
            }
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage() + " (see 'porophase " + (c.getParent() == null ? "" : c.getCommandName() + " ")
                    + "--help')");
            c.getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("error: " + withInput(message(ex), parseResult));
            if (debug) {
                ex.printStackTrace(new java.io.PrintWriter(cmd.getErr(), true));
            }
            cmd.getErr().flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /**
     * A message names the input it is about: with a single input on the command line and a message
     * that names no file at all, the message is prefixed with it ("scan.tif: crop box … is not inside …").
     */
    static String withInput(String message, CommandLine.ParseResult pr) {
        CommandLine.ParseResult sub = pr;
        while (sub.subcommand() != null) {
            sub = sub.subcommand();
        }
        java.util.List<String> positionals = new ArrayList<>();
        for (CommandLine.Model.PositionalParamSpec p : sub.matchedPositionals()) {
            positionals.addAll(p.stringValues());
        }
        if (positionals.size() != 1 || message == null || message.startsWith("--") || message.startsWith("config")
                || message.startsWith("option") || message.contains(java.io.File.separator)) {
            return message; // about an option, the configuration or a file it names itself (e.g. the output folder)
        }
        String input = positionals.get(0);
        String name = java.nio.file.Path.of(input).getFileName() == null ? input : java.nio.file.Path.of(input).getFileName().toString();
        return message.contains(name) ? message : input + ": " + message;
    }

    /** The message a user reads for any exception: PoroPhase's own as it is, others with their cause. */
    static String message(Throwable ex) {
        if (ex instanceof PoroPhaseException) {
            return ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + ex.getMessage() + "): give Java more heap (java -Xmx8g -jar …), use fewer --threads, or analyse a smaller region";
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return "unexpected " + root.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (please report it with the command line; --debug shows the stack trace)";
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean debug = a.remove("--debug");
        System.exit(commandLine(debug).execute(a.toArray(new String[0])));
    }
}
