package org.drpkit.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.drpkit.core.header.HeaderFix;
import org.drpkit.core.status.StatusEvent;

/**
 * The text of {@code KOAID.log}: what the attempt's events and the header's fix log say, one line each, after the
 * lines of earlier attempts.
 *
 * <pre>
 * # drpkit ingest of N2.20170725.51470.75, attempt 1
 * # file /sdata/nirc2/n0051.fits (original /sdata/nirc2/n0051.fits), md5 0c6d...
 * 2026-11-22T10:00:00Z INFO STARTED [start] 1071360 bytes
 * ...
 * FIX TELESCOP: 'Keck II' -> (absent) (keck.duplicates)
 * </pre>
 */
final class IngestLog {

    private IngestLog() {
    }

    static byte[] text(String koaid, IngestRequest req, String md5, List<StatusEvent> events, List<HeaderFix> fixes) {
        StringBuilder sb = new StringBuilder();
        for (String h : req.history()) {
            sb.append(h).append('\n');
        }
        sb.append("# drpkit ingest of ").append(koaid).append(", attempt ").append(req.attempt()).append('\n');
        sb.append("# file ").append(req.file()).append(" (original ").append(req.originalPath()).append("), md5 ")
                .append(md5).append('\n');
        for (StatusEvent e : events) {
            sb.append(e.toString().replace('\n', ' ')).append('\n');
        }
        for (HeaderFix f : fixes) {
            sb.append("FIX ").append(f.toString().replace('\n', ' ')).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Path logName(Path dir, String koaid) {
        return dir.resolve(koaid + ".log");
    }
}
