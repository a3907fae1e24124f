/**
 * The Spark runner, the top tier beside {@code ui}: batches, sweeps and large volumes distributed over
 * the executors of a Spark cluster ({@code spark-submit --class org.porophase.spark.PoroPhaseSpark
 * target/porophase-spark.jar COMMAND …}). Thin like a front end: it binds the plugin.yml parameters
 * ({@link org.porophase.spark.SparkArgs}, the CLI's flags), distributes the items
 * ({@link org.porophase.spark.Distributed}: one task per item) and calls the pipeline layer
 * ({@link org.porophase.pipeline.StagedBatch}: items into private staging folders on the executors, each
 * set committed once on the driver; {@link org.porophase.spark.VolumeCommand}: the block-wise passes of
 * {@link org.porophase.analysis.BlockPlan}, one task per block). The only package that uses Spark (provided by the cluster; it is
 * packed into no jar), and it is left out of the Fiji and CLI jars.
 */
package org.porophase.spark;
