package org.porophase.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three jars as built: nothing of Spark (Spark, Scala, Hadoop, our {@code org.porophase.spark}) in the
 * Fiji plugin jar or the CLI jar; {@code porophase-spark.jar} holds the runner with its main class and
 * no Spark, Scala or Hadoop class (they are the cluster's); and that jar runs a real {@code analyze} the way
 * {@code spark-submit} starts it: a JVM with Spark's jars (here: the provided-scope jars of the build) and
 * the application jar on the class path, the launcher's JVM options, {@code spark.master=local[1]}.
 */
class SparkJarIT {

    static final Path TARGET = Path.of("target");

    static List<String> entries(String jar) throws IOException {
        Path p = TARGET.resolve(jar);
        assertTrue(Files.isRegularFile(p), "run after 'mvn package': " + p + " is missing");
        try (JarFile j = new JarFile(p.toFile())) {
            return j.stream().map(e -> e.getName()).toList();
        }
    }

    @Test
    void sparkIsInNoJarButItsOwn() throws IOException {
        for (String jar : List.of("porophase.jar", "PoroPhase_.jar", "porophase-cli.jar", "porophase-spark.jar")) {
            List<String> e = entries(jar);
            for (String prefix : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/apache/parquet/")) {
                assertTrue(e.stream().noneMatch(n -> n.startsWith(prefix)), jar + " holds " + prefix);
            }
            boolean runner = e.stream().anyMatch(n -> n.startsWith("org/porophase/spark/"));
            assertEquals(jar.equals("porophase-spark.jar"), runner, jar + ": org.porophase.spark");
        }
        List<String> s = entries("porophase-spark.jar");
        assertTrue(s.contains("org/porophase/spark/PoroPhaseSpark.class") && s.contains("plugin.yml"), "runner and plugin.yml");
        assertTrue(s.stream().noneMatch(n -> n.startsWith("org/yaml/") || n.startsWith("picocli/") || n.startsWith("org/porophase/ui/")),
                "snakeyaml relocated, no front end");
        try (JarFile j = new JarFile(TARGET.resolve("porophase-spark.jar").toFile())) {
            assertEquals("org.porophase.spark.PoroPhaseSpark", j.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void theSparkJarRunsWithSparksClassPath(@TempDir Path tmp) throws Exception {
        // Spark's jars: everything on this class path but the build's own classes and the libraries the runner jar bundles
        List<String> spark = new ArrayList<>();
        String target = TARGET.toAbsolutePath().toString().replace('\\', '/');
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = Path.of(e).toAbsolutePath().toString().replace('\\', '/');
            if (n.startsWith(target) || n.endsWith("/classes") || n.endsWith("/test-classes") || n.contains("/org/yaml/") || n.contains("/io/jhdf/")
                    || n.contains("/net/imagej/") || n.contains("/info/picocli/") || n.contains("/org/scijava/") || n.contains("/org/junit/")
                    || n.contains("/com/tngtech/") || n.contains("/org/lz4/") || n.contains("failsafe") || n.contains("surefire")) {
                continue;
            }
            spark.add(e);
        }
        assertTrue(spark.stream().anyMatch(e -> e.contains("spark-core")), "Spark on the test class path: " + spark.size());
        String cp = TARGET.resolve("porophase-spark.jar").toAbsolutePath() + File.pathSeparator + String.join(File.pathSeparator, spark);
        Path out = tmp.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dspark.master=local[1]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1"));
        for (String opt : System.getProperty("spark.jvm.options", String.join(" ",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"))
                .split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.addAll(List.of("-cp", cp, "org.porophase.spark.PoroPhaseSpark", "analyze", "test-images/sem_cylinders_fei.tif",
                "test-images/xct_boolean_spheres_80.tif", "--out", out.toString(), "--quiet"));
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the runner did not finish in 300 s");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text.length() > 4000 ? text.substring(text.length() - 4000) : text);
        assertTrue(text.contains("2 of 2 file(s) analysed, 0 failed"), text);
        try (Stream<Path> s = Files.list(out)) {
            List<String> names = s.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("sem_cylinders_fei.summary.json") && names.contains("xct_boolean_spheres_80.summary.json")
                    && names.contains("summary.csv") && names.contains("summary.parquet"), names.toString());
        }
    }
}
