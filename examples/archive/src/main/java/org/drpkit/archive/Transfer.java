package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.checksum.Md5;

/**
 * Sends one file's products to the archive (the Keck archive's rsync to IPAC plus its ingest call). The
 * service moves the ledger row PROCESSING, TRANSFERRING, then TRANSFERRED, or ERROR {@code TRANSFER_ERROR} when this
 * throws. Implementations must be thread-safe and idempotent (a re-sent product replaces the archive's copy).
 *
 * <pre>{@code
 * Transfer t = new LocalFolderTransfer(Path.of("/archive/incoming"));
 * }</pre>
 */
public interface Transfer {

    /**
     * What to send.
     *
     * @param koaid      the archive id
     * @param instrument the instrument
     * @param date       the UT date of the product folder
     * @param productDir the folder holding the products
     * @param files      the files to send: the md5sum table's entries and the table itself (never the log)
     * @param reingest   true when the file was sent before (a reprocess)
     * @param level      the product level: 0 for an archived raw frame, 1 or 2 for pipeline products (the archive's
     *                   {@code lev{N}/} folder)
     */
    record Request(String koaid, String instrument, LocalDate date, Path productDir, List<Path> files,
            boolean reingest, int level) {
        /** Copies the list. */
        public Request {
            files = List.copyOf(files);
        }

        /** A level-0 request. */
        public Request(String koaid, String instrument, LocalDate date, Path productDir, List<Path> files,
                boolean reingest) {
            this(koaid, instrument, date, productDir, files, reingest, 0);
        }

        /** @return a file's name relative to the product folder, {@code /}-separated (products may lie in sub-folders) */
        public String name(Path file) {
            Path rel = file.startsWith(productDir) ? productDir.relativize(file) : file.getFileName();
            return rel.toString().replace(file.getFileSystem().getSeparator(), "/");
        }
    }

    /**
     * Sends the products.
     *
     * @throws DrpException when they could not all be sent (the row ends ERROR {@code TRANSFER_ERROR})
     */
    void send(Request request) throws DrpException;

    /**
     * One file of a delivery, as the transfer table lists it.
     *
     * @param name   the file's name (relative to the product folder)
     * @param bytes  its size in bytes
     * @param md5    its MD5 (hex)
     * @param copied true when it was copied, false when the destination already held the same size and MD5
     */
    record FileSent(String name, long bytes, String md5, boolean copied) {
        @Override
        public String toString() {
            return name + " (" + bytes + " bytes, " + (copied ? "sent" : "unchanged") + ")";
        }
    }

    /**
     * Sends the products and says what was sent. By default {@link #send} sends every file and each is listed as
     * copied, with its size and MD5 read from the local file; a transfer that can compare with the destination
     * (rsync semantics, {@link LocalFolderTransfer}) says which it left alone.
     *
     * @return one entry per file of the request, in its order
     * @throws DrpException as {@link #send}
     */
    default List<FileSent> sync(Request request) throws DrpException {
        send(request);
        List<FileSent> out = new ArrayList<>();
        for (Path f : request.files()) {
            try {
                out.add(new FileSent(request.name(f), Files.size(f),
                        Md5.hex(f), true));
            } catch (IOException e) {
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(f.toString()),
                        "cannot read a file just sent: " + e, e);
            }
        }
        return out;
    }

    /**
     * A rejected (INVALID) file to deliver, as the context's {@link RejectedDelivery} rule asks.
     *
     * @param row        the ledger row
     * @param instrument the instrument, or {@code UNKNOWN} when the file was rejected before one was found
     * @param statusCode why the file was rejected
     * @param files      the copy in the {@code anc/} area and its log
     */
    record Rejected(long row, String instrument, String statusCode, List<Path> files) {
        /** Copies the list. */
        public Rejected {
            files = List.copyOf(files);
        }
    }

    /**
     * Sends a rejected file and its log. The row stays INVALID whatever happens; a failure is recorded as a WARN
     * event {@code TRANSFER_ERROR}.
     *
     * @throws DrpException when they could not be sent; by default always: a transfer that cannot deliver rejected
     *                      files says so
     */
    default void sendRejected(Rejected r) throws DrpException {
        throw new DrpException(IngestCode.TRANSFER_ERROR, Location.NOWHERE,
                this + " cannot deliver rejected files");
    }
}
