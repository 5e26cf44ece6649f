package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.drpkit.algorithms.qa.ZScale;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.junit.jupiter.api.Test;

/**
 * Previews and statistics on the real files of {@code ../shared/data} (skipped when absent): the zscale limits and
 * NIRC2 SIG2NOIS of the seventeen NIRC2 frames against astropy's {@code ZScaleInterval} and the archive's numpy
 * formula, run here when {@code /usr/bin/python3} has astropy; the 4-chip WFPC2 file as a mosaic (the Keck folders
 * hold no multi-extension frame: see ../shared/data/README.md).
 */
class PreviewsRealDataTest {

    @Test
    void nirc2ZScaleAndSignalToNoiseAgreeWithAstropyAndNumpy() throws Exception {
        Path dir = SharedData.require("keck/nirc2");
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".fits")).sorted().toList();
        }
        // the archive's NIRC2 SIG2NOIS: one median per row i in [10, NAXIS2 - 10) over columns
        // [NAXIS2/2 - 10, NAXIS2/2 + 10), trunc(sqrt(|max - min|)), null when NaN
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", "import sys, numpy as np\n"
                + "from astropy.io import fits\n"
                + "from astropy.visualization import ZScaleInterval\n"
                + "for f in sys.argv[1:]:\n"
                + "    try:\n"
                + "        d = fits.getdata(f)\n"
                + "    except OSError:\n"
                + "        continue\n"
                + "    d = d[0] if d.ndim == 3 else d\n"
                + "    lo, hi = ZScaleInterval().get_limits(d)\n"
                + "    ny = d.shape[0]; c = int(ny / 2)\n"
                + "    m = [np.median(d[i, c - 10:c + 10]) for i in range(10, ny - 10)]\n"
                + "    s = np.fix(np.sqrt(np.abs(np.max(m) - np.min(m))))\n"
                + "    print(f, repr(float(lo)), repr(float(hi)), repr(float(s)))\n"));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "numpy/astropy not available: " + out);
        Map<String, String[]> ref = new LinkedHashMap<>();
        for (String line : out.lines().filter(l -> l.startsWith("/")).toList()) {
            String[] w = line.split(" ");
            ref.put(w[0], w);
        }
        // astropy cannot open the raw frame with bytes after its data: 16 of the 17 are compared
        assertTrue(ref.size() >= files.size() - 1, out);
        for (Path f : files) {
            String[] w = ref.get(f.toString());
            if (w == null) {
                continue;
            }
            try (FitsReader rd = FitsReader.open(f)) {
                Image im = rd.readImage(0);
                if (im.height() * im.width() != im.array().length) {
                    im = Image.wrap(im.array(), 0, im.width(), im.height());
                }
                ZScale.Result z = ZScale.of(im, ZScale.Params.DEFAULTS);
                double lo = Double.parseDouble(w[1]);
                double hi = Double.parseDouble(w[2]);
                // float32 data: both sample the same pixels; the fits differ only in summation order
                assertEquals(lo, z.low(), 1e-6 * Math.max(1, Math.abs(lo)), f + " " + z);
                assertEquals(hi, z.high(), 1e-6 * Math.max(1, Math.abs(hi)), f + " " + z);
                Header h = Header.builder().add("NAXIS1", (long) im.width()).add("NAXIS2", (long) im.height()).build();
                Header s = ExtensionStatistics.apply("NIRC2", h, 1, List.of(), im, OptionalDouble.of(18000)).header();
                assertEquals(Double.parseDouble(w[3]), s.getDouble("SIG2NOIS").orElse(Double.NaN), 0, f.toString());
            }
        }
    }

    @Test
    void theWfpc2ChipsFormAMosaicLeftToRight() throws Exception {
        Path f = SharedData.require("fits/astropy_test0.fits");
        try (FitsReader rd = FitsReader.open(f)) {
            List<ImageExtensions.Extension> ext = ImageExtensions.read(rd);
            assertEquals(4, ext.size());
            Image m = Previews.mosaic(ext, null, false);
            assertEquals(160, m.width());
            assertEquals(40, m.height());
            for (int k = 0; k < 4; k++) {
                Image chip = rd.readImage(k + 1);
                assertEquals(chip.get(17, 23), m.get(40 * k + 17, 23), 0f, "chip " + (k + 1));
            }
            List<Previews.Picture> pics = Previews.make("WF.TEST", "HIRES", Header.builder().build(), null, ext, null,
                    java.util.Set.of(PreviewFormat.JPEG));
            BufferedImage b = ImageIO.read(new ByteArrayInputStream(pics.get(0).bytes()));
            assertNotNull(b);
            assertEquals(160, b.getWidth());
            assertEquals(40, b.getHeight());
        }
    }
}
