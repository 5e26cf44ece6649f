/**
 * drpkit on Apache Spark: the same stage functions as the single-machine chain, run as Spark jobs.
 *
 * <p>{@link org.drpkit.spark.RateJob} fits the ramps of a night (or a range of nights) per (exposure, chip), from the
 * almanac's exposure table, {@link org.drpkit.spark.CalibrateJob} calibrates and {@link org.drpkit.spark.ExtractJob}
 * extracts its science exposures (darks, flats and traces found per chip-night on the driver);
 * {@link org.drpkit.spark.IngestJob} runs the archive ingest per file. All keep the
 * project's ledger ({@code JdbcLedger}) as the record of what is done: a rerun after a killed executor or driver does
 * only what is left and never publishes a product twice. Executors read and write through Hadoop file systems
 * ({@link org.drpkit.spark.HadoopFiles}: local in tests, HDFS or S3 in production) and publish atomically.
 * {@link org.drpkit.spark.SparkNight} is the {@code spark-submit} entry point. Spark is a {@code provided}
 * dependency: nothing here reaches the library jars. Numerical code lives in {@code drpkit-algorithms}, not here.
 */
package org.drpkit.spark;
