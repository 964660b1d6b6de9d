/**
 * The chaincode's events: {@link io.sfsbroker.protocol.event.EventName} lists every one with its
 * wire name and payload record.
 */
package io.sfsbroker.protocol.event;
