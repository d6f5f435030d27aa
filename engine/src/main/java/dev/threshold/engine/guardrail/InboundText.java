package dev.threshold.engine.guardrail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a person means by a text they send us. Carrier keywords are matched as carriers match them (the
 * whole message, case-insensitive, trimmed, trailing punctuation ignored): STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, REVOKE and OPTOUT opt out (the last two named by the FCC's 2024 rule, 47 CFR
 * 64.1200(a)(10)); START, UNSTOP and YES opt back in; HELP and INFO ask for help. Beyond keywords, an opt-out "by any reasonable means" (the FCC's 2024 revocation rule) is recognised
 * conservatively: a clear request such as "please stop texting me" opts out at once; a message that
 * merely mentions stopping, without being clearly about our messages, is left to a person.
 */
public final class InboundText {

    /** What a text means. */
    public enum Intent {
        OPT_OUT,
        OPT_IN,
        HELP,
        /** Mentions stopping or unsubscribing, but not clearly about our messages: a person should look. */
        UNSURE,
        REPLY
    }

    /** The carriers' keywords, and REVOKE and OPTOUT, which the FCC's 2024 rule adds to the words that must work. */
    private static final Set<String> STOP =
            Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout");

    private static final Set<String> START = Set.of("start", "unstop", "yes");
    private static final Set<String> HELP = Set.of("help", "info");

    /** Clear requests to stop our messages, in the words people use. */
    private static final List<Pattern> OPT_OUT_PHRASES = List.of(
            Pattern.compile("\\b(stop|quit|cease)\\s+(texting|messaging|sending|contacting|txting|texts?|messages)\\b"),
            Pattern.compile("\\b(don'?t|do not|never)\\s+(text|message|contact|sms)\\s+(me|us|this number)\\b"),
            Pattern.compile("\\b(no more|stop the)\\s+(texts?|messages|sms)\\b"),
            Pattern.compile("\\b(unsubscribe|opt\\s*-?\\s*out|remove)\\s+(me|this number|my number)\\b"),
            Pattern.compile("\\btake\\s+(me|my number)\\s+off\\b"),
            Pattern.compile(
                    "^\\s*(please\\s+)?(stop|unsubscribe|opt\\s*-?\\s*out)\\s*(please|now|thanks|thank you)?\\W*$"),
            Pattern.compile("\\bwrong number\\b"));

    private static final Pattern MENTIONS_STOPPING =
            Pattern.compile("\\b(stop|unsubscribe|opt\\s*-?\\s*out|cancel|remove|leave me alone|spam)\\b");

    private InboundText() {}

    public static Intent classify(String body) {
        String text = body == null ? "" : body.strip().toLowerCase(Locale.ROOT);
        String word = text.replaceAll("[\\p{Punct}\\s]+$", "").replaceAll("^[\\p{Punct}\\s]+", "");
        if (STOP.contains(word)) {
            return Intent.OPT_OUT;
        }
        if (START.contains(word)) {
            return Intent.OPT_IN;
        }
        if (HELP.contains(word)) {
            return Intent.HELP;
        }
        for (Pattern p : OPT_OUT_PHRASES) {
            if (p.matcher(text).find()) {
                return Intent.OPT_OUT;
            }
        }
        return MENTIONS_STOPPING.matcher(text).find() ? Intent.UNSURE : Intent.REPLY;
    }
}
