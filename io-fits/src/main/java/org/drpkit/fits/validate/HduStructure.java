package org.drpkit.fits.validate;

import java.util.List;
import java.util.Set;

/**
 * The mandatory keywords of one HDU (FITS 4.0 sections 4.4.1 and 7): their presence, order and values, and the size
 * of the data unit they describe. Values are taken from wherever the keyword is, so an out-of-order header is
 * reported and still walked.
 */
final class HduStructure {

    static final Set<String> REGISTERED = Set.of("IMAGE", "TABLE", "BINTABLE", "IUEIMAGE", "A3DTABLE", "FOREIGN",
            "DUMP");
    private static final Set<Long> BITPIX = Set.of(8L, 16L, 32L, 64L, -32L, -64L);

    /** {@code PRIMARY} or the XTENSION value (trimmed), or {@code ?} when unreadable. */
    final String type;
    final boolean primary;
    /** BITPIX, or 0 when absent or illegal. */
    final int bitpix;
    /** NAXISn values (index 0 = NAXIS1); null when NAXIS is unknown; an element is -1 when that axis is unknown. */
    final long[] axes;
    final long pcount;
    final long gcount;
    final boolean groups;
    /** TFIELDS, or -1 (not a table, or unknown). */
    final int tfields;
    /** A tile-compressed image: a BINTABLE with {@code ZIMAGE = T}, whose header also describes the image. */
    final boolean compressedImage;
    /** Data unit size in bytes before fill, or -1 when the header does not allow computing it. */
    final long dataBytes;
    /** Why {@link #dataBytes} is unknown, or null. */
    final String unknownReason;

    private HduStructure(String type, boolean primary, int bitpix, long[] axes, long pcount, long gcount,
            boolean groups, int tfields, boolean compressedImage, long dataBytes, String unknownReason) {
        this.type = type;
        this.primary = primary;
        this.bitpix = bitpix;
        this.axes = axes;
        this.pcount = pcount;
        this.gcount = gcount;
        this.groups = groups;
        this.tfields = tfields;
        this.compressedImage = compressedImage;
        this.dataBytes = dataBytes;
        this.unknownReason = unknownReason;
    }

    boolean isTable() {
        return type.equals("BINTABLE") || type.equals("TABLE") || type.equals("A3DTABLE");
    }

    boolean isBinaryTable() {
        return type.equals("BINTABLE") || type.equals("A3DTABLE");
    }

    boolean isImage() {
        return primary ? !groups : type.equals("IMAGE") || type.equals("IUEIMAGE");
    }

    /** @return the NAXIS value, or -1 */
    int naxis() {
        return axes == null ? -1 : axes.length;
    }

    /** Checks the mandatory keywords of an HDU and computes its data size. */
    static HduStructure check(int hdu, List<RawCard> cards, Findings f) {
        boolean primary = hdu == 0;
        Cards c = new Cards(cards);
        int pos = 0;
        String type = "PRIMARY";
        if (primary) {
            RawCard simple = c.expect("SIMPLE", pos++, hdu, f);
            if (simple != null) {
                if (simple.type != RawCard.Type.LOGICAL) {
                    f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, simple.number, "SIMPLE",
                            "SIMPLE must be the logical T, not " + simple.shown());
                } else if (simple.value.equals("F")) {
                    f.add(ValidationCode.SIMPLE_FALSE, hdu, simple.number, "SIMPLE",
                            "SIMPLE = F: the file declares that it does not conform to the FITS standard");
                }
            }
        } else {
            RawCard x = c.expect("XTENSION", pos++, hdu, f);
            type = "?";
            if (x != null) {
                if (x.type != RawCard.Type.STRING) {
                    f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, x.number, "XTENSION",
                            "XTENSION must be a string, not " + x.shown());
                } else {
                    type = x.value.trim();
                    if (!REGISTERED.contains(type)) {
                        f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, x.number, "XTENSION",
                                "XTENSION '" + x.value + "' is not a registered extension type " + REGISTERED);
                    }
                    if (x.stringEnd < 19) {
                        f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, x.number, "XTENSION",
                                "the XTENSION string must be padded to end at or after column 20");
                    }
                }
            }
        }
        int bitpix = 0;
        RawCard bp = c.expect("BITPIX", pos++, hdu, f);
        if (bp != null) {
            Long v = bp.asLong();
            if (v == null || !BITPIX.contains(v)) {
                f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, bp.number, "BITPIX",
                        "BITPIX must be 8, 16, 32, 64, -32 or -64, not " + bp.shown());
            } else {
                bitpix = v.intValue();
            }
        }
        long[] axes = null;
        RawCard nx = c.expect("NAXIS", pos++, hdu, f);
        if (nx != null) {
            Long v = nx.asLong();
            if (v == null || v < 0 || v > 999) {
                f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, nx.number, "NAXIS",
                        "NAXIS must be an integer from 0 to 999, not " + nx.shown());
            } else {
                axes = new long[v.intValue()];
            }
        }
        if (axes != null) {
            for (int n = 1; n <= axes.length; n++) {
                String key = "NAXIS" + n;
                RawCard a = c.expect(key, pos++, hdu, f);
                axes[n - 1] = -1;
                if (a != null) {
                    Long v = a.asLong();
                    if (v == null || v < 0) {
                        f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, a.number, key,
                                key + " must be a non-negative integer, not " + a.shown());
                    } else {
                        axes[n - 1] = v;
                    }
                }
            }
        }
        boolean groups = false;
        long pcount = 0;
        long gcount = 1;
        int tfields = -1;
        if (primary) {
            RawCard g = c.first("GROUPS");
            groups = g != null && "T".equals(g.value) && axes != null && axes.length > 0 && axes[0] == 0;
            if (groups) {
                pcount = c.count("PCOUNT", hdu, f, true);
                gcount = c.count("GCOUNT", hdu, f, true);
            }
        } else {
            pcount = c.expectCount("PCOUNT", pos++, hdu, f);
            gcount = c.expectCount("GCOUNT", pos++, hdu, f);
            checkTypeValues(type, hdu, bitpix, axes, pcount, gcount, c, f);
            if (type.equals("TABLE") || type.equals("BINTABLE") || type.equals("A3DTABLE")) {
                RawCard tf = c.expect("TFIELDS", pos, hdu, f);
                if (tf != null) {
                    Long v = tf.asLong();
                    if (v == null || v < 0 || v > 999) {
                        f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, tf.number, "TFIELDS",
                                "TFIELDS must be an integer from 0 to 999, not " + tf.shown());
                    } else {
                        tfields = v.intValue();
                    }
                }
            }
        }
        String reason = null;
        long data = -1;
        if (bitpix == 0) {
            reason = "BITPIX is missing or illegal";
        } else if (axes == null) {
            reason = "NAXIS is missing or illegal";
        } else if (pcount < 0 || gcount < 0) {
            reason = "PCOUNT or GCOUNT is illegal";
        } else {
            data = dataBytes(bitpix, axes, pcount, gcount, primary && !groups, groups);
            if (data == -1) {
                reason = "an NAXISn is missing or illegal";
            } else if (data == -2) {
                reason = "the data size overflows 64 bits";
                data = -1;
            }
        }
        RawCard zimage = c.first("ZIMAGE");
        boolean compressed = type.equals("BINTABLE") && zimage != null && "T".equals(zimage.value);
        return new HduStructure(type, primary, bitpix, axes, pcount, gcount, groups, tfields, compressed, data,
                reason);
    }

    private static void checkTypeValues(String type, int hdu, int bitpix, long[] axes, long pcount, long gcount,
            Cards c, Findings f) {
        boolean table = type.equals("TABLE") || type.equals("BINTABLE") || type.equals("A3DTABLE");
        boolean image = type.equals("IMAGE");
        if (table && bitpix != 0 && bitpix != 8) {
            f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, c.numberOf("BITPIX"), "BITPIX",
                    "a " + type + " extension needs BITPIX = 8, not " + bitpix);
        }
        if (table && axes != null && axes.length != 2) {
            f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, c.numberOf("NAXIS"), "NAXIS",
                    "a " + type + " extension needs NAXIS = 2, not " + axes.length);
        }
        if ((image || type.equals("TABLE")) && pcount != 0) {
            f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, c.numberOf("PCOUNT"), "PCOUNT",
                    "an " + type + " extension needs PCOUNT = 0, not " + pcount);
        }
        if ((image || table) && gcount != 1) {
            f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, c.numberOf("GCOUNT"), "GCOUNT",
                    "an " + type + " extension needs GCOUNT = 1, not " + gcount);
        }
    }

    /**
     * @param plainPrimary a primary HDU without random groups: PCOUNT and GCOUNT do not apply
     * @param groups       random groups: NAXIS1 is 0 and does not count
     * @return bytes of the data unit before fill; -1 when an axis is unknown; -2 on overflow
     */
    static long dataBytes(int bitpix, long[] axes, long pcount, long gcount, boolean plainPrimary, boolean groups) {
        if (axes.length == 0) {
            return 0;
        }
        long n = 1;
        try {
            for (int i = groups ? 1 : 0; i < axes.length; i++) {
                if (axes[i] < 0) {
                    return -1;
                }
                n = Math.multiplyExact(n, axes[i]);
            }
            long bytes = Math.abs(bitpix) / 8;
            if (plainPrimary) {
                return Math.multiplyExact(bytes, n);
            }
            return Math.multiplyExact(bytes, Math.multiplyExact(gcount, Math.addExact(pcount, n)));
        } catch (ArithmeticException e) {
            return -2;
        }
    }

    /** Positional and keyed access to the cards of one header. */
    static final class Cards {
        private final List<RawCard> cards;

        Cards(List<RawCard> cards) {
            this.cards = cards;
        }

        RawCard first(String key) {
            for (RawCard r : cards) {
                if (r.keyword.equals(key) && !r.isCommentary()) {
                    return r;
                }
            }
            return null;
        }

        int numberOf(String key) {
            RawCard r = first(key);
            return r == null ? 0 : r.number;
        }

        /**
         * Reports a mandatory keyword missing, out of order or repeated.
         *
         * @return the first card with the keyword (wherever it is), or null
         */
        RawCard expect(String key, int pos, int hdu, Findings f) {
            RawCard found = null;
            for (RawCard r : cards) {
                if (!r.keyword.equals(key) || r.isCommentary()) {
                    continue;
                }
                if (found == null) {
                    found = r;
                } else {
                    f.add(ValidationCode.MANDATORY_OUT_OF_ORDER, hdu, r.number, key,
                            key + " is repeated (first at card " + found.number + ")");
                }
            }
            if (found == null) {
                f.add(ValidationCode.MANDATORY_MISSING, hdu, pos + 1, key,
                        key + " is missing (expected at card " + (pos + 1) + ")");
            } else if (found.number != pos + 1) {
                String there = pos < cards.size() ? cards.get(pos).keyword : "END";
                f.add(ValidationCode.MANDATORY_OUT_OF_ORDER, hdu, found.number, key, key + " is card " + found.number
                        + " but must be card " + (pos + 1) + " (found " + (there.isEmpty() ? "a blank card" : there)
                        + " there)");
            }
            return found;
        }

        long expectCount(String key, int pos, int hdu, Findings f) {
            RawCard r = expect(key, pos, hdu, f);
            return value(r, key, hdu, f, key.equals("GCOUNT") ? 1 : 0);
        }

        long count(String key, int hdu, Findings f, boolean required) {
            RawCard r = first(key);
            if (r == null && required) {
                f.add(ValidationCode.MANDATORY_MISSING, hdu, 0, key, key + " is required in a random-groups primary");
            }
            return value(r, key, hdu, f, key.equals("GCOUNT") ? 1 : 0);
        }

        private static long value(RawCard r, String key, int hdu, Findings f, long dflt) {
            if (r == null) {
                return dflt;
            }
            Long v = r.asLong();
            if (v == null || v < 0) {
                f.add(ValidationCode.MANDATORY_BAD_VALUE, hdu, r.number, key,
                        key + " must be a non-negative integer, not " + r.shown());
                return -1;
            }
            return v;
        }
    }
}
