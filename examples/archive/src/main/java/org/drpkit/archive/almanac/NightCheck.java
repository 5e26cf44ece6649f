package org.drpkit.archive.almanac;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.validate.Finding;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.ValidationCode;
import org.drpkit.fits.validate.ValidationReport;
import org.drpkit.fits.validate.ValidatorOptions;

/**
 * The final QA pass over a reduced night: every {@link ExpectedProduct} exists, validates ({@link FitsValidator} with
 * every check, CHECKSUM and DATASUM verified where the file carries them), opens ({@link FitsReader}), and agrees with
 * every md5 table ({@code *md5sum.table}, {@link Md5SumTable}) found in the products' folders. Each product gets a
 * {@link Status} with its reasons; an md5 table entry whose file is gone or differs is a problem too. Nothing is
 * written.
 *
 * <pre>{@code
 * NightCheck c = NightCheck.run(Path.of("demo-out"), "60690", ExpectedProduct.of(runlists, ProductRules.apogee()));
 * c.ok();          // false
 * c.problems();    // [MISSING apred/60690/ar2D_apo_60690_0009_G_object.fits: no such file, ...]
 * }</pre>
 *
 * @param root     the products folder the paths are relative to
 * @param night    the night
 * @param products one check per expected product, in the order given
 * @param md5      one line per md5-table entry that does not agree (table, path and why)
 * @param md5Files md5-table entries verified
 */
public record NightCheck(Path root, String night, List<ProductCheck> products, List<String> md5, int md5Files) {

    /** What the pass found a product to be. */
    public enum Status {
        /** Present, valid, opens, checksums (where present) and md5 tables (where listed) agree. */
        OK,
        /** Not on disk. */
        MISSING,
        /** Shorter than its headers say (a data unit or header cut short). */
        TRUNCATED,
        /** Its bytes disagree with a stored CHECKSUM, DATASUM or md5 table. */
        CORRUPT,
        /** Whole, but not valid FITS or not readable as a product. */
        INVALID
    }

    /**
     * One product checked.
     *
     * @param product   what was expected
     * @param status    what it is
     * @param reasons   why it is not OK (code, HDU, keyword, message), one line each
     * @param checksums true when every HDU carries CHECKSUM and DATASUM (which then agree, or the status says)
     * @param spectra   rows of its {@code FLUX} extension when it is an extracted-spectra product, else 0
     */
    public record ProductCheck(ExpectedProduct product, Status status, List<String> reasons, boolean checksums,
            int spectra) {
        /** Copies the list. */
        public ProductCheck {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(status, "status");
            reasons = List.copyOf(reasons);
        }

        @Override
        public String toString() {
            return status + " " + product.path() + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
        }
    }

    /** Copies the lists. */
    public NightCheck {
        Objects.requireNonNull(root, "root");
        products = List.copyOf(products);
        md5 = List.copyOf(md5);
    }

    /**
     * Checks a night's products.
     *
     * @param root     the products folder ({@code demo-out}, holding {@code apred/}, {@code darks/}, ...)
     * @param expected the products the night must hold ({@link ExpectedProduct#of})
     * @return the findings; never throws for what is wrong with a product
     */
    public static NightCheck run(Path root, String night, List<ExpectedProduct> expected) {
        Set<Path> folders = new LinkedHashSet<>();
        for (ExpectedProduct p : expected) {
            folders.add(root.resolve(p.path()).getParent());
        }
        Map<Path, String> listed = new HashMap<>();
        List<String> md5Problems = new ArrayList<>();
        int verified = 0;
        for (Path folder : folders) {
            for (Path table : md5Tables(folder, md5Problems)) {
                try {
                    for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
                        Path f = table.getParent().resolve(e.path()).normalize();
                        verified++;
                        if (!f.startsWith(table.getParent())) {
                            md5Problems.add(table + ": " + e.path() + " leaves the table's folder");
                        } else if (!Files.isRegularFile(f)) {
                            md5Problems.add(table + ": " + e.path() + " is listed but not on disk");
                        } else {
                            listed.put(f, e.md5() + " " + table.getFileName());
                        }
                    }
                } catch (DrpException e) {
                    md5Problems.add(e.getMessage());
                }
            }
        }
        List<ProductCheck> out = new ArrayList<>();
        for (ExpectedProduct p : expected) {
            out.add(check(root.resolve(p.path()), p, listed, md5Problems));
        }
        return new NightCheck(root, night, out, md5Problems, verified);
    }

    private static List<Path> md5Tables(Path folder, List<String> problems) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith("md5sum.table") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(folder + ": cannot list the folder for md5 tables: " + e);
            return List.of();
        }
    }

    private static ProductCheck check(Path file, ExpectedProduct p, Map<Path, String> listed, List<String> md5Problems) {
        if (!Files.isRegularFile(file)) {
            return new ProductCheck(p, Status.MISSING, List.of("no such file"), false, 0);
        }
        ValidationReport report = FitsValidator.validate(file, ValidatorOptions.DEFAULTS);
        List<String> reasons = new ArrayList<>();
        Status status = Status.OK;
        for (Finding f : report.errors()) {
            reasons.add(describe(f));
            Status s = switch (f.code()) {
                case DATA_TRUNCATED, HEADER_NO_END, HDU_UNLOCATABLE -> Status.TRUNCATED;
                case CHECKSUM_MISMATCH, DATASUM_MISMATCH -> Status.CORRUPT;
                default -> Status.INVALID;
            };
            status = worse(status, s);
        }
        boolean sums = false;
        int spectra = 0;
        if (status == Status.OK) {
            try (FitsReader r = FitsReader.open(file)) {
                sums = !r.hdus().isEmpty();
                for (HduInfo h : r.hdus()) {
                    Header hh = h.header();
                    sums &= hh.contains("CHECKSUM") && hh.contains("DATASUM");
                }
                Optional<HduInfo> flux = r.find(FitsReader.FLUX);
                if (p.stage().equals("extracted") && flux.isPresent() && flux.get().naxis() == 2) {
                    spectra = (int) flux.get().axis(2);
                }
            } catch (DrpException e) {
                reasons.add(e.getMessage());
                status = Status.INVALID;
            }
        }
        String md5 = listed.get(file.normalize());
        if (md5 != null) {
            try {
                String actual = Md5.hex(file);
                String[] stored = md5.split(" ", 2);
                if (!actual.equals(stored[0])) {
                    reasons.add("MD5 " + actual + " differs from " + stored[0] + " in " + stored[1]);
                    md5Problems.add(stored[1] + ": " + p.path() + " has MD5 " + actual + ", the table says "
                            + stored[0]);
                    status = worse(status, Status.CORRUPT);
                }
            } catch (DrpException e) {
                reasons.add(e.getMessage());
                status = worse(status, Status.INVALID);
            }
        }
        return new ProductCheck(p, status, reasons, sums, spectra);
    }

    /** @return the graver of two statuses: MISSING, TRUNCATED, CORRUPT, INVALID, OK */
    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status s) {
        return switch (s) {
            case OK -> 0;
            case INVALID -> 1;
            case CORRUPT -> 2;
            case TRUNCATED -> 3;
            case MISSING -> 4;
        };
    }

    private static String describe(Finding f) {
        StringBuilder sb = new StringBuilder(f.code().name());
        if (f.hdu() >= 0) {
            sb.append(" HDU ").append(f.hdu());
        }
        if (f.keyword() != null && !f.keyword().isEmpty()) {
            sb.append(" keyword ").append(f.keyword());
        }
        return sb.append(": ").append(f.message()).toString();
    }

    /** @return true when every product is OK and every md5 table agrees */
    public boolean ok() {
        return md5.isEmpty() && products.stream().allMatch(c -> c.status() == Status.OK);
    }

    /** @return the products that are not OK */
    public List<ProductCheck> problems() {
        return products.stream().filter(c -> c.status() != Status.OK).toList();
    }

    /** @return the products of a status */
    public long count(Status s) {
        return products.stream().filter(c -> c.status() == s).count();
    }

    /** @return the OK products that carry CHECKSUM and DATASUM in every HDU */
    public long withChecksums() {
        return products.stream().filter(c -> c.status() == Status.OK && c.checksums()).count();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("night ").append(night).append(": ").append(products.size())
                .append(" products expected");
        for (Status s : Status.values()) {
            long n = count(s);
            if (n > 0) {
                sb.append(", ").append(n).append(' ').append(s);
            }
        }
        return sb.append("; ").append(md5Files).append(" md5-table entries, ").append(md5.size())
                .append(" disagreeing").toString();
    }
}
