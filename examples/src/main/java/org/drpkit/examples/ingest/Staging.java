package org.drpkit.examples.ingest;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The products of one attempt, written into a private staging folder (digested as they are written) and then
 * published into the product folder one hard link at a time, each link atomic and never replacing a file. A killed
 * process leaves at most a stale staging folder (removed by the next attempt) and, during publication, a product set
 * that its still-PROCESSING ledger row disowns; it never leaves a partially written product.
 */
final class Staging {

    /** A staged product. */
    record Product(String name, String md5, long size) {
    }

    private final Path dir;
    private final boolean fsync;
    private final Map<String, Product> products = new LinkedHashMap<>();

    /** Creates (emptying first) the staging folder. */
    Staging(Path dir, boolean fsync) throws DrpException {
        this.dir = dir;
        this.fsync = fsync;
        delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw write(dir, e);
        }
    }

    /** @return a stream for a product; closing it records its size and MD5 (and forces it to disk with fsync) */
    OutputStream create(String name) throws DrpException {
        Path p = ProductPaths.product(dir, name);
        try {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            MessageDigest md = md5();
            OutputStream digest = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20),
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
                        ch.force(true);
                    }
                    out.close();
                    products.put(name, new Product(name, HexFormat.of().formatHex(md.digest()), size));
                }
            };
        } catch (IOException e) {
            throw write(p, e);
        }
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
     * Publishes every staged product into {@code target} (hard links, falling back to atomic moves where links are
     * not supported), in the order written, then removes the staging folder.
     *
     * @return the published paths
     * @throws DrpException {@code WRITE_ERROR}, also when a product already exists in {@code target}
     */
    List<Path> publish(Path target) throws DrpException {
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(target);
            for (Product p : products.values()) {
                Path from = dir.resolve(p.name());
                Path to = ProductPaths.product(target, p.name());
                try {
                    Files.createLink(to, from);
                } catch (UnsupportedOperationException e) {
                    if (Files.exists(to)) {
                        throw new FileAlreadyExistsException(to.toString());
                    }
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                }
                out.add(to);
            }
            if (fsync) {
                forceDirectory(target);
            }
        } catch (IOException e) {
            throw write(target, e);
        }
        discard();
        return out;
    }

    /** Removes the staging folder and everything in it. */
    void discard() {
        try {
            delete(dir);
        } catch (DrpException e) {
            // a stale staging folder is harmless: the next attempt empties it first
        }
    }

    /** Deletes a folder tree, if present. */
    static void delete(Path dir) throws DrpException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw write(dir, e);
        }
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
