package org.drpkit.archive;

import java.nio.file.Path;

/**
 * Observes an ingest run step by step (progress displays, tracing, tests). Called on the worker's thread before each
 * step; must be thread-safe when the workflow runs with several workers. It must not throw.
 *
 * <pre>{@code
 * IngestListener trace = (file, step) -> log.debug("{}: {}", file, step);
 * }</pre>
 */
@FunctionalInterface
public interface IngestListener {

    /** Does nothing. */
    IngestListener NONE = (file, step) -> { };

    /**
     * @param file the file being ingested
     * @param step the step about to run ({@code validate}, {@code fix}, {@code archiveId}, {@code publish}, ...)
     */
    void step(Path file, String step);
}
