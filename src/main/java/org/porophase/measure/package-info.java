/**
 * 2D measurement of a binary pore mask (SEM cross-sections): porosity, Crofton perimeter and the
 * specific surface area S_c = P_p/A_t (eq. 3 of Zhang et al., ACS AMI 16 (2024) 12353), pore
 * labelling (8-connected pores), per-pore area, perimeter, ECD, Feret diameters, circularity, border
 * policies (including an unbiased counting frame), and the paper's scaffold figures of merit
 * (eqs. 1, 2, 7) in {@link org.porophase.measure.ScaffoldMetrics}.
 * <p>
 * Entry point: {@link org.porophase.measure.PoreMeasurer#measure}. All results in µm; pixel width and
 * height may differ. No I/O, no UI.
 */
package org.porophase.measure;
