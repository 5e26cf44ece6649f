package org.drpkit.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsWriter;
import org.drpkit.instruments.corrections.CardText;

/**
 * Writes the seed inputs of {@link ArchiveFuzzTest}, all made by the project: the primary header of every Keck
 * header fixture of the instruments module as a header-only FITS file (what the plugins' fixes start from), and small
 * NIRC2-like and APOGEE-like frames with data (what the ingest starts from). Run by {@code .ci/fuzz --seeds}.
 */
public final class ArchiveFuzzSeeds {

    /** Keywords the writer sets itself: a fixture's structure cards describe data the seed does not have. */
    private static final Set<String> STRUCTURE = Set.of("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3",
            "NAXIS4", "EXTEND", "PCOUNT", "GCOUNT", "XTENSION", "BZERO", "BSCALE", "END");

    private ArchiveFuzzSeeds() {
    }

    /** @param args the inputs folder ({@code .../ArchiveFuzzTestInputs}) and the fixtures folder of instruments */
    public static void main(String[] args) throws Exception {
        Path inputs = Path.of(args[0]);
        Path fixtures = Path.of(args[1]);
        Path fixes = Files.createDirectories(inputs.resolve("pluginFixes"));
        Path ingest = Files.createDirectories(inputs.resolve("ingest"));
        try (Stream<Path> s = Files.list(fixtures)) {
            for (Path hdr : s.filter(p -> p.toString().endsWith(".hdr")).sorted().toList()) {
                String name = "seed-" + hdr.getFileName().toString().replace(".hdr", ".fits");
                FitsWriter.create().primary(primaryOf(hdr)).write(fixes.resolve(name), true);
            }
        }
        // findings, in files made here: an ESI slit-mask name without a width (the ESI fix unboxed a null)
        Header esi = primaryOf(fixtures.resolve("esi-echelle-object.hdr")).toBuilder().set("SLMSKNAM", "pinhole")
                .build();
        FitsWriter.create().primary(esi).write(fixes.resolve("finding-esi-mask-without-width.fits"), true);
        Header esiImaging = esi.toBuilder().set("SLMSKNAM", "0.75_arcsec").set("OBSMODE", "image").build();
        FitsWriter.create().primary(esiImaging).write(fixes.resolve("finding-esi-slit-in-imaging-mode.fits"), true);
        Path tmp = Files.createTempDirectory("drpkit-archive-seeds-");
        try {
            for (Path f : List.of(TestFiles.nirc2(tmp, "n0001.fits", "10:21:13.25", 100),
                    TestFiles.apogee(tmp, "apR-a-10250049.fits", 3))) {
                Files.copy(f, ingest.resolve("seed-" + f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(f, fixes.resolve("seed-" + f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(fixes.resolve("seed-nirc2-object-raw.fits"), ingest.resolve("seed-nirc2-object-raw.fits"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            for (Path p : TestFiles.tree(tmp).stream().map(tmp::resolve).toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        }
    }

    /** @return the first HDU's cards of a fixture, without structure keywords */
    private static Header primaryOf(Path hdr) throws IOException {
        Header.Builder b = Header.builder();
        for (String raw : Files.readAllLines(hdr, StandardCharsets.UTF_8)) {
            String l = raw.strip();
            if (l.startsWith("--- HDU")) {
                break;
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            var card = CardText.parse(l);
            if (!STRUCTURE.contains(card.keyword())) {
                b.add(card);
            }
        }
        return b.build();
    }
}
