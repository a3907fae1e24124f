package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.process.AutoThresholder;

import org.porophase.core.PoroPhaseException;
import org.porophase.config.PluginConfig;
import org.porophase.pipeline.VolumeAnalysis;
import org.porophase.pipeline.VolumeAnalyzer;
import org.porophase.pipeline.VolumeOptions;
import org.porophase.report.Figures;
import org.porophase.report.VolumeOutputs;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.io.ImagePlusSource;
import org.porophase.io.VolumeReaders;

/**
 * Plugins&gt;PoroPhase&gt;Analyze Volume: the Fiji front end of {@link VolumeAnalyzer}. Works on the
 * current stack or on a chosen file/folder (read slice by slice; any Bio-Formats format inside
 * Fiji). Macro-recordable: every dialog field's first word is its plugin.yml parameter name, e.g.
 * {@code run("Analyze Volume", "source=file input=/data/scan.tif voxel_size_um=0.85 axis=z
 * local_thickness");}. Headless (no display): the same keys are read from the macro options without a
 * dialog ({@link ParameterDialog}). Shows a results table, the porosity profile table and plot, and the local-thickness
 * histogram; writes the files to the output folder when one is given.
 */
public class AnalyzeVolumePlugin implements PlugIn {
    private static final String[] SOURCES = {"current_stack", "file"};

    @Override
    public void run(String arg) {
        try {
            runChecked();
        } catch (PoroPhaseException e) {
            Display.error("PoroPhase Analyze Volume", e.getMessage());
        } catch (OutOfMemoryError e) {
            Display.error("PoroPhase Analyze Volume", "out of memory: " + e.getMessage() + ". Increase Edit>Options>Memory, crop the volume or switch local thickness off.");
        }
    }

    private void runChecked() {
        VolumeOptions d = VolumeOptions.defaults();
        PluginConfig.defaults().command(VolumeOptions.COMMAND); // fails early if plugin.yml is missing
        ImagePlus current = WindowManager.getCurrentImage();
        String[] methods = AutoThresholder.getMethods();
        String vsDefault = d.voxelSize == null ? "" : d.voxelSize.toString();
        ParameterDialog gd = new ParameterDialog("PoroPhase Analyze Volume");
        gd.addChoice("Source", SOURCES, current != null && current.getStackSize() > 1 ? "current_stack" : "file");
        gd.addFileField("Input (file or slice folder; for source=file)", "");
        gd.addStringField("Voxel_size_um (X,Y,Z; empty = from file)", vsDefault);
        gd.addStringField("Dataset (HDF5 path; empty = the only 3D dataset)", nz(d.dataset));
        gd.addChoice("Threshold_method", methods, d.thresholdMethod);
        gd.addStringField("Threshold (gray value; empty = auto)", d.threshold == null ? "" : d.threshold.toString());
        gd.addChoice("Pore_phase", new String[] {"dark", "bright"}, d.darkPores ? "dark" : "bright");
        gd.addStringField("Pore_value (label volumes; empty = threshold)", d.poreValue == null ? "" : d.poreValue.toString());
        gd.addChoice("Denoise", new String[] {"none", "median", "gaussian"}, d.denoise);
        gd.addNumericField("Gaussian_sigma_voxels", d.gaussianSigmaVoxels, 2);
        gd.addNumericField("Min_pore_voxels (small-object removal)", d.minPoreVoxels, 0);
        gd.addStringField("Crop (x0,y0,z0,w,h,d voxels; empty = all)", nz(d.crop));
        gd.addStringField("Cylinder (none, auto or cx,cy,r)", d.cylinder);
        gd.addChoice("Axis", new String[] {"x", "y", "z"}, VolumeOptions.axisName(d.axis));
        gd.addCheckbox("Detect_surfaces (analyse between top and bottom surface)", d.detectSurfaces);
        gd.addNumericField("Surface_fraction (of bulk solid fraction)", d.surfaceFraction, 2);
        gd.addStringField("Open_faces (axis, all, none or x0,x1,y0,y1,z0,z1)", d.openFaces);
        gd.addCheckbox("Connectivity (open/closed/percolating pores)", d.connectivity);
        gd.addCheckbox("Local_thickness (pore sizes; 10 bytes/voxel)", d.localThickness);
        gd.addNumericField("Local_thickness_step_voxels", d.localThicknessStepVoxels, 2);
        gd.addNumericField("Threads (0 = all cores)", d.threads, 0);
        gd.addCheckbox("Streaming (never hold the mask in memory; needs local thickness off)", d.streaming);
        gd.addDirectoryField("Output_folder (empty = none)", "");
        gd.addCheckbox("Write_mask (TIFF in output folder)", d.writeMask);
        if (!gd.show()) {
            return;
        }
        String source = gd.getNextChoice();
        String input = gd.getNextString();
        String vsText = gd.getNextString();
        String dataset = gd.getNextString();
        String method = gd.getNextChoice();
        String thr = gd.getNextString();
        String phase = gd.getNextChoice();
        String poreValue = gd.getNextString();
        String denoise = gd.getNextChoice();
        double sigma = gd.getNextNumber();
        double minPore = gd.getNextNumber();
        String crop = gd.getNextString();
        String cyl = gd.getNextString();
        String axis = gd.getNextChoice();
        boolean surfaces = gd.getNextBoolean();
        double surfFrac = gd.getNextNumber();
        String faces = gd.getNextString();
        boolean conn = gd.getNextBoolean();
        boolean lt = gd.getNextBoolean();
        double ltStep = gd.getNextNumber();
        double threads = gd.getNextNumber();
        boolean streaming = gd.getNextBoolean();
        String outDir = gd.getNextString();
        boolean writeMask = gd.getNextBoolean();
        VolumeOptions o = d;
        o.voxelSize = VoxelSize.parse(vsText);
        o.dataset = blank(dataset) ? null : dataset.trim();
        o.thresholdMethod = method;
        o.threshold = blank(thr) ? null : parse(thr, "threshold");
        o.darkPores = "dark".equals(phase);
        o.poreValue = blank(poreValue) ? null : parse(poreValue, "pore_value");
        o.denoise = denoise;
        o.gaussianSigmaVoxels = sigma;
        o.minPoreVoxels = (long) minPore;
        o.crop = blank(crop) ? null : crop.trim();
        o.cylinder = blank(cyl) ? "none" : cyl.trim();
        o.axis = VolumeOptions.parseAxis(axis);
        o.detectSurfaces = surfaces;
        o.surfaceFraction = surfFrac;
        o.openFaces = faces;
        o.connectivity = conn;
        o.localThickness = lt;
        o.localThicknessStepVoxels = ltStep;
        o.threads = (int) threads;
        o.streaming = streaming;
        o.outDir = blank(outDir) ? null : Path.of(outDir.trim());
        o.writeMask = writeMask;
        o.progress = (step, f) -> {
            IJ.showStatus("Analyze Volume: " + step);
            IJ.showProgress(f);
        };
        VolumeAnalysis a;
        String base;
        if ("current_stack".equals(source)) {
            if (current == null) {
                throw new PoroPhaseException("no image is open: open a stack or choose source=file");
            }
            base = current.getShortTitle();
            try (VolumeSource src = new ImagePlusSource(current, "stack '" + current.getTitle() + "'")) {
                a = VolumeAnalyzer.analyze(src, o);
            }
            a = a.withInput(current.getTitle(), null);
            if (o.outDir != null) {
                VolumeOutputs.write(a, o.outDir, base);
            }
        } else {
            if (blank(input)) {
                throw new PoroPhaseException("source=file needs an input file or slice folder (input=...)");
            }
            Path in = Path.of(input.trim());
            if (!VolumeReaders.isVolume(in) && !VolumeReaders.hasBioFormats()) {
                throw new PoroPhaseException(in + " is not a volume PoroPhase can read (multi-page TIFF, slice folder, .mhd, .nrrd, .h5)");
            }
            a = VolumeAnalyzer.analyze(in, o);
        }
        IJ.showProgress(1.0);
        show(a);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static double parse(String s, String name) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new PoroPhaseException(name + " must be a number, got '" + s + "'");
        }
    }

    /** Results table, profile table and plot, local thickness histogram. */
    static void show(VolumeAnalysis a) {
        ResultsTable rt = Display.table("PoroPhase Volume");
        rt.incrementCounter();
        rt.addValue("Input", a.input() == null ? "" : a.input());
        rt.addValue("Porosity", a.porosity());
        rt.addValue("Surface area (µm²)", a.surfaceArea());
        rt.addValue("S_V (1/µm)", a.specificSurfaceArea());
        rt.addValue("Euler (6-conn)", a.measures().euler());
        if (a.components() != null) {
            rt.addValue("Open porosity", a.openPorosity());
            rt.addValue("Closed porosity", a.closedPorosity());
            rt.addValue("Percolating porosity", a.percolatingPorosity());
            rt.addValue("Open pores", a.components().openCount());
            rt.addValue("Closed pores", a.components().closedCount());
        }
        if (a.localThickness() != null) {
            rt.addValue("Mean pore diameter (µm, vol-weighted LT)", a.localThickness().meanVolumeWeighted);
            rt.addValue("Mean pore diameter (µm, number-weighted)", a.localThickness().meanNumberWeighted);
            rt.addValue("LT p10 (µm)", a.localThickness().p10);
            rt.addValue("LT p50 (µm)", a.localThickness().p50);
            rt.addValue("LT p90 (µm)", a.localThickness().p90);
        }
        rt.addValue("Threshold", a.threshold());
        rt.addValue("Voxel size (µm)", a.voxelSize().toString());
        ResultsTable prof = new ResultsTable();
        for (List<Object> row : a.profileRows()) {
            prof.incrementCounter();
            prof.addValue("plane", ((Number) row.get(0)).doubleValue());
            prof.addValue("position (µm)", ((Number) row.get(1)).doubleValue());
            prof.addValue("porosity", ((Number) row.get(2)).doubleValue());
        }
        if (GraphicsEnvironment.isHeadless()) {
            IJ.log(a.summary());
            return;
        }
        rt.show("PoroPhase Volume");
        prof.show("Porosity profile");
        Figures.volumeProfilePlot(a).show();
        if (a.localThickness() != null) {
            ResultsTable h = new ResultsTable();
            for (List<Object> row : a.localThickness().histogramRows()) {
                h.incrementCounter();
                h.addValue("diameter (µm)", ((Number) row.get(0)).doubleValue());
                h.addValue("voxels", ((Number) row.get(1)).doubleValue());
                h.addValue("volume fraction", ((Number) row.get(2)).doubleValue());
                h.addValue("cumulative", ((Number) row.get(3)).doubleValue());
            }
            h.show("Local thickness histogram");
        }
    }
}
