package dev.threshold.runtime.inbound;

import dev.threshold.runtime.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;

/** The inbound webhooks already taken in ({@code inbound_receipts}): a repeat is acknowledged, never applied twice. */
final class Receipts {
    private Receipts() {}

    /** Takes a receipt inside the caller's transaction; false when it was taken before. */
    static boolean take(Connection c, String tenant, String source, String receiptId, Instant now) throws SQLException {
        return Sql.update(
                        c,
                        "INSERT INTO inbound_receipts (tenant_id, source, receipt_id, received_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (tenant_id, source, receipt_id) DO NOTHING",
                        tenant,
                        source,
                        receiptId,
                        now)
                == 1;
    }

    /** A short stable name for a signature, when the provider gives no message id. */
    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
