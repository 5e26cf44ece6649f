package org.drpkit.instruments.keck.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.Amplifier;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.ReadoutDirection;
import org.drpkit.core.instrument.Region;

/**
 * Chip layouts of multi-extension CCD mosaics (LRIS blue, DEIMOS, HIRES, KPF) and of single images read through
 * several amplifiers (KCWI), from the FITS section keywords.
 *
 * <p>For a mosaic, every image extension becomes one chip named by EXTNAME (else {@code HDU<n>}): its size from
 * NAXIS1/2, one amplifier over DATASEC (the whole image when absent; pre- and overscan lie outside it), and its
 * place in the mosaic from DETSEC. The amplifier's direction is {@code MINUS_X} when DETSEC runs with decreasing x
 * (the extension must be flipped to sit in the mosaic), else {@code PLUS_X}.
 *
 * <pre>{@code
 * ChipLayout l = MosaicLayout.fromExtensions(hdus, "AMPLOC");   // one chip per image extension
 * l.chip("GREEN_AMP1").orElseThrow().detectorSection();          // Region[1:2040,1:2040]
 * }</pre>
 */
public final class MosaicLayout {

    private MosaicLayout() {
    }

    /**
     * @param hdus          headers of every HDU, primary first
     * @param ampNameKeyword keyword naming the amplifier in each extension (e.g. {@code AMPLOC}); the extension name
     *                      is used when it is absent
     * @return one chip per image extension (HDU 1 and later)
     * @throws DrpException {@code LAYOUT_UNAVAILABLE} when no extension holds an image or a section is malformed
     */
    public static ChipLayout fromExtensions(List<Header> hdus, String ampNameKeyword) throws DrpException {
        List<Chip> chips = new ArrayList<>();
        for (int i = 1; i < hdus.size(); i++) {
            Header h = hdus.get(i);
            if (!isImage(h)) {
                continue;
            }
            int nx = h.getInt("NAXIS1").orElse(0);
            int ny = h.getInt("NAXIS2").orElse(0);
            String name = Values.text(h, "EXTNAME").orElse("HDU" + i);
            Region whole = Region.of(0, 0, nx, ny);
            Region data = section(h, i, "DATASEC").filter(r -> inside(r, whole)).orElse(whole);
            Optional<Region> det = section(h, i, "DETSEC");
            ReadoutDirection dir = reversedX(h) ? ReadoutDirection.MINUS_X : ReadoutDirection.PLUS_X;
            String amp = Values.text(h, ampNameKeyword).orElse(name);
            chips.add(new Chip(name, i, nx, ny, 0, List.of(new Amplifier(amp, data, dir)), 0, Optional.empty(), data,
                    det));
        }
        if (chips.isEmpty()) {
            throw new DrpException(CoreErrorCode.LAYOUT_UNAVAILABLE, hdus.isEmpty() ? null : hdus.get(0).origin(),
                    "no extension holds a 2D image");
        }
        return new ChipLayout(chips);
    }

    /**
     * One chip in HDU {@code hdu} read through amplifiers 1..n whose data sections are the keywords
     * {@code <sectionPrefix>1..n} (KCWI: {@code DSEC1}, {@code DSEC2}, ...).
     *
     * @param countKeyword the keyword holding n (KCWI: {@code NVIDINP})
     * @throws DrpException {@code LAYOUT_UNAVAILABLE} when the image size or a section is missing or malformed
     */
    public static Chip amplifiersInOneImage(Header h, int hdu, String name, String countKeyword, String sectionPrefix)
            throws DrpException {
        int nx = h.getInt("NAXIS1").orElse(0);
        int ny = h.getInt("NAXIS2").orElse(0);
        if (nx <= 0 || ny <= 0) {
            throw new DrpException(CoreErrorCode.LAYOUT_UNAVAILABLE, h.origin().keyword("NAXIS1"),
                    name + ": the HDU holds no 2D image");
        }
        Region whole = Region.of(0, 0, nx, ny);
        int n = h.getInt(countKeyword).orElse(0);
        List<Amplifier> amps = new ArrayList<>();
        for (int a = 1; a <= n; a++) {
            String key = sectionPrefix + a;
            Optional<String> text = Values.text(h, key);
            if (text.isEmpty()) {
                continue;
            }
            Region r = parse(h, hdu, key, text.get());
            if (!inside(r, whole)) {
                throw new DrpException(CoreErrorCode.LAYOUT_UNAVAILABLE, h.origin().hdu(hdu).keyword(key),
                        "section " + text.get() + " lies outside the " + nx + "x" + ny + " image");
            }
            amps.add(new Amplifier(Integer.toString(a), r,
                    firstBoundGreater(text.get()) ? ReadoutDirection.MINUS_X : ReadoutDirection.PLUS_X));
        }
        if (amps.isEmpty()) {
            amps.add(new Amplifier("1", whole, ReadoutDirection.PLUS_X));
        }
        return new Chip(name, hdu, nx, ny, 0, amps, 0, Optional.empty(), whole, Optional.empty());
    }

    /** @return true when an extension (HDU 1 or later) is not an image, e.g. a mask-design table */
    public static boolean hasTable(List<Header> hdus) {
        for (int i = 1; i < hdus.size(); i++) {
            if (!hdus.get(i).getString("XTENSION").orElse("IMAGE").trim().equals("IMAGE")) {
                return true;
            }
        }
        return false;
    }

    /** @return true for a primary or IMAGE extension holding at least a 2D array */
    public static boolean isImage(Header h) {
        boolean imageHdu = !h.contains("XTENSION") || h.getString("XTENSION").orElse("").trim().equals("IMAGE");
        return imageHdu && h.getInt("NAXIS").orElse(0) >= 2 && h.getInt("NAXIS1").orElse(0) > 0
                && h.getInt("NAXIS2").orElse(0) > 0;
    }

    private static Optional<Region> section(Header h, int hdu, String key) throws DrpException {
        Optional<String> t = Values.text(h, key);
        return t.isEmpty() ? Optional.empty() : Optional.of(parse(h, hdu, key, t.get()));
    }

    private static Region parse(Header h, int hdu, String key, String text) throws DrpException {
        try {
            return Region.fromFitsSection(text);
        } catch (IllegalArgumentException e) {
            throw new DrpException(CoreErrorCode.LAYOUT_UNAVAILABLE, h.origin().hdu(hdu).keyword(key),
                    "'" + text + "' is not a FITS section [x1:x2,y1:y2]", e);
        }
    }

    private static boolean reversedX(Header h) {
        return Values.text(h, "DETSEC").map(MosaicLayout::firstBoundGreater).orElse(false);
    }

    private static boolean firstBoundGreater(String section) {
        String t = section.trim();
        int colon = t.indexOf(':');
        int comma = t.indexOf(',');
        if (!t.startsWith("[") || colon < 0 || comma < colon) {
            return false;
        }
        try {
            return Integer.parseInt(t.substring(1, colon).trim()) > Integer.parseInt(t.substring(colon + 1, comma).trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean inside(Region r, Region whole) {
        return r.x1() <= whole.x1() && r.y1() <= whole.y1();
    }
}
