package org.drpkit.core.progress;

/**
 * Callback for long stages: a stage reports how many of its units of work are done.
 *
 * <p>Implementations must be thread-safe: a stage that works in parallel may call from several threads.
 * Calls are cheap hints; a listener must not throw and must not block for long.
 *
 * <pre>{@code
 * ProgressListener log = (stage, done, total) -> logger.info("{} {}/{}", stage, done, total);  // e.g. an SLF4J logger
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage short name of the stage, e.g. {@code "ramp"}
     * @param done  units finished so far (0..total)
     * @param total total units, or -1 when unknown
     */
    void progress(String stage, long done, long total);
}
