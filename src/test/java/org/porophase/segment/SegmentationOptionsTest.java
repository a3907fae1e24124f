package org.porophase.segment;

import org.porophase.filter.Denoise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.porophase.core.PoroPhaseException;
import org.porophase.config.CommandSpec;
import org.porophase.config.PluginConfig;
import org.porophase.measure.BorderPolicy;

class SegmentationOptionsTest {

    /** plugin.yml's analyze choices are exactly what the code accepts. */
    @Test
    void bundledChoicesAreAccepted() {
        CommandSpec analyze = PluginConfig.defaults().command("analyze");
        assertEquals(BorderPolicy.EXCLUDE_FROM_SHAPE, BorderPolicy.parse(analyze.param("border_pores").asString()));
        for (String m : analyze.param("threshold_method").choices()) {
            ThresholdMethods.resolve(m);
        }
        assertEquals(ThresholdMethods.names().length, analyze.param("threshold_method").choices().size());
    }

    @Test
    void parsing() {
        assertEquals(BorderPolicy.GUARD_FRAME, BorderPolicy.parse("guard-frame"));
        assertThrows(PoroPhaseException.class, () -> BorderPolicy.parse("none"));
        assertEquals(Denoise.GAUSSIAN, new SegmentationOptions().setDenoise("gaussian").getDenoise());
        assertEquals("Manual", new SegmentationOptions().setManualThreshold(3).getMethod());
    }

    /**
     * split_dynamics: on by default in the SEM analysis (the recommended 10; off in a bare SegmentationOptions), passed
     * from the analyze parameters, refused when negative.
     */
    @Test
    void splitDynamicsOption() {
        assertEquals(SegmentationOptions.RECOMMENDED_SPLIT_DYNAMICS,
                org.porophase.analysis.SemAnalysisOptions.defaults().segmentation(null).getSplitDynamics(), 0);
        assertEquals(0, new SegmentationOptions().getSplitDynamics(), 0);
        PluginConfig c = PluginConfig.defaults().with("analyze", java.util.Map.of("split_dynamics", "0"), "test");
        assertEquals(0, org.porophase.analysis.SemAnalysisOptions.fromConfig(c).segmentation(null).getSplitDynamics(), 0);
        SegmentationOptions o = new SegmentationOptions().setSplitDynamics(-1);
        assertThrows(PoroPhaseException.class, o::validate);
        assertEquals(10, new SegmentationOptions().setSplitDynamics(10).copy().getSplitDynamics(), 0);
    }

    /** nlm_strength: 1 (the estimated σ) in the SEM analysis and in a bare SegmentationOptions, copied, refused when ≤ 0. */
    @Test
    void nlmStrengthOption() {
        assertEquals(1, org.porophase.analysis.SemAnalysisOptions.defaults().segmentation(null).getNlmStrength(), 0);
        assertEquals(1.0, org.porophase.analysis.SemAnalysisOptions.defaults().toMap().get("nlm_strength"));
        assertEquals(1, new SegmentationOptions().getNlmStrength(), 0);
        PluginConfig c = PluginConfig.defaults().with("analyze", java.util.Map.of("nlm_strength", "1.5"), "test");
        assertEquals(1.5, org.porophase.analysis.SemAnalysisOptions.fromConfig(c).segmentation(null).getNlmStrength(), 0);
        assertEquals(2, new SegmentationOptions().setNlmStrength(2).copy().getNlmStrength(), 0);
        assertThrows(PoroPhaseException.class, new SegmentationOptions().setNlmStrength(0)::validate);
        assertThrows(PoroPhaseException.class, new SegmentationOptions().setNlmStrength(Double.NaN)::validate);
    }
}
