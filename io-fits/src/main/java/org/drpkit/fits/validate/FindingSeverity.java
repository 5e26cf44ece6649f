package org.drpkit.fits.validate;

/** How bad a {@link Finding} is. */
public enum FindingSeverity {
    /** The file breaks the FITS standard (or its stored checksums): readers may fail or misread it. */
    ERROR,
    /** The file is legal but unusual or deprecated; readers will cope. */
    WARNING
}
