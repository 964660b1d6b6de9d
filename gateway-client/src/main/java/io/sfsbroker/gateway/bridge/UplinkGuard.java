package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.mqtt.InboundTopic;
import io.sfsbroker.protocol.mqtt.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The bridge's check before it spends work on a device's message: a per-device token bucket, so
 * that one device that floods its uplink topics gets {@code RATE_LIMITED} receipts instead of
 * making every other device's messages wait behind its own (Mosquitto 2.0 has no per-client publish
 * rate limit). Each device may send {@code burst} messages at once and {@code perSecond} a second
 * after that; a message over the limit is answered at once and never reaches the ledger.
 * Thread-safe.
 */
final class UplinkGuard {

  /** The bridge's limit: bursts of 40 messages, 10 a second after that, per device. */
  static final int DEFAULT_BURST = 40;

  static final int DEFAULT_PER_SECOND = 10;

  private final int burst;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  UplinkGuard(final int burst, final int perSecond, final LongSupplier nanoClock) {
    if (burst < 1 || perSecond < 1) {
      throw new IllegalArgumentException("burst and perSecond must be at least 1");
    }
    this.burst = burst;
    this.tokensPerNano = perSecond / (double) Duration.ofSeconds(1).toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** The bridge's guard, on the system's monotonic clock. */
  static UplinkGuard standard() {
    return new UplinkGuard(DEFAULT_BURST, DEFAULT_PER_SECOND, System::nanoTime);
  }

  /**
   * Takes one token of the bucket of the device whose uplink or query topic {@code topic} is; false
   * when that device is over its limit. Any other topic is admitted (the bridge ignores it).
   */
  boolean admit(final String topic) {
    Optional<String> device =
        Topics.parseQuery(topic).or(() -> Topics.parseUplink(topic).map(InboundTopic::deviceId));
    return device.isEmpty() || admitDevice(device.get());
  }

  /** Takes one token of {@code deviceId}'s bucket; false when the device is over its limit. */
  boolean admitDevice(final String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    long now = nanoClock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(deviceId, id -> new Bucket(burst, now));
    synchronized (bucket) {
      long elapsed = Math.max(0, now - bucket.updated);
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * tokensPerNano);
      bucket.updated = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  /** A sentence for the {@code RATE_LIMITED} receipt. */
  String reason(final String deviceId) {
    return "device "
        + deviceId
        + " sent more than "
        + burst
        + " messages at once or more than "
        + Math.round(tokensPerNano * Duration.ofSeconds(1).toNanos())
        + " a second; this message was not processed: send it again later (with a new nonce)";
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    private Bucket(final double tokens, final long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
