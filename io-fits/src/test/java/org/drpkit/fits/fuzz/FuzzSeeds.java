package org.drpkit.fits.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.header.Compression;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;
import org.drpkit.fits.ApogeeSpectrumFiles;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.TileCompression;
import org.drpkit.fits.TraceFiles;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.fits.checksum.FitsChecksums;
import org.drpkit.fits.table.IpacColumn;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.testing.ApogeeSamples;
import org.drpkit.fits.testing.FitsBytes;

/**
 * Writes the seed inputs of {@link FitsFuzzTest}: small files made by drpkit's own writers (and, for the codecs
 * drpkit does not write, by nom-tam-fits), a few kilobytes each. They are committed under
 * {@code src/test/resources/org/drpkit/fits/fuzz/FitsFuzzTestInputs/<target>/seed-*}, where Jazzer runs them as
 * regression inputs in every build and starts fuzzing from them. Regenerate with {@code .ci/fuzz --seeds}.
 */
public final class FuzzSeeds {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private FuzzSeeds() {
    }

    /** @param args the inputs folder ({@code .../FitsFuzzTestInputs}) */
    public static void main(String[] args) throws Exception {
        Path inputs = Path.of(args[0]);
        Path tmp = Files.createTempDirectory("drpkit-seeds-");
        try {
            List<Path> images = imageSeeds(tmp);
            List<Path> compressed = compressedSeeds(tmp);
            List<Path> ramps = rampSeeds(tmp);
            List<Path> all = new ArrayList<>(images);
            all.addAll(compressed);
            copy(all, inputs.resolve("headers"));
            copy(all, inputs.resolve("validator"));
            copy(images, inputs.resolve("images"));
            copy(compressed, inputs.resolve("compressedImages"));
            copy(List.of(images.get(0), images.get(images.size() - 1), compressed.get(0)), inputs.resolve("checksums"));
            copy(ramps, inputs.resolve("ramps"));
            Path ascii = tmp.resolve("asciitable.fits");
            write(ascii, FitsBytes.primaryAndAsciiTable());
            copy(List.of(images.get(images.size() - 1), ascii), inputs.resolve("extensionTables"));
            // findings: the defect of each, in a file made here (the fuzzer's own input may hold shared data)
            Files.write(inputs.resolve("extensionTables/finding-array-descriptor-beyond-heap.fits"),
                    FitsBytes.arrayDescriptorTable(Integer.MAX_VALUE));
            Files.write(inputs.resolve("extensionTables/finding-duplicated-tform-array-descriptor.fits"),
                    FitsBytes.duplicatedTformTable());
            copy(traceSeeds(tmp), inputs.resolve("traces"));
            copy(apogeeSeeds(tmp), inputs.resolve("apogeeSpectra"));
            copy(tableSeeds(tmp), inputs.resolve("ipacTables"));
            copy(keywordTableSeeds(tmp), inputs.resolve("keywordTables"));
        } finally {
            try (var s = Files.walk(tmp)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void copy(List<Path> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path f : files) {
            Files.copy(f, dir.resolve("seed-" + f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Image image(int w, int h, long seed, float scale, float offset) {
        Random r = new Random(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = offset + Math.round(scale * r.nextFloat());
        }
        return Image.of(w, h, px);
    }

    private static Header header() {
        String longText = "a long string value that does not fit one card and so continues on CONTINUE cards, "
                + "twice over, to give the fuzzer the long-string convention to mutate";
        return Header.builder().add("OBJECT", "HD 1160", "target").add("EXPTIME", 10.5, "[s]")
                .add("DATE-OBS", "2024-01-01T00:00:00.000").add("LONGSTR", longText)
                .add(new Card("ESO DET DIT", 1.5, "a HIERARCH keyword")).comment("seed for the fuzzer").build();
    }

    /**
     * APOGEE spectrum products: a small visit with EXTNAMEs, one without (upstream's positional layout, with sky,
     * telluric and LSF coefficients), and a star spectrum on a log-linear grid, all from drpkit's writers.
     */
    private static List<Path> apogeeSeeds(Path dir) throws DrpException {
        Path named = dir.resolve("apvisit-named.fits");
        ApogeeSpectrumFiles.writeVisit(named, ApogeeSamples.visit(false), true, true);
        Path positional = dir.resolve("apvisit-positional.fits");
        ApogeeSpectrumFiles.writeVisit(positional, ApogeeSamples.visit(true), false, true);
        Path star = dir.resolve("apstar.fits");
        float[] flux = new float[40];
        float[] ivar = new float[40];
        for (int k = 0; k < 40; k++) {
            flux[k] = 100 + k;
            ivar[k] = k % 9 == 0 ? 0 : 1;
        }
        ApogeeSpectrumFiles.writeStar(star, Header.empty(), ApogeeSamples.logAxis(4.179, 6e-6),
                Spectra.of(1, 40, flux, ivar, new int[40], null), true);
        return List.of(named, positional, star);
    }

    /** A trace file of three fibres (one dead) over 12 of 16 columns, with a Gauss-Hermite shape. */
    private static List<Path> traceSeeds(Path dir) throws DrpException {
        int columns = 16;
        int n = 3;
        double[] c = new double[n * columns];
        double[] s = new double[c.length];
        double[] h = new double[c.length];
        java.util.Arrays.fill(c, Double.NaN);
        java.util.Arrays.fill(s, Double.NaN);
        java.util.Arrays.fill(h, Double.NaN);
        for (int i = 0; i < n; i++) {
            for (int x = 2; x < 14; x++) {
                c[i * columns + x] = 5 + 6.5 * i + 0.02 * x;
                s[i * columns + x] = 1.2;
                h[i * columns + x] = i == 1 ? 0 : 1000 + x;
            }
        }
        Traces t = new Traces("G", columns, 2, 14, new int[] {300, 299, 298},
                new TraceStatus[] {TraceStatus.LIVE, TraceStatus.DEAD, TraceStatus.LIVE}, c, s, h,
                new ProfileShape(0.03, 0.01, -0.01, 0.05, 0.02, 0.01));
        Path f = dir.resolve("traces.fits");
        TraceFiles.write(f, Header.builder().add("EXPNUM", 12L).build(), t, true);
        return List.of(f);
    }

    private static List<Path> imageSeeds(Path dir) throws DrpException {
        List<Path> out = new ArrayList<>();
        PixelType[] types = PixelType.values();
        for (PixelType t : types) {
            Path f = dir.resolve("image-" + t.name().toLowerCase() + ".fits");
            boolean integer = t != PixelType.FLOAT32 && t != PixelType.FLOAT64;
            FitsWriter.create().primaryImage(header(), image(7, 5, t.ordinal(), integer ? 200 : 1, 0), t).write(f,
                    true);
            out.add(f);
        }
        Path cube = dir.resolve("cube.fits");
        FitsWriter.create().primary(header()).cube("CUBE", Header.empty(),
                List.of(image(6, 4, 1, 100, 0), image(6, 4, 2, 100, 0), image(6, 4, 3, 100, 0)), PixelType.INT16)
                .write(cube, true);
        out.add(cube);
        Path masked = dir.resolve("masked.fits");
        Image flux = image(5, 4, 4, 10, 0);
        FitsWriter.create().primary(header()).maskedImage(MaskedImage.of(flux, image(5, 4, 5, 1, 1),
                Mask.of(5, 4, new int[20]))).write(masked, true);
        out.add(masked);
        Path spectra = dir.resolve("spectra.fits");
        double[] wave = new double[2 * 6];
        for (int i = 0; i < wave.length; i++) {
            wave[i] = 15000 + i * 0.25;
        }
        FitsWriter.create().primary(header()).spectra(Spectra.of(2, 6, new float[12], new float[12], new int[12], wave))
                .write(spectra, true);
        out.add(spectra);
        Path summed = dir.resolve("checksummed.fits");
        FitsWriter.create().primaryImage(header(), image(8, 3, 9, 50, 0), PixelType.INT32).image("SCI", header(),
                image(4, 4, 10, 50, 0), PixelType.UINT16).write(summed, true);
        FitsChecksums.update(summed, CLOCK, true);
        out.add(summed);
        Path table = dir.resolve("bintable.fits");
        write(table, FitsBytes.primaryAndTable());
        out.add(table);
        return out;
    }

    private static List<Path> compressedSeeds(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        Path rice = dir.resolve("rice.fits");
        FitsWriter.create().primary(header()).compressedImage("SCI", header(), image(9, 6, 11, 1000, 0),
                PixelType.UINT16, TileCompression.rice().withTileRows(2)).write(rice, true);
        out.add(rice);
        Path ricePrimary = dir.resolve("rice-primary.fits");
        FitsWriter.create().compressedPrimaryImage(header(), image(8, 4, 12, 100, 0), PixelType.INT32,
                new TileCompression(TileCompression.Algorithm.RICE_1, 3, 16)).write(ricePrimary, true);
        out.add(ricePrimary);
        // PLIO_1 is not among them: nom-tam-fits 1.21 writes its tiles empty; ../shared/data/fits/m13_plio.fits
        // seeds it when present
        String[] codecs = {Compression.ZCMPTYPE_GZIP_1, Compression.ZCMPTYPE_GZIP_2, Compression.ZCMPTYPE_HCOMPRESS_1};
        for (String codec : codecs) {
            Path f = dir.resolve(codec.toLowerCase() + ".fits");
            FitsBytes.nomTamCompressed(f, codec);
            out.add(f);
        }
        Path quantized = dir.resolve("rice-quantized.fits");
        float[][] fl = new float[6][8];
        Random r = new Random(7);
        for (float[] row : fl) {
            for (int x = 0; x < row.length; x++) {
                row[x] = (float) r.nextGaussian();
            }
        }
        CompressedImageHDU q = CompressedImageHDU.fromImageHDU((ImageHDU) Fits.makeHDU(fl), 8, 2);
        q.setCompressAlgorithm(Compression.ZCMPTYPE_RICE_1).setQuantAlgorithm(Compression.ZQUANTIZ_SUBTRACTIVE_DITHER_1)
                .getCompressOption(nom.tam.fits.compression.algorithm.quant.QuantizeOption.class).setQlevel(4);
        q.compress();
        try (Fits fits = new Fits()) {
            fits.addHDU(new nom.tam.fits.NullDataHDU());
            fits.addHDU(q);
            fits.write(quantized.toFile());
        }
        out.add(quantized);
        return out;
    }

    private static Ramp ramp(int w, int h, int reads) {
        Random r = new Random(reads);
        float[][] planes = new float[reads][w * h];
        double[] t = new double[reads];
        for (int k = 0; k < reads; k++) {
            t[k] = 10.6 * k;
            for (int i = 0; i < w * h; i++) {
                planes[k][i] = k == 0 ? 1000 + r.nextInt(50) : planes[k - 1][i] + 20 + r.nextInt(5);
            }
        }
        return Ramp.of(w, h, t, planes);
    }

    private static List<Path> rampSeeds(Path dir) throws DrpException {
        List<Path> out = new ArrayList<>();
        Ramp ramp = ramp(6, 4, 3);
        Path perRead = dir.resolve("ramp-reads.fits");
        FitsWriter.create().primary(header()).ramp(ramp, PixelType.UINT16, List.of()).write(perRead, true);
        out.add(perRead);
        Path cube = dir.resolve("ramp-cube.fits");
        FitsWriter.create().primary(header()).rampCube("RAMP", Header.empty(), ramp, PixelType.UINT16).write(cube, true);
        out.add(cube);
        Path apz = dir.resolve("ramp.apz");
        ApzEncoder.write(apz, header(), List.of(), ramp(5, 3, 4), true);
        out.add(apz);
        Path compressed = dir.resolve("ramp-rice.fits");
        FitsWriter w = FitsWriter.create().primary(header());
        for (int k = 0; k < ramp.reads(); k++) {
            w.compressedImage(null, Header.builder().add("INTOFF", 10600.0).build(), ramp.read(k), PixelType.UINT16,
                    TileCompression.rice().withTileRows(2));
        }
        w.write(compressed, true);
        out.add(compressed);
        return out;
    }

    private static List<Path> tableSeeds(Path dir) throws DrpException, IOException {
        Path ipac = dir.resolve("metadata.tbl");
        IpacTable.of(List.of(new IpacColumn("koaid", "char", 24, false, ""), new IpacColumn("exptime", "double", 10,
                true, "s"), new IpacColumn("frameno", "int", 8, true, "")),
                List.of(List.of("NC.20240101.00001.00", "10.5", "12"), List.of("NC.20240101.00002.00", "null", "13")))
                .write(ipac, true);
        Path md5 = dir.resolve("md5sum.table");
        Files.writeString(md5, Md5SumTable.of(List.of(new Md5SumTable.Entry("0123456789abcdef0123456789abcdef",
                "NC.20240101.00001.00.fits"))).text(), StandardCharsets.UTF_8);
        return List.of(ipac, md5);
    }

    private static List<Path> keywordTableSeeds(Path dir) throws IOException {
        Path t = dir.resolve("keywords.txt");
        Files.writeString(t, "FITSKeyword\tSource\tMetadataDatatype\tMetadataWidth\tNullsAllowed\tValidateFormat"
                + "\tCheckValues\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\tDBDatatype\r\n"
                + "KOAID\tKOA\tchar\t32\tN\tY\tY\t\t\t\t\t\"VARCHAR2(32 BYTE)\"\r\n"
                + "PROPINT\tKOA\tinteger\t16\tN\tY\tY\t\t0\t9999\r\n"
                + "EXPTIME\tKOA\tdouble\t10\tY\tY\tY\t\t0\t1e5\r\n"
                + "IMTYPE\tKCWI\tchar\t16\tY\tY\tY\t\t\t\t[\"Bias\", \"Object\"]\r\n", StandardCharsets.ISO_8859_1);
        return List.of(t);
    }

    private static void write(Path f, byte[] bytes) {
        try {
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
