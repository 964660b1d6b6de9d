/**
 * Connections to a Fabric network through the peer's Gateway service: where the network is ({@link
 * io.sfsbroker.gateway.connection.NetworkProfile}), who connects ({@link
 * io.sfsbroker.gateway.connection.MspIdentity}) and how long each kind of call may take ({@link
 * io.sfsbroker.gateway.connection.Deadlines}).
 */
package io.sfsbroker.gateway.connection;
