package org.porophase.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.porophase.core.PoroPhaseException;
import org.porophase.core.VolumeSource;
import org.porophase.io.SemImage;
import org.porophase.io.SemReader;
import org.porophase.segment.CropBox;
import org.porophase.segment.CroppedSource;
import org.porophase.segment.InfoBarDetector;

/**
 * A single SEM section read as a one-slice volume ({@code analyze-volume}, {@code transport}): the scan without
 * the microscope's data bar, so that the volume commands see what {@code analyze} sees.
 */
final class SectionScan {
    private SectionScan() {
    }

    /**
     * A single 2D SEM image (one slice, a TIFF) without its data bar, found as {@code analyze} finds it
     * ({@link InfoBarDetector}: vendor metadata, else the image): the bar's dark or light band would otherwise be
     * taken as a phase (a pore band that conducts along x, a porosity of the frame). Volumes and images without a
     * bar are returned as they are. The file is read a second time as an SEM image for its metadata (a 2D
     * image: milliseconds).
     */
    static VolumeSource withoutDataBar(VolumeSource src, Path input, List<String> notes) {
        String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (src.depth() != 1 || !(name.endsWith(".tif") || name.endsWith(".tiff"))) {
            return src;
        }
        SemImage img;
        try {
            img = SemReader.read(input, null);
        } catch (PoroPhaseException e) {
            return src; // not readable as a 2D SEM image: the volume reader's view stands
        }
        InfoBarDetector.InfoBar bar = InfoBarDetector.detect(img.processor(), img.metadataImageHeight());
        if (!bar.detected() || bar.rowsKept() >= src.height() || bar.rowsKept() < 2) {
            return src;
        }
        notes.add("data bar excluded: rows " + bar.rowsKept() + "–" + (src.height() - 1) + " (" + bar.method() + "); only rows 0–"
                + (bar.rowsKept() - 1) + " are used");
        return new CroppedSource(src, new CropBox(0, 0, 0, src.width(), bar.rowsKept(), 1));
    }
}
