package dev.threshold.domain.qualifying;

import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answers of a guest card as people type them: a budget ({@code around $1,500}, {@code 1400-1600},
 * {@code 1.5k}), bedrooms ({@code 2br}, {@code studio}, {@code two bedrooms}), pets ({@code one small dog},
 * {@code 2 cats}, {@code no}) and a tour preference ({@code in person}, {@code self guided}, {@code video}).
 *
 * <p>A form field is read as an answer to its question. A free text (the message of a form, a reply) is
 * read only where it says what it is about: an amount with a dollar sign or "a month", a number of
 * bedrooms with "bed" or "br", a kind of pet after "my", "our", "have" or a number. Assistance animals are
 * not pets and are never counted as such.
 */
final class TypedAnswers {
    /** A budget: at most {@code max}, from {@code min} when they gave a range. */
    record Budget(Optional<Money> min, Money max) {
        String text() {
            return min.map(m -> m.text() + " to " + max.text()).orElse("up to " + max.text());
        }
    }

    private static final String AMOUNT = "\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k)?";
    private static final Pattern AMOUNTS = Pattern.compile(AMOUNT);
    private static final Pattern MONEY_IN_TEXT =
            Pattern.compile("(?:\\$\\s*(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k)?)"
                    + "|(?:(\\d{1,3}(?:,\\d{3})+|\\d{3,5})\\s*(?:/\\s*mo(?:nth)?|a month|per month|monthly))"
                    + "|(?:budget\\D{0,20}?(\\d{1,3}(?:,\\d{3})+|\\d{3,5})\\s*(k)?)");
    private static final Pattern BARE_AMOUNT = Pattern.compile(
            "(?<![\\d/.,-])(\\d{1,3}(?:,\\d{3})+|\\d{3,5}|\\d+(?:\\.\\d+)?(?=\\s*k\\b))(?:\\s*(k)\\b)?(?![\\d/-])");
    private static final Pattern BEFORE_A_YEAR =
            Pattern.compile("\\b(?:" + MoveDates.MONTH_NAMES + ")\\.?\\s*(?:\\d{1,2}(?:st|nd|rd|th)?)?,?\\s*$");
    private static final Map<String, Integer> NUMBERS =
            Map.of("a", 1, "an", 1, "one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "single", 1, "couple of", 2);
    private static final String COUNT = "(\\d+|a|an|one|two|three|four|five|single|couple of)";
    private static final Pattern BEDROOMS_FIELD =
            Pattern.compile("\\b(\\d+|one|two|three|four|five)\\b|(\\d+)\\s*(?:br|bd|b)\\b");
    private static final Pattern BEDROOMS_IN_TEXT =
            Pattern.compile("\\b" + COUNT + "\\s*-?\\s*(?:bed(?:room)?s?|br|bd|bdrm)\\b|\\b(\\d)\\s*(?:br|bd)\\b");
    private static final Pattern STUDIO = Pattern.compile("\\b(studio|efficiency|0\\s*(?:br|bd|bed(?:room)?s?))\\b");
    private static final Pattern NO_PETS = Pattern.compile(
            "^\\s*(no|none|nope|n/?a|0|zero|no pets?|not yet|false)\\s*[.!]?\\s*$|\\bno pets?\\b|\\bdon'?t have (?:any )?pets?\\b");
    private static final Pattern YES = Pattern.compile("^\\s*(yes|yep|yeah|y|true)\\s*[.!]?\\s*$");
    private static final Pattern ASSISTANCE = Pattern.compile(
            "\\b(service|assistance|support|therapy|esa)\\b[\\w\\s-]{0,20}?" + "\\b(dog|cat|animal)s?\\b|\\besa\\b");
    private static final String KINDS =
            "dogs?|pupp(?:y|ies)|cats?|kittens?|birds?|parrots?|rabbits?|bunn(?:y|ies)|fish|hamsters?|guinea pigs?"
                    + "|ferrets?|reptiles?|lizards?|snakes?|turtles?|tortoises?|pets?";
    private static final Pattern KIND = Pattern.compile("(?:\\b" + COUNT
            + "\\s+)?(?:(?:small|little|big|large|medium|senior|old|young|indoor)\\s+)*\\b(" + KINDS + ")\\b");
    private static final Pattern KIND_IN_TEXT = Pattern.compile("\\b(?:my|our|have|has|with)\\s+(?:" + COUNT
            + "\\s+)?(?:(?:small|little|big|large|medium|senior|old|young|indoor)\\s+)*(" + KINDS
            + ")\\b|\\b(\\d|two|three)\\s+("
            + KINDS + ")\\b");
    private static final Pattern SELF_GUIDED =
            Pattern.compile("self[\\s-]*(?:guided|tour)|on my own|by myself|lockbox");
    private static final Pattern VIRTUAL = Pattern.compile("\\b(virtual|video|facetime|zoom|online|live stream)\\b");
    private static final Pattern IN_PERSON = Pattern.compile(
            "in[\\s-]*person|on[\\s-]*site|with an agent|guided tour|\\bvisit\\b|see it|\\bany\\b|\\beither\\b|no preference");

    private TypedAnswers() {}

    /** A budget typed into its field; empty when no amount can be read ("depends"). */
    static Optional<Budget> budget(String typed) {
        List<Money> amounts = new ArrayList<>();
        Matcher m = AMOUNTS.matcher(typed.toLowerCase(Locale.ROOT));
        while (m.find()) {
            amount(m.group(1), m.group(2)).ifPresent(amounts::add);
        }
        return budget(amounts);
    }

    /** A budget a free text states as money: "$1,500", "1500 a month", "budget is 1600". */
    static Optional<Budget> budgetIn(String text) {
        List<Money> amounts = new ArrayList<>();
        Matcher m = MONEY_IN_TEXT.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (m.group(1) != null) {
                amount(m.group(1), m.group(2)).ifPresent(amounts::add);
            } else if (m.group(3) != null) {
                amount(m.group(3), null).ifPresent(amounts::add);
            } else {
                amount(m.group(4), m.group(5)).ifPresent(amounts::add);
            }
        }
        return budget(amounts);
    }

    /**
     * A budget in the reply to a question that asked for it: stated as money, or else a bare amount ("about
     * 1650"), never the year of a date ("May 15, 2027").
     */
    static Optional<Budget> budgetInAnswer(String text) {
        Optional<Budget> stated = budgetIn(text);
        if (stated.isPresent()) {
            return stated;
        }
        String t = text.toLowerCase(Locale.ROOT);
        List<Money> amounts = new ArrayList<>();
        Matcher m = BARE_AMOUNT.matcher(t);
        while (m.find()) {
            if (!BEFORE_A_YEAR.matcher(t.substring(0, m.start())).find()) {
                amount(m.group(1), m.group(2)).ifPresent(amounts::add);
            }
        }
        return budget(amounts);
    }

    private static Optional<Budget> budget(List<Money> amounts) {
        if (amounts.isEmpty()) {
            return Optional.empty();
        }
        Money low = amounts.stream().min(Money::compareTo).get();
        Money high = amounts.stream().max(Money::compareTo).get();
        return Optional.of(new Budget(low.equals(high) ? Optional.empty() : Optional.of(low), high));
    }

    /** A monthly rent: from $200 to $50,000 ("2" is not a budget, "1.5k" is $1,500). */
    private static Optional<Money> amount(String digits, String thousands) {
        BigDecimal n = new BigDecimal(digits.replace(",", ""));
        if (thousands != null) {
            n = n.multiply(BigDecimal.valueOf(1000));
        }
        if (n.compareTo(BigDecimal.valueOf(200)) < 0 || n.compareTo(BigDecimal.valueOf(50_000)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Money.of(n.setScale(2, java.math.RoundingMode.HALF_UP)));
    }

    /** Bedrooms typed into their field: "2br", "two", "studio". */
    static OptionalInt bedrooms(String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        if (STUDIO.matcher(t).find()) {
            return OptionalInt.of(0);
        }
        Matcher m = BEDROOMS_FIELD.matcher(t);
        return m.find() ? count(m.group(1) != null ? m.group(1) : m.group(2)) : OptionalInt.empty();
    }

    /** Bedrooms a free text names with "bed" or "br": "a 2 bedroom", "looking for a studio". */
    static OptionalInt bedroomsIn(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (STUDIO.matcher(t).find()) {
            return OptionalInt.of(0);
        }
        Matcher m = BEDROOMS_IN_TEXT.matcher(t);
        return m.find() ? count(m.group(1) != null ? m.group(1) : m.group(2)) : OptionalInt.empty();
    }

    /** Pets typed into their field: "no", "one small dog", "2 cats and a bird", "yes". */
    static Optional<Pets> pets(String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        if (NO_PETS.matcher(t).find()) {
            return Optional.of(Pets.none());
        }
        Optional<Pets> kinds = kinds(withoutAssistanceAnimals(t), KIND, 1, 2);
        if (kinds.isPresent()) {
            return kinds;
        }
        if (ASSISTANCE.matcher(t).find()) {
            return Optional.of(Pets.none()); // an assistance animal is not a pet
        }
        return YES.matcher(t).find() ? Optional.of(Pets.unspecified(1)) : Optional.empty();
    }

    /** Pets a free text states: "no pets", "my dog", "we have two cats". */
    static Optional<Pets> petsIn(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (NO_PETS.matcher(t).find()) {
            return Optional.of(Pets.none());
        }
        Matcher m = KIND_IN_TEXT.matcher(withoutAssistanceAnimals(t));
        Map<String, Integer> counts = new TreeMap<>();
        while (m.find()) {
            boolean possessive = m.group(2) != null;
            String count = possessive ? m.group(1) : m.group(3);
            String kind = possessive ? m.group(2) : m.group(4);
            counts.merge(kind(kind), count == null ? 1 : count(count).orElse(1), Integer::sum);
        }
        return counts.isEmpty() ? Optional.empty() : Optional.of(new Pets(counts, 0));
    }

    private static Optional<Pets> kinds(String t, Pattern pattern, int countGroup, int kindGroup) {
        Matcher m = pattern.matcher(t);
        Map<String, Integer> counts = new TreeMap<>();
        while (m.find()) {
            String count = m.group(countGroup);
            counts.merge(
                    kind(m.group(kindGroup)), count == null ? 1 : count(count).orElse(1), Integer::sum);
        }
        return counts.isEmpty() ? Optional.empty() : Optional.of(new Pets(counts, 0));
    }

    private static String withoutAssistanceAnimals(String t) {
        return ASSISTANCE.matcher(t).replaceAll(" ");
    }

    private static String kind(String word) {
        if (word.startsWith("pupp") || word.startsWith("dog")) {
            return "dog";
        }
        if (word.startsWith("kitten") || word.startsWith("cat")) {
            return "cat";
        }
        if (word.startsWith("bunn") || word.startsWith("rabbit")) {
            return "rabbit";
        }
        if (word.startsWith("parrot") || word.startsWith("bird")) {
            return "bird";
        }
        if (word.startsWith("guinea")) {
            return "guinea-pig";
        }
        if (word.startsWith("tortoise") || word.startsWith("turtle")) {
            return "turtle";
        }
        if (word.startsWith("lizard") || word.startsWith("snake") || word.startsWith("reptile")) {
            return "reptile";
        }
        return word.endsWith("s") && !word.equals("fish") ? word.substring(0, word.length() - 1) : word;
    }

    /** How they want to tour: in-person, self-guided or virtual. */
    static Optional<String> tourPreference(String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        if (SELF_GUIDED.matcher(t).find()) {
            return Optional.of("self-guided");
        }
        if (VIRTUAL.matcher(t).find()) {
            return Optional.of("virtual");
        }
        return IN_PERSON.matcher(t).find() ? Optional.of("in-person") : Optional.empty();
    }

    /** A tour preference a free text states with its own words ("a self-guided tour", "by video"). */
    static Optional<String> tourPreferenceIn(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (SELF_GUIDED.matcher(t).find()) {
            return Optional.of("self-guided");
        }
        if (VIRTUAL.matcher(t).find()) {
            return Optional.of("virtual");
        }
        return Pattern.compile("in[\\s-]*person").matcher(t).find() ? Optional.of("in-person") : Optional.empty();
    }

    private static OptionalInt count(String word) {
        Integer n = NUMBERS.get(word);
        if (n != null) {
            return OptionalInt.of(n);
        }
        try {
            int v = Integer.parseInt(word);
            return v <= 10 ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
