package org.drpkit.instruments.keck.koa;

/**
 * The archive's WARN codes (koa-dep section 2.3) that header fixes raise, plus {@link #DUPLICATE_KEYWORD}, which
 * drpkit adds. A warning never stops a fix; it is a
 * {@link org.drpkit.core.instrument.FixWarning} of the fix result.
 */
public enum KoaWarningCode {
    /** No image-type rule matched: KOAIMTYP is {@code undefined}. */
    KOAIMTYP_UDF,
    /** The program id is not valid: PROGID, PROGPI and PROGINST are {@code NONE}. */
    INVALID_PROGID_WARN,
    /** The proposals service failed or knows nothing of the program: PI, institution and title are defaults. */
    PROP_API_ERROR,
    /** The proprietary period could not be read: PROPINT is the default 18 months. */
    PROPINT_ERROR,
    /** The daytime test of the zero-propint policy could not be made (twilight service failed). */
    CHECK_ZERO_PROPINT_FAIL,
    /** The weather service failed: the WX keywords are undefined. */
    WEATHER_DATA_FAIL,
    /** Neither UT nor a mapped UTC exists. */
    SET_UT_ERROR,
    /** No frame number in FRAMENO, FRAMENUM or the file name. */
    SET_FRAMENO_ERROR,
    /** No elapsed time can be derived. */
    SET_ELAPTIME_ERROR,
    /** The WCS cannot be derived (unknown rotator mode or camera). */
    SET_WCS_ERROR,
    /** The schedule service failed; the program was resolved without it. */
    SCHEDULE_API_ERROR,
    /** The night-staff service failed: OA is undefined. */
    NIGHT_STAFF_API_ERROR,
    /** A keyword appeared on several cards with different values; the first was kept (drpkit). */
    DUPLICATE_KEYWORD
}
