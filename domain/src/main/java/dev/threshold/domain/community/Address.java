package dev.threshold.domain.community;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A postal address; {@code state} is the two-letter code whose laws apply (notice periods, quiet hours). */
public record Address(String line1, String line2, String city, String state, String postalCode, String country) {

    public Address {
        line1 = line1 == null ? "" : line1.strip();
        line2 = line2 == null ? "" : line2.strip();
        city = city == null ? "" : city.strip();
        state = state == null ? "" : state.strip().toUpperCase(java.util.Locale.ROOT);
        postalCode = postalCode == null ? "" : postalCode.strip();
        country = country == null || country.isBlank() ? "US" : country.strip();
    }

    public static Address unknown() {
        return new Address("", "", "", "", "", "US");
    }

    public Optional<String> jurisdiction() {
        return state.isEmpty() ? Optional.empty() : Optional.of(state);
    }

    /** One line, as a message prints it: {@code 1200 Cedar Ridge Dr, Denver, CO 80203}. */
    public String oneLine() {
        String cityLine = Stream.of(city, (state + " " + postalCode).strip())
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        return Stream.of(line1, line2, cityLine).filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
    }
}
