/**
 * The shared test fixture of every contract test: an {@link
 * io.sfsbroker.chaincode.testing.InMemoryLedger} whose transactions run on an {@link
 * io.sfsbroker.chaincode.testing.InMemoryStub}, Fabric identities with NodeOUs ({@link
 * io.sfsbroker.chaincode.testing.TestIdentity}), devices that sign envelopes ({@link
 * io.sfsbroker.chaincode.testing.TestDevice}) and {@link
 * io.sfsbroker.chaincode.testing.ChaincodeAssertions}.
 */
package io.sfsbroker.chaincode.testing;
