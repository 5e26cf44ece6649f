package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalFolderTransfer}'s rsync semantics, checked against the files themselves: an interrupted copy leaves no
 * partial product and the next delivery copies only what is missing (the copies already made keep their inode); a
 * destination file that changed is copied again; every copy has the local file's MD5.
 */
class LocalFolderTransferTest {

    private static final String K = "N2.20170725.37273.00";
    private static final LocalDate NIGHT = LocalDate.of(2017, 7, 25);

    @TempDir
    Path tmp;

    /** Four products of 200 kB (several copy chunks each) and their md5sum table, in the table's order. */
    private Transfer.Request products() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out/NIRC2/20170725/lev0"));
        Random rnd = new Random(42);
        List<Path> files = new ArrayList<>();
        List<Md5SumTable.Entry> entries = new ArrayList<>();
        for (String ext : new String[] {".ext1.a.tbl", ".fits", ".metadata.table", ".png"}) {
            byte[] b = new byte[200_000 + rnd.nextInt(1000)];
            rnd.nextBytes(b);
            Path f = Files.write(dir.resolve(K + ext), b);
            files.add(f);
            entries.add(new Md5SumTable.Entry(Md5.hex(f), f.getFileName().toString()));
        }
        Path table = dir.resolve(K + ".md5sum.table");
        Md5SumTable.of(entries).write(table, false);
        files.add(table);
        return new Transfer.Request(K, "NIRC2", NIGHT, dir, files, false);
    }

    private Path lev0() {
        return tmp.resolve("archive/NIRC2/20170725/lev0");
    }

    /** @return name to inode of every file at the destination, hidden ones included */
    private Map<String, Object> inodes() throws IOException {
        Map<String, Object> m = new TreeMap<>();
        if (Files.isDirectory(lev0())) {
            try (Stream<Path> s = Files.list(lev0())) {
                for (Path p : s.toList()) {
                    m.put(p.getFileName().toString(), Files.getAttribute(p, "unix:ino"));
                }
            }
        }
        return m;
    }

    private static List<String> copied(List<Transfer.FileSent> sent) {
        return sent.stream().filter(Transfer.FileSent::copied).map(Transfer.FileSent::name).toList();
    }

    private void assertSameBytes(Transfer.Request r) throws IOException {
        for (Path f : r.files()) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(lev0().resolve(f.getFileName())), f.toString());
        }
    }

    @Test
    void anInterruptedCopyLeavesNoPartialFileAndTheRerunSendsOnlyTheRest() throws Exception {
        Transfer.Request r = products();
        String third = r.files().get(2).getFileName().toString();
        LocalFolderTransfer failing = new LocalFolderTransfer(tmp.resolve("archive"), (name, written) -> {
            if (name.equals(third) && written >= LocalFolderTransfer.CHUNK) {
                throw new IOException("link down (injected after " + written + " bytes)");
            }
        });
        DrpException e = assertThrows(DrpException.class, () -> failing.sync(r));
        assertEquals(IngestCode.TRANSFER_ERROR, e.code());
        assertTrue(e.getMessage().contains("link down"), e.getMessage());
        Map<String, Object> before = inodes();
        assertEquals(List.of(K + ".ext1.a.tbl", K + ".fits"), new ArrayList<>(before.keySet()),
                "the two files before the fault are there, nothing of the third (not even a temporary)");
        // a killed process would leave its temporary: the next delivery removes it
        Files.write(lev0().resolve("." + third + ".k1ll3d.tmp"), new byte[1234]);

        List<Transfer.FileSent> sent = new LocalFolderTransfer(tmp.resolve("archive")).sync(r);
        assertEquals(List.of(third, K + ".png", K + ".md5sum.table"), copied(sent), "only the rest is sent");
        Map<String, Object> after = inodes();
        assertEquals(before.get(K + ".fits"), after.get(K + ".fits"), "an unchanged file is not rewritten");
        assertEquals(before.get(K + ".ext1.a.tbl"), after.get(K + ".ext1.a.tbl"));
        assertEquals(5, after.size(), "five products and no temporary: " + after.keySet());
        assertSameBytes(r);
        for (Transfer.FileSent f : sent) {
            assertEquals(Md5.hex(lev0().resolve(f.name())), f.md5());
            assertEquals(Files.size(lev0().resolve(f.name())), f.bytes());
        }

        List<Transfer.FileSent> third3 = new LocalFolderTransfer(tmp.resolve("archive")).sync(r);
        assertEquals(List.of(), copied(third3), "a complete delivery sent again copies nothing");
        assertEquals(after, inodes());
    }

    @Test
    void aChangedOrTruncatedDestinationFileIsSentAgain() throws Exception {
        Transfer.Request r = products();
        LocalFolderTransfer t = new LocalFolderTransfer(tmp.resolve("archive"));
        assertEquals(5, copied(t.sync(r)).size());
        Path fits = lev0().resolve(K + ".fits");
        byte[] b = Files.readAllBytes(fits);
        b[b.length / 2] ^= 0x01; // same size, other content: only the MD5 tells
        Files.write(fits, b);
        Path png = lev0().resolve(K + ".png");
        Files.write(png, new byte[10]);
        Map<String, Object> before = inodes();
        List<Transfer.FileSent> sent = t.sync(r);
        assertEquals(List.of(K + ".fits", K + ".png"), copied(sent));
        assertSameBytes(r);
        assertEquals(before.get(K + ".metadata.table"), inodes().get(K + ".metadata.table"));
    }

    @Test
    void aLocalFileThatNoLongerMatchesItsTableIsNotSent() throws Exception {
        Transfer.Request r = products();
        Path png = r.files().get(3);
        byte[] b = Files.readAllBytes(png);
        b[0] ^= 0x7f;
        Files.write(png, b);
        DrpException e = assertThrows(DrpException.class,
                () -> new LocalFolderTransfer(tmp.resolve("archive")).sync(r));
        assertEquals(IngestCode.TRANSFER_ERROR, e.code());
        assertTrue(e.getMessage().contains("md5sum table"), e.getMessage());
        assertFalse(Files.exists(lev0().resolve(png.getFileName())));
    }
}
