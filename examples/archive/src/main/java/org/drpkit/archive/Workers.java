package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Names workers {@code host:pid:start/wN} and tells whether the process behind a name is still alive, so that the
 * claims of a killed process can be recovered. A process on another host cannot be checked from here and is taken to
 * be alive; its claims are recovered on its own host.
 *
 * <pre>{@code
 * String me = Workers.name(1);        // "build7:4711:1763790000000/w1"
 * Workers.isAlive(me);                // true
 * }</pre>
 */
final class Workers {

    private static final String HOST = host();
    private static final long START = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
            .orElse(0L);

    private Workers() {
    }

    /** @return the name of worker {@code n} of this process */
    public static String name(int n) {
        return HOST + ":" + ProcessHandle.current().pid() + ":" + START + "/w" + n;
    }

    /**
     * @return false only when {@code worker} names a process of this host that no longer runs (or a new process
     *         that reuses its pid)
     */
    public static boolean isAlive(String worker) {
        String[] p = worker.split("/", 2)[0].split(":");
        if (p.length != 3 || !p[0].equals(HOST)) {
            return true;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(p[1]);
            start = Long.parseLong(p[2]);
        } catch (NumberFormatException e) {
            return true;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        long s = h.get().info().startInstant().map(Instant::toEpochMilli).orElse(start);
        return Math.abs(s - start) < 1000;
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException e) {
                h = "";
            }
        }
        return h.isBlank() ? "localhost" : h.replace(':', '_').replace('/', '_');
    }
}
