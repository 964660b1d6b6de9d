/**
 * The resource-provider agent (docs/rp-agent.md): {@link io.sfsbroker.rp.RpAgent} hears blueprints
 * over its {@link io.sfsbroker.device.DeviceLink}, offers what its {@link io.sfsbroker.rp.RpConfig}
 * capacity allows ({@code OfferPlanner}, {@code Capacity}), runs each awarded slice as a
 * locked-down Docker container ({@link io.sfsbroker.rp.SliceContainers}, limits from {@link
 * io.sfsbroker.rp.SliceLimits}), confirms it with its endpoints, removes it when the slice ends,
 * and reconciles its containers with the ledger. {@link io.sfsbroker.rp.RpAgentMain} is the command
 * line.
 */
package io.sfsbroker.rp;
