package dev.threshold.domain.importing.mits;

import dev.threshold.domain.leasing.ProspectStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the MITS lead event types mean: the prospect status they leave, and the channel of a first contact. */
final class LeadEvents {
    private static final Map<String, ProspectStatus> STATUS = Map.ofEntries(
            Map.entry("email", ProspectStatus.OPEN),
            Map.entry("call", ProspectStatus.OPEN),
            Map.entry("text", ProspectStatus.OPEN),
            Map.entry("chat", ProspectStatus.OPEN),
            Map.entry("website", ProspectStatus.OPEN),
            Map.entry("walkin", ProspectStatus.OPEN),
            Map.entry("followup", ProspectStatus.OPEN),
            Map.entry("waitlist", ProspectStatus.WAITING),
            Map.entry("appointment", ProspectStatus.BOOKED),
            Map.entry("show", ProspectStatus.VISITED),
            Map.entry("tour", ProspectStatus.VISITED),
            Map.entry("cancelappointment", ProspectStatus.CANCELLED),
            Map.entry("noshow", ProspectStatus.NO_SHOW),
            Map.entry("application", ProspectStatus.APPLIED),
            Map.entry("leasesign", ProspectStatus.LEASED),
            Map.entry("leadlost", ProspectStatus.LOST));

    static final String KNOWN = "Email, Call, Text, Chat, WebSite, Walkin, FollowUp, Waitlist, Appointment, Show,"
            + " Tour, CancelAppointment, NoShow, Application, LeaseSign, LeadLost";

    private LeadEvents() {}

    static String key(String type) {
        return type.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    static Optional<ProspectStatus> status(String type) {
        return Optional.ofNullable(STATUS.get(key(type)));
    }

    /** How the first contact reached us, in lead.created's terms. */
    static Optional<String> channel(String type) {
        return Optional.ofNullable(
                switch (key(type)) {
                    case "email", "website" -> "email";
                    case "call" -> "phone";
                    case "text" -> "sms";
                    case "chat" -> "chat";
                    default -> null;
                });
    }

    /** The source of a lead without a listing site, from its first contact. */
    static String source(String type) {
        return switch (key(type)) {
            case "website", "chat" -> "website";
            case "call" -> "phone";
            case "walkin" -> "walk-in";
            default -> "other";
        };
    }
}
