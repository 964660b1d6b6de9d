package io.sfsbroker.rp;

import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * What the agent needs of its link to the bridge: {@link io.sfsbroker.device.DeviceLink} in
 * service, a fake in the agent's unit tests.
 */
interface BridgeLink extends AutoCloseable {

  /** Signs {@code body} as the envelope of {@code uplink}, sends it, and returns its nonce. */
  String send(Uplink uplink, Object body);

  /** The receipt of the message with {@code nonce}. */
  Receipt awaitReceipt(String nonce, Duration timeout)
      throws TimeoutException, InterruptedException;

  /** The ledger state of each slice ({@code NOT_FOUND} for those that are not this RP's). */
  Map<String, String> sliceStates(List<String> sliceIds, Duration timeout)
      throws TimeoutException, InterruptedException;

  /** Waits until the link has connected once; false if not within {@code timeout}. */
  boolean awaitConnection(Duration timeout) throws InterruptedException;

  @Override
  void close();
}
