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
import org.porophase.io.OmeZarrWriter;
import org.porophase.io.VolumeWriters;
import org.porophase.analysis.VolumeAnalysis;

/**
 * Writes one volume analysis to a folder, each file atomically ({@link OutputNames}):
 * {@code STEM.summary.json}, {@code STEM.profile.csv} and {@code STEM.profile.png} (porosity profile
 * along the axis), {@code STEM.psd.csv} (local-thickness histogram, when computed) and
 * {@code STEM.mask.tif} (when the mask was kept: write_mask and in memory).
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
     * Writes the outputs into {@code dir}; {@code volumeFormat} "zarr" writes the mask as {@code STEM.mask.ome.zarr}
     * (OME-Zarr 0.4, {@link OmeZarrWriter}) instead of {@code STEM.mask.tif}. Returns the paths written.
     */
    public static List<Path> write(VolumeAnalysis a, Path dir, String stem, String volumeFormat) {
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
                writeMaskZarr(a.mask(), p);
            } else {
                writeMask(a.mask(), p);
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
    public static void writeMaskZarr(BinaryVolume bv, Path dir) {
        org.porophase.core.VolumeSource src = new org.porophase.core.VolumeSource() {
            @Override public int width() { return bv.width(); }
            @Override public int height() { return bv.height(); }
            @Override public int depth() { return bv.depth(); }
            @Override public int bitDepth() { return 8; }
            @Override public org.porophase.core.VoxelSize voxelSize() { return bv.voxelSize(); }
            @Override public String voxelSizeSource() { return "mask"; }
            @Override public String description() { return "pore mask"; }

            @Override
            public Object slice(int z) {
                byte[] s = bv.slice(z);
                byte[] o = new byte[s.length];
                for (int i = 0; i < s.length; i++) {
                    o[i] = s[i] == MaskSource.PORE ? (byte) 255 : s[i] == MaskSource.OUTSIDE ? (byte) 128 : 0;
                }
                return o;
            }
        };
        OmeZarrWriter.write(dir, src, bv.voxelSize(), OmeZarrWriter.DataType.UINT8, OmeZarrWriter.Compression.GZIP, OmeZarrWriter.DEFAULT_CHUNK);
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
