package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsRewrite;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;

/** Files for ingest tests: small NIRC2-like and APOGEE-like frames made here, and edited copies of real ones. */
final class TestFiles {

    private TestFiles() {
    }

    /**
     * A small NIRC2 frame (what a raw frame's header needs for the plugin: INSTRUME, date, time, file name), 16x8
     * int32 pixels of value {@code seed} plus the pixel index.
     */
    static Path nirc2(Path dir, String name, String utc, int seed) throws DrpException {
        float[] px = new float[16 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = seed + i;
        }
        Header h = Header.builder().add("INSTRUME", "NIRC2").add("TELESCOP", "Keck II").add("DATE-OBS", "2017-07-25")
                .add("UTC", utc).add("FILENAME", name).add("OUTDIR", "/sdata904/nirc2eng/2017jul25/")
                .add("COADDS", 1L).add("ITIME", 1.0).add("IMTYPE", "dark").add("CAMNAME", "narrow").build();
        Path f = dir.resolve(name);
        FitsWriter.create().primaryImage(h, Image.of(16, 8, px), PixelType.INT32).write(f, false);
        return f;
    }

    /** A copy of {@code src} at {@code target} whose primary header is edited by {@code edit}, data unchanged. */
    static Path edited(Path src, Path target, UnaryOperator<Header.Builder> edit) throws DrpException {
        Header h = FitsHeaders.readAll(src).get(0);
        FitsRewrite.rewrite(src, 0, edit.apply(h.toBuilder()).build(), target, false);
        return target;
    }

    /** An APOGEE-N raw exposure, uncompressed: an empty primary with the exposure keywords, then one HDU per read. */
    static Path apogee(Path dir, String name, int reads) throws DrpException {
        Header primary = Header.builder().add("TELESCOP", "apo25m").add("FILENAME", name).add("IMAGETYP", "Object")
                .add("EXPTYPE", "OBJECT").add("NREAD", (long) reads).build();
        FitsWriter w = FitsWriter.create().primary(primary);
        for (int k = 1; k <= reads; k++) {
            float[] px = new float[32 * 16];
            for (int i = 0; i < px.length; i++) {
                px[i] = 1000 * k + i % 32;
            }
            Header read = Header.builder().add("DATE-OBS", String.format("2023-01-01T03:00:%06.3f", 10.647 * (k - 1)))
                    .add("INTOFF", 10647.0).build();
            w.image("READ" + k, read, Image.of(32, 16, px), PixelType.INT32);
        }
        Path f = dir.resolve(name);
        w.write(f, false);
        return f;
    }

    /** @return every regular file under a folder, relative to it */
    static List<String> tree(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (var s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
        }
        out.sort(null);
        return out;
    }
}
