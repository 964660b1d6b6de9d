package io.sfsbroker.protocol.selection;

/**
 * The payload of the {@code SelectionUnfunded} event: winners were found but the tenant's credits
 * do not cover their price, so the slice failed before award and nothing was locked.
 *
 * @param sliceId the slice (and blueprint)
 * @param tenantId the fog node that requested it
 * @param required the total price of the winners, in minor units
 * @param balance the tenant's balance, in minor units
 * @param reason the same, in words
 */
public record SelectionUnfunded(
    String sliceId, String tenantId, long required, long balance, String reason) {}
