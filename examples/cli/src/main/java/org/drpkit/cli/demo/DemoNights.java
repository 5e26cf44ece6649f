package org.drpkit.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.ExpectedProduct;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.NightQa;
import org.drpkit.archive.almanac.NightSchema;
import org.drpkit.archive.almanac.ProductRules;
import org.drpkit.archive.almanac.QaMetric;
import org.drpkit.archive.almanac.QaTrends;
import org.drpkit.archive.almanac.Runlist;
import org.drpkit.archive.almanac.SchemaDrift;
import org.drpkit.core.error.DrpException;

/**
 * The demo's nights side by side, from the almanac they share: the datamodel drift of the raw headers from the first
 * night to the last ({@code drpkit almanac drift}) and the night QA trends read from each night's products
 * ({@code drpkit almanac trends}), with the runlists as the demo builds them (the bad-exposure list honoured).
 *
 * <pre>{@code
 * DemoNights.Across a = DemoNights.compare(out, List.of(night1, night2));
 * a.drift().changes();   // CARTID removed, CART_ID added
 * }</pre>
 *
 * @param drift  the raw headers' schema change from the first night to the last
 * @param trends the QA values of every night
 * @param nights the nights' QA values as read (with what is missing)
 */
public record DemoNights(SchemaDrift drift, QaTrends trends, List<NightQa> nights) {

    /** The instrument the demo simulates. */
    static final String INSTRUMENT = "APOGEE";

    /** Copies the list. */
    public DemoNights {
        nights = List.copyOf(nights);
    }

    /**
     * @param out    the demo's output folder (its {@code almanac/} and products)
     * @param nights the reduced nights, in order (at least one)
     * @throws DrpException when the almanac or its bad-exposure list cannot be read
     */
    public static DemoNights compare(Path out, List<DemoNight.Result> nights) throws DrpException {
        Path folder = out.resolve("almanac");
        BadExposures bad = BadExposures.read(folder.resolve(NightAlmanac.BAD_LIST));
        List<NightQa> qa = new ArrayList<>();
        SchemaDrift drift;
        try (Almanac a = Almanac.open(Almanac.h2Url(folder))) {
            for (DemoNight.Result r : nights) {
                String night = sjd(r);
                List<Exposure> exposures = Exposure.group(a.night(night, Optional.of(INSTRUMENT)));
                List<Runlist> runlists = Runlist.build(exposures, NightAlmanac.rules(r.plan()), bad);
                qa.add(NightQa.read(out, night, INSTRUMENT, ExpectedProduct.of(runlists, ProductRules.apogee()),
                        QaMetric.forInstrument(INSTRUMENT)));
            }
            String from = sjd(nights.get(0));
            String to = sjd(nights.get(nights.size() - 1));
            drift = SchemaDrift.between(NightSchema.of(INSTRUMENT, from, a.schemas(INSTRUMENT, from)),
                    NightSchema.of(INSTRUMENT, to, a.schemas(INSTRUMENT, to)), 0.1, Set.of());
        }
        return new DemoNights(drift, QaTrends.of(INSTRUMENT, qa), qa);
    }

    /** @return the night (SJD) of a reduced night, from its first exposure's key */
    public static String sjd(DemoNight.Result r) {
        return Integer.toString(r.exposures().get(0).key().mjd());
    }

    /** @return the drift as {@code drpkit almanac drift} prints it */
    public String driftText() {
        StringBuilder s = new StringBuilder(String.format("%s: night %s (%d files, %d keywords) -> night %s (%d files,"
                + " %d keywords)%n", INSTRUMENT, drift.from().night(), drift.from().files(), drift.from().types()
                .size(), drift.to().night(), drift.to().files(), drift.to().types().size()));
        for (SchemaDrift.Change c : drift.changes()) {
            s.append("  ").append(c).append('\n');
        }
        s.append("  ").append(drift.changes().size()).append(" changes, ").append(drift.unexpected().size())
                .append(" unexpected\n");
        return s.toString();
    }

    @Override
    public String toString() {
        return "DemoNights[" + trends.nights() + ", " + drift.changes().size() + " header changes]";
    }
}
