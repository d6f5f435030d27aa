package dev.threshold.server.dashboard.session;

import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.auth.Caller;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-ins, kept on the server: the browser holds only a random token in an HttpOnly cookie. A
 * session keeps the API key it was opened with, and the key is checked again on every request, so a revoked key
 * ends its sessions at once. A session ends after {@link #IDLE} without a request, or {@link #LONGEST} after it
 * began, or when its person signs out.
 */
public final class Sessions {
    /** How long a session lasts without a request. */
    public static final Duration IDLE = Duration.ofHours(2);
    /** How long a session lasts at most. */
    public static final Duration LONGEST = Duration.ofHours(12);

    private static final int MAX_SESSIONS = 10_000;

    private final ApiKeys keys;
    private final InstantSource clock;
    private final SecureRandom random;
    private final Map<String, Entry> open = new ConcurrentHashMap<>();

    private record Entry(String key, String csrf, Instant began, Instant lastSeen) {}

    /** A signed-in person: who the key says they are, and the token their forms must carry. */
    public record Session(String token, Caller caller, String csrf) {}

    public Sessions(ApiKeys keys, InstantSource clock, SecureRandom random) {
        this.keys = keys;
        this.clock = clock;
        this.random = random;
    }

    /** Opens a session for an API key, or nothing when the key is not a live one. */
    public Optional<Session> open(String apiKey) {
        Optional<Caller> caller = keys.authenticate(apiKey.trim());
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (open.size() >= MAX_SESSIONS) {
            open.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        String token = token();
        String csrf = token();
        open.put(token, new Entry(apiKey.trim(), csrf, now, now));
        return Optional.of(new Session(token, caller.get(), csrf));
    }

    /** The session of a token, when it is open, not expired and its key is still live; it is then renewed. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Entry e = open.get(token);
        Instant now = clock.instant();
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e, now)) {
            open.remove(token);
            return Optional.empty();
        }
        Optional<Caller> caller = keys.authenticate(e.key());
        if (caller.isEmpty()) {
            open.remove(token);
            return Optional.empty();
        }
        open.put(token, new Entry(e.key(), e.csrf(), e.began(), now));
        return Optional.of(new Session(token, caller.get(), e.csrf()));
    }

    public void close(String token) {
        if (token != null) {
            open.remove(token);
        }
    }

    /** Whether a form's token is the session's, compared in constant time. */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        s.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A fresh random token: 32 bytes, URL-safe. */
    public String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean expired(Entry e, Instant now) {
        return now.isAfter(e.lastSeen().plus(IDLE)) || now.isAfter(e.began().plus(LONGEST));
    }
}
