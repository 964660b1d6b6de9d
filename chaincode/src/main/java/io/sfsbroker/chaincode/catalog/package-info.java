/**
 * The catalog: the contract {@code catalog} ({@link
 * io.sfsbroker.chaincode.catalog.CatalogContract}) through which every member reads the service
 * classes that translate a service (AR/VR, digital twin) into resource amounts, and the broker
 * settings (offer-window bounds, default selection rule, confirmation timeouts, slice validity),
 * which change only through the {@code governance} contract; {@link
 * io.sfsbroker.chaincode.catalog.Catalog}, through which other contracts read them.
 */
package io.sfsbroker.chaincode.catalog;
