package org.porophase.analysis;

import org.porophase.report.CompareReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porophase.ui.cli.PoroPhaseCli;
import org.porophase.synth.SemSynthesizer;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import picocli.CommandLine;
import org.porophase.phasefield.IdealScaffold;

/**
 * compare on a generated parallel-cylinder cross-section (256 × 192 px, δ = 1.5 µm, φ ≈ 0.4, 0.05 µm
 * pixels, FEI metadata), where the truth is S_c = 4φ/δ exactly (eq. 1 = eq. 3): short phase-field
 * (20 s) on the resolution rule's grid made coarse ({@link #LIGHT}: interface_pore_fraction 0.25, 2 cells per
 * interface, both within the rule) so that the whole class runs in a few seconds.
 */
class CompareTest {
    @TempDir
    static Path tmp;
    static Path tif;
    static Map<String, Object> truth;

    @BeforeAll
    static void generate() {
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(SemSynthesizer.Params.builder().model(SemSynthesizer.Model.CYLINDERS)
                .width(256).height(192).pixelSizeUm(0.05).poreDiameterUm(1.5).porosity(0.4).vendor(SemSynthesizer.Vendor.FEI).seed(7).build());
        tif = tmp.resolve("cyl.tif");
        SemSynthesizer.write(s, tif);
        truth = s.truth();
    }

    /** Saves a stack with cubic voxels of {@code voxelUm} µm as TMP/NAME.tif. */
    private static Path saveStack(ImageStack st, double voxelUm, String name) {
        ImagePlus imp = new ImagePlus(name, st);
        imp.getCalibration().pixelWidth = voxelUm;
        imp.getCalibration().pixelHeight = voxelUm;
        imp.getCalibration().pixelDepth = voxelUm;
        imp.getCalibration().setUnit("micron");
        Path vol = tmp.resolve(name + ".tif");
        assertTrue(new FileSaver(imp).saveAsTiffStack(vol.toString()));
        return vol;
    }

    /** CLI flags of a coarse grid that keeps the resolution rule (W_phi under half the narrowest pore, 2 cells per interface). */
    static final String[] LIGHT = {"--interface-pore-fraction", "0.25", "--cells-per-interface", "2"};

    /** Options with the {@link #LIGHT} grid. */
    static CompareOptions light() {
        CompareOptions o = CompareOptions.defaults();
        o.phaseField.interfacePoreFraction = 0.25;
        o.phaseField.cellsPerInterface = 2;
        return o;
    }

    /** {@code args} followed by {@code extra}. */
    private static String[] with(String[] extra, String... args) {
        String[] r = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, r, args.length, extra.length);
        return r;
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = PoroPhaseCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void reportFolderWithSummaryTableFiguresAndHtml() throws Exception {
        Path out = tmp.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        byte[] before = Files.readAllBytes(tif);
        int rc = cli(o, e, with(LIGHT, "compare", tif.toString(), "--out", out.toString(), "--time", "20", "--threads", "2", "--equilibration", "5",
                "-q"));
        assertEquals(0, rc, e.toString());
        Path dir = out.resolve("cyl");
        for (String f : new String[] {"cyl.summary.json", "cyl.comparison.csv", "report.html", "cyl." + CompareReport.QC, "cyl." + CompareReport.PSD,
                "cyl." + CompareReport.BARS, "cyl." + CompareReport.XI, "cyl." + CompareReport.SNAPSHOTS, "cyl." + CompareReport.CURRENT,
                "cyl." + CompareReport.FILL, "cyl." + CompareReport.CONTACT}) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f);
        }
        String json = Files.readString(dir.resolve("cyl.summary.json"), StandardCharsets.UTF_8);
        for (String k : new String[] {"\"real\"", "\"ideal\"", "\"parameters\"", "\"provenance\"", "\"phasefield\"", "\"porosity\"",
                "\"specific_surface_area_per_um\"", "\"current_density_reduction\"", "\"mean_pore_diameter_um\"", "\"wall_creep_index\"",
                "\"fill_fraction\"", "\"llzo_current_density_max_over_mean\"", "\"plated_charge_mC_cm2\"", "\"software\"", "\"input_sha256\"",
                "\"time_s\"", "\"dx_um\"", "\"impregnation_depth_um\"", "\"flat\"", "\"contact_area_ratio\"", "\"interface_void_fraction\"",
                "\"hot_spot_ratio\"", "\"dead_li_fraction\"", "\"time_to_short_s\"", "\"channel_front_spread_um\"", "\"kinetic_overpotential_V\"",
                "\"phasefield_metric_definitions\"", "\"equilibration\"", "\"resolution\"", "\"narrowest_pore_real_um\"", "\"interface_scale\""}) {
            assertTrue(json.contains(k), k);
        }
        assertTrue(json.contains(ScaffoldComparison.sha256(tif)));
        // the input is untouched
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tif)));
        // every PNG of the folder is shown in the report
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        List<String> pngs;
        try (Stream<Path> st = Files.list(dir)) {
            pngs = st.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).collect(Collectors.toList());
        }
        assertEquals(10, pngs.size(), pngs.toString()); // with the LLZO conduction bar chart
        // a plan view: the real conduction is not computed (the extrusion is the ideal twin), and the report says so
        assertTrue(json.contains("\"ideal_relative_conductivity\"") && json.contains("\"real_skipped\": \"a plan view"), json);
        assertTrue(html.contains("Ionic conduction through the LLZO"), html);
        for (String p : pngs) {
            assertTrue(html.contains("src=\"" + p + "\""), p);
        }
        // comparison.csv: header + porosity, δ, local thickness, open porosity, S_c, R_J + the phase-field metrics (real, ideal, flat)
        List<String> csv = Files.readAllLines(dir.resolve("cyl.comparison.csv"));
        // the pore size row is named by its meaning (2D: mean equivalent-circle diameter)
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("mean_equivalent_diameter_um,")), csv.toString());
        assertFalse(csv.stream().anyMatch(l -> l.startsWith("mean_pore_diameter_um,")), csv.toString());
        for (String k : new String[] {"\"deprecated_keys\"", "\"warnings\"", "\"mean_equivalent_diameter_um\""}) {
            assertTrue(json.contains(k), k);
        }
        assertEquals("metric,real,ideal,ratio,flat", csv.get(0));
        assertEquals(8 + CompareResult.PF_METRICS.size(), csv.size(), csv.toString()); // + relative_conductivity_llzo
        // a plan view across the cylinders (auto-detected): open porosity is not measurable there
        assertTrue(json.contains("\"section\": \"plan\""), json);
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("open_porosity,,")), csv.toString());
        // the porosity profile: one row per analysed row, the ideal column is the twin's porosity
        List<String> prof = Files.readAllLines(dir.resolve("cyl.profile.csv"));
        assertEquals("position_um,porosity_real,porosity_ideal", prof.get(0));
        assertEquals(((Number) truth.get("height_px")).intValue() + 1, prof.size());
        assertTrue(Files.readAllLines(dir.resolve("cyl.psd.csv")).size() > 3);
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("wall_creep_index,")));
        // plated charge: same galvanostatic current and time in both runs → ratio 1 (charge balance is exact)
        String plated = csv.stream().filter(l -> l.startsWith("plated_charge_mC_cm2,")).findFirst().orElseThrow();
        assertEquals(1.0, Double.parseDouble(plated.split(",")[3]), 1e-3, plated);
        // the contact-area ratio of each run is a number; the flat interface has no pore walls: ≤ about 1
        String contact = csv.stream().filter(l -> l.startsWith("contact_area_ratio,")).findFirst().orElseThrow();
        String[] c = contact.split(",");
        assertTrue(Double.parseDouble(c[1]) > 0 && Double.parseDouble(c[2]) > 1 && Double.parseDouble(c[4]) > 0.5 && Double.parseDouble(c[4]) < 1.6, contact);
    }

    /** flat_reference off: real and ideal only, the notes say why the flat column is empty. */
    @Test
    void flatReferenceCanBeSkipped() throws Exception {
        CompareOptions opt = light();
        opt.phaseField.timeS = 5;
        opt.phaseField.equilibrationS = 5;
        opt.flatReference = false;
        opt.threads = 1;
        CompareResult r = ScaffoldComparison.run(tif, opt);
        assertTrue(r.pfReal != null && r.pfIdeal != null && r.pfFlat == null);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Flat-interface reference not run")), r.notes().toString());
        assertTrue(Double.isNaN((Double) r.comparisonRows().get(r.comparisonRows().size() - 1).get(4)));
        assertFalse(((Map<?, ?>) r.summary().get("flat")).containsKey("phasefield"));
    }

    @Test
    void measuredSpecificSurfaceMatchesIdealOnCylinders() {
        CompareOptions o = CompareOptions.defaults();
        o.runPhaseField = false;
        CompareResult r = ScaffoldComparison.run(tif, o);
        double phi = ((Number) truth.get("porosity")).doubleValue();
        double scTruth = ((Number) truth.get("specific_surface_per_um")).doubleValue(); // 4φ/δ, exact for these disks
        System.out.printf(java.util.Locale.ROOT, "cylinders: phi %.4f (truth %.4f), delta %.4f um, S_c %.4f vs 4phi/delta %.4f vs truth %.4f per um%n",
                r.porosity(), phi, r.poreDiameterUm(), r.scRealPerUm, r.scIdealPerUm, scTruth);
        // Crofton perimeter on 25-px-diameter disks: ≤ 2 % (README); φ and δ measured to < 1 %; 3 % covers both
        assertEquals(scTruth, r.scRealPerUm, 0.03 * scTruth, "measured S_c (eq. 3)");
        assertEquals(scTruth, r.scIdealPerUm, 0.03 * scTruth, "ideal 4φ/δ (eq. 1) from measured φ, δ");
        assertEquals(r.scIdealPerUm, r.scRealPerUm, 0.03 * r.scIdealPerUm, "real vs ideal");
        assertEquals(phi, r.porosity(), 0.01);
        assertEquals(1.5, r.poreDiameterUm(), 0.03);
        // eq. 2 with d = 5 µm: R_J = 1 − 1/(d S_c)
        assertEquals(1 - 1 / (5 * r.scRealPerUm), r.rjReal, 1e-12);
        assertEquals(1 - 1 / (5 * r.scIdealPerUm), r.rjIdeal, 1e-12);
        // the twin has the measured porosity (raster of channels at δ/4 … dx/4 resolution: within 0.02)
        assertEquals(r.porosity(), r.twin.rasterPorosity(), 0.02);
        assertEquals(r.widthUm, r.twin.widthUm, IdealScaffold_period(r));
    }

    private static double IdealScaffold_period(CompareResult r) {
        return IdealScaffold.period2D(r.poreDiameterUm(), r.porosity());
    }

    @Test
    void missingInputExitsTwoAndWritesNothing() {
        Path out = tmp.resolve("out-missing");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = cli(o, e, "compare", tmp.resolve("nope.tif").toString(), "--out", out.toString());
        assertEquals(2, rc);
        assertTrue(e.toString().contains("input file not found") && e.toString().contains("nope.tif"), e.toString());
        assertFalse(Files.exists(out));
    }

    /** A folder with two images and a non-image: two reports, summary.csv with a failed row, exit 1, inputs untouched. */
    @Test
    void folderGivesOneReportEachAndASummaryThatNamesTheBadFile() throws Exception {
        Path in = tmp.resolve("batch-in");
        Files.createDirectories(in);
        Files.copy(tif, in.resolve("a.tif"));
        Files.copy(tif, in.resolve("b.tif"));
        Files.writeString(in.resolve("broken.tif"), "not a tiff");
        Path out = tmp.resolve("batch-out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = cli(o, e, "compare", in.toString(), "--out", out.toString(), "--no-phasefield", "-q");
        assertEquals(1, rc, e.toString());
        assertTrue(Files.size(out.resolve("a").resolve("a.summary.json")) > 100);
        assertTrue(Files.size(out.resolve("b").resolve("report.html")) > 100);
        assertFalse(Files.exists(out.resolve("broken")));
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("file,status,error,warnings,stem,input,report_folder,porosity,pore_diameter_um,specific_surface_real_per_um"), rows.get(0));
        assertTrue(rows.stream().anyMatch(l -> l.contains("broken.tif,failed,")), rows.toString());
        assertEquals(2, rows.stream().filter(l -> l.contains(".tif,ok,")).count(), rows.toString());
        assertTrue(e.toString().contains("2 of 3 compared, 1 failed"), e.toString());
        // the two identical images give identical rows (deterministic, no cross-talk between parallel files)
        String a = rows.stream().filter(l -> l.contains("a.tif,ok")).findFirst().orElseThrow();
        String b = rows.stream().filter(l -> l.contains("b.tif,ok")).findFirst().orElseThrow();
        assertEquals(a.split(",", 7)[6].replace("/a", "/b"), b.split(",", 7)[6].replace("/a", "/b"));
        assertEquals("not a tiff", Files.readString(in.resolve("broken.tif")));
    }

    /**
     * A section along the thickness, drawn noise-free (200 × 160 px of 0.1 µm): four channels 10 px wide
     * from the top edge to row 120 and three closed disks (r = 6 px) below them. Auto mode must see a
     * thickness section; open porosity = channel area / total area exactly (the channels are axis-aligned
     * rectangles, thresholded at mid-grey), φ within 0.002 (digital disks).
     */
    @Test
    void thicknessSectionIsDetectedAndItsOpenPorosityMeasured() throws Exception {
        int w = 200;
        int h = 160;
        ByteProcessor bp = new ByteProcessor(w, h);
        bp.setValue(200);
        bp.fill();
        long open = 0;
        long pore = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean channel = y < 120 && (x % 50) >= 20 && (x % 50) < 30;
                boolean disk = false;
                for (int cx = 45; cx < w; cx += 50) {
                    double dx = x + 0.5 - cx;
                    double dy = y + 0.5 - 140;
                    disk |= dx * dx + dy * dy < 36;
                }
                if (channel || disk) {
                    bp.set(x, y, 40);
                    pore++;
                    open += channel ? 1 : 0;
                }
            }
        }
        ImagePlus imp = new ImagePlus("section", bp);
        imp.getCalibration().pixelWidth = 0.1;
        imp.getCalibration().pixelHeight = 0.1;
        imp.getCalibration().setUnit("micron");
        Path f = tmp.resolve("section.tif");
        assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
        CompareOptions o = CompareOptions.defaults();
        o.runPhaseField = false;
        o.analysis.autocrop = false;
        CompareResult r = ScaffoldComparison.run(f, o);
        assertEquals(RealSample.THICKNESS, r.real.section());
        assertEquals(pore / (double) (w * h), r.porosity(), 0.002);
        assertEquals(open / (double) (w * h), r.real.openPorosity(), 1e-9, "open porosity: the channels, exactly");
        // the profile: 0.2 in the channel rows, 3 chords of the disks below, 0 between
        assertEquals(0.2, r.real.profile().porosity()[10], 1e-9);
        assertEquals(0.0, r.real.profile().porosity()[125], 1e-9);
        assertEquals(160, r.real.profile().positionUm().length);
        assertEquals(15.95, r.real.profile().positionUm()[159], 1e-9);
        // forcing plan view: the section through row 10 has the four channels, extruded over the whole depth
        o.section = RealSample.PLAN;
        CompareResult p = ScaffoldComparison.run(f, o);
        assertEquals(RealSample.PLAN, p.real.section());
        assertTrue(Double.isNaN(p.real.openPorosity()));
        ImagePlus sec = p.real.phaseFieldMask();
        assertEquals(h, sec.getHeight());
        long secPore = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                secPore += sec.getProcessor().get(x, y) != 0 ? 1 : 0;
            }
        }
        // the representative row is the one whose line porosity is closest to φ (channel rows: 0.2; disk rows: up to 0.06)
        double phi = pore / (double) (w * h);
        double line = secPore / (double) (w * h);
        assertTrue(Math.abs(line - phi) <= Math.abs(0.2 - phi) + 1e-9, "line porosity " + line + " vs phi " + phi);
    }

    /**
     * Isolated solid particles in a pore matrix (a section through a particulate or fibrous solid that
     * connects only out of the plane): no ionic path from the Li to the counter electrode in 2D, so the
     * phase-field cannot run; the morphology report is still written, with the reason in the notes.
     */
    @Test
    void geometryThatCannotCarryTheReactionStillGivesTheMorphologyReport() throws Exception {
        int w = 160;
        int h = 120;
        ByteProcessor bp = new ByteProcessor(w, h);
        bp.setValue(40);
        bp.fill();
        for (int cy = 15; cy < h; cy += 30) {
            for (int cx = 15; cx < w; cx += 30) {
                for (int y = cy - 8; y <= cy + 8; y++) {
                    for (int x = cx - 8; x <= cx + 8; x++) {
                        if (x >= 0 && y >= 0 && x < w && y < h && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 64) {
                            bp.set(x, y, 200);
                        }
                    }
                }
            }
        }
        ImagePlus imp = new ImagePlus("particles", bp);
        imp.getCalibration().pixelWidth = 0.25;
        imp.getCalibration().pixelHeight = 0.25;
        imp.getCalibration().setUnit("micron");
        Path f = tmp.resolve("particles.tif");
        assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
        Path out = tmp.resolve("out-particles");
        CompareOptions opt = light();
        opt.analysis.autocrop = false;
        opt.phaseField.timeS = 10;
        CompareResult r = ScaffoldComparison.run(f, opt);
        assertTrue(r.pfReal == null && r.pfIdeal == null);
        assertTrue(r.phaseFieldSkipped != null && r.phaseFieldSkipped.contains("counter-electrode side"), String.valueOf(r.phaseFieldSkipped));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Phase-field not run on this geometry")), r.notes().toString());
        List<Path> files = CompareReport.write(r, out, f);
        assertTrue(files.stream().anyMatch(p -> p.endsWith("report.html")));
        assertTrue(Files.readString(out.resolve("particles.summary.json")).contains("\"phasefield_skipped\""));
        assertFalse(Files.exists(out.resolve("particles." + CompareReport.XI)));
    }

    /** Without -q the CLI reports the runs' progress in tenths (real, ideal, flat: a third each). */
    @Test
    void progressOnStderr() throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = cli(new StringWriter(), new StringWriter(), with(LIGHT, "compare", tif.toString(), "--out", tmp.resolve("out-progress").toString(),
                    "--time", "10"));
            assertEquals(0, rc);
        } finally {
            System.setErr(old);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("phase-field real") && err.contains("phase-field ideal") && err.contains("compare: 100%  phase-field flat"), err);
        // before the runs: the resolution rule's choice and each run's grid, memory and time (as phasefield prints them)
        assertTrue(err.contains("compare: resolution: narrowest pore") && err.contains("compare: real: ") && err.contains("compare: ideal: ")
                && err.contains("compare: flat: ") && err.contains(" steps ≈ "), err);
    }

    @Test
    void badSectionIsRefused() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = cli(o, e, "compare", tif.toString(), "--section", "sideways", "--out", tmp.resolve("out-bad").toString());
        assertEquals(2, rc);
        assertTrue(e.toString().contains("--section (section) = 'sideways' is not one of auto, thickness, plan"), e.toString());
    }

    /**
     * A 3D volume (48 × 48 × 40 voxels of 0.25 µm) with 9 parallel cylinders along z (diameter 8
     * voxels = 2 µm): measured in 3D, ideal twin 4φ/δ, phase-field on the central xz section, which
     * cuts 3 cylinders along their axes.
     */
    @Test
    void volumeIsMeasuredIn3DAndSimulatedOnItsCentralSection() throws Exception {
        int n = 48;
        int d = 40;
        double r = 4;
        ImageStack st = new ImageStack(n, n);
        long pore = 0;
        for (int z = 0; z < d; z++) {
            ByteProcessor bp = new ByteProcessor(n, n);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean in = false;
                    for (int cy = 8; cy < n; cy += 16) {
                        for (int cx = 8; cx < n; cx += 16) {
                            double dx = x + 0.5 - cx;
                            double dy = y + 0.5 - cy;
                            in |= dx * dx + dy * dy < r * r;
                        }
                    }
                    bp.set(x, y, in ? 40 : 200);
                    pore += in ? 1 : 0;
                }
            }
            st.addSlice(bp);
        }
        Path vol = saveStack(st, 0.25, "cyl3d");
        double phiTruth = pore / (double) (n * n * d);
        CompareOptions o = light();
        o.phaseField.timeS = 20;
        o.threads = 2;
        o.snapshots = 2;
        CompareResult res = ScaffoldComparison.run(vol, o);
        assertEquals("volume-3d", res.real.kind());
        assertEquals(phiTruth, res.porosity(), 1e-9, "porosity of a noise-free two-level volume is exact");
        // S_v truth: 9 cylinders of radius 1 µm across a 12 × 12 µm² section: 9·2π·1/144 µm⁻¹; Crofton (13 directions) on
        // 8-voxel digital disks is within ~1 % here, 3 % leaves room for the digitization
        double svTruth = 9 * 2 * Math.PI * 1.0 / (12.0 * 12.0);
        assertEquals(svTruth, res.scRealPerUm, 0.03 * svTruth);
        // δ = volume-weighted local thickness: on 8-voxel digital disks the largest inscribed digital sphere is smaller than
        // the disk (measured 1.80 µm, −10 %): δ within [1.6, 2.05] µm, so the ideal 4φ/δ is up to ~20 % above the truth
        assertTrue(res.poreDiameterUm() > 1.6 && res.poreDiameterUm() < 2.05, "delta " + res.poreDiameterUm());
        assertEquals(4 * res.porosity() / res.poreDiameterUm(), res.scIdealPerUm, 1e-12);
        assertTrue(res.real.plane().contains("xz"), res.real.plane());
        // the central section holds 3 of the 9 cylinders along their axes: all connected to the Li side
        assertTrue(res.pfReal.finalMetrics().get("trapped_void_fraction") < 0.05, res.pfReal.finalMetrics().toString());
        assertEquals(res.pfIdeal.finalMetrics().get("plated_charge_mC_cm2"), res.pfReal.finalMetrics().get("plated_charge_mC_cm2"), 1e-3);
        Path out = tmp.resolve("out-vol");
        CompareReport.write(res, out, vol);
        assertTrue(Files.readString(out.resolve("cyl3d.summary.json")).contains("\"volume-3d\""));
        assertTrue(Files.readString(out.resolve("cyl3d.comparison.csv")).contains("mean_local_thickness_um,"));
        assertTrue(Files.size(out.resolve("cyl3d." + CompareReport.XI)) > 100);
        System.out.printf(java.util.Locale.ROOT, "volume: phi %.4f (truth %.4f), delta %.4f um, S_v %.4f vs 4phi/delta %.4f per um%n",
                res.porosity(), phiTruth, res.poreDiameterUm(), res.scRealPerUm, res.scIdealPerUm);
    }

    /**
     * --phasefield-3d: a 24 × 24 × 24 volume of 0.5 µm voxels with 4 parallel pore cylinders along z
     * (diameter 8 voxels = 4 µm): both runs in 3D on one grid of the resolution rule (the {@link #LIGHT} one:
     * narrowest pore of the volume and the twin's cylinders → interface → dx, the lattice spacing whole cells),
     * the ideal twin as square-lattice cylinders; same plated charge, the real run has no trapped voids
     * (straight channels from the Li side), and the figures take the central sections.
     */
    @Test
    void volumeIn3D() throws Exception {
        int n = 24;
        ImageStack st = new ImageStack(n, n);
        for (int z = 0; z < n; z++) {
            ByteProcessor bp = new ByteProcessor(n, n);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dx = (x % 12) + 0.5 - 6;
                    double dy = (y % 12) + 0.5 - 6;
                    bp.set(x, y, dx * dx + dy * dy < 16 ? 40 : 200);
                }
            }
            st.addSlice(bp);
        }
        Path vol = saveStack(st, 0.5, "cyl3dsmall");
        Path out = tmp.resolve("out-3d");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = cli(o, e, with(LIGHT, "compare", vol.toString(), "--out", out.toString(), "--phasefield-3d", "--time", "10", "--impregnation", "3",
                "--threads", "2", "--snapshots", "2", "--json", "-q"));
        assertEquals(0, rc, e.toString());
        String json = o.toString();
        assertTrue(json.contains("\"phasefield_dimension\":\"3D\""), json);
        assertTrue(json.contains("ideal 3D cylinders (square)"), json);
        CompareOptions opt = light();
        opt.phaseField3d = true;
        opt.phaseField.timeS = 10;
        opt.impregnationUm(3);
        opt.threads = 2;
        opt.snapshots = 2;
        CompareResult r = ScaffoldComparison.run(vol, opt);
        assertTrue(r.twin.threeD);
        assertTrue(r.pfReal.ny() > 1 && r.pfIdeal.ny() > 1, "3D grids");
        Map<String, Object> res = r.resolution;
        System.out.println("compare 3D resolution: " + res.get("message"));
        double dx = (Double) res.get("dx_um");
        assertTrue(json.contains("\"phasefield_grid_um\":" + org.porophase.core.Json.write(dx)), json);
        // the narrowest pore of the volume (≥ 4 voxels) and the lattice spacing a whole number of cells
        assertTrue((Double) res.get("narrowest_pore_real_um") >= 4 * 0.5 - 1e-9, res.toString());
        double a = IdealScaffold.squareSpacing(r.poreDiameterUm(), r.porosity());
        assertEquals(Math.rint(a / dx), a / dx, 1e-6, "lattice spacing " + a + " µm in cells of " + dx);
        assertEquals(dx, r.pfReal.dxUm(), 1e-12);
        assertEquals(dx, r.pfIdeal.dxUm(), 1e-12);
        assertEquals(r.pfIdeal.finalMetrics().get("plated_charge_mC_cm2"), r.pfReal.finalMetrics().get("plated_charge_mC_cm2"), 1e-3);
        assertEquals(0.0, r.pfReal.finalMetrics().get("trapped_void_fraction"), 1e-9);
        assertTrue(r.notes().get(0).startsWith("Phase-field runs are 3D"), r.notes().get(0));
        for (String f : new String[] {CompareReport.XI, CompareReport.SNAPSHOTS, CompareReport.CURRENT, CompareReport.FILL}) {
            assertTrue(Files.size(out.resolve("cyl3dsmall").resolve("cyl3dsmall." + f)) > 100, f);
        }
    }

    /**
     * The resolution rule once per comparison (issue 11 §6): the real, ideal and flat runs have the same dx and
     * the same interface scale, those of the summary's "resolution" (narrowest pore = the smaller of the real
     * mask's, ≥ 4 pixels, and the twin's channel width), recorded in each run's result; the twin's channel is a
     * whole number of cells.
     */
    @Test
    void oneResolutionForAllThreeRuns() {
        CompareOptions opt = light();
        opt.phaseField.timeS = 5;
        opt.phaseField.equilibrationS = 5;
        opt.threads = 1;
        opt.snapshots = 2;
        List<String> log = new java.util.ArrayList<>();
        opt.log = log::add;
        CompareResult r = ScaffoldComparison.run(tif, opt);
        assertTrue(r.pfReal != null && r.pfIdeal != null && r.pfFlat != null, String.valueOf(r.phaseFieldSkipped));
        Map<String, Object> res = r.resolution;
        System.out.println("compare resolution: " + res.get("message"));
        double dx = (Double) res.get("dx_um");
        double scale = (Double) res.get("interface_scale");
        double wReal = (Double) res.get("narrowest_pore_real_um");
        double wIdeal = (Double) res.get("narrowest_pore_ideal_um");
        assertEquals(Math.min(wReal, wIdeal), (Double) res.get("narrowest_pore_um"), 1e-12);
        assertTrue(wReal >= org.porophase.phasefield.Resolution.MASK_MIN_PIXELS * 0.05 - 1e-12, "floor of 4 pixels: " + wReal);
        assertEquals(r.poreDiameterUm(), wIdeal, 1e-12);
        assertEquals(0.25 * Math.min(wReal, wIdeal), (Double) res.get("interface_width_um"), 1e-9);
        assertTrue(dx <= (Double) res.get("max_dx_um") * (1 + 1e-12) && Boolean.TRUE.equals(res.get("dx_automatic"))
                && Boolean.FALSE.equals(res.get("under_resolved")), res.toString());
        assertEquals(Math.rint(r.poreDiameterUm() / dx), r.poreDiameterUm() / dx, 1e-6, "whole cells per channel of the twin");
        for (org.porophase.phasefield.PhaseFieldResult pf : List.of(r.pfReal, r.pfIdeal, r.pfFlat)) {
            assertEquals(dx, pf.dxUm(), 1e-15, pf.mode());
            Map<String, Object> j = pf.toJson();
            assertEquals(scale, ((Number) ((Map<?, ?>) j.get("parameters")).get("interface_scale")).doubleValue(), 1e-15, pf.mode());
            Map<?, ?> pr = (Map<?, ?>) j.get("resolution");
            for (Map.Entry<String, Object> en : res.entrySet()) {
                assertEquals(en.getValue(), pr.get(en.getKey()), pf.mode() + ": resolution." + en.getKey());
            }
        }
        assertEquals(res, r.summary().get("resolution"));
        assertTrue(log.get(0).startsWith("resolution: narrowest pore") && log.stream().anyMatch(l -> l.startsWith("flat: ")), log.toString());
    }

    /** An explicit dx coarser than the rule allows is refused (exit 2, nothing written) unless --force; forced runs carry the warning. */
    @Test
    void underResolvedExplicitDxIsRefusedUnlessForced() throws Exception {
        Path out = tmp.resolve("out-coarse");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = cli(o, e, "compare", tif.toString(), "--out", out.toString(), "--time", "5", "--equilibration", "5", "--dx", "0.25", "-q");
        assertEquals(2, rc, e.toString());
        assertTrue(e.toString().contains("under-resolved") && e.toString().contains("dx_um = 0.25") && e.toString().contains("force"), e.toString());
        assertFalse(Files.exists(out.resolve("cyl")));
        o = new StringWriter();
        e = new StringWriter();
        rc = cli(o, e, "compare", tif.toString(), "--out", out.toString(), "--time", "5", "--equilibration", "5", "--dx", "0.25", "--force",
                "--snapshots", "2", "--threads", "1", "--json", "-q");
        assertEquals(0, rc, e.toString());
        String json = o.toString();
        assertTrue(json.contains("\"under_resolved\":true") && json.contains("forced: under-resolved"), json);
        assertTrue(json.contains("\"dx_um\":0.25"), json);
    }
}
