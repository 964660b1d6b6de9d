/**
 * How the chaincode runs as a chaincode server (chaincode-as-a-service): one process per peer
 * organisation, whose TLS listener can require the client certificate of that organisation's peers.
 */
package io.sfsbroker.chaincode.server;
