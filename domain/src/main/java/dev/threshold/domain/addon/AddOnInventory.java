package dev.threshold.domain.addon;

import java.util.List;

/**
 * What add-on fit reads: a community's add-ons and what a resident already has. Found with
 * {@code context.extension(AddOnInventory.class)}; {@code property.PropertyRecords} provides it.
 */
public interface AddOnInventory {

    List<AddOn> addOns(String community);

    List<AddOnPurchase> purchasesOf(String contact);
}
