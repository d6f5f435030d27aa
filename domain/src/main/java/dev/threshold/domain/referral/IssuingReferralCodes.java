package dev.threshold.domain.referral;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.core.CommunityView;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code referral-code}: without arguments, the person's own referral code and share link; with
 * {@code code}, the attribution of a referred lead to the resident whose code it is, and of the lease the
 * lead signed within the attribution window.
 *
 * <pre>{@code
 * - id: code
 *   action: { name: referral-code, as: referral }
 * # results.referral = {code, share_url}
 * - id: attribute
 *   action: { name: referral-code, with: { code: "trigger.referral_code" }, as: attribution }
 * # results.attribution = {code, valid, referrer, referrer_name, lead, attributed, reason,
 * #   lease: {lease, community, unit, signed_on, rent} when the lead signed one in the window}
 * }</pre>
 */
public final class IssuingReferralCodes implements DomainAction {
    public static final String NAME = "referral-code";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("code", "lead", "referred_on", "window_days");
    }

    @Override
    public Map<String, Object> run(ActionRequest request) {
        Arguments args = new Arguments(NAME, request);
        Optional<String> code = args.given("code").map(Object::toString);
        if (code.isEmpty()) {
            return own(request);
        }
        ReferralLedger ledger = request.context()
                .extension(ReferralLedger.class)
                .orElseThrow(() -> new ActionException(NAME
                        + ": no referral ledger is available; the runtime (or the scenario's data:) must provide"
                        + " property records"));
        return attribution(args, ledger, code.get());
    }

    private static Map<String, Object> own(ActionRequest request) {
        ReferralCode code =
                ReferralCode.of(request.contact().id(), request.contact().firstName());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code.value());
        out.put("referrer", request.contact().id());
        Object base = request.community().map(c -> c.links().get("referral")).orElse(null);
        if (base != null) {
            out.put("share_url", base + (base.toString().contains("?") ? "&" : "?") + "ref=" + code.value());
        }
        return out;
    }

    private static Map<String, Object> attribution(Arguments args, ReferralLedger ledger, String text) {
        ActionRequest r = args.request();
        ZoneId zone = r.community().map(CommunityView::timezone).orElse(ZoneOffset.UTC);
        String lead =
                args.given("lead").map(Object::toString).orElse(r.contact().id());
        LocalDate referredOn =
                args.date("referred_on", null, zone).orElse(r.now().atZone(zone).toLocalDate());
        int window = args.integer("window_days", 180);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", text);
        out.put("lead", lead);
        Optional<ReferralCode> code = ReferralCode.read(text);
        if (code.isEmpty()) {
            return invalid(out, "'" + text + "' is not a referral code (mistyped, or its check character is wrong)");
        }
        out.put("code", code.get().value());
        List<Contact> holders = ledger.holdersOf(code.get());
        if (holders.isEmpty()) {
            return invalid(out, "no resident holds the code " + code.get().value());
        }
        if (holders.size() > 1) {
            return invalid(
                    out,
                    "the code " + code.get().value() + " is held by " + holders.size()
                            + " contacts; attribute it by hand");
        }
        Contact referrer = holders.get(0);
        out.put("valid", true);
        out.put("referrer", referrer.id());
        out.put("referrer_name", referrer.name());
        if (referrer.id().equals(lead)) {
            out.put("attributed", false);
            out.put("reason", "a resident cannot refer themselves");
            return out;
        }
        out.put("attributed", true);
        LocalDate until = referredOn.plusDays(window);
        Optional<Lease> lease = ledger.leasesOf(lead).stream()
                .filter(l -> !l.signedOn().isBefore(referredOn) && !l.signedOn().isAfter(until))
                .min(Comparator.comparing(Lease::signedOn));
        if (lease.isPresent()) {
            Lease l = lease.get();
            Map<String, Object> lf = new LinkedHashMap<>();
            lf.put("lease", l.id());
            lf.put("community", l.community());
            lf.put("unit", l.unit());
            lf.put("signed_on", l.signedOn().toString());
            lf.put("rent", l.rent().toNumber());
            out.put("lease", lf);
            out.put(
                    "reason",
                    "referred on " + referredOn + "; signed lease " + l.id() + " on " + l.signedOn() + ", within the "
                            + window + "-day window");
        } else {
            out.put(
                    "reason",
                    "referred on " + referredOn + "; no lease signed yet within the " + window + "-day window (until "
                            + until + ")");
        }
        return out;
    }

    private static Map<String, Object> invalid(Map<String, Object> out, String reason) {
        out.put("valid", false);
        out.put("attributed", false);
        out.put("reason", reason);
        return out;
    }
}
