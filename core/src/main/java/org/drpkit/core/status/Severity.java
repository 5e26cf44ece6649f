package org.drpkit.core.status;

/**
 * How much an event matters to the fate of a file. Only INVALID and ERROR decide a final state; WARN and INFO are
 * kept as events and never change the state.
 */
public enum Severity {
    /** The file must not be archived (bad or rejected input); the run ends INVALID. */
    INVALID,
    /** A fault; the run ends ERROR. */
    ERROR,
    /** Something to look at; the state is unchanged. */
    WARN,
    /** A record of what happened. */
    INFO
}
