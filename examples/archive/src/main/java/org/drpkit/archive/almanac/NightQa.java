package org.drpkit.archive.almanac;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsHeaders;

/**
 * The QA values of one reduced night, read from its products' primary headers: for every {@link QaMetric}, the
 * first expected product of the metric's stage (and runlist) per chip, in the night's order. A product that is not
 * there or has no such keyword gives no value and says why in {@link #missing}; nothing throws for a bad product (the
 * final QA pass, {@link NightCheck}, is where a product's problems are reported).
 *
 * <pre>{@code
 * NightQa qa = NightQa.read(root, "60690", "APOGEE", ExpectedProduct.of(runlists, ProductRules.apogee()),
 *         QaMetric.forInstrument("APOGEE"));
 * qa.value("dark DARKMED", "R");   // Optional[0.0203]
 * }</pre>
 *
 * @param night      the night
 * @param instrument the instrument
 * @param values     the values found
 * @param missing    each metric and chip without a value, with the reason
 */
public record NightQa(String night, String instrument, List<Value> values, List<String> missing) {

    /**
     * One value.
     *
     * @param metric  what it is
     * @param chip    the chip ({@code ""} for an instrument without chips)
     * @param value   the keyword's value, in the metric's unit
     * @param product the product it was read from, relative to the products folder
     */
    public record Value(QaMetric metric, String chip, double value, String product) {
        /** Checks for nulls. */
        public Value {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(chip, "chip");
            Objects.requireNonNull(product, "product");
        }

        @Override
        public String toString() {
            return metric.name() + (chip.isEmpty() ? "" : " " + chip) + " = " + value + " (" + product + ")";
        }
    }

    /** Copies the lists. */
    public NightQa {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(instrument, "instrument");
        values = List.copyOf(values);
        missing = List.copyOf(missing);
    }

    /**
     * Reads a night's QA values.
     *
     * @param root     the products folder (expected paths are relative to it)
     * @param expected the night's expected products ({@link ExpectedProduct#of})
     * @param metrics  what to read ({@link QaMetric#forInstrument})
     */
    public static NightQa read(Path root, String night, String instrument, List<ExpectedProduct> expected,
            List<QaMetric> metrics) {
        List<Value> values = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Object> headers = new HashMap<>();
        for (QaMetric m : metrics) {
            List<String> chips = new ArrayList<>();
            for (ExpectedProduct p : expected) {
                if (!p.stage().equals(m.stage()) || !(m.runlist().isEmpty() || m.runlist().equals(p.runlist()))
                        || chips.contains(p.chip())) {
                    continue;
                }
                chips.add(p.chip());
                Object h = headers.computeIfAbsent(p.path(), k -> primary(root.resolve(k)));
                String where = m.name() + (p.chip().isEmpty() ? "" : " " + p.chip()) + ": " + p.path();
                if (h instanceof String problem) {
                    missing.add(where + ": " + problem);
                    continue;
                }
                Optional<Double> v = ((Header) h).getDouble(m.keyword());
                if (v.isPresent() && Double.isFinite(v.get())) {
                    values.add(new Value(m, p.chip(), v.get(), p.path()));
                } else {
                    missing.add(where + ": no finite " + m.keyword() + " in the primary header");
                }
            }
            if (chips.isEmpty()) {
                missing.add(m.name() + ": the night's runlists call for no " + m.stage() + " product"
                        + (m.runlist().isEmpty() ? "" : " of runlist " + m.runlist()));
            }
        }
        return new NightQa(night, instrument, values, missing);
    }

    /** @return the primary header, or why it cannot be read */
    private static Object primary(Path file) {
        if (!Files.isRegularFile(file)) {
            return "no such file";
        }
        try {
            return FitsHeaders.readPrimary(file);
        } catch (DrpException e) {
            return e.getMessage();
        }
    }

    /** @return the value of a metric (by {@link QaMetric#name}) on a chip */
    public Optional<Double> value(String metric, String chip) {
        for (Value v : values) {
            if (v.metric().name().equals(metric) && v.chip().equals(chip)) {
                return Optional.of(v.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "NightQa[" + instrument + " " + night + ": " + values.size() + " values, " + missing.size()
                + " missing]";
    }
}
