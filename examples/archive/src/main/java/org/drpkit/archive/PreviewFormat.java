package org.drpkit.archive;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The picture formats an ingest writes its previews in ({@link IngestOptions#previewFormats()}; configuration key
 * {@code previews.formats}): PNG (histogram-equalised, {@code KOAID.png}) and JPEG (the archive's published previews:
 * zscale with an asinh stretch, or the instrument's variant, {@code KOAID.jpg}), each with a thumbnail
 * ({@code KOAID.thumb.png}, {@code KOAID.thumb.jpg}).
 *
 * <pre>{@code
 * PreviewFormat.parse("png, jpeg");   // [PNG, JPEG]
 * }</pre>
 */
public enum PreviewFormat {
    /** 8-bit grey PNG, histogram-equalised (drpkit's preview since the first ingest). */
    PNG("png"),
    /** 8-bit grey baseline JPEG at quality 0.92 (the archive's published preview). */
    JPEG("jpg");

    private final String extension;

    PreviewFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file name extension, without the dot ({@code png}, {@code jpg}) */
    public String extension() {
        return extension;
    }

    /**
     * @param text formats separated by commas or spaces: {@code png}, {@code jpeg} or {@code jpg}, case-insensitive;
     *             {@code none} or an empty text for no preview
     * @return the formats
     * @throws IllegalArgumentException for an unknown format name
     */
    public static Set<PreviewFormat> parse(String text) {
        Set<PreviewFormat> s = EnumSet.noneOf(PreviewFormat.class);
        for (String t : text.trim().split("[,\\s]+")) {
            String n = t.toLowerCase(Locale.ROOT);
            switch (n) {
                case "", "none" -> { }
                case "png" -> s.add(PNG);
                case "jpeg", "jpg" -> s.add(JPEG);
                default -> throw new IllegalArgumentException("unknown preview format '" + t
                        + "' (png, jpeg or none)");
            }
        }
        return s;
    }
}
