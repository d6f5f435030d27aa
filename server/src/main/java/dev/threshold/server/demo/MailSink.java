package dev.threshold.server.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's SMTP server: a real one (GreenMail) on a free port of 127.0.0.1, which the email channel sends to as
 * it would to any server. What it received is moved into the {@link Sink} by {@link #collect()}.
 */
final class MailSink implements AutoCloseable {
    private static final String[] SHOWN = {
        "From", "Reply-To", "To", "Subject", "Date", "Message-ID", "X-Threshold-Message-Key", "List-Unsubscribe"
    };

    private final GreenMail server;
    private final Sink sink;
    private final InstantSource clock;

    MailSink(Sink sink, InstantSource clock) {
        this.server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.sink = sink;
        this.clock = clock;
        server.start();
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** Moves every message received since the last call into the sink; returns how many. */
    synchronized int collect() {
        MimeMessage[] received = server.getReceivedMessages();
        int taken = 0;
        try {
            server.purgeEmailFromAllMailboxes();
            for (MimeMessage m : received) {
                sink.add(message(m));
                taken++;
            }
        } catch (MessagingException | IOException | com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException("cannot read a message the demo's SMTP server received", e);
        }
        return taken;
    }

    private Sink.Message message(MimeMessage m) throws MessagingException, IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : SHOWN) {
            String value = m.getHeader(name, ", ");
            if (value != null) {
                headers.put(name, value);
            }
        }
        String key = headers.getOrDefault("X-Threshold-Message-Key", m.getMessageID());
        return new Sink.Message(
                clock.instant(),
                "email",
                key,
                addresses(m.getFrom()),
                addresses(m.getRecipients(Message.RecipientType.TO)),
                headers,
                m.getSubject() == null ? "" : m.getSubject(),
                text(m.getContent()));
    }

    private static String addresses(Address[] all) {
        if (all == null) {
            return "";
        }
        return Arrays.stream(all)
                .map(a -> a instanceof jakarta.mail.internet.InternetAddress i ? i.getAddress() : a.toString())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** The plain-text part (or the text of a single-part message). */
    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
            for (int i = 0; i < parts.getCount(); i++) {
                String inner = text(parts.getBodyPart(i).getContent());
                if (!inner.isEmpty()) {
                    return inner;
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop();
    }
}
