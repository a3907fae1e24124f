/**
 * Transport on the segmented geometry (issue 13): steady-state conduction / diffusion through one
 * phase of a 2D image or 3D volume with anisotropic voxels, the tortuosity factor in both
 * conventions, the MacMullin number, the Bruggeman-type exponent, the percolation factor and a local
 * τ(z) profile. See docs/transport.md for the estimators and their validation.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.transport.PhaseGrid}: the conducting phase as a one-byte indicator, from a
 * segmented mask (pore / solid) or from a grey / label volume (a value range).</li>
 * <li>{@link org.porophase.transport.TortuositySolver}: {@code solve(PhaseGrid, Axis, TransportOptions)}
 * → {@link org.porophase.transport.TransportResult}; {@code memoryBytes} for the estimate checked before
 * allocating.</li>
 * <li>{@link org.porophase.transport.TwoPhaseConduction}: {@code solve(PhaseGrid, Axis, TransportOptions, R)}
 * → {@link org.porophase.transport.TwoPhaseResult}: both phases conduct (the other at R = σ_other/σ_phase),
 * σ_eff/σ_phase, the formation factor and the Wiener bounds.</li>
 * <li>{@link org.porophase.transport.Axis}, {@link org.porophase.transport.TransportOptions},
 * {@link org.porophase.transport.SideBoundary} (no-flux = mirror, or periodic side faces; also taken by
 * {@link org.porophase.transport.GeometricTortuosity} and {@link org.porophase.transport.Drainage}).</li>
 * </ul>
 * Internals: {@link org.porophase.transport.FineGrid} (matrix-free finest operator on the mask) and
 * {@link org.porophase.transport.GridMultigrid} (structured aggregation multigrid, the scheme of the
 * phase-field engine's solver stored for a binary medium).
 */
package org.porophase.transport;
