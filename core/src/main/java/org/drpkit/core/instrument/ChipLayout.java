package org.drpkit.core.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chips of an instrument as they appear in one file, in HDU order.
 *
 * <pre>{@code
 * ChipLayout layout = plugin.layout(hduHeaders);
 * layout.chip("G").orElseThrow().amplifiers().size();   // 4 for an APOGEE chip
 * }</pre>
 *
 * @param chips the chips, at least one
 */
public record ChipLayout(List<Chip> chips) {

    /** Copies the list and checks it is not empty and names are unique. */
    public ChipLayout {
        chips = List.copyOf(chips);
        if (chips.isEmpty()) {
            throw new IllegalArgumentException("a layout needs at least one chip");
        }
        List<String> names = new ArrayList<>();
        for (Chip c : chips) {
            if (names.contains(c.name())) {
                throw new IllegalArgumentException("duplicate chip name " + c.name());
            }
            names.add(c.name());
        }
    }

    /** @return a layout of the given chips */
    public static ChipLayout of(Chip... chips) {
        return new ChipLayout(List.of(chips));
    }

    /** @return the chip with this name */
    public Optional<Chip> chip(String name) {
        for (Chip c : chips) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the number of chips */
    public int size() {
        return chips.size();
    }
}
