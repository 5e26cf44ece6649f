package org.drpkit.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One unit of the reduction's 3D to 2D step: one exposure of one chip, its raw file and the rate product it makes.
 * Plain strings, so that a task crosses from the driver to an executor without dragging library objects along.
 *
 * <pre>{@code
 * ChipTask t = new ChipTask("apo/60000/R/0012", "R", "object", "hdfs:///raw/apo/60000/apR-a-44380012.apz",
 *         "0d1f...", 123456, "hdfs:///red/apred/60000/ar2D_apo_60000_0012_R_object.fits");
 * }</pre>
 *
 * @param key       the exposure key text ({@code telescope/night/chip/exposure})
 * @param chip      the chip name (R, G, B)
 * @param imageType the almanac's image type ({@code dark}, {@code internalflat}, {@code object}, ...)
 * @param raw       the raw file, a Hadoop path or URI ({@code file:}, {@code hdfs:}, {@code s3a:})
 * @param md5       the raw file's MD5 (hex, from the almanac): with {@code raw} it names one version of the file
 * @param size      the raw file's size, bytes
 * @param product   where the rate product goes, a Hadoop path or URI
 */
public record ChipTask(String key, String chip, String imageType, String raw, String md5, long size, String product)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks for nulls. */
    public ChipTask {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(imageType, "imageType");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(product, "product");
    }

    @Override
    public String toString() {
        return key + " (" + imageType + ") " + raw + " -> " + product;
    }
}
