package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Receipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bridge knows about each device message, by (signer, nonce, topic), kept on disk so that
 * a restarted bridge neither loses nor repeats one: a message is {@code ENDORSED} (the signed
 * transaction is kept, to be submitted again with the same id) and then {@code DONE} once its
 * verdict reached the ledger (its receipt is kept). A message whose transaction the network did not
 * take in time stays {@code ENDORSED}: sent again, it is resubmitted, never answered {@code
 * REPLAY}. The topic is part of the key because the same envelope may go to two transactions (a
 * {@code service-confirmation} to {@code service} or {@code decommission}): a rejection on the
 * wrong topic writes nothing on the ledger, so it must not stop the same envelope on the right one
 * (the chaincode's nonce record still applies it at most once). One small file per message, written
 * atomically. Thread-safe.
 */
public final class DedupeStore {

  /** How far a message has got. */
  public enum State {
    /**
     * Endorsed; the signed transaction may or may not have reached the ledger. Sent again, the
     * message is resubmitted as this same transaction (same id: applied at most once).
     */
    ENDORSED,
    /** Its verdict reached the ledger (committed, or a final rejection); the receipt is kept. */
    DONE
  }

  /**
   * One message's record.
   *
   * @param signerId the envelope's signer
   * @param nonce the envelope's nonce
   * @param topic the uplink topic it arrived on
   * @param state how far it has got
   * @param transaction the signed transaction (base64) when {@code ENDORSED}
   * @param receipt the receipt when {@code DONE}
   * @param envelopeDigest the SHA-256 (hex) of the envelope whose verdict {@code receipt} is, when
   *     {@code DONE}: a device may sign the same message again with the same nonce, and after a
   *     rejection that copy is a new message (the ledger applied nothing and keeps the nonce once)
   */
  public record Entry(
      String signerId,
      String nonce,
      String topic,
      State state,
      String transaction,
      Receipt receipt,
      String envelopeDigest) {

    /** Checks the fields. */
    public Entry {
      Objects.requireNonNull(signerId, "signerId");
      Objects.requireNonNull(nonce, "nonce");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(state, "state");
    }

    /** The signed transaction bytes, for an {@code ENDORSED} entry. */
    public byte[] transactionBytes() {
      return Base64.getDecoder().decode(Objects.requireNonNull(transaction, "transaction"));
    }
  }

  private final Path dir;

  /**
   * A store in {@code dir}, created when missing.
   *
   * @throws UncheckedIOException when the folder cannot be created
   */
  public DedupeStore(final Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the de-duplication folder " + dir, e);
    }
  }

  /** The record of (signer, nonce) on {@code topic}, if the bridge has seen that message there. */
  public Optional<Entry> find(final String signerId, final String nonce, final String topic) {
    Path file = file(signerId, nonce, topic);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.fromJson(Files.readString(file), Entry.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Records that the message was endorsed as {@code transaction} (its signed bytes). */
  public void endorsed(
      final String signerId, final String nonce, final String topic, final byte[] transaction) {
    Objects.requireNonNull(transaction, "transaction");
    write(
        new Entry(
            signerId,
            nonce,
            topic,
            State.ENDORSED,
            Base64.getEncoder().encodeToString(transaction),
            null,
            null));
  }

  /**
   * Records the message's final receipt: it is done.
   *
   * @throws IllegalArgumentException for an {@code UNAVAILABLE} receipt, which is no verdict
   */
  public void done(
      final String signerId,
      final String nonce,
      final String topic,
      final String envelopeDigest,
      final Receipt receipt) {
    Objects.requireNonNull(receipt, "receipt");
    if (!Verdicts.isFinal(receipt)) {
      throw new IllegalArgumentException(
          "an " + receipt.code() + " receipt is no verdict; the message stays re-submittable");
    }
    write(new Entry(signerId, nonce, topic, State.DONE, null, receipt, envelopeDigest));
  }

  private void write(final Entry entry) {
    Path file = file(entry.signerId(), entry.nonce(), entry.topic());
    Path tmp =
        file.resolveSibling(file.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
    try {
      Files.writeString(tmp, Json.toJson(entry));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The SHA-256 (hex) of an envelope's text, as {@link Entry#envelopeDigest} holds it. */
  public static String digest(final String envelope) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(envelope.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private Path file(final String signerId, final String nonce, final String topic) {
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(topic, "topic");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((signerId + "\0" + nonce + "\0" + topic).getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
