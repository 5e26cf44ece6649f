package org.drpkit.fits;

import java.util.Optional;
import org.drpkit.core.header.Header;

/**
 * Where one HDU lives in a file: its header and the byte range of its data unit.
 *
 * @param index        HDU index, 0 = primary
 * @param header       the HDU's header (card order and duplicates kept)
 * @param headerOffset byte offset of the first header block
 * @param dataOffset   byte offset of the data unit (after the header blocks)
 * @param dataBytes    size of the data unit in bytes, before padding to 2880
 */
public record HduInfo(int index, Header header, long headerOffset, long dataOffset, long dataBytes) {

    /** @return BITPIX (0 when absent) */
    public int bitpix() {
        return header.getInt("BITPIX").orElse(0);
    }

    /** @return NAXIS (0 when absent) */
    public int naxis() {
        return header.getInt("NAXIS").orElse(0);
    }

    /** @return NAXISn, 1-based axis (0 when absent) */
    public long axis(int n) {
        return header.getLong("NAXIS" + n).orElse(0L);
    }

    /** @return the trimmed EXTNAME, when present */
    public Optional<String> extname() {
        return header.getString("EXTNAME").map(String::trim);
    }

    /** @return the trimmed XTENSION, when present ({@code IMAGE}, {@code BINTABLE}, ...) */
    public Optional<String> xtension() {
        return header.getString("XTENSION").map(String::trim);
    }

    /** @return true for the primary HDU or an IMAGE extension with at least one axis of data */
    public boolean isImage() {
        boolean imageType = index == 0 ? !header.getBoolean("GROUPS").orElse(false)
                : xtension().map("IMAGE"::equals).orElse(false);
        return imageType && naxis() > 0 && dataBytes > 0;
    }

    /**
     * @return true for a tile-compressed image (a BINTABLE extension with {@code ZIMAGE = T}); never for the primary
     *         HDU, which is an image whatever XTENSION card it carries
     */
    public boolean isCompressedImage() {
        return index > 0 && xtension().map("BINTABLE"::equals).orElse(false)
                && header.getBoolean("ZIMAGE").orElse(false);
    }

    /** @return true when the HDU holds image pixels, plain or tile-compressed */
    public boolean hasImage() {
        return isImage() || isCompressedImage() && header.getInt("ZNAXIS").orElse(0) > 0;
    }

    /**
     * The header of the image this HDU holds: for a tile-compressed image the uncompressed view (ZBITPIX as BITPIX,
     * ZNAXISn as NAXISn, table and compression keywords removed, ZHECKSUM/ZDATASUM as CHECKSUM/DATASUM); for any
     * other HDU its header as is.
     *
     * <pre>{@code
     * reader.hdu(1).imageHeader().getInt("BITPIX");   // 16 for a RICE_1 uint16 read, not the table's 8
     * }</pre>
     */
    public Header imageHeader() {
        return isCompressedImage() ? CompressedHeaders.imageView(header) : header;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HDU ").append(index);
        extname().ifPresent(n -> sb.append(" '").append(n).append('\''));
        sb.append(index == 0 ? " PRIMARY" : " " + xtension().orElse("?")).append(" BITPIX=").append(bitpix());
        for (int i = 1; i <= naxis(); i++) {
            sb.append(i == 1 ? " " : "x").append(axis(i));
        }
        if (isCompressedImage()) {
            Header img = imageHeader();
            sb.append(", compressed ").append(header.getString("ZCMPTYPE").map(String::trim).orElse("?"))
                    .append(" image BITPIX=").append(img.getInt("BITPIX").orElse(0));
            for (int i = 1; i <= img.getInt("NAXIS").orElse(0); i++) {
                sb.append(i == 1 ? " " : "x").append(img.getLong("NAXIS" + i).orElse(0L));
            }
        }
        return sb.append(", data at byte ").append(dataOffset).append(" (").append(dataBytes).append(" bytes)").toString();
    }
}
