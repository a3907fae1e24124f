package org.porophase;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture of PoroPhase as executable rules (see docs/architecture.md). Production classes
 * only. A violation is reported once per offending top-level class, as
 * {@code origin → target (lines …), target (lines …)}, so the list reads as "what still has to move".
 *
 * <h2>Rules</h2>
 * <ol>
 * <li>{@link #core_packages_have_no_front_end_code}: the computational packages import no front end and
 * no rendering or GUI toolkit.</li>
 * <li>{@link #report_has_no_front_end_code}: report may draw (ij.gui, java.awt, javax.imageio) but knows no
 * front end.</li>
 * <li>Layering ({@link #MAY_USE}): one rule per package below ui, {@code layer_<package>}; siblings of a
 * tier are independent; {@link #every_class_is_in_a_layer} makes a new package take its place in the table.</li>
 * <li>{@link #packages_are_free_of_cycles}.</li>
 * <li>Front ends: picocli only in ui.cli, SciJava only in ui.scijava, ImageJ's desktop/macro API only in
 * ui.ij, and the three do not depend on each other (shared helpers may live in {@code org.porophase.ui}
 * itself).</li>
 * <li>Libraries stay behind their adapter: snakeyaml in config, jhdf, zstd-jni and lz4-java in io; core is plain Java.</li>
 * </ol>
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "org.porophase";

    /**
     * The layering, bottom to top: each package and the project packages it may use (besides itself).
     * Tiers: core ← {config, io, filter, binary} ← {segment, measure} ← {phasefield, synth} ← analysis
     * ← report ← pipeline ← ui. Packages of one tier do not use each other. config (plugin.yml) is
     * read only by parameter holders (phasefield.PhaseFieldParameters, analysis.*Options), the use
     * cases and the front ends (synth only for the version); segment and measure do no I/O.
     */
    static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("core", List.of());
        MAY_USE.put("config", List.of("core"));
        MAY_USE.put("io", List.of("core"));
        MAY_USE.put("filter", List.of("core"));
        MAY_USE.put("binary", List.of("core"));
        MAY_USE.put("segment", List.of("core", "filter", "binary"));
        MAY_USE.put("measure", List.of("core", "filter", "binary"));
        MAY_USE.put("phasefield", List.of("core", "config", "io", "filter", "binary", "segment", "measure"));
        MAY_USE.put("synth", List.of("core", "config", "io", "filter", "binary", "segment", "measure")); // config: Version for provenance
        MAY_USE.put("transport", List.of("core", "binary")); // issue 13: conduction solve on the segmented geometry
        MAY_USE.put("analysis", List.of("core", "config", "io", "filter", "binary", "segment", "measure", "phasefield", "synth", "transport"));
        MAY_USE.put("report", List.of("core", "io", "filter", "binary", "segment", "measure", "phasefield", "synth", "transport", "analysis"));
        MAY_USE.put("pipeline", List.of("core", "config", "io", "filter", "binary", "segment", "measure", "phasefield", "synth", "transport", "analysis", "report"));
        MAY_USE.put("ui", List.of("core", "config", "io", "filter", "binary", "segment", "measure", "phasefield", "synth", "transport", "analysis", "report", "pipeline"));
        // issue 14: the Spark runner, the top tier beside ui (the two do not use each other)
        MAY_USE.put("spark", List.of("core", "config", "io", "filter", "binary", "segment", "measure", "phasefield", "synth", "transport", "analysis", "report", "pipeline"));
    }

    /** Everything below the front ends and the report writers: the headless computational core. */
    static final String[] CORE_PACKAGES = pkgs("core", "io", "filter", "segment", "binary", "measure", "phasefield", "synth", "transport", "analysis", "pipeline", "config");

    /** ImageJ 1.x desktop and macro API: windows, the macro interpreter, the PlugIn entry point. */
    static final DescribedPredicate<JavaClass> IMAGEJ_DESKTOP = inPackages("ij.macro..", "ij.plugin.frame..")
            .or(namedAnyOf("ij.WindowManager", "ij.Macro", "ij.ImageJ", "ij.plugin.PlugIn"));

    /** ImageJ 1.x GUI classes: dialogs, windows, but also Plot, Overlay and Roi (figures). */
    static final DescribedPredicate<JavaClass> IMAGEJ_GUI = inPackages("ij.gui..");

    // ---- (a), (b): no front end below the UI ------------------------------------------------------

    @ArchTest
    static final ArchRule core_packages_have_no_front_end_code = classes()
            .that().resideInAnyPackage(CORE_PACKAGES)
            .should(notUse(inPackages(ROOT + ".ui..", "picocli..", "org.scijava..", "ij.gui..", "java.awt..", "javax.imageio..", "javax.swing..")))
            .as("core packages (core, io, filter, segment, binary, measure, phasefield, synth, pipeline, config) use no UI, CLI, SciJava, ij.gui, AWT, ImageIO or Swing")
            .because("they must run headless and behind every front end; figures, overlays and PNGs belong in report");

    @ArchTest
    static final ArchRule report_has_no_front_end_code = classes()
            .that().resideInAPackage(ROOT + ".report..")
            .should(notUse(inPackages(ROOT + ".ui..", "picocli..", "org.scijava..", "javax.swing..")))
            .as("report may draw (ij.gui, java.awt, javax.imageio) but uses no front end (ui, picocli, SciJava, Swing)")
            .because("the same report writers serve the CLI, the ImageJ plugins and the SciJava commands");

    // ---- (c): layering -----------------------------------------------------------------------------

    @ArchTest static final ArchRule layer_core = layer("core");
    @ArchTest static final ArchRule layer_config = layer("config");
    @ArchTest static final ArchRule layer_io = layer("io");
    @ArchTest static final ArchRule layer_filter = layer("filter");
    @ArchTest static final ArchRule layer_binary = layer("binary");
    @ArchTest static final ArchRule layer_segment = layer("segment");
    @ArchTest static final ArchRule layer_measure = layer("measure");
    @ArchTest static final ArchRule layer_phasefield = layer("phasefield");
    @ArchTest static final ArchRule layer_synth = layer("synth");
    @ArchTest static final ArchRule layer_transport = layer("transport");
    @ArchTest static final ArchRule layer_analysis = layer("analysis");
    @ArchTest static final ArchRule layer_pipeline = layer("pipeline");
    @ArchTest static final ArchRule layer_report = layer("report");
    @ArchTest static final ArchRule layer_spark = layer("spark");
    // ui may use every package but its sibling spark (and spark every package but ui).
    @ArchTest static final ArchRule layer_ui = layer("ui");

    @ArchTest
    static final ArchRule every_class_is_in_a_layer = classes()
            .that().doNotHaveSimpleName("package-info")
            .should().resideInAnyPackage(pkgs(MAY_USE.keySet().toArray(String[]::new)))
            .as("every production class lives in a package of the layering table (ArchitectureTest.MAY_USE)")
            .because("a new package must be given its place in the layering (and in docs/architecture.md)");

    // ---- (d): no cycles -----------------------------------------------------------------------------

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices()
            .matching(ROOT + ".(*)..")
            .should().beFreeOfCycles()
            .as("the top-level packages org.porophase.* are free of cycles");

    // ---- (e): front ends ----------------------------------------------------------------------------

    @ArchTest
    static final ArchRule picocli_only_in_ui_cli = classes()
            .that().resideOutsideOfPackage(ROOT + ".ui.cli..")
            .should(notUse(inPackages("picocli..")))
            .as("picocli is used only by ui.cli");

    @ArchTest
    static final ArchRule scijava_only_in_ui_scijava = classes()
            .that().resideOutsideOfPackage(ROOT + ".ui.scijava..")
            .should(notUse(inPackages("org.scijava..")))
            .as("SciJava (org.scijava) is used only by ui.scijava");

    @ArchTest
    static final ArchRule imagej_desktop_api_only_in_ui_ij = classes()
            .should(notUse(new ForbiddenDependency("ImageJ's desktop and macro API outside ui.ij") {
                @Override
                boolean forbidden(JavaClass from, JavaClass to) {
                    String origin = from.getPackageName();
                    if (IMAGEJ_DESKTOP.test(to)) {
                        return !in(origin, "ui.ij");
                    }
                    // ij.gui in the computational core is reported by core_packages_have_no_front_end_code.
                    return IMAGEJ_GUI.test(to) && (in(origin, "ui.cli") || in(origin, "ui.scijava"));
                }
            }))
            .as("ImageJ's desktop and macro API (ij.WindowManager, ij.Macro, ij.ImageJ, ij.macro, ij.plugin.frame, ij.plugin.PlugIn) "
                    + "is used only by ui.ij, and ij.gui only by ui.ij and report (figures: Plot, Overlay, Roi)")
            .because("the CLI and the SciJava commands run without an ImageJ desktop; ImageJ's data classes "
                    + "(ImagePlus, ij.process, ij.io, ij.measure, ij.plugin.filter) are fine everywhere");

    @ArchTest
    static final ArchRule front_ends_are_independent = slices()
            .matching(ROOT + ".ui.(*)..")
            .should().notDependOnEachOther()
            .as("the front ends ui.cli, ui.ij and ui.scijava do not depend on each other")
            .because("shared front-end helpers, if any, go to org.porophase.ui itself; shared logic goes to pipeline or report");

    // ---- libraries behind their adapters ------------------------------------------------------------

    @ArchTest
    static final ArchRule spark_only_in_spark = classes()
            .that().resideOutsideOfPackage(ROOT + ".spark..")
            .should(notUse(inPackages("org.apache.spark..", "scala..")))
            .as("Apache Spark (and Scala) is used only by org.porophase.spark")
            .because("Spark is provided by the cluster and left out of the Fiji and CLI jars: no other class may need it");

    @ArchTest
    static final ArchRule snakeyaml_only_in_config = classes()
            .that().resideOutsideOfPackage(ROOT + ".config..")
            .should(notUse(inPackages("org.yaml..")))
            .as("snakeyaml is used only by config")
            .because("plugin.yml is parsed in one place; snakeyaml is shaded into the plugin jar");

    @ArchTest
    static final ArchRule jhdf_only_in_io = classes()
            .that().resideOutsideOfPackage(ROOT + ".io..")
            .should(notUse(inPackages("io.jhdf..")))
            .as("jhdf is used only by io")
            .because("HDF5 is one reader among the volume readers (io.VolumeReaders)");

    @ArchTest
    static final ArchRule compression_libraries_only_in_io = classes()
            .that().resideOutsideOfPackage(ROOT + ".io..")
            .should(notUse(inPackages("com.github.luben.zstd..", "net.jpountz..")))
            .as("zstd-jni and lz4-java are used only by io")
            .because("they decode chunks of Zarr / N5 volumes (io.ChunkCodecs, io.Blosc); one place knows the codecs");

    @ArchTest
    static final ArchRule core_is_plain_java = classes()
            .that().resideInAPackage(ROOT + ".core..")
            .should(notUse(new DescribedPredicate<JavaClass>("libraries (anything outside java.. and org.porophase..)") {
                @Override
                public boolean test(JavaClass t) {
                    String p = t.getPackageName();
                    return !(p.startsWith("java.") || p.equals(ROOT) || p.startsWith(ROOT + "."));
                }
            }))
            .as("core is plain Java: no ImageJ, no library (its PoroPhase dependencies are checked by layer_core)")
            .because("it is the dimension-independent substrate every other package builds on");

    // ---- helpers -------------------------------------------------------------------------------------

    /** The layering rule of one package: it uses only itself and the packages {@link #MAY_USE} lists. */
    static ArchRule layer(String pkg) {
        List<String> allowed = MAY_USE.get(pkg);
        List<String> forbidden = MAY_USE.keySet().stream()
                .filter(p -> !p.equals(pkg) && !allowed.contains(p))
                .collect(Collectors.toList());
        String uses = allowed.isEmpty() ? "no other PoroPhase package" : "only " + String.join(", ", allowed);
        return classes()
                .that().resideInAPackage(ROOT + "." + pkg + "..")
                .should(notUse(inPackages(pkgs(forbidden.toArray(String[]::new)))))
                .as("layering: " + pkg + " uses " + uses + (forbidden.isEmpty() ? "" : " (not " + String.join(", ", forbidden) + ")"))
                .because("packages may use only lower tiers (core ← {config, io, filter, binary} ← {segment, measure} ← {phasefield, synth} "
                        + "← analysis ← report ← pipeline ← ui), see ArchitectureTest.MAY_USE and docs/architecture.md");
    }

    static String[] pkgs(String... names) {
        return Stream.of(names).map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    static DescribedPredicate<JavaClass> inPackages(String... packageIdentifiers) {
        PackageMatchers m = PackageMatchers.of(packageIdentifiers);
        return new DescribedPredicate<JavaClass>("classes in " + String.join(", ", packageIdentifiers)) {
            @Override
            public boolean test(JavaClass t) {
                return m.test(t.getPackageName());
            }
        };
    }

    static DescribedPredicate<JavaClass> namedAnyOf(String... names) {
        List<String> list = List.of(names);
        return new DescribedPredicate<JavaClass>(String.join(", ", names)) {
            @Override
            public boolean test(JavaClass t) {
                return list.contains(t.getName());
            }
        };
    }

    /** Whether a package name lies in {@code org.porophase.<pkg>} or below it. */
    static boolean in(String packageName, String pkg) {
        String p = ROOT + "." + pkg;
        return packageName.equals(p) || packageName.startsWith(p + ".");
    }

    static ArchCondition<JavaClass> notUse(DescribedPredicate<JavaClass> targets) {
        return notUse(new ForbiddenDependency(targets.getDescription()) {
            @Override
            boolean forbidden(JavaClass from, JavaClass to) {
                return targets.test(to);
            }
        });
    }

    /** Which dependencies a rule forbids, judged on the origin and the target class. */
    abstract static class ForbiddenDependency {
        final String description;

        ForbiddenDependency(String description) {
            this.description = description;
        }

        abstract boolean forbidden(JavaClass from, JavaClass to);
    }

    /**
     * "should not use …", with one violation per offending top-level class (nested, anonymous and
     * lambda classes are folded into it) listing each forbidden target class once with its lines:
     * {@code org.porophase.analysis.VolumeAnalyzer → ij.gui.Plot (VolumeAnalyzer.java: 267, 270), …}.
     */
    static ArchCondition<JavaClass> notUse(ForbiddenDependency rule) {
        return new ArchCondition<JavaClass>("not use " + rule.description) {
            private final Map<String, Map<String, SortedSet<Integer>>> hits = new TreeMap<>();
            private final Map<String, JavaClass> origins = new TreeMap<>();
            private final Map<String, String> files = new TreeMap<>();

            @Override
            public void init(Collection<JavaClass> all) {
                hits.clear();
                origins.clear();
                files.clear();
            }

            @Override
            public void check(JavaClass c, ConditionEvents events) {
                JavaClass top = topLevel(c);
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass t = d.getTargetClass().getBaseComponentType();
                    if (t.isPrimitive() || topLevel(t).equals(top) || !rule.forbidden(c, t)) {
                        continue;
                    }
                    hits.computeIfAbsent(top.getName(), k -> new TreeMap<>())
                            .computeIfAbsent(t.getName(), k -> new TreeSet<>())
                            .add(d.getSourceCodeLocation().getLineNumber());
                    origins.putIfAbsent(top.getName(), top);
                    files.putIfAbsent(top.getName(), d.getSourceCodeLocation().getSourceFileName());
                }
            }

            @Override
            public void finish(ConditionEvents events) {
                for (Map.Entry<String, Map<String, SortedSet<Integer>>> e : hits.entrySet()) {
                    List<String> parts = new ArrayList<>();
                    for (Map.Entry<String, SortedSet<Integer>> t : e.getValue().entrySet()) {
                        String lines = t.getValue().stream().filter(n -> n > 0).map(String::valueOf).collect(Collectors.joining(", "));
                        parts.add(t.getKey() + (lines.isEmpty() ? "" : " (" + files.get(e.getKey()) + ": " + lines + ")"));
                    }
                    events.add(SimpleConditionEvent.violated(origins.get(e.getKey()), e.getKey() + " → " + String.join(", ", parts)));
                }
            }
        };
    }

    static JavaClass topLevel(JavaClass c) {
        JavaClass x = c;
        while (x.getEnclosingClass().isPresent()) {
            x = x.getEnclosingClass().get();
        }
        return x;
    }
}
