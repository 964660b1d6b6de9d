/**
 * The prime mover: the contract {@code request} ({@link
 * io.sfsbroker.chaincode.request.SliceRequestContract}) that accepts signed slice requests, turns
 * them into {@link io.sfsbroker.protocol.request.Blueprint blueprints} (with the catalog's service
 * classes and the budget rule of {@code BlueprintTranslation}) and opens their offer windows.
 */
package io.sfsbroker.chaincode.request;
