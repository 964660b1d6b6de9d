/**
 * What every device needs to talk to the bridge over MQTT (docs/protocol.md): its configuration
 * ({@link io.sfsbroker.device.DeviceConfig}), TLS with its client certificate ({@link
 * io.sfsbroker.device.MqttTls}) and its link ({@link io.sfsbroker.device.DeviceLink}): signed
 * envelopes kept in a durable outbox until the broker has them, receipts matched by nonce, and
 * notices handed over once each. The fog-node agent and the RP agent build on it.
 */
package io.sfsbroker.device;
