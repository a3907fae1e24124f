package org.porophase.synth;

import java.nio.file.*;
import org.porophase.io.*;
import ij.ImagePlus;

public class ScratchMain {
    public static void main(String[] a) throws Exception {
        long t0 = System.nanoTime();
        SemSynthesizer.Synthetic s = SemSynthesizer.generate(SemSynthesizer.Params.builder().width(640).height(480)
            .infoBarPx(60).vendor(SemSynthesizer.Vendor.FEI).porosity(0.35).seed(7).build());
        System.out.println("gen ms " + (System.nanoTime()-t0)/1e6 + " " + s.truth());
        Path f = Paths.get("/tmp/scratch/cyl.tif");
        SemSynthesizer.write(s, f);
        SemImage im = SemReader.read(f, null);
        System.out.println(im.calibration() + " " + im.warnings() + " h=" + im.metadataImageHeight());
        System.out.println(InfoBarDetector.detect(im.processor(), java.util.OptionalInt.empty()));
        ImageWriters.savePng(new ImagePlus("x", im.processor()), Paths.get("/tmp/scratch/cyl.png"));
        t0 = System.nanoTime();
        SemSynthesizer.Synthetic b = SemSynthesizer.generate(SemSynthesizer.Params.builder().model(SemSynthesizer.Model.BOOLEAN).width(640).height(480)
            .infoBarPx(60).vendor(SemSynthesizer.Vendor.ZEISS).porosity(0.45).shading(0.15).seed(11).build());
        System.out.println("gen ms " + (System.nanoTime()-t0)/1e6 + " " + b.truth());
        f = Paths.get("/tmp/scratch/bool.tif");
        SemSynthesizer.write(b, f);
        im = SemReader.read(f, null);
        System.out.println(im.calibration() + " " + im.warnings());
        System.out.println(InfoBarDetector.detect(im.processor(), java.util.OptionalInt.empty()));
        ImageWriters.savePng(new ImagePlus("x", im.processor()), Paths.get("/tmp/scratch/bool.png"));
        // no-bar images
        for (int seed = 1; seed <= 20; seed++) {
            for (SemSynthesizer.Model m : SemSynthesizer.Model.values()) {
                for (double noise : new double[]{0, 12}) {
                SemSynthesizer.Synthetic n = SemSynthesizer.generate(SemSynthesizer.Params.builder().model(m).width(256).height(256)
                    .porosity(m==SemSynthesizer.Model.CYLINDERS?0.3:0.45).noise(noise).blurPx(noise > 0 ? 1 : 0).grain(noise > 0).seed(seed).build());
                InfoBarDetector.InfoBar ib = InfoBarDetector.detect(n.image(), java.util.OptionalInt.empty());
                if (ib.detected()) System.out.println("FALSE POSITIVE " + m + " seed " + seed + " noise " + noise + " " + ib);
                }
            }
        }
        System.out.println("done"); System.exit(0);
    }
}
