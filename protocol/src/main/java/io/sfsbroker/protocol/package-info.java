/** The messages that fog nodes, resource providers, the bridge and the chaincode exchange. */
package io.sfsbroker.protocol;
