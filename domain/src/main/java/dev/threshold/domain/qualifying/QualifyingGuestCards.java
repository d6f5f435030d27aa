package dev.threshold.domain.qualifying;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.qualifying.MoveDates.MoveDate;
import dev.threshold.domain.qualifying.TypedAnswers.Budget;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.core.CommunityView;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code qualify-guest-card}: turns what someone typed into a website form into the answers of a guest card
 * (budget, bedrooms, move date, pets, tour preference), normalised, and says what is still missing. Each
 * answer comes from, in order: the reply to our questions ({@code answer}), the form's own field, what we
 * already knew about the person, and last the form's message where it says so plainly. A field typed but
 * not understood ("depends") is {@code unclear} and still missing, so the person is asked again, kindly.
 *
 * <pre>{@code
 * - id: read
 *   action: { name: qualify-guest-card, with: { preferences: data }, as: card }
 * # results.card = {budget_max: 1600.0, budget_min: 1400.0, budget_text: "$1,400 to $1,600",
 * #                 move_date: "2027-04-05", move_text: "early April 2027", bedrooms: 2, bedrooms_text: "2 bedrooms",
 * #                 pets: true, pet_types: [dog], pet_counts: {dog: 1}, pets_text: "1 dog",
 * #                 tour_preference: "in-person", tour_text: "an in-person tour",
 * #                 missing: [], missing_text: "", unclear: {}, qualified: true,
 * #                 summary: "2 bedrooms, moving in early April 2027, ..."}
 * }</pre>
 */
public final class QualifyingGuestCards implements DomainAction {
    public static final String NAME = "qualify-guest-card";

    /** What a guest card needs to be qualified, in the order people are asked. */
    static final List<String> ANSWERS = List.of("budget_max", "bedrooms", "move_date", "pets", "tour_preference");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of(
                Arguments.PREFERENCES,
                "budget",
                "budget_max",
                "move_in",
                "move_date",
                "bedrooms",
                "pets",
                "pet_types",
                "tour_preference",
                "message",
                "answer",
                "require");
    }

    @Override
    public Map<String, Object> run(ActionRequest request) {
        Arguments a = new Arguments(NAME, request);
        LocalDate today = request.now().atZone(zone(request)).toLocalDate();
        List<String> required = required(a);
        Optional<String> answer = a.text("answer", null).filter(s -> !s.isBlank());
        Optional<String> message = a.text("message", "message").filter(s -> !s.isBlank());
        Reading r = new Reading();

        Map<?, ?> given = a.given(Arguments.PREFERENCES)
                .filter(Map.class::isInstance)
                .map(m -> (Map<?, ?>) m)
                .orElse(Map.of());
        r.budget = r.read("budget_max", typed(a, given, "budget", "budget_max"), TypedAnswers::budget);
        r.moveDate = r.read("move_date", typed(a, given, "move_in", "move_date"), t -> MoveDates.read(t, today));
        r.bedrooms = r.read("bedrooms", typed(a, given, "bedrooms", "bedrooms"), t -> boxed(TypedAnswers.bedrooms(t)));
        r.pets = r.read("pets", pets(a, given), TypedAnswers::pets, Pets::parse);
        r.tour = r.read(
                "tour_preference", typed(a, given, "tour_preference", "tour_preference"), TypedAnswers::tourPreference);

        message.ifPresent(text -> {
            r.budget = r.budget.or(() -> TypedAnswers.budgetIn(text));
            r.bedrooms = r.bedrooms.or(() -> boxed(TypedAnswers.bedroomsIn(text)));
            r.pets = r.pets.or(() -> TypedAnswers.petsIn(text));
            r.tour = r.tour.or(() -> TypedAnswers.tourPreferenceIn(text));
        });
        answer.ifPresent(text -> r.answer(text, required, today));
        return r.result(required);
    }

    /**
     * An answer passed by name; else in the given map, normalised under the preference's name (a card an agent
     * qualified) before as typed under the form's name; else what we knew about the person.
     */
    private static Optional<Object> typed(Arguments a, Map<?, ?> given, String field, String preference) {
        return a.given(field)
                .or(() -> a.given(preference))
                .or(() -> present(given.get(preference)))
                .or(() -> present(given.get(field)))
                .or(() -> known(a, preference));
    }

    /** Pets said to be none; else their kinds where listed; else the pets field; else what we knew. */
    private static Optional<Object> pets(Arguments a, Map<?, ?> given) {
        return a.given("pets")
                .or(() -> Optional.ofNullable(given.get("pets")).filter(Boolean.FALSE::equals))
                .or(() -> present(given.get("pet_types")).filter(t -> !(t instanceof List<?> l) || !l.isEmpty()))
                .or(() -> present(given.get("pets")))
                .or(() -> known(a, "pets"));
    }

    private static Optional<Object> known(Arguments a, String preference) {
        return present(a.request().contact().preferences().get(preference));
    }

    private static Optional<Object> present(Object value) {
        return value == null || (value instanceof String s && s.isBlank()) ? Optional.empty() : Optional.of(value);
    }

    private static List<String> required(Arguments a) {
        Set<String> asked = a.words("require", null);
        if (asked.isEmpty()) {
            return ANSWERS;
        }
        List<String> out = new ArrayList<>();
        for (String w : asked) {
            String name = w.replace('-', '_');
            if (!ANSWERS.contains(name)) {
                throw a.problem("require", w, "some of " + String.join(", ", ANSWERS));
            }
            out.add(name);
        }
        return ANSWERS.stream().filter(out::contains).toList();
    }

    private static ZoneId zone(ActionRequest request) {
        return request.community()
                .map(CommunityView::timezone)
                .or(() -> request.contact().timezone())
                .orElse(ZoneOffset.UTC);
    }

    private static Optional<Integer> boxed(OptionalInt n) {
        return n.isPresent() ? Optional.of(n.getAsInt()) : Optional.empty();
    }

    /** The answers as they are read, and what was typed but not understood. */
    private static final class Reading {
        Optional<Budget> budget = Optional.empty();
        Optional<MoveDate> moveDate = Optional.empty();
        Optional<Integer> bedrooms = Optional.empty();
        Optional<Pets> pets = Optional.empty();
        Optional<String> tour = Optional.empty();
        final Map<String, Object> unclear = new LinkedHashMap<>();

        <T> Optional<T> read(String name, Optional<Object> value, Function<String, Optional<T>> text) {
            return read(name, value, text, null);
        }

        /** Reads a value: text by the reader for typed answers, anything else by {@code data} when given. */
        <T> Optional<T> read(
                String name, Optional<Object> value, Function<String, Optional<T>> text, Function<Object, T> data) {
            if (value.isEmpty()) {
                return Optional.empty();
            }
            Object v = value.get();
            Optional<T> read =
                    v instanceof String || data == null ? text.apply(v.toString()) : Optional.of(data.apply(v));
            if (read.isEmpty()) {
                unclear.put(name, v.toString());
            }
            return read;
        }

        /**
         * A reply to our questions: read as the answer to the one question asked when one thing was missing,
         * else for whatever it plainly states. It corrects what we had.
         */
        void answer(String text, List<String> required, LocalDate today) {
            List<String> missing = missing(required);
            if (missing.size() == 1) {
                switch (missing.get(0)) {
                    case "budget_max" -> budget = TypedAnswers.budget(text).or(() -> budget);
                    case "bedrooms" ->
                        bedrooms = boxed(TypedAnswers.bedrooms(text)).or(() -> bedrooms);
                    case "move_date" -> moveDate = MoveDates.read(text, today).or(() -> moveDate);
                    case "pets" -> pets = TypedAnswers.pets(text).or(() -> pets);
                    default -> tour = TypedAnswers.tourPreference(text).or(() -> tour);
                }
                return;
            }
            budget = (missing.contains("budget_max") ? TypedAnswers.budgetInAnswer(text) : TypedAnswers.budgetIn(text))
                    .or(() -> budget);
            bedrooms = boxed(TypedAnswers.bedroomsIn(text)).or(() -> bedrooms);
            moveDate = MoveDates.read(text, today).or(() -> moveDate);
            pets = TypedAnswers.petsIn(text).or(() -> pets);
            tour = TypedAnswers.tourPreferenceIn(text).or(() -> tour);
        }

        List<String> missing(List<String> required) {
            List<String> out = new ArrayList<>();
            for (String name : required) {
                boolean known = switch (name) {
                    case "budget_max" -> budget.isPresent();
                    case "bedrooms" -> bedrooms.isPresent();
                    case "move_date" -> moveDate.isPresent();
                    case "pets" -> pets.isPresent();
                    default -> tour.isPresent();
                };
                if (!known) {
                    out.add(name);
                }
            }
            return out;
        }

        Map<String, Object> result(List<String> required) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<String> summary = new ArrayList<>();
            bedrooms.ifPresent(b -> {
                out.put("bedrooms", (long) b);
                String text = b == 0 ? "a studio" : b + " bedroom" + (b == 1 ? "" : "s");
                out.put("bedrooms_text", text);
                summary.add(text);
            });
            moveDate.ifPresent(d -> {
                out.put("move_date", d.date().toString());
                out.put("move_text", d.text());
                summary.add("moving in " + d.text());
            });
            budget.ifPresent(b -> {
                out.put("budget_max", b.max().toNumber());
                b.min().ifPresent(min -> out.put("budget_min", min.toNumber()));
                out.put("budget_text", b.text());
                summary.add(b.text() + " a month");
            });
            pets.ifPresent(p -> {
                out.put("pets", p.any());
                out.put("pet_types", List.copyOf(p.kinds()));
                out.put("pet_counts", Map.copyOf(p.counts()));
                out.put("pets_text", p.text());
                summary.add(p.text());
            });
            tour.ifPresent(t -> {
                out.put("tour_preference", t);
                String text = (t.equals("in-person") ? "an " : "a ") + t + " tour";
                out.put("tour_text", text);
                summary.add(text);
            });
            List<String> missing = missing(required);
            Map<String, Object> stillUnclear = new LinkedHashMap<>(unclear);
            stillUnclear.keySet().retainAll(missing);
            out.put("missing", missing);
            out.put("missing_text", said(missing));
            out.put("unclear", stillUnclear);
            out.put("qualified", missing.isEmpty());
            out.put("summary", String.join(", ", summary));
            return out;
        }

        /** The missing answers as a person says them: "monthly budget, move-in date and tour preference". */
        private static String said(List<String> missing) {
            List<String> words = missing.stream()
                    .map(m -> switch (m) {
                        case "budget_max" -> "monthly budget";
                        case "move_date" -> "move-in date";
                        case "tour_preference" -> "tour preference";
                        default -> m;
                    })
                    .toList();
            if (words.size() < 2) {
                return String.join("", words);
            }
            return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
        }
    }
}
