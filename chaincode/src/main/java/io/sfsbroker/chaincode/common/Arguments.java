package io.sfsbroker.chaincode.common;

import com.google.gson.JsonParseException;
import io.sfsbroker.protocol.Json;

/** Reads the JSON arguments of transactions. */
public final class Arguments {

  /** The longest JSON argument a transaction accepts. */
  public static final int MAX_JSON_LENGTH = 65_536;

  private Arguments() {}

  /**
   * Decodes {@code json} as {@code type}, whose compact constructor validates, strictly ({@link
   * Json#fromJsonStrict}: unknown or missing members and integers that are not whole numbers in
   * range are {@code INVALID_ARGUMENT}, naming the member).
   *
   * @param name the argument's name, for the message
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code MALFORMED} when it is missing,
   *     too long or not strict JSON; {@code INVALID_ARGUMENT} when the record refuses the values
   */
  public static <T> T json(final String name, final String json, final Class<T> type) {
    return json(name, json, type, MAX_JSON_LENGTH);
  }

  /**
   * Decodes {@code json} as {@code type} like {@link #json(String, String, Class)}, allowing up to
   * {@code maxLength} characters, for the few arguments that describe a whole market (an auction).
   *
   * @param name the argument's name, for the message
   * @param maxLength the longest text accepted
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code MALFORMED} when it is missing,
   *     too long or not strict JSON; {@code INVALID_ARGUMENT} when the record refuses the values
   */
  public static <T> T json(
      final String name, final String json, final Class<T> type, final int maxLength) {
    if (json == null || json.isBlank()) {
      throw ErrorCode.MALFORMED.reject(name + " must be a JSON object, found nothing");
    }
    if (json.length() > maxLength) {
      throw ErrorCode.MALFORMED.reject(name + " is longer than " + maxLength + " characters");
    }
    try {
      Json.parseObject(json);
    } catch (JsonParseException e) {
      throw ErrorCode.MALFORMED.reject(name + " is not a strict JSON object: " + e.getMessage(), e);
    }
    try {
      return Json.fromJsonStrict(json, type);
    } catch (JsonParseException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Requires a non-blank text argument of at most {@code maxLength} characters.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} otherwise
   */
  public static String text(final String name, final String value, final int maxLength) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw ErrorCode.INVALID_ARGUMENT.reject(name + " must be 1 to " + maxLength + " characters");
    }
    return value;
  }
}
