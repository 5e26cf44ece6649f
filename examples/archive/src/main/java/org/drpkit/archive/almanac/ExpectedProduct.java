package org.drpkit.archive.almanac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One file a reduced night must hold: the stage that makes it, the exposure (or {@code ""} for a night product), the
 * chip, the runlist it follows from and its path relative to the products folder. {@link #of} derives them from the
 * night's runlists and the instrument's {@link ProductRules}: a pure function.
 *
 * <pre>{@code
 * List<ExpectedProduct> e = ExpectedProduct.of(runlists, ProductRules.apogee());
 * e.get(0);   // ramp apred/60000/ar2D_apo_60000_0002_R_dark.fits (apo/60000/0002, darks)
 * }</pre>
 *
 * @param stage    the stage that makes it
 * @param exposure the exposure id ({@code apo/60000/0012}), {@code ""} for a night product
 * @param chip     the chip ({@code ""} for an instrument without chips)
 * @param runlist  the runlist it follows from (the first, when several)
 * @param path     the path relative to the products folder, {@code /}-separated
 */
public record ExpectedProduct(String stage, String exposure, String chip, String runlist, String path) {

    /** Checks for nulls. */
    public ExpectedProduct {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(runlist, "runlist");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The products a night's runlists call for, in the rules' stage order, then night order; a file two runlists call
     * for is listed once.
     *
     * @param runlists the night's runlists of one instrument ({@link Runlist#build})
     * @return the expected products
     */
    public static List<ExpectedProduct> of(List<Runlist> runlists, ProductRules rules) {
        Map<String, ExpectedProduct> out = new LinkedHashMap<>();
        for (ProductRule rule : rules.rules()) {
            for (Runlist r : runlists) {
                if (!rule.takes(r.rule().name()) || r.selected().isEmpty()) {
                    continue;
                }
                if (rule.perExposure()) {
                    for (Exposure e : r.selected()) {
                        for (String chip : chips(e)) {
                            ExpectedProduct p = new ExpectedProduct(rule.stage(), e.exposure(), chip, r.rule().name(),
                                    fill(rule.template(), e, chip));
                            out.putIfAbsent(p.path(), p);
                        }
                    }
                } else {
                    Exposure first = r.selected().get(0);
                    for (String chip : chips(first)) {
                        ExpectedProduct p = new ExpectedProduct(rule.stage(), "", chip, r.rule().name(),
                                fill(rule.template(), first, chip));
                        out.putIfAbsent(p.path(), p);
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static List<String> chips(Exposure e) {
        List<String> out = new ArrayList<>();
        for (AlmanacEntry f : e.files()) {
            out.add(f.facts().orElseThrow().chip());
        }
        return out;
    }

    /** @return the template with the exposure's fields; each field is sanitised so a path cannot leave its folder */
    static String fill(String template, Exposure e, String chip) {
        String[] parts = e.exposure().split("/");
        String exp = parts[parts.length - 1];
        String exp4 = exp.matches("\\d+") ? String.format("%04d", Integer.parseInt(exp) % 10000) : exp;
        return template.replace("{tele}", safe(parts[0])).replace("{night}", safe(e.night()))
                .replace("{exp4}", safe(exp4)).replace("{chip}", safe(chip)).replace("{type}", safe(e.imageType()));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "_").replace("..", "_");
    }

    @Override
    public String toString() {
        return stage + " " + path + (exposure.isEmpty() ? " (night, " : " (" + exposure + ", ") + runlist + ")";
    }
}
