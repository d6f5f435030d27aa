package dev.threshold.domain.renewal;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.payment.Payment;
import java.util.List;
import java.util.Optional;

/**
 * What renewal pricing reads: the lease, its unit and community, the community's renewal policy and the
 * resident's payments. Found with {@code context.extension(RenewalRecords.class)}; {@code
 * property.PropertyRecords} provides it.
 */
public interface RenewalRecords {

    Optional<Community> community(String id);

    Optional<Unit> unit(String community, String id);

    Optional<Lease> lease(String id);

    /** Every lease the contact is a resident on, oldest first. */
    List<Lease> leasesOf(String contact);

    Optional<RenewalPolicy> renewalPolicy(String community);

    List<Payment> paymentsOf(String contact);
}
