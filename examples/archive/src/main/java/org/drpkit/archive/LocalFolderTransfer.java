package org.drpkit.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;

/**
 * A {@link Transfer} into a local folder laid out like the archive's, {@code {dest}/{INSTR}/{YYYYMMDD}/lev{N}/} (sub-folders of
 * pipeline products such as {@code plots/} kept), with
 * rsync's semantics: a file whose copy at the destination already has the same size and MD5 is left alone, any other
 * is copied to a hidden temporary, forced to disk and renamed into place (a copy interrupted mid-file leaves no
 * partial file under the product's name, and the next delivery removes the temporaries a killed one left), then read
 * back and checked against the local file's MD5, itself checked against the product's md5sum table. A delivery that
 * stops half way is resumed by sending it again: only the files missing or different at the destination are copied.
 * Rejected files go to {@code {dest}/anc/udf/{row}/}. For tests, and for sites whose archive is a mounted file
 * system. Thread-safe.
 *
 * <pre>{@code
 * IngestService s = new IngestService(ledger, ctx, new LocalFolderTransfer(Path.of("/archive/incoming")));
 * }</pre>
 */
public final class LocalFolderTransfer implements Transfer {

    /** Bytes copied between two checks of the fault hook (and the copy buffer's size). */
    static final int CHUNK = 64 * 1024;

    /** Called after each chunk written (tests inject faults with it). */
    @FunctionalInterface
    interface CopyHook {
        /**
         * @param name    the file being copied
         * @param written bytes written so far
         * @throws IOException to make the copy fail there
         */
        void copied(String name, long written) throws IOException;
    }

    private final Path dest;
    private final CopyHook hook;

    /** @param dest the archive's root folder */
    public LocalFolderTransfer(Path dest) {
        this(dest, (name, written) -> { });
    }

    /** For tests: a transfer whose copies call {@code hook} after each chunk. */
    LocalFolderTransfer(Path dest, CopyHook hook) {
        this.dest = dest.toAbsolutePath().normalize();
        this.hook = hook;
    }

    /** @return the archive's root folder */
    public Path destination() {
        return dest;
    }

    @Override
    public void send(Request r) throws DrpException {
        sync(r);
    }

    /**
     * Copies the files that differ from the destination's copies and checks each copy.
     *
     * @throws DrpException {@code TRANSFER_ERROR} when a file cannot be read or copied, a copy's MD5 differs from
     *                      the local file's (the bad copy is removed), a local file's MD5 differs from its md5sum
     *                      table, or the table is not among the files; files copied before the failure stay (they
     *                      are whole and checked) and are not copied again by the next delivery
     */
    @Override
    public List<FileSent> sync(Request r) throws DrpException {
        Path lev0 = ProductPaths.level(dest, r.instrument(), r.date(), r.level());
        ProductPaths.createUnder(dest, lev0);
        Map<String, String> listed = listed(r);
        List<FileSent> out = new ArrayList<>();
        for (Path f : r.files()) {
            String name = r.name(f);
            Path to = ProductPaths.nested(lev0, name);
            ProductPaths.createUnder(dest, to.getParent());
            String md5 = Md5.hex(f);
            String want = listed.get(name);
            if (want != null && !want.equals(md5)) {
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(f.toString()),
                        "the local file's MD5 " + md5 + " differs from its md5sum table's " + want + " (not sent)");
            }
            long bytes = size(f);
            removeTemporaries(to.getParent(), to.getFileName().toString());
            if (Files.isRegularFile(to) && size(to) == bytes && Md5.hex(to).equals(md5)) {
                out.add(new FileSent(name, bytes, md5, false));
                continue;
            }
            try {
                AtomicFiles.write(to, true, o -> copy(f, name, o));
            } catch (DrpException e) {
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(to.toString()),
                        "copying " + f + " failed: " + e.getMessage(), e);
            }
            String copy = Md5.hex(to);
            if (!copy.equals(md5)) {
                try {
                    Files.deleteIfExists(to);
                } catch (IOException e) {
                    // reported below; the next delivery sees the difference and copies again
                }
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(to.toString()),
                        "the copy's MD5 " + copy + " differs from the local file's " + md5 + " (copy removed)");
            }
            out.add(new FileSent(name, bytes, md5, true));
        }
        return out;
    }

    /** @return file name to MD5 from the request's md5sum table */
    private static Map<String, String> listed(Request r) throws DrpException {
        String tableName = r.koaid() + ".md5sum.table";
        Path table = r.files().stream().filter(f -> f.getFileName().toString().equals(tableName)).findFirst()
                .orElseThrow(() -> new DrpException(IngestCode.TRANSFER_ERROR,
                        Location.file(r.productDir().resolve(tableName).toString()),
                        "the md5sum table was not among the files sent"));
        Map<String, String> m = new HashMap<>();
        for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
            m.put(e.path(), e.md5());
        }
        return m;
    }

    private void copy(Path from, String name, OutputStream to) throws IOException {
        byte[] buf = new byte[CHUNK];
        long written = 0;
        try (InputStream in = Files.newInputStream(from)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                to.write(buf, 0, n);
                written += n;
                hook.copied(name, written);
            }
        }
    }

    private static long size(Path f) throws DrpException {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(f.toString()), e.toString(), e);
        }
    }

    /** Removes the hidden temporaries {@code .NAME.*.tmp} a killed copy of {@code name} left behind. */
    private static void removeTemporaries(Path dir, String name) throws DrpException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(dir.toString()),
                    "cannot remove an interrupted copy's temporaries: " + e, e);
        }
    }

    /** Copies a rejected file and its log into {@code {dest}/anc/udf/{row}/}, each checked by MD5 after the copy. */
    @Override
    public void sendRejected(Rejected r) throws DrpException {
        Path dir = dest.resolve("anc").resolve("udf").resolve(Long.toString(r.row()));
        ProductPaths.createUnder(dest, dir);
        for (Path f : r.files()) {
            Path to = dir.resolve(f.getFileName().toString());
            AtomicFiles.write(to, true, out -> Files.copy(f, out));
            if (!Md5.hex(to).equals(Md5.hex(f))) {
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(to.toString()),
                        "the copy's MD5 differs from " + f);
            }
        }
    }

    @Override
    public String toString() {
        return "LocalFolderTransfer[" + dest + "]";
    }
}
