package org.drpkit.instruments.keck.koa;

import java.util.Optional;
import org.drpkit.instruments.keck.service.ServiceException;

/**
 * One step of the program-resolution chain (koa-dep sections 4.5 and 8 #20). The chain asks each resolver in turn
 * and takes the first answer; a resolver that cannot decide returns empty.
 *
 * <pre>{@code
 * ProgramResolver fixed = ProgramResolver.of("always C257", q -> Optional.of(new ProgramChoice("C257", "test")));
 * }</pre>
 */
public interface ProgramResolver {

    /** @return a short name, e.g. {@code header PROGNAME} */
    String name();

    /**
     * @return the program, when this resolver can tell
     * @throws ServiceException when an outside service it needs fails (the chain records a warning and goes on)
     */
    Optional<ProgramChoice> resolve(ProgramQuery query) throws ServiceException;

    /** The body of a resolver, for {@link #of}. */
    @FunctionalInterface
    interface Body {
        /**
         * @return the program, when known
         * @throws ServiceException when a service fails
         */
        Optional<ProgramChoice> resolve(ProgramQuery query) throws ServiceException;
    }

    /** @return a resolver with this name and body */
    static ProgramResolver of(String name, Body body) {
        return new ProgramResolver() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<ProgramChoice> resolve(ProgramQuery query) throws ServiceException {
                return body.resolve(query);
            }

            @Override
            public String toString() {
                return "ProgramResolver[" + name + "]";
            }
        };
    }
}
