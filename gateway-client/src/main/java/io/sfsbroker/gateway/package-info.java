/** The broker's Fabric Gateway client: connections, transactions, events. */
package io.sfsbroker.gateway;
