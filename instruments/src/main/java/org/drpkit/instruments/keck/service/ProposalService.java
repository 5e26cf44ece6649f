package org.drpkit.instruments.keck.service;

import java.util.Optional;
import org.drpkit.core.instrument.FixContext;

/**
 * The proposals database, keyed by SEMID ({@code 2019A_C257}): PI, institution, title and proprietary period in one
 * call. Without an implementation in the {@link FixContext}, {@link #OFFLINE} knows no program; the program rule
 * then writes the archive's defaults and a {@code PROP_API_ERROR} warning.
 *
 * <pre>{@code
 * ProposalService p = semid -> Optional.of(new Proposal("Martin", "CIT", "The FLASHES Survey", OptionalInt.of(18)));
 * }</pre>
 */
@FunctionalInterface
public interface ProposalService {

    /** Knows no program. */
    ProposalService OFFLINE = semid -> Optional.empty();

    /**
     * @param semid semester and program, e.g. {@code 2019A_C257}
     * @return the program, when known
     * @throws ServiceException when the database cannot be read
     */
    Optional<Proposal> proposal(String semid) throws ServiceException;

    /** @return the context's proposals service, or {@link #OFFLINE} */
    static ProposalService from(FixContext ctx) {
        return ctx.service(ProposalService.class).orElse(OFFLINE);
    }
}
