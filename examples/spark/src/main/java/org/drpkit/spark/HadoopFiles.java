package org.drpkit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.FitsErrorCode;

/**
 * Files through Hadoop's file systems, for executors: a raw file is read from a local path as it is, or copied to the
 * executor's scratch folder from HDFS or S3 first (the ramp fit streams it by row blocks from there); a product written
 * to scratch is published by copying it next to its destination under a temporary name and renaming it, so a reader
 * never sees half a product. Local, HDFS and S3A paths work alike; on S3A the rename is a copy, still invisible to
 * readers until complete (S3 writes whole objects).
 *
 * <pre>{@code
 * Path local = HadoopFiles.local("hdfs:///raw/apo/60000/apR-a-44380012.apz", conf, scratch);
 * boolean published = HadoopFiles.publish(scratchProduct, "hdfs:///red/ar2D_....fits", conf);
 * }</pre>
 */
public final class HadoopFiles {

    private HadoopFiles() {
    }

    /**
     * @param uri     a Hadoop path or URI
     * @param scratch the executor's scratch folder, for copies of remote files
     * @return a local path holding the file: the file itself when it is on the local file system
     * @throws DrpException {@code FITS_NOT_FOUND} or {@code FITS_UNREADABLE}, naming the file
     */
    public static Path local(String uri, Configuration conf, Path scratch) throws DrpException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (fs instanceof LocalFileSystem || "file".equals(fs.getScheme())) {
                Path local = Path.of(fs.makeQualified(p).toUri());
                if (!Files.isRegularFile(local)) {
                    throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(uri), "raw file not found");
                }
                return local;
            }
            Path copy = Files.createTempFile(scratch, "raw-", "-" + p.getName());
            fs.copyToLocalFile(false, p, new org.apache.hadoop.fs.Path(copy.toUri()), true);
            return copy;
        } catch (java.io.FileNotFoundException e) {
            throw new DrpException(FitsErrorCode.FITS_NOT_FOUND, Location.file(uri), "raw file not found", e);
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(uri), "cannot copy to the executor: " + e.getMessage(), e);
        }
    }

    /** @return true when the file exists */
    public static boolean exists(String uri, Configuration conf) throws DrpException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try {
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(uri), "cannot look up: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a finished local file at {@code uri}: copied beside it under a hidden temporary name, then renamed.
     * An existing product is never replaced.
     *
     * @param local the finished file (deleted afterwards)
     * @return true when this call published the file, false when a product was already there (left as it was)
     * @throws DrpException {@code WRITE_FAILED} naming the destination; no partial product is left under its name
     */
    public static boolean publish(Path local, String uri, Configuration conf) throws DrpException {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(uri);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dest.getParent(),
                "." + dest.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            FileSystem fs = dest.getFileSystem(conf);
            fs.setWriteChecksum(false);   // no .crc sidecar files on the local file system
            fs.mkdirs(dest.getParent());
            if (fs.exists(dest)) {
                return false;
            }
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), tmp);
            boolean renamed = fs.rename(tmp, dest);   // false (no replace) when dest appeared meanwhile
            if (!renamed) {
                fs.delete(tmp, false);
            }
            return renamed;
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.WRITE_FAILED, Location.file(uri), "cannot publish: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(local);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
