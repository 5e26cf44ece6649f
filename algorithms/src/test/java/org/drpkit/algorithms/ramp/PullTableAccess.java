package org.drpkit.algorithms.ramp;

/** Lets tests of other packages write their tables next to the pull tables. */
public final class PullTableAccess {

    private PullTableAccess() {
    }

    /** Writes {@code text} to {@code target/name}. */
    public static void write(String name, String text) {
        PullTable.write(name, text);
    }
}
