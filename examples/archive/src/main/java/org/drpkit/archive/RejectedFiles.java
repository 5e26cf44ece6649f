package org.drpkit.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.AtomicFiles;

/**
 * The {@code anc/} area of rejected files: an INVALID file's copy and its log, in {@code ANC/udf/ROW/} (the ledger row
 * id, so two rejected files of one name never meet; a reprocess that rejects the file again replaces them). The log's
 * first line gives the reason: {@code # rejected: INVALID CODE: text}. Each file is written atomically.
 */
final class RejectedFiles {

    private RejectedFiles() {
    }

    /**
     * @return the copy of the file read (when it is a regular file) and its log, in that order
     * @throws DrpException {@code ANC_ERROR} when either cannot be written (nothing partial is left)
     */
    static List<Path> keep(Path anc, long row, IngestRequest req, IngestResult r) throws DrpException {
        Path dir = folder(anc, row);
        Path src = req.file();
        String name = src.getFileName() != null ? src.getFileName().toString() : "file";
        List<Path> out = new ArrayList<>();
        try {
            ProductPaths.createUnder(anc, dir);
            if (Files.isRegularFile(src)) {
                Path copy = dir.resolve(name);
                AtomicFiles.write(copy, true, o -> Files.copy(src, o));
                out.add(copy);
            }
            Path log = dir.resolve(name + ".log");
            String reason = "# rejected: INVALID " + r.code() + ": " + reason(r).replace('\n', ' ') + "\n";
            byte[] body = IngestLog.text(r.koaid() != null ? r.koaid() : name, req, req.md5(), r.events(), List.of());
            AtomicFiles.write(log, true, o -> {
                o.write(reason.getBytes(StandardCharsets.UTF_8));
                o.write(body);
            });
            out.add(log);
            return out;
        } catch (DrpException e) {
            throw new DrpException(IngestCode.ANC_ERROR, Location.file(dir.toString()),
                    "keeping the rejected " + src + ": " + e.getMessage(), e);
        }
    }

    /** @return the folder of a row's rejected file */
    static Path folder(Path anc, long row) {
        return anc.resolve("udf").resolve(Long.toString(row));
    }

    /** @return the text of the event that decided INVALID */
    private static String reason(IngestResult r) {
        for (int i = r.events().size() - 1; i >= 0; i--) {
            StatusEvent e = r.events().get(i);
            if (e.severity() == Severity.INVALID) {
                return e.text();
            }
        }
        return "";
    }
}
