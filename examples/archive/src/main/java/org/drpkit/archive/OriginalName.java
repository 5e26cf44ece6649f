package org.drpkit.archive;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The name the instrument gave a file, which OFNAME must equal (the archive compared OFNAME with the staged name,
 * so a {@code _verN} stage copy always failed; fixed): the base name of the original path, with a stage copy's
 * {@code _verN} suffix removed and {@code .fits.gz} read as {@code .fits}.
 *
 * <pre>{@code
 * OriginalName.of(Path.of("/stage/kb190509_00001_ver2.fits"));   // kb190509_00001.fits
 * }</pre>
 */
final class OriginalName {

    private static final Pattern VERSION = Pattern.compile("_ver\\d{1,3}(?=\\.[^.]*$|$)");

    private OriginalName() {
    }

    /** @return the original file name of a path */
    public static String of(Path path) {
        Path f = path.getFileName();
        return normalise(f == null ? path.toString() : f.toString());
    }

    /** @return a file name with {@code _verN} removed and {@code .fits.gz} as {@code .fits} */
    public static String normalise(String name) {
        String n = name.trim();
        if (n.endsWith(".fits.gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return VERSION.matcher(n).replaceFirst("");
    }
}
