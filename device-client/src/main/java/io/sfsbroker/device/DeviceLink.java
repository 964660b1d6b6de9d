package io.sfsbroker.device;

import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.SliceQueryAnswer;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A device's link to the bridge (docs/protocol.md): what the fog-node and RP agents use of it. In
 * service it is {@link MqttDeviceLink}, with its persistent session and durable outbox; the agents'
 * unit tests use the in-process fake of device-client's test jar ({@code
 * io.sfsbroker.device.testing.FakeDeviceLink}).
 */
public interface DeviceLink extends AutoCloseable {

  /**
   * A message handed to the link.
   *
   * @param nonce its nonce, by which its receipt is matched
   * @param envelope the signed envelope
   */
  record Sent(String nonce, String envelope) {}

  /** Opens a link for a device; the agents take one so that tests can put a fake in its place. */
  @FunctionalInterface
  interface Opener {

    /**
     * Opens the link of {@code device}; it connects in the background.
     *
     * @param clock stamps the envelopes
     * @param notices gets every notice for the device, once each, on one thread, in order
     * @throws IllegalArgumentException when the device's key or certificates cannot be read
     */
    DeviceLink open(DeviceConfig device, Clock clock, Consumer<Notice> notices);
  }

  /** Opens links over MQTT: {@link MqttDeviceLink#start}. */
  Opener MQTT = MqttDeviceLink::start;

  /** The device id, which signs everything sent. */
  String id();

  /**
   * Signs {@code body} as the envelope type of {@code uplink} and sends it; returns at once.
   *
   * @return its nonce and envelope
   */
  Sent send(Uplink uplink, Object body);

  /**
   * The verdict on the message with {@code nonce}, waiting up to {@code timeout}: committed, or
   * rejected with a code. {@code UNAVAILABLE} is no verdict; the link sends the message again until
   * it has one.
   *
   * @throws TimeoutException when none came in time (the message may still be in the outbox)
   */
  Receipt awaitReceipt(String nonce, Duration timeout)
      throws TimeoutException, InterruptedException;

  /**
   * Asks the bridge about each of {@code sliceIds} (at most 100): the ledger state of those in
   * which this device is the tenant, a winner or the holder of the bundle tokens (any other slice
   * is {@code NOT_FOUND}), and the endpoints of those it holds (docs/protocol.md, "Queries").
   *
   * @return the bridge's answer, never a refusal
   * @throws TimeoutException when the bridge did not answer in time
   * @throws IllegalStateException when the link is down or the bridge refused the query
   */
  SliceQueryAnswer querySlices(List<String> sliceIds, Duration timeout)
      throws TimeoutException, InterruptedException;

  /**
   * The ledger state of each of {@code sliceIds}, as {@link #querySlices} answers it.
   *
   * @return slice id → state name ({@code ACTIVE}, {@code DECOMMISSIONED}, …, or {@code NOT_FOUND})
   * @throws TimeoutException when the bridge did not answer in time
   * @throws IllegalStateException when the link is down or the bridge refused the query
   */
  default Map<String, String> sliceStates(final List<String> sliceIds, final Duration timeout)
      throws TimeoutException, InterruptedException {
    return sliceIds.isEmpty() ? Map.of() : querySlices(sliceIds, timeout).slices();
  }

  /** Whether the link is connected to the broker now. */
  boolean isConnected();

  /** Waits until the link has connected at least once; false if it has not within timeout. */
  boolean awaitFirstConnection(Duration timeout) throws InterruptedException;

  /** How many signed messages the broker has not acknowledged yet. */
  int pending();

  /**
   * How many signed messages have no verdict yet: not acknowledged by the broker, or answered
   * {@code UNAVAILABLE} only (they are sent again), or without any receipt so far.
   */
  int unanswered();

  /** Closes the link; what is still in the outbox is sent by the next link of this device. */
  @Override
  void close();
}
