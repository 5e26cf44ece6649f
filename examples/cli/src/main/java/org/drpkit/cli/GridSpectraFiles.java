package org.drpkit.cli;

import java.nio.file.Path;
import java.util.List;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Spectra;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.TableColumn;

/**
 * Spectra of many fibres on a log-uniform grid, as {@code drpkit flux} writes them and {@code drpkit visit} reads
 * them: the apStar layout of {@code drpkit resample} (FLUX, ERROR, MASK, IVAR, each with the grid's CTYPE1, CRVAL1,
 * CDELT1) with one row per fibre, plus FIBRE (int32, the fibre number of each row) and, optionally, NCOMBINE (int32,
 * exposures combined per pixel) and binary tables.
 */
final class GridSpectraFiles {

    /** ERROR where ivar is 0. */
    static final float NO_DATA_ERROR = 1e10f;

    private GridSpectraFiles() {
    }

    /**
     * Grid spectra as read back.
     *
     * @param file    the file
     * @param primary its primary header
     * @param grid    the grid (from FLUX's axis cards)
     * @param spectra rows x grid pixels: flux, ivar (from IVAR), mask
     * @param fibres  fibre number of each row
     */
    record Read(Path file, Header primary, LogGrid grid, Spectra spectra, int[] fibres) {
    }

    /**
     * Writes atomically: FLUX, ERROR, MASK, IVAR with the grid's cards, FIBRE, NCOMBINE when {@code used} is given,
     * then the tables.
     */
    static void write(Path target, Header primary, LogGrid grid, Spectra s, int[] fibres, int[] used,
            List<Table> tables, boolean overwrite) throws DrpException {
        int px = s.pixels();
        int rows = s.fibres();
        float[] ivar = s.ivar();
        float[] err = new float[ivar.length];
        for (int k = 0; k < ivar.length; k++) {
            err[k] = ivar[k] > 0 ? (float) (1 / Math.sqrt(ivar[k])) : NO_DATA_ERROR;
        }
        Header.Builder axis = Header.builder();
        for (Card c : grid.fitsCards()) {
            axis.add(c);
        }
        Header h = axis.build();
        FitsWriter w = FitsWriter.create().primary(primary)
                .image("FLUX", h, Image.of(px, rows, s.flux()), PixelType.FLOAT32)
                .image("ERROR", h, Image.of(px, rows, err), PixelType.FLOAT32)
                .mask("MASK", h, Mask.of(px, rows, s.mask()))
                .image("IVAR", h, Image.of(px, rows, ivar), PixelType.FLOAT32)
                .mask("FIBRE", Header.builder().comment("fibre number of each row").build(), Mask.of(rows, 1, fibres));
        if (used != null) {
            w.mask("NCOMBINE", Header.builder().comment("exposures combined at each pixel").build(),
                    Mask.of(px, rows, used));
        }
        for (Table t : tables) {
            w.table(t.name(), Header.empty(), t.columns());
        }
        w.write(target, overwrite);
    }

    /** A binary table to append. */
    record Table(String name, List<TableColumn> columns) {
    }

    /**
     * Reads grid spectra written by {@link #write}.
     *
     * @throws DrpException the reader's codes; {@code FITS_NO_SUCH_HDU} without FLUX, IVAR, MASK or FIBRE;
     *                      {@code FITS_WRONG_DATA} naming the file when FIBRE does not name every row; the grid's
     *                      codes for FLUX's axis cards
     */
    static Read read(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            Header fluxHeader = r.hdu("FLUX").header();
            LogGrid grid = LogGrid.fromHeader(fluxHeader);
            Image flux = r.readImage("FLUX");
            Image ivar = r.readImage("IVAR");
            Mask mask = r.readMask("MASK");
            int[] fibres = r.readMask("FIBRE").toArray();
            int px = flux.width();
            int rows = flux.height();
            if (px != grid.count() || ivar.width() != px || ivar.height() != rows || mask.width() != px
                    || mask.height() != rows || fibres.length != rows) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(file.toString()), "FLUX is "
                        + px + "x" + rows + " on a grid of " + grid.count() + " px; IVAR " + ivar.width() + "x"
                        + ivar.height() + ", MASK " + mask.width() + "x" + mask.height() + ", FIBRE names "
                        + fibres.length + " rows");
            }
            Spectra s = Spectra.of(rows, px, flux.copy().array(), ivar.copy().array(), mask.toArray(), null);
            return new Read(file, r.hdus().get(0).header(), grid, s, fibres);
        }
    }
}
