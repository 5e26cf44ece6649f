/**
 * Small concurrency helpers for the stages: {@link org.drpkit.algorithms.concurrent.BlockWorkers} runs a fixed
 * number of workers over numbered blocks so a stage's result does not depend on the thread count. No I/O.
 */
package org.drpkit.algorithms.concurrent;
