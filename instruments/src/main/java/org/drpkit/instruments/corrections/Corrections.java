package org.drpkit.instruments.corrections;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;

/**
 * Data-driven header corrections: keyword overrides for one instrument and observation, kept in files rather than
 * code (the design of Rubin's metadata translator), applied once.
 *
 * <p>A correction is a text file named {@code <INSTRUMENT>-<obsid>.hdr} holding header cards, one per line, in the
 * {@link CardText} form; blank lines and lines starting with {@code #} are ignored. It is looked up first in the
 * folder named by the {@link FixContext} option {@value #OPTION}, then as a class-path resource under
 * {@value #RESOURCE_ROOT}; the first found wins. Each card replaces (or adds) its keyword through the fix log
 * (rule {@code correction:<file>}), and the card {@value #MARKER} records the file, so a header carrying it is
 * never corrected again. The observation id is the plugin's: for Keck {@code YYYYMMDD.<original file stem>},
 * e.g. {@code NIRC2-20170725.n0051.hdr}. Characters other than letters, digits, {@code . _ -} are replaced by
 * {@code _}, so an id read from a header holds no path separator and the name (which starts with the instrument)
 * always names a file directly in the folder.
 *
 * <pre>{@code
 * # NIRC2-20170725.n0051.hdr
 * OBJECT  = 'HD 1160'   / corrected target name
 * }</pre>
 */
public final class Corrections {

    /** The card recording that a correction was applied. */
    public static final String MARKER = "DRPCORR";
    /** The {@link FixContext} option naming a folder of user corrections. */
    public static final String OPTION = "corrections";
    /** The class-path folder of built-in corrections. */
    public static final String RESOURCE_ROOT = "org/drpkit/instruments/corrections/";

    private Corrections() {
    }

    /** Computes the observation id of a header, when it has one. */
    @FunctionalInterface
    public interface ObservationId {
        /** @return the id, e.g. {@code 20170725.n0051}, or empty when the header cannot be identified */
        Optional<String> of(Header header, FixContext context);
    }

    /**
     * One correction file.
     *
     * @param source where it was read (file path or resource name)
     * @param name   its file name, e.g. {@code NIRC2-20170725.n0051.hdr}
     * @param cards  the overrides, in file order
     */
    public record Correction(String source, String name, List<Card> cards) {

        /** Copies the list. */
        public Correction {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(name, "name");
            cards = List.copyOf(cards);
        }
    }

    /**
     * @param instrument the instrument name (the file-name prefix)
     * @param id         the observation id of a header
     * @return the rule {@code corrections}, which applies a matching correction once
     */
    public static HeaderFixRule rule(String instrument, ObservationId id) {
        return HeaderFixRule.of("corrections", (h, ctx) -> {
            if (h.contains(MARKER)) {
                return h;
            }
            Optional<String> obsid = id.of(h, ctx);
            if (obsid.isEmpty()) {
                return h;
            }
            Optional<Correction> c = find(instrument, obsid.get(), ctx);
            return c.isEmpty() ? h : apply(h, c.get());
        });
    }

    /** @return the header with the correction's cards applied and the marker written */
    public static Header apply(Header h, Correction c) {
        Header.Builder b = h.toBuilder();
        String rule = "correction:" + c.name();
        for (Card card : c.cards()) {
            if (card.isCommentary()) {
                b.add(card);
            } else {
                b.fix(card.keyword(), card.value(), card.comment().isEmpty() ? null : card.comment(), rule);
            }
        }
        return b.fix(MARKER, c.name(), "drpkit: header correction applied", rule).build();
    }

    /**
     * @return the correction for this instrument and observation, from the user folder or the class path
     * @throws DrpException {@code CORRECTION_INVALID} when the file exists but cannot be read or parsed
     */
    public static Optional<Correction> find(String instrument, String obsid, FixContext ctx) throws DrpException {
        String name = fileName(instrument, obsid);
        Optional<String> folder = ctx.option(OPTION);
        if (folder.isPresent()) {
            Path p = Path.of(folder.get()).resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    return Optional.of(parse(p.toString(), name, Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new DrpException(CorrectionErrorCode.CORRECTION_INVALID, Location.file(p.toString()),
                            "cannot read the correction: " + e.getMessage(), e);
                }
            }
        }
        String resource = RESOURCE_ROOT + name;
        ClassLoader cl = Corrections.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(resource, name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DrpException(CorrectionErrorCode.CORRECTION_INVALID, Location.file(resource),
                    "cannot read the correction: " + e.getMessage(), e);
        }
    }

    /** @return the correction file name for an instrument and observation id, sanitised */
    public static String fileName(String instrument, String obsid) {
        return sanitize(instrument) + "-" + sanitize(obsid) + ".hdr";
    }

    /**
     * @return the correction in {@code text}
     * @throws DrpException {@code CORRECTION_INVALID} naming the source and line
     */
    public static Correction parse(String source, String name, String text) throws DrpException {
        List<Card> cards = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                cards.add(CardText.parse(l));
            } catch (IllegalArgumentException e) {
                throw new DrpException(CorrectionErrorCode.CORRECTION_INVALID, Location.file(source),
                        "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Correction(source, name, cards);
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
