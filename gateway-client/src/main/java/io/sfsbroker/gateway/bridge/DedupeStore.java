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
 * What the bridge knows about each device message, by (signer, nonce), kept on disk so that a
 * restarted bridge neither loses nor repeats one: a message is {@code ENDORSED} (the signed
 * transaction is kept, to be submitted again with the same id) and then {@code DONE} (its receipt
 * is kept). One small file per message, written atomically. Thread-safe.
 */
public final class DedupeStore {

  /** How far a message has got. */
  public enum State {
    /** Endorsed; the signed transaction may or may not have reached the ledger. */
    ENDORSED,
    /** Answered with the stored receipt. */
    DONE
  }

  /**
   * One message's record.
   *
   * @param signerId the envelope's signer
   * @param nonce the envelope's nonce
   * @param state how far it has got
   * @param transaction the signed transaction (base64) when {@code ENDORSED}
   * @param receipt the receipt when {@code DONE}
   */
  public record Entry(
      String signerId, String nonce, State state, String transaction, Receipt receipt) {

    /** Checks the fields. */
    public Entry {
      Objects.requireNonNull(signerId, "signerId");
      Objects.requireNonNull(nonce, "nonce");
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

  /** The record of (signer, nonce), if the bridge has seen that message. */
  public Optional<Entry> find(final String signerId, final String nonce) {
    Path file = file(signerId, nonce);
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
  public void endorsed(final String signerId, final String nonce, final byte[] transaction) {
    Objects.requireNonNull(transaction, "transaction");
    write(
        new Entry(
            signerId,
            nonce,
            State.ENDORSED,
            Base64.getEncoder().encodeToString(transaction),
            null));
  }

  /** Records the message's receipt: it is done. */
  public void done(final String signerId, final String nonce, final Receipt receipt) {
    Objects.requireNonNull(receipt, "receipt");
    write(new Entry(signerId, nonce, State.DONE, null, receipt));
  }

  private void write(final Entry entry) {
    Path file = file(entry.signerId(), entry.nonce());
    Path tmp =
        file.resolveSibling(file.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
    try {
      Files.writeString(tmp, Json.toJson(entry));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Path file(final String signerId, final String nonce) {
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(nonce, "nonce");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((signerId + "\0" + nonce).getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
