/**
 * Test support for users' and the project's integration tests: {@link
 * io.sfsbroker.testsupport.SfsbrokerNetwork} starts the SFSBroker network in Docker through
 * Testcontainers, from the node specs {@code ./sfsbroker network prepare} writes, and hands tests
 * ready Gateway connections, chaincode clients and a testbed (docs/testing.md).
 */
package io.sfsbroker.testsupport;
