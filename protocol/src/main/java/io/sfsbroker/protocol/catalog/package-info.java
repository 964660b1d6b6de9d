/**
 * The service-class catalog and the broker's settings: {@link
 * io.sfsbroker.protocol.catalog.ServiceClass}, {@link io.sfsbroker.protocol.catalog.BrokerConfig},
 * the names and QoE needs they use.
 */
package io.sfsbroker.protocol.catalog;
