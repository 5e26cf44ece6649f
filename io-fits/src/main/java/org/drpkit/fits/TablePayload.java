package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.drpkit.core.header.Card;

/** A binary table of fixed-width columns ({@code K}, {@code D}, {@code nA}), written row by row, big-endian. */
final class TablePayload implements Payload {

    private static final Pattern RESERVED = Pattern.compile("TFIELDS|THEAP|(TTYPE|TFORM|TUNIT|TNULL)\\d+");

    private final List<TableColumn> columns;
    private final int rows;
    private final int rowBytes;

    TablePayload(List<TableColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.columns = List.copyOf(columns);
        this.rows = columns.get(0).rows();
        int w = 0;
        for (TableColumn c : columns) {
            if (c.rows() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.rows() + " rows, not " + rows);
            }
            for (char ch : c.name().toCharArray()) {
                if (ch < 32 || ch > 126) {
                    throw new IllegalArgumentException("column name is not printable ASCII: " + c.name());
                }
            }
            w += c.width();
        }
        this.rowBytes = w;
    }

    @Override
    public String xtension() {
        return "BINTABLE";
    }

    @Override
    public void structure(List<Card> cards, boolean primary) {
        if (primary) {
            throw new IllegalStateException("a table cannot be the primary HDU");
        }
        cards.add(Card.of("BITPIX", 8L, "8-bit bytes"));
        cards.add(Card.of("NAXIS", 2L, "2-dimensional binary table"));
        cards.add(Card.of("NAXIS1", (long) rowBytes, "width of table in bytes"));
        cards.add(Card.of("NAXIS2", (long) rows, "number of rows in table"));
        cards.add(Card.of("PCOUNT", 0L, "size of special data area"));
        cards.add(Card.of("GCOUNT", 1L, "one data group (required keyword)"));
        cards.add(Card.of("TFIELDS", (long) columns.size(), "number of fields in each row"));
        for (int i = 0; i < columns.size(); i++) {
            TableColumn c = columns.get(i);
            int n = i + 1;
            cards.add(Card.of("TTYPE" + n, c.name(), "label for field " + n));
            cards.add(Card.of("TFORM" + n, c.form(), "data format of field"));
            if (!c.unit().isEmpty()) {
                cards.add(Card.of("TUNIT" + n, c.unit(), "physical unit of field"));
            }
            if (c.values() instanceof long[]) {
                cards.add(Card.of("TNULL" + n, TableColumn.NULL_LONG, "value of a null"));
            }
        }
    }

    @Override
    public void description(List<Card> cards) {
    }

    @Override
    public boolean reserved(String key) {
        return RESERVED.matcher(key.toUpperCase(Locale.ROOT)).matches();
    }

    @Override
    public void write(OutputStream out) throws IOException {
        ByteBuffer row = ByteBuffer.allocate(rowBytes); // big-endian by default, as FITS wants
        for (int r = 0; r < rows; r++) {
            row.clear();
            for (TableColumn c : columns) {
                Object v = c.values();
                if (v instanceof long[] l) {
                    row.putLong(l[r]);
                } else if (v instanceof double[] d) {
                    row.putDouble(d[r]);
                } else {
                    byte[] text = ((String) ((List<?>) v).get(r)).getBytes(StandardCharsets.ISO_8859_1);
                    row.put(text);
                    for (int k = text.length; k < c.width(); k++) {
                        row.put((byte) ' ');
                    }
                }
            }
            out.write(row.array(), 0, rowBytes);
        }
    }

    @Override
    public long bytes() {
        return (long) rows * rowBytes;
    }
}
