package org.porophase.measure;

import org.porophase.core.PoroPhaseException;

/**
 * Scaffold figures of merit from Zhang et al., "… porous LLZO membranes …", ACS Appl. Mater.
 * Interfaces 16 (2024) 12353–12362, Experimental Section. Porosities are fractions (0..1), lengths µm.
 */
public final class ScaffoldMetrics {

    private ScaffoldMetrics() {
    }

    /**
     * Eq. 1: specific surface area of parallel cylindrical pores, S_c = 4φ/δ (µm⁻¹).
     * (The paper writes φ in %, divided by 100 %; here φ is a fraction.)
     *
     * @param porosity       φ, fraction in [0, 1]
     * @param poreDiameterUm δ, cylinder diameter (µm), &gt; 0
     */
    public static double idealCylinderSpecificSurfacePerUm(double porosity, double poreDiameterUm) {
        checkFraction("porosity", porosity);
        if (!(poreDiameterUm > 0) || Double.isInfinite(poreDiameterUm)) {
            throw new PoroPhaseException("pore diameter must be a positive number of µm, got " + poreDiameterUm);
        }
        return 4 * porosity / poreDiameterUm;
    }

    /**
     * Eq. 2: current-density reduction R_J = 1 − 1/(d·S_c), as a fraction (×100 for the paper's %).
     * d·S_c is the wetted pore-wall area per unit of flat interface for Li infiltrated to depth d;
     * a negative result (d·S_c &lt; 1) means the wetted area is smaller than the flat interface and
     * the model does not apply (the flat interface itself then carries the current).
     *
     * @param depthUm             d, Li infiltration depth (µm), &gt; 0
     * @param specificSurfacePerUm S_c (µm⁻¹), &gt; 0
     */
    public static double currentDensityReduction(double depthUm, double specificSurfacePerUm) {
        if (!(depthUm > 0) || Double.isInfinite(depthUm)) {
            throw new PoroPhaseException("infiltration depth must be a positive number of µm, got " + depthUm);
        }
        if (!(specificSurfacePerUm > 0) || Double.isInfinite(specificSurfacePerUm)) {
            throw new PoroPhaseException("specific surface area must be a positive number of 1/µm, got "
                    + specificSurfacePerUm + " (no pore wall measured?)");
        }
        return 1 - 1 / (depthUm * specificSurfacePerUm);
    }

    /**
     * Eq. 7 (Bruggeman symmetric medium, as used in the paper): σ_m = σ_h (1 − 3f/2), solved for the
     * porosity-corrected conductivity σ_h = σ_m / (1 − 3f/2), in the units of σ_m.
     *
     * @param measuredSigma σ_m (any conductivity unit), ≥ 0
     * @param porosity      f, pore volume fraction in [0, 2/3)
     * @throws PoroPhaseException for f ≥ 2/3, where the relation predicts no conduction
     */
    public static double bruggemanCorrectedConductivity(double measuredSigma, double porosity) {
        checkFraction("porosity", porosity);
        if (!(measuredSigma >= 0) || Double.isInfinite(measuredSigma)) {
            throw new PoroPhaseException("measured conductivity must be a finite number ≥ 0, got " + measuredSigma);
        }
        if (porosity >= 2.0 / 3.0) {
            throw new PoroPhaseException("Bruggeman correction (eq. 7) needs porosity < 2/3, got " + porosity
                    + ": at f ≥ 2/3 the relation σ_m = σ_h(1 − 3f/2) predicts no conduction; check the porosity");
        }
        return measuredSigma / (1 - 1.5 * porosity);
    }

    /**
     * Eq. 3: specific surface area from a cross-section, S_c = P_p / A_t (µm⁻¹).
     *
     * @param totalPorePerimeterUm P_p (µm), ≥ 0
     * @param totalAreaUm2         A_t (µm²), &gt; 0
     */
    public static double specificSurfaceFromCrossSection(double totalPorePerimeterUm, double totalAreaUm2) {
        if (!(totalPorePerimeterUm >= 0) || Double.isInfinite(totalPorePerimeterUm)) {
            throw new PoroPhaseException("total pore perimeter must be a finite number ≥ 0 µm, got " + totalPorePerimeterUm);
        }
        if (!(totalAreaUm2 > 0) || Double.isInfinite(totalAreaUm2)) {
            throw new PoroPhaseException("analysed area must be a positive number of µm², got " + totalAreaUm2);
        }
        return totalPorePerimeterUm / totalAreaUm2;
    }

    private static void checkFraction(String what, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new PoroPhaseException(what + " must be a fraction between 0 and 1, got " + f
                    + (f > 1 && f <= 100 ? " (pass 0.51 for 51 %)" : ""));
        }
    }
}
