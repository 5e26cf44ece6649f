package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.testing.ApogeeSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApogeeSpectrumFilesTest {

    @TempDir
    Path dir;

    @Test
    void visitWrittenWithOrWithoutExtnamesReadsBackTheSame() throws DrpException {
        for (boolean named : new boolean[] {true, false}) {
            ApogeeVisit v = ApogeeSamples.visit(true);
            Path f = dir.resolve("visit-" + named + ".fits");
            ApogeeSpectrumFiles.writeVisit(f, v, named, false);
            ApogeeVisit back = ApogeeSpectrumFiles.readVisit(f);
            assertEquals(3, back.chipCount());
            assertEquals(64, back.pixels());
            assertArrayEquals(v.flux(), back.flux());
            assertArrayEquals(v.error(), back.error());
            assertArrayEquals(v.mask(), back.mask());
            assertArrayEquals(v.wavelength(), back.wavelength());
            assertArrayEquals(v.sky().orElseThrow(), back.sky().orElseThrow());
            assertArrayEquals(v.telluric().orElseThrow(), back.telluric().orElseThrow());
            assertEquals(5, back.lsfTerms());
            assertEquals("2M00000000+0000000", back.primary().getString("OBJID").orElseThrow());
            List<Spectra> chips = back.chips();
            assertEquals(3, chips.size());
            Spectra b = chips.get(1);
            assertEquals(1 / (v.error()[64 + 5] * (double) v.error()[64 + 5]), b.ivar()[5], 1e-6);
            assertEquals(v.wavelength()[64 + 5], b.wavelength().orElseThrow()[5]);
        }
        Path plain = dir.resolve("plain.fits");
        ApogeeSpectrumFiles.writeVisit(plain, ApogeeSamples.visit(false), true, false);
        ApogeeVisit back = ApogeeSpectrumFiles.readVisit(plain);
        assertTrue(back.sky().isEmpty() && back.lsfCoefficients().isEmpty(), back.toString());
    }

    @Test
    void resampledSpectraWrittenAsAStarReadBackWithTheirGrid() throws DrpException {
        int px = 100;
        float[] flux = new float[2 * px];
        float[] ivar = new float[2 * px];
        int[] mask = new int[2 * px];
        for (int k = 0; k < flux.length; k++) {
            flux[k] = k;
            ivar[k] = k % 10 == 0 ? 0 : 4;
            mask[k] = k % 10 == 0 ? 1 << 20 : 0;
        }
        List<Card> axis = ApogeeSamples.logAxis(4.179, 6e-6);
        Path f = dir.resolve("star.fits");
        ApogeeSpectrumFiles.writeStar(f, Header.empty(), axis, Spectra.of(2, px, flux, ivar, mask, null), false);
        ApogeeStar s = ApogeeSpectrumFiles.readStar(f);
        assertEquals(px, s.pixels());
        assertEquals(2, s.rows());
        assertEquals(4.179, s.log10Start());
        assertEquals(6e-6, s.log10Step());
        assertArrayEquals(Arrays.copyOf(flux, px), s.flux());
        assertEquals(0.5f, s.error()[1]);
        assertEquals(ApogeeSpectrumFiles.NO_DATA_ERROR, s.error()[10]);
        assertEquals(1 << 20, s.mask()[10]);
        assertThrows(DrpException.class, () -> ApogeeSpectrumFiles.writeStar(f, Header.empty(), axis,
                Spectra.of(2, px, flux, ivar, mask, null), false));
    }

    @Test
    void missingOrMisshapenExtensionsAreDomainErrorsNamingFileHduAndKeyword() throws DrpException, IOException {
        ApogeeVisit v = ApogeeSamples.visit(false);
        Path noWave = dir.resolve("nowave.fits");
        FitsWriter.create().primary(Header.empty())
                .image("FLUX", Header.empty(), org.drpkit.core.image.Image.of(64, 3, v.flux()), PixelType.FLOAT32)
                .image("ERROR", Header.empty(), org.drpkit.core.image.Image.of(64, 3, v.error()), PixelType.FLOAT32)
                .mask("MASK", Header.empty(), org.drpkit.core.image.Mask.of(64, 3, v.mask())).write(noWave, false);
        DrpException e = assertThrows(DrpException.class, () -> ApogeeSpectrumFiles.readVisit(noWave));
        assertEquals(FitsErrorCode.FITS_NO_SUCH_HDU, e.code());
        assertTrue(e.getMessage().contains("nowave.fits") && e.getMessage().contains("WAVELENGTH"), e.getMessage());

        Path shortErr = dir.resolve("short.fits");
        FitsWriter.create().primary(Header.empty())
                .image("FLUX", Header.empty(), org.drpkit.core.image.Image.of(64, 3, v.flux()), PixelType.FLOAT32)
                .image("ERROR", Header.empty(), org.drpkit.core.image.Image.of(32, 3, Arrays.copyOf(v.error(), 96)),
                        PixelType.FLOAT32).write(shortErr, false);
        e = assertThrows(DrpException.class, () -> ApogeeSpectrumFiles.readVisit(shortErr));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertTrue(e.getMessage().contains("short.fits, HDU 2, keyword NAXIS1"), e.getMessage());

        double[] wave = v.wavelength().clone();
        wave[70] = Double.NaN;
        ApogeeVisit nanWave = new ApogeeVisit("x", v.primary(), 3, 64, v.flux(), v.error(), v.mask(), wave,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
        Path nan = dir.resolve("nan.fits");
        ApogeeSpectrumFiles.writeVisit(nan, nanWave, true, false);
        e = assertThrows(DrpException.class, () -> ApogeeSpectrumFiles.readVisit(nan));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertTrue(e.getMessage().contains("chip 1, pixel 6"), e.getMessage());

        Path good = dir.resolve("good.fits");
        ApogeeSpectrumFiles.writeVisit(good, v, true, false);
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.fits");
        Files.write(cut, Arrays.copyOf(all, all.length - 2880));
        e = assertThrows(DrpException.class, () -> ApogeeSpectrumFiles.readVisit(cut));
        assertEquals(FitsErrorCode.FITS_TRUNCATED, e.code());

        Path linear = dir.resolve("linear.fits");
        List<Card> axis = List.of(new Card("CTYPE1", "WAVE", null), new Card("CRVAL1", 15000.0, null),
                new Card("CDELT1", 0.2, null));
        ApogeeSpectrumFiles.writeStar(linear, Header.empty(), axis, Spectra.zeros(1, 10), false);
        e = assertThrows(DrpException.class, () -> ApogeeSpectrumFiles.readStar(linear));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertTrue(e.getMessage().contains("linear.fits, HDU 1, keyword CTYPE1"), e.getMessage());
    }

    @Test
    void realApVisitHasThreeChipsOf4096PixelsWithSkyTelluricAndLsf() throws DrpException {
        Path f = SharedData.require("apogee/apVisit-2M00452143+1634446-0.fits");
        ApogeeVisit v = ApogeeSpectrumFiles.readVisit(f);
        System.out.println(v);
        assertEquals(3, v.chipCount());
        assertEquals(4096, v.pixels());
        assertEquals(16954.61, v.wavelength()[0], 0.01);
        assertEquals(15142.33, v.wavelength()[3 * 4096 - 1], 0.01);
        assertTrue(v.sky().isPresent() && v.skyError().isPresent() && v.telluric().isPresent()
                && v.telluricError().isPresent());
        assertEquals(26, v.lsfTerms());
        assertTrue(v.wavelength()[1] < v.wavelength()[0], "wavelength decreases along a chip");
    }

    @Test
    void realApStarIsALogGridOf8575Pixels() throws DrpException {
        Path f = SharedData.require("apogee/apStar-r6-2M03290406+3117075.fits");
        ApogeeStar s = ApogeeSpectrumFiles.readStar(f);
        System.out.println(s);
        assertEquals(8575, s.pixels());
        assertEquals(1, s.rows());
        assertEquals(4.179, s.log10Start(), 1e-12);
        assertEquals(6e-6, s.log10Step(), 1e-18);
        assertEquals(15100.8, s.wavelength(0), 0.05);
    }
}
