package org.porophase.report;

import org.porophase.core.Json;
import org.porophase.core.Csv;
import org.porophase.core.OutputNames;
import org.porophase.analysis.SemAnalysisResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.porophase.core.AtomicFiles;

/**
 * Writes one SEM analysis to a folder, each file atomically ({@link OutputNames}): {@code STEM.summary.json},
 * {@code STEM.pores.csv}, {@code STEM.psd.csv} (local-thickness pore size distribution), and (by option) {@code STEM.mask.tif}, {@code STEM.qc.png}
 * (the whole image: pore outlines, the excluded info bar and the analysed region) and {@code STEM.profile.csv} /
 * {@code STEM.profile.png} (porosity across the thickness, written by {@link VolumeOutputs#writeProfile}).
 * Never writes over the input image.
 */
public final class SemOutputs {
    private SemOutputs() {
    }

    /** Writes the outputs with the input's stem ({@link SemAnalysisResult#baseTitle}); returns the paths written. */
    public static List<Path> write(SemAnalysisResult r, Path outDir) {
        return write(r, outDir, r.baseTitle());
    }

    /** Writes the outputs named {@code stem.<what>.<ext>} (a batch's unique stem); returns the paths written. */
    public static List<Path> write(SemAnalysisResult r, Path outDir, String stem) {
        Path input = r.image().path();
        List<Path> written = new ArrayList<>();
        Path json = OutputNames.path(outDir, stem, OutputNames.SUMMARY_JSON);
        Path csv = OutputNames.path(outDir, stem, OutputNames.PORES_CSV);
        ImageWriters.checkNotInput(json, input);
        ImageWriters.checkNotInput(csv, input);
        AtomicFiles.writeString(csv, Csv.table(r.poreColumns(), r.poreRows()));
        written.add(csv);
        if (r.thickness() != null) {
            Path psd = OutputNames.path(outDir, stem, OutputNames.PSD_CSV);
            ImageWriters.checkNotInput(psd, input);
            AtomicFiles.writeString(psd, Csv.table(List.of(r.column("diameter_um"), "pixels", "area_fraction", "cumulative_fraction"),
                    r.thickness().histogramRows()));
            written.add(psd);
        }
        if (r.options().saveMask) {
            Path mask = OutputNames.path(outDir, stem, OutputNames.MASK_TIF);
            ImageWriters.checkNotInput(mask, input);
            ImageWriters.saveTiff(r.maskImage(), mask);
            written.add(mask);
        }
        if (r.options().saveOverlay) {
            Path qc = OutputNames.path(outDir, stem, OutputNames.QC_PNG);
            ImageWriters.checkNotInput(qc, input);
            ImageWriters.savePng(Figures.semQc(r), qc);
            written.add(qc);
        }
        if (r.profile() != null) {
            VolumeOutputs.writeProfile(outDir, stem, input, org.porophase.measure.PorosityProfile2D.COLUMNS.stream().map(r::column).toList(),
                    r.profile().rows(),
                    Figures.sectionProfilePlot(r).getImagePlus(), written);
        }
        AtomicFiles.writeString(json, Json.pretty(r.summary()));
        written.add(json);
        return written;
    }
}
