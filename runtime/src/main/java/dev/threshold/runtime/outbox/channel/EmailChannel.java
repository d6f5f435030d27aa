package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.consent.UnsubscribeLinks;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Sends email over SMTP (Jakarta Mail, Angus): one connection per message, STARTTLS required or TLS from the first
 * byte as configured, the message key as Message-ID ({@link EmailMessage}). A key the server already accepted is
 * answered from {@link AcceptedSends} and not sent again; a crash between the server's acceptance and that record
 * sends it once more with the same Message-ID, which receiving servers use to drop the repeat.
 *
 * <p>A marketing email without a postal address (the community's, or the configured fallback) is refused rather
 * than sent unlawfully. A recipient the server rejects is refused; a connection, authentication or server failure
 * is tried again by the dispatcher's backoff.
 */
public final class EmailChannel implements ChannelAdapter {
    private final ChannelSettings.Email settings;
    private final UnsubscribeLinks links;
    private final AcceptedSends sends;
    private final InstantSource clock;
    private final Session session;

    public EmailChannel(
            ChannelSettings.Email settings, UnsubscribeLinks links, AcceptedSends sends, InstantSource clock) {
        this.settings = settings;
        this.links = links;
        this.sends = sends;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings));
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.EMAIL);
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        Optional<AcceptedSends.Accepted> before = sends.find(m.tenant(), m.key());
        if (before.isPresent()) {
            return new DeliveryResult.AlreadyDelivered("the SMTP server accepted key " + m.key() + " before, as "
                    + before.get().providerId());
        }
        try {
            new InternetAddress(m.to(), true).validate();
        } catch (AddressException e) {
            return new DeliveryResult.Refused("'" + m.to() + "' is not an email address: " + e.getMessage());
        }
        Instant now = clock.instant();
        Optional<EmailMessage.Footer> footer = Optional.empty();
        if (m.purpose() == Purpose.MARKETING) {
            Optional<String> postal = m.community()
                    .map(CommunityView::address)
                    .filter(a -> !a.isBlank())
                    .or(settings::postalAddress);
            if (postal.isEmpty()) {
                return new DeliveryResult.Refused("a marketing email needs a postal address, and community "
                        + m.communityId().orElse("(none)") + " has none and no fallback is configured");
            }
            String sender = m.community().map(CommunityView::name).orElse(settings.fromAddress());
            footer = Optional.of(
                    new EmailMessage.Footer(sender, postal.get(), links.link(m.tenant(), m.contact(), m.to(), now)));
        }
        try {
            MimeMessage mail = EmailMessage.build(session, m, settings, footer, now);
            transmit(mail);
            String id = mail.getMessageID();
            sends.record(m, id, Optional.empty(), "accepted", now);
            return new DeliveryResult.Delivered("Message-ID " + id);
        } catch (SendFailedException e) {
            return new DeliveryResult.Refused("the SMTP server refused " + m.to() + ": " + e.getMessage());
        } catch (AuthenticationFailedException e) {
            return new DeliveryResult.Retry("the SMTP server refused our login: " + e.getMessage());
        } catch (MessagingException e) {
            return new DeliveryResult.Retry(
                    "cannot send through " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
        }
    }

    private void transmit(MimeMessage mail) throws MessagingException {
        try (Transport t = session.getTransport("smtp")) {
            t.connect(
                    settings.host(),
                    settings.port(),
                    settings.user().orElse(null),
                    settings.password().map(Secret::value).orElse(null));
            t.sendMessage(mail, mail.getAllRecipients());
        }
    }

    private static Properties properties(ChannelSettings.Email s) {
        Properties p = new Properties();
        String ms = Long.toString(s.timeout().toMillis());
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.auth", Boolean.toString(s.user().isPresent()));
        p.put("mail.smtp.from", s.fromAddress());
        switch (s.tls()) {
            case NONE -> {}
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SMTPS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }
}
