/**
 * The plugin descriptor and parameter defaults, read from {@code plugin.yml} (bundled at the jar root;
 * a user's edited copy, {@code --config FILE} or the Fiji "config" field, overrides only the values it
 * sets). Every parameter of every command has its default, unit, description and source there.
 *
 * <h2>Public API</h2>
 * <ul>
 * <li>{@link org.porophase.config.PluginConfig}: {@code defaults()} (the bundled file) and
 * {@code load(Path)} (a copy over the defaults); typed getters per command and parameter.</li>
 * <li>{@link org.porophase.config.CommandSpec}: one command: id, title, menu path, description, its
 * parameters.</li>
 * <li>{@link org.porophase.config.ParamSpec}: one parameter: value, unit, description, source, allowed
 * choices, typed accessors.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * Tier 1: uses only {@link org.porophase.core} (and snakeyaml, which no other package may use; it is
 * shaded into the plugin jar). Read only by the parameter holders
 * ({@code phasefield.PhaseFieldParameters}, the {@code pipeline.*Options}) and by the front ends: the
 * algorithms below take their parameters as arguments.
 */
package org.porophase.config;
