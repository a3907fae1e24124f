package org.porophase.io;

import org.porophase.core.VoxelSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ij.ImagePlus;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;

/**
 * Opens any supported volume: multi-page TIFF, a folder of slice images, MetaImage (.mhd/.mha),
 * NRRD (.nrrd/.nhdr), HDF5 (.h5/.hdf5/.he5), chunked Zarr v2/v3, OME-Zarr and N5 folders
 * ({@link org.porophase.core.BlockSource}s read chunk by chunk; {@code dataset} chooses the array,
 * OME-Zarr level or channel, e.g. {@code 1} or {@code 0:c=1}) and, when Bio-Formats is on the
 * class path (inside Fiji), any format it reads.
 */
public final class VolumeReaders {
    private VolumeReaders() {
    }

    private static String ext(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int i = n.lastIndexOf('.');
        return i < 0 ? "" : n.substring(i + 1);
    }

    /**
     * True when {@code p} is a volume: a multi-page TIFF with more than one slice, a folder with at
     * least two slice images, or a .mhd/.mha/.nrrd/.nhdr/.h5/.hdf5 file.
     */
    public static boolean isVolume(Path p) {
        if (p == null || !Files.exists(p)) {
            return false;
        }
        if (Files.isDirectory(p)) {
            if (isChunked(p)) {
                return true;
            }
            try {
                return SequenceSource.list(p).size() > 1;
            } catch (PoroPhaseException e) {
                return false;
            }
        }
        if (!Files.isRegularFile(p)) {
            return false; // a pipe or device: not read here (the reader that gets it refuses it by name)
        }
        switch (ext(p)) {
            case "mhd": case "mha": case "nrrd": case "nhdr": case "h5": case "hdf5": case "he5":
                return true;
            case "tif": case "tiff":
                try {
                    return TiffStackReader.sliceCount(p) > 1;
                } catch (PoroPhaseException e) {
                    return false;
                }
            default:
                // inside Fiji: a format only Bio-Formats reads is a volume when its first series has several planes
                if (BioFormats.isAvailable()) {
                    try {
                        return BioFormats.open(p, true).getStackSize() > 1;
                    } catch (PoroPhaseException e) {
                        return false;
                    }
                }
                return false;
        }
    }

    /**
     * Opens a volume.
     *
     * @param p       file or folder
     * @param dataset HDF5 dataset path; for Zarr / N5 the array path, OME-Zarr level (index or path) and
     *                non-spatial axis indices ({@code 1}, {@code s0}, {@code 0:c=2}); ignored for other
     *                formats; null = the only 3D dataset / level 0
     */
    public static VolumeSource open(Path p, String dataset) {
        return open(p, dataset, null);
    }

    /**
     * Opens a volume; {@code sliceSpacingUm} ({@code --slice-spacing}), when given, is the z spacing: it completes
     * an x, y calibration that has no z (a vendor SEM stack, a slice folder of SEM images) and replaces the z of a
     * header that has one.
     */
    public static VolumeSource open(Path p, String dataset, Double sliceSpacingUm) {
        return open(p, dataset, sliceSpacingUm, 0);
    }

    /**
     * As {@link #open(Path, String, Double)}, decoding on at most {@code threads} threads ({@link org.porophase.core.Parallel}'s
     * setting: ≤ 0 = all processors, 1 = the calling thread only): the chunks of a Zarr / N5 layer read slice by slice are
     * decoded in parallel only within this limit, so {@code --threads} bounds the reader as it bounds the analysis.
     * The other formats decode on the calling thread.
     */
    public static VolumeSource open(Path p, String dataset, Double sliceSpacingUm, int threads) {
        if (sliceSpacingUm != null && !(sliceSpacingUm > 0 && Double.isFinite(sliceSpacingUm))) {
            throw new org.porophase.core.InvalidValueException("--slice-spacing must be a positive number in µm, got " + sliceSpacingUm);
        }
        VolumeSource src = openUnchecked(p, dataset, sliceSpacingUm);
        if (src instanceof ChunkedVolume cv) {
            cv.decodeThreads(threads);
        }
        if (sliceSpacingUm != null && src instanceof AbstractVolumeSource a && a.vs != null && a.vs.z() != sliceSpacingUm) {
            a.vs = new VoxelSize(a.vs.x(), a.vs.y(), sliceSpacingUm);
            a.vsSource = a.vsSource + "; z replaced by --slice-spacing " + SemReader.fmt(sliceSpacingUm) + " µm";
        }
        return src;
    }

    private static VolumeSource openUnchecked(Path p, String dataset, Double sliceSpacingUm) {
        if (p == null || !Files.exists(p)) {
            throw new PoroPhaseException("input not found: " + p + " (give a volume file or a folder of slices)");
        }
        if (Files.isDirectory(p)) {
            if (isChunked(p)) {
                try {
                    return ZarrArrays.isZarr(p) ? ZarrArrays.open(p, dataset) : N5Arrays.open(p, dataset);
                } catch (PoroPhaseException e) {
                    String m = e.getMessage() == null ? "" : e.getMessage();
                    throw m.contains(p.getFileName().toString()) ? e : new PoroPhaseException(p + ": " + m, e);
                }
            }
            return new SequenceSource(p, sliceSpacingUm);
        }
        InputFiles.requireRegularFile(p, "volume file");
        try {
            switch (ext(p)) {
                case "mhd": case "mha":
                    return RawHeaders.openMetaImage(p);
                case "nrrd": case "nhdr":
                    return RawHeaders.openNrrd(p);
                case "h5": case "hdf5": case "he5":
                    return new Hdf5Source(p, dataset);
                default:
                    break;
            }
        } catch (PoroPhaseException e) {
            // a detached data file's problem (v.raw truncated) still names the input the user gave (v.mhd)
            String name = p.getFileName().toString();
            if (e.getMessage() != null && e.getMessage().contains(name)) {
                throw e;
            }
            throw new PoroPhaseException(p + ": " + e.getMessage(), e);
        }
        switch (ext(p)) {
            case "tif": case "tiff":
                return TiffStackReader.open(p, sliceSpacingUm);
            default:
                return openWithBioFormats(p);
        }
    }

    /**
     * True for a chunked volume folder: Zarr (name ending .zarr, or holding .zarray, .zgroup, .zattrs or
     * zarr.json) or N5 (name ending .n5, or holding attributes.json).
     */
    public static boolean isChunked(Path p) {
        return p != null && Files.isDirectory(p) && (ZarrArrays.isZarr(p) || N5Arrays.isN5(p));
    }

    /** True when Bio-Formats is available (inside Fiji); see {@link BioFormats}. */
    public static boolean hasBioFormats() {
        return BioFormats.isAvailable();
    }

    /** Opens a file with Bio-Formats (virtual stack, first series). */
    public static VolumeSource openWithBioFormats(Path p) {
        if (!hasBioFormats()) {
            throw new PoroPhaseException("cannot read " + p.getFileName() + ": its format is not one PoroPhase reads itself (multi-page TIFF, "
                    + "slice folder, .mhd/.mha, .nrrd/.nhdr, .h5/.hdf5) and Bio-Formats is not available; run inside Fiji (which has "
                    + "Bio-Formats) or convert the volume to TIFF");
        }
        ImagePlus imp = BioFormats.open(p, true);
        return new ImagePlusSource(imp, "Bio-Formats " + p.getFileName() + " (series 1)");
    }
}
