package org.drpkit.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;

/**
 * Compares two archived FITS files HDU by HDU: the header cards in order, except the cards that record when and by
 * which version the data-quality step ran ({@code DQA_DATE}, {@code DQA_VERS}: two runs of the same frame always
 * differ there, and the archive's metadata compare ignores the same two), and the data bytes.
 */
final class FitsDiff {

    /** The cards two runs of the same frame may differ in. */
    static final Set<String> RUN_CARDS = Set.of("DQA_DATE", "DQA_VERS");

    /**
     * How two files compare: identical; equal apart from the values of {@link #RUN_CARDS} ({@code runCards} names
     * those that differ); or different ({@code difference} gives the first reason).
     */
    record Outcome(boolean identical, String difference, List<String> runCards) {
        boolean equal() {
            return difference == null;
        }
    }

    private FitsDiff() {
    }

    static Outcome compare(Path a, Path b) throws DrpException {
        if (sameBytes(a, b)) {
            return new Outcome(true, null, List.of());
        }
        try (FitsReader x = FitsReader.open(a); FitsReader y = FitsReader.open(b)) {
            List<HduInfo> hx = x.hdus();
            List<HduInfo> hy = y.hdus();
            if (hx.size() != hy.size()) {
                return new Outcome(false, hx.size() + " HDUs != " + hy.size(), List.of());
            }
            List<String> run = new ArrayList<>();
            for (int i = 0; i < hx.size(); i++) {
                List<Card> rx = new ArrayList<>();
                List<Card> ry = new ArrayList<>();
                List<Card> cx = cards(hx.get(i), rx);
                List<Card> cy = cards(hy.get(i), ry);
                for (Card c : rx) {
                    if (!ry.contains(c) && !run.contains(c.keyword())) {
                        run.add(c.keyword());
                    }
                }
                for (Card c : ry) {
                    if (!rx.contains(c) && !run.contains(c.keyword())) {
                        run.add(c.keyword());
                    }
                }
                for (int c = 0; c < Math.max(cx.size(), cy.size()); c++) {
                    Card p = c < cx.size() ? cx.get(c) : null;
                    Card q = c < cy.size() ? cy.get(c) : null;
                    if (p == null || !p.equals(q)) {
                        return new Outcome(false, "HDU " + i + " card " + (c + 1) + ": " + p + " != " + q, List.of());
                    }
                }
                long at = dataMismatch(a, b, hx.get(i), hy.get(i));
                if (at >= 0) {
                    return new Outcome(false, "HDU " + i + " data differ from byte " + at + " of "
                            + hx.get(i).dataBytes(), List.of());
                }
            }
            return run.isEmpty() ? new Outcome(false, "the bytes differ outside the header cards and the data (fill,"
                    + " padding or card layout)", List.of()) : new Outcome(false, null, run);
        }
    }

    /** @return the cards other than {@link #RUN_CARDS}, which go to {@code run} */
    private static List<Card> cards(HduInfo h, List<Card> run) {
        List<Card> out = new ArrayList<>();
        for (Card c : h.header()) {
            if (RUN_CARDS.contains(c.keyword())) {
                run.add(c);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the first differing byte of the two data units (relative to their start), or -1 when equal */
    private static long dataMismatch(Path a, Path b, HduInfo x, HduInfo y) throws DrpException {
        if (x.dataBytes() != y.dataBytes()) {
            return 0;
        }
        try (FileChannel ca = FileChannel.open(a, StandardOpenOption.READ);
                FileChannel cb = FileChannel.open(b, StandardOpenOption.READ)) {
            ByteBuffer ba = ByteBuffer.allocate(1 << 20);
            ByteBuffer bb = ByteBuffer.allocate(1 << 20);
            for (long done = 0; done < x.dataBytes();) {
                int n = (int) Math.min(ba.capacity(), x.dataBytes() - done);
                read(ca, ba, x.dataOffset() + done, n, a);
                read(cb, bb, y.dataOffset() + done, n, b);
                int m = ba.mismatch(bb);
                if (m >= 0) {
                    return done + m;
                }
                done += n;
            }
            return -1;
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(a + " or " + b), e.toString(), e);
        }
    }

    private static void read(FileChannel c, ByteBuffer buf, long at, int n, Path f) throws IOException {
        buf.clear().limit(n);
        while (buf.hasRemaining()) {
            if (c.read(buf, at + buf.position()) < 0) {
                throw new IOException(f + " ends inside its data");
            }
        }
        buf.flip();
    }

    static boolean sameBytes(Path a, Path b) throws DrpException {
        try {
            return Files.size(a) == Files.size(b) && Files.mismatch(a, b) < 0;
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(a.toString()), e.toString(), e);
        }
    }
}
