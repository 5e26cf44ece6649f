package org.drpkit.archive;

/**
 * Thrown when a run is stopped between two steps because its worker is shutting down. Nothing was published; the
 * caller releases the file (the service queues it again).
 */
final class IngestCancelled extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param file the file whose run stopped */
    public IngestCancelled(String file) {
        super("ingest of " + file + " cancelled");
    }
}
