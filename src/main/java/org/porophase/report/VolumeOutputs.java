package org.porophase.report;

import org.porophase.core.Csv;
import org.porophase.core.Json;
import org.porophase.core.OutputNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.porophase.core.AtomicFiles;
import org.porophase.core.BinaryVolume;
import org.porophase.core.MaskSource;
import org.porophase.core.MemoryCheck;
import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.core.VoxelSize;
import org.porophase.binary.ComponentLabeler;
import org.porophase.binary.LocalThickness;
import org.porophase.io.OmeZarrWriter;
import org.porophase.io.VolumeWriters;
import org.porophase.analysis.VolumeAnalysis;

/**
 * Writes one volume analysis to a folder, each file atomically ({@link OutputNames}):
 * {@code STEM.summary.json}, {@code STEM.profile.csv} and {@code STEM.profile.png} (porosity profile
 * along the axis), {@code STEM.psd.csv} (local-thickness histogram, when computed),
 * {@code STEM.mask.tif} (when the mask was kept: write_mask and in memory), {@code STEM.thickness.tif} (the
 * local-thickness map, save_thickness) and {@code STEM.labels.tif} (the 6-connected pore labels, save_labels); with
 * {@code volume_format zarr} the three volumes are OME-Zarr images {@code STEM.*.ome.zarr} instead.
 */
public final class VolumeOutputs {
    private VolumeOutputs() {
    }

    /** Header of {@code STEM.profile.csv}. */
    public static final List<String> PROFILE_COLUMNS = List.of("plane", "position_um", "porosity", "pore_voxels", "roi_voxels");
    /** Header of {@code STEM.psd.csv} (3D). */
    public static final List<String> PSD_COLUMNS = List.of("diameter_um", "voxels", "volume_fraction", "cumulative_fraction");

    /** Writes the outputs into {@code dir} (volumes as TIFF); returns the paths written. */
    public static List<Path> write(VolumeAnalysis a, Path dir, String stem) {
        return write(a, dir, stem, "tiff");
    }

    /**
     * Writes the outputs into {@code dir}; {@code volumeFormat} "zarr" writes the volumes (mask, thickness map, labels) as
     * {@code STEM.*.ome.zarr} (OME-Zarr 0.4, {@link OmeZarrWriter}) instead of {@code STEM.*.tif}. Returns the paths written.
     */
    public static List<Path> write(VolumeAnalysis a, Path dir, String stem, String volumeFormat) {
        return write(a, dir, stem, volumeFormat, 0);
    }

    /**
     * As {@link #write(VolumeAnalysis, Path, String, String)}, the OME-Zarr chunks compressed on {@code threads}
     * threads (the command's {@code --threads}; ≤ 0 one per core).
     */
    public static List<Path> write(VolumeAnalysis a, Path dir, String stem, String volumeFormat, int threads) {
        return write(a, dir, stem, volumeFormat, threads, 0);
    }

    /**
     * As {@link #write(VolumeAnalysis, Path, String, String, int)}, each OME-Zarr volume with {@code zarrLevels}
     * downsampled levels ({@code zarr_levels}; {@link OmeZarrWriter#write(Path, VolumeSource, VoxelSize, OmeZarrWriter.DataType,
     * OmeZarrWriter.Compression, int, int, int, OmeZarrWriter.Reduction)}: the mask and the labels by the mode, the thickness
     * map by the mean); ignored for TIFF.
     */
    public static List<Path> write(VolumeAnalysis a, Path dir, String stem, String volumeFormat, int threads, int zarrLevels) {
        boolean zarr = "zarr".equalsIgnoreCase(volumeFormat);
        if (!zarr && volumeFormat != null && !"tiff".equalsIgnoreCase(volumeFormat)) {
            throw new org.porophase.core.InvalidValueException("volume_format must be tiff or zarr, got '" + volumeFormat + "'");
        }
        Path input = a.input() == null ? null : Path.of(a.input());
        List<Path> out = new ArrayList<>();
        Path p = OutputNames.path(dir, stem, OutputNames.SUMMARY_JSON);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Json.pretty(a.toJson()));
        out.add(p);
        writeProfile(dir, stem, input, PROFILE_COLUMNS, a.profileRows(), Figures.volumeProfile(a), out);
        if (a.mask() != null) {
            p = OutputNames.path(dir, stem, zarr ? OutputNames.MASK_ZARR : OutputNames.MASK_TIF);
            ImageWriters.checkNotInput(p, input);
            if (zarr) {
                writeMaskZarr(a.mask(), p, threads, zarrLevels);
            } else {
                writeMask(a.mask(), p);
            }
            out.add(p);
        }
        if (a.localThickness() != null && a.localThickness().hasMap()) {
            p = OutputNames.path(dir, stem, zarr ? OutputNames.THICKNESS_ZARR : OutputNames.THICKNESS_TIF);
            ImageWriters.checkNotInput(p, input);
            if (zarr) {
                writeThicknessZarr(a.localThickness(), a.voxelSize(), p, threads, zarrLevels);
            } else {
                writeThickness(a.localThickness(), a.voxelSize(), p);
            }
            out.add(p);
        }
        if (a.labels() != null) {
            p = OutputNames.path(dir, stem, zarr ? OutputNames.LABELS_ZARR : OutputNames.LABELS_TIF);
            ImageWriters.checkNotInput(p, input);
            if (zarr) {
                writeLabelsZarr(a.labels(), p, threads, zarrLevels);
            } else {
                writeLabels(a.labels(), p);
            }
            out.add(p);
        }
        if (a.localThickness() != null) {
            p = OutputNames.path(dir, stem, OutputNames.PSD_CSV);
            ImageWriters.checkNotInput(p, input);
            AtomicFiles.writeString(p, Csv.table(PSD_COLUMNS, a.localThickness().histogramRows()));
            out.add(p);
        }
        return out;
    }

    /**
     * The one writer of a porosity profile, 3D (along the axis) and 2D (across the thickness of a section,
     * {@link SemOutputs}): {@code STEM.profile.csv} with {@code columns} and {@code STEM.profile.png} (the plot),
     * each atomically and never over the input; the paths are appended to {@code out}.
     */
    public static void writeProfile(Path dir, String stem, Path input, List<String> columns, List<List<Object>> rows,
            ij.ImagePlus plot, List<Path> out) {
        Path p = OutputNames.path(dir, stem, OutputNames.PROFILE_CSV);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Csv.table(columns, rows));
        out.add(p);
        p = OutputNames.path(dir, stem, OutputNames.PROFILE_PNG);
        ImageWriters.savePng(plot, p, input);
        out.add(p);
    }

    /** Writes the mask as OME-Zarr 0.4 (uint8, gzip, 64³ chunks): 255 pore, 0 solid, 128 outside the ROI, voxel size in µm; slice by slice. */
    public static void writeMaskZarr(BinaryVolume bv, Path dir, int threads) {
        writeMaskZarr(bv, dir, threads, 0);
    }

    /** As {@link #writeMaskZarr(BinaryVolume, Path, int)} with {@code levels} downsampled levels (each 2×2×2 block's most frequent value). */
    public static void writeMaskZarr(BinaryVolume bv, Path dir, int threads, int levels) {
        VolumeSource src = slices(bv.width(), bv.height(), bv.depth(), 8, bv.voxelSize(), "pore mask", z -> {
            byte[] s = bv.slice(z);
            byte[] o = new byte[s.length];
            for (int i = 0; i < s.length; i++) {
                o[i] = s[i] == MaskSource.PORE ? (byte) 255 : s[i] == MaskSource.OUTSIDE ? (byte) 128 : 0;
            }
            return o;
        });
        OmeZarrWriter.write(dir, src, bv.voxelSize(), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, OmeZarrWriter.DEFAULT_CHUNK, threads,
                levels, OmeZarrWriter.Reduction.MODE);
    }

    /**
     * Writes the local-thickness map (kept with the result: {@link LocalThickness#hasMap}) as OME-Zarr 0.4: float32,
     * the pore diameter in µm at every pore voxel ({@link LocalThickness#diameterSlice}), 0 elsewhere; gzip, 64³
     * chunks, voxel size in µm; slice by slice.
     */
    public static void writeThicknessZarr(LocalThickness lt, VoxelSize vs, Path dir, int threads) {
        writeThicknessZarr(lt, vs, dir, threads, 0);
    }

    /** As {@link #writeThicknessZarr(LocalThickness, VoxelSize, Path, int)} with {@code levels} downsampled levels (each 2×2×2 block's mean). */
    public static void writeThicknessZarr(LocalThickness lt, VoxelSize vs, Path dir, int threads, int levels) {
        int[] dm = lt.mapDimensions();
        VolumeSource src = slices(dm[0], dm[1], dm[2], 32, vs, "local thickness (µm)", lt::diameterSlice);
        OmeZarrWriter.write(dir, src, vs, OmeZarrWriter.DataType.FLOAT32, OmeZarrWriter.Compression.GZIP, OmeZarrWriter.DEFAULT_CHUNK, threads,
                levels, OmeZarrWriter.Reduction.MEAN);
    }

    /**
     * Writes the local-thickness map as a 32-bit float TIFF stack (pore diameter in µm, 0 elsewhere; value unit µm,
     * voxel size calibrated; PoroPhase's provenance tag). The float stack is built in memory (4 bytes per voxel, checked).
     */
    public static void writeThickness(LocalThickness lt, VoxelSize vs, Path file) {
        int[] dm = lt.mapDimensions();
        MemoryCheck.require(4L * dm[0] * dm[1] * dm[2], "the local-thickness TIFF of a " + dm[0] + "×" + dm[1] + "×" + dm[2]
                + " volume (4 bytes per voxel; --volume-format zarr writes it slice by slice)");
        Object[] sl = new Object[dm[2]];
        for (int z = 0; z < dm[2]; z++) {
            sl[z] = lt.diameterSlice(z);
        }
        ij.ImagePlus imp = VolumeWriters.toImagePlus("local thickness", dm[0], dm[1], sl, vs);
        imp.getCalibration().setValueUnit("µm");
        ImageWriters.saveTiff(imp, file);
    }

    /** Largest label count a 32-bit float TIFF holds exactly (2²⁴). */
    public static final int MAX_FLOAT_LABELS = 1 << 24;

    /** Writes the pore labels as OME-Zarr 0.4: uint32 (0 = no pore), gzip, 64³ chunks, voxel size in µm; slice by slice. */
    public static void writeLabelsZarr(ComponentLabeler.LabelVolume lv, Path dir, int threads) {
        writeLabelsZarr(lv, dir, threads, 0);
    }

    /** As {@link #writeLabelsZarr(ComponentLabeler.LabelVolume, Path, int)} with {@code levels} downsampled levels (each 2×2×2 block's most frequent label). */
    public static void writeLabelsZarr(ComponentLabeler.LabelVolume lv, Path dir, int threads, int levels) {
        int[][] l = lv.labels();
        VolumeSource src = slices(lv.width(), lv.height(), l.length, 32, lv.voxelSize(), "pore labels", z -> l[z]);
        OmeZarrWriter.write(dir, src, lv.voxelSize(), OmeZarrWriter.DataType.UINT32, OmeZarrWriter.Compression.GZIP, OmeZarrWriter.DEFAULT_CHUNK, threads,
                levels, OmeZarrWriter.Reduction.MODE);
    }

    /**
     * Writes the pore labels as a TIFF stack: 16-bit when there are at most 65535 labels, else 32-bit float (exact up
     * to 2²⁴ labels; more are refused, naming --volume-format zarr, whose uint32 holds them). 0 = no pore.
     */
    public static void writeLabels(ComponentLabeler.LabelVolume lv, Path file) {
        int[][] l = lv.labels();
        int d = l.length;
        boolean shorts = lv.count() <= 65535;
        if (!shorts && lv.count() > MAX_FLOAT_LABELS) {
            throw new PoroPhaseException(lv.count() + " pore labels are more than a 32-bit float TIFF holds exactly (2^24): "
                    + "write them with --volume-format zarr (uint32)");
        }
        MemoryCheck.require((shorts ? 2L : 4L) * lv.width() * lv.height() * d, "the label TIFF of a " + lv.width() + "×" + lv.height() + "×" + d
                + " volume (" + (shorts ? 2 : 4) + " bytes per voxel; --volume-format zarr writes it slice by slice)");
        Object[] sl = new Object[d];
        for (int z = 0; z < d; z++) {
            int[] s = l[z];
            if (shorts) {
                short[] o = new short[s.length];
                for (int i = 0; i < s.length; i++) {
                    o[i] = (short) s[i];
                }
                sl[z] = o;
            } else {
                float[] o = new float[s.length];
                for (int i = 0; i < s.length; i++) {
                    o[i] = s[i];
                }
                sl[z] = o;
            }
        }
        ImageWriters.saveTiff(VolumeWriters.toImagePlus("pore labels", lv.width(), lv.height(), sl, lv.voxelSize()), file);
    }

    /** A volume whose slices {@code slice} makes on demand (for the slice-by-slice OME-Zarr writer). */
    private static VolumeSource slices(int w, int h, int d, int bits, VoxelSize vs, String what, java.util.function.IntFunction<Object> slice) {
        return new VolumeSource() {
            @Override public int width() { return w; }
            @Override public int height() { return h; }
            @Override public int depth() { return d; }
            @Override public int bitDepth() { return bits; }
            @Override public VoxelSize voxelSize() { return vs; }
            @Override public String voxelSizeSource() { return "analysis"; }
            @Override public String description() { return what; }
            @Override public Object slice(int z) { return slice.apply(z); }
        };
    }

    /** Writes the mask as 8-bit TIFF: 255 pore, 0 solid, 128 outside the ROI; with PoroPhase's provenance tag ({@link OutputProvenance}). */
    public static void writeMask(BinaryVolume bv, Path file) {
        Object[] sl = new Object[bv.depth()];
        for (int z = 0; z < bv.depth(); z++) {
            byte[] s = bv.slice(z);
            byte[] o = new byte[s.length];
            for (int i = 0; i < s.length; i++) {
                o[i] = s[i] == MaskSource.PORE ? (byte) 255 : s[i] == MaskSource.OUTSIDE ? (byte) 128 : 0;
            }
            sl[z] = o;
        }
        ImageWriters.saveTiff(VolumeWriters.toImagePlus("pore mask", bv.width(), bv.height(), sl, bv.voxelSize()), file);
    }
}
