package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.instruments.apogee.Apogee;
import org.junit.jupiter.api.Test;

/**
 * Which files of a pipeline's folder are a frame's level-1/2 products, and where they go: the file lists of koa-dep
 * 4.7 (NIRC2's quick look, OSIRIS's cubes), the default rule with its {@code plots/}, {@code redux/}, {@code logs/}
 * sub-folders (koa-dep 1.5), and drpkit's APOGEE rate and calibrated images.
 */
class DrpProductRulesTest {

    private static final String N2 = "N2.20170725.37273.00";
    private static final String OS = "OS.20240101.36000.00";

    /** @return source to destination for the sources the plugin takes */
    private static Map<String, String> taken(InstrumentPlugin p, String id, int level, List<String> sources) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : sources) {
            p.drpProduct(s, id, level).ifPresent(d -> out.put(s, d));
        }
        return out;
    }

    @Test
    void theDefaultTakesFilesNamingTheIdAndKeepsTheirProductSubFolder() {
        InstrumentPlugin plain = new InstrumentPlugin() {
            public String name() {
                return "PLAIN";
            }

            public boolean accepts(org.drpkit.core.header.Header h) {
                return false;
            }
        };
        String k = "MF.20200101.00001.00";
        Map<String, String> m = taken(plain, k, 2, List.of(k + "_spec.fits", "night/plots/" + k + "_arc.png",
                "night/redux/sub/" + k + ".txt", "night/other/" + k + "_x.fits", "dark.fits", "logs/run.log"));
        assertEquals(Map.of(k + "_spec.fits", k + "_spec.fits", "night/plots/" + k + "_arc.png",
                "plots/" + k + "_arc.png", "night/redux/sub/" + k + ".txt", "redux/" + k + ".txt",
                "night/other/" + k + "_x.fits", k + "_x.fits"), m);
        assertEquals("logs/a.log", InstrumentPlugin.productSubFolder("x/logs/y/a.log"), "the nearest product folder");
    }

    @Test
    void nirc2LevelOneIsTheQuickLookPairAndItsPlots() {
        List<String> files = List.of(N2 + "_drp.fits.gz", N2 + "_drp.jpg", N2 + ".fits", N2 + "_drp_old.jpg",
                "plots/" + N2 + "_psf.png", "dark_1024_1024_2_1_1.0_1.fits", "N2.20170725.40000.00_drp.jpg");
        assertEquals(Map.of(N2 + "_drp.fits.gz", N2 + "_drp.fits.gz", N2 + "_drp.jpg", N2 + "_drp.jpg",
                "plots/" + N2 + "_psf.png", "plots/" + N2 + "_psf.png"), taken(new Nirc2(), N2, 1, files));
    }

    @Test
    void osirisSplitsOneFolderIntoLevelOneAndLevelTwo() {
        List<String> files = List.of(OS + "_drp.fits.gz", OS + "_drp.jpg", OS + ".lev1.fits.gz", OS + ".lev1.jpg",
                OS + ".lev2.fits.gz", OS + ".lev2_median.jpg", OS + ".lev2_sum_positive_slices.jpg",
                OS + ".lev2_other.jpg", "SPEC/ORP/mdark.fits");
        assertEquals(List.of(OS + "_drp.fits.gz", OS + "_drp.jpg", OS + ".lev1.fits.gz", OS + ".lev1.jpg"),
                List.copyOf(taken(new Osiris(), OS, 1, files).keySet()));
        assertEquals(List.of(OS + ".lev2.fits.gz", OS + ".lev2_median.jpg", OS + ".lev2_sum_positive_slices.jpg"),
                List.copyOf(taken(new Osiris(), OS, 2, files).keySet()));
    }

    @Test
    void apogeeRateIsLevelOneAndTheCalibratedImageLevelTwo() {
        String id = "AP.20240101.10800.00_R";
        Apogee a = new Apogee();
        assertEquals(Optional.of(id + "_ar2D.fits"), a.drpProduct(id + "_ar2D.fits", id, 1));
        assertEquals(Optional.empty(), a.drpProduct(id + "_ar2Dcal.fits", id, 1));
        assertEquals(Optional.of(id + "_ar2Dcal.fits.fz"), a.drpProduct("x/" + id + "_ar2Dcal.fits.fz", id, 2));
        assertEquals(Optional.empty(), a.drpProduct(id + "_ar2D.fits", id, 2));
        assertEquals(Optional.empty(), a.drpProduct("AP.20240101.10800.00_G_ar2D.fits", id, 1), "another chip");
        assertEquals(Optional.of("plots/" + id + "_rate.png"), a.drpProduct("plots/" + id + "_rate.png", id, 1));
    }

    @Test
    void onlyDeimosQueuesALevelOneRun() {
        assertEquals(true, new Deimos().queuesLevel1());
        assertEquals(false, new Nirc2().queuesLevel1());
        assertEquals(false, new Apogee().queuesLevel1());
    }
}
