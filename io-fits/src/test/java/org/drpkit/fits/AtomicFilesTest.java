package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic outputs: all or nothing, no stray temporaries, and the permissions any new file of the user gets. */
class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aWrittenFileHasTheUsersDefaultPermissionsNotOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(tmp.resolve("plain"));
        Path atomic = tmp.resolve("atomic.fits");
        AtomicFiles.write(atomic, false, out -> out.write(new byte[] {1, 2, 3}));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(atomic));
        assertEquals(2, entries(), "no temporary left");
    }

    @Test
    void aFailingBodyLeavesNeitherTargetNorTemporary() throws Exception {
        Path target = tmp.resolve("x.fits");
        DrpException e = assertThrows(DrpException.class, () -> AtomicFiles.write(target, true, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        }));
        assertEquals(FitsErrorCode.WRITE_FAILED, e.code());
        assertEquals(0, entries());
    }

    @Test
    void anExistingTargetIsKeptUnlessOverwriteIsAsked() throws Exception {
        Path target = Files.write(tmp.resolve("x.fits"), new byte[] {9});
        DrpException e = assertThrows(DrpException.class,
                () -> AtomicFiles.write(target, false, out -> out.write(new byte[] {1})));
        assertEquals(FitsErrorCode.OUTPUT_EXISTS, e.code());
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        AtomicFiles.write(target, true, out -> out.write(new byte[] {1}));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
        assertEquals(1, entries());
    }

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }
}
