/**
 * The operator view: a read-only live web view of the broker, served by the JDK's HTTP server, fed
 * by chaincode and block events and the chaincode's paged queries.
 */
package io.sfsbroker.view;
