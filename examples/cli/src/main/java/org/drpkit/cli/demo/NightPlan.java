package org.drpkit.cli.demo;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * What the demo night observes: the chip geometry and the exposures, in the order a night takes them (darks, internal
 * flats, science, a quartz flat, an arc). Three exposures are there to be dropped, as a real night has them: the
 * night's first dark (upstream's dark runlist wants a dark before each dark), a flat taken with the lamp off (left out
 * of the flat stack) and a 3-read object exposure (fewer than 4 reads: upstream's runlists drop it).
 *
 * <p>Later nights ({@code night} 1, 2, ...) take the same exposures a day later, on a detector that has aged
 * ({@link #DARK_CURRENT_STEP} more dark current and {@link #HOT_FRACTION_STEP} more hot pixels per night: the truth the
 * QA trends must find) and with one raw keyword renamed from the first night's ({@code CARTID} becomes
 * {@code CART_ID}: the datamodel drift must report it). Every night observes one fibre configuration,
 * {@link #configId()}.
 *
 * <pre>{@code
 * NightPlan plan = NightPlan.of(NightPlan.Size.SMALL);
 * plan.exposures().size();   // 15 per chip
 * NightPlan.of(NightPlan.Size.SMALL, 1).start();   // a day after the first night
 * }</pre>
 *
 * @param size      small or full geometry
 * @param night     which night of the demo: 0 for the first
 * @param science   science-array size in pixels (square)
 * @param start     UT start of the first exposure
 * @param exposures the exposures, numbered from 1 within the night
 */
public record NightPlan(Size size, int night, int science, LocalDateTime start, List<Planned> exposures) {

    /** Seconds between reads (APOGEE: about 10.6 s). */
    public static final double READ_TIME = 10.6;
    /** Dark current added per night after the first, DN/read (the simulated detector's is 0.02 on the first). */
    public static final double DARK_CURRENT_STEP = 0.03;
    /** Fraction of light-sensitive pixels turning hot per night after the first (5e-4 are hot on the first). */
    public static final double HOT_FRACTION_STEP = 2e-4;

    /** The demo's sizes. */
    public enum Size {
        /** 512 x 512 science pixels + 128 reference-output columns per chip, short ramps: under a minute. */
        SMALL,
        /** The real APOGEE geometry, 2048 x 2048 + 512 per chip, 47-read science ramps. */
        FULL;

        /** @return the size named {@code small} or {@code full} (any case) */
        public static Size parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** What an exposure is for. */
    public enum Kind {
        /** Shutter closed: dark current and hot pixels only. */
        DARK("dark"),
        /** Internal flat lamp on the detector: illumination times pixel response. */
        FLAT("internalflat"),
        /** An internal flat whose lamp never came on (to be left out of the flat stack). */
        FLAT_LAMP_OFF("internalflat"),
        /** Fibre traces with sky and stars. */
        OBJECT("object"),
        /** A quartz lamp through the fibres: the night's traces are found on it. */
        QUARTZ("quartzflat"),
        /** An arc lamp through the fibres: the night's wavelength solution. */
        ARC("arclamp"),
        /** The Fabry-Perot etalon through the fibres (an arclamp exposure with the arc lamps off). */
        FPI("arclamp");

        private final String imageType;

        Kind(String imageType) {
            this.imageType = imageType;
        }

        /** @return the APOGEE image type written to IMAGETYP (lower case) */
        public String imageType() {
            return imageType;
        }
    }

    /**
     * One planned exposure.
     *
     * @param number exposure number within the night (1..)
     * @param kind   what it observes
     * @param reads  number of reads
     * @param note   why it is in the plan, for the summary
     */
    public record Planned(int number, Kind kind, int reads, String note) {
    }

    /** @return the first night's plan for a size */
    public static NightPlan of(Size size) {
        return of(size, 0);
    }

    /**
     * @param night 0 for the first night, 1 for the next, ...
     * @return the plan of a night: the same exposures, {@code night} days after the first
     */
    public static NightPlan of(Size size, int night) {
        if (night < 0) {
            throw new IllegalArgumentException("night must be 0 or more: " + night);
        }
        boolean full = size == Size.FULL;
        int scienceReads = full ? 47 : 24;
        // darks as deep as the science exposures: every ramp carries a per-amplifier offset from the reference rows'
        // zeropoint (0.0085 DN/read rms at 20 reads with medians for the reference levels, 0.0070 with clipped means),
        // which the dark stack hands to every science exposure (four full-size 20-read darks: +0.028 in R's pulls)
        int darkReads = scienceReads;
        int flatReads = 10;
        List<Planned> p = new ArrayList<>();
        int n = 1;
        p.add(new Planned(n++, Kind.DARK, darkReads, "first dark of the night (upstream's runlist drops it: "
                + "persistence from before it unknown)"));
        for (int i = 0; i < 4; i++) {
            p.add(new Planned(n++, Kind.DARK, darkReads, "dark for the dark-rate stack"));
        }
        for (int i = 0; i < 3; i++) {
            p.add(new Planned(n++, Kind.FLAT, flatReads, "internal flat for the pixel flat"));
        }
        p.add(new Planned(n++, Kind.FLAT_LAMP_OFF, flatReads, "internal flat whose lamp stayed off"));
        for (int i = 0; i < 3; i++) {
            p.add(new Planned(n++, Kind.OBJECT, scienceReads, "science: fibre traces and sky lines"));
        }
        p.add(new Planned(n++, Kind.OBJECT, 3, "science exposure aborted after 3 reads"));
        p.add(new Planned(n++, Kind.QUARTZ, flatReads, "quartz flat for the fibre traces"));
        p.add(new Planned(n++, Kind.ARC, scienceReads, "arc lamp for the wavelength solution"));
        p.add(new Planned(n, Kind.FPI, scienceReads, "Fabry-Perot etalon for the night's joint solution"));
        return new NightPlan(size, night, full ? H2rgLayout.APOGEE_SIZE : 512,
                LocalDateTime.parse("2025-01-15T02:00:00").plusDays(night), List.copyOf(p));
    }

    /**
     * @param seed the detector's seed (the same hardware every night)
     * @return the APOGEE-like detector of this night: the first night's as {@link DetectorModel#apogeeLike}, later
     *         nights' with more dark current and more hot pixels (a hot pixel stays hot)
     */
    public DetectorModel detector(long seed) {
        DetectorModel base = DetectorModel.apogeeLike();
        DetectorModel.Builder b = base.toBuilder().seed(seed);
        if (night > 0) {
            b.darkCurrent(base.darkCurrent() + night * DARK_CURRENT_STEP).hotPixels(base.hotPixelFraction()
                    + night * HOT_FRACTION_STEP, base.hotPixelMin(), base.hotPixelMax());
        }
        return b.build();
    }

    /** @return the fibre configuration every exposure of the night observes ({@code CONFIGID}) */
    public long configId() {
        return 20001 + night;
    }

    /** @return the raw header's cartridge keyword: {@code CARTID} on the first night, {@code CART_ID} later */
    public String cartKeyword() {
        return night == 0 ? "CARTID" : "CART_ID";
    }

    /** @return the layout of one chip: H2RG with a quarter-width reference output, 4 amplifiers, 4-pixel border */
    public Chip chip(ApogeeChip chip) {
        return size == Size.FULL ? H2rgLayout.apogee(chip.name())
                : H2rgLayout.chip(chip.name(), science, science / 4, 4, 4, H2rgLayout.H2RG_PIXEL_MICRONS);
    }

    /** @return the exposures of a kind */
    public List<Planned> of(Kind kind) {
        return exposures.stream().filter(e -> e.kind() == kind).toList();
    }

    /** @return the UT start of an exposure: exposures follow each other with 30 s between them */
    public LocalDateTime startOf(Planned e) {
        LocalDateTime t = start;
        for (Planned q : exposures) {
            if (q.number() == e.number()) {
                return t;
            }
            t = t.plusNanos(Math.round((q.reads() * READ_TIME + 30) * 1e9));
        }
        throw new IllegalArgumentException("not in the plan: " + e);
    }
}
