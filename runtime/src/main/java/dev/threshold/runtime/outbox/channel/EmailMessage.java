package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.journey.Purpose;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One outbound message as an email: {@code multipart/alternative} with a plain-text and an HTML part, the message
 * key as the Message-ID, the community's name on the sender. A marketing email ends with the community's postal
 * address and an unsubscribe link, and carries {@code List-Unsubscribe} with {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 2369, RFC 8058) so mail clients offer one-click unsubscribe.
 */
final class EmailMessage {
    static final String KEY_HEADER = "X-Threshold-Message-Key";
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private EmailMessage() {}

    /** What ends a marketing email: where the sender is, and how to stop. */
    record Footer(String sender, String postalAddress, URI unsubscribe) {}

    static MimeMessage build(
            Session session, OutboundMessage m, ChannelSettings.Email settings, Optional<Footer> footer, Instant now)
            throws MessagingException {
        MimeMessage mail = new KeyedMessage(session, messageId(m.key(), settings.messageIdDomain()));
        Optional<CommunityView> community = m.community();
        try {
            mail.setFrom(new InternetAddress(
                    settings.fromAddress(), community.map(CommunityView::name).orElse(null), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is not available", e);
        }
        community.map(CommunityView::email).filter(e -> !e.isBlank()).ifPresent(e -> setReplyTo(mail, e));
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(m.to(), true));
        mail.setSubject(
                m.subject()
                        .filter(s -> !s.isBlank())
                        .orElse(community.map(CommunityView::name).orElse("A message")),
                "UTF-8");
        mail.setSentDate(Date.from(now));
        mail.setHeader(KEY_HEADER, m.key());
        if (m.purpose() == Purpose.MARKETING && footer.isPresent()) {
            mail.setHeader("List-Unsubscribe", "<" + footer.get().unsubscribe() + ">");
            mail.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain(m.body(), footer), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(m.body(), footer), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }

    /** {@code <key@domain>}, with every character of the key outside letters, digits, - and _ written as =XX. */
    static String messageId(String key, String domain) {
        StringBuilder b = new StringBuilder("<");
        for (byte ch : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (ch & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                b.append(c);
            } else {
                b.append('=').append(String.format("%02X", ch & 0xff));
            }
        }
        return b.append('@').append(domain).append('>').toString();
    }

    private static String plain(String body, Optional<Footer> footer) {
        if (footer.isEmpty()) {
            return body;
        }
        Footer f = footer.get();
        return body + "\n\n--\n" + f.sender() + ", " + f.postalAddress() + "\nUnsubscribe from marketing emails: "
                + f.unsubscribe() + "\n";
    }

    private static String html(String body, Optional<Footer> footer) {
        StringBuilder b = new StringBuilder("<!doctype html><html><body>");
        for (String paragraph : body.strip().split("\\n\\s*\\n")) {
            b.append("<p>")
                    .append(linked(paragraph.strip()).replace("\n", "<br>"))
                    .append("</p>");
        }
        footer.ifPresent(f -> b.append("<hr><p style=\"font-size:small;color:#555\">")
                .append(esc(f.sender()))
                .append(", ")
                .append(esc(f.postalAddress()))
                .append("<br><a href=\"")
                .append(esc(f.unsubscribe().toString()))
                .append("\">Unsubscribe</a> from marketing emails.</p>"));
        return b.append("</body></html>").toString();
    }

    /** The text escaped for HTML, with its web addresses made links. */
    private static String linked(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(esc(text.substring(last, m.start())));
            String url = m.group();
            out.append("<a href=\"")
                    .append(esc(url))
                    .append("\">")
                    .append(esc(url))
                    .append("</a>");
            last = m.end();
        }
        return out.append(esc(text.substring(last))).toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void setReplyTo(MimeMessage mail, String address) {
        try {
            mail.setReplyTo(new InternetAddress[] {new InternetAddress(address, true)});
        } catch (MessagingException e) {
            // a community email that is not an address leaves replies to the sender
        }
    }

    /** A message whose Message-ID is ours (the key), not one the library makes up when it saves. */
    private static final class KeyedMessage extends MimeMessage {
        private final String id;

        KeyedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
