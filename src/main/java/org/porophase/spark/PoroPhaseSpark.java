package org.porophase.spark;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.porophase.core.PoroPhaseException;

/**
 * The Spark runner: {@code spark-submit --class org.porophase.spark.PoroPhaseSpark porophase-spark.jar
 * COMMAND [options] INPUT…} with the same jar on a laptop ({@code --master local[N]}) and on a cluster
 * (YARN, Kubernetes, standalone). Commands:
 * <ul>
 * <li>{@code analyze}, {@code analyze-volume}, {@code compare} — over files, folders, globs
 * ({@link BatchCommand});</li>
 * <li>{@code sweep FILE.yml} — a parameter grid of {@code phasefield} or {@code compare} ({@link SweepCommand});</li>
 * <li>{@code volume INPUT} — one large volume, the block-wise pipeline's passes distributed, one task per
 * block ({@link VolumeCommand}).</li>
 * </ul>
 * Parameters: plugin.yml's defaults, {@code --config FILE}, the CLI's flags, {@code --set NAME=VALUE}
 * ({@link SparkArgs}). Exit codes as the CLI's: {@value #OK} done, {@value #SOME_FAILED} some items failed
 * (listed; the others are complete), {@value #BAD_INPUT} bad usage or input (nothing was run).
 * Without {@code spark.master} (started with {@code java -cp}, not {@code spark-submit}) it runs in
 * {@code local[*]}.
 */
public final class PoroPhaseSpark {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int BAD_INPUT = 2;

    static final List<String> COMMANDS = List.of("analyze", "analyze-volume", "compare", "sweep", "volume");

    private PoroPhaseSpark() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
            System.err.println((help ? "" : "error: " + (args.length == 0 ? "no command" : "unknown command '" + args[0] + "'") + "\n") + usage());
            System.exit(help ? OK : BAD_INPUT);
        }
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("PoroPhase " + args[0]).config(conf);
        if (!conf.contains("spark.master")) {
            b = b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        int code;
        try {
            code = run(spark, args, System.err);
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /**
     * Runs one command in {@code spark}; messages go to {@code err}. Returns the exit code (bad usage or
     * input: one line {@code error: …}, with the stack trace when {@code --debug} is given).
     */
    public static int run(SparkSession spark, String[] args, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        try {
            if (args.length == 0 || !COMMANDS.contains(args[0])) {
                err.println("error: " + (args.length == 0 ? "no command" : "unknown command '" + args[0] + "'") + "\n" + usage());
                return BAD_INPUT;
            }
            SparkArgs a = SparkArgs.parse(args[0], Arrays.copyOfRange(args, 1, args.length));
            if (a.help) {
                err.println(usage());
                return OK;
            }
            for (String w : a.warnings) {
                err.println("warning: " + w);
            }
            return switch (a.command) {
                case "sweep" -> SweepCommand.run(spark, a, err);
                case "volume" -> VolumeCommand.run(spark, a, err);
                default -> BatchCommand.run(spark, a, err);
            };
        } catch (PoroPhaseException e) {
            err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: spark-submit [spark options] --class org.porophase.spark.PoroPhaseSpark porophase-spark.jar COMMAND [options] INPUT...",
                "commands:",
                "  analyze INPUT...          SEM cross-sections (3D files as volumes): each file's outputs as the CLI writes them, summary.csv + summary.parquet",
                "  analyze-volume INPUT...   volumes (a folder of only 2D slices is one volume): outputs + summary.csv + summary.parquet",
                "  compare INPUT...          real vs ideal twin: a report folder OUT/STEM/ each, summary.csv + summary.parquet",
                "  sweep FILE.yml            a parameter grid of phasefield or compare: OUT/run-NNNN.* (or OUT/run-NNNN/), sweep.csv + sweep.parquet",
                "  volume INPUT              one large volume (Zarr, N5, OME-Zarr, any volume) analysed block-wise, one task per block: OUT/STEM.summary.json",
                "options: the CLI's options of the command (porophase COMMAND --help; plugin.yml), and",
                "  " + SparkArgs.OWN_OPTIONS,
                "INPUT and --out must be paths every executor sees (a shared file system on a cluster).",
                "exit code: 0 done, 1 some items failed (listed; the others are complete), 2 bad usage or input (nothing run)");
    }
}
