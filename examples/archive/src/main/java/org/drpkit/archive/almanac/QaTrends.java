package org.drpkit.archive.almanac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Night QA values followed across nights: one {@link Trend} per metric and chip, with the value of every night
 * (NaN where the night has none) and the change from the first night that has one to the last. Pure: built from
 * {@link NightQa}s already read.
 *
 * <pre>{@code
 * QaTrends t = QaTrends.of("APOGEE", List.of(qa60690, qa60691));
 * t.trend("dark DARKMED", "R").orElseThrow().change();   // +0.030 DN/read: the detector warmed
 * String table = t.table();                             // one line per metric and chip, then the change
 * }</pre>
 *
 * @param instrument the instrument
 * @param nights     the nights, in order
 * @param trends     one per metric and chip, in the metrics' order, then the chips'
 */
public record QaTrends(String instrument, List<String> nights, List<Trend> trends) {

    /**
     * One metric on one chip across the nights.
     *
     * @param metric what it is
     * @param chip   the chip ({@code ""} for none)
     * @param values one value per night of {@link QaTrends#nights}, NaN where the night has none
     */
    public record Trend(QaMetric metric, String chip, double[] values) {
        /** Checks for nulls and copies the values. */
        public Trend {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(chip, "chip");
            values = values.clone();
        }

        /** @return the values (a copy) */
        @Override
        public double[] values() {
            return values.clone();
        }

        /** @return the last finite value minus the first, in the metric's unit; NaN with fewer than two */
        public double change() {
            int first = -1;
            int last = -1;
            for (int i = 0; i < values.length; i++) {
                if (Double.isFinite(values[i])) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            return first >= 0 && last > first ? values[last] - values[first] : Double.NaN;
        }

        @Override
        public String toString() {
            return metric.name() + (chip.isEmpty() ? "" : " " + chip) + " " + Arrays.toString(values);
        }
    }

    /** Copies the lists. */
    public QaTrends {
        Objects.requireNonNull(instrument, "instrument");
        nights = List.copyOf(nights);
        trends = List.copyOf(trends);
    }

    /**
     * @param nights the nights' QA values, in night order
     * @return one trend per metric and chip found in any night
     */
    public static QaTrends of(String instrument, List<NightQa> nights) {
        Map<String, QaMetric> metrics = new LinkedHashMap<>();
        Map<String, List<String>> chips = new LinkedHashMap<>();
        for (NightQa n : nights) {
            for (NightQa.Value v : n.values()) {
                metrics.putIfAbsent(v.metric().name(), v.metric());
                List<String> c = chips.computeIfAbsent(v.metric().name(), k -> new ArrayList<>());
                if (!c.contains(v.chip())) {
                    c.add(v.chip());
                }
            }
        }
        List<Trend> out = new ArrayList<>();
        for (Map.Entry<String, QaMetric> m : metrics.entrySet()) {
            for (String chip : chips.get(m.getKey())) {
                double[] v = new double[nights.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = nights.get(i).value(m.getKey(), chip).orElse(Double.NaN);
                }
                out.add(new Trend(m.getValue(), chip, v));
            }
        }
        return new QaTrends(instrument, nights.stream().map(NightQa::night).toList(), out);
    }

    /** @return the trend of a metric (by {@link QaMetric#name}) on a chip */
    public java.util.Optional<Trend> trend(String metric, String chip) {
        return trends.stream().filter(t -> t.metric().name().equals(metric) && t.chip().equals(chip)).findFirst();
    }

    /** @return the trends as a text table: metric, unit, chip, one column per night, the change */
    public String table() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s QA trends over %d night%s%n", instrument,
                nights.size(), nights.size() == 1 ? "" : "s"));
        s.append(String.format(Locale.ROOT, "  %-18s %-9s %-4s", "metric", "unit", "chip"));
        for (String n : nights) {
            s.append(String.format(Locale.ROOT, " %12s", n));
        }
        s.append(String.format(Locale.ROOT, " %12s%n", "change"));
        for (Trend t : trends) {
            s.append(String.format(Locale.ROOT, "  %-18s %-9s %-4s", t.metric().name(), t.metric().unit(),
                    t.chip().isEmpty() ? "-" : t.chip()));
            for (double v : t.values) {
                s.append(String.format(Locale.ROOT, " %12s", format(v)));
            }
            double c = t.change();
            s.append(String.format(Locale.ROOT, " %12s%n", Double.isNaN(c) ? "-" : (c >= 0 ? "+" : "") + format(c, 4)));
        }
        return s.toString();
    }

    /** @return a value to 8 significant digits without trailing zeros (integers as integers), {@code -} for NaN */
    static String format(double v) {
        return format(v, 8);
    }

    private static String format(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public String toString() {
        return "QaTrends[" + instrument + ", nights " + nights + ", " + trends.size() + " trends]";
    }
}
