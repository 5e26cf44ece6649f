package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.ValidatorOptions;
import org.drpkit.instruments.apogee.ApogeeRawName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexing speed on many small raw files (run on demand: {@code -Ddrpkit.almanac.speed=10000}). Prints the time of an
 * index run split into reading and database, the time of a second (incremental) run, and, as the bound, the time of
 * reading the same files' headers alone (the validator's pass and the header scan the almanac makes) on one thread.
 * Asserts counts only; timings are reported, never asserted.
 */
class AlmanacSpeedTest {

    @TempDir
    Path tmp;

    @Test
    void indexesManySmallFilesAtTheSpeedOfReadingTheirHeaders() throws Exception {
        String n = System.getProperty("drpkit.almanac.speed");
        assumeTrue(n != null, "set -Ddrpkit.almanac.speed=FILES to measure");
        int files = Integer.parseInt(n);
        Path raw = tmp.resolve("raw");
        String[] chips = {"R", "G", "B"};
        for (int i = 0; i < files; i++) {
            int exposure = i / 3 % 1000 + 1;
            int sjd = 60000 + i / 3000;
            ExposureKey key = new ExposureKey("apo", sjd, chips[i % 3], exposure);
            Path f = ApogeeRawName.of(key).path(raw).resolveSibling(ApogeeRawName.of(key).fileName()
                    .replace(".apz", ".fits"));
            Header h = SimulatedNights.primary(sjd, chips[i % 3], new SimulatedNights.Plan(exposure, "object", 2, 0, 0, 0),
                    true, false);
            FitsWriter.create().primary(h).image(null, Header.builder().add("DATE-OBS", "2023-01-01T03:00:00.000")
                    .build(), Image.zeros(2, 2), PixelType.UINT16).image(null, Header.builder().add("DATE-OBS",
                    "2023-01-01T03:00:10.600").build(), Image.zeros(2, 2), PixelType.UINT16).write(f, false);
        }
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp.resolve("almanac")))) {
            IndexResult first = a.index(List.of(raw), IndexOptions.defaults());
            assertEquals(files, first.added());
            IndexResult second = a.index(List.of(raw), IndexOptions.defaults());
            assertEquals(files, second.unchanged());
            List<AlmanacEntry> all = a.under(List.of(raw));
            assertEquals(files, all.size());
            assertEquals(files, all.stream().filter(e -> e.state() == FileState.OK).count());
            long h0 = System.nanoTime();
            for (AlmanacEntry e : all) {
                FitsValidator.validate(e.path(), new ValidatorOptions(false, false));
                FitsHeaders.scanReadable(e.path());
            }
            long headers = System.nanoTime() - h0;
            IndexResult noMd5;
            try (Almanac headersOnly = Almanac.open(Almanac.h2Url(tmp.resolve("almanac2")))) {
                noMd5 = headersOnly.index(List.of(raw), IndexOptions.defaults().withMd5(false));
            }
            System.out.println("ALMANAC SPEED first run:       " + first);
            System.out.println("ALMANAC SPEED without MD5:     " + noMd5);
            System.out.println("ALMANAC SPEED incremental run: " + second);
            System.out.println(String.format(Locale.ROOT, "ALMANAC SPEED headers alone (validator + scan, 1 thread): "
                    + "%.2f s = %.0f files/s; index %.0f files/s; database share %.0f%% of the run",
                    headers / 1e9, files / (headers / 1e9), files / (first.wallNanos() / 1e9),
                    100.0 * first.databaseNanos() / first.wallNanos()));
        }
    }
}
