package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.mqtt.Uplink;
import java.util.Objects;

/**
 * The chaincode transaction each uplink is submitted to (docs/contracts.md).
 *
 * @param contract the contract name
 * @param transaction the transaction name
 */
record Routes(String contract, String transaction) {

  static Routes of(final Uplink uplink) {
    Objects.requireNonNull(uplink, "uplink");
    return switch (uplink) {
      case REQUEST -> new Routes("request", "submitSliceRequest");
      case OFFER -> new Routes("offer", "submitOffer");
      case INSTANTIATION -> new Routes("slice", "confirmInstantiation");
      case SERVICE -> new Routes("slice", "confirmService");
      case DECOMMISSION -> new Routes("slice", "decommission");
      case FAILURE -> new Routes("slice", "reportFailure");
      case APPLICATION -> new Routes("multiflow", "requestApplication");
      case APPLICATION_SERVICE -> new Routes("multiflow", "confirmApplication");
      case FLOW_BID -> new Routes("multiflow", "submitFlowBid");
    };
  }
}
