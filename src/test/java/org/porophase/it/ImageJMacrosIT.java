package org.porophase.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.FileSaver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.synth.SemSynthesizer;

/**
 * Every macro of {@code macros/} run by a real ImageJ 1.54p (the {@code net.imagej:ij} jar from Maven
 * Central) in batch mode, with the built {@code target/PoroPhase_.jar} installed the way Fiji does
 * (the plugin in {@code plugins/}, the dependencies Fiji ships and the plugin jar leaves out,
 * commons-math3 and scijava-common, under {@code jars/}), on inputs made from
 * {@code test-images/} plus bad files: a corrupt TIFF, a non-image, an RGB image and an uncalibrated
 * image. Plain ImageJ 1.x builds AWT menus before it runs a command, which a headless JVM cannot, so
 * ImageJ runs on a virtual display ({@code xvfb-run}); without it the test is skipped with that reason
 * ({@code .ci/run} installs it).
 */
class ImageJMacrosIT {

    @TempDir
    static Path tmp;
    static Path imagej;
    static Path semIn;
    static Path xctIn;

    @BeforeAll
    static void install() throws Exception {
        Assumptions.assumeTrue(onPath("xvfb-run"), "xvfb-run not found: install Debian's xvfb to run ImageJ 1.x macros without a display");
        Assumptions.assumeTrue(displayWorks(), "xvfb-run is installed but cannot start a virtual display here (xvfb-run -a true failed)");
        Path jar = Path.of("target", "PoroPhase_.jar");
        assertTrue(Files.isRegularFile(jar), "run after 'mvn package': " + jar + " is missing");
        imagej = Files.createDirectories(tmp.resolve("ImageJ"));
        Files.createDirectories(imagej.resolve("plugins"));
        Files.createDirectories(imagej.resolve("jars"));
        Files.copy(jar, imagej.resolve("plugins/PoroPhase_.jar"));
        // the dependencies Fiji ships (and porophase.jar leaves out) go under jars/, as in Fiji.app
        for (Class<?> c : new Class<?>[] {org.apache.commons.math3.util.FastMath.class, org.scijava.Context.class}) {
            Path dep = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.copy(dep, imagej.resolve("jars").resolve(dep.getFileName()));
        }

        semIn = Files.createDirectories(tmp.resolve("sem"));
        for (String n : new String[] {"sem_cylinders_fei.tif", "sem_boolean_zeiss.tif", "sem_cylinders_tescan.tif"}) {
            Files.copy(Path.of("test-images", n), semIn.resolve(n));
        }
        Files.write(semIn.resolve("corrupt.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 7, 7});
        Files.writeString(semIn.resolve("readme.pdf"), "not an image");
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(SemSynthesizer.Params.builder().width(256).height(192)
                .pixelSizeUm(0.05).poreDiameterUm(1.0).porosity(0.3).seed(4).build());
        ImagePlus rgb = new ImagePlus("rgb", s.image().convertToColorProcessor());
        rgb.getCalibration().pixelWidth = 0.05; // an RGB export with an ImageJ calibration: accepted, converted with a warning
        rgb.getCalibration().pixelHeight = 0.05;
        rgb.getCalibration().setUnit("micron");
        new FileSaver(rgb).saveAsTiff(semIn.resolve("rgb.tif").toString());
        new FileSaver(new ImagePlus("plain", s.image())).saveAsTiff(semIn.resolve("uncalibrated.tif").toString());

        xctIn = Files.createDirectories(tmp.resolve("xct"));
        Files.copy(Path.of("test-images", "xct_boolean_spheres_80.tif"), xctIn.resolve("xct_boolean_spheres_80.tif"));
        Files.write(xctIn.resolve("broken.tif"), new byte[] {'I', 'I', 42, 0});
    }

    /** xvfb-run can start a display and run a command (within 60 s). */
    static boolean displayWorks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("xvfb-run", "-a", "true").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    static boolean onPath(String cmd) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, cmd))) {
                return true;
            }
        }
        return false;
    }

    static String runMacro(String macro, String args) throws IOException, InterruptedException {
        String ijJar = Path.of(ij.IJ.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", ijJar, "-ijpath",
                imagej.toString(), "-batch", Path.of("macros", macro).toAbsolutePath().toString(), args));
        Path log = Files.createTempFile(tmp, macro, ".log");
        // output to a file, not a pipe: a hung ImageJ (a dialog under Xvfb) must not block the test past its time limit
        Process p = new ProcessBuilder(cmd).directory(imagej.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(macro + " did not finish within 240 s; its output:\n" + Files.readString(log));
        }
        return Files.readString(log);
    }

    @Test
    void analyzeSemFolder() throws Exception {
        Path out = tmp.resolve("sem-out");
        String log = runMacro("analyze_sem_folder.ijm", "input=" + semIn + "/ output=" + out + "/");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(7, csv.size(), "header + 6 files: " + log + "\n" + String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.contains("corrupt.tif,failed,")), String.join("\n", csv));
        // no calibration: refused for µm results (issue 12), a failed row that names the fix; the batch goes on
        assertTrue(csv.stream().anyMatch(l -> l.contains("uncalibrated.tif,failed,") && l.contains("has no pixel size")
                && l.contains("--units px")), String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.contains("rgb.tif,ok,") && l.contains("is RGB")), String.join("\n", csv));
        assertTrue(log.contains("corrupt.tif"), log);
        assertTrue(log.contains("readme.pdf"), "the non-image is reported as skipped: " + log);
        String fei = Files.readString(out.resolve("sem_cylinders_fei.summary.json"));
        assertTrue(fei.contains("\"calibration_source\": \"fei\"") && fei.contains("\"pore_count\": 152"), fei);
        for (String f : new String[] {"sem_cylinders_fei.pores.csv", "sem_cylinders_fei.mask.tif", "sem_cylinders_fei.qc.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertNoPartialFiles(out);
    }

    @Test
    void porosityProfileOfXctFolder() throws Exception {
        Path out = tmp.resolve("xct-out");
        String log = runMacro("porosity_profile_xct_folder.ijm", "input=" + xctIn + "/ output=" + out + "/ options=[connectivity]");
        List<String> profile = Files.readAllLines(out.resolve("xct_boolean_spheres_80.profile.csv"));
        assertEquals(81, profile.size(), "header + one row per slice: " + log);
        assertTrue(Files.size(out.resolve("xct_boolean_spheres_80.profile.png")) > 0);
        String json = Files.readString(out.resolve("xct_boolean_spheres_80.summary.json"));
        assertTrue(json.contains("\"open_porosity\""), json);
        assertTrue(log.contains("broken.tif"), "the broken volume is reported: " + log);
        assertNoPartialFiles(out);
    }

    @Test
    void compareFolder() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("cmp-in"));
        Files.copy(semIn.resolve("sem_cylinders_tescan.tif"), in.resolve("sem_cylinders_tescan.tif"));
        Files.copy(semIn.resolve("corrupt.tif"), in.resolve("corrupt.tif"));
        Path out = tmp.resolve("cmp-out");
        String log = runMacro("compare_folder.ijm", "input=" + in + "/ output=" + out + "/ options=[time_s=5 equilibration_s=5 cells_per_interface=2]");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, csv.size(), log + "\n" + String.join("\n", csv));
        assertTrue(csv.get(1).contains("corrupt.tif,failed,"), csv.get(1));
        Path report = out.resolve("sem_cylinders_tescan");
        for (String f : new String[] {"sem_cylinders_tescan.summary.json", "sem_cylinders_tescan.comparison.csv", "report.html",
                "sem_cylinders_tescan.sc-rj.png", "sem_cylinders_tescan.xi-final.png"}) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
    }

    static void assertNoPartialFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial files");
        }
    }
}
