package org.drpkit.instruments.keck.service;

import java.time.LocalTime;

/**
 * Weather and guider values closest to an exposure (the archive reads them from the EPICS archiver within 30 s).
 * Any value may be null when the archiver has no sample.
 *
 * @param domeHumidity       WXDOMHUM, percent
 * @param domeTemperature    WXDOMTMP, degC
 * @param dewPoint           WXDWPT, degC
 * @param outsideHumidity    WXOUTHUM, percent
 * @param outsideTemperature WXOUTTMP, degC
 * @param pressure           WXPRESS, mbar
 * @param windDirection      WXWNDIR, degrees
 * @param windSpeed          WXWNDSP, m/s
 * @param time               WXTIME, UT of the weather sample
 * @param guideFwhm          GUIDFWHM, arcsec
 * @param guideTime          GUIDTIME, UT of the FWHM sample
 */
public record WeatherSample(Double domeHumidity, Double domeTemperature, Double dewPoint, Double outsideHumidity,
        Double outsideTemperature, Double pressure, Double windDirection, Double windSpeed, LocalTime time,
        Double guideFwhm, LocalTime guideTime) {
}
