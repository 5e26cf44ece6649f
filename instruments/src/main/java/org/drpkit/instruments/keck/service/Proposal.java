package org.drpkit.instruments.keck.service;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the proposals database knows of one program (semester and program id).
 *
 * @param piLastName        the principal investigator's last name, e.g. {@code Martin}
 * @param institution       the allocating institution, e.g. {@code CIT}
 * @param title             the program title (any characters; the archive escapes non-ASCII)
 * @param proprietaryMonths the approved proprietary period in months, when known
 */
public record Proposal(String piLastName, String institution, String title, OptionalInt proprietaryMonths) {

    /** Checks for nulls. */
    public Proposal {
        Objects.requireNonNull(piLastName, "piLastName");
        Objects.requireNonNull(institution, "institution");
        title = title == null ? "" : title;
        Objects.requireNonNull(proprietaryMonths, "proprietaryMonths");
    }
}
