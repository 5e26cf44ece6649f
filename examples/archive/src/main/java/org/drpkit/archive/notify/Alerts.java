package org.drpkit.archive.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.drpkit.archive.Notifier;

/** How an alert reads in an e-mail or a chat message: one subject line, a body with the host and the time. */
final class Alerts {

    /** The longest subject written; longer first lines are cut with an ellipsis. */
    static final int MAX_SUBJECT = 160;

    private Alerts() {
    }

    /** @return {@code drpkit INSTR CODE: first line of the message (+N held back)} */
    static String subject(Notifier.Alert a) {
        String first = a.message().lines().findFirst().orElse("");
        String s = "drpkit " + a.instrument() + " " + a.code() + ": " + first;
        if (s.length() > MAX_SUBJECT) {
            s = s.substring(0, MAX_SUBJECT - 3) + "...";
        }
        return a.suppressed() > 0 ? s + " (+" + a.suppressed() + " held back)" : s;
    }

    /** @return the alert in full, with who sent it and when */
    static String body(Notifier.Alert a, Instant now) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.message()).append("\n\n");
        sb.append("instrument: ").append(a.instrument()).append('\n');
        sb.append("code: ").append(a.code()).append('\n');
        if (a.suppressed() > 0) {
            sb.append("held back since the last alert of this instrument and code: ").append(a.suppressed())
                    .append('\n');
        }
        sb.append("sent by drpkit on ").append(host()).append(" at ").append(now).append('\n');
        return sb.toString();
    }

    /** @return this machine's name, or {@code unknown host} */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
