/**
 * Real vs ideal scaffolds (issue 5): a measured SEM cross-section or XCT volume against its ideal
 * parallel-cylinder twin with the same porosity φ and mean pore diameter δ (Zhang et al., ACS AMI
 * 2024, eqs. 1–3), and the phase-field Li plating (eqs. 8–12) on both with the same parameters.
 * {@link org.porophase.pipeline.ScaffoldComparison} runs it, {@link org.porophase.pipeline.CompareResult}
 * holds it, {@link org.porophase.report.CompareReport} writes the report folder. No UI code.
 */
package org.porophase.pipeline;
