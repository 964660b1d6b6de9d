/** The SFSBroker chaincode: one Java chaincode with several named contracts, one per feature. */
package io.sfsbroker.chaincode;
