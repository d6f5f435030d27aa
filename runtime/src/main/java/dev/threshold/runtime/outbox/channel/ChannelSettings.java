package dev.threshold.runtime.outbox.channel;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Threshold reaches people: the SMTP server and sender for email, the SMS provider accounts (one per
 * community where they differ), the secret outbound webhooks are signed with, and where unsubscribe links point
 * and what signs them. A typed record the server fills from YAML or the environment; {@link #requireValid()}
 * reports every problem at once, each with its path.
 *
 * <pre>{@code
 * channels:
 *   email: { host: smtp.example.com, port: 587, tls: starttls, user: threshold, password: ${SMTP_PASSWORD},
 *            from_address: hello@acme-living.com, message_id_domain: acme-living.com }
 *   sms:
 *     provider: { base_url: https://sms.example.com/v1, account: AC123, token: ${SMS_TOKEN}, from_number: "+15125550100" }
 *     communities: { cedar-ridge: { base_url: …, account: AC123, token: …, from_number: "+13035550100" } }
 *     webhook_secret: ${SMS_WEBHOOK_SECRET}
 *   webhooks: { secret: ${WEBHOOK_SECRET} }
 *   unsubscribe: { base_url: https://threshold.acme-living.com, secret: ${UNSUBSCRIBE_SECRET} }
 * }</pre>
 */
public record ChannelSettings(
        Optional<Email> email, Optional<Sms> sms, Optional<Webhooks> webhooks, Optional<Unsubscribe> unsubscribe) {

    /** How the SMTP connection is protected. */
    public enum Tls {
        /** Plain SMTP: only for a server on the same host or in tests. */
        NONE,
        /** Upgrade a plain connection (port 587), and refuse to send if the server cannot. */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        SMTPS
    }

    /**
     * The SMTP server and the sender.
     *
     * @param messageIdDomain the right-hand side of every Message-ID, {@code <message key@domain>}
     * @param postalAddress the physical address for marketing emails of a community that has none on record
     */
    public record Email(
            String host,
            int port,
            Optional<String> user,
            Optional<Secret> password,
            Tls tls,
            String fromAddress,
            String messageIdDomain,
            Optional<String> postalAddress,
            Duration timeout) {}

    /** One SMS provider account and the number it sends from. */
    public record SmsAccount(URI baseUrl, String account, Secret token, String fromNumber) {}

    /**
     * The SMS provider: a default account and, per community id, an account of its own.
     *
     * @param messagesPath where messages are posted under the base URL; {@code {account}} is replaced
     * @param webhookSecret what the provider signs inbound texts and delivery-status callbacks with
     * @param signatureTolerance how far a callback's signed timestamp may be from now
     * @param maxSegments longer texts are refused before sending, not billed as a dozen parts
     * @param permanentFailures the provider's error codes that mean the number will never take a text
     * @param statusCallbackUrl where the provider posts delivery statuses; {@code {tenant}} is replaced
     */
    public record Sms(
            Optional<SmsAccount> provider,
            Map<String, SmsAccount> communities,
            String messagesPath,
            Secret webhookSecret,
            Duration signatureTolerance,
            Duration timeout,
            int maxSegments,
            Set<String> permanentFailures,
            Optional<String> statusCallbackUrl) {
        public Sms {
            communities = Map.copyOf(communities);
            permanentFailures = Set.copyOf(permanentFailures);
        }

        /**
         * One account for every community, with the defaults: messages posted to {@code /accounts/{account}/messages},
         * callbacks accepted within 5 minutes of their signature, 10 s to answer, at most 10 segments, and the
         * common providers' codes for a number that cannot take texts (21211 invalid, 21610 unsubscribed at the
         * carrier, 21614 not a mobile, 30005 unknown, 30006 landline).
         */
        public static Sms of(SmsAccount account, Secret webhookSecret) {
            return new Sms(
                    Optional.of(account),
                    Map.of(),
                    "/accounts/{account}/messages",
                    webhookSecret,
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(10),
                    10,
                    Set.of("21211", "21610", "21614", "30005", "30006"),
                    Optional.empty());
        }

        public Sms withCommunity(String community, SmsAccount account) {
            Map<String, SmsAccount> m = new java.util.HashMap<>(communities);
            m.put(community, account);
            return new Sms(
                    provider,
                    m,
                    messagesPath,
                    webhookSecret,
                    signatureTolerance,
                    timeout,
                    maxSegments,
                    permanentFailures,
                    statusCallbackUrl);
        }

        public Sms withTimeout(Duration t) {
            return new Sms(
                    provider,
                    communities,
                    messagesPath,
                    webhookSecret,
                    signatureTolerance,
                    t,
                    maxSegments,
                    permanentFailures,
                    statusCallbackUrl);
        }

        public Sms withStatusCallback(String urlTemplate) {
            return new Sms(
                    provider,
                    communities,
                    messagesPath,
                    webhookSecret,
                    signatureTolerance,
                    timeout,
                    maxSegments,
                    permanentFailures,
                    Optional.of(urlTemplate));
        }

        /** The community whose account sends from this number, if one does. */
        public Optional<String> communityOfNumber(String number) {
            return communities.entrySet().stream()
                    .filter(e -> e.getValue().fromNumber().equals(number))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .findFirst();
        }

        /** The account a community's texts go through, if any. */
        public Optional<SmsAccount> accountFor(Optional<String> community) {
            return community.map(communities::get).or(() -> provider);
        }
    }

    /** The secret outbound webhooks are signed with, and how long to wait for an answer. */
    public record Webhooks(Secret secret, Duration timeout) {}

    /**
     * An SMTP server and sender with the defaults: 30 s to connect and to answer, and the sender's domain in every
     * Message-ID.
     */
    public static Email email(String host, int port, Tls tls, String fromAddress) {
        return new Email(
                host,
                port,
                Optional.empty(),
                Optional.empty(),
                tls,
                fromAddress,
                fromAddress.substring(fromAddress.indexOf('@') + 1),
                Optional.empty(),
                Duration.ofSeconds(30));
    }

    /**
     * Unsubscribe links: where they point, what signs them, and how long they work. {@code previousSecrets} still
     * verify, so that rotating the secret does not break links already sent.
     */
    public record Unsubscribe(URI baseUrl, Secret secret, List<Secret> previousSecrets, Duration validity) {
        public Unsubscribe {
            previousSecrets = List.copyOf(previousSecrets);
        }

        /** Links to {@code baseUrl}, signed with one secret, working for a year. */
        public static Unsubscribe of(URI baseUrl, Secret secret) {
            return new Unsubscribe(baseUrl, secret, List.of(), Duration.ofDays(365));
        }
    }

    /** Links must keep working at least this long (CAN-SPAM, 15 U.S.C. 7704(a)(3)). */
    public static final Duration MINIMUM_LINK_VALIDITY = Duration.ofDays(30);

    /** Every problem of these settings, each with where it is; empty when they are usable. */
    public List<String> problems() {
        return SettingsProblems.of(this);
    }

    /** These settings, or an error listing every problem. */
    public ChannelSettings requireValid() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(
                    "the channel settings have " + p.size() + " problem(s):\n  " + String.join("\n  ", p));
        }
        return this;
    }
}
