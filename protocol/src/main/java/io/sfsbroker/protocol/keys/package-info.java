/**
 * P-256 keys: making them ({@link io.sfsbroker.protocol.keys.P256}) and reading and writing them as
 * PEM ({@link io.sfsbroker.protocol.keys.Pem}). Pure JDK.
 */
package io.sfsbroker.protocol.keys;
