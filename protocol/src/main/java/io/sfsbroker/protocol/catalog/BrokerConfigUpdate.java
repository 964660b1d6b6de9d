package io.sfsbroker.protocol.catalog;

import io.sfsbroker.protocol.selection.SelectionRule;

/**
 * The value of a governance proposal of setting {@code broker}: the settings to change; a member
 * left out keeps its value. See {@link BrokerConfig} for the meaning and bounds of each.
 *
 * @param minOfferWindowSeconds the shortest offer window
 * @param maxOfferWindowSeconds the longest offer window
 * @param defaultOfferWindowSeconds the window of a request that names none
 * @param defaultStrategy the selection rule of a request that names none
 * @param instantiationTimeoutSeconds the time the winners have to confirm
 * @param serviceConfirmationTimeoutSeconds the time the fog node has to confirm
 * @param defaultValiditySeconds the validity of a slice whose request names none
 * @param maxValiditySeconds the longest validity a request may ask for
 */
public record BrokerConfigUpdate(
    Long minOfferWindowSeconds,
    Long maxOfferWindowSeconds,
    Long defaultOfferWindowSeconds,
    SelectionRule defaultStrategy,
    Long instantiationTimeoutSeconds,
    Long serviceConfirmationTimeoutSeconds,
    Long defaultValiditySeconds,
    Long maxValiditySeconds) {}
