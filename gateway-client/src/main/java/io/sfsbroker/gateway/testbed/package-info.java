/**
 * A testbed operator's hands on a running network, shared by the integration tests and the demo
 * ({@code demo} module): registering devices, minting credits, changing market-wide settings
 * through the consortium, reading the ledger.
 */
package io.sfsbroker.gateway.testbed;
