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

    /** Writes the outputs into {@code dir}; returns the paths written. */
    public static List<Path> write(VolumeAnalysis a, Path dir, String stem) {
        Path input = a.input() == null ? null : Path.of(a.input());
        List<Path> out = new ArrayList<>();
        Path p = OutputNames.path(dir, stem, OutputNames.SUMMARY_JSON);
        ImageWriters.checkNotInput(p, input);
        AtomicFiles.writeString(p, Json.pretty(a.toJson()));
        out.add(p);
        writeProfile(dir, stem, input, PROFILE_COLUMNS, a.profileRows(), Figures.volumeProfile(a), out);
        if (a.mask() != null) {
            p = OutputNames.path(dir, stem, OutputNames.MASK_TIF);
            ImageWriters.checkNotInput(p, input);
            writeMask(a.mask(), p);
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
