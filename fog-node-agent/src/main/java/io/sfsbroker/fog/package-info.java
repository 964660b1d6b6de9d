/**
 * The fog-node agent, small enough for a Raspberry Pi 4 (docs/fog-node-agent.md). {@link
 * io.sfsbroker.fog.FogNodeAgent} asks the broker for a slice (a {@link
 * io.sfsbroker.protocol.request.SliceRequestBody}) over the device's MQTT link, waits for its
 * receipt and its handover, checks that every port of the slice answers, confirms service and
 * returns a {@link io.sfsbroker.fog.SliceReport}; it releases slices and asks for multi-flow
 * applications too. {@link io.sfsbroker.fog.FogNodeAgentMain} is its command line. Requests made
 * while the broker cannot be reached wait in the device's durable outbox and are sent once on
 * reconnect.
 */
package io.sfsbroker.fog;
