package org.drpkit.core.instrument;

import java.util.Set;
import org.drpkit.core.header.Header;

/** Small plugins for registry tests. */
final class TestPlugins {

    private TestPlugins() {
    }

    /** Accepts headers whose INSTRUME equals {@code instrume}. */
    static class Named implements InstrumentPlugin {
        private final String name;
        private final String instrume;
        private final Set<String> aliases;

        Named(String name, String instrume, String... aliases) {
            this.name = name;
            this.instrume = instrume;
            this.aliases = Set.of(aliases);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> aliases() {
            return aliases;
        }

        @Override
        public boolean accepts(Header primary) {
            return primary.getString("INSTRUME").map(String::trim).filter(instrume::equalsIgnoreCase).isPresent();
        }
    }
}
