package org.drpkit.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;

/**
 * A {@link Transfer} into a local folder laid out like the archive's, {@code {dest}/{INSTR}/{YYYYMMDD}/lev0/}: each
 * file is copied atomically (replacing an earlier copy), then every copy is checked against the product's md5sum
 * table (rejected files go to {@code {dest}/anc/udf/{row}/}). For tests, and for sites whose archive is a mounted
 * file system.
 *
 * <pre>{@code
 * IngestService s = new IngestService(ledger, ctx, new LocalFolderTransfer(Path.of("/archive/incoming")));
 * }</pre>
 */
public final class LocalFolderTransfer implements Transfer {

    private final Path dest;

    /** @param dest the archive's root folder */
    public LocalFolderTransfer(Path dest) {
        this.dest = dest.toAbsolutePath().normalize();
    }

    @Override
    public void send(Request r) throws DrpException {
        Path lev0 = ProductPaths.lev0(dest, r.instrument(), r.date());
        ProductPaths.createUnder(dest, lev0);
        for (Path f : r.files()) {
            Path to = ProductPaths.product(lev0, f.getFileName().toString());
            AtomicFiles.write(to, true, out -> Files.copy(f, out));
        }
        Path table = ProductPaths.product(lev0, r.koaid() + ".md5sum.table");
        if (!Files.exists(table)) {
            throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(table.toString()),
                    "the md5sum table was not among the files sent");
        }
        for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
            String md5 = Md5.hex(lev0.resolve(e.path()));
            if (!md5.equals(e.md5())) {
                throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(lev0.resolve(e.path()).toString()),
                        "the copy's MD5 " + md5 + " differs from the table's " + e.md5());
            }
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
