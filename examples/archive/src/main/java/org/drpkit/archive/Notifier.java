package org.drpkit.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the monitor's alerts go (mail, chat, a pager); the default logs them. Called from worker threads: must be
 * thread-safe and must not block for long.
 *
 * <pre>{@code
 * Notifier mail = a -> mailer.send("KOA DEP " + a.instrument() + " " + a.code(), a.toString());
 * }</pre>
 */
@FunctionalInterface
public interface Notifier {

    /**
     * One alert, already throttled.
     *
     * @param instrument the instrument
     * @param code       the code that decided the file's state
     * @param message    what happened to the file that raised it
     * @param suppressed alerts with the same instrument and code held back since the last one sent
     */
    record Alert(String instrument, String code, String message, int suppressed) {
        @Override
        public String toString() {
            return "[" + instrument + " " + code + "] " + message
                    + (suppressed > 0 ? " (+" + suppressed + " more since the last alert)" : "");
        }
    }

    /** Sends an alert. */
    void send(Alert alert);

    /** @return a notifier that writes alerts to the SLF4J log (logger {@code org.drpkit.archive.Monitor}) */
    static Notifier log() {
        Logger log = LoggerFactory.getLogger(Monitor.class);
        return a -> log.warn("{}", a);
    }
}
