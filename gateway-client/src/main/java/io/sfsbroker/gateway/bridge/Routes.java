package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Objects;

/** The chaincode transaction each uplink is submitted to (docs/contracts.md). */
final class Routes {

  private Routes() {}

  static TransactionName of(final Uplink uplink) {
    Objects.requireNonNull(uplink, "uplink");
    return switch (uplink) {
      case REQUEST -> TransactionName.REQUEST_SUBMIT_SLICE_REQUEST;
      case OFFER -> TransactionName.OFFER_SUBMIT_OFFER;
      case INSTANTIATION -> TransactionName.SLICE_CONFIRM_INSTANTIATION;
      case SERVICE -> TransactionName.SLICE_CONFIRM_SERVICE;
      case DECOMMISSION -> TransactionName.SLICE_DECOMMISSION;
      case FAILURE -> TransactionName.SLICE_REPORT_FAILURE;
      case APPLICATION -> TransactionName.MULTIFLOW_REQUEST_APPLICATION;
      case APPLICATION_SERVICE -> TransactionName.MULTIFLOW_CONFIRM_APPLICATION;
      case FLOW_BID -> TransactionName.MULTIFLOW_SUBMIT_FLOW_BID;
      case APPLICATION_RELEASE -> TransactionName.MULTIFLOW_RELEASE_APPLICATION;
      case TOKEN -> TransactionName.NFT_APPLY_SIGNED;
    };
  }
}
