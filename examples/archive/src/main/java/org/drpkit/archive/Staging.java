package org.drpkit.archive;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The products of one attempt: each is written (and digested) under a hidden temporary name in the product folder,
 * {@code .NAME.tmp}, and all are then published by renaming them in the order written, each rename atomic. The caller
 * holds the archive id, so no other writer uses these names. A killed process leaves at most hidden temporaries
 * (removed by the next attempt of the same file, which holds the same id) and, during publication, a product set that
 * its still-PROCESSING ledger row disowns; it never leaves a partially written product under a product name.
 *
 * <p>A product is held in memory while it is written, up to {@link #IN_MEMORY} bytes (beyond that its temporary is
 * created and the rest streamed to it), and the temporaries of the products held are created and written together in
 * {@link #publish()}: creating a file waits while another thread's force commits the file system's journal, and one
 * burst of creations waits at most once where five spread over the run each waited (the ingest benchmark: about
 * 0.7 ms per creation). With fsync, the temporaries stay open until {@link #publish()}, which forces all of them at
 * once ({@link Forcing#all}) before the first rename, then the folder once after the last: one batch of forces per
 * attempt instead of one force after each product. The bytes written are the same either way.
 */
final class Staging {

    /** A staged product. */
    record Product(String name, String md5, long size) {
    }

    private final Path dir;
    private final boolean fsync;
    /** The most bytes of one product held in memory until {@link #publish()}; larger products stream to disk. */
    static final int IN_MEMORY = 16 << 20;

    private final Map<String, Product> products = new LinkedHashMap<>();
    /** The products still in memory (no temporary yet), by name. */
    private final Map<String, Held> held = new LinkedHashMap<>();
    /** With fsync: the temporaries written and not yet forced, still open. */
    private final List<FileChannel> unforced = new ArrayList<>();

    /** Stages products in {@code dir}, which must exist. */
    Staging(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    /** @return the hidden temporary name of a product */
    static String temporary(String name) {
        return "." + name + ".tmp";
    }

    /**
     * @return a stream for a product, held in memory up to {@link #IN_MEMORY} bytes; closing it records its size and
     *         MD5 (a temporary already created stays open with fsync, to be forced by {@link #publish()})
     */
    OutputStream create(String name) throws DrpException {
        Path p = dir.resolve(temporary(ProductPaths.product(dir, name).getFileName().toString()));
        MessageDigest md = md5();
        return new OutputStream() {
            private Held memory = new Held();
            private FileChannel ch;
            private OutputStream file;
            private long size;
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                md.update(b, off, len);
                size += len;
                if (memory != null && memory.size() + (long) len <= IN_MEMORY) {
                    memory.write(b, off, len);
                    return;
                }
                if (memory != null) { // too large to hold: its temporary now, and the rest streamed
                    ch = open(p);
                    file = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20);
                    memory.writeTo(file);
                    memory = null;
                }
                file.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (memory != null) {
                    held.put(name, memory);
                } else {
                    file.flush();
                    if (fsync) {
                        unforced.add(ch); // forced, with the others, and closed by publish()
                    } else {
                        file.close();
                    }
                }
                products.put(name, new Product(name, HexFormat.of().formatHex(md.digest()), size));
            }
        };
    }

    /** A product's bytes while held in memory. */
    private static final class Held extends ByteArrayOutputStream {
        Held() {
            super(8192);
        }

        /** Writes the bytes to a new temporary. */
        void writeTo(FileChannel ch) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, count);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static FileChannel open(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** Writes a small product whole. */
    void write(String name, byte[] bytes) throws DrpException {
        try (OutputStream out = create(name)) {
            out.write(bytes);
        } catch (IOException e) {
            throw write(dir.resolve(name), e);
        }
    }

    /** @return the staged products, in the order written */
    List<Product> products() {
        return new ArrayList<>(products.values());
    }

    /**
     * Publishes every staged product (atomic renames, in the order written).
     *
     * @return the published paths
     * @throws DrpException {@code WRITE_ERROR}
     */
    List<Path> publish() throws DrpException {
        List<Path> out = new ArrayList<>();
        try {
            for (Map.Entry<String, Held> e : held.entrySet()) { // the temporaries' creations in one burst
                FileChannel ch = open(dir.resolve(temporary(e.getKey())));
                try {
                    e.getValue().writeTo(ch);
                } catch (IOException failed) {
                    ch.close();
                    throw failed;
                }
                if (fsync) {
                    unforced.add(ch);
                } else {
                    ch.close();
                }
            }
            held.clear();
            if (fsync) {
                Forcing.all(unforced);
                closeUnforced();
            }
            for (Product p : products.values()) {
                Path to = ProductPaths.product(dir, p.name());
                Files.move(dir.resolve(temporary(p.name())), to, StandardCopyOption.ATOMIC_MOVE);
                out.add(to);
            }
            if (fsync) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            throw write(dir, e);
        }
        products.clear();
        return out;
    }

    /** Removes the temporaries not yet published. */
    void discard() {
        closeUnforced();
        held.clear();
        for (Product p : products.values()) {
            try {
                Files.deleteIfExists(dir.resolve(temporary(p.name())));
            } catch (IOException e) {
                // a stray hidden temporary is harmless: the next attempt of this file removes it
            }
        }
        products.clear();
    }

    private void closeUnforced() {
        for (FileChannel c : unforced) {
            try {
                c.close();
            } catch (IOException e) {
                // written and flushed already; publish forces before closing, so only discard() can get here
            }
        }
        unforced.clear();
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system can sync a folder; the files themselves were forced
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    private static DrpException write(Path p, IOException e) {
        return new DrpException(IngestCode.WRITE_ERROR, Location.file(p.toString()), e.toString(), e);
    }
}
