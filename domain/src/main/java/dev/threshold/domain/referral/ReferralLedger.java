package dev.threshold.domain.referral;

import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.leasing.Lease;
import java.util.List;
import java.util.Optional;

/**
 * What referral attribution reads: who holds a code, and the leases a referred person signed. Found with
 * {@code context.extension(ReferralLedger.class)}; {@code property.PropertyRecords} provides it.
 */
public interface ReferralLedger {

    Optional<Contact> contact(String id);

    /** The contacts whose code this is; more than one only if two codes collide. */
    List<Contact> holdersOf(ReferralCode code);

    List<Lease> leasesOf(String contact);
}
