package dev.threshold.domain.property;

import dev.threshold.domain.addon.AddOnInventory;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.leasing.Application;
import dev.threshold.domain.leasing.GuestCard;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.Tour;
import dev.threshold.domain.maintenance.Feedback;
import dev.threshold.domain.maintenance.WorkOrder;
import dev.threshold.domain.matching.UnitInventory;
import dev.threshold.domain.moveout.MoveOut;
import dev.threshold.domain.referral.ReferralLedger;
import dev.threshold.domain.renewal.RenewalRecords;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only records of a tenant's properties and people, as domain actions, imports and the
 * dashboard consult them. Each action reads through the narrow interface of its feature ({@link
 * UnitInventory}, {@link RenewalRecords}, {@link AddOnInventory}, {@link ReferralLedger}); this interface
 * is all of them plus what imports need to find what is already there.
 *
 * <p>A runtime serves it to the engine through {@code Context.extension(type)}, for every one of those
 * types: {@code type.isInstance(records) ? Optional.of(type.cast(records)) : Optional.empty()}, or the map
 * {@link #extensions()} gives.
 */
public interface PropertyRecords extends UnitInventory, RenewalRecords, AddOnInventory, ReferralLedger {

    Optional<FloorPlan> floorPlan(String community, String id);

    /** The contact known under an id from another system ({@code pms}, {@code ils:zillow}). */
    Optional<Contact> contactByExternalId(String source, String id);

    /** The contacts with this email address or phone number, verified or not. */
    List<Contact> contactsWith(ContactPoint point);

    List<Interest> interestsOf(String contact);

    Optional<GuestCard> guestCard(String id);

    List<Tour> toursOf(String contact);

    Optional<Application> application(String id);

    Optional<WorkOrder> workOrder(String id);

    List<WorkOrder> workOrdersOf(String contact);

    List<Feedback> feedbackOf(String contact);

    List<MoveOut> moveOutsOf(String contact);

    /** This object under every interface actions look it up by, for a context's extension map. */
    default Map<Class<?>, Object> extensions() {
        return Map.of(
                PropertyRecords.class, this,
                UnitInventory.class, this,
                RenewalRecords.class, this,
                AddOnInventory.class, this,
                ReferralLedger.class, this);
    }
}
