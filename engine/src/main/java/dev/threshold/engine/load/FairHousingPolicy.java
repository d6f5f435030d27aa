package dev.threshold.engine.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Fair Housing lint looks for.
 *
 * <p>Protected characteristics: the seven of the federal Fair Housing Act (race, color, religion, national
 * origin, sex, familial status, disability) under the names data commonly gives them, plus additions a
 * tenant configures for its states (source of income, age, marital status, military status…). A journey
 * may not branch, split or target on any of them: the loader refuses it.
 *
 * <p>Discouraged phrases: wording that HUD's advertising guidance (24 CFR 100.75 and the 1995 Achtenberg
 * memorandum) warns indicates a preference ("adults only", "perfect for singles"). Found in message texts,
 * they are reported as warnings, since context decides.
 */
public record FairHousingPolicy(Set<String> protectedTerms, List<String> discouragedPhrases) {

    private static final Set<String> FEDERAL = Set.of(
            "race",
            "racial",
            "ethnicity",
            "ethnic_group",
            "color",
            "colour",
            "skin_color",
            "religion",
            "religious",
            "faith",
            "national_origin",
            "nationality",
            "country_of_origin",
            "ancestry",
            "sex",
            "gender",
            "familial_status",
            "family_status",
            "has_children",
            "children",
            "kids",
            "number_of_children",
            "pregnant",
            "pregnancy",
            "disability",
            "disabled",
            "handicap",
            "handicapped");

    private static final List<String> PHRASES = List.of(
            "adults only",
            "adult only",
            "no children",
            "no kids",
            "no families",
            "perfect for singles",
            "ideal for singles",
            "singles only",
            "couples only",
            "perfect for couples",
            "mature couple",
            "mature individuals",
            "empty nesters",
            "bachelor pad",
            "no section 8",
            "english speakers only",
            "english only",
            "able-bodied",
            "able bodied",
            "no wheelchairs",
            "physically fit",
            "christian community",
            "christian home",
            "white neighborhood",
            "exclusive neighborhood",
            "perfect for young professionals");

    public FairHousingPolicy {
        Set<String> normalized = new LinkedHashSet<>();
        protectedTerms.forEach(t -> normalized.add(normalize(t)));
        protectedTerms = Set.copyOf(normalized);
        discouragedPhrases = List.copyOf(discouragedPhrases);
    }

    /** The federal characteristics and phrases. */
    public static FairHousingPolicy federal() {
        return new FairHousingPolicy(FEDERAL, PHRASES);
    }

    /** This policy with characteristics a state adds ({@code source_of_income}, {@code age}…). */
    public FairHousingPolicy withProtected(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(protectedTerms);
        all.addAll(more);
        return new FairHousingPolicy(all, discouragedPhrases);
    }

    /** The first protected characteristic among the names an expression uses. */
    public Optional<String> protectedIn(Set<String> names) {
        return names.stream()
                .map(FairHousingPolicy::normalize)
                .filter(protectedTerms::contains)
                .findFirst();
    }

    /** Whether a single name (a preference, an attribute) is a protected characteristic. */
    public boolean isProtected(String name) {
        return protectedTerms.contains(normalize(name));
    }

    /** Discouraged phrases found in a text, with their offset. */
    public List<Hit> phrasesIn(String text) {
        List<Hit> hits = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String phrase : discouragedPhrases) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(phrase) + "\\b").matcher(lower);
            while (m.find()) {
                hits.add(new Hit(phrase, m.start()));
            }
        }
        return hits;
    }

    /** A phrase found at an offset of a text. */
    public record Hit(String phrase, int offset) {}

    private static String normalize(String term) {
        return term.toLowerCase(Locale.ROOT).trim().replace('-', '_').replace(' ', '_');
    }
}
