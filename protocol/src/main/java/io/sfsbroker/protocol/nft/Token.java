package io.sfsbroker.protocol.nft;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A non-fungible token, stored under {@code nft~<id>}.
 *
 * @param id the token id, such as {@code bundle:s-…:cpu-millicores}
 * @param kind what it stands for
 * @param owner the owning account
 * @param approved the account approved to transfer it; {@code null} when none
 * @param metadata what it stands for, in words and numbers (slice id, RP, category, amount …),
 *     sorted by name
 * @param mintedAt the transaction time of the mint
 * @param mintedTx the transaction that minted it
 */
public record Token(
    String id,
    TokenKind kind,
    String owner,
    String approved,
    SortedMap<String, String> metadata,
    Instant mintedAt,
    String mintedTx) {

  /** Checks the record and copies the metadata into a sorted map. */
  public Token {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(metadata)));
    Objects.requireNonNull(mintedAt, "mintedAt");
    Objects.requireNonNull(mintedTx, "mintedTx");
  }

  /** A new token of {@code owner}, without approval. */
  public static Token of(
      final String id,
      final TokenKind kind,
      final String owner,
      final Map<String, String> metadata,
      final Instant mintedAt,
      final String mintedTx) {
    return new Token(id, kind, owner, null, new TreeMap<>(metadata), mintedAt, mintedTx);
  }

  /** This token owned by {@code newOwner}, its approval cleared. */
  public Token ownedBy(final String newOwner) {
    return new Token(id, kind, newOwner, null, metadata, mintedAt, mintedTx);
  }

  /** This token with {@code account} approved ({@code null} clears). */
  public Token approving(final String account) {
    return new Token(id, kind, owner, account, metadata, mintedAt, mintedTx);
  }
}
