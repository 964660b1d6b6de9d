/**
 * What every contract shares: the rejection codes ({@link io.sfsbroker.chaincode.common.ErrorCode},
 * the one way to build a rejection), ledger helpers ({@link io.sfsbroker.chaincode.common.Ledger}),
 * reading JSON arguments ({@link io.sfsbroker.chaincode.common.Arguments}) and who the caller is
 * ({@link io.sfsbroker.chaincode.common.Caller}).
 */
package io.sfsbroker.chaincode.common;
