package io.sfsbroker.chaincode.common;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The one refusal of the transactions that once changed a market-wide setting on one admin's word
 * ({@code catalog:configure}, {@code catalog:setServiceClass}, {@code envelope:configure}, {@code
 * credit:configureTreasury}): those settings change only through the {@code governance} contract.
 */
public final class Governed {

  private Governed() {}

  /**
   * Builds the {@code FORBIDDEN} rejection of a direct change of {@code what}, naming the flow.
   *
   * @param what the settings, in words ("the broker settings")
   * @param setting the setting's wire name in {@code governance:propose} ("broker")
   */
  public static ChaincodeException forbidden(final String what, final String setting) {
    return ErrorCode.FORBIDDEN.reject(
        what
            + " change only with the approval of a majority of the governing organisations:"
            + " an org admin calls governance:propose with setting '"
            + setting
            + "', an admin of another governing organisation governance:approve, then any member"
            + " governance:apply");
  }
}
