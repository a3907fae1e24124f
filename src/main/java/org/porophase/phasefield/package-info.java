/**
 * The phase-field model of Li plating into a porous LLZO scaffold (Zhang et al., "… porous LLZO
 * membranes …", ACS Appl. Mater. Interfaces 16 (2024) 12353–12362, eqs. 8–12, built on L. Chen et al.,
 * J. Power Sources 300 (2015) 376): Allen–Cahn order parameter ξ of Li metal, Li⁺ concentration and
 * electrolyte potential in the ion conductor, Butler–Volmer reaction local to the triple region (Li front × diffuse LLZO), capillarity
 * conserved per front, electronic connectivity (dead Li), signed galvanostatic control (plating, stripping,
 * cycling), wetting of the walls; 2D (x–z) and 3D with the same code; the resolution rule ({@link
 * org.porophase.phasefield.Resolution}) scales the interfaces with the narrowest pore. Engine notes: {@code docs/phasefield-engine.md}.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.phasefield.PhaseFieldParameters}: every physical and numerical parameter
 * (SI unless named otherwise), {@code fromConfig(PluginConfig)} / {@code defaults()} from plugin.yml
 * command {@code phasefield}; derived constants are methods.</li>
 * <li>{@link org.porophase.phasefield.Geometry}: the simulation grid from a pore mask
 * ({@code fromImage}, {@code fromCanonicalMask}, {@code openMask}), LLZO field from the signed
 * distance, seeding of the initial Li (impregnation depth).</li>
 * <li>{@link org.porophase.phasefield.IdealScaffold}: the ideal twin of eq. 1, straight channels
 * ({@code channels2D}) or cylinders on a square/hexagonal lattice ({@code cylinders3D}) at porosity φ and
 * pore size δ, and the flat Li|LLZO reference ({@code flat}).</li>
 * <li>{@link org.porophase.phasefield.Resolution}: narrowest pore → interface width, scale and dx; under-resolution check.</li>
 * <li>{@link org.porophase.phasefield.PhaseFieldRun}: the driver, {@code run(Listener)} and
 * {@code resume(Path, double, Options)}: time stepping, snapshots, checkpoints, cancellation,
 * divergence handling; returns a {@link org.porophase.phasefield.PhaseFieldResult} (final metrics,
 * time series, fill-vs-depth profile, snapshots, {@code toJson()}).</li>
 * <li>{@link org.porophase.phasefield.RunMetrics} (figures of merit), {@link org.porophase.phasefield.Snapshot}
 * (one saved frame: ξ, c/c₀, potential, current density), {@link org.porophase.phasefield.Checkpoint}
 * (gzip'd, atomic, exact restart).</li>
 * <li>{@link org.porophase.phasefield.PhaseFieldSolver}: the time integrator (eqs. 9, 11, 12; an
 * aggregation-multigrid preconditioned CG for the ionic problems); its
 * {@code DivergenceException} is how a run reports divergence.</li>
 * </ul>
 *
 * <h2>Estimators (figures of merit, {@link org.porophase.phasefield.RunMetrics})</h2>
 * Plated charge and charge balances (against I·t and against the counter-face ionic current); fill
 * fraction; front height, channel spread; wall-creep index of the deposited Li; Li|LLZO contact-area ratio and
 * interface void fraction; hot-spot ratio on the active interface; dead Li; time to short; kinetic
 * overpotential. One definition each: {@code RunMetrics.DEFINITIONS} (also in every result.json and
 * {@code docs/phasefield-metrics.md}). Internal engine classes: {@code Grid}, {@code AllenCahnStep},
 * {@code FrontConservation}, {@code LiConnectivity}, {@code IonicDomain}, {@code Electrochemistry},
 * {@code SolverState}, {@code ConjugateGradient} with {@code AggregationMultigrid} (finest level {@code StencilSmoother},
 * single precision) / {@code JacobiPreconditioner}.
 *
 * <h2>Dependencies</h2>
 * Tier 3: may use {@link org.porophase.core}, {@link org.porophase.config} (parameter defaults only),
 * {@link org.porophase.io}, {@link org.porophase.filter}, {@link org.porophase.binary},
 * {@link org.porophase.segment} and {@link org.porophase.measure}; not synth, pipeline, report or ui.
 * Results are data ({@code toJson()}, rows); PNG rendering and file writing belong in
 * {@link org.porophase.report}.
 */
package org.porophase.phasefield;
