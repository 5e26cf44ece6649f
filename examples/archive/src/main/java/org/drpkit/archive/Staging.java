package org.drpkit.archive;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
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
 * <p>With fsync, the temporaries stay open until {@link #publish()}, which forces all of them at once
 * ({@link Forcing#all}) before the first rename, then the folder once after the last: one batch of forces per
 * attempt instead of one force after each product.
 */
final class Staging {

    /** A staged product. */
    record Product(String name, String md5, long size) {
    }

    /** The stream buffer of {@link #create}: large writes (a FITS copy's data) pass it by. */
    private static final int BUFFER = 1 << 16;

    private final Path dir;
    private final boolean fsync;
    private final Map<String, Product> products = new LinkedHashMap<>();
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
     * @return a stream for a product; closing it records its size and MD5 (with fsync the file stays open, to be
     *         forced by {@link #publish()})
     */
    OutputStream create(String name) throws DrpException {
        Path p = dir.resolve(temporary(ProductPaths.product(dir, name).getFileName().toString()));
        try {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            MessageDigest md = md5();
            OutputStream digest = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER),
                    md);
            return new FilterOutputStream(digest) {
                private long size;
                private boolean closed;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    size += len;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    size++;
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    out.flush();
                    if (fsync) {
                        unforced.add(ch); // forced, with the others, and closed by publish()
                    } else {
                        out.close();
                    }
                    products.put(name, new Product(name, HexFormat.of().formatHex(md.digest()), size));
                }
            };
        } catch (IOException e) {
            throw write(p, e);
        }
    }

    /** Writes a small product whole: one write to the file, no stream buffer. */
    void write(String name, byte[] bytes) throws DrpException {
        Path p = dir.resolve(temporary(ProductPaths.product(dir, name).getFileName().toString()));
        FileChannel ch = null;
        try {
            ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (fsync) {
                unforced.add(ch); // forced, with the others, and closed by publish()
            } else {
                ch.close();
            }
            ch = null;
            MessageDigest md = md5();
            md.update(bytes);
            products.put(name, new Product(name, HexFormat.of().formatHex(md.digest()), bytes.length));
        } catch (IOException e) {
            throw write(p, e);
        } finally {
            if (ch != null) { // the write failed (and is reported): leave no temporary behind
                try {
                    ch.close();
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a stray hidden temporary is harmless: the next attempt of this file removes it
                }
            }
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
