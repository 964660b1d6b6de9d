/**
 * The MQTT side of the protocol (docs/protocol.md): the versioned topic names that devices and the
 * bridge share ({@link io.sfsbroker.protocol.mqtt.Topics}), the receipt every device message gets
 * ({@link io.sfsbroker.protocol.mqtt.Receipt}) and the notices the bridge relays from the ledger
 * ({@link io.sfsbroker.protocol.mqtt.Notice}).
 */
package io.sfsbroker.protocol.mqtt;
