/**
 * The MQTT ↔ ledger bridge (docs/protocol.md): it takes devices' signed envelopes from Mosquitto,
 * submits them through Fabric Gateway exactly once, answers each with a receipt, relays chaincode
 * events (blueprints, awards, handovers) back to the devices, and closes offer windows when they
 * expire. Start it with {@link io.sfsbroker.gateway.bridge.BridgeMain}.
 */
package io.sfsbroker.gateway.bridge;
