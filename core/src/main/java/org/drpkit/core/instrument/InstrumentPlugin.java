package org.drpkit.core.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.image.ReadPattern;

/**
 * Everything drpkit needs to know about one instrument, as a stateless service discovered by
 * {@link java.util.ServiceLoader}.
 *
 * <p>A plugin reads like a table: its name, which headers it accepts, its chip layout, its keyword map, its
 * ordered header-fix rules, and its archive-id and image-type rules. Everything but {@link #name()} and
 * {@link #accepts(Header)} has a default, so a minimal plugin is a few lines. Implementations must be
 * thread-safe and hold no mutable state. To add an instrument, put a class implementing this interface in a
 * jar with {@code META-INF/services/org.drpkit.core.instrument.InstrumentPlugin} naming it; see
 * {@link Instruments}.
 *
 * <pre>{@code
 * public final class MyCamera implements InstrumentPlugin {
 *     public String name() { return "MYCAM"; }
 *     public boolean accepts(Header h) { return h.getString("INSTRUME").filter("MYCAM"::equals).isPresent(); }
 * }
 * }</pre>
 */
public interface InstrumentPlugin {

    /** @return the canonical instrument name, upper case, e.g. {@code NIRC2} */
    String name();

    /** @return other names users may type for this instrument (matched case-insensitively) */
    default Set<String> aliases() {
        return Set.of();
    }

    /** @return true when this plugin handles a file with this primary header */
    boolean accepts(Header primary);

    /**
     * Declared precedence: when this plugin and {@code other} both accept a header, this one takes it. The
     * {@link Instruments} registry drops a plugin that another accepting plugin takes precedence over; what is left
     * must be one plugin, else the header is ambiguous (so is precedence declared both ways). None by default.
     *
     * <pre>{@code
     * // a guide-camera plugin whose headers also name a science instrument
     * public boolean takesPrecedenceOver(InstrumentPlugin other) { return other instanceof KeckInstrument; }
     * }</pre>
     *
     * @return true when this plugin wins over {@code other} for a header both accept
     */
    default boolean takesPrecedenceOver(InstrumentPlugin other) {
        return false;
    }

    /**
     * The chip layout of a file, from the headers of all its HDUs (primary first). The default makes one
     * single-amplifier chip per HDU that holds a 2D or larger image.
     *
     * @throws DrpException {@code LAYOUT_UNAVAILABLE} when the headers do not describe any image
     */
    default ChipLayout layout(List<Header> hdus) throws DrpException {
        List<Chip> chips = new ArrayList<>();
        for (int i = 0; i < hdus.size(); i++) {
            Header h = hdus.get(i);
            int naxis = h.getInt("NAXIS").orElse(0);
            int nx = h.getInt("NAXIS1").orElse(0);
            int ny = h.getInt("NAXIS2").orElse(0);
            boolean image = !h.contains("XTENSION") || h.getString("XTENSION").orElse("").trim().equals("IMAGE");
            if (image && naxis >= 2 && nx > 0 && ny > 0) {
                String name = h.getString("EXTNAME").map(String::trim).orElse("HDU" + i);
                chips.add(Chip.simple(name, i, nx, ny, 0));
            }
        }
        if (chips.isEmpty()) {
            throw new DrpException(CoreErrorCode.LAYOUT_UNAVAILABLE, Location.NOWHERE,
                    name() + ": no HDU holds a 2D image");
        }
        return new ChipLayout(chips);
    }

    /** @return canonical keyword name to ordered header alternatives; empty by default */
    default KeywordMap keywords() {
        return KeywordMap.empty();
    }

    /** @return the header-fix rules, applied in order by {@link #fix} */
    default List<HeaderFixRule> fixRules() {
        return List.of();
    }

    /**
     * Applies {@link #fixRules()} in order, so later code reads canonical, repaired keywords.
     *
     * @return the repaired header (whose fix log lists every change), the warnings raised and the archive facts
     *         derived
     * @throws DrpException when a rule cannot repair the header
     */
    default FixResult fix(Header primary, FixContext context) throws DrpException {
        FixResult r = FixResult.of(primary);
        for (HeaderFixRule rule : fixRules()) {
            r = rule.apply(r, context);
        }
        return r;
    }

    /** @return the two-character archive-id prefix for a (fixed) header, when the instrument is archived */
    default Optional<String> archivePrefix(Header fixed) {
        return Optional.empty();
    }

    /**
     * @return the archive id of a (fixed) header, when the instrument is archived
     * @throws DrpException when the header lacks what the id needs (date, time, prefix)
     */
    default Optional<ArchiveId> archiveId(Header fixed) throws DrpException {
        return Optional.empty();
    }

    /**
     * The plugin's rule for making an archive id unique when another file already holds it (the ingest asks
     * {@code taken} whether an id is held). The default takes {@code wanted} when it is free and has no other
     * candidate.
     *
     * <pre>{@code
     * plugin.uniqueArchiveId(ArchiveId.parse("N2.20170725.51470.75"), held::contains); // e.g. ...51470.76
     * }</pre>
     *
     * @return the first free id the rule allows, or empty when every candidate is taken
     */
    default Optional<ArchiveId> uniqueArchiveId(ArchiveId wanted, Predicate<ArchiveId> taken) {
        return taken.test(wanted) ? Optional.empty() : Optional.of(wanted);
    }

    /**
     * A fixed header renamed to the archive id the ingest took instead of the header's own (see
     * {@link #uniqueArchiveId}), the change in its fix log. The default returns the header unchanged (an instrument
     * whose header holds no archive id).
     *
     * @param reason why, for the fix log's comment, e.g. {@code "N2.20170725.51470.75 was taken"}
     * @return the renamed header
     */
    default Header withArchiveId(Header fixed, ArchiveId id, String reason) {
        return fixed;
    }

    /**
     * The instrument's switches for a fixed header (saturation level, image statistics, extension tables).
     *
     * <pre>{@code
     * plugin.traits(fixed).saturationLevel();   // OptionalDouble[65535.0] for an ESI frame
     * }</pre>
     *
     * @return {@link InstrumentTraits#DEFAULT} unless the plugin declares its own
     */
    default InstrumentTraits traits(Header fixed) {
        return InstrumentTraits.DEFAULT;
    }

    /**
     * How an exposure table files one raw file: its key, exposure, night, chip, reads, exposure time and lamps
     * ({@link ExposureFacts}). The default files a one-file exposure under its {@link #archiveId} (the night is the
     * id's UT date), with the exposure time from the keyword map's {@code EXPTIME} (the card of that name when the
     * map has no entry) and the fixed
     * result's calibration lamp; an instrument without an archive id gives none.
     *
     * <pre>{@code
     * FixResult r = plugin.fix(header, ctx);
     * plugin.exposureFacts(r, ctx);   // Optional[N2.20220619.12345.67 (exposure N2.20220619.12345.67, night 20220619)]
     * }</pre>
     *
     * @param fixed   the result of {@link #fix} on the header the plugin was chosen by
     * @param context the file's context, with the headers of every HDU it could read
     * @return the facts, or empty when the instrument cannot file this header
     * @throws DrpException when the header lacks what the key needs (naming the file, HDU and keyword)
     */
    default Optional<ExposureFacts> exposureFacts(FixResult fixed, FixContext context) throws DrpException {
        Optional<ArchiveId> id = archiveId(fixed.header());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String key = id.get().toString();
        ExposureFacts f = ExposureFacts.of(key, key, id.get().dateText());
        Optional<Double> t = keywords().getDouble(fixed.header(), "EXPTIME");
        if (t.isPresent()) {
            f = f.withExposureTime(t.get());
        }
        Optional<String> lamp = fixed.facts().calibrationLamp();
        return Optional.of(lamp.isPresent() ? f.withLamp(lamp.get(), 1) : f);
    }

    /**
     * The readout pattern of an up-the-ramp file as its headers state it: frames averaged per read, frames skipped
     * between reads and the frame time ({@link ReadPattern}). A pipeline fitting the ramp takes it unless its user
     * names one; without it (the default: empty) it fits single frames at the read spacing it measures.
     *
     * <pre>{@code
     * plugin.readPattern(fixed, ctx);   // Optional[ReadPattern[1 frame/group, gap 0, frame 10.647 s]] (APOGEE)
     * }</pre>
     *
     * @param fixed   the fixed primary header
     * @param context the file's context, with the headers of every HDU
     * @throws DrpException when the headers state a pattern that cannot be (naming the file, HDU and keyword)
     */
    default Optional<ReadPattern> readPattern(Header fixed, FixContext context) throws DrpException {
        return Optional.empty();
    }

    /** The sub-folders of a pipeline's product folder whose name a product keeps in its destination. */
    List<String> PRODUCT_SUB_FOLDERS = List.of("plots", "redux", "logs");

    /**
     * Whether a file a data-reduction pipeline wrote is a level-{@code level} product of the frame {@code archiveId},
     * and where it goes in that level's product folder. Pure: names in, a name out, no file is read. The default takes every file whose
     * name contains the archive id and keeps it under {@code plots/}, {@code redux/} or {@code logs/} when it lies in
     * a folder of that name ({@link #productSubFolder}); instruments with a fixed product list override it.
     *
     * <pre>{@code
     * plugin.drpProduct("plots/N2.20170725.37273.00_psf.png", "N2.20170725.37273.00", 1);   // Optional[plots/N2...png]
     * plugin.drpProduct("calib/dark.fits", "N2.20170725.37273.00", 1);                        // Optional.empty
     * }</pre>
     *
     * @param source    the file's path relative to the pipeline's product folder, {@code /}-separated
     * @param archiveId the frame's archive id, without {@code .fits}
     * @param level     1 (quick look) or 2 (science)
     * @return the destination relative to the level's product folder ({@code /}-separated), or empty when the file is not
     *         a product of this frame and level
     */
    default Optional<String> drpProduct(String source, String archiveId, int level) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        return name.contains(archiveId) ? Optional.of(productSubFolder(source)) : Optional.empty();
    }

    /**
     * The default destination of a pipeline product: its file name, under the nearest enclosing folder named in
     * {@link #PRODUCT_SUB_FOLDERS}, if any.
     *
     * <pre>{@code
     * InstrumentPlugin.productSubFolder("night1/plots/a.png");   // plots/a.png
     * InstrumentPlugin.productSubFolder("night1/a.fits");        // a.fits
     * }</pre>
     *
     * @param source a relative path, {@code /}-separated
     */
    static String productSubFolder(String source) {
        String[] parts = source.split("/");
        String name = parts[parts.length - 1];
        for (int i = parts.length - 2; i >= 0; i--) {
            if (PRODUCT_SUB_FOLDERS.contains(parts[i])) {
                return parts[i] + "/" + name;
            }
        }
        return name;
    }

    /**
     * Whether a level-1 (quick-look) run of every level-0 frame of this instrument is queued once the frame is
     * archived (an instrument whose quick-look product is made after archiving). False by default.
     */
    default boolean queuesLevel1() {
        return false;
    }
}
