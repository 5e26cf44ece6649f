package org.drpkit.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The tests' local Spark: two cores, up to three attempts per task (local[2] alone never retries), no UI. */
final class SparkSession {

    private SparkSession() {
    }

    static JavaSparkContext local() {
        return new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("drpkit-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}
