/**
 * The messages that fog nodes, resource providers, the bridge and the chaincode exchange, and the
 * one JSON codec ({@link io.sfsbroker.protocol.Json}) they are written with.
 *
 * <p>Sub-packages: {@link io.sfsbroker.protocol.envelope} signs and checks the envelope every
 * device message travels in; {@link io.sfsbroker.protocol.keys} reads, writes and makes P-256 keys.
 */
package io.sfsbroker.protocol;
