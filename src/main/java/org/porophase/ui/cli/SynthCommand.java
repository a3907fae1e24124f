package org.porophase.ui.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.porophase.core.PoroPhaseException;
import org.porophase.synth.SemSynthesizer;
import org.porophase.synth.SemSynthesizer.Model;
import org.porophase.synth.SemSynthesizer.Params;
import org.porophase.synth.SemSynthesizer.Synthetic;
import org.porophase.synth.SemSynthesizer.Vendor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code porophase synth}: writes a synthetic SEM image (TIFF) and its ground truth ({@code .truth.json}).
 * See {@link SemSynthesizer} for the models and the rendering.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate a synthetic SEM cross-section with known porosity and pore geometry (FILE.tif + FILE.truth.json).")
public final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "cylinders", description = "cylinders (non-touching disks of one diameter) or boolean (overlapping disks, Poisson germs). Default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--width", defaultValue = "512", description = "Width of the analysed area in pixels. Default: ${DEFAULT-VALUE}")
    int width;

    @Option(names = "--height", defaultValue = "384", description = "Height of the analysed area in pixels (the info bar is added below). Default: ${DEFAULT-VALUE}")
    int height;

    @Option(names = "--pixel-size", paramLabel = "UM", defaultValue = "0.1", description = "Pixel size in µm. Default: ${DEFAULT-VALUE}")
    double pixelSize;

    @Option(names = "--pore-diameter", paramLabel = "UM", defaultValue = "3.0", description = "cylinders: pore diameter in µm. Default: ${DEFAULT-VALUE}")
    double poreDiameter;

    @Option(names = "--count", defaultValue = "0", description = "cylinders: number of pores (0 = from --porosity)")
    int count;

    @Option(names = "--radius", paramLabel = "UM", defaultValue = "1.5", description = "boolean: disk radius in µm. Default: ${DEFAULT-VALUE}")
    double radius;

    @Option(names = "--intensity", paramLabel = "PER_UM2", defaultValue = "0", description = "boolean: germ intensity per µm² (0 = from --porosity)")
    double intensity;

    @Option(names = "--porosity", paramLabel = "F", description = "Target porosity (0..1) used to derive the pore count / intensity. Default 0.35")
    Double porosity;

    @Option(names = "--noise", defaultValue = "12", description = "Noise standard deviation in gray levels at mid-gray. Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--blur-px", defaultValue = "1.0", description = "Gaussian blur sigma in pixels (PSF). Default: ${DEFAULT-VALUE}")
    double blurPx;

    @Option(names = "--shading", defaultValue = "0", description = "Relative brightness gradient across the image (e.g. 0.1). Default: ${DEFAULT-VALUE}")
    double shading;

    @Option(names = "--info-bar-px", defaultValue = "0", description = "Height of the info bar appended at the bottom (0 = none, else ≥ 12). Default: ${DEFAULT-VALUE}")
    int infoBarPx;

    @Option(names = "--vendor", defaultValue = "imagej", description = "Calibration metadata written: none, imagej, fei, zeiss, tescan. Default: ${DEFAULT-VALUE}")
    String vendor;

    @Option(names = "--snr", paramLabel = "RATIO", description = "Signal-to-noise ratio |solid − pore| / noise σ; replaces --noise when given (e.g. 7)")
    Double snr;

    @Option(names = "--min-gap-px", defaultValue = "3", description = "cylinders: smallest solid gap between pores and to the edges, px (≥ 2). Default: ${DEFAULT-VALUE}")
    int minGapPx;

    @Option(names = "--touch-fraction", paramLabel = "F", defaultValue = "0", description = "cylinders: share of placements tangent to an earlier pore (touching pores, 0..1). Default: ${DEFAULT-VALUE}")
    double touchFraction;

    @Option(names = "--shading-profile", defaultValue = "linear", description = "linear (tilt across the image) or radial (vignetting). Default: ${DEFAULT-VALUE}")
    String shadingProfile;

    @Option(names = "--streaks", defaultValue = "0", description = "Number of bright horizontal charging streaks. Default: ${DEFAULT-VALUE}")
    int streaks;

    @Option(names = "--streak-amplitude", defaultValue = "40", description = "Peak brightness of a charging streak, gray levels. Default: ${DEFAULT-VALUE}")
    double streakAmplitude;

    @Option(names = "--no-grain", description = "Plain solid phase without grain texture")
    boolean noGrain;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (same seed, same image). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.tif", required = true, description = "Output TIFF; FILE.truth.json is written next to it")
    Path out;

    /**
     * Stand-alone entry point ({@code java -cp porophase-cli.jar org.porophase.ui.cli.SynthCommand ...}), equivalent to
     * {@code porophase synth ...}. Exits explicitly: ImageJ's Gaussian blur leaves non-daemon pool threads.
     */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new SynthCommand()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            Model m;
            Vendor v;
            try {
                m = Model.valueOf(model.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PoroPhaseException("--model must be cylinders or boolean (got '" + model + "')");
            }
            try {
                v = Vendor.valueOf(vendor.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PoroPhaseException("--vendor must be none, imagej, fei, zeiss or tescan (got '" + vendor + "')");
            }
            SemSynthesizer.Shading sh;
            try {
                sh = SemSynthesizer.Shading.valueOf(shadingProfile.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PoroPhaseException("--shading-profile must be linear or radial (got '" + shadingProfile + "')");
            }
            Params p = Params.builder().model(m).width(width).height(height).pixelSizeUm(pixelSize)
                    .poreDiameterUm(poreDiameter).poreCount(count).radiusUm(radius).intensityPerUm2(intensity)
                    .porosity(porosity == null ? Double.NaN : porosity).noise(noise).blurPx(blurPx).shading(shading)
                    .infoBarPx(infoBarPx).vendor(v).seed(seed).grain(!noGrain).snr(snr == null ? Double.NaN : snr).minGapPx(minGapPx)
                    .touchFraction(touchFraction).shadingProfile(sh).streaks(streaks).streakAmplitude(streakAmplitude).build();
            Synthetic s = SemSynthesizer.generate(p);
            Path json = SemSynthesizer.write(s, out);
            Object phi = s.truth().containsKey("porosity") ? s.truth().get("porosity") : s.truth().get("porosity_realization");
            out().println("wrote " + out + " (" + s.image().getWidth() + "×" + s.image().getHeight() + " px, porosity " + phi
                    + ") and " + json);
            return 0;
        } catch (PoroPhaseException e) {
            err().println("error: " + e.getMessage());
            return 2;
        }
    }

    private java.io.PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : new java.io.PrintWriter(System.out, true);
    }

    private java.io.PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : new java.io.PrintWriter(System.err, true);
    }
}
