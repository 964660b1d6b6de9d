/**
 * A minimal contract that proves the path from a Fabric client through the peers to the chaincode
 * server and back: it writes a record, emits an event for it and reads it again.
 */
package io.sfsbroker.chaincode.probe;
